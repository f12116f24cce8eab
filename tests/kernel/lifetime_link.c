// SPDX-License-Identifier: BSD-2-Clause
/*
 * lifetime_link.c - lifetime row "any bpf_link": a link is held by its fds
 * and pins, and the attachment lasts exactly as long as the link. When
 * the creator exits without pinning, the link and its program go, even on
 * hooks whose older mechanism would outlive the process (cgroup, XDP). A
 * pinned link survives. LINK_UPDATE swaps the program in place
 * (BPF_F_REPLACE makes it conditional) and releases the old one.
 * Hooks: cgroup/sock_create (cgroup link), XDP (XDP link on a veth).
 */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>
#include <linux/if_link.h>

#include "child.h"
#include "env.h"
#include "fixture.h"
#include "progs.h"
#include "rawbpf/pin.h"
#include "rawbpf/sys.h"

#define CG_TYPE BPF_PROG_TYPE_CGROUP_SOCK
#define CG_HOOK BPF_CGROUP_INET_SOCK_CREATE

struct how {
	int xdp;	/* XDP link on rbvb instead of a cgroup link */
	int pin;	/* pin the link as "link" */
};

/* child: counter program linked to the hook; val = { prog, map, link } */
static int make_link(void *arg, struct rb_child_report *r)
{
	const struct how *how = arg;
	int map = RB_CHILD_TRY(r, rb_counter_map("rb_link"));
	int prog, link;

	if (how->xdp) {
		RAWBPF_OPTS(rawbpf_sys_link_create_opts, o,
			    .flags = XDP_FLAGS_SKB_MODE);

		prog = RB_CHILD_TRY(r, rb_load_counter(BPF_PROG_TYPE_XDP,
						       BPF_XDP, map, XDP_PASS));
		link = RB_CHILD_TRY(r, rawbpf_sys_link_create(prog, rb_env.ns.ifindex_b,
							  BPF_XDP, &o));
	} else {
		prog = RB_CHILD_TRY(r, rb_load_counter(CG_TYPE, CG_HOOK, map, 1));
		link = RB_CHILD_TRY(r, rawbpf_sys_link_create(prog, rb_env.cg_fd, CG_HOOK,
							  NULL));
	}
	if (how->pin) {
		char path[256];

		rb_pin_path(path, sizeof(path), "link");
		RB_CHILD_TRY(r, rawbpf_bpffs_pin(link, path));
	}
	r->val[0] = rb_obj_id(prog);
	r->val[1] = rb_obj_id(map);
	r->val[2] = rb_obj_id(link);
	return 0;
}

static void fire(const struct how *how)
{
	if (how->xdp)
		assert_int_equal(rb_send_frame(rb_env.ns.ifindex_a), 0);
	else
		assert_int_equal(rb_cgroup_socket(rb_env.cg), 0);
}

static const struct how *current;

static void fire_current(void)
{
	fire(current);
}

/* child links and exits; checks the hook fired while it lived. Returns
 * the parent's map fd. */
static int child_links(const struct how *how, struct rb_child_report *r)
{
	struct rb_child *c = rb_child_start(make_link, (void *)how, r);
	int map;

	assert_non_null(c);
	assert_int_equal(r->err, 0);
	map = rb_map_fd_by_id(r->val[1]);
	assert_true(map > 2);
	current = how;
	assert_int_equal(rb_counter_grows(map, fire_current, 2000), 1);
	assert_int_equal(rb_child_exit(c), 0);
	return map;
}

static void gone_with_creator(const struct how *how)
{
	struct rb_child_report r;
	int map = child_links(how, &r);

	current = how;
	rb_expect_gone_and_silent(r.val[2], r.val[0], map, fire_current);
	if (!how->xdp)
		assert_int_equal(rb_cgroup_prog_count(CG_HOOK), 0);
	close(map);
}

static void test_cgroup_link_gone_with_creator(void **state)
{
	struct how how = { 0 };

	(void)state;
	gone_with_creator(&how);
}

static void test_xdp_link_gone_with_creator(void **state)
{
	struct how how = { .xdp = 1 };

	(void)state;
	gone_with_creator(&how);
}

static void pinned_survives(const struct how *how)
{
	struct rb_child_report r;
	char path[256];
	int map = child_links(how, &r);

	assert_int_equal(rb_id_stays(rb_link_id_exists, r.val[2], 200), 1);
	assert_int_equal(rb_counter_grows(map, fire_current, 2000), 1);
	rb_pin_path(path, sizeof(path), "link");
	assert_int_equal(rawbpf_bpffs_unpin(path), 0);
	current = how;
	rb_expect_gone_and_silent(r.val[2], r.val[0], map, fire_current);
	close(map);
}

static void test_pinned_cgroup_link_survives(void **state)
{
	struct how how = { .pin = 1 };

	(void)state;
	pinned_survives(&how);
}

static void test_pinned_xdp_link_survives(void **state)
{
	struct how how = { .xdp = 1, .pin = 1 };

	(void)state;
	pinned_survives(&how);
}

static void test_link_update(void **state)
{
	RAWBPF_OPTS(rawbpf_sys_link_update_opts, cond, .flags = BPF_F_REPLACE);
	struct rawbpf_link_info info;
	int map_a, map_b, a, b, link;
	uint32_t id_a, id_b;

	(void)state;
	map_a = rb_counter_map("rb_upd_a");
	map_b = rb_counter_map("rb_upd_b");
	a = rb_load_counter(CG_TYPE, CG_HOOK, map_a, 1);
	b = rb_load_counter(CG_TYPE, CG_HOOK, map_b, 1);
	assert_true(map_a > 2 && map_b > 2 && a > 2 && b > 2);
	id_a = rb_obj_id(a);
	id_b = rb_obj_id(b);
	link = rawbpf_sys_link_create(a, rb_env.cg_fd, CG_HOOK, NULL);
	assert_true(link > 2);
	assert_int_equal(rb_cgroup_socket(rb_env.cg), 0);
	assert_int_equal(rb_counter_read(map_a), 1);
	/* conditional update with the wrong expected program: refused */
	cond.old_prog_fd = b;
	assert_int_equal(rawbpf_sys_link_update(link, b, &cond), -EPERM);
	cond.old_prog_fd = a;
	assert_int_equal(rawbpf_sys_link_update(link, b, &cond), 0);
	assert_int_equal(rb_link_info_by_fd(link, &info), 0);
	assert_int_equal(info.prog_id, id_b);
	assert_int_equal(rb_cgroup_socket(rb_env.cg), 0);
	assert_int_equal(rb_counter_read(map_a), 1);
	assert_int_equal(rb_counter_read(map_b), 1);
	/* the link let go of A: our fd is its last reference */
	close(a);
	assert_int_equal(rb_wait_id_gone(rb_prog_id_exists, id_a, 2000), 0);
	/* unconditional update to the same program is allowed */
	assert_int_equal(rawbpf_sys_link_update(link, b, NULL), 0);
	close(b);
	assert_int_equal(rb_id_stays(rb_prog_id_exists, id_b, 100), 1);
	close(link);
	assert_int_equal(rb_wait_id_gone(rb_prog_id_exists, id_b, 2000), 0);
	close(map_a);
	close(map_b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_cgroup_link_gone_with_creator, rb_setup_cgroup, rb_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_xdp_link_gone_with_creator, rb_setup_net, rb_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_pinned_cgroup_link_survives, rb_setup_cgroup, rb_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_pinned_xdp_link_survives, rb_setup_net, rb_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_link_update, rb_setup_cgroup, rb_fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
