// SPDX-License-Identifier: BSD-2-Clause
/*
 * lifetime_pinned.c - lifetime row "pinned program": the bpffs inode holds
 * the program. It survives the loader's exit (or SIGKILL) until the pin is
 * unlinked; every extra name (a second pin, a hard link) is one more
 * reference, and removing the last one frees the object when no fd is open.
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

/* child: load "return 7", pin it as p1 (and p2 with @arg). */
static int load_and_pin(void *arg, struct rb_child_report *r)
{
	char path[256];
	int prog = RB_CHILD_TRY(r, rb_load_ret(BPF_PROG_TYPE_SOCKET_FILTER, 0, 7));

	rb_pin_path(path, sizeof(path), "p1");
	RB_CHILD_TRY(r, rawbpf_bpffs_pin(prog, path));
	if (arg) {
		rb_pin_path(path, sizeof(path), "p2");
		RB_CHILD_TRY(r, rawbpf_bpffs_pin(prog, path));
	}
	r->val[0] = rb_obj_id(prog);
	return 0;
}

static int run_pinned(const char *name)
{
	unsigned char pkt[64] = { 0 };
	RAWBPF_OPTS(rawbpf_sys_prog_test_run_opts, run, .data_in = pkt,
		    .data_size_in = sizeof(pkt), .repeat = 1);
	char path[256];
	int fd, err;

	rb_pin_path(path, sizeof(path), name);
	fd = rawbpf_bpffs_get(path, 0);
	if (fd < 0)
		return fd;
	err = rawbpf_sys_prog_test_run(fd, &run);
	close(fd);
	return err ? err : (int)run.retval;
}

static uint32_t child_pins(int two, int kill_it)
{
	struct rb_child_report r;
	struct rb_child *c = rb_child_start(load_and_pin,
					    two ? rb_env.dir : NULL, &r);

	assert_non_null(c);
	assert_int_equal(r.err, 0);
	if (kill_it)
		rb_child_kill(c);
	else
		assert_int_equal(rb_child_exit(c), 0);
	/* the loader and all its fds are gone: only the pin(s) hold it */
	assert_int_equal(rb_id_stays(rb_prog_id_exists, r.val[0], 200), 1);
	assert_int_equal(run_pinned("p1"), 7);
	return r.val[0];
}

/* the child pins and ends (exit or SIGKILL); the pin holds the program
 * until it is unlinked */
static void survives_until_unpinned(int kill_it)
{
	char path[256];
	uint32_t id = child_pins(0, kill_it);

	rb_pin_path(path, sizeof(path), "p1");
	assert_int_equal(rawbpf_bpffs_unpin(path), 0);
	assert_int_equal(rb_wait_id_gone(rb_prog_id_exists, id, 2000), 0);
}

static void test_pinned_prog_survives_exit(void **state)
{
	(void)state;
	survives_until_unpinned(0);
}

static void test_pinned_prog_survives_kill(void **state)
{
	(void)state;
	survives_until_unpinned(1);
}

static void test_last_pin_frees(void **state)
{
	char p1[256], p2[256], p3[256];
	uint32_t id;

	(void)state;
	id = child_pins(1, 0);
	rb_pin_path(p1, sizeof(p1), "p1");
	rb_pin_path(p2, sizeof(p2), "p2");
	rb_pin_path(p3, sizeof(p3), "p3");
	/* a hard link on bpffs names the same inode: no new reference */
	assert_int_equal(link(p2, p3), 0);
	assert_int_equal(rawbpf_bpffs_unpin(p1), 0);
	assert_int_equal(rb_id_stays(rb_prog_id_exists, id, 200), 1);
	assert_int_equal(rawbpf_bpffs_unpin(p2), 0);
	assert_int_equal(rb_id_stays(rb_prog_id_exists, id, 200), 1);
	assert_int_equal(run_pinned("p3"), 7);
	/* the last name of the inode: the object goes */
	assert_int_equal(rawbpf_bpffs_unpin(p3), 0);
	assert_int_equal(rb_wait_id_gone(rb_prog_id_exists, id, 2000), 0);
}

static void test_pin_and_fd_both_hold(void **state)
{
	char path[256];
	uint32_t id;
	int fd;

	(void)state;
	fd = rb_load_ret(BPF_PROG_TYPE_SOCKET_FILTER, 0, 7);
	assert_true(fd > 2);
	id = rb_obj_id(fd);
	rb_pin_path(path, sizeof(path), "p1");
	assert_int_equal(rawbpf_bpffs_pin(fd, path), 0);
	/* unpinned while an fd is open: the fd holds it */
	assert_int_equal(rawbpf_bpffs_unpin(path), 0);
	assert_int_equal(rb_id_stays(rb_prog_id_exists, id, 200), 1);
	close(fd);
	assert_int_equal(rb_wait_id_gone(rb_prog_id_exists, id, 2000), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_pinned_prog_survives_exit, rb_setup_pins, rb_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_pinned_prog_survives_kill, rb_setup_pins, rb_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_last_pin_frees, rb_setup_pins, rb_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_pin_and_fd_both_hold, rb_setup_pins, rb_fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
