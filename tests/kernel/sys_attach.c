// SPDX-License-Identifier: BSD-2-Clause
/*
 * sys_attach.c - the pre-link commands on a cgroup: PROG_ATTACH (single,
 * override, multi with replace), PROG_QUERY (ids, per-program flags,
 * effective), PROG_DETACH; and their refusals.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"
#include "progs.h"
#include "rawbpf/sys.h"

#define EGRESS BPF_CGROUP_INET_EGRESS

static void test_attach_query_detach(void **state)
{
	char cg[256];
	uint32_t ids[4], flags[4];
	int cgfd, p1, p2, p3;

	(void)state;
	rb_require_kernel();
	cgfd = rb_cgroup_dir(cg, sizeof(cg));
	assert_true(cgfd >= 0);
	p1 = rb_load_ret(BPF_PROG_TYPE_CGROUP_SKB, EGRESS, 1);
	p2 = rb_load_ret(BPF_PROG_TYPE_CGROUP_SKB, EGRESS, 1);
	p3 = rb_load_ret(BPF_PROG_TYPE_CGROUP_SKB, EGRESS, 1);
	assert_true(p1 > 2 && p2 > 2 && p3 > 2);

	RAWBPF_OPTS(rawbpf_sys_prog_attach_opts, multi, .flags = BPF_F_ALLOW_MULTI);
	assert_int_equal(rawbpf_sys_prog_attach(p1, cgfd, EGRESS, &multi), 0);
	assert_int_equal(rawbpf_sys_prog_attach(p2, cgfd, EGRESS, &multi), 0);
	/* Query: count with no room, then ids and per-program flags. */
	RAWBPF_OPTS(rawbpf_sys_prog_query_opts, q);
	assert_int_equal(rawbpf_sys_prog_query(cgfd, EGRESS, &q), 0);
	assert_int_equal(q.count, 2);
	assert_int_equal(q.attach_flags, BPF_F_ALLOW_MULTI);
	q.prog_ids = ids;
	q.count = 1;
	assert_int_equal(rawbpf_sys_prog_query(cgfd, EGRESS, &q), -ENOSPC);
	assert_int_equal(q.count, 2);
	q.count = 4;
	q.prog_attach_flags = flags;
	assert_int_equal(rawbpf_sys_prog_query(cgfd, EGRESS, &q), 0);
	assert_int_equal(q.count, 2);
	assert_int_equal(ids[0], rb_obj_id(p1));
	assert_int_equal(ids[1], rb_obj_id(p2));
	assert_int_equal(flags[0], BPF_F_ALLOW_MULTI);

	/* Replace p1 by p3 in place. */
	RAWBPF_OPTS(rawbpf_sys_prog_attach_opts, repl,
		    .flags = BPF_F_ALLOW_MULTI | BPF_F_REPLACE,
		    .replace_prog_fd = p1);
	assert_int_equal(rawbpf_sys_prog_attach(p3, cgfd, EGRESS, &repl), 0);
	q.count = 4;
	q.prog_attach_flags = NULL;
	assert_int_equal(rawbpf_sys_prog_query(cgfd, EGRESS, &q), 0);
	assert_int_equal(ids[0], rb_obj_id(p3));
	/* The same program twice: -EINVAL. Replacing one that is not
	 * attached (p1 is gone): -ENOENT. */
	assert_int_equal(rawbpf_sys_prog_attach(p3, cgfd, EGRESS, &repl), -EINVAL);
	assert_int_equal(rawbpf_sys_prog_attach(p1, cgfd, EGRESS, &repl), -ENOENT);

	/* Detach names the program; a second detach finds nothing. */
	RAWBPF_OPTS(rawbpf_sys_prog_attach_opts, d, .prog_fd = p3);
	assert_int_equal(rawbpf_sys_prog_detach(cgfd, EGRESS, &d), 0);
	assert_int_equal(rawbpf_sys_prog_detach(cgfd, EGRESS, &d), -ENOENT);
	d.prog_fd = p2;
	assert_int_equal(rawbpf_sys_prog_detach(cgfd, EGRESS, &d), 0);
	q.count = 4;
	assert_int_equal(rawbpf_sys_prog_query(cgfd, EGRESS, &q), 0);
	assert_int_equal(q.count, 0);
	close(p1);
	close(p2);
	close(p3);
}

static void test_effective_and_exclusive(void **state)
{
	char cg[256];
	uint32_t ids[4];
	int cgfd, p1, p2;

	(void)state;
	rb_require_kernel();
	cgfd = rb_cgroup_dir(cg, sizeof(cg));
	assert_true(cgfd >= 0);
	p1 = rb_load_ret(BPF_PROG_TYPE_CGROUP_SKB, EGRESS, 1);
	p2 = rb_load_ret(BPF_PROG_TYPE_CGROUP_SKB, EGRESS, 1);
	/* No flags: one program; attaching another in the same cgroup
	 * replaces it. */
	assert_int_equal(rawbpf_sys_prog_attach(p1, cgfd, EGRESS, NULL), 0);
	assert_int_equal(rawbpf_sys_prog_attach(p2, cgfd, EGRESS, NULL), 0);
	RAWBPF_OPTS(rawbpf_sys_prog_query_opts, q, .prog_ids = ids, .count = 4,
		    .query_flags = BPF_F_QUERY_EFFECTIVE);
	assert_int_equal(rawbpf_sys_prog_query(cgfd, EGRESS, &q), 0);
	assert_int_equal(q.count, 1);
	assert_int_equal(ids[0], rb_obj_id(p2));
	/* A multi attach on top of an exclusive one: -EPERM. */
	RAWBPF_OPTS(rawbpf_sys_prog_attach_opts, multi, .flags = BPF_F_ALLOW_MULTI);
	assert_int_equal(rawbpf_sys_prog_attach(p1, cgfd, EGRESS, &multi), -EPERM);
	/* Effective queries cannot ask per-program flags. */
	uint32_t flags[4];
	q.prog_attach_flags = flags;
	q.count = 4;
	assert_int_equal(rawbpf_sys_prog_query(cgfd, EGRESS, &q), -EINVAL);
	/* Detach without naming the program: the single one goes. */
	assert_int_equal(rawbpf_sys_prog_detach(cgfd, EGRESS, NULL), 0);
	close(p1);
	close(p2);
}

static void test_refusals(void **state)
{
	char cg[256];
	int cgfd, sf, cs;

	(void)state;
	rb_require_kernel();
	cgfd = rb_cgroup_dir(cg, sizeof(cg));
	assert_true(cgfd >= 0);
	sf = rb_load_ret(BPF_PROG_TYPE_SOCKET_FILTER, 0, 0);
	/* Program type does not match the attach type. */
	assert_int_equal(rawbpf_sys_prog_attach(sf, cgfd, EGRESS, NULL), -EINVAL);
	/* A bad target fd; an unknown attach type; unknown flags. */
	cs = rb_load_ret(BPF_PROG_TYPE_CGROUP_SKB, EGRESS, 1);
	assert_int_equal(rawbpf_sys_prog_attach(cs, -1, EGRESS, NULL), -EBADF);
	close(cs);
	assert_int_equal(rawbpf_sys_prog_attach(sf, cgfd, 999, NULL), -EINVAL);
	RAWBPF_OPTS(rawbpf_sys_prog_attach_opts, bad, .flags = 1U << 30);
	assert_int_equal(rawbpf_sys_prog_attach(sf, cgfd, EGRESS, &bad), -EINVAL);
	RAWBPF_OPTS(rawbpf_sys_prog_query_opts, q);
	assert_int_equal(rawbpf_sys_prog_query(-1, EGRESS, &q), -EBADF);
	close(sf);
}

int main(void)
{
#define T(f) cmocka_unit_test_teardown(f, rb_fixture_teardown)
	const struct CMUnitTest tests[] = {
		T(test_attach_query_detach), T(test_effective_and_exclusive),
		T(test_refusals),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
