// SPDX-License-Identifier: BSD-2-Clause
/* run_prog.bpf.c - programs for `rawbpf run` (tests/kernel/cli_run.c): an
 * XDP program that changes the packet it is given and returns its length,
 * and a tc program that returns the mark of the context it is given. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("xdp")
int rb_run_xdp(struct xdp_md *ctx)
{
	unsigned char *data = (void *)(long)ctx->data;
	unsigned char *end = (void *)(long)ctx->data_end;

	if (data + 16 > end)
		return XDP_ABORTED;
	data[14] = 0xab;	/* after the Ethernet header */
	data[15] ^= 0xff;
	return (int)(end - data);
}

SEC("tc")
int rb_run_tc(struct __sk_buff *skb)
{
	return (int)skb->mark + 1;
}

char LICENSE[] SEC("license") = "GPL";
