// SPDX-License-Identifier: BSD-2-Clause
/*
 * lifetime_tcx.c - tcx (6.6), tc's bpf-native attach point: with
 * BPF_PROG_ATTACH the device holds the program (it survives its loader
 * and goes when detached or when the device goes); with a tcx link the
 * link decides, as for every bpf_link. Runs in a fresh netns; frames sent
 * out of rbva fire the program at rbvb's ingress.
 */
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>
#include <linux/pkt_cls.h>

#include "child.h"
#include "env.h"
#include "fixture.h"
#include "kernel_features.h"
#include "progs.h"
#include "rawbpf/sys.h"

#define HOOK RAWBPF_TCX_INGRESS

/* child: counter program at rbvb's tcx ingress, by PROG_ATTACH or (with
 * @arg) a link; val = { prog id, map id } */
static int tcx_attach(void *arg, struct rb_child_report *r)
{
	int map = RB_CHILD_TRY(r, rb_counter_map("rb_tcx"));
	int prog = RB_CHILD_TRY(r, rb_load_counter(BPF_PROG_TYPE_SCHED_CLS,
						   0, map, TC_ACT_OK));

	if (arg)
		RB_CHILD_TRY(r, rawbpf_sys_link_create(prog, rb_env.ns.ifindex_b,
						   HOOK, NULL));
	else
		RB_CHILD_TRY(r, rawbpf_sys_prog_attach(prog, rb_env.ns.ifindex_b,
						   HOOK, NULL));
	r->val[0] = rb_obj_id(prog);
	r->val[1] = rb_obj_id(map);
	return 0;
}

static void send_a(void)
{
	rb_send_frame(rb_env.ns.ifindex_a);
}

static int attached(void)
{
	uint32_t ids[4];
	RAWBPF_OPTS(rawbpf_sys_prog_query_opts, q, .prog_ids = ids, .count = 4);
	int err = rawbpf_sys_prog_query(rb_env.ns.ifindex_b, HOOK, &q);

	return err ? err : (int)q.count;
}

/* the child attaches and exits; returns the parent's map fd */
static int child_attaches(int link, struct rb_child_report *r)
{
	struct rb_child *c = rb_child_start(tcx_attach, link ? r : NULL, r);
	int map;

	assert_non_null(c);
	assert_int_equal(r->err, 0);
	map = rb_map_fd_by_id(r->val[1]);
	assert_true(map > 2);
	assert_int_equal(rb_counter_grows(map, send_a, 2000), 1);
	assert_int_equal(rb_child_exit(c), 0);
	return map;
}

static void test_tcx_prog_attach_held_by_device(void **state)
{
	RAWBPF_OPTS(rawbpf_sys_prog_attach_opts, det);
	struct rb_child_report r;
	int map, prog;

	(void)state;
	rb_need(RB_FEAT_TCX);
	map = child_attaches(0, &r);
	assert_int_equal(rb_id_stays(rb_prog_id_exists, r.val[0], 200), 1);
	assert_int_equal(attached(), 1);
	assert_int_equal(rb_counter_grows(map, send_a, 2000), 1);
	prog = rawbpf_sys_prog_get_fd_by_id(r.val[0]);
	assert_true(prog > 2);
	det.prog_fd = prog;
	assert_int_equal(rawbpf_sys_prog_detach(rb_env.ns.ifindex_b, HOOK, &det), 0);
	close(prog);
	rb_expect_gone_and_silent(0, r.val[0], map, send_a);
	assert_int_equal(attached(), 0);
	close(map);
}

static void test_tcx_prog_attach_gone_with_device(void **state)
{
	struct rb_child_report r;
	int map;

	(void)state;
	rb_need(RB_FEAT_TCX);
	map = child_attaches(0, &r);
	assert_int_equal(rb_id_stays(rb_prog_id_exists, r.val[0], 200), 1);
	assert_int_equal(system("ip link del rbva"), 0);
	assert_int_equal(rb_wait_id_gone(rb_prog_id_exists, r.val[0], 3000), 0);
	close(map);
}

static void test_tcx_link_gone_with_creator(void **state)
{
	struct rb_child_report r;
	int map;

	(void)state;
	rb_need(RB_FEAT_TCX);
	map = child_attaches(1, &r);
	rb_expect_gone_and_silent(0, r.val[0], map, send_a);
	assert_int_equal(attached(), 0);
	close(map);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_tcx_prog_attach_held_by_device, rb_setup_net, rb_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_tcx_prog_attach_gone_with_device, rb_setup_net, rb_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_tcx_link_gone_with_creator, rb_setup_net, rb_fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
