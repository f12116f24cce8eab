// SPDX-License-Identifier: BSD-2-Clause
/*
 * sys_load_policy.c - the behaviour around the bare syscall, with the
 * kernel played by the choke point's test hook: PROG_LOAD's bounded EAGAIN
 * retry and its verifier-log policy (caller buffer, log on retry, a grown
 * log sized by log_true_size or by doubling, kept on -ENOSPC), options
 * struct sizing (-EINVAL, -E2BIG, older and newer callers), and fds 0-2
 * moved above stdio.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fixture.h"
#include "sys_record.h"
#include "rawbpf/sys.h"
#include "core/mem.h"
#include "sys/abi.h"
#include "sys/raw.h"

static struct rb_rec rec;

static const struct bpf_insn insns[2] = {
	{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = 0, .imm = 0 },
	{ .code = BPF_JMP | BPF_EXIT },
};

static int setup(void **state)
{
	(void)state;
	rb_rec_start(&rec);
	return 0;
}

static const struct rb_attr_prog_load *load_attr(int i)
{
	return RB_REC_ATTR(&rec, i, rb_attr_prog_load);
}

/* ---- EAGAIN ------------------------------------------------------------- */

static void test_eagain_retry_bounded(void **state)
{
	RAWBPF_OPTS(rawbpf_sys_prog_load_opts, o);

	(void)state;
	rec.ret_default = -EAGAIN;
	assert_int_equal(rawbpf_sys_prog_load(1, "x", "GPL", insns, 2, &o), -EAGAIN);
	assert_int_equal(rec.ncalls, 5);
	assert_int_equal(o.attempts, 5);
}

static void test_eagain_then_success(void **state)
{
	static const long script[] = { -EAGAIN, -EAGAIN, 42 };
	RAWBPF_OPTS(rawbpf_sys_prog_load_opts, o);

	(void)state;
	rb_rec_script(&rec, 3, script);
	assert_int_equal(rawbpf_sys_prog_load(1, "x", "GPL", insns, 2, &o), 42);
	assert_int_equal(rec.ncalls, 3);
	assert_int_equal(o.attempts, 3);
	/* Every attempt sent the same attr. */
	assert_memory_equal(rec.calls[0].attr.bytes, rec.calls[2].attr.bytes,
			    rec.calls[0].size);
}

/* Other errors are not retried. */
static void test_no_retry_on_other_errors(void **state)
{
	(void)state;
	rec.ret_default = -EINVAL;
	assert_int_equal(rawbpf_sys_prog_load(1, "x", "GPL", insns, 2, NULL), -EINVAL);
	assert_int_equal(rec.ncalls, 1);
}

/* ---- verifier log ---------------------------------------------------------- */

/* A verifier that fails with @msg when given a log. */
static long verifier_kernel(struct rb_rec *r, int i, int cmd, void *attr,
			    unsigned int size)
{
	struct rb_attr_prog_load *a = attr;
	const char *msg = r->ctx;
	size_t need = strlen(msg) + 1;

	(void)i; (void)cmd;
	if (!a->log_level)
		return -EACCES;
	if (size >= offsetofend(struct rb_attr_prog_load, log_true_size))
		a->log_true_size = (uint32_t)need;
	if (need > a->log_size) {
		memcpy((char *)(uintptr_t)a->log_buf, msg, a->log_size - 1);
		((char *)(uintptr_t)a->log_buf)[a->log_size - 1] = '\0';
		return -ENOSPC;
	}
	memcpy((char *)(uintptr_t)a->log_buf, msg, need);
	return -EACCES;
}

static void test_caller_log_from_start(void **state)
{
	char log[64];
	RAWBPF_OPTS(rawbpf_sys_prog_load_opts, o, .log_buf = log,
		    .log_size = sizeof(log), .log_level = 2);

	(void)state;
	rec.kernel = verifier_kernel;
	rec.ctx = "R0 !read_ok";
	assert_int_equal(rawbpf_sys_prog_load(1, "x", "GPL", insns, 2, &o), -EACCES);
	assert_int_equal(rec.ncalls, 1);
	assert_int_equal(load_attr(0)->log_level, 2);
	assert_string_equal(log, "R0 !read_ok");
	assert_int_equal(o.log_true_size, 12);
}

/* log_level 0 with a buffer: first load without a log, then again with
 * level 1 into the caller's buffer. */
static void test_caller_log_on_failure(void **state)
{
	char log[64] = "stale";
	RAWBPF_OPTS(rawbpf_sys_prog_load_opts, o, .log_buf = log,
		    .log_size = sizeof(log));

	(void)state;
	rec.kernel = verifier_kernel;
	rec.ctx = "invalid mem access";
	assert_int_equal(rawbpf_sys_prog_load(1, "x", "GPL", insns, 2, &o), -EACCES);
	assert_int_equal(rec.ncalls, 2);
	assert_int_equal(load_attr(0)->log_level, 0);
	assert_int_equal(load_attr(0)->log_buf, 0);
	assert_int_equal(load_attr(1)->log_level, 1);
	assert_int_equal(load_attr(1)->log_size, sizeof(log));
	assert_string_equal(log, "invalid mem access");
}

/* A caller buffer too small: -ENOSPC, the (truncated) log stays. */
static void test_caller_log_truncated(void **state)
{
	char log[8];
	RAWBPF_OPTS(rawbpf_sys_prog_load_opts, o, .log_buf = log,
		    .log_size = sizeof(log), .log_level = 1);

	(void)state;
	rec.kernel = verifier_kernel;
	rec.ctx = "a verifier message longer than eight";
	assert_int_equal(rawbpf_sys_prog_load(1, "x", "GPL", insns, 2, &o), -ENOSPC);
	assert_string_equal(log, "a verif");
	assert_int_equal(o.log_true_size, 37);
}

/* Counting allocator: proves the grown log is freed, through the
 * caller's allocator. */
struct counting { long live; int fail_after; int calls; };

static void *c_alloc(void *ctx, size_t size)
{
	struct counting *c = ctx;

	if (c->fail_after && ++c->calls > c->fail_after)
		return NULL;
	c->live++;
	return calloc(1, size);
}

static void *c_resize(void *ctx, void *p, size_t old, size_t size)
{
	struct counting *c = ctx;
	void *n;

	(void)old;
	if (c->fail_after && ++c->calls > c->fail_after)
		return NULL;
	n = realloc(p, size);
	if (n && !p)
		c->live++;
	return n;
}

static void c_free(void *ctx, void *p, size_t size)
{
	(void)size;
	((struct counting *)ctx)->live--;
	free(p);
}

static char big_msg[200000];

/* 6.4+: the kernel reports log_true_size; the buffer grows to exactly it. */
static void test_log_grow_true_size(void **state)
{
	struct counting cnt = { 0 };
	struct rawbpf_allocator al = { c_alloc, c_resize, c_free, &cnt };
	RAWBPF_OPTS(rawbpf_sys_prog_load_opts, o, .log_grow = true, .alloc = &al);

	(void)state;
	memset(big_msg, 'v', 100000 - 1);
	big_msg[100000 - 1] = '\0';
	rec.kernel = verifier_kernel;
	rec.ctx = big_msg;
	assert_int_equal(rawbpf_sys_prog_load(1, "x", "GPL", insns, 2, &o), -EACCES);
	/* no log, 64 KiB (-ENOSPC, true size 100000), 100000 bytes. */
	assert_int_equal(rec.ncalls, 3);
	assert_int_equal(load_attr(0)->log_level, 0);
	assert_int_equal(load_attr(1)->log_size, 64 * 1024);
	assert_int_equal(load_attr(1)->log_level, 1);
	assert_int_equal(load_attr(2)->log_size, 100000);
	assert_int_equal(rec.calls[2].size,
			 offsetofend(struct rb_attr_prog_load, log_true_size));
	assert_non_null(o.log_buf);
	assert_int_equal(o.log_size, 100000);
	assert_int_equal(strlen(o.log_buf), 100000 - 1);
	assert_int_equal(o.log_true_size, 100000);
	assert_int_equal(cnt.live, 1);
	rawbpf_sys_prog_load_log_free(&o);
	assert_null(o.log_buf);
	assert_int_equal(cnt.live, 0);
}

/* Before 6.4: no log_true_size; -ENOSPC doubles the buffer. */
static long old_verifier_kernel(struct rb_rec *r, int i, int cmd, void *attr,
				unsigned int size)
{
	struct rb_attr_prog_load *a = attr;

	(void)size;
	a->log_true_size = 0;	/* pretend the field is past our end */
	return verifier_kernel(r, i, cmd, attr,
			       offsetofend(struct rb_attr_prog_load,
					   core_relo_rec_size));
}

static void test_log_grow_doubling(void **state)
{
	RAWBPF_OPTS(rawbpf_sys_prog_load_opts, o, .log_grow = true, .log_level = 2);

	(void)state;
	memset(big_msg, 'w', 150000 - 1);
	big_msg[150000 - 1] = '\0';
	rec.kernel = old_verifier_kernel;
	rec.ctx = big_msg;
	assert_int_equal(rawbpf_sys_prog_load(1, "x", "GPL", insns, 2, &o), -EACCES);
	/* level 2 asked: a log from the first call, 64K, 128K, 256K */
	assert_int_equal(rec.ncalls, 3);
	assert_int_equal(load_attr(0)->log_level, 2);
	assert_int_equal(load_attr(0)->log_size, 64 * 1024);
	assert_int_equal(load_attr(1)->log_size, 128 * 1024);
	assert_int_equal(load_attr(2)->log_size, 256 * 1024);
	assert_int_equal(strlen(o.log_buf), 150000 - 1);
	rawbpf_sys_prog_load_log_free(&o);
}

/* The allocator fails on the second growth: the first (truncated) log is
 * kept and the error is -ENOMEM; nothing leaks. */
static void test_log_grow_alloc_failure(void **state)
{
	struct counting cnt = { .fail_after = 1 };
	struct rawbpf_allocator al = { c_alloc, c_resize, c_free, &cnt };
	RAWBPF_OPTS(rawbpf_sys_prog_load_opts, o, .log_grow = true, .alloc = &al);

	(void)state;
	memset(big_msg, 'x', 100000 - 1);
	big_msg[100000 - 1] = '\0';
	rec.kernel = verifier_kernel;
	rec.ctx = big_msg;
	assert_int_equal(rawbpf_sys_prog_load(1, "x", "GPL", insns, 2, &o), -ENOMEM);
	assert_int_equal(rec.ncalls, 2);
	assert_non_null(o.log_buf);
	assert_int_equal(o.log_size, 64 * 1024);
	assert_int_equal(strlen(o.log_buf), 64 * 1024 - 1);
	rawbpf_sys_prog_load_log_free(&o);
	assert_int_equal(cnt.live, 0);
}

/* A successful load never allocates a log. */
static void test_log_grow_success_no_log(void **state)
{
	RAWBPF_OPTS(rawbpf_sys_prog_load_opts, o, .log_grow = true);

	(void)state;
	rec.ret_default = 77;
	assert_int_equal(rawbpf_sys_prog_load(1, "x", "GPL", insns, 2, &o), 77);
	assert_null(o.log_buf);
	assert_int_equal(rec.ncalls, 1);
}

/* ---- options sizing --------------------------------------------------------- */

struct bigger_opts {
	struct rawbpf_sys_map_create_opts known;
	uint64_t newer_field;
};

static void test_opts_sizes(void **state)
{
	struct bigger_opts big;
	struct rawbpf_sys_map_create_opts tiny = { .size = 2 };
	/* An older caller: its struct ends after map_flags. */
	struct rawbpf_sys_map_create_opts old = { .size = offsetofend(
		struct rawbpf_sys_map_create_opts, map_flags),
		.map_flags = BPF_F_NO_PREALLOC, .btf_fd = 99 };

	(void)state;
	rec.ret_default = 10;
	assert_int_equal(rawbpf_sys_map_create(1, NULL, 4, 4, 1, &tiny), -EINVAL);
	memset(&big, 0, sizeof(big));
	big.known.size = sizeof(big);
	big.newer_field = 1;
	assert_int_equal(rawbpf_sys_map_create(1, NULL, 4, 4, 1, &big.known), -E2BIG);
	assert_int_equal(rec.ncalls, 0);
	/* A newer caller whose unknown tail is zero is fine. */
	big.newer_field = 0;
	big.known.map_flags = BPF_F_RDONLY;
	assert_int_equal(rawbpf_sys_map_create(1, NULL, 4, 4, 1, &big.known), 10);
	assert_int_equal(RB_REC_ATTR(&rec, 0, rb_attr_map_create)->map_flags,
			 BPF_F_RDONLY);
	/* Fields past an older caller's size are never read. */
	assert_int_equal(rawbpf_sys_map_create(1, NULL, 4, 4, 1, &old), 10);
	assert_int_equal(RB_REC_ATTR(&rec, 1, rb_attr_map_create)->map_flags,
			 BPF_F_NO_PREALLOC);
	assert_int_equal(RB_REC_ATTR(&rec, 1, rb_attr_map_create)->btf_fd, 0);
}

/* Outputs are written only as far as the caller's struct reaches. */
static long run_kernel(struct rb_rec *r, int i, int cmd, void *attr,
		       unsigned int size)
{
	struct rb_attr_test_run *a = attr;

	(void)r; (void)i; (void)cmd; (void)size;
	a->retval = 7;
	a->duration = 9;
	a->data_size_out = 3;
	return 0;
}

static void test_opts_outputs_bounded(void **state)
{
	struct {
		struct rawbpf_sys_prog_test_run_opts o;
		uint32_t canary;
	} s;

	(void)state;
	rec.kernel = run_kernel;
	memset(&s, 0xa5, sizeof(s));
	memset(&s.o, 0, sizeof(s.o));
	s.o.size = offsetofend(struct rawbpf_sys_prog_test_run_opts, batch_size);
	s.o.retval = 0x1111;
	assert_int_equal(rawbpf_sys_prog_test_run(3, &s.o), 0);
	assert_int_equal(s.o.data_size_out, 3);
	assert_int_equal(s.o.retval, 0x1111);	/* beyond its size: untouched */
	s.o.size = sizeof(s.o);
	assert_int_equal(rawbpf_sys_prog_test_run(3, &s.o), 0);
	assert_int_equal(s.o.retval, 7);
	assert_int_equal(s.o.duration, 9);
	assert_int_equal(s.canary, 0xa5a5a5a5);
}

/* ---- fds 0-2 ------------------------------------------------------------------ */

/* In a child with stdin closed and reopened on /dev/null (fd 0), the "kernel"
 * returns fd 0: the wrapper hands back an fd above 2, close-on-exec, and
 * fd 0 is closed. Also for a real (hook-less) dup of fds 1 and 2. */
static long fd0_kernel(struct rb_rec *r, int i, int cmd, void *attr,
		       unsigned int size)
{
	(void)r; (void)i; (void)cmd; (void)attr; (void)size;
	return 0;
}

static void test_fd_above_stdio(void **state)
{
	pid_t pid;
	int status;

	(void)state;
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		int fd, bad = 0;

		close(0);
		if (open("/dev/null", O_RDONLY) != 0)
			_exit(10);
		rec.kernel = fd0_kernel;
		fd = rawbpf_sys_map_create(1, NULL, 4, 4, 1, NULL);
		if (fd <= 2)
			bad |= 1;
		if (!(fcntl(fd, F_GETFD) & FD_CLOEXEC))
			bad |= 2;
		if (fcntl(0, F_GETFD) != -1 || errno != EBADF)
			bad |= 4;
		if (rb_fd_above_stdio(fd) != fd)	/* > 2: untouched */
			bad |= 8;
		if (rb_fd_above_stdio(-EPERM) != -EPERM)
			bad |= 16;
		_exit(bad);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, rb_rec_teardown)
	const struct CMUnitTest tests[] = {
		T(test_eagain_retry_bounded), T(test_eagain_then_success),
		T(test_no_retry_on_other_errors), T(test_caller_log_from_start),
		T(test_caller_log_on_failure), T(test_caller_log_truncated),
		T(test_log_grow_true_size), T(test_log_grow_doubling),
		T(test_log_grow_alloc_failure), T(test_log_grow_success_no_log),
		T(test_opts_sizes), T(test_opts_outputs_bounded),
		T(test_fd_above_stdio),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
