// SPDX-License-Identifier: BSD-2-Clause
/* obj_bad.bpf.c - one program the verifier accepts and one it rejects
 * (a map value used without a NULL check), next to a map: a failed load
 * must leave neither behind. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__type(key, __u32);
	__type(value, __u32);
	__uint(max_entries, 1);
} bad_map SEC(".maps");

__u32 bad_counter;

SEC("socket")
int good_prog(struct __sk_buff *skb)
{
	bad_counter++;
	return 1;
}

SEC("socket")
int bad_prog(struct __sk_buff *skb)
{
	__u32 k = 0;
	__u32 *v = bpf_map_lookup_elem(&bad_map, &k);

	return *v + 1;	/* no NULL check: the verifier refuses this */
}

char LICENSE[] SEC("license") = "GPL";
