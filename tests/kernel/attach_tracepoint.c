// SPDX-License-Identifier: BSD-2-Clause
/* attach_tracepoint.c - tracepoints and raw tracepoints fire: a program
 * counts the test's own getppid() calls through a perf link, through
 * PERF_EVENT_IOC_SET_BPF and through RAW_TRACEPOINT_OPEN; cookies, update,
 * detach, and a pinned link that outlives the process that made it.
 * getppid, not getpid: valgrind calls getpid itself around bpf() (to read
 * /proc/PID/fdinfo), which would add to the counts under tests/valgrind. */
#include <errno.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <linux/perf_event.h>

#include "fixture.h"
#include "kernel_features.h"
#include "progs.h"
#include "trace_progs.h"
#include "rawbpf/attach_trace.h"
#include "rawbpf/sys.h"

static void getppids(int n)
{
	for (int i = 0; i < n; i++)
		syscall(SYS_getppid);
}

static int tp_prog(int map, uint32_t slot, uint64_t add)
{
	struct rb_tcount_prog p = {
		.prog_type = BPF_PROG_TYPE_TRACEPOINT, .map_fd = map,
		.slot = slot, .tgid = (uint32_t)getpid(), .add = add,
	};

	return rb_tcount_load(&p);
}

static void setup(int *map, int *prog)
{
	rb_require_kernel();
	assert_non_null(rb_tracefs());
	*map = rb_tcount_map();
	assert_true(*map > 2);
	*prog = tp_prog(*map, 0, 1);
	assert_true(*prog > 2);
}

static void tp_counts(uint32_t mode, enum rawbpf_attach_kind kind)
{
	RAWBPF_OPTS(rawbpf_attach_tracepoint_opts, o, .mode = mode);
	struct rawbpf_attachment *at = NULL;
	int map, prog;

	setup(&map, &prog);
	assert_int_equal(rawbpf_attach_tracepoint(prog, "syscalls",
			 "sys_enter_getppid", &o, &at), 0);
	assert_int_equal(rawbpf_attachment_kind(at), kind);
	getppids(7);
	assert_int_equal(rb_tcount_get(map, 0), 7);
	rawbpf_attachment_destroy(at);
	getppids(3);
	assert_int_equal(rb_tcount_get(map, 0), 7);
	close(prog);
	close(map);
}

static void test_tp_link(void **state)
{
	(void)state;
	tp_counts(RAWBPF_ATTACH_MODE_LINK, RAWBPF_ATTACH_KIND_LINK);
}

static void test_tp_legacy(void **state)
{
	(void)state;
	tp_counts(RAWBPF_ATTACH_MODE_LEGACY, RAWBPF_ATTACH_KIND_PERF_EVENT);
}

static void test_tp_auto_is_link(void **state)
{
	(void)state;
	tp_counts(RAWBPF_ATTACH_MODE_AUTO, RAWBPF_ATTACH_KIND_LINK);
}

/*
 * A perf event of the caller's: with a perf link the handle's end stops
 * the program; the older SET_BPF binds it to the event itself, so it runs
 * until the caller's fd (the event's last) is closed too.
 */
static void caller_event(uint32_t mode, int runs_after_destroy)
{
	RAWBPF_OPTS(rawbpf_attach_perf_event_opts, o, .mode = mode);
	struct rawbpf_attachment *at = NULL;
	struct perf_event_attr attr;
	int map, prog, pfd, id;

	setup(&map, &prog);
	id = rb_tracepoint_id("syscalls", "sys_enter_getppid");
	assert_true(id > 0);
	memset(&attr, 0, sizeof(attr));
	attr.size = sizeof(attr);
	attr.type = PERF_TYPE_TRACEPOINT;
	attr.config = (uint64_t)id;
	attr.sample_period = 1;
	attr.disabled = 1;
	pfd = rawbpf_sys_perf_event_open(&attr, -1, 0, -1, 0);
	assert_true(pfd > 2);
	assert_int_equal(rawbpf_attach_perf_event(prog, pfd, &o, &at), 0);
	getppids(4);
	assert_int_equal(rb_tcount_get(map, 0), 4);
	rawbpf_attachment_destroy(at);
	getppids(3);
	assert_int_equal(rb_tcount_get(map, 0), runs_after_destroy ? 7 : 4);
	close(pfd);
	getppids(2);
	assert_int_equal(rb_tcount_get(map, 0), runs_after_destroy ? 7 : 4);
	close(prog);
	close(map);
}

static void test_tp_caller_event(void **state)
{
	(void)state;
	caller_event(RAWBPF_ATTACH_MODE_LINK, 0);
	caller_event(RAWBPF_ATTACH_MODE_LEGACY, 1);
}

static void test_tp_errors(void **state)
{
	RAWBPF_OPTS(rawbpf_attach_tracepoint_opts, o);
	struct rawbpf_attachment *at = NULL;
	int map, prog;

	(void)state;
	setup(&map, &prog);
	assert_int_equal(rawbpf_attach_tracepoint(prog, "syscalls", "no_such_tp",
						  &o, &at), -ENOENT);
	assert_int_equal(rawbpf_attach_tracepoint(prog, "sys/calls", "x", &o,
						  &at), -EINVAL);
	o.tracefs = "/nonexistent/tracing";
	assert_int_equal(rawbpf_attach_tracepoint(prog, "syscalls",
			 "sys_enter_getppid", &o, &at), -ENOENT);
	o.tracefs = rb_tracefs();	/* an explicit mount point works */
	assert_int_equal(rawbpf_attach_tracepoint(prog, "syscalls",
			 "sys_enter_getppid", &o, &at), 0);
	getppids(1);
	assert_int_equal(rb_tcount_get(map, 0), 1);
	rawbpf_attachment_destroy(at);
	at = NULL;
	o.tracefs = NULL;
	o.mode = 7;
	assert_int_equal(rawbpf_attach_tracepoint(prog, "syscalls",
			 "sys_enter_getppid", &o, &at), -EINVAL);
	/* a cookie needs the perf link */
	o.mode = RAWBPF_ATTACH_MODE_LEGACY;
	o.cookie = 5;
	assert_int_equal(rawbpf_attach_tracepoint(prog, "syscalls",
			 "sys_enter_getppid", &o, &at), -EOPNOTSUPP);
	/* a socket filter is no tracepoint program: the kernel says EINVAL */
	o.cookie = 0;
	o.mode = RAWBPF_ATTACH_MODE_AUTO;
	assert_int_equal(rawbpf_attach_tracepoint(map, "syscalls",
			 "sys_enter_getppid", &o, &at), -EINVAL);
	assert_null(at);
	close(prog);
	close(map);
}

static void test_tp_cookie(void **state)
{
	RAWBPF_OPTS(rawbpf_attach_tracepoint_opts, o, .mode = RAWBPF_ATTACH_MODE_LINK,
		    .cookie = 0x1234567890abcdefULL);
	struct rb_tcount_prog p = { .prog_type = BPF_PROG_TYPE_TRACEPOINT,
				     .slot = 2, .store_cookie = true };
	struct rawbpf_attachment *at = NULL;
	int map, prog;

	(void)state;
	setup(&map, &prog);
	p.map_fd = map;
	p.tgid = (uint32_t)getpid();
	close(prog);
	prog = rb_tcount_load(&p);
	assert_true(prog > 2);
	assert_int_equal(rawbpf_attach_tracepoint(prog, "syscalls",
			 "sys_enter_getppid", &o, &at), 0);
	getppids(1);
	assert_true(rb_tcount_get(map, 2) == 0x1234567890abcdefULL);
	rawbpf_attachment_destroy(at);
	close(prog);
	close(map);
}

static void test_tp_update_and_detach(void **state)
{
	RAWBPF_OPTS(rawbpf_attach_tracepoint_opts, o, .mode = RAWBPF_ATTACH_MODE_LINK);
	struct rawbpf_attachment *at = NULL;
	struct rawbpf_link_info info;
	int map, prog, prog100;

	(void)state;
	setup(&map, &prog);
	prog100 = tp_prog(map, 0, 100);
	assert_true(prog100 > 2);
	assert_int_equal(rawbpf_attach_tracepoint(prog, "syscalls",
			 "sys_enter_getppid", &o, &at), 0);
	getppids(2);
	assert_int_equal(rb_tcount_get(map, 0), 2);
	/* perf links take no new program and have no LINK_DETACH: the
	 * kernel says so, and the hook keeps running */
	assert_int_equal(rawbpf_attachment_update(at, prog100, -1), -EINVAL);
	assert_int_equal(rawbpf_attachment_detach(at), -EOPNOTSUPP);
	getppids(2);
	assert_int_equal(rb_tcount_get(map, 0), 4);
	/* the link fd stays usable */
	memset(&info, 0, sizeof(info));
	assert_int_equal(rawbpf_attachment_info(at, &info), 0);
	assert_int_equal(info.type, BPF_LINK_TYPE_PERF_EVENT);
	rawbpf_attachment_destroy(at);
	close(prog100);
	close(prog);
	close(map);
}

static void test_tp_legacy_detach(void **state)
{
	RAWBPF_OPTS(rawbpf_attach_tracepoint_opts, o, .mode = RAWBPF_ATTACH_MODE_LEGACY);
	struct rawbpf_attachment *at = NULL;
	int map, prog;

	(void)state;
	setup(&map, &prog);
	assert_int_equal(rawbpf_attach_tracepoint(prog, "syscalls",
			 "sys_enter_getppid", &o, &at), 0);
	getppids(3);
	assert_int_equal(rawbpf_attachment_detach(at), 0);
	getppids(3);
	assert_int_equal(rb_tcount_get(map, 0), 3);
	assert_int_equal(rawbpf_attachment_pin(at, "/sys/fs/bpf/x"), -EOPNOTSUPP);
	/* detaching closed the perf event: no fd remains */
	assert_int_equal(rawbpf_attachment_fd(at), -EBADF);
	assert_int_equal(rawbpf_attachment_detach(at), -ENOENT);
	rawbpf_attachment_destroy(at);
	close(prog);
	close(map);
}

/* The child makes and pins the link, then exits; the link keeps firing for
 * the parent's getppid() until the pin goes. */
static void pinned_outlives(int raw_tp)
{
	char dir[256], pin[300];
	struct rawbpf_attachment *at;
	struct rawbpf_link_info info;
	int map, prog, status;
	pid_t child;

	setup(&map, &prog);
	if (raw_tp) {
		struct rb_tcount_prog p = {
			.prog_type = BPF_PROG_TYPE_RAW_TRACEPOINT, .map_fd = map,
			.tgid = (uint32_t)getpid(), .ctx_check = true,
			.ctx_off = 8, .ctx_val = SYS_getppid,
		};
		close(prog);
		prog = rb_tcount_load(&p);
		assert_true(prog > 2);
	}
	assert_int_equal(rb_bpffs_dir(dir, sizeof(dir)), 0);
	snprintf(pin, sizeof(pin), "%s/link", dir);
	child = fork();
	if (child == 0) {
		int err = raw_tp ? rawbpf_attach_raw_tracepoint(prog, "sys_enter",
								NULL, &at)
				 : rawbpf_attach_tracepoint(prog, "syscalls",
							   "sys_enter_getppid",
							   NULL, &at);
		if (!err)
			err = rawbpf_attachment_pin(at, pin);
		_exit(err ? 1 : 0);
	}
	assert_true(child > 0);
	assert_int_equal(waitpid(child, &status, 0), child);
	assert_int_equal(status, 0);
	close(prog);	/* only the pinned link holds the program now */
	getppids(4);
	assert_int_equal(rb_tcount_get(map, 0), 4);
	assert_int_equal(rawbpf_link_open_pinned(pin, &at, NULL), 0);
	memset(&info, 0, sizeof(info));
	assert_int_equal(rawbpf_attachment_info(at, &info), 0);
	rawbpf_attachment_destroy(at);
	assert_int_equal(unlink(pin), 0);
	assert_int_equal(rb_wait_id_gone(rb_link_id_exists, info.id, 2000), 0);
	assert_int_equal(rb_wait_id_gone(rb_prog_id_exists, info.prog_id, 2000), 0);
	getppids(4);
	assert_int_equal(rb_tcount_get(map, 0), 4);
	close(map);
}

static void test_tp_pinned_outlives_creator(void **state)
{
	(void)state;
	pinned_outlives(0);
}

static void test_raw_tp_pinned_outlives_creator(void **state)
{
	(void)state;
	pinned_outlives(1);
}

static void raw_tp_counts(uint32_t mode)
{
	RAWBPF_OPTS(rawbpf_attach_raw_tracepoint_opts, o, .mode = mode);
	struct rb_tcount_prog p = { .prog_type = BPF_PROG_TYPE_RAW_TRACEPOINT,
				     .ctx_check = true, .ctx_off = 8,
				     .ctx_val = SYS_getppid };
	struct rawbpf_attachment *at = NULL;
	struct rawbpf_link_info info;
	int map, prog;

	setup(&map, &prog);
	close(prog);
	p.map_fd = map;
	p.tgid = (uint32_t)getpid();
	prog = rb_tcount_load(&p);
	assert_true(prog > 2);
	assert_int_equal(rawbpf_attach_raw_tracepoint(prog, "sys_enter", &o,
						      &at), 0);
	assert_int_equal(rawbpf_attachment_kind(at), RAWBPF_ATTACH_KIND_LINK);
	getppids(5);
	assert_int_equal(rb_tcount_get(map, 0), 5);
	memset(&info, 0, sizeof(info));
	assert_int_equal(rawbpf_attachment_info(at, &info), 0);
	assert_int_equal(info.type, BPF_LINK_TYPE_RAW_TRACEPOINT);
	rawbpf_attachment_destroy(at);
	getppids(5);
	assert_int_equal(rb_tcount_get(map, 0), 5);
	close(prog);
	close(map);
}

static void test_raw_tp_link(void **state)
{
	(void)state;
	raw_tp_counts(RAWBPF_ATTACH_MODE_LINK);
}

static void test_raw_tp_legacy(void **state)
{
	(void)state;
	raw_tp_counts(RAWBPF_ATTACH_MODE_LEGACY);
}

static void test_raw_tp_cookie_and_errors(void **state)
{
	RAWBPF_OPTS(rawbpf_attach_raw_tracepoint_opts, o, .cookie = 77);
	struct rb_tcount_prog p = { .prog_type = BPF_PROG_TYPE_RAW_TRACEPOINT,
				     .slot = 3, .store_cookie = true };
	struct rawbpf_attachment *at = NULL;
	int map, prog;

	(void)state;
	setup(&map, &prog);
	close(prog);
	if (!rb_have(RB_FEAT_RAW_TP_COOKIE)) {
		close(map);
		rb_need(RB_FEAT_RAW_TP_COOKIE);
	}
	p.map_fd = map;
	p.tgid = (uint32_t)getpid();
	prog = rb_tcount_load(&p);
	assert_true(prog > 2);
	assert_int_equal(rawbpf_attach_raw_tracepoint(prog, "no_such_tp", &o,
						      &at), -ENOENT);
	assert_int_equal(rawbpf_attach_raw_tracepoint(prog, "", &o, &at),
			 -EINVAL);
	/* why every mode uses RAW_TRACEPOINT_OPEN: LINK_CREATE has no field
	 * for a classic raw tracepoint's name */
	{
		assert_int_equal(rawbpf_sys_link_create(prog, 0, BPF_TRACE_RAW_TP,
						    NULL), -EINVAL);
	}
	assert_int_equal(rawbpf_attach_raw_tracepoint(prog, "sys_enter", &o,
						      &at), 0);
	getppids(1);
	assert_int_equal(rb_tcount_get(map, 3), 77);
	rawbpf_attachment_destroy(at);
	close(prog);
	close(map);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_tp_link, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_tp_legacy, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_tp_auto_is_link, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_tp_errors, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_tp_caller_event, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_tp_cookie, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_tp_update_and_detach, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_tp_legacy_detach, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_tp_pinned_outlives_creator, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_raw_tp_pinned_outlives_creator, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_raw_tp_link, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_raw_tp_legacy, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_raw_tp_cookie_and_errors, rb_fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
