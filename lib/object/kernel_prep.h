/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * kernel_prep.h - what an object needs from the kernel's BTF, gathered
 * before its programs load (attach targets, CO-RE candidate names, ksyms)
 * and looked up in one pass over vmlinux BTF.
 */
#ifndef RB_OBJECT_KERNEL_PREP_H
#define RB_OBJECT_KERNEL_PREP_H

#include "btf/btf_names.h"

struct rawbpf_object;

struct rb_kprep {
	const struct rawbpf_allocator *a;
	char **names;		/* wanted names (owned copies) */
	uint32_t n, cap;
	const struct rb_btf *kbtf;	/* NULL until looked up */
	struct rb_btf_names res;
};

/* rb_kprep_add - ask for @name (@len bytes, no NUL needed); its index or -ENOMEM. */
int rb_kprep_add(struct rb_kprep *k, const char *name, size_t len);
/* rb_kprep_get - the @nth id of wanted name @idx with @kind (-1 any), -ENOENT. */
int rb_kprep_get(const struct rb_kprep *k, int idx, int kind, uint32_t nth);
/* rb_kprep_free - release everything of @k. */
void rb_kprep_free(struct rb_kprep *k);

/* rb_obj_prepare_kernel - gather and look up (one pass) the kernel names of
 * every autoload program; set attach_btf_id; 0 or -errno with a message. */
int rb_obj_prepare_kernel(struct rawbpf_object *obj, struct rb_kprep *k);

#endif
