// SPDX-License-Identifier: BSD-2-Clause
/*
 * lifetime_netlink.c - lifetime row "XDP / tc via netlink": the netdev
 * (XDP) or the clsact qdisc's filter (tc) holds the program. It survives
 * its loader's exit with no fd or pin left anywhere; it goes when
 * detached, when the filter or qdisc is deleted, or when the device goes.
 * The child attaches over netlink with rawbpf (rawbpf_attach_xdp /
 * rawbpf_attach_tc in RAWBPF_ATTACH_MODE_LEGACY), disowns and destroys the handle
 * so rawbpf does not detach it, and exits. Everything runs in a fresh netns
 * on veth rbva<->rbvb; frames sent out of rbva fire the program on rbvb.
 */
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>
#include <linux/pkt_cls.h>

#include "child.h"
#include "env.h"
#include "fixture.h"
#include "progs.h"
#include "rawbpf/attach.h"
#include "rawbpf/attach_net.h"
#include "rawbpf/sys.h"

/* child: counter program of @arg's type attached to rbvb over netlink,
 * handle disowned; val = { prog id, map id, attachment kind } */
static int attach_netlink(void *arg, struct rb_child_report *r)
{
	uint32_t type = (uint32_t)(uintptr_t)arg;
	int xdp = type == BPF_PROG_TYPE_XDP;
	int map = RB_CHILD_TRY(r, rb_counter_map("rb_net"));
	int prog = RB_CHILD_TRY(r, rb_load_counter(type, 0, map,
						   xdp ? XDP_PASS : TC_ACT_OK));
	struct rawbpf_attachment *at = NULL;

	if (xdp) {
		RAWBPF_OPTS(rawbpf_attach_xdp_opts, o, .mode = RAWBPF_ATTACH_MODE_LEGACY,
			    .flags = RAWBPF_XDP_SKB_MODE);

		RB_CHILD_TRY(r, rawbpf_attach_xdp(prog, rb_env.ns.ifindex_b,
						  &o, &at));
	} else {
		RAWBPF_OPTS(rawbpf_attach_tc_opts, o, .mode = RAWBPF_ATTACH_MODE_LEGACY);

		RB_CHILD_TRY(r, rawbpf_attach_tc(prog, rb_env.ns.ifindex_b,
						 RAWBPF_TCX_INGRESS, &o, &at));
	}
	r->val[2] = (uint32_t)rawbpf_attachment_kind(at);
	rawbpf_attachment_disown(at);
	rawbpf_attachment_destroy(at);
	r->val[0] = rb_obj_id(prog);
	r->val[1] = rb_obj_id(map);
	return 0;
}

static void send_a(void)
{
	rb_send_frame(rb_env.ns.ifindex_a);
}

/* the child attaches and exits; returns the parent's map fd */
static int child_attaches(uint32_t type, struct rb_child_report *r)
{
	struct rb_child *c = rb_child_start(attach_netlink,
					    (void *)(uintptr_t)type, r);
	int map;

	assert_non_null(c);
	assert_int_equal(r->err, 0);
	assert_int_equal(r->val[2], type == BPF_PROG_TYPE_XDP ?
			 RAWBPF_ATTACH_KIND_NETLINK_XDP : RAWBPF_ATTACH_KIND_NETLINK_TC);
	assert_int_equal(rb_child_exit(c), 0);
	/* no process, no fd, no pin: only the device holds it */
	assert_int_equal(rb_id_stays(rb_prog_id_exists, r->val[0], 200), 1);
	map = rb_map_fd_by_id(r->val[1]);
	assert_true(map > 2);
	assert_int_equal(rb_counter_grows(map, send_a, 2000), 1);
	return map;
}

static void gone_after(const char *cmd, struct rb_child_report *r, int map)
{
	if (cmd)
		assert_int_equal(system(cmd), 0);
	rb_expect_gone_and_silent(0, r->val[0], map, send_a);
	close(map);
	assert_int_equal(rb_wait_id_gone(rb_map_id_exists, r->val[1], 2000), 0);
}

static void test_xdp_held_by_netdev_until_detached(void **state)
{
	struct rb_child_report r;
	int map;

	(void)state;
	map = child_attaches(BPF_PROG_TYPE_XDP, &r);
	assert_int_equal(rawbpf_xdp_set(rb_env.ns.ifindex_b, -1,
					RAWBPF_XDP_SKB_MODE, 0, NULL, 0), 0);
	gone_after(NULL, &r, map);
}

static void test_xdp_gone_with_netdev(void **state)
{
	struct rb_child_report r;
	int map;

	(void)state;
	map = child_attaches(BPF_PROG_TYPE_XDP, &r);
	assert_int_equal(system("ip link del rbva"), 0);
	assert_int_equal(rb_wait_id_gone(rb_prog_id_exists, r.val[0], 3000), 0);
	close(map);
}

static void test_tc_held_by_filter_until_deleted(void **state)
{
	struct rb_child_report r;
	int map;

	(void)state;
	map = child_attaches(BPF_PROG_TYPE_SCHED_CLS, &r);
	gone_after("tc filter del dev rbvb ingress", &r, map);
	assert_int_equal(rawbpf_tc_qdisc_destroy(rb_env.ns.ifindex_b), 0);
}

static void test_tc_gone_with_qdisc(void **state)
{
	struct rb_child_report r;
	int map;

	(void)state;
	map = child_attaches(BPF_PROG_TYPE_SCHED_CLS, &r);
	assert_int_equal(rawbpf_tc_qdisc_destroy(rb_env.ns.ifindex_b), 0);
	gone_after(NULL, &r, map);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_xdp_held_by_netdev_until_detached, rb_setup_net, rb_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_xdp_gone_with_netdev, rb_setup_net, rb_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_tc_held_by_filter_until_deleted, rb_setup_net, rb_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_tc_gone_with_qdisc, rb_setup_net, rb_fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
