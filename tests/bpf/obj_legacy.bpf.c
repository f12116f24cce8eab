// SPDX-License-Identifier: BSD-2-Clause
/* obj_legacy.bpf.c - a map in a legacy `maps` section (struct bpf_map_def,
 * 20-byte form) updated by a socket filter that returns the new count. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct legacy_map_def {
	unsigned int type;
	unsigned int key_size;
	unsigned int value_size;
	unsigned int max_entries;
	unsigned int map_flags;
};

struct legacy_map_def SEC("maps") legacy_counts = {
	.type = BPF_MAP_TYPE_ARRAY,
	.key_size = sizeof(__u32),
	.value_size = sizeof(__u64),
	.max_entries = 4,
};

SEC("socket")
int legacy_count(struct __sk_buff *skb)
{
	__u32 key = 1;
	__u64 *v = bpf_map_lookup_elem(&legacy_counts, &key);

	if (!v)
		return 0;
	__sync_fetch_and_add(v, 5);
	return (int)*v;
}

char LICENSE[] SEC("license") = "GPL";
