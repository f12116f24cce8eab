// SPDX-License-Identifier: BSD-2-Clause
/* obj_pin.bpf.c - a map pinned by name (LIBBPF_PIN_BY_NAME) shared by
 * every load of this object; the program adds 1 and returns the total. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, __u64);
	__uint(max_entries, 1);
	__uint(pinning, LIBBPF_PIN_BY_NAME);
} rb_shared SEC(".maps");

SEC("socket")
int pin_count(struct __sk_buff *skb)
{
	__u32 k = 0;
	__u64 *v = bpf_map_lookup_elem(&rb_shared, &k);

	if (!v)
		return -1;
	return (int)__sync_add_and_fetch(v, 1);
}

char LICENSE[] SEC("license") = "GPL";
