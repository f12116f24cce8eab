// SPDX-License-Identifier: BSD-2-Clause
/* faults.c - the fault walks of faults.h: the choke point's one test hook,
 * a budgeted allocator, and the leak checks. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>
#include <linux/bpf.h>

#include "budget.h"
#include "faults.h"
#include "fixture.h"
#include "progs.h"
#include "rawbpf/sys.h"
#include "sys/raw.h"
#include "sys_view.h"

/* The state of one injected run. */
static struct {
	int at, calls;			/* fail failable call number @at */
	int failed_kind;		/* the kind it was */
	long failed_op;			/* its op (bpf: the command) */
	char failed_what[128];		/* "kind path" */
	int read_limit;			/* >0: reads failable per fd */
} F;
static int fd_reads[1024];		/* reads of each fd in this run */
static struct budget B;		/* the allocations of a run */
static struct rawbpf_allocator budget;

/* close and munmap are never failed: their callers cannot act on it, and
 * a swallowed close would leak the fd. Nor is a netlink recv: the kernel
 * applied the request during the send, so a lost answer leaves the outcome
 * unknown (the caller gets the error; see rb_nl_talk). They still pass the
 * hook. */
static int failable(enum rb_sys_kind k)
{
	return k != RB_SYS_CLOSE && k != RB_SYS_MUNMAP && k != RB_SYS_RECV;
}

/* What each open fd of the library names (for reads and mmaps of it). */
#define FD_NAMES 1024
static char fd_name[FD_NAMES][96];

/* The path call @c names: its own, else the one its fd was opened on. */
static const char *call_path(const struct rb_sys_call *c)
{
	const char *path = rb_call_path(c);
	int fd = rb_call_fd(c);

	if (path && *path)
		return path;
	return fd >= 0 && fd < FD_NAMES ? fd_name[fd] : "";
}

/* "kind path" of the failed call @c into F.failed_what. */
static void describe(const struct rb_sys_call *c)
{
	static const char *const kinds[RB_SYS_NKINDS] = {
		[RB_SYS_OPEN] = "open", [RB_SYS_READ] = "read",
		[RB_SYS_MMAP] = "mmap", [RB_SYS_STAT] = "stat",
		[RB_SYS_STATFS] = "statfs", [RB_SYS_MOUNT] = "mount",
		[RB_SYS_MKDIR] = "mkdir", [RB_SYS_UNLINK] = "unlink",
		[RB_SYS_BPF] = "bpf", [RB_SYS_WRITE] = "write",
	};
	const char *what = kinds[c->kind] ? kinds[c->kind] : "call";
	const char *path = call_path(c);

	if (c->kind == RB_SYS_BPF)
		snprintf(F.failed_what, sizeof(F.failed_what), "bpf %ld", rb_call_op(c));
	else
		snprintf(F.failed_what, sizeof(F.failed_what), "%s %s", what,
			 path);
}

/* A call every run refuses, uncounted (rb_fault_refuse_always). */
static struct {
	int on;
	enum rb_sys_kind kind;
	char path[96];
	long err;
} always;

void rb_fault_refuse_always(int kind, const char *path, long err)
{
	always.on = path != NULL;
	always.kind = (enum rb_sys_kind)kind;
	always.err = err;
	snprintf(always.path, sizeof(always.path), "%s", path ? path : "");
}

/* Is @c the call refused in every run? */
static int refused_always(const struct rb_sys_call *c)
{
	const char *path = call_path(c);

	return always.on && c->kind == always.kind &&
	       !strcmp(path, always.path);
}

static int sys_before(void *ctx, const struct rb_sys_call *c, long *ret)
{
	(void)ctx;
	if (refused_always(c)) {
		*ret = always.err;
		return 1;
	}
	if (c->kind == RB_SYS_READ && F.read_limit && rb_call_fd(c) >= 0 &&
	    rb_call_fd(c) < FD_NAMES && ++fd_reads[rb_call_fd(c)] > F.read_limit)
		return 0;	/* the same read again: not a new point */
	if (!failable(c->kind) || ++F.calls != F.at)
		return 0;
	F.failed_kind = (int)c->kind;
	F.failed_op = rb_call_op(c);
	describe(c);
	*ret = RB_FAULT_ERR;
	return 1;
}

static void sys_after(void *ctx, const struct rb_sys_call *c, long ret)
{
	(void)ctx;
	if (c->kind == RB_SYS_OPEN && ret >= 0 && ret < FD_NAMES) {
		snprintf(fd_name[ret], sizeof(fd_name[0]), "%s", rb_call_path(c));
		fd_reads[ret] = 0;
	}
}

static const struct rb_sys_hook sys_hook = { .before = sys_before,
					     .after = sys_after };

/* Count a failure of kind @k into @st. */
static void count_kind(struct rb_fault_stats *st, int k)
{
	st->kinds[k]++;
	if (k == RB_SYS_BPF || k == RB_SYS_PERF_OPEN || k == RB_SYS_PERF_IOCTL)
		st->bpf++;
	else
		st->libc++;
}

int rb_links_of_prog(uint32_t prog_id)
{
	uint32_t id = 0;
	int n = 0;

	while (!rawbpf_sys_link_get_next_id(id, &id)) {
		struct rawbpf_link_info info;

		memset(&info, 0, sizeof(info));
		if (!rb_link_info_by_id(id, &info) && info.prog_id == prog_id)
			n++;
	}
	return n;
}

int rb_probe_events_of_self(const char *file)
{
	char path[256], line[512], mark[32];
	const char *root = rb_tracefs();
	FILE *f;
	int n = 0;

	if (!root)
		return 0;
	snprintf(path, sizeof(path), "%s/%s", root, file);
	snprintf(mark, sizeof(mark), "rawbpf_%d_", (int)getpid());
	f = fopen(path, "re");
	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f))
		n += strstr(line, mark) != NULL;
	fclose(f);
	return n;
}

static void reset(void)
{
	memset(&F, 0, sizeof(F));
	memset(&B, 0, sizeof(B));
	B.left = -1;
	budget = rb_budget_allocator(&B);
}

/* A made attachment: check it, destroy it, and check it is all gone. */
static void finish(const struct rb_fault_case *c, struct rawbpf_attachment *at)
{
	assert_non_null(at);
	if (c->check)
		c->check(c->ctx, at);
	rawbpf_attachment_destroy(at);
	assert_int_equal(B.live, 0);
	if (c->clean)
		c->clean(c->ctx, 1);
}

/* After a failure: the exact error, nothing held, nothing in the kernel. */
static void failed(const struct rb_fault_case *c, int err, int want,
		   int fds, struct rawbpf_attachment *at)
{
	if (!err) {		/* the failed call was optional */
		finish(c, at);
		assert_int_equal(rb_count_fds(), fds);
		return;
	}
	assert_int_equal(err, want);
	assert_null(at);
	assert_int_equal(B.live, 0);
	assert_int_equal(B.bytes, 0);
	assert_int_equal(rb_count_fds(), fds);
	if (c->clean)
		c->clean(c->ctx, 0);
}

/* One run of c->make with the faults set in F; hooks off afterwards. */
static int run(const struct rb_fault_case *c, struct rawbpf_attachment **at)
{
	int err;

	*at = NULL;
	rb_sys_set_hook(&sys_hook);
	err = c->make(c->ctx, &budget, at);
	rb_sys_set_hook(NULL);
	return err;
}

/* The number of the k-th free fd slot (0-based): with RLIMIT_NOFILE
 * there, exactly @k more fds can be made (the kernel takes the lowest). */
static int fd_slot(int k)
{
	static unsigned char open_fd[8192];
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;
	int dfd = d ? dirfd(d) : -1, fd;

	memset(open_fd, 0, sizeof(open_fd));
	while (d && (e = readdir(d))) {
		fd = atoi(e->d_name);
		if (e->d_name[0] != '.' && fd != dfd && fd < (int)sizeof(open_fd))
			open_fd[fd] = 1;
	}
	if (d)
		closedir(d);
	for (fd = 0; fd < (int)sizeof(open_fd); fd++)
		if (!open_fd[fd] && k-- == 0)
			break;
	return fd;
}

void rb_fds_allow(int k, struct rlimit *saved)
{
	struct rlimit lim;

	assert_int_equal(getrlimit(RLIMIT_NOFILE, saved), 0);
	lim = *saved;
	lim.rlim_cur = (rlim_t)fd_slot(k);
	assert_int_equal(setrlimit(RLIMIT_NOFILE, &lim), 0);
}

void rb_fds_restore(const struct rlimit *saved)
{
	assert_int_equal(setrlimit(RLIMIT_NOFILE, saved), 0);
}

/* One run in which only @k more fds can be made: the k+1-th dup, socket,
 * perf event or bpf object fd fails with EMFILE. */
static int run_fd_limited(const struct rb_fault_case *c,
			  struct rawbpf_attachment **at, int k)
{
	struct rlimit old;
	int err;

	rb_fds_allow(k, &old);
	*at = NULL;
	rb_sys_set_hook(&sys_hook);	/* counts only: no call is failed */
	err = c->make(c->ctx, &budget, at);
	rb_sys_set_hook(NULL);
	rb_fds_restore(&old);
	return err;
}

void rb_fault_walk(const struct rb_fault_case *c, struct rb_fault_stats *st)
{
	struct rawbpf_attachment *at;
	int k, err, fds;

	memset(st, 0, sizeof(*st));
	for (k = 1;; k++) {
		fds = rb_count_fds();
		reset();
		F.at = k;
		err = run(c, &at);
		if (F.calls < k) {	/* no k-th call: it went through */
			assert_int_equal(err, 0);
			finish(c, at);
			assert_int_equal(rb_count_fds(), fds);
			break;
		}
		count_kind(st, F.failed_kind);
		failed(c, err, RB_FAULT_ERR, fds, at);
	}
	for (k = 0;; k++) {
		fds = rb_count_fds();
		reset();
		B.left = k;
		err = run(c, &at);
		if (!B.refused) {
			assert_int_equal(err, 0);
			finish(c, at);
			assert_int_equal(rb_count_fds(), fds);
			break;
		}
		st->alloc++;
		failed(c, err, -ENOMEM, fds, at);
	}
	for (k = 0;; k++) {
		fds = rb_count_fds();
		reset();
		err = run_fd_limited(c, &at, k);
		if (!err) {
			finish(c, at);
			assert_int_equal(rb_count_fds(), fds);
			break;
		}
		st->fd++;
		failed(c, err, -EMFILE, fds, at);
	}
}

/* Arm fault @k of kind @mode (0 a call through the hook, 1 an
 * allocation). */
static void arm(int mode, int k)
{
	reset();
	if (mode == 0)
		F.at = k;
	else
		B.left = k - 1;
}

/* Did the armed fault happen? */
static int fired(int mode, int k)
{
	return mode == 0 ? F.calls >= k : B.refused > 0;
}

static const long mode_err[] = { RB_FAULT_ERR, -ENOMEM };

int rb_fault_walk_op(const struct rb_fault_case *c,
		     int (*op)(void *ctx, struct rawbpf_attachment *at),
		     void (*unchanged)(void *ctx, struct rawbpf_attachment *at))
{
	struct rawbpf_attachment *at;
	int k, err, fds, points = 0;
	size_t bytes;
	long live;

	for (int mode = 0; mode < 2; mode++) {
		for (k = 1;; k++) {
			reset();
			assert_int_equal(c->make(c->ctx, &budget, &at), 0);
			fds = rb_count_fds();
			live = B.live;
			bytes = B.bytes;
			arm(mode, k);
			B.live = live;
			B.bytes = bytes;
			rb_sys_set_hook(&sys_hook);
			err = op(c->ctx, at);
			rb_sys_set_hook(NULL);
			if (!fired(mode, k)) {
				assert_int_equal(err, 0);
				finish(c, at);
				break;
			}
			points++;
			if (err) {
				assert_int_equal(err, mode_err[mode]);
				assert_int_equal(rb_count_fds(), fds);
				assert_int_equal(B.live, live);
				if (unchanged)
					unchanged(c->ctx, at);
			}
			finish(c, at);
		}
	}
	return points;
}

int rb_fault_walk_calls(int (*op)(void *ctx, const struct rawbpf_allocator *a),
			void (*clean)(void *ctx, int made), void *ctx,
			struct rb_fault_calls *seen)
{
	int k, err, fds;

	memset(seen, 0, sizeof(*seen));
	for (k = 1;; k++) {
		fds = rb_count_fds();
		reset();
		F.at = k;
		F.read_limit = 2;
		rb_sys_set_hook(&sys_hook);
		err = op(ctx, &budget);
		rb_sys_set_hook(NULL);
		if (F.calls >= k && seen->n < RB_FAULT_CALLS_MAX)
			snprintf(seen->what[seen->n++], sizeof(seen->what[0]),
				 "%s", F.failed_what);
		if (F.calls >= k && err) {
			/* the exact error; no fd, memory or kernel state.
			 * Except: an object whose BTF the kernel refuses
			 * loads without it (documented), and the kernel's
			 * answer to that load is what comes back. */
			int degraded = F.failed_kind == RB_SYS_BPF &&
				       F.failed_op == BPF_BTF_LOAD;

			if (err != RB_FAULT_ERR && !degraded)
				fail_msg("failed %s: returned %d, not %d",
					 F.failed_what, err, RB_FAULT_ERR);
			assert_int_equal(B.live, 0);
			assert_int_equal(rb_count_fds(), fds);
			if (clean)
				clean(ctx, 0);
			continue;
		}
		/* it went through (no k-th call, or that one was optional) */
		assert_int_equal(err, 0);
		assert_int_equal(B.live, 0);
		assert_int_equal(rb_count_fds(), fds);
		if (clean)
			clean(ctx, 1);
		if (F.calls < k)
			return k - 1;
	}
}

int rb_fault_failed(const struct rb_fault_calls *seen, const char *what)
{
	for (int i = 0; i < seen->n; i++)
		if (strstr(seen->what[i], what))
			return 1;
	return 0;
}
