// SPDX-License-Identifier: BSD-2-Clause
/* consumer_skel.bpf.c - the consumer's own BPF program, built by an
 * installed rawbpf's rawbpf_add_bpf_object(... SKELETON): its headers come
 * from <prefix>/include/rawbpf (usdt.bpf.h too). tc_prog writes
 * mult * 7 to .bss; consumer_skel.c sets mult through the skeleton. */
#include <linux/bpf.h>
#include <linux/ptrace.h>	/* struct pt_regs, as with libbpf */
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/usdt.bpf.h>

const volatile __u32 mult = 1;
__u32 seen;
__u32 usdt_hits;

SEC("tc")
int tc_prog(struct __sk_buff *skb)
{
	(void)skb;
	seen = mult * 7;
	return 0;
}

SEC("usdt")
int BPF_USDT(on_probe, long arg)
{
	usdt_hits += arg > 0;
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
