// SPDX-License-Identifier: BSD-2-Clause
/*
 * firmware.bpf.c - the object built into the no-libc firmware example.
 * It counts getpid() calls of one process: slot 0 of `fw_counts` holds the
 * process id to count (written by the loader), slot 1 the count.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, __u64);
} fw_counts SEC(".maps");

SEC("tp/syscalls/sys_enter_getpid")
int count_getpid(void *ctx)
{
	__u32 want_key = 0, count_key = 1;
	__u64 *want = bpf_map_lookup_elem(&fw_counts, &want_key);
	__u64 *count = bpf_map_lookup_elem(&fw_counts, &count_key);

	if (!want || !count || bpf_get_current_pid_tgid() >> 32 != *want)
		return 0;
	__sync_fetch_and_add(count, 1);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
