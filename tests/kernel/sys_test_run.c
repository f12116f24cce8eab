// SPDX-License-Identifier: BSD-2-Clause
/*
 * sys_test_run.c - BPF_PROG_TEST_RUN returns the program's return value
 * and the data it wrote: an XDP program that stamps the first byte, a tc
 * program that returns skb->mark from a given context; -ENOSPC with the
 * needed size when data_out is short; repeat and duration.
 */
#include <errno.h>
#include <stddef.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"
#include "vmlinux_btf.h"
#include "rawbpf/sys.h"

/* if (data + 1 <= data_end) data[0] = 0xab; return XDP_PASS */
static const struct bpf_insn stamp[] = {
	RB_INSN(BPF_LDX | BPF_MEM | BPF_W, 2, 1, 0, 0),
	RB_INSN(BPF_LDX | BPF_MEM | BPF_W, 3, 1, 4, 0),
	RB_INSN(BPF_ALU64 | BPF_MOV | BPF_X, 4, 2, 0, 0),
	RB_INSN(BPF_ALU64 | BPF_ADD | BPF_K, 4, 0, 0, 1),
	RB_INSN(BPF_JMP | BPF_JGT | BPF_X, 4, 3, 1, 0),
	RB_INSN(BPF_ST | BPF_MEM | BPF_B, 2, 0, 0, 0xab),
	RB_INSN(BPF_ALU64 | BPF_MOV | BPF_K, 0, 0, 0, XDP_PASS),
	RB_INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0),
};

static void test_xdp_data_out(void **state)
{
	unsigned char in[64], out[128], small[8];
	RAWBPF_OPTS(rawbpf_sys_prog_test_run_opts, o, .data_in = in,
		    .data_size_in = sizeof(in), .data_out = out,
		    .data_size_out = sizeof(out), .repeat = 10);
	int fd;

	(void)state;
	rb_require_kernel();
	memset(in, 0x11, sizeof(in));
	memset(out, 0, sizeof(out));
	fd = rawbpf_sys_prog_load(BPF_PROG_TYPE_XDP, "rb_stamp", "GPL", stamp,
			      RB_ARRAY_LEN(stamp), NULL);
	assert_true(fd > 2);
	assert_int_equal(rawbpf_sys_prog_test_run(fd, &o), 0);
	assert_int_equal(o.retval, XDP_PASS);
	assert_int_equal(o.data_size_out, sizeof(in));
	assert_int_equal(out[0], 0xab);
	assert_int_equal(out[1], 0x11);
	assert_int_equal(out[63], 0x11);
	assert_int_equal(in[0], 0x11);	/* the input is not touched */
	/* A short data_out: -ENOSPC, the size it needs, a partial copy. */
	o.data_out = small;
	o.data_size_out = sizeof(small);
	o.repeat = 1;
	assert_int_equal(rawbpf_sys_prog_test_run(fd, &o), -ENOSPC);
	assert_int_equal(o.data_size_out, sizeof(in));
	assert_int_equal(small[0], 0xab);
	/* Too short for an Ethernet header: -EINVAL. */
	o.data_out = out;
	o.data_size_out = sizeof(out);
	o.data_size_in = 10;
	assert_int_equal(rawbpf_sys_prog_test_run(fd, &o), -EINVAL);
	close(fd);
}

static void test_ctx_in_out(void **state)
{
	/* return skb->mark */
	const struct bpf_insn mark[] = {
		RB_INSN(BPF_LDX | BPF_MEM | BPF_W, 0, 1,
			offsetof(struct __sk_buff, mark), 0),
		RB_INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0),
	};
	unsigned char pkt[64] = { 0 };
	struct __sk_buff ctx, ctx_out;
	RAWBPF_OPTS(rawbpf_sys_prog_test_run_opts, o, .data_in = pkt,
		    .data_size_in = sizeof(pkt), .ctx_in = &ctx,
		    .ctx_size_in = sizeof(ctx), .ctx_out = &ctx_out,
		    .ctx_size_out = sizeof(ctx_out));
	int fd;

	(void)state;
	rb_require_kernel();
	memset(&ctx, 0, sizeof(ctx));
	memset(&ctx_out, 0, sizeof(ctx_out));
	ctx.mark = 0x5eed;
	fd = rawbpf_sys_prog_load(BPF_PROG_TYPE_SCHED_CLS, "rb_mark", "GPL", mark, 2,
			      NULL);
	assert_true(fd > 2);
	assert_int_equal(rawbpf_sys_prog_test_run(fd, &o), 0);
	assert_int_equal(o.retval, 0x5eed);
	assert_int_equal(ctx_out.mark, 0x5eed);
	assert_int_equal(o.ctx_size_out, sizeof(ctx_out));
	/* A context field the kernel does not accept from user space. */
	ctx.pkt_type = 1;
	assert_int_equal(rawbpf_sys_prog_test_run(fd, &o), -EINVAL);
	close(fd);
}

static void test_errors(void **state)
{
	unsigned char pkt[64] = { 0 };
	RAWBPF_OPTS(rawbpf_sys_prog_test_run_opts, o, .data_in = pkt,
		    .data_size_in = sizeof(pkt));
	const struct bpf_insn ret0[] = {
		RB_INSN(BPF_ALU64 | BPF_MOV | BPF_K, 0, 0, 0, 0),
		RB_INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0),
	};
	int fd;

	(void)state;
	rb_require_kernel();
	assert_int_equal(rawbpf_sys_prog_test_run(-1, &o), -EBADF);
	/* A map fd is not a program. */
	fd = rawbpf_sys_map_create(BPF_MAP_TYPE_ARRAY, NULL, 4, 4, 1, NULL);
	assert_int_equal(rawbpf_sys_prog_test_run(fd, &o), -EINVAL);
	close(fd);
	/* Unknown run flags. */
	fd = rawbpf_sys_prog_load(BPF_PROG_TYPE_XDP, NULL, "GPL", ret0, 2, NULL);
	assert_true(fd > 2);
	o.flags = 1U << 20;
	assert_int_equal(rawbpf_sys_prog_test_run(fd, &o), -EINVAL);
	close(fd);
}

int main(void)
{
#define T(f) cmocka_unit_test_teardown(f, rb_fixture_teardown)
	const struct CMUnitTest tests[] = {
		T(test_xdp_data_out), T(test_ctx_in_out), T(test_errors),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
