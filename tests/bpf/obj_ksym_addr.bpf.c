// SPDX-License-Identifier: BSD-2-Clause
/* obj_ksym_addr.bpf.c - a typeless __ksym (its address comes from
 * /proc/kallsyms): a text symbol every kernel lists, stored by a socket
 * filter. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

extern const void schedule __ksym;

__u64 sched_addr;

SEC("socket")
int ksym_addr(struct __sk_buff *skb)
{
	sched_addr = (__u64)&schedule;
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
