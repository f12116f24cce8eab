// SPDX-License-Identifier: BSD-2-Clause
/*
 * lifetime_loaded.c - lifetime row "loaded, not attached, not pinned": the
 * program (and a map) is held only by fds. It is freed when the last fd
 * closes: when the loading process exits or is killed, or when the last
 * dup() of the fd is closed; an fd passed to another process over
 * SCM_RIGHTS is a full reference and keeps it alive after the loader exits.
 */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "child.h"
#include "fixture.h"
#include "progs.h"
#include "rawbpf/sys.h"

/* child: a map and a program using nothing, ids in val[0] (prog), val[1]
 * (map); with @arg set, the program fd is also passed to the parent. */
static int load_only(void *arg, struct rb_child_report *r)
{
	int map = RB_CHILD_TRY(r, rb_counter_map("rb_loaded"));
	int prog = RB_CHILD_TRY(r, rb_load_ret(BPF_PROG_TYPE_SOCKET_FILTER, 0, 7));

	r->val[0] = rb_obj_id(prog);
	r->val[1] = rb_obj_id(map);
	if (arg)
		r->fd = prog;
	return 0;
}

static void start(struct rb_child **c, struct rb_child_report *r, void *arg)
{
	*c = rb_child_start(load_only, arg, r);
	assert_non_null(*c);
	assert_int_equal(r->err, 0);
	assert_true(r->val[0] > 0 && r->val[1] > 0);
	/* alive while the child (its fds) lives */
	assert_int_equal(rb_prog_id_exists(r->val[0]), 1);
	assert_int_equal(rb_map_id_exists(r->val[1]), 1);
}

static void test_loaded_gone_when_loader_exits(void **state)
{
	struct rb_child_report r;
	struct rb_child *c;

	(void)state;
	rb_require_kernel();
	start(&c, &r, NULL);
	assert_int_equal(rb_child_exit(c), 0);
	assert_int_equal(rb_wait_id_gone(rb_prog_id_exists, r.val[0], 2000), 0);
	assert_int_equal(rb_wait_id_gone(rb_map_id_exists, r.val[1], 2000), 0);
}

static void test_loaded_gone_when_loader_killed(void **state)
{
	struct rb_child_report r;
	struct rb_child *c;

	(void)state;
	rb_require_kernel();
	start(&c, &r, NULL);
	rb_child_kill(c);
	assert_int_equal(rb_wait_id_gone(rb_prog_id_exists, r.val[0], 2000), 0);
	assert_int_equal(rb_wait_id_gone(rb_map_id_exists, r.val[1], 2000), 0);
}

static void test_dup_fd_keeps_it(void **state)
{
	uint32_t id;
	int fd, dup;

	(void)state;
	rb_require_kernel();
	fd = rb_load_ret(BPF_PROG_TYPE_SOCKET_FILTER, 0, 7);
	assert_true(fd > 2);
	id = rb_obj_id(fd);
	dup = fcntl(fd, F_DUPFD_CLOEXEC, 3);
	assert_true(dup > 2);
	close(fd);
	/* the dup is the same open file: still one reference */
	assert_int_equal(rb_id_stays(rb_prog_id_exists, id, 100), 1);
	close(dup);
	assert_int_equal(rb_wait_id_gone(rb_prog_id_exists, id, 2000), 0);
}

static void test_fd_passed_over_scm_rights_keeps_it(void **state)
{
	unsigned char pkt[64] = { 0 };
	RAWBPF_OPTS(rawbpf_sys_prog_test_run_opts, run, .data_in = pkt,
		    .data_size_in = sizeof(pkt), .repeat = 1);
	struct rb_child_report r;
	struct rb_child *c;

	(void)state;
	rb_require_kernel();
	start(&c, &r, (void *)1);
	assert_true(r.fd > 2);
	assert_int_equal(rb_obj_id(r.fd), r.val[0]);
	assert_int_equal(rb_child_exit(c), 0);
	/* the loader is gone; the passed fd holds the program ... */
	assert_int_equal(rb_id_stays(rb_prog_id_exists, r.val[0], 200), 1);
	assert_int_equal(rawbpf_sys_prog_test_run(r.fd, &run), 0);
	assert_int_equal(run.retval, 7);
	/* ... but not the map the child also made */
	assert_int_equal(rb_wait_id_gone(rb_map_id_exists, r.val[1], 2000), 0);
	close(r.fd);
	assert_int_equal(rb_wait_id_gone(rb_prog_id_exists, r.val[0], 2000), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_loaded_gone_when_loader_exits, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_loaded_gone_when_loader_killed, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_dup_fd_keeps_it, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_fd_passed_over_scm_rights_keeps_it, rb_fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
