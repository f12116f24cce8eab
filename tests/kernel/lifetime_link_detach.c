// SPDX-License-Identifier: BSD-2-Clause
/*
 * lifetime_link_detach.c - lifetime row "LINK_DETACH": BPF_LINK_DETACH
 * (5.9) takes the program off the hook, but the link object stays: its
 * fds and pins remain valid, it still answers OBJ_GET_INFO_BY_FD (target
 * now empty), and it keeps its program alive until the link itself goes.
 * Such a link is "defunct": LINK_UPDATE answers ENOLINK. The same state
 * results when the target disappears under the link (cgroup removed,
 * device deleted). A detached pinned link stays until unpinned.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <net/if.h>
#include <linux/if_link.h>

#include "child.h"
#include "env.h"
#include "fixture.h"
#include "progs.h"
#include "rawbpf/pin.h"
#include "rawbpf/sys.h"

#define CG_TYPE BPF_PROG_TYPE_CGROUP_SOCK
#define CG_HOOK BPF_CGROUP_INET_SOCK_CREATE

/* where the links of this file are pinned */
static const char *link_pin(void)
{
	static char path[256];

	rb_pin_path(path, sizeof(path), "link");
	return path;
}

/* child: cgroup link of a counter program, pinned; val = { prog, map,
 * link } */
static int pinned_cgroup_link(void *arg, struct rb_child_report *r)
{
	int map = RB_CHILD_TRY(r, rb_counter_map("rb_det"));
	int prog = RB_CHILD_TRY(r, rb_load_counter(CG_TYPE, CG_HOOK, map, 1));
	int link = RB_CHILD_TRY(r, rawbpf_sys_link_create(prog, rb_env.cg_fd, CG_HOOK,
						      NULL));

	(void)arg;
	RB_CHILD_TRY(r, rawbpf_bpffs_pin(link, link_pin()));
	r->val[0] = rb_obj_id(prog);
	r->val[1] = rb_obj_id(map);
	r->val[2] = rb_obj_id(link);
	return 0;
}

/* the child made and pinned a cgroup link and exited; the link fires */
static int child_pins_link(struct rb_child_report *r)
{
	struct rb_child *c = rb_child_start(pinned_cgroup_link, NULL, r);
	int map;

	assert_non_null(c);
	assert_int_equal(r->err, 0);
	assert_int_equal(rb_child_exit(c), 0);
	map = rb_map_fd_by_id(r->val[1]);
	assert_true(map > 2);
	assert_int_equal(rb_cgroup_socket(rb_env.cg), 0);
	assert_int_equal(rb_counter_read(map), 1);
	assert_int_equal(rb_cgroup_prog_count(CG_HOOK), 1);
	return map;
}

/* a defunct link: exists, holds its program, answers info with an empty
 * target, refuses updates; unpinning frees link and program */
static void expect_defunct(struct rb_child_report *r, int map)
{
	struct rawbpf_link_info info;
	int fd, prog;

	assert_int_equal(rb_cgroup_prog_count(CG_HOOK), 0);
	assert_int_equal(rb_cgroup_socket(rb_env.cg), 0);
	assert_int_equal(rb_counter_read(map), 1);	/* no longer fires */
	assert_int_equal(rb_id_stays(rb_link_id_exists, r->val[2], 100), 1);
	assert_int_equal(rb_prog_id_exists(r->val[0]), 1);
	assert_int_equal(rb_link_info_by_id(r->val[2], &info), 0);
	assert_int_equal(info.type, BPF_LINK_TYPE_CGROUP);
	assert_int_equal(info.prog_id, r->val[0]);
	assert_int_equal(info.cgroup.cgroup_id, 0);
	fd = rawbpf_bpffs_get(link_pin(), 0);		/* the pin still opens */
	assert_true(fd > 2);
	prog = rawbpf_sys_prog_get_fd_by_id(r->val[0]);
	assert_true(prog > 2);
	assert_int_equal(rawbpf_sys_link_update(fd, prog, NULL), -ENOLINK);
	close(prog);
	close(fd);
	assert_int_equal(rawbpf_bpffs_unpin(link_pin()), 0);
	assert_int_equal(rb_wait_id_gone(rb_link_id_exists, r->val[2], 2000), 0);
	assert_int_equal(rb_wait_id_gone(rb_prog_id_exists, r->val[0], 2000), 0);
}

static void test_detached_pinned_link_stays_defunct(void **state)
{
	struct rb_child_report r;
	int map, fd;

	(void)state;
	map = child_pins_link(&r);
	fd = rawbpf_bpffs_get(link_pin(), 0);
	assert_true(fd > 2);
	assert_int_equal(rawbpf_sys_link_detach(fd), 0);
	/* detaching a defunct link again is harmless */
	assert_int_equal(rawbpf_sys_link_detach(fd), 0);
	close(fd);
	expect_defunct(&r, map);
	close(map);
}

static void test_cgroup_removal_leaves_link_defunct(void **state)
{
	struct rawbpf_link_info info;
	struct rb_child_report r;
	int map, i;

	(void)state;
	map = child_pins_link(&r);
	assert_int_equal(rmdir(rb_env.cg), 0);
	for (i = 0; i < 300; i++) {
		assert_int_equal(rb_link_info_by_id(r.val[2], &info), 0);
		if (!info.cgroup.cgroup_id)
			break;
		usleep(10000);
	}
	assert_int_equal(info.cgroup.cgroup_id, 0);
	assert_int_equal(rb_id_stays(rb_link_id_exists, r.val[2], 100), 1);
	assert_int_equal(rb_prog_id_exists(r.val[0]), 1);
	assert_int_equal(rawbpf_bpffs_unpin(link_pin()), 0);
	assert_int_equal(rb_wait_id_gone(rb_link_id_exists, r.val[2], 2000), 0);
	assert_int_equal(rb_wait_id_gone(rb_prog_id_exists, r.val[0], 2000), 0);
	close(map);
}

static void send_a(void)
{
	rb_send_frame(rb_env.ns.ifindex_a);
}

static void xdp_link(int *map, int *link, uint32_t *prog_id)
{
	RAWBPF_OPTS(rawbpf_sys_link_create_opts, o, .flags = XDP_FLAGS_SKB_MODE);
	struct rawbpf_link_info info;
	int prog;

	*map = rb_counter_map("rb_det_xdp");
	assert_true(*map > 2);
	prog = rb_load_counter(BPF_PROG_TYPE_XDP, BPF_XDP, *map, XDP_PASS);
	assert_true(prog > 2);
	*prog_id = rb_obj_id(prog);
	*link = rawbpf_sys_link_create(prog, rb_env.ns.ifindex_b, BPF_XDP, &o);
	assert_true(*link > 2);
	close(prog);		/* the link holds it */
	assert_int_equal(rb_counter_grows(*map, send_a, 2000), 1);
	assert_int_equal(rb_link_info_by_fd(*link, &info), 0);
	assert_int_equal(info.xdp.ifindex, (uint32_t)rb_env.ns.ifindex_b);
}

static int if_exists_b(void)
{
	return if_nametoindex("rbvb") != 0;
}

static void expect_xdp_defunct(int map, int link, uint32_t prog_id)
{
	struct rawbpf_link_info info;
	uint32_t link_id = rb_obj_id(link);
	uint64_t before = rb_counter_read(map);

	assert_int_equal(rb_link_info_by_fd(link, &info), 0);
	assert_int_equal(info.type, BPF_LINK_TYPE_XDP);
	assert_int_equal(info.prog_id, prog_id);
	assert_int_equal(info.xdp.ifindex, 0);
	if (if_exists_b())
		assert_int_equal(rb_send_frame(rb_env.ns.ifindex_a), 0);
	assert_int_equal(rb_counter_read(map), before);
	assert_int_equal(rb_prog_id_exists(prog_id), 1);
	close(link);
	assert_int_equal(rb_wait_id_gone(rb_link_id_exists, link_id, 2000), 0);
	assert_int_equal(rb_wait_id_gone(rb_prog_id_exists, prog_id, 2000), 0);
	close(map);
}

static void test_detached_xdp_link_defunct(void **state)
{
	uint32_t prog_id;
	int map, link;

	(void)state;
	xdp_link(&map, &link, &prog_id);
	assert_int_equal(rawbpf_sys_link_detach(link), 0);
	expect_xdp_defunct(map, link, prog_id);
}

static void test_device_removal_leaves_xdp_link_defunct(void **state)
{
	uint32_t prog_id;
	int map, link;

	(void)state;
	xdp_link(&map, &link, &prog_id);
	assert_int_equal(system("ip link del rbva"), 0);
	expect_xdp_defunct(map, link, prog_id);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_detached_pinned_link_stays_defunct, rb_setup_cgroup, rb_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_cgroup_removal_leaves_link_defunct, rb_setup_cgroup, rb_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_detached_xdp_link_defunct, rb_setup_net, rb_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_device_removal_leaves_xdp_link_defunct, rb_setup_net, rb_fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
