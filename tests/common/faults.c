// SPDX-License-Identifier: BSD-2-Clause
/* faults.c - the fault walks of faults.h: hooks on the bpf(2) and netlink
 * choke points, a budgeted allocator, and the leak checks. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>
#include <linux/netlink.h>

#include "budget.h"
#include "faults.h"
#include "fixture.h"
#include "progs.h"
#include "rawbpf/sys.h"
#include "sys/netlink.h"
#include "sys/raw.h"

/* The state of one injected run. */
static struct {
	int bpf_at, bpf_calls;		/* fail bpf(2) call number bpf_at */
	int nl_at, nl_calls;		/* fail netlink exchange nl_at */
} F;
static struct budget B;		/* the allocations of a run */
static struct rawbpf_allocator budget;

static int bpf_before(void *ctx, int cmd, void *attr, unsigned int size,
		      long *ret)
{
	(void)ctx; (void)cmd; (void)attr; (void)size;
	if (++F.bpf_calls != F.bpf_at)
		return 0;
	*ret = RB_FAULT_BPF_ERR;
	return 1;
}

/* perf_event_open and the perf ioctls count as syscalls of the same walk */
static int perf_before(void *ctx, unsigned long request, long *ret)
{
	return bpf_before(ctx, (int)request, NULL, 0, ret);
}

static const struct rb_sys_hook bpf_hook = { .before = bpf_before,
					     .perf = perf_before };

/* Pass a request to the kernel on a socket of our own and collect the
 * whole answer, up to the ACK or DONE: the test plays rb_nl_talk's
 * transport so that only the chosen exchange fails. */
static long nl_kernel(const void *req, size_t len, unsigned char *reply,
		      size_t cap)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	const struct nlmsghdr *rq = req;
	size_t have = 0;
	long ret = -EBADMSG;
	int fd, one = 1, done = 0;

	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	if (fd < 0)
		return -errno;
	setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
	if (sendto(fd, req, len, 0, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		ret = -errno;
		goto out;
	}
	while (!done && have < cap) {
		ssize_t n = recv(fd, reply + have, cap - have, 0);
		const unsigned char *p = reply + have;
		size_t left;

		if (n <= 0) {
			ret = n < 0 ? -errno : -EBADMSG;
			goto out;
		}
		for (left = (size_t)n; left >= NLMSG_HDRLEN;) {
			const struct nlmsghdr *h = (const void *)p;

			if (h->nlmsg_len < NLMSG_HDRLEN || h->nlmsg_len > left)
				break;
			if (h->nlmsg_seq == rq->nlmsg_seq &&
			    (h->nlmsg_type == NLMSG_ERROR ||
			     h->nlmsg_type == NLMSG_DONE))
				done = 1;
			if (NLMSG_ALIGN(h->nlmsg_len) >= left)
				break;
			left -= NLMSG_ALIGN(h->nlmsg_len);
			p += NLMSG_ALIGN(h->nlmsg_len);
		}
		have += (size_t)n;
	}
	ret = done ? (long)have : -EMSGSIZE;
out:
	close(fd);
	return ret;
}

static long nl_xfer(void *ctx, const void *req, size_t len, void *reply,
		    size_t cap)
{
	(void)ctx;
	if (++F.nl_calls == F.nl_at)
		return RB_FAULT_NL_ERR;
	return nl_kernel(req, len, reply, cap);
}

static const struct rb_nl_hook nl_hook = { .xfer = nl_xfer };

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
	rb_sys_set_hook(&bpf_hook);
	if (c->netlink)
		rb_nl_set_hook(&nl_hook);
	err = c->make(c->ctx, &budget, at);
	rb_sys_set_hook(NULL);
	rb_nl_set_hook(NULL);
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
	rb_sys_set_hook(&bpf_hook);	/* counts only: no call is failed */
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
		F.bpf_at = k;
		err = run(c, &at);
		if (F.bpf_calls < k) {	/* no k-th call: it went through */
			assert_int_equal(err, 0);
			finish(c, at);
			assert_int_equal(rb_count_fds(), fds);
			break;
		}
		st->bpf++;
		failed(c, err, RB_FAULT_BPF_ERR, fds, at);
	}
	for (k = 1; c->netlink; k++) {
		fds = rb_count_fds();
		reset();
		F.nl_at = k;
		err = run(c, &at);
		if (F.nl_calls < k) {
			assert_int_equal(err, 0);
			finish(c, at);
			break;
		}
		st->netlink++;
		failed(c, err, RB_FAULT_NL_ERR, fds, at);
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

/* Arm fault @k of kind @mode (0 bpf, 1 netlink, 2 allocation). */
static void arm(int mode, int k)
{
	reset();
	if (mode == 0)
		F.bpf_at = k;
	else if (mode == 1)
		F.nl_at = k;
	else
		B.left = k - 1;
}

/* Did the armed fault happen? */
static int fired(int mode, int k)
{
	if (mode == 0)
		return F.bpf_calls >= k;
	if (mode == 1)
		return F.nl_calls >= k;
	return B.refused > 0;
}

static const long mode_err[] = { RB_FAULT_BPF_ERR, RB_FAULT_NL_ERR, -ENOMEM };

int rb_fault_walk_op(const struct rb_fault_case *c,
		     int (*op)(void *ctx, struct rawbpf_attachment *at),
		     void (*unchanged)(void *ctx, struct rawbpf_attachment *at))
{
	struct rawbpf_attachment *at;
	int k, err, fds, points = 0;
	size_t bytes;
	long live;

	for (int mode = 0; mode < 3; mode++) {
		if (mode == 1 && !c->netlink)
			continue;
		for (k = 1;; k++) {
			reset();
			assert_int_equal(c->make(c->ctx, &budget, &at), 0);
			fds = rb_count_fds();
			live = B.live;
			bytes = B.bytes;
			arm(mode, k);
			B.live = live;
			B.bytes = bytes;
			rb_sys_set_hook(&bpf_hook);
			if (mode == 1)
				rb_nl_set_hook(&nl_hook);
			err = op(c->ctx, at);
			rb_sys_set_hook(NULL);
			rb_nl_set_hook(NULL);
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
