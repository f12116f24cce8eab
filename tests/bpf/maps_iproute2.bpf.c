// SPDX-License-Identifier: BSD-2-Clause
/* maps_iproute2.bpf.c - maps in iproute2's layout (struct bpf_elf_map, as
 * tc objects define them): one pinned PIN_GLOBAL_NS, one PIN_OBJECT_NS, an
 * array-of-maps whose inner map is named by id (inner_id) and placed in
 * slot inner_idx. A socket filter counts in the global map and reads the
 * inner map through the outer one (kernel/object_iproute2). */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

/* iproute2's layout and pinning values (include/bpf_elf.h) */
struct bpf_elf_map {
	__u32 type;
	__u32 size_key;
	__u32 size_value;
	__u32 max_elem;
	__u32 flags;
	__u32 id;
	__u32 pinning;
	__u32 inner_id;
	__u32 inner_idx;
};
#define PIN_OBJECT_NS 1
#define PIN_GLOBAL_NS 2

struct bpf_elf_map SEC("maps") rb_tc_global = {
	.type = BPF_MAP_TYPE_ARRAY,
	.size_key = sizeof(__u32),
	.size_value = sizeof(__u64),
	.max_elem = 1,
	.pinning = PIN_GLOBAL_NS,
};

struct bpf_elf_map SEC("maps") rb_tc_object = {
	.type = BPF_MAP_TYPE_ARRAY,
	.size_key = sizeof(__u32),
	.size_value = sizeof(__u64),
	.max_elem = 1,
	.pinning = PIN_OBJECT_NS,
};

struct bpf_elf_map SEC("maps") rb_tc_inner = {
	.type = BPF_MAP_TYPE_ARRAY,
	.size_key = sizeof(__u32),
	.size_value = sizeof(__u64),
	.max_elem = 1,
	.id = 42,
	.inner_idx = 2,
};

struct bpf_elf_map SEC("maps") rb_tc_outer = {
	.type = BPF_MAP_TYPE_ARRAY_OF_MAPS,
	.size_key = sizeof(__u32),
	.size_value = sizeof(__u32),
	.max_elem = 4,
	.inner_id = 42,
};

/* global count + 1; plus 100 * the value in slot 2's inner map */
SEC("socket")
int tc_count(struct __sk_buff *skb)
{
	__u32 zero = 0, slot = 2;
	__u64 *v = bpf_map_lookup_elem(&rb_tc_global, &zero), *w;
	void *inner = bpf_map_lookup_elem(&rb_tc_outer, &slot);
	__u64 extra = 0;

	if (!v)
		return 0;
	__sync_fetch_and_add(v, 1);
	if (inner) {
		w = bpf_map_lookup_elem(inner, &zero);
		if (w)
			extra = *w * 100;
	}
	return (int)(*v + extra);
}

char LICENSE[] SEC("license") = "GPL";
