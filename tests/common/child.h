/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * child.h - run part of a test in a forked child process: the child loads,
 * attaches or pins, reports ids (and optionally passes one fd over
 * SCM_RIGHTS), then waits until the parent lets it exit or kills it. The
 * parent then checks by id what outlived the child. A child still running
 * when the test ends is killed at teardown.
 */
#ifndef RB_TEST_CHILD_H
#define RB_TEST_CHILD_H

#include <stdint.h>
#include <sys/types.h>

#define RB_CHILD_VALS 8

struct rb_child_report {
	int err;			/* 0, or -errno of the failed step */
	int line;			/* source line of the failed step */
	uint32_t val[RB_CHILD_VALS];	/* ids and whatever else */
	int fd;		/* child: an fd to pass (-1: none); parent: received */
};

/* What the child runs; return 0 or a negative errno (use RB_CHILD_TRY). */
typedef int (*rb_child_fn)(void *arg, struct rb_child_report *r);

/* RB_CHILD_TRY - in a child function: evaluate @expr (an fd, 0 or
 * -errno); on a negative value record it and the line and return it. */
#define RB_CHILD_TRY(r, expr)                          \
	({                                             \
		long _v = (long)(expr);                \
		if (_v < 0) {                          \
			(r)->err = (int)_v;            \
			(r)->line = __LINE__;          \
			return (int)_v;                \
		}                                      \
		(int)_v;                               \
	})

struct rb_child;

/*
 * rb_child_start - fork; the child runs @fn(@arg, report), sends the report
 * to the parent and waits. In the parent, *@r receives the report (r->err
 * is the child's error, r->fd the passed fd or -1). NULL if the fork or the
 * report failed.
 */
struct rb_child *rb_child_start(rb_child_fn fn, void *arg,
				struct rb_child_report *r);
/* rb_child_exit - let the child exit normally and reap it; its status. */
int rb_child_exit(struct rb_child *c);
/* rb_child_kill - SIGKILL the child and reap it. */
int rb_child_kill(struct rb_child *c);

/*
 * rb_expect_gone_and_silent - assert that link @link_id (0: no link) and
 * program @prog_id are freed (waiting out the grace period), then that
 * @fire() no longer moves the counter in @map_fd.
 */
void rb_expect_gone_and_silent(uint32_t link_id, uint32_t prog_id,
			       int map_fd, void (*fire)(void));

#endif
