/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * kernel_btf.h - the running kernel's vmlinux BTF, parsed once per process
 * (see kernel_btf.c for the thread-safety rules).
 */
#ifndef RB_OBJECT_KERNEL_BTF_H
#define RB_OBJECT_KERNEL_BTF_H

#include "btf/btf.h"

/* rb_kernel_btf - vmlinux BTF (mapped and parsed on first use, then cached
 * for the process); 0 and *@out, or -errno (-ENOENT: no kernel BTF). */
int rb_kernel_btf(const struct rb_btf **out);

struct rb_btf_names;
/* rb_kernel_btf_names - the ids of @names[0..@n) in vmlinux BTF into @res
 * (from @a; rb_btf_names_free), and that BTF in *@btf. The first call of
 * the process finds them while parsing; 0 or -errno. */
int rb_kernel_btf_names(const char *const *names, uint32_t n,
			const struct rawbpf_allocator *a,
			const struct rb_btf **btf, struct rb_btf_names *res);

#endif
