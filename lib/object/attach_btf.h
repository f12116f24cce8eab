/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * attach_btf.h - which BTF name a program attaches to (pure) and how the
 * loader resolves it (kernel BTF or a target program's BTF).
 */
#ifndef RB_OBJECT_ATTACH_BTF_H
#define RB_OBJECT_ATTACH_BTF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct rawbpf_object;
struct rawbpf_program;

/*
 * rb_attach_btf_name - the BTF name (into @buf) and kind (*@kind) a
 * program of @prog_type/@attach_type in section @sec attaches to; @func
 * (may be NULL) replaces the section's target; @in_prog: the target is a
 * BPF program's function (no kernel prefix). Returns 1 when written, 0 when
 * the program takes no attach_btf_id, -EINVAL when the section names no
 * target, -ENAMETOOLONG.
 */
int rb_attach_btf_name(uint32_t prog_type, uint32_t attach_type,
		       const char *sec, const char *func, bool in_prog,
		       char *buf, size_t size, int *kind);
/* rb_obj_attach_name - rb_attach_btf_name for program @p. */
int rb_obj_attach_name(const struct rawbpf_program *p, char *buf,
		       size_t size, int *kind);
/* rb_obj_attach_prog_target - attach_btf_id of @p in the BTF of its
 * attach_prog_fd; 0 or -errno with the object message set. */
int rb_obj_attach_prog_target(struct rawbpf_object *obj,
			      struct rawbpf_program *p);
/* rb_obj_attach_target - the last check before PROG_LOAD: freplace without
 * a target program is refused by name; 0 or -EINVAL. */
int rb_obj_attach_target(struct rawbpf_object *obj, struct rawbpf_program *p);
/* rb_obj_free_attach_target - forget rawbpf_program_set_attach_target's name. */
void rb_obj_free_attach_target(struct rawbpf_program *prog);

#endif
