// SPDX-License-Identifier: BSD-2-Clause
/* mem.c - the allocation choke point: a caller's allocator or libc. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"

void *rb_alloc(const struct rawbpf_allocator *a, size_t size)
{
	int saved = errno;	/* libc's ENOMEM is ours to report */
	void *p;

	if (!size)
		size = 1;
	if (a && a->alloc)
		return a->alloc(a->ctx, size);
	p = calloc(1, size);
	errno = saved;
	return p;
}

void *rb_alloc_array(const struct rawbpf_allocator *a, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		return NULL;
	return rb_alloc(a, n * size);
}

void *rb_resize(const struct rawbpf_allocator *a, void *ptr, size_t old_size,
		size_t new_size)
{
	char *p;
	int saved = errno;

	if (!new_size)
		new_size = 1;
	if (a && a->resize)
		p = a->resize(a->ctx, ptr, old_size, new_size);
	else if (a && a->alloc) {
		/* An allocator without resize: allocate, copy, free. */
		p = a->alloc(a->ctx, new_size);
		if (p && ptr) {
			memcpy(p, ptr, old_size < new_size ? old_size : new_size);
			rb_free(a, ptr, old_size);
		}
		return p;
	} else {
		p = realloc(ptr, new_size);
		errno = saved;
	}
	if (p && new_size > old_size)
		memset(p + old_size, 0, new_size - old_size);
	return p;
}

void rb_free(const struct rawbpf_allocator *a, void *ptr, size_t size)
{
	if (!ptr)
		return;
	if (!size)	/* rb_alloc gave it 1 byte: tell the allocator the same */
		size = 1;
	if (a && a->free)
		a->free(a->ctx, ptr, size);
	else if (!a || !a->alloc)
		free(ptr);
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
