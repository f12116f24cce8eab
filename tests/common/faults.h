/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * faults.h - fault injection for the attach and pin tests. A walk makes
 * the k-th call through the choke point's one hook fail (bpf(2), perf
 * events, and every libc call of sys/libc.h: open, read, mmap, socket,
 * netlink I/O, mount, mkdir, epoll, ...), the k-th new fd (RLIMIT_NOFILE),
 * or the k-th allocation (a caller's allocator with a budget), for k = 1,
 * 2, ... until the operation gets through, and checks
 * after every failure that it was the injected error and that nothing
 * leaked: no memory (the allocator counts), no fd (/proc/self/fd), and,
 * through the case's own check, no kernel state (attachments, pins,
 * qdiscs, tracefs probe events).
 */
#ifndef RB_TEST_FAULTS_H
#define RB_TEST_FAULTS_H

#include <stdint.h>

#include "budget.h"
#include "rawbpf/attach.h"
#include "sys/raw.h"

/* The error a walk injects: one no wrapper produces by itself, so the
 * test sees exactly the injected failure come back. */
#define RB_FAULT_ERR (-EDOM)

struct rb_fault_case {
	/* Make the attachment with @alloc: 0 and *@out, or -errno. */
	int (*make)(void *ctx, const struct rawbpf_allocator *alloc,
		    struct rawbpf_attachment **out);
	/* Optional: assert that nothing of this case is left in the kernel:
	 * after each failure (@made 0) and after destroying a made
	 * attachment (@made 1). */
	void (*clean)(void *ctx, int made);
	/* Optional: assert that a made attachment is really attached. */
	void (*check)(void *ctx, struct rawbpf_attachment *at);
	void *ctx;
};

/* What a walk exercised: the failure points it reached. */
struct rb_fault_stats {
	int bpf;		/* bpf(2) and perf calls failed in turn */
	int libc;		/* other calls failed in turn (sys/libc.h) */
	int kinds[RB_SYS_NKINDS];	/* failures by kind */
	int alloc;		/* allocations failed in turn */
	int fd;			/* fd creations failed in turn (EMFILE) */
};

/*
 * rb_fault_walk - walk every failure point of c->make (each call
 * through the hook, each fd, each allocation); each must return the injected
 * error (or succeed, when the failed call was optional) and leave nothing
 * behind. Counts go to @st.
 */
void rb_fault_walk(const struct rb_fault_case *c, struct rb_fault_stats *st);

/*
 * rb_fault_walk_op - the same for an operation on a made attachment
 * (update, pin, detach): @op is called with faults injected; after each
 * failure @unchanged asserts the attachment is as before. Call and
 * allocation faults only. Returns the number of failure points reached.
 */
int rb_fault_walk_op(const struct rb_fault_case *c,
		     int (*op)(void *ctx, struct rawbpf_attachment *at),
		     void (*unchanged)(void *ctx, struct rawbpf_attachment *at));

/* The calls a rb_fault_walk_calls failed, as "kind path" ("open
 * /proc/kallsyms", "read /sys/kernel/btf/vmlinux", "mmap x.o", "mkdir
 * name", "bpf "): reads and mmaps name the file their fd was opened on. */
#define RB_FAULT_CALLS_MAX 512
struct rb_fault_calls {
	char what[RB_FAULT_CALLS_MAX][128];
	int n;
};

/*
 * rb_fault_walk_calls - run @op(@ctx, a budgeted allocator) with its k-th
 * call through the hook failed, for k = 1, 2, ... until one run gets
 * through (of the reads of one fd, the first two: a file read in 4 KB
 * pieces would make a walk of thousands of runs through the same code).
 * A run that fails must return exactly RB_FAULT_ERR and leave no
 * fd and no allocation (then @clean(@ctx, 0) checks the kernel side); a
 * run that gets through (the failed call was optional) must leave no fd
 * or allocation either, once @clean(@ctx, 1) undid what it made. The
 * op must free what it allocated before returning. Returns the number of
 * calls; @seen lists the calls failed.
 */
int rb_fault_walk_calls(int (*op)(void *ctx, const struct rawbpf_allocator *a),
			void (*clean)(void *ctx, int made), void *ctx,
			struct rb_fault_calls *seen);
/* rb_fault_refuse_always - in the walks from now on, refuse every call of
 * @kind (an enum rb_sys_kind) on @path (an open's path, or the path a read
 * or mmap's fd was opened on) with @err, uncounted: an older kernel's
 * answer (mmap of vmlinux BTF before 6.16: -ENODEV). @path NULL: off. */
void rb_fault_refuse_always(int kind, const char *path, long err);
/* rb_fault_failed - did the walk fail a call described by @what (a
 * substring of "kind path")? */
int rb_fault_failed(const struct rb_fault_calls *seen, const char *what);

struct rlimit;
/* rb_fds_allow - let this process make only @k more fds (RLIMIT_NOFILE at
 * the k-th free fd slot); the old limit into @saved. */
void rb_fds_allow(int k, struct rlimit *saved);
/* rb_fds_restore - put the limit back. */
void rb_fds_restore(const struct rlimit *saved);

/* rb_links_of_prog - how many bpf_links in the kernel run program @id. */
int rb_links_of_prog(uint32_t prog_id);
/* rb_probe_events_of_self - lines of <tracefs>/@file ("kprobe_events",
 * "uprobe_events") naming a rawbpf probe of this process. */
int rb_probe_events_of_self(const char *file);

#endif
