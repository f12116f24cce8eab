// SPDX-License-Identifier: BSD-2-Clause
/* attach_net.bpf.c - network programs written as for libbpf, attached by
 * tests/kernel/attach_net_object.c with the rawbpf_attach_* constructors:
 * sk_lookup steering, sk_msg and sk_skb redirects, sk_reuseport selection, a flow
 * dissector, a netfilter hook and a cls_bpf ("tc") counter. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

enum { FLOW, NF, TC, SLOTS };

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, SLOTS);
	__type(key, __u32);
	__type(value, __u64);
} net_hits SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u32);
} steer_port SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_SOCKMAP);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} lookup_socks SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_SOCKMAP);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, __u64);
} msg_socks SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_SOCKHASH);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, __u64);
} skb_socks SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_REUSEPORT_SOCKARRAY);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, __u64);
} group SEC(".maps");

static __always_inline void hit(__u32 slot)
{
	__u64 *c = bpf_map_lookup_elem(&net_hits, &slot);

	if (c)
		__sync_fetch_and_add(c, 1);
}

SEC("sk_lookup")
int steer(struct bpf_sk_lookup *ctx)
{
	__u32 zero = 0, *port = bpf_map_lookup_elem(&steer_port, &zero);
	struct bpf_sock *sk;

	if (!port || ctx->local_port != *port)
		return SK_PASS;
	sk = bpf_map_lookup_elem(&lookup_socks, &zero);
	if (!sk)
		return SK_PASS;
	bpf_sk_assign(ctx, sk, 0);
	bpf_sk_release(sk);
	return SK_PASS;
}

SEC("sk_msg")
int redirect(struct sk_msg_md *msg)
{
	return bpf_msg_redirect_map(msg, &msg_socks, 1, BPF_F_INGRESS);
}

SEC("sk_skb/verdict")
int skb_redirect(struct __sk_buff *skb)
{
	__u32 one = 1;

	return bpf_sk_redirect_hash(skb, &skb_socks, &one, BPF_F_INGRESS);
}

SEC("sk_reuseport")
int pick_second(struct sk_reuseport_md *md)
{
	__u32 one = 1;

	bpf_sk_select_reuseport(md, &group, &one, 0);
	return SK_PASS;
}

SEC("flow_dissector")
int dissect(struct __sk_buff *skb)
{
	hit(FLOW);
	return BPF_FLOW_DISSECTOR_CONTINUE;
}

SEC("netfilter")
int nf_count(void *ctx)
{
	hit(NF);
	return 1;	/* NF_ACCEPT */
}

SEC("tc")
int tc_count(struct __sk_buff *skb)
{
	if (skb->protocol == bpf_htons(0x88b5))
		hit(TC);
	return 0;	/* TC_ACT_OK */
}

char LICENSE[] SEC("license") = "GPL";
