// SPDX-License-Identifier: BSD-2-Clause
/* errno_kept.c - rawbpf reports errors only through return values: a
 * failing call of each module that touches libc (bpffs, pins, tracefs,
 * uprobe symbol files, /proc maps, netlink, sockets, fd dups, number
 * parsing) returns -errno and leaves the caller's errno as it was. */
#include <errno.h>
#include <string.h>

#include "fixture.h"
#include "rawbpf/attach_net.h"
#include "rawbpf/attach_trace.h"
#include "rawbpf/pin.h"
#include "sys/tracefs.h"

#define NOWHERE "/nonexistent-rawbpf"
#define MARK 4321

/* Run @call with errno = MARK; it must return @want and keep MARK. */
#define KEEPS(want, call)                               \
	do {                                            \
		errno = MARK;                           \
		assert_int_equal((call), (want));       \
		assert_int_equal(errno, MARK);          \
	} while (0)

static void test_pin(void **state)
{
	(void)state;
	KEEPS(-ENOENT, rawbpf_bpffs_detect(NOWHERE));
	KEEPS(-ENOTSUP, rawbpf_bpffs_mkdir(NOWHERE "/x", 0700));
	KEEPS(-ENOENT, rawbpf_bpffs_unpin(NOWHERE "/x"));
	KEEPS(-EINVAL, rawbpf_bpffs_unpin(NOWHERE "/"));
	/* fd 1000 is not open: readlink fails */
	KEEPS(-ENOENT, rawbpf_fd_type(1000));
	/* the kernel's answer differs without privilege; errno must not */
	errno = MARK;
	assert_true(rawbpf_bpffs_get(NOWHERE "/x", 0) < 0);
	assert_int_equal(errno, MARK);
}

static void test_trace(void **state)
{
	RAWBPF_OPTS(rawbpf_attach_tracepoint_opts, tp, .tracefs = NOWHERE);
	struct rawbpf_attachment *at = NULL;
	char buf[256];
	uint64_t off;

	(void)state;
	KEEPS(-ENOENT, rawbpf_uprobe_resolve(NOWHERE, "main", &off, NULL));
	KEEPS(-ENOENT, rawbpf_uprobe_find_library(0, "librawbpf-none", buf,
						  sizeof(buf)));
	/* a number that does not fit (ERANGE inside) is just invalid */
	KEEPS(-EINVAL, rawbpf_attach_uprobe_spec(-1, "/bin/true:"
						 "99999999999999999999999",
						 NULL, &at));
	KEEPS(-EINVAL, rawbpf_attach_uprobe_spec(-1, "/bin/true:1z", NULL,
						 &at));
	KEEPS(-ENOENT, rawbpf_attach_tracepoint(-1, "sched", "sched_switch",
						&tp, &at));
	KEEPS(-ENOENT, rb_tfs_write_line(NOWHERE, "kprobe_events", "x"));
	assert_null(at);
}

static void test_net(void **state)
{
	struct rawbpf_attachment *at = NULL;
	struct rawbpf_xdp_query q;
	int err;

	(void)state;
	/* the program fd is dup'ed first: -1 is EBADF */
	KEEPS(-EBADF, rawbpf_attach_socket(-1, 0, NULL, &at));
	assert_null(at);
	/* an interface that does not exist: the kernel answers over
	 * netlink (or the socket is refused without privilege) */
	errno = MARK;
	err = rawbpf_xdp_query(0x7ffffff0, &q);
	assert_true(err < 0);
	assert_int_equal(errno, MARK);
	errno = MARK;
	assert_true(rawbpf_tc_qdisc_destroy(0x7ffffff0) < 0);
	assert_int_equal(errno, MARK);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pin),
		cmocka_unit_test(test_trace),
		cmocka_unit_test(test_net),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
