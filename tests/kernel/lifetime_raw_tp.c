// SPDX-License-Identifier: BSD-2-Clause
/*
 * lifetime_raw_tp.c - lifetime row "raw_tracepoint fd": the fd that
 * BPF_RAW_TRACEPOINT_OPEN returns holds the attachment; since 5.7 it is a
 * bpf_link (it has a link id, link info, and can be pinned). It dies with
 * the process unless pinned; a pinned raw_tp link keeps firing after its
 * creator exited, until the pin is removed.
 * Hook: raw tracepoint task_rename, fired by prctl(PR_SET_NAME).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "child.h"
#include "env.h"
#include "fixture.h"
#include "progs.h"
#include "rawbpf/pin.h"
#include "rawbpf/sys.h"

/* child: counter on task_rename; pinned as "rtp" with @arg;
 * val = { prog id, map id, link id, 1 if the fd is a link } */
static int open_raw_tp(void *arg, struct rb_child_report *r)
{
	int map = RB_CHILD_TRY(r, rb_counter_map("rb_rawtp"));
	int prog = RB_CHILD_TRY(r, rb_load_counter(BPF_PROG_TYPE_RAW_TRACEPOINT,
						   0, map, 0));
	int fd = RB_CHILD_TRY(r, rawbpf_sys_raw_tracepoint_open("task_rename",
							    prog, 0));

	r->val[0] = rb_obj_id(prog);
	r->val[1] = rb_obj_id(map);
	r->val[2] = rb_obj_id(fd);
	r->val[3] = rawbpf_fd_type(fd) == RAWBPF_FD_LINK;
	if (arg) {
		char path[256];

		rb_pin_path(path, sizeof(path), "rtp");
		RB_CHILD_TRY(r, rawbpf_bpffs_pin(fd, path));
	}
	return 0;
}

static void rename_self(void)
{
	prctl(PR_SET_NAME, "rb_rawtp", 0, 0, 0);
}

static int child_opens(struct rb_child_report *r, int pin)
{
	struct rb_child *c = rb_child_start(open_raw_tp,
					    pin ? rb_env.dir : NULL, r);
	struct rawbpf_link_info info;
	uint64_t before;
	int map;

	assert_non_null(c);
	assert_int_equal(r->err, 0);
	/* the raw_tp fd is a link */
	assert_int_equal(r->val[3], 1);
	assert_int_equal(rb_link_info_by_id(r->val[2], &info), 0);
	assert_int_equal(info.type, BPF_LINK_TYPE_RAW_TRACEPOINT);
	assert_int_equal(info.prog_id, r->val[0]);
	map = rb_map_fd_by_id(r->val[1]);
	assert_true(map > 2);
	before = rb_counter_read(map);
	rename_self();
	assert_true(rb_counter_read(map) > before);
	assert_int_equal(rb_child_exit(c), 0);
	return map;
}

static void test_raw_tp_fd_dies_with_process(void **state)
{
	struct rb_child_report r;
	int map;

	(void)state;
	map = child_opens(&r, 0);
	rb_expect_gone_and_silent(r.val[2], r.val[0], map, rename_self);
	close(map);
}

static void test_pinned_raw_tp_link_survives(void **state)
{
	struct rb_child_report r;
	char path[256];
	uint64_t before;
	int map;

	(void)state;
	map = child_opens(&r, 1);
	assert_int_equal(rb_id_stays(rb_link_id_exists, r.val[2], 200), 1);
	before = rb_counter_read(map);
	rename_self();
	assert_true(rb_counter_read(map) > before);
	rb_pin_path(path, sizeof(path), "rtp");
	assert_int_equal(rawbpf_bpffs_type(path), RAWBPF_FD_LINK);
	assert_int_equal(rawbpf_bpffs_unpin(path), 0);
	rb_expect_gone_and_silent(r.val[2], r.val[0], map, rename_self);
	close(map);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_raw_tp_fd_dies_with_process, rb_setup_pins, rb_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_pinned_raw_tp_link_survives, rb_setup_pins, rb_fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
