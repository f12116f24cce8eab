// SPDX-License-Identifier: BSD-2-Clause
/*
 * sys_stream.c - BPF_PROG_STREAM_READ_BY_FD (6.17): what a program writes
 * to its stdout with the kernel's stream printk is read back, in pieces
 * as small as the caller's buffer, and once read it is gone; stderr stays
 * empty; a bad stream id and a non-program fd are the kernel's errors.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"
#include "kernel_features.h"
#include "rawbpf/object.h"
#include "rawbpf/sys.h"

static int run_stream_prog(struct rawbpf_object **obj)
{
	RAWBPF_OPTS(rawbpf_sys_prog_test_run_opts, run);
	int fd;

	rb_require_kernel();
	rb_need(RB_FEAT_PROG_STREAM);
	assert_int_equal(rawbpf_object_open_file(RB_BPF_OBJ("prog_stream"), NULL, obj), 0);
	assert_int_equal(rawbpf_object_load(*obj), 0);
	fd = rawbpf_program_fd(rawbpf_object_find_program(*obj, "rb_stream"));
	assert_true(fd > 2);
	assert_int_equal(rawbpf_sys_prog_test_run(fd, &run), 0);
	return fd;
}

/* the program's return value is the printk's own answer */
static int printk_result(int fd)
{
	RAWBPF_OPTS(rawbpf_sys_prog_test_run_opts, run);

	assert_int_equal(rawbpf_sys_prog_test_run(fd, &run), 0);
	return (int)run.retval;
}

static void test_stdout_read(void **state)
{
	struct rawbpf_object *obj;
	char buf[64];
	int fd, n;

	(void)state;
	fd = run_stream_prog(&obj);
	/* the test run above wrote nothing, or the stream is drained here */
	while (rawbpf_sys_prog_stream_read(fd, RAWBPF_STREAM_STDOUT, buf, sizeof(buf)) > 0)
		;
	if (printk_result(fd) == -ENOMEM) {
		rawbpf_object_close(obj);
		rb_skip_feature("a working stream printk (bpf_stream_vprintk_impl answers -ENOMEM: its lock-free page allocation fails on this kernel)");
	}
	assert_int_equal(printk_result(fd), 0);
	/* nothing on stderr */
	assert_int_equal(rawbpf_sys_prog_stream_read(fd, RAWBPF_STREAM_STDERR, buf,
						     sizeof(buf)), 0);
	/* a 5-byte buffer takes the first 5 bytes, the rest stays */
	assert_int_equal(rawbpf_sys_prog_stream_read(fd, RAWBPF_STREAM_STDOUT, buf, 5), 5);
	assert_memory_equal(buf, "rawbp", 5);
	memset(buf, 0, sizeof(buf));
	n = rawbpf_sys_prog_stream_read(fd, RAWBPF_STREAM_STDOUT, buf, sizeof(buf) - 1);
	/* two runs since the drain: the rest of the first line, the second */
	assert_int_equal(n, (int)strlen("f 42 7\nrawbpf 42 7\n"));
	assert_string_equal(buf, "f 42 7\nrawbpf 42 7\n");
	/* read is gone */
	assert_int_equal(rawbpf_sys_prog_stream_read(fd, RAWBPF_STREAM_STDOUT, buf,
						     sizeof(buf)), 0);
	rawbpf_object_close(obj);
}

static void test_stream_errors(void **state)
{
	struct rawbpf_object *obj;
	char buf[8];
	int fd, map;

	(void)state;
	fd = run_stream_prog(&obj);
	/* an empty stream reads 0 bytes */
	assert_int_equal(rawbpf_sys_prog_stream_read(fd, RAWBPF_STREAM_STDERR, buf,
						     sizeof(buf)), 0);
	/* only stdout (1) and stderr (2) exist */
	assert_int_equal(rawbpf_sys_prog_stream_read(fd, 3, buf, sizeof(buf)), -ENOENT);
	assert_int_equal(rawbpf_sys_prog_stream_read(fd, 0, buf, sizeof(buf)), -ENOENT);
	/* refused before the call */
	assert_int_equal(rawbpf_sys_prog_stream_read(fd, RAWBPF_STREAM_STDOUT, NULL, 4),
			 -EINVAL);
	map = rawbpf_sys_map_create(BPF_MAP_TYPE_ARRAY, NULL, 4, 4, 1, NULL);
	assert_true(map > 2);
	/* a map is no program */
	assert_int_equal(rawbpf_sys_prog_stream_read(map, RAWBPF_STREAM_STDOUT, buf,
						     sizeof(buf)), -EINVAL);
	close(map);
	assert_int_equal(rawbpf_sys_prog_stream_read(-1, RAWBPF_STREAM_STDOUT, buf,
						     sizeof(buf)), -EBADF);
	rawbpf_object_close(obj);
}

#define T(name) cmocka_unit_test_teardown(name, rb_fixture_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_stdout_read), T(test_stream_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
