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

#endif
