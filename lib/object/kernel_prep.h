/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * kernel_prep.h - what an object needs from the kernel's BTF, gathered
 * before its programs load (attach targets, CO-RE candidate names, ksyms)
 * and looked up in one pass over vmlinux BTF.
 */
#ifndef RB_OBJECT_KERNEL_PREP_H
#define RB_OBJECT_KERNEL_PREP_H

#include "btf/btf_names.h"
#include "kernel/kernel.h"

struct rawbpf_object;

/* A module whose split BTF holds names vmlinux lacks. */
struct rb_kprep_mod {
	const struct rb_kmod *mod;
	struct rb_btf_names res;	/* its hits, indexed like k->names */
	int fd;			/* its kernel BTF object, -1 until asked for */
	int slot;		/* its index in fd_array, 0 until asked for */
};

struct rb_kprep {
	const struct rawbpf_allocator *a;
	char **names;		/* wanted names (owned copies) */
	uint32_t n, cap;
	uint32_t kinds;		/* RB_BTF_KINDS of every use of the names */
	const struct rb_btf *kbtf;	/* vmlinux; NULL until looked up */
	struct rb_btf_names res;
	struct rb_ktarget tgt;	/* where kbtf and the modules come from */
	int *mod_of;		/* per name: index in mods, -1: vmlinux/none */
	struct rb_kprep_mod *mods;
	uint32_t nmods, mods_cap;
	int *fd_array;		/* [0] unused, then module BTF fds (kfuncs) */
	uint32_t fd_cnt;
};

/* rb_kprep_add - ask for @name (@len bytes, no NUL needed) as one of
 * @kinds (RB_BTF_KINDS mask: only types of the kinds some name needs are
 * looked at); its index or -ENOMEM. */
int rb_kprep_add(struct rb_kprep *k, const char *name, size_t len, uint32_t kinds);
/* rb_kprep_get - the @nth id of wanted name @idx with @kind (-1 any), -ENOENT. */
int rb_kprep_get(const struct rb_kprep *k, int idx, int kind, uint32_t nth);
/* rb_kprep_btf - the BTF the ids of name @idx belong to (vmlinux or a
 * module's split BTF); NULL before the lookup. */
const struct rb_btf *rb_kprep_btf(const struct rb_kprep *k, int idx);
/* rb_kprep_obj_fd - for name @idx found in a module: the module's kernel
 * BTF object fd (*@fd) and its fd_array slot (*@slot), opened once; for
 * vmlinux 0 and 0. -EOPNOTSUPP (message in @obj) when the module BTF came
 * from a file, which has no kernel object; -errno. */
int rb_kprep_obj_fd(struct rawbpf_object *obj, struct rb_kprep *k, int idx,
		    const char *user, int *fd, int *slot);
/* rb_kprep_free - release everything of @k. */
void rb_kprep_free(struct rb_kprep *k);

/* rb_obj_prepare_kernel - gather and look up (one pass) the kernel names of
 * every autoload program; set attach_btf_id; 0 or -errno with a message. */
int rb_obj_prepare_kernel(struct rawbpf_object *obj, struct rb_kprep *k);

#endif
