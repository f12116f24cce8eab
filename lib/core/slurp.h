/* SPDX-License-Identifier: BSD-2-Clause */
/* slurp.h - read a whole file or fd into memory from the caller's
 * allocator (kernel config, kallsyms, iterator output). */
#ifndef RB_CORE_SLURP_H
#define RB_CORE_SLURP_H

#include <stddef.h>
#include "rawbpf/common.h"

/*
 * rb_slurp_fd - read @fd to its end into a NUL-terminated buffer from @a
 * that starts at @start bytes and doubles as needed. *@buf, *@len (without
 * the NUL) and *@cap (the buffer's capacity; rb_free needs no size). 0 or -errno;
 * on error nothing stays allocated. The caller's errno is kept.
 */
int rb_slurp_fd(const struct rawbpf_allocator *a, int fd, size_t start,
		char **buf, size_t *len, size_t *cap);
/* rb_slurp_path - rb_slurp_fd on the file at @path (opened and closed). */
int rb_slurp_path(const struct rawbpf_allocator *a, const char *path,
		  size_t start, char **buf, size_t *len, size_t *cap);

#endif
