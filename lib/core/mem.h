/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * mem.h - the one allocation choke point and options-struct sizing.
 * Internal to rawbpf; every allocation in the library goes through here.
 * Each allocation carries its size in a small header (RB_MEM_HDR bytes in
 * front of what the caller sees), so frees and resizes name no size and
 * the allocator's free still receives the size it was asked for.
 */
#ifndef RB_CORE_MEM_H
#define RB_CORE_MEM_H

#include <stddef.h>
#include <stdint.h>
#include "rawbpf/common.h"

/* The size header in front of every allocation, keeping max alignment. */
#define RB_MEM_HDR (sizeof(max_align_t) > sizeof(size_t) ? \
		    sizeof(max_align_t) : sizeof(size_t))

/* rb_alloc - @size zeroed bytes from @a (NULL: libc). NULL on failure. */
void *rb_alloc(const struct rawbpf_allocator *a, size_t size);
/* rb_alloc_array - @n * @size zeroed bytes, NULL on overflow or failure. */
void *rb_alloc_array(const struct rawbpf_allocator *a, size_t n, size_t size);
/* rb_alloc_array_uninit - the same, not zeroed (from libc): for arrays the
 * caller fills before reading, where zeroing would cost (a BTF's offsets). */
void *rb_alloc_array_uninit(const struct rawbpf_allocator *a, size_t n, size_t size);
/* rb_resize - grow/shrink @ptr (NULL: allocate); new bytes are zeroed.
 * NULL on failure (@ptr stays valid). */
void *rb_resize(const struct rawbpf_allocator *a, void *ptr, size_t new_size);
/* rb_free - release @ptr from rb_alloc/rb_resize; NULL is ignored. */
void rb_free(const struct rawbpf_allocator *a, void *ptr);
/* rb_strdup - copy of @s through @a. */
char *rb_strdup(const struct rawbpf_allocator *a, const char *s);

/*
 * rb_opts_copy - copy a caller's options struct into a zeroed @dst of the
 * library's @dst_size. @src may be NULL (all defaults). Reads *(uint32_t *)src
 * as the caller's size. Returns 0, -EINVAL for a size smaller than the size
 * field itself, -E2BIG when the caller's struct is larger and its unknown
 * tail is not zero.
 */
int rb_opts_copy(void *dst, size_t dst_size, const void *src);

#define ptr_to_u64(p) ((uint64_t)(uintptr_t)(p))
#define u64_to_ptr(v) ((void *)(uintptr_t)(v))

#ifndef offsetofend
#define offsetofend(type, member) \
	(offsetof(type, member) + sizeof(((type *)0)->member))
#endif

#define RB_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#endif
