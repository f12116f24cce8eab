// SPDX-License-Identifier: BSD-2-Clause
/* bench_maps.bpf.c - the benchmarks' plain object with many maps: eighteen
 * BTF-defined maps of fourteen types (an array of maps with initial inner
 * maps, a hash of maps), global data in .rodata, .data and .bss, four
 * programs and a subprogram; no CO-RE. Written so that libbpf 1.x loads
 * it too (tests/bench/run.sh compares the two). */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct val {
	__u64 count;
	__u64 bytes;
};

/* one BTF-defined map of each kind: type, key, value, entries */
#define HMAP(name, kind, k, v, n)			\
	struct {					\
		__uint(type, kind);			\
		__type(key, k);				\
		__type(value, v);			\
		__uint(max_entries, n);			\
	} name SEC(".maps")

HMAP(h_hash, BPF_MAP_TYPE_HASH, __u32, struct val, 64);
HMAP(h_hash2, BPF_MAP_TYPE_HASH, __u64, __u64, 128);
HMAP(h_array, BPF_MAP_TYPE_ARRAY, __u32, struct val, 16);
HMAP(h_array2, BPF_MAP_TYPE_ARRAY, __u32, __u64, 8);
HMAP(h_pcpu_hash, BPF_MAP_TYPE_PERCPU_HASH, __u32, __u64, 32);
HMAP(h_pcpu_array, BPF_MAP_TYPE_PERCPU_ARRAY, __u32, struct val, 4);
HMAP(h_lru, BPF_MAP_TYPE_LRU_HASH, __u32, struct val, 64);
HMAP(h_lru_pcpu, BPF_MAP_TYPE_LRU_PERCPU_HASH, __u32, __u64, 64);

struct lpm_key {
	__u32 prefixlen;
	__u32 addr;
};

struct {
	__uint(type, BPF_MAP_TYPE_LPM_TRIE);
	__type(key, struct lpm_key);
	__type(value, __u32);
	__uint(max_entries, 16);
	__uint(map_flags, BPF_F_NO_PREALLOC);
} h_lpm SEC(".maps");

struct inner_def {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, __u32);
	__uint(max_entries, 1);
};

struct inner_def inner_a SEC(".maps"), inner_b SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY_OF_MAPS);
	__uint(max_entries, 4);
	__type(key, __u32);
	__array(values, struct inner_def);
} outer_array SEC(".maps") = {
	.values = { [0] = &inner_a, [3] = &inner_b },
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH_OF_MAPS);
	__uint(max_entries, 4);
	__type(key, __u32);
	__array(values, struct inner_def);
} outer_hash SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_QUEUE);
	__uint(max_entries, 16);
	__type(value, __u32);
} h_queue SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_STACK);
	__uint(max_entries, 16);
	__type(value, __u32);
} h_stack SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} h_ring SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERF_EVENT_ARRAY);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, sizeof(__u32));
} h_events SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_BLOOM_FILTER);
	__type(value, __u32);
	__uint(max_entries, 16);
} h_bloom SEC(".maps");

const volatile __u32 cfg_scale = 3;	/* .rodata */
const volatile __u32 cfg_table[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
__u64 data_base = 100;			/* .data */
__u64 bss_total;			/* .bss */
__u32 bss_last[4];

static __attribute__((noinline)) __u64 bump(struct val *v, __u64 len)
{
	v->count++;
	v->bytes += len * cfg_scale;
	return v->count + data_base;
}

SEC("socket")
int count_hash(struct __sk_buff *skb)
{
	struct val zero = {}, *v;
	__u32 k = skb->protocol & 63;
	__u64 lk = k, *l;

	v = bpf_map_lookup_elem(&h_hash, &k);
	if (!v) {
		bpf_map_update_elem(&h_hash, &k, &zero, BPF_NOEXIST);
		v = bpf_map_lookup_elem(&h_hash, &k);
		if (!v)
			return 0;
	}
	bss_total += bump(v, skb->len);
	l = bpf_map_lookup_elem(&h_hash2, &lk);
	if (l)
		*l += 1;
	v = bpf_map_lookup_elem(&h_lru, &k);
	return v ? (int)bump(v, skb->len) : 0;
}

SEC("socket")
int count_arrays(struct __sk_buff *skb)
{
	__u32 k = skb->len & 3, *p;
	struct val *v;
	__u64 *c;

	v = bpf_map_lookup_elem(&h_array, &k);
	if (v)
		bump(v, skb->len);
	v = bpf_map_lookup_elem(&h_pcpu_array, &k);
	if (v)
		bump(v, skb->len);
	c = bpf_map_lookup_elem(&h_array2, &k);
	if (c)	/* an index that is never spilled keeps its bounds */
		*c += cfg_table[skb->len & 7];
	c = bpf_map_lookup_elem(&h_pcpu_hash, &k);
	if (c)
		*c += 1;
	c = bpf_map_lookup_elem(&h_lru_pcpu, &k);
	if (c)
		*c += 1;
	p = bpf_map_lookup_elem(&h_lpm, &(struct lpm_key){ 32, k });
	bss_last[skb->len & 3] = p ? *p : 0;
	return 0;
}

SEC("socket")
int nested(struct __sk_buff *skb)
{
	__u32 k = 0, *v;
	void *inner;

	inner = bpf_map_lookup_elem(&outer_array, &k);
	if (!inner)
		inner = bpf_map_lookup_elem(&outer_hash, &k);
	if (!inner)
		return 0;
	v = bpf_map_lookup_elem(inner, &k);
	return v ? (int)*v : 0;
}

SEC("tc")
int queues(struct __sk_buff *skb)
{
	__u32 x = skb->len, y = 0;
	__u64 *r;

	bpf_map_push_elem(&h_queue, &x, 0);
	bpf_map_pop_elem(&h_stack, &y);
	bpf_map_push_elem(&h_bloom, &x, 0);
	r = bpf_ringbuf_reserve(&h_ring, sizeof(*r), 0);
	if (r) {
		*r = x + y;
		bpf_ringbuf_submit(r, 0);
	}
	bpf_perf_event_output(skb, &h_events, BPF_F_CURRENT_CPU, &x, sizeof(x));
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
