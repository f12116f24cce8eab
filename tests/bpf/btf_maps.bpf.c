// SPDX-License-Identifier: BSD-2-Clause
/* btf_maps.bpf.c - libbpf-style BTF map definitions of every shape the BTF
 * map decoder must understand (read by tests/unit/btf_maps.c). */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct pair {
	__u64 a;
	__u32 b;
};

/* Sizes given as numbers. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(key_size, 4);
	__uint(value_size, 16);
	__uint(max_entries, 128);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__uint(numa_node, 0);
} sized_hash SEC(".maps");

/* Key and value given as types. */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, struct pair);
	__uint(max_entries, 4);
} typed_array SEC(".maps");

/* Pinned by name. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__type(key, __u64);
	__type(value, __u64);
	__uint(max_entries, 32);
	__uint(pinning, LIBBPF_PIN_BY_NAME);
} pinned SEC(".maps");

/* Bloom filter: map_extra holds the hash count. */
struct {
	__uint(type, BPF_MAP_TYPE_BLOOM_FILTER);
	__type(value, __u32);
	__uint(max_entries, 64);
	__uint(map_extra, 3);
} bloom SEC(".maps");

/* Map-in-map with an inner definition and one initial value. */
struct inner_map {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, __u64);
	__uint(max_entries, 2);
} inner0 SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY_OF_MAPS);
	__uint(max_entries, 3);
	__type(key, __u32);
	__array(values, struct inner_map);
} outer SEC(".maps") = {
	.values = { [1] = &inner0 },
};

/* Program array with an initial value. */
int tail(void *ctx);

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 2);
	__type(key, __u32);
	__array(values, int (void *));
} jumps SEC(".maps") = {
	.values = { [0] = (void *)&tail },
};

SEC("socket")
int tail(void *ctx)
{
	return 1;
}

SEC("socket")
int entry(void *ctx)
{
	__u32 k = 0;
	struct pair *p = bpf_map_lookup_elem(&typed_array, &k);

	bpf_tail_call(ctx, &jumps, 0);
	return p ? (int)p->b : 0;
}

char LICENSE[] SEC("license") = "GPL";
