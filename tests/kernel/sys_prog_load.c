// SPDX-License-Identifier: BSD-2-Clause
/*
 * sys_prog_load.c - BPF_PROG_LOAD on the real kernel: a loaded program is
 * found by id and its info carries the name and tag; an invalid program is
 * refused and the verifier's reason reaches the log (caller buffer, log on
 * retry, grown log, too-small buffer); refusals for a bad type, bad flags,
 * a bad opcode, a GPL-only helper without GPL, a bad log level.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"
#include "kernel_features.h"
#include "vmlinux_btf.h"
#include "rawbpf/sys.h"

/* r0 = @ret; exit */
#define RET_PROG(ret) { RB_INSN(BPF_ALU64 | BPF_MOV | BPF_K, 0, 0, 0, ret), \
			RB_INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0) }

static int prog_info(int fd, struct bpf_prog_info *info)
{
	uint32_t len = sizeof(*info);

	memset(info, 0, sizeof(*info));
	return rawbpf_sys_obj_get_info_by_fd(fd, info, &len);
}

static void test_found_by_id_name_tag(void **state)
{
	struct bpf_insn a[] = RET_PROG(1), b[] = RET_PROG(2);
	struct bpf_prog_info ia, ia2, ib;
	uint32_t id = 0;
	int fa, fa2, fb, fid, found = 0;
	static const uint8_t zero[BPF_TAG_SIZE];

	(void)state;
	rb_require_kernel();
	fa = rawbpf_sys_prog_load(BPF_PROG_TYPE_SOCKET_FILTER, "rb_sys_load_name_cut",
			      "GPL", a, 2, NULL);
	assert_true(fa > 2);
	fa2 = rawbpf_sys_prog_load(BPF_PROG_TYPE_SOCKET_FILTER, "rb_a2", "GPL", a, 2,
			       NULL);
	fb = rawbpf_sys_prog_load(BPF_PROG_TYPE_SOCKET_FILTER, "rb_b", "GPL", b, 2,
			      NULL);
	assert_true(fa2 > 2 && fb > 2);
	assert_int_equal(prog_info(fa, &ia), 0);
	assert_int_equal(prog_info(fa2, &ia2), 0);
	assert_int_equal(prog_info(fb, &ib), 0);
	/* The name is cut to 15 characters. */
	assert_string_equal(ia.name, "rb_sys_load_nam");
	assert_int_equal(ia.type, BPF_PROG_TYPE_SOCKET_FILTER);
	/* The tag is a hash of the instructions: equal for equal code. */
	assert_memory_not_equal(ia.tag, zero, BPF_TAG_SIZE);
	assert_memory_equal(ia.tag, ia2.tag, BPF_TAG_SIZE);
	assert_memory_not_equal(ia.tag, ib.tag, BPF_TAG_SIZE);
	assert_int_not_equal(ia.id, ia2.id);
	/* Walk the ids: ours is there; GET_FD_BY_ID opens the same prog. */
	while (rawbpf_sys_prog_get_next_id(id, &id) == 0)
		found |= id == ia.id;
	assert_true(found);
	fid = rawbpf_sys_prog_get_fd_by_id(ia.id);
	assert_true(fid > 2);
	assert_int_equal(prog_info(fid, &ia2), 0);
	assert_int_equal(ia2.id, ia.id);
	assert_string_equal(ia2.name, "rb_sys_load_nam");
	close(fid);
	close(fa);
	close(fa2);
	close(fb);
	/* Closing the last fd frees it. */
	assert_int_equal(rb_wait_id_gone(rb_prog_id_exists, ia.id, 2000), 0);
	assert_int_equal(rawbpf_sys_prog_get_fd_by_id(ia.id), -ENOENT);
}

/* "exit" without setting r0: the verifier says R0 !read_ok. */
static const struct bpf_insn bad[] = { RB_INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0) };

static void test_invalid_caller_log(void **state)
{
	char log[4096] = { 0 };
	RAWBPF_OPTS(rawbpf_sys_prog_load_opts, o, .log_buf = log,
		    .log_size = sizeof(log), .log_level = 1);

	(void)state;
	rb_require_kernel();
	assert_int_equal(rawbpf_sys_prog_load(BPF_PROG_TYPE_SOCKET_FILTER, "rb_bad",
					  "GPL", bad, 1, &o), -EACCES);
	assert_non_null(strstr(log, "R0 !read_ok"));
	assert_int_equal(o.attempts, 1);
	/* 6.4+: log_true_size is the log's length with its NUL (before: 0,
	 * nothing made up). */
	assert_int_equal(o.log_true_size, rb_have(RB_FEAT_LOG_TRUE_SIZE) ?
					  strlen(log) + 1 : 0);
}

static void test_invalid_log_on_retry(void **state)
{
	char log[4096] = { 0 };
	RAWBPF_OPTS(rawbpf_sys_prog_load_opts, o, .log_buf = log,
		    .log_size = sizeof(log));

	(void)state;
	rb_require_kernel();
	assert_int_equal(rawbpf_sys_prog_load(BPF_PROG_TYPE_SOCKET_FILTER, "rb_bad",
					  "GPL", bad, 1, &o), -EACCES);
	assert_int_equal(o.attempts, 2);
	assert_non_null(strstr(log, "R0 !read_ok"));
}

static void test_invalid_grown_log(void **state)
{
	RAWBPF_OPTS(rawbpf_sys_prog_load_opts, o, .log_grow = true, .log_level = 2);

	(void)state;
	rb_require_kernel();
	assert_int_equal(rawbpf_sys_prog_load(BPF_PROG_TYPE_SOCKET_FILTER, "rb_bad",
					  "GPL", bad, 1, &o), -EACCES);
	assert_non_null(o.log_buf);
	assert_non_null(strstr(o.log_buf, "R0 !read_ok"));
	/* level 2 asked: the log buffer is there from the first call */
	assert_int_equal(o.attempts, 1);
	if (rb_have(RB_FEAT_LOG_TRUE_SIZE))
		assert_true(o.log_true_size > 0 && o.log_true_size <= o.log_size);
	else
		assert_true(strlen(o.log_buf) > 0 && strlen(o.log_buf) < o.log_size);
	rawbpf_sys_prog_load_log_free(&o);
	assert_null(o.log_buf);
}

static void test_small_log_enospc(void **state)
{
	char log[16] = { 0 };
	RAWBPF_OPTS(rawbpf_sys_prog_load_opts, o, .log_buf = log,
		    .log_size = sizeof(log), .log_level = 1);

	(void)state;
	rb_require_kernel();
	rb_need(RB_FEAT_LOG_TRUE_SIZE);	/* before, logs under 128 bytes: -EINVAL */
	/* The log does not fit: -ENOSPC wins over -EACCES, the buffer
	 * holds a NUL-terminated piece, log_true_size the full need. */
	assert_int_equal(rawbpf_sys_prog_load(BPF_PROG_TYPE_SOCKET_FILTER, "rb_bad",
					  "GPL", bad, 1, &o), -ENOSPC);
	assert_int_equal(strlen(log), sizeof(log) - 1);
	assert_true(o.log_true_size > sizeof(log));
	/* A good program with a too-small level-2 log fails the same way. */
	struct bpf_insn good[] = RET_PROG(0);
	assert_int_equal(rawbpf_sys_prog_load(BPF_PROG_TYPE_SOCKET_FILTER, "rb_good",
					  "GPL", good, 2, &o), -ENOSPC);
}

static void test_refusals(void **state)
{
	struct bpf_insn good[] = RET_PROG(0);
	/* A call of bpf_trace_printk, a GPL-only helper. */
	struct bpf_insn gpl[] = {
		RB_INSN(BPF_JMP | BPF_CALL, 0, 0, 0, BPF_FUNC_trace_printk),
		RB_INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0) };
	char log[4096] = { 0 };
	RAWBPF_OPTS(rawbpf_sys_prog_load_opts, o, .log_buf = log,
		    .log_size = sizeof(log), .log_level = 1);

	(void)state;
	rb_require_kernel();
	assert_int_equal(rawbpf_sys_prog_load(9999, NULL, "GPL", good, 2, NULL), -EINVAL);
	/* An unknown prog_flags bit. */
	RAWBPF_OPTS(rawbpf_sys_prog_load_opts, f, .prog_flags = 1U << 30);
	assert_int_equal(rawbpf_sys_prog_load(BPF_PROG_TYPE_SOCKET_FILTER, NULL, "GPL",
					  good, 2, &f), -EINVAL);
	/* A bad instruction: unknown opcode. */
	struct bpf_insn junk[] = { RB_INSN(0xff, 0, 0, 0, 0),
				   RB_INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0) };
	assert_int_equal(rawbpf_sys_prog_load(BPF_PROG_TYPE_SOCKET_FILTER, NULL, "GPL",
					  junk, 2, &o), -EINVAL);
	assert_non_null(strstr(log, "unknown opcode ff"));
	/* The license decides: GPL-only helpers need a GPL license. */
	assert_int_equal(rawbpf_sys_prog_load(BPF_PROG_TYPE_SOCKET_FILTER, NULL,
					  "MIT", gpl, 2, &o), -EINVAL);
	assert_non_null(strstr(log, "cannot call GPL-restricted function"));
	/* A bad log level (> 31 bits of levels): refused up front. */
	o.log_level = 1U << 20;
	assert_int_equal(rawbpf_sys_prog_load(BPF_PROG_TYPE_SOCKET_FILTER, NULL, "GPL",
					  good, 2, &o), -EINVAL);
}

int main(void)
{
#define T(f) cmocka_unit_test_teardown(f, rb_fixture_teardown)
	const struct CMUnitTest tests[] = {
		T(test_found_by_id_name_tag), T(test_invalid_caller_log),
		T(test_invalid_log_on_retry), T(test_invalid_grown_log),
		T(test_small_log_enospc), T(test_refusals),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
