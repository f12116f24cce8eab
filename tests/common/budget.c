// SPDX-License-Identifier: BSD-2-Clause
/* budget.c - a failing, counting allocator and an fd counter for tests. */
#include <dirent.h>
#include <stdlib.h>

#include "budget.h"

static void *b_alloc(void *ctx, size_t size)
{
	struct budget *b = ctx;
	void *p;

	if (b->left == 0) {
		b->refused++;
		return NULL;
	}
	if (b->left > 0)
		b->left--;
	p = calloc(1, size);
	if (p) {
		b->live++;
		b->bytes += size;
	}
	return p;
}

static void b_free(void *ctx, void *p, size_t size)
{
	struct budget *b = ctx;

	b->live--;
	b->bytes -= size;
	free(p);
}

struct rawbpf_allocator rb_budget_allocator(struct budget *b)
{
	return (struct rawbpf_allocator){ .alloc = b_alloc, .free = b_free, .ctx = b };
}

int rb_count_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	int n = 0;

	while (d && readdir(d))
		n++;
	if (d)
		closedir(d);
	return n;
}
