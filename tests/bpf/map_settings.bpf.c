// SPDX-License-Identifier: BSD-2-Clause
/* map_settings.bpf.c - maps a caller changes before load: a counter the
 * program adds 1 to and returns (reused from an fd, or pinned at a path of
 * the caller's), and an array of maps whose inner template is overridden. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, __u64);
	__uint(max_entries, 1);
} counter SEC(".maps");

struct inner {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, __u32);
	__uint(max_entries, 1);
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY_OF_MAPS);
	__uint(max_entries, 1);
	__type(key, __u32);
	__array(values, struct inner);
} outer SEC(".maps");

SEC("socket")
int count(struct __sk_buff *skb)
{
	__u32 k = 0;
	__u64 *v = bpf_map_lookup_elem(&counter, &k);

	if (!v)
		return -1;
	return (int)__sync_add_and_fetch(v, 1);
}

char LICENSE[] SEC("license") = "GPL";
