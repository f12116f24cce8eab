// SPDX-License-Identifier: BSD-2-Clause
/* maps_init_reloc.bpf.c - malformed on purpose: a BTF map definition whose
 * initializer points `value` at a variable (a relocation outside `values`),
 * which a loader must refuse (unit/object_maps_malformed). */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

long counter;

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__type(key, int);
	__type(value, long);
	__uint(max_entries, 4);
} bad_value SEC(".maps") = {
	.value = &counter,
};

char LICENSE[] SEC("license") = "GPL";
