// SPDX-License-Identifier: BSD-2-Clause
/*
 * sys_tcx.c - the 6.6+ parts of LINK_CREATE, PROG_ATTACH and PROG_QUERY on
 * the real kernel, in a fresh netns: tcx links ordered with BPF_F_BEFORE
 * and a relative fd/id, expected_revision checks, PROG_QUERY's link ids and
 * revision; PROG_ATTACH/DETACH of a tcx program with ordering; a netfilter
 * link (6.4).
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"
#include "kernel_features.h"
#include "progs.h"
#include "rawbpf/sys.h"

#define IN RAWBPF_TCX_INGRESS

static int tc_prog(void)
{
	return rb_load_ret(BPF_PROG_TYPE_SCHED_CLS, IN, 0);
}

static void test_tcx_links_ordered(void **state)
{
	struct rb_netns ns;
	uint32_t ids[4] = { 0 }, lids[4] = { 0 };
	int p1, p2, p3, l1, l2, l3;

	(void)state;
	rb_require_kernel();
	rb_need(RB_FEAT_TCX);
	assert_int_equal(rb_netns_enter(&ns), 0);
	p1 = tc_prog();
	p2 = tc_prog();
	p3 = tc_prog();
	assert_true(p1 > 2 && p2 > 2 && p3 > 2);
	l1 = rawbpf_sys_link_create(p1, ns.ifindex_a, IN, NULL);
	assert_true(l1 > 2);
	RAWBPF_OPTS(rawbpf_sys_prog_query_opts, q, .prog_ids = ids, .link_ids = lids,
		    .count = 4);
	assert_int_equal(rawbpf_sys_prog_query(ns.ifindex_a, IN, &q), 0);
	assert_int_equal(q.count, 1);
	assert_int_equal(lids[0], rb_obj_id(l1));
	assert_true(q.revision > 0);
	/* p2 before l1's program, by fd, only at the current revision. */
	RAWBPF_OPTS(rawbpf_sys_link_create_opts, o, .flags = RAWBPF_F_BEFORE,
		    .relative_fd = (uint32_t)p1,
		    .expected_revision = q.revision + 5);
	assert_int_equal(rawbpf_sys_link_create(p2, ns.ifindex_a, IN, &o), -ESTALE);
	o.expected_revision = q.revision;
	l2 = rawbpf_sys_link_create(p2, ns.ifindex_a, IN, &o);
	assert_true(l2 > 2);
	/* p3 before p1 again, named by program id this time. */
	o.flags = RAWBPF_F_BEFORE | RAWBPF_F_ID;
	o.relative_fd = rb_obj_id(p1);
	o.expected_revision = 0;
	l3 = rawbpf_sys_link_create(p3, ns.ifindex_a, IN, &o);
	assert_true(l3 > 2);
	q.count = 4;
	assert_int_equal(rawbpf_sys_prog_query(ns.ifindex_a, IN, &q), 0);
	assert_int_equal(q.count, 3);
	assert_int_equal(ids[0], rb_obj_id(p2));
	assert_int_equal(ids[1], rb_obj_id(p3));
	assert_int_equal(ids[2], rb_obj_id(p1));
	assert_int_equal(lids[0], rb_obj_id(l2));
	close(l2);
	close(l3);
	close(l1);
	close(p1);
	close(p2);
	close(p3);
}

static void test_tcx_prog_attach(void **state)
{
	struct rb_netns ns;
	uint32_t ids[4] = { 0 };
	int p1, p2;

	(void)state;
	rb_require_kernel();
	rb_need(RB_FEAT_TCX);
	assert_int_equal(rb_netns_enter(&ns), 0);
	p1 = tc_prog();
	p2 = tc_prog();
	assert_int_equal(rawbpf_sys_prog_attach(p1, ns.ifindex_a, IN, NULL), 0);
	RAWBPF_OPTS(rawbpf_sys_prog_attach_opts, o, .flags = RAWBPF_F_BEFORE,
		    .relative_fd = (uint32_t)p1, .expected_revision = 1000);
	assert_int_equal(rawbpf_sys_prog_attach(p2, ns.ifindex_a, IN, &o), -ESTALE);
	o.expected_revision = 0;
	assert_int_equal(rawbpf_sys_prog_attach(p2, ns.ifindex_a, IN, &o), 0);
	RAWBPF_OPTS(rawbpf_sys_prog_query_opts, q, .prog_ids = ids, .count = 4);
	assert_int_equal(rawbpf_sys_prog_query(ns.ifindex_a, IN, &q), 0);
	assert_int_equal(q.count, 2);
	assert_int_equal(ids[0], rb_obj_id(p2));
	RAWBPF_OPTS(rawbpf_sys_prog_attach_opts, d, .prog_fd = p1);
	assert_int_equal(rawbpf_sys_prog_detach(ns.ifindex_a, IN, &d), 0);
	d.prog_fd = p2;
	assert_int_equal(rawbpf_sys_prog_detach(ns.ifindex_a, IN, &d), 0);
	q.count = 4;
	assert_int_equal(rawbpf_sys_prog_query(ns.ifindex_a, IN, &q), 0);
	assert_int_equal(q.count, 0);
	close(p1);
	close(p2);
}

static void test_netfilter_link(void **state)
{
	struct rb_netns ns;
	struct rawbpf_link_info li;
	int prog, link;

	(void)state;
	rb_require_kernel();
	assert_int_equal(rb_netns_enter(&ns), 0);
	rb_need(RB_FEAT_NETFILTER);
	prog = rb_load_ret(RAWBPF_PROG_TYPE_NETFILTER, RAWBPF_NETFILTER, 1);
	assert_true(prog > 2);
	/* NFPROTO_IPV4 = 2, NF_INET_LOCAL_IN = 1 */
	RAWBPF_OPTS(rawbpf_sys_link_create_opts, o, .netfilter = { .pf = 2,
		    .hooknum = 1, .priority = -128 });
	link = rawbpf_sys_link_create(prog, 0, RAWBPF_NETFILTER, &o);
	assert_true(link > 2);
	assert_int_equal(rb_link_info_by_fd(link, &li), 0);
	assert_int_equal(li.type, RAWBPF_LINK_TYPE_NETFILTER);
	assert_int_equal(li.netfilter.pf, 2);
	assert_int_equal(li.netfilter.hooknum, 1);
	assert_int_equal(li.netfilter.priority, -128);
	/* Unknown netfilter flags: -EOPNOTSUPP (measured). */
	o.netfilter.flags = 1U << 20;
	assert_int_equal(rawbpf_sys_link_create(prog, 0, RAWBPF_NETFILTER, &o),
			 -EOPNOTSUPP);
	close(link);
	close(prog);
}

int main(void)
{
#define T(f) cmocka_unit_test_teardown(f, rb_fixture_teardown)
	const struct CMUnitTest tests[] = {
		T(test_tcx_links_ordered), T(test_tcx_prog_attach),
		T(test_netfilter_link),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
