// SPDX-License-Identifier: BSD-2-Clause
/* obj_pin_other.bpf.c - a map with obj_pin's pinned name but another
 * value size: loading it next to obj_pin's pin must be refused. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, __u32);
	__uint(max_entries, 1);
	__uint(pinning, LIBBPF_PIN_BY_NAME);
} rb_shared SEC(".maps");

SEC("socket")
int pin_other(struct __sk_buff *skb)
{
	__u32 k = 0;
	__u32 *v = bpf_map_lookup_elem(&rb_shared, &k);

	return v ? (int)*v : -1;
}

char LICENSE[] SEC("license") = "GPL";
