/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * struct_ops_load.h - struct_ops maps in the kernel_prep pass: the kernel
 * type names they need, then their values and programs' attach ids.
 */
#ifndef RB_OBJECT_STRUCT_OPS_LOAD_H
#define RB_OBJECT_STRUCT_OPS_LOAD_H

#include "object/kernel_prep.h"

struct rawbpf_object;

/* rb_obj_struct_ops_want - ask @k for `struct <name>` and its
 * `struct bpf_struct_ops_<name>` of every struct_ops map; 0 or -errno. */
int rb_obj_struct_ops_want(struct rawbpf_object *obj, struct rb_kprep *k);
/* rb_obj_struct_ops_resolve - after the lookup: each map's kernel type
 * ids, value size and value (data members), and its programs'
 * attach_btf_id / expected_attach_type / attach_btf_obj_fd. 0 or -errno
 * (-ESRCH: type not in the kernel, -EINVAL: members do not match) with a
 * message. No syscall, except opening a module's BTF object. */
int rb_obj_struct_ops_resolve(struct rawbpf_object *obj, struct rb_kprep *k);

#endif
