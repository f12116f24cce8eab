/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * core_obj.h - CO-RE relocations of an object's programs: which kernel
 * names they need, and applying them to a program's relocated copy.
 */
#ifndef RB_OBJECT_CORE_OBJ_H
#define RB_OBJECT_CORE_OBJ_H

#include <linux/bpf.h>
#include <stdint.h>

struct rawbpf_object;
struct rawbpf_program;
struct rb_kprep;

/* rb_obj_core_want - ask @k for the essential names of every CO-RE root type. */
int rb_obj_core_want(struct rawbpf_object *obj, struct rb_kprep *k);
/* rb_obj_core_apply - patch the CO-RE relocations of every function placed
 * in @insns (@func_base from rb_obj_relocate); 0 or -errno with a message. */
int rb_obj_core_apply(struct rawbpf_object *obj, struct rawbpf_program *p,
		      const struct rb_kprep *k, struct bpf_insn *insns,
		      uint32_t cnt, const uint32_t *func_base);

#endif
