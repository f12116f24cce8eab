// SPDX-License-Identifier: BSD-2-Clause
/* obj_unknown.bpf.c - a program in a section no convention names: load
 * refuses it until the caller sets its type. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("rawbpf_custom/thing")
int custom_prog(struct __sk_buff *skb)
{
	return 3;
}

SEC("xdp.frags")
int frags_prog(struct xdp_md *ctx)
{
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
