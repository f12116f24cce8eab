// SPDX-License-Identifier: BSD-2-Clause
/* attach_tc.c - tc programs count frames sent from the veth peer: tcx
 * links and tcx PROG_ATTACH (before/after order is visible through a
 * first-writer-wins slot, query reports ids and revision), the cls_bpf
 * filter on clsact over netlink (list, replace, detach), and errors. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"
#include "kernel_features.h"
#include "netprog.h"
#include "rawbpf/attach_net.h"
#include "rawbpf/sys.h"

#define TC_NEXT (-1)	/* TCX_NEXT / TC_ACT_UNSPEC: let the next run */
#define ORDER_SLOT 7

struct tc_env {
	struct rb_netns ns;
	int map, pa, pb, pc;
};

static void env_setup(struct tc_env *e)
{
	rb_require_kernel();
	assert_int_equal(rb_netns_enter(&e->ns), 0);
	e->map = rb_net_counters();
	e->pa = rb_net_counter_prog(BPF_PROG_TYPE_SCHED_CLS, 0, e->map,
				    RB_MATCH_SKB, 0, 'A', ORDER_SLOT, TC_NEXT);
	e->pb = rb_net_counter_prog(BPF_PROG_TYPE_SCHED_CLS, 0, e->map,
				    RB_MATCH_SKB, 1, 'B', ORDER_SLOT, TC_NEXT);
	e->pc = rb_net_counter_prog(BPF_PROG_TYPE_SCHED_CLS, 0, e->map,
				    RB_MATCH_SKB, 2, 0, 0, TC_NEXT);
}

static void env_done(struct tc_env *e)
{
	close(e->pa);
	close(e->pb);
	close(e->pc);
	close(e->map);
}

static void reset_order(int map)
{
	uint32_t k = ORDER_SLOT;
	uint64_t zero = 0;

	assert_int_equal(rawbpf_sys_map_update_elem(map, &k, &zero, BPF_ANY), 0);
}

typedef int (*tc_ctor)(int, int, uint32_t, const struct rawbpf_attach_tc_opts *,
		       struct rawbpf_attachment **);

/* Count, order two programs before/after, update, detach: for a tcx link
 * (rawbpf_attach_tc, mode LINK) and tcx PROG_ATTACH. */
static void tcx_lifecycle(tc_ctor ctor, enum rawbpf_attach_kind want)
{
	struct tc_env e;
	struct rawbpf_attachment *a = NULL, *b = NULL;
	uint32_t ids[4] = { 0 }, link_ids[4] = { 0 };
	RAWBPF_OPTS(rawbpf_attach_tc_opts, o, .mode = RAWBPF_ATTACH_MODE_LINK);
	RAWBPF_OPTS(rawbpf_sys_prog_query_opts, q, .prog_ids = ids,
		    .link_ids = link_ids, .count = 4);
	uint64_t rev;

	rb_require_kernel();
	rb_need(RB_FEAT_TCX);
	env_setup(&e);
	assert_int_equal(ctor(e.pa, e.ns.ifindex_b, RAWBPF_TCX_INGRESS, &o, &a), 0);
	assert_int_equal(rawbpf_attachment_kind(a), want);
	rb_send_frames(e.ns.ifindex_a, 4);
	assert_int_equal(rb_net_count(e.map, 0), 4);
	assert_int_equal(rb_net_count(e.map, ORDER_SLOT), 'A');

	/* B before A: B writes the order slot first. */
	assert_int_equal(rawbpf_sys_prog_query(e.ns.ifindex_b, RAWBPF_TCX_INGRESS, &q), 0);
	assert_int_equal(q.count, 1);
	rev = q.revision;
	o.flags = RAWBPF_F_BEFORE;
	o.relative_fd = (uint32_t)e.pa;
	o.expected_revision = rev + 5;		/* stale: refused */
	assert_int_equal(ctor(e.pb, e.ns.ifindex_b, RAWBPF_TCX_INGRESS, &o, &b),
			 -ESTALE);
	o.expected_revision = rev;
	assert_int_equal(ctor(e.pb, e.ns.ifindex_b, RAWBPF_TCX_INGRESS, &o, &b), 0);
	reset_order(e.map);
	rb_send_frames(e.ns.ifindex_a, 2);
	assert_int_equal(rb_net_count(e.map, ORDER_SLOT), 'B');
	assert_int_equal(rb_net_count(e.map, 0), 6);
	assert_int_equal(rb_net_count(e.map, 1), 2);

	q.count = 4;
	assert_int_equal(rawbpf_sys_prog_query(e.ns.ifindex_b, RAWBPF_TCX_INGRESS, &q), 0);
	assert_int_equal(q.count, 2);
	assert_int_equal(q.revision, rev + 1);
	assert_int_equal(ids[0], rb_net_prog_id(e.pb));
	assert_int_equal(ids[1], rb_net_prog_id(e.pa));
	if (want == RAWBPF_ATTACH_KIND_LINK) {
		struct rawbpf_link_info li;

		memset(&li, 0, sizeof(li));
		assert_int_equal(rawbpf_attachment_info(b, &li), 0);
		assert_int_equal(li.type, RAWBPF_LINK_TYPE_TCX);
		assert_int_equal(li.tcx.ifindex, e.ns.ifindex_b);
		assert_int_equal(link_ids[0], li.id);
	} else {
		assert_int_equal(link_ids[0], 0);
	}

	/* Move B after A, by id this time. */
	rawbpf_attachment_destroy(b);
	b = NULL;
	o.flags = RAWBPF_F_AFTER | RAWBPF_F_ID;
	o.relative_fd = 0;
	o.relative_id = rb_net_prog_id(e.pa);
	o.expected_revision = 0;
	assert_int_equal(ctor(e.pb, e.ns.ifindex_b, RAWBPF_TCX_INGRESS, &o, &b), 0);
	reset_order(e.map);
	rb_send_frames(e.ns.ifindex_a, 1);
	assert_int_equal(rb_net_count(e.map, ORDER_SLOT), 'A');

	/* Update A to C: C counts, A stops. */
	assert_int_equal(rawbpf_attachment_update(a, e.pc, -1), 0);
	rb_send_frames(e.ns.ifindex_a, 3);
	assert_int_equal(rb_net_count(e.map, 0), 7);
	assert_int_equal(rb_net_count(e.map, 2), 3);

	/* Detach A's hook: its counter stops, B still runs. */
	assert_int_equal(rawbpf_attachment_detach(a), 0);
	rb_send_frames(e.ns.ifindex_a, 2);
	assert_int_equal(rb_net_count(e.map, 2), 3);
	assert_int_equal(rb_net_count(e.map, 1), 2 + 1 + 3 + 2);
	if (want == RAWBPF_ATTACH_KIND_LINK) {
		struct rawbpf_link_info li;

		memset(&li, 0, sizeof(li));
		assert_int_equal(rawbpf_attachment_info(a, &li), 0);
		assert_int_equal(li.tcx.ifindex, 0);	/* defunct, fd usable */
	}
	rawbpf_attachment_destroy(a);
	rawbpf_attachment_destroy(b);
	q.count = 4;
	assert_int_equal(rawbpf_sys_prog_query(e.ns.ifindex_b, RAWBPF_TCX_INGRESS, &q), 0);
	assert_int_equal(q.count, 0);
	env_done(&e);
}

static void test_tcx_forced_link(void **state)
{
	(void)state;
	tcx_lifecycle(rawbpf_attach_tc, RAWBPF_ATTACH_KIND_LINK);
}

static void test_tcx_prog_attach(void **state)
{
	(void)state;
	tcx_lifecycle(rawbpf_attach_tcx_prog, RAWBPF_ATTACH_KIND_PROG_ATTACH);
}

/* tc legacy: cls_bpf on clsact, over netlink. */
static void test_tc_forced_legacy(void **state)
{
	struct tc_env e;
	struct rawbpf_attachment *a = NULL, *b = NULL;
	struct rawbpf_tc_filter f[4];
	uint32_t n = 4;
	RAWBPF_OPTS(rawbpf_attach_tc_opts, o, .mode = RAWBPF_ATTACH_MODE_LEGACY,
		    .handle = 5, .priority = 10);

	(void)state;
	env_setup(&e);
	assert_int_equal(rawbpf_attach_tc(e.pa, e.ns.ifindex_b, RAWBPF_TCX_INGRESS,
					  &o, &a), 0);
	assert_int_equal(rawbpf_attachment_kind(a), RAWBPF_ATTACH_KIND_NETLINK_TC);
	rb_send_frames(e.ns.ifindex_a, 4);
	assert_int_equal(rb_net_count(e.map, 0), 4);

	assert_int_equal(rawbpf_tc_filter_list(e.ns.ifindex_b, RAWBPF_TCX_INGRESS, f, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(f[0].handle, 5);
	assert_int_equal(f[0].priority, 10);
	assert_int_equal(f[0].prog_id, rb_net_prog_id(e.pa));
	assert_int_equal(f[0].flags, 1);	/* direct action */
	n = 4;
	assert_int_equal(rawbpf_tc_filter_list(e.ns.ifindex_b, RAWBPF_TCX_EGRESS, f, &n), 0);
	assert_int_equal(n, 0);

	/* The same handle/priority again is refused; another one is not. */
	assert_int_equal(rawbpf_attach_tc(e.pb, e.ns.ifindex_b, RAWBPF_TCX_INGRESS,
					  &o, &b), -EEXIST);
	o.priority = 20;
	assert_int_equal(rawbpf_attach_tc(e.pb, e.ns.ifindex_b, RAWBPF_TCX_INGRESS,
					  &o, &b), 0);
	n = 1;
	assert_int_equal(rawbpf_tc_filter_list(e.ns.ifindex_b, RAWBPF_TCX_INGRESS, f, &n),
			 -ENOSPC);
	assert_int_equal(n, 2);
	reset_order(e.map);
	rb_send_frames(e.ns.ifindex_a, 1);
	assert_int_equal(rb_net_count(e.map, ORDER_SLOT), 'A');	/* prio 10 first */
	rawbpf_attachment_destroy(b);

	/* Replace: with a wrong expected program refused, then done. */
	assert_int_equal(rawbpf_attachment_update(a, e.pc, e.pb), -EEXIST);
	assert_int_equal(rawbpf_attachment_update(a, e.pc, e.pa), 0);
	rb_send_frames(e.ns.ifindex_a, 3);
	assert_int_equal(rb_net_count(e.map, 0), 5);
	assert_int_equal(rb_net_count(e.map, 2), 3);
	n = 4;
	assert_int_equal(rawbpf_tc_filter_list(e.ns.ifindex_b, RAWBPF_TCX_INGRESS, f, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(f[0].prog_id, rb_net_prog_id(e.pc));

	assert_int_equal(rawbpf_attachment_detach(a), 0);
	rb_send_frames(e.ns.ifindex_a, 2);
	assert_int_equal(rb_net_count(e.map, 2), 3);
	n = 4;
	assert_int_equal(rawbpf_tc_filter_list(e.ns.ifindex_b, RAWBPF_TCX_INGRESS, f, &n), 0);
	assert_int_equal(n, 0);
	assert_int_equal(rawbpf_attachment_update(a, e.pc, -1), -ENOENT);
	rawbpf_attachment_destroy(a);
	assert_int_equal(rawbpf_tc_qdisc_destroy(e.ns.ifindex_b), 0);
	env_done(&e);
}

/* A disowned filter stays with the device after the handle is gone. */
static void test_tc_legacy_disown(void **state)
{
	struct tc_env e;
	struct rawbpf_attachment *a = NULL;
	struct rawbpf_tc_filter f[2];
	uint32_t n = 2;
	RAWBPF_OPTS(rawbpf_attach_tc_opts, o, .mode = RAWBPF_ATTACH_MODE_LEGACY);

	(void)state;
	env_setup(&e);
	assert_int_equal(rawbpf_attach_tc(e.pa, e.ns.ifindex_b, RAWBPF_TCX_INGRESS,
					  &o, &a), 0);
	rawbpf_attachment_disown(a);
	rawbpf_attachment_destroy(a);
	close(e.pa);
	e.pa = -1;
	rb_send_frames(e.ns.ifindex_a, 2);
	assert_int_equal(rb_net_count(e.map, 0), 2);
	assert_int_equal(rawbpf_tc_filter_list(e.ns.ifindex_b, RAWBPF_TCX_INGRESS, f, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(f[0].handle, 1);
	assert_int_equal(f[0].priority, 1);
	assert_int_equal(rawbpf_tc_qdisc_destroy(e.ns.ifindex_b), 0);
	n = 2;
	assert_int_equal(rawbpf_tc_filter_list(e.ns.ifindex_b, RAWBPF_TCX_INGRESS, f, &n),
			 0);
	assert_int_equal(n, 0);
	env_done(&e);
}

/* AUTO: a tcx link where the kernel has tcx, else (before 6.6) the
 * cls_bpf filter on clsact; either way the program runs, and stops. */
static void test_tc_auto(void **state)
{
	struct tc_env e;
	struct rawbpf_attachment *a = NULL;

	(void)state;
	env_setup(&e);
	assert_int_equal(rawbpf_attach_tc(e.pa, e.ns.ifindex_b, RAWBPF_TCX_EGRESS,
					  NULL, &a), 0);
	assert_int_equal(rawbpf_attachment_kind(a),
			 rb_have(RB_FEAT_TCX) ? RAWBPF_ATTACH_KIND_LINK
					      : RAWBPF_ATTACH_KIND_NETLINK_TC);
	rb_send_frames(e.ns.ifindex_b, 3);	/* out of b: its egress */
	assert_int_equal(rb_net_count(e.map, 0), 3);
	rawbpf_attachment_destroy(a);
	rb_send_frames(e.ns.ifindex_b, 2);
	assert_int_equal(rb_net_count(e.map, 0), 3);
	env_done(&e);
}

/* rawbpf_tc_qdisc_create says whether it made the qdisc: 1 the first
 * time, 0 when one is there (also one a legacy attach made), so a program
 * can remove only its own. */
static void test_tc_qdisc_ownership(void **state)
{
	RAWBPF_OPTS(rawbpf_attach_tc_opts, o, .mode = RAWBPF_ATTACH_MODE_LEGACY);
	struct rawbpf_attachment *a = NULL;
	struct tc_env e;

	(void)state;
	env_setup(&e);
	assert_int_equal(rawbpf_tc_qdisc_create(e.ns.ifindex_a), 1);
	assert_int_equal(rawbpf_tc_qdisc_create(e.ns.ifindex_a), 0);
	assert_int_equal(rawbpf_tc_qdisc_destroy(e.ns.ifindex_a), 0);
	assert_int_equal(rawbpf_tc_qdisc_destroy(e.ns.ifindex_a), -EINVAL);
	assert_int_equal(rawbpf_tc_qdisc_create(e.ns.ifindex_a), 1);
	assert_int_equal(rawbpf_tc_qdisc_destroy(e.ns.ifindex_a), 0);
	/* a legacy attach makes the qdisc it needs: not the caller's */
	assert_int_equal(rawbpf_attach_tc(e.pa, e.ns.ifindex_b, RAWBPF_TCX_INGRESS,
					  &o, &a), 0);
	assert_int_equal(rawbpf_tc_qdisc_create(e.ns.ifindex_b), 0);
	rawbpf_attachment_destroy(a);
	assert_int_equal(rawbpf_tc_qdisc_destroy(e.ns.ifindex_b), 0);
	env_done(&e);
}

static void test_tc_errors(void **state)
{
	struct tc_env e;
	struct rawbpf_attachment *a = NULL;
	char msg[128];
	RAWBPF_OPTS(rawbpf_attach_tc_opts, o, .mode = RAWBPF_ATTACH_MODE_LEGACY,
		    .err_msg = msg, .err_msg_size = sizeof(msg));
	RAWBPF_OPTS(rawbpf_attach_tc_opts, lk, .mode = RAWBPF_ATTACH_MODE_LINK);
	uint32_t n = 0;

	(void)state;
	env_setup(&e);
	assert_int_equal(rawbpf_attach_tc(e.pa, 4242, RAWBPF_TCX_INGRESS, &o, &a),
			 -ENODEV);
	if (rb_have(RB_FEAT_TCX)) {
		assert_int_equal(rawbpf_attach_tc(e.pa, 4242, RAWBPF_TCX_INGRESS,
						  &lk, &a), -ENODEV);
		assert_int_equal(rawbpf_attach_tcx_prog(e.pa, 4242,
					RAWBPF_TCX_INGRESS, &lk, &a), -ENODEV);
	}
	assert_int_equal(rawbpf_attach_tc(e.pa, e.ns.ifindex_b, BPF_XDP, &o, &a),
			 -EINVAL);
	assert_int_equal(rawbpf_attach_tc(e.pa, 0, RAWBPF_TCX_INGRESS, &o, &a),
			 -EINVAL);
	assert_int_equal(rawbpf_tc_qdisc_create(4242), -ENODEV);
	/* a dump of a missing device is simply empty */
	assert_int_equal(rawbpf_tc_filter_list(4242, RAWBPF_TCX_INGRESS, NULL, &n), 0);
	assert_int_equal(rawbpf_tc_filter_list(e.ns.ifindex_b, BPF_XDP, NULL, &n),
			 -EINVAL);
	assert_int_equal(rawbpf_tc_filter_list(e.ns.ifindex_b, RAWBPF_TCX_INGRESS, NULL,
					&n), 0);	/* no clsact: none */
	assert_int_equal(n, 0);
	/* ordering flags mean nothing to cls_bpf */
	o.flags = RAWBPF_F_BEFORE;
	assert_int_equal(rawbpf_attach_tc(e.pa, e.ns.ifindex_b, RAWBPF_TCX_INGRESS,
					  &o, &a), -EINVAL);
	o.flags = 0;
	/* a map fd is no program: the kernel says so, nothing stays */
	assert_int_equal(rawbpf_attach_tc(e.map, e.ns.ifindex_b, RAWBPF_TCX_INGRESS,
					  &o, &a), -EINVAL);
	assert_null(a);
	assert_int_equal(rawbpf_tc_filter_list(e.ns.ifindex_b, RAWBPF_TCX_INGRESS, NULL,
					&n), 0);
	assert_int_equal(n, 0);
	/* netkit needs a netkit device: a veth is refused */
	assert_true(rawbpf_attach_netkit(e.pa, e.ns.ifindex_b,
					 RAWBPF_NETKIT_PRIMARY, &lk, &a) < 0);
	assert_int_equal(rawbpf_attach_netkit(e.pa, e.ns.ifindex_b,
					      RAWBPF_TCX_INGRESS, &lk, &a),
			 -EINVAL);
	assert_null(a);
	/* the failed cls_bpf attach removed the qdisc it had made */
	assert_int_equal(rawbpf_tc_qdisc_destroy(e.ns.ifindex_b), -EINVAL);
	env_done(&e);
}

static void test_netkit(void **state)
{
	struct rb_netns ns;

	(void)state;
	rb_require_kernel();
	assert_int_equal(rb_netns_enter(&ns), 0);
	/* This kernel is built without CONFIG_NETKIT, and iproute2 6.1 has
	 * no "type netkit": the attrs are checked in unit/attach_net_attrs. */
	if (system("ip link add rbnk0 type netkit >/dev/null 2>&1") != 0)
		rb_skip_feature("netkit devices (CONFIG_NETKIT)");
	/* A kernel with netkit: the namespace and device vanish at teardown;
	 * the link tests are still to be written for such a kernel. */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_tcx_forced_link, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_tcx_prog_attach, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_tc_forced_legacy, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_tc_legacy_disown, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_tc_auto, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_tc_qdisc_ownership,
					  rb_fixture_teardown),
		cmocka_unit_test_teardown(test_tc_errors, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_netkit, rb_fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
