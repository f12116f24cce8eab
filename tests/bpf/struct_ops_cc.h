/* SPDX-License-Identifier: BSD-2-Clause */
/* struct_ops_cc.h - the kernel types a TCP congestion control in BPF
 * needs, declared locally (members matched by name against the kernel's
 * BTF at load, so only the used ones are listed), and the counting
 * callbacks shared by struct_ops_cc.bpf.c and struct_ops_cc_link.bpf.c. */
#ifndef RB_TEST_STRUCT_OPS_CC_H
#define RB_TEST_STRUCT_OPS_CC_H

#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

struct sock;

/* struct_ops callbacks see the socket as a struct tcp_sock */
struct tcp_sock {
	__u32 snd_cwnd;
	__u32 snd_ssthresh;
} __attribute__((preserve_access_index));

struct tcp_congestion_ops {
	__u32 (*ssthresh)(struct sock *sk);
	void (*cong_avoid)(struct sock *sk, __u32 ack, __u32 acked);
	__u32 (*undo_cwnd)(struct sock *sk);
	void (*init)(struct sock *sk);
	char name[16];
} __attribute__((preserve_access_index));

__u64 rb_init_calls, rb_ssthresh_calls, rb_cong_avoid_calls, rb_undo_calls;

SEC("struct_ops/rb_cc_init")
void BPF_PROG(rb_cc_init, struct sock *sk)
{
	__sync_fetch_and_add(&rb_init_calls, 1);
}

/* Reno's halving on loss, never below 2 */
SEC("struct_ops/rb_cc_ssthresh")
__u32 BPF_PROG(rb_cc_ssthresh, struct sock *sk)
{
	const struct tcp_sock *tp = (const struct tcp_sock *)sk;
	__u32 half = tp->snd_cwnd >> 1;

	__sync_fetch_and_add(&rb_ssthresh_calls, 1);
	return half > 2 ? half : 2;
}

/* counts only: the window stays at its initial size */
SEC("struct_ops/rb_cc_cong_avoid")
void BPF_PROG(rb_cc_cong_avoid, struct sock *sk, __u32 ack, __u32 acked)
{
	__sync_fetch_and_add(&rb_cong_avoid_calls, 1);
}

SEC("struct_ops/rb_cc_undo_cwnd")
__u32 BPF_PROG(rb_cc_undo_cwnd, struct sock *sk)
{
	const struct tcp_sock *tp = (const struct tcp_sock *)sk;

	__sync_fetch_and_add(&rb_undo_calls, 1);
	return tp->snd_cwnd;
}

/* the members every variant sets */
#define RB_CC_CORE .ssthresh = (void *)rb_cc_ssthresh,			\
		   .cong_avoid = (void *)rb_cc_cong_avoid,		\
		   .undo_cwnd = (void *)rb_cc_undo_cwnd

char LICENSE[] SEC("license") = "GPL";

#endif
