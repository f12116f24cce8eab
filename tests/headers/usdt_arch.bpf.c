// SPDX-License-Identifier: BSD-2-Clause
/* usdt_arch.bpf.c - a BPF_USDT handler compiled against rawbpf's
 * usdt.bpf.h for each architecture rawbpf reads USDT arguments of
 * (tests/headers/headers.cmake); compiled, never loaded. */
#include <linux/bpf.h>
#include "arch_regs.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/usdt.bpf.h>

long usdt_sum;

SEC("usdt/app:prov:name")
int BPF_USDT(usdt_handler, int a, long b, const char *s)
{
	usdt_sum = a + b + (long)s + bpf_usdt_cookie(ctx) + bpf_usdt_arg_cnt(ctx);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
