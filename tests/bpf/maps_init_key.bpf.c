// SPDX-License-Identifier: BSD-2-Clause
/* maps_init_key.bpf.c - malformed on purpose: a BTF map definition whose
 * initializer sets `key` (a constant pointer), which a loader must refuse
 * rather than ignore (unit/object_maps_malformed). */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__type(key, int);
	__type(value, long);
	__uint(max_entries, 4);
} bad_key SEC(".maps") = {
	.key = (int *)8,
};

char LICENSE[] SEC("license") = "GPL";
