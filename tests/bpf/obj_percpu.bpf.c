// SPDX-License-Identifier: BSD-2-Clause
/* obj_percpu.bpf.c - a per-CPU array with 4-byte values (an 8-byte stride
 * per CPU in user space) and a hash, for the size-checked map helpers:
 * the program adds 3 to this CPU's slot and records 7 under key 1. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__type(key, __u32);
	__type(value, __u32);
	__uint(max_entries, 1);
} rb_pcpu SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__type(key, __u32);
	__type(value, __u64);
	__uint(max_entries, 4);
} rb_hash SEC(".maps");

SEC("socket")
int percpu_add(struct __sk_buff *skb)
{
	__u32 k = 0, one = 1;
	__u64 seven = 7;
	__u32 *v = bpf_map_lookup_elem(&rb_pcpu, &k);

	if (v)
		*v += 3;
	bpf_map_update_elem(&rb_hash, &one, &seven, BPF_ANY);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
