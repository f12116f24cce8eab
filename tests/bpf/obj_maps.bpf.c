// SPDX-License-Identifier: BSD-2-Clause
/* obj_maps.bpf.c - BTF-defined maps: typed hash, prog_array with an initial
 * tail-call target, array-of-maps with an inner definition and initial
 * value, perf event array sized to the CPUs, ring buffer, bloom filter
 * (map_extra), a spin lock in a value (needs the BTF value type id) with
 * numa_node; and a global (BTF-verified) subprogram in .text. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct stats {
	__u64 packets;
	__u64 bytes;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__type(key, __u32);
	__type(value, struct stats);
	__uint(max_entries, 16);
	__uint(map_flags, BPF_F_NO_PREALLOC);
} typed_hash SEC(".maps");

struct inner_array {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, __u32);
	__uint(max_entries, 1);
} inner_a SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY_OF_MAPS);
	__uint(max_entries, 2);
	__type(key, __u32);
	__array(values, struct inner_array);
} outer SEC(".maps") = {
	.values = { [1] = &inner_a },
};

struct {
	__uint(type, BPF_MAP_TYPE_PERF_EVENT_ARRAY);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, sizeof(__u32));
} events SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} ring SEC(".maps");

SEC("socket")
int tail_target(struct __sk_buff *skb)
{
	return 42;
}

int tail_entry(struct __sk_buff *skb);

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 4);
	__type(key, __u32);
	__array(values, int (struct __sk_buff *));
} jmp_table SEC(".maps") = {
	.values = { [2] = &tail_target },
};

SEC("socket")
int tail_entry(struct __sk_buff *skb)
{
	bpf_tail_call(skb, &jmp_table, 2);
	return 1;
}

SEC("socket")
int inner_reader(struct __sk_buff *skb)
{
	__u32 key = 1, zero = 0, *v;
	void *inner = bpf_map_lookup_elem(&outer, &key);

	if (!inner)
		return -1;
	v = bpf_map_lookup_elem(inner, &zero);
	return v ? (int)*v : -2;
}

__attribute__((noinline)) int global_square_plus(int x)
{
	return x * x + 1;
}

SEC("socket")
int sub_caller(struct __sk_buff *skb)
{
	struct stats s = { .packets = 1, .bytes = skb->len }, *old;
	__u32 k = 0;

	old = bpf_map_lookup_elem(&typed_hash, &k);
	if (!old)
		bpf_map_update_elem(&typed_hash, &k, &s, BPF_ANY);
	return global_square_plus(6);
}

struct {
	__uint(type, BPF_MAP_TYPE_BLOOM_FILTER);
	__type(value, __u32);
	__uint(max_entries, 16);
	__uint(map_extra, 3);
} bloom SEC(".maps");

struct locked {
	struct bpf_spin_lock lock;
	__u32 n;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, struct locked);
	__uint(max_entries, 1);
	__uint(map_flags, BPF_F_NUMA_NODE);
	__uint(numa_node, 0);
} locked_map SEC(".maps");

SEC("tc")	/* socket filters may not take spin locks */
int lock_user(struct __sk_buff *skb)
{
	__u32 k = 0, r;
	struct locked *l = bpf_map_lookup_elem(&locked_map, &k);

	if (!l)
		return -1;
	bpf_spin_lock(&l->lock);
	l->n += 3;
	r = l->n;
	bpf_spin_unlock(&l->lock);
	bpf_map_push_elem(&bloom, &r, 0);
	return r;
}

char LICENSE[] SEC("license") = "GPL";
