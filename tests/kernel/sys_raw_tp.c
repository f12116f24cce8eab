// SPDX-License-Identifier: BSD-2-Clause
/*
 * sys_raw_tp.c - BPF_RAW_TRACEPOINT_OPEN attaches a counting program that
 * then fires; BPF_TASK_FD_QUERY names the tracepoint behind the fd;
 * closing the fd (a link) stops it; a cookie (6.10) reaches the program.
 * Refusals: unknown tracepoint, wrong
 * program type, a cookie on this kernel.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>

#include "fixture.h"
#include "kernel_features.h"
#include "progs.h"
#include "vmlinux_btf.h"
#include "rawbpf/sys.h"

static void test_fires_and_query(void **state)
{
	char name[64] = { 0 };
	struct rawbpf_sys_task_fd_query_info info = { .buf = name, .buf_len = sizeof(name) };
	uint64_t before, after;
	int map, prog, fd, i;

	(void)state;
	rb_require_kernel();
	map = rb_counter_map("rb_rawtp_cnt");
	prog = rb_load_counter(BPF_PROG_TYPE_RAW_TRACEPOINT, 0, map, 0);
	assert_true(map > 2 && prog > 2);
	fd = rawbpf_sys_raw_tracepoint_open("sys_enter", prog, 0);
	assert_true(fd > 2);
	before = rb_counter_read(map);
	for (i = 0; i < 10; i++)
		syscall(SYS_getppid);
	after = rb_counter_read(map);
	assert_true(after >= before + 10);

	assert_int_equal(rawbpf_sys_task_fd_query(getpid(), fd, 0, &info), 0);
	assert_int_equal(info.fd_type, BPF_FD_TYPE_RAW_TRACEPOINT);
	assert_int_equal(info.prog_id, rb_obj_id(prog));
	assert_string_equal(name, "sys_enter");
	assert_int_equal(info.buf_len, strlen("sys_enter"));
	/* Too little room: -ENOSPC with the length, a cut name. */
	info.buf_len = 4;
	assert_int_equal(rawbpf_sys_task_fd_query(getpid(), fd, 0, &info), -ENOSPC);
	assert_int_equal(info.buf_len, strlen("sys_enter"));
	assert_string_equal(name, "sys");
	/* Not a perf or raw tracepoint fd: the kernel-internal ENOTSUPP
	 * (524) leaks out; unknown flags: -EINVAL. */
	info.buf_len = sizeof(name);
	assert_int_equal(rawbpf_sys_task_fd_query(getpid(), map, 0, &info), -524);
	assert_int_equal(rawbpf_sys_task_fd_query(getpid(), fd, 1, &info), -EINVAL);

	close(fd);
	before = rb_counter_read(map);
	for (i = 0; i < 10; i++)
		syscall(SYS_getppid);
	/* Other CPUs may still be inside the program for a moment, but our
	 * own syscalls no longer count it: allow for in-flight runs only. */
	after = rb_counter_read(map);
	assert_true(after - before < 10);
	close(prog);
	close(map);
}

/* A cookie given to RAW_TRACEPOINT_OPEN (6.10) reaches the program. */
static void test_cookie(void **state)
{
	int map, prog, fd;

	(void)state;
	rb_require_kernel();
	rb_need(RB_FEAT_RAW_TP_COOKIE);
	map = rb_counter_map("rb_rawtp_cookie");
	prog = rb_load_cookie_prog(BPF_PROG_TYPE_RAW_TRACEPOINT, map);
	assert_true(map > 2 && prog > 2);
	fd = rawbpf_sys_raw_tracepoint_open("sys_enter", prog, 0xc00c1e5);
	assert_true(fd > 2);
	syscall(SYS_getppid);
	assert_int_equal(rb_counter_read(map), 0xc00c1e5);
	close(fd);
	close(prog);
	close(map);
}

static void test_refusals(void **state)
{
	int prog, sf;

	(void)state;
	rb_require_kernel();
	prog = rb_load_ret(BPF_PROG_TYPE_RAW_TRACEPOINT, 0, 0);
	sf = rb_load_ret(BPF_PROG_TYPE_SOCKET_FILTER, 0, 0);
	assert_int_equal(rawbpf_sys_raw_tracepoint_open("no_such_tp_rawbpf", prog, 0),
			 -ENOENT);
	assert_int_equal(rawbpf_sys_raw_tracepoint_open("sys_enter", sf, 0), -EINVAL);
	assert_int_equal(rawbpf_sys_raw_tracepoint_open("sys_enter", -1, 0), -EBADF);
	close(sf);
	close(prog);
}

int main(void)
{
#define T(f) cmocka_unit_test_teardown(f, rb_fixture_teardown)
	const struct CMUnitTest tests[] = {
		T(test_fires_and_query), T(test_cookie), T(test_refusals),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
