/* SPDX-License-Identifier: BSD-2-Clause */
/* usdt_handlers.h - USDT handlers written against <bpf/usdt.bpf.h> as for
 * libbpf, shared by usdt_probe.bpf.c (bare "usdt" sections, attached
 * through the API) and usdt_auto.bpf.c (usdt/BINARY:PROVIDER:NAME, found
 * in the traced process by file name). Each records its arguments, its
 * argument count and its cookie into .bss, and counts its hits.
 * USDT_SEC(target) is defined by the includer. */
#include <linux/bpf.h>
#include <linux/ptrace.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/usdt.bpf.h>

struct hit {
	long args[3];
	long cookie;
	int cnt;
	int hits;
};

struct hit regs_hit, const_hit, mem_hit, sema_hit, lib_hit;

static __always_inline int record(struct pt_regs *ctx, struct hit *h,
				  long a, long b, long c)
{
	h->args[0] = a;
	h->args[1] = b;
	h->args[2] = c;
	h->cnt = bpf_usdt_arg_cnt(ctx);
	h->cookie = bpf_usdt_cookie(ctx);
	__sync_fetch_and_add(&h->hits, 1);
	return 0;
}

USDT_SEC("rb_usdt_target:rbtest:regs")
int BPF_USDT(on_regs, long a, long b, long c)
{
	return record(ctx, &regs_hit, a, b, c);
}

USDT_SEC("rb_usdt_target:rbtest:consts")
int BPF_USDT(on_const, long a, long b)
{
	return record(ctx, &const_hit, a, b, 0);
}

USDT_SEC("rb_usdt_target:rbtest:mem")
int BPF_USDT(on_mem, long a, long b, long c)
{
	return record(ctx, &mem_hit, a, b, c);
}

USDT_SEC("rb_usdt_target:rbtest:sema")
int BPF_USDT(on_sema, long a)
{
	return record(ctx, &sema_hit, a, 0, 0);
}

USDT_SEC("librb_usdt_lib.so:rbtestlib:lib")
int BPF_USDT(on_lib, long a, long b)
{
	return record(ctx, &lib_hit, a, b, 0);
}

char LICENSE[] SEC("license") = "GPL";
