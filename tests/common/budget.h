/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * budget.h - an allocator for tests that fails after a number of
 * allocations and counts what is outstanding, and an fd counter: the
 * tools of the "every allocation fails in turn" tests.
 */
#ifndef RB_TEST_BUDGET_H
#define RB_TEST_BUDGET_H

#include <stddef.h>

#include "rawbpf/common.h"

struct budget {
	long left;		/* allocations still allowed; <0: unlimited */
	long live;		/* outstanding allocations */
	size_t bytes;		/* outstanding bytes */
	long refused;		/* allocations refused */
};

/* rb_budget_allocator - an allocator drawing on @b. */
struct rawbpf_allocator rb_budget_allocator(struct budget *b);
/* rb_count_fds - open fds of this process (entries of /proc/self/fd). */
int rb_count_fds(void);

#endif
