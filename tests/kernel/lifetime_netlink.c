// SPDX-License-Identifier: BSD-2-Clause
/*
 * lifetime_netlink.c - lifetime row "XDP / tc via netlink": the netdev
 * (XDP) or the clsact qdisc's filter (tc) holds the program. It survives
 * its loader's exit and the removal of every pin and fd; it goes when
 * detached, when the filter/qdisc is deleted, or when the device goes.
 * The child loads and pins; the attachment is made from the pin with
 * iproute2 (`ip link set ... xdpgeneric pinned`, `tc filter ... pinned`),
 * then the pin is removed. Everything runs in a fresh netns on veth
 * rbva<->rbvb; frames sent out of rbva fire the program on rbvb.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <linux/pkt_cls.h>

#include "child.h"
#include "env.h"
#include "fixture.h"
#include "progs.h"
#include "rawbpf/pin.h"
#include "rawbpf/sys.h"

/* child: counter program of @arg's type pinned as "p";
 * val = { prog id, map id } */
static int load_and_pin(void *arg, struct rb_child_report *r)
{
	uint32_t type = (uint32_t)(uintptr_t)arg;
	int ret = type == BPF_PROG_TYPE_XDP ? XDP_PASS : TC_ACT_OK;
	int map = RB_CHILD_TRY(r, rb_counter_map("rb_net"));
	int prog = RB_CHILD_TRY(r, rb_load_counter(type, 0, map, ret));
	char path[256];

	rb_pin_path(path, sizeof(path), "p");
	RB_CHILD_TRY(r, rawbpf_pin(prog, path));
	r->val[0] = rb_obj_id(prog);
	r->val[1] = rb_obj_id(map);
	return 0;
}

static int sh(const char *fmt, const char *arg)
{
	char cmd[512];

	snprintf(cmd, sizeof(cmd), fmt, arg);
	return system(cmd) == 0 ? 0 : -EIO;
}

static void send_a(void)
{
	rb_send_frame(rb_env.ns.ifindex_a);
}

/* child loads + pins and exits; @attach (iproute2, %s = pin) attaches;
 * the pin goes. Returns the parent's map fd; ids in *r. */
static int attached_from_pin(uint32_t type, const char *attach,
			     struct rb_child_report *r)
{
	struct rb_child *c = rb_child_start(load_and_pin,
					    (void *)(uintptr_t)type, r);
	char path[256];
	int map;

	assert_non_null(c);
	assert_int_equal(r->err, 0);
	assert_int_equal(rb_child_exit(c), 0);
	rb_pin_path(path, sizeof(path), "p");
	assert_int_equal(sh(attach, path), 0);
	assert_int_equal(rawbpf_unpin(path), 0);
	/* no process, no fd, no pin: only the device holds it */
	assert_int_equal(rb_id_stays(rb_prog_id_exists, r->val[0], 200), 1);
	map = rb_map_fd_by_id(r->val[1]);
	assert_true(map > 2);
	assert_int_equal(rb_counter_grows(map, send_a, 2000), 1);
	return map;
}

static void gone_after(const char *cmd, struct rb_child_report *r, int map)
{
	assert_int_equal(sh("%s", cmd), 0);
	assert_int_equal(rb_wait_id_gone(rb_prog_id_exists, r->val[0], 3000), 0);
	close(map);
	assert_int_equal(rb_wait_id_gone(rb_map_id_exists, r->val[1], 2000), 0);
}

#define XDP_ATTACH "ip link set dev rbvb xdpgeneric pinned %s"
#define TC_ATTACH "tc qdisc add dev rbvb clsact && " \
	"tc filter add dev rbvb ingress bpf direct-action pinned %s"

static void test_xdp_held_by_netdev_until_detached(void **state)
{
	struct rb_child_report r;
	int map;

	(void)state;
	map = attached_from_pin(BPF_PROG_TYPE_XDP, XDP_ATTACH, &r);
	gone_after("ip link set dev rbvb xdpgeneric off", &r, map);
}

static void test_xdp_gone_with_netdev(void **state)
{
	struct rb_child_report r;
	int map;

	(void)state;
	map = attached_from_pin(BPF_PROG_TYPE_XDP, XDP_ATTACH, &r);
	gone_after("ip link del rbva", &r, map);
}

static void test_tc_held_by_filter_until_deleted(void **state)
{
	struct rb_child_report r;
	int map;

	(void)state;
	map = attached_from_pin(BPF_PROG_TYPE_SCHED_CLS, TC_ATTACH, &r);
	gone_after("tc filter del dev rbvb ingress", &r, map);
}

static void test_tc_gone_with_qdisc(void **state)
{
	struct rb_child_report r;
	int map;

	(void)state;
	map = attached_from_pin(BPF_PROG_TYPE_SCHED_CLS, TC_ATTACH, &r);
	gone_after("tc qdisc del dev rbvb clsact", &r, map);
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
