/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * kernel.h - what the target kernel is, as lib/object asks for it: its BTF
 * (vmlinux, parsed once per process; see kernel_btf.c for the thread-safety
 * rules), its build configuration and its symbol addresses. lib/object
 * reads no /proc or /sys file itself.
 */
#ifndef RB_KERNEL_KERNEL_H
#define RB_KERNEL_KERNEL_H

#include <stddef.h>
#include <stdint.h>

#include "btf/btf.h"

/* ---- BTF (kernel_btf.c) ---- */

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

/* ---- configuration and symbols (kconfig_read.c, kallsyms.c) ---- */

/* rb_kernel_config_read - the kernel config text from @plain, else
 * gunzipped from @gz; *@buf (NUL-terminated, *@len bytes + 1) from @a. */
int rb_kernel_config_read(const struct rawbpf_allocator *a, const char *plain,
			  const char *gz, char **buf, size_t *len);
/* rb_kernel_kallsyms_addr - address of kernel symbol @name from
 * /proc/kallsyms; 0, -ENOENT or the read's -errno. */
int rb_kernel_kallsyms_addr(const struct rawbpf_allocator *a, const char *name,
			    uint64_t *addr);

#endif
