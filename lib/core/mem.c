// SPDX-License-Identifier: BSD-2-Clause
/* mem.c - the allocation choke point: a caller's allocator or libc. */
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"

/* The header of user pointer @p, and the user pointer of header @h. */
static size_t *hdr_of(void *p)
{
	return (size_t *)(void *)((char *)p - RB_MEM_HDR);
}

static void *user_of(void *h)
{
	return (char *)h + RB_MEM_HDR;
}

/* Raw blocks of @n bytes (header included) from @a or libc; from libc
 * not zeroed unless @zero (a caller's alloc always zeroes). */
static void *raw_alloc(const struct rawbpf_allocator *a, size_t n, bool zero)
{
	int saved = errno;	/* libc's ENOMEM is ours to report */
	void *p;

	if (a && a->alloc)
		return a->alloc(a->ctx, n);
	p = zero ? calloc(1, n) : malloc(n);
	errno = saved;
	return p;
}

static void raw_free(const struct rawbpf_allocator *a, void *h, size_t n)
{
	if (a && a->free)
		a->free(a->ctx, h, n);
	else if (!a || !a->alloc)
		free(h);
}

static void *alloc_hdr(const struct rawbpf_allocator *a, size_t size, bool zero)
{
	size_t *h;

	if (size > SIZE_MAX - RB_MEM_HDR)
		return NULL;
	h = raw_alloc(a, size + RB_MEM_HDR, zero);
	if (!h)
		return NULL;
	*h = size;
	return user_of(h);
}

void *rb_alloc(const struct rawbpf_allocator *a, size_t size)
{
	return alloc_hdr(a, size, true);
}

void *rb_alloc_array(const struct rawbpf_allocator *a, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		return NULL;
	return rb_alloc(a, n * size);
}

void *rb_alloc_array_uninit(const struct rawbpf_allocator *a, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		return NULL;
	return alloc_hdr(a, n * size, false);
}

void *rb_resize(const struct rawbpf_allocator *a, void *ptr, size_t new_size)
{
	size_t old_size, *h;
	int saved = errno;

	if (!ptr)
		return rb_alloc(a, new_size);
	if (new_size > SIZE_MAX - RB_MEM_HDR)
		return NULL;
	old_size = *hdr_of(ptr);
	if (a && a->resize)
		h = a->resize(a->ctx, hdr_of(ptr), old_size + RB_MEM_HDR,
			      new_size + RB_MEM_HDR);
	else if (a && a->alloc) {
		/* An allocator without resize: allocate, copy, free. */
		char *p = rb_alloc(a, new_size);

		if (p) {
			memcpy(p, ptr, old_size < new_size ? old_size : new_size);
			rb_free(a, ptr);
		}
		return p;
	} else {
		h = realloc(hdr_of(ptr), new_size + RB_MEM_HDR);
		errno = saved;
	}
	if (!h)
		return NULL;
	*h = new_size;
	if (new_size > old_size)
		memset((char *)user_of(h) + old_size, 0, new_size - old_size);
	return user_of(h);
}

void rb_free(const struct rawbpf_allocator *a, void *ptr)
{
	if (ptr)
		raw_free(a, hdr_of(ptr), *hdr_of(ptr) + RB_MEM_HDR);
}

char *rb_strdup(const struct rawbpf_allocator *a, const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = rb_alloc(a, n);

	if (p)
		memcpy(p, s, n);
	return p;
}

int rb_opts_copy(void *dst, size_t dst_size, const void *src)
{
	uint32_t src_size;
	const unsigned char *tail;
	size_t i;

	memset(dst, 0, dst_size);
	if (!src)
		return 0;
	memcpy(&src_size, src, sizeof(src_size));
	if (src_size < sizeof(uint32_t))
		return -EINVAL;
	if (src_size > dst_size) {
		tail = (const unsigned char *)src + dst_size;
		for (i = 0; i < src_size - dst_size; i++)
			if (tail[i])
				return -E2BIG;
		src_size = (uint32_t)dst_size;
	}
	memcpy(dst, src, src_size);
	return 0;
}
