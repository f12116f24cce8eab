// SPDX-License-Identifier: BSD-2-Clause
/*
 * lifecycle.bpf.c - the object built into the lifecycle demo. Two
 * cgroup/sock_create programs count the sockets created inside a cgroup,
 * each in its own slot of one map, so the demo can tell which program a
 * hook runs. Both allow the socket (return 1).
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, __u64);
} hits SEC(".maps");

static __always_inline void count(__u32 slot)
{
	__u64 *v = bpf_map_lookup_elem(&hits, &slot);

	if (v)
		__sync_fetch_and_add(v, 1);
}

SEC("cgroup/sock_create")
int count_v1(struct bpf_sock *sk)
{
	count(0);
	return 1;
}

SEC("cgroup/sock_create")
int count_v2(struct bpf_sock *sk)
{
	count(1);
	return 1;
}

char LICENSE[] SEC("license") = "GPL";
