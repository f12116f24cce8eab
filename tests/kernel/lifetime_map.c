// SPDX-License-Identifier: BSD-2-Clause
/*
 * lifetime_map.c - lifetime row "map used by a program": a program holds
 * every map its instructions name (ld_imm64 BPF_PSEUDO_MAP_FD), so the map
 * lives as long as the program, and a pinned map outlives its program.
 * Two counts matter: the reference count (any holder) and the user count
 * ("uref": fds and pins only). When a prog_array's uref drops to zero its
 * entries are cleared, even though a program still holds the map itself;
 * this breaks tail-call cycles that nothing in user space refers to.
 * Map existence is checked with the id walk (rb_map_id_listed), which
 * takes no user reference of its own.
 */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include "child.h"
#include "env.h"
#include "fixture.h"
#include "progs.h"
#include "rawbpf/pin.h"
#include "rawbpf/sys.h"

enum what { PIN_PROG = 1, PIN_MAP = 2 };

/* child: a counter map and a program using it; pins per @arg;
 * val = { prog id, map id } */
static int map_and_prog(void *arg, struct rb_child_report *r)
{
	int what = (int)(uintptr_t)arg;
	int map = RB_CHILD_TRY(r, rb_counter_map("rb_used"));
	int prog = RB_CHILD_TRY(r, rb_load_counter(BPF_PROG_TYPE_SOCKET_FILTER,
						   0, map, 0));
	char path[256];

	if (what & PIN_PROG) {
		rb_pin_path(path, sizeof(path), "prog");
		RB_CHILD_TRY(r, rawbpf_bpffs_pin(prog, path));
	}
	if (what & PIN_MAP) {
		rb_pin_path(path, sizeof(path), "map");
		RB_CHILD_TRY(r, rawbpf_bpffs_pin(map, path));
	}
	r->val[0] = rb_obj_id(prog);
	r->val[1] = rb_obj_id(map);
	return 0;
}

static void run(int prog_fd, uint32_t expect)
{
	unsigned char pkt[64] = { 0 };
	RAWBPF_OPTS(rawbpf_sys_prog_test_run_opts, o, .data_in = pkt,
		    .data_size_in = sizeof(pkt), .repeat = 1);

	assert_int_equal(rawbpf_sys_prog_test_run(prog_fd, &o), 0);
	assert_int_equal(o.retval, expect);
}

static void child_does(int what, struct rb_child_report *r)
{
	struct rb_child *c = rb_child_start(map_and_prog,
					    (void *)(uintptr_t)what, r);

	assert_non_null(c);
	assert_int_equal(r->err, 0);
	assert_int_equal(rb_child_exit(c), 0);
}

static void test_map_lives_as_long_as_its_program(void **state)
{
	struct rb_child_report r;
	char path[256];
	int prog, map;

	(void)state;
	child_does(PIN_PROG, &r);
	/* nobody but the program refers to the map */
	assert_int_equal(rb_id_stays(rb_map_id_listed, r.val[1], 200), 1);
	rb_pin_path(path, sizeof(path), "prog");
	prog = rawbpf_bpffs_get(path, 0);
	assert_true(prog > 2);
	run(prog, 0);
	close(prog);
	map = rb_map_fd_by_id(r.val[1]);
	assert_int_equal(rb_counter_read(map), 1);	/* the program's map */
	close(map);
	assert_int_equal(rawbpf_bpffs_unpin(path), 0);
	assert_int_equal(rb_wait_id_gone(rb_prog_id_exists, r.val[0], 2000), 0);
	assert_int_equal(rb_wait_id_gone(rb_map_id_listed, r.val[1], 2000), 0);
}

static void test_pinned_map_outlives_program(void **state)
{
	struct rb_child_report r;
	char path[256];

	(void)state;
	child_does(PIN_MAP, &r);
	assert_int_equal(rb_wait_id_gone(rb_prog_id_exists, r.val[0], 2000), 0);
	assert_int_equal(rb_id_stays(rb_map_id_listed, r.val[1], 200), 1);
	rb_pin_path(path, sizeof(path), "map");
	assert_int_equal(rawbpf_bpffs_unpin(path), 0);
	assert_int_equal(rb_wait_id_gone(rb_map_id_listed, r.val[1], 2000), 0);
}

/* child: prog_array with target T (returns 7) at slot 0, and a caller C
 * that tail-calls slot 0 and otherwise returns 1. C is pinned; the array
 * too when @arg is set. val = { C id, array id, T id } */
static int tail_call_setup(void *arg, struct rb_child_report *r)
{
	uint32_t key = 0;
	int arr = RB_CHILD_TRY(r, rawbpf_sys_map_create(BPF_MAP_TYPE_PROG_ARRAY,
						    "rb_jmp", 4, 4, 1, NULL));
	int target = RB_CHILD_TRY(r, rb_load_ret(BPF_PROG_TYPE_SOCKET_FILTER,
						 0, 7));
	int caller = RB_CHILD_TRY(r, rb_load_tail_call(
					     BPF_PROG_TYPE_SOCKET_FILTER, arr, 1));
	char path[256];

	RB_CHILD_TRY(r, rawbpf_sys_map_update_elem(arr, &key, &target, BPF_ANY));
	rb_pin_path(path, sizeof(path), "caller");
	RB_CHILD_TRY(r, rawbpf_bpffs_pin(caller, path));
	if (arg) {
		rb_pin_path(path, sizeof(path), "jmp");
		RB_CHILD_TRY(r, rawbpf_bpffs_pin(arr, path));
	}
	r->val[0] = rb_obj_id(caller);
	r->val[1] = rb_obj_id(arr);
	r->val[2] = rb_obj_id(target);
	return 0;
}

static int tail_child(int pin_array, struct rb_child_report *r)
{
	struct rb_child *c = rb_child_start(tail_call_setup,
					    pin_array ? rb_env.dir : NULL, r);
	char path[256];
	int caller;

	assert_non_null(c);
	assert_int_equal(r->err, 0);
	assert_int_equal(rb_child_exit(c), 0);
	rb_pin_path(path, sizeof(path), "caller");
	caller = rawbpf_bpffs_get(path, 0);
	assert_true(caller > 2);
	return caller;
}

/* the array is held only by the caller program: entries cleared */
static void expect_cleared(struct rb_child_report *r, int caller)
{
	uint32_t key = 0, val;
	int arr;

	assert_int_equal(rb_wait_id_gone(rb_prog_id_exists, r->val[2], 2000), 0);
	run(caller, 1);				/* the tail call falls through */
	assert_int_equal(rb_map_id_listed(r->val[1]), 1);	/* map lives */
	arr = rb_map_fd_by_id(r->val[1]);
	assert_true(arr > 2);
	assert_int_equal(rawbpf_sys_map_lookup_elem(arr, &key, &val), -ENOENT);
	close(arr);
}

static void unpin_caller(struct rb_child_report *r, int caller)
{
	char path[256];

	close(caller);
	rb_pin_path(path, sizeof(path), "caller");
	assert_int_equal(rawbpf_bpffs_unpin(path), 0);
	assert_int_equal(rb_wait_id_gone(rb_prog_id_exists, r->val[0], 2000), 0);
	assert_int_equal(rb_wait_id_gone(rb_map_id_listed, r->val[1], 2000), 0);
}

static void test_prog_array_cleared_when_uref_goes(void **state)
{
	struct rb_child_report r;
	int caller;

	(void)state;
	caller = tail_child(0, &r);
	expect_cleared(&r, caller);
	unpin_caller(&r, caller);
}

static void test_pinned_prog_array_keeps_entries(void **state)
{
	struct rb_child_report r;
	char path[256];
	uint32_t key = 0, val;
	int caller, arr;

	(void)state;
	caller = tail_child(1, &r);
	/* the pin is a user reference: slot 0 still holds the target */
	assert_int_equal(rb_id_stays(rb_prog_id_exists, r.val[2], 200), 1);
	run(caller, 7);
	rb_pin_path(path, sizeof(path), "jmp");
	arr = rawbpf_bpffs_get(path, BPF_F_RDONLY);
	assert_true(arr > 2);
	assert_int_equal(rawbpf_sys_map_lookup_elem(arr, &key, &val), 0);
	assert_int_equal(val, r.val[2]);	/* user space reads the prog id */
	close(arr);
	/* last user reference goes: cleared, the map itself stays */
	assert_int_equal(rawbpf_bpffs_unpin(path), 0);
	expect_cleared(&r, caller);
	unpin_caller(&r, caller);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_map_lives_as_long_as_its_program, rb_setup_pins, rb_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_pinned_map_outlives_program, rb_setup_pins, rb_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_prog_array_cleared_when_uref_goes, rb_setup_pins, rb_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_pinned_prog_array_keeps_entries, rb_setup_pins, rb_fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
