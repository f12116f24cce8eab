// SPDX-License-Identifier: BSD-2-Clause
/* arena_two.bpf.c - __arena globals with two arena maps: which one holds
 * them is not said, so the object is refused at open
 * (tests/unit/object_arena.c). */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#define __arena __attribute__((address_space(1)))

struct {
	__uint(type, 33 /* BPF_MAP_TYPE_ARENA */);
	__uint(map_flags, BPF_F_MMAPABLE);
	__uint(max_entries, 1);
} arena_a SEC(".maps"), arena_b SEC(".maps");

int __arena shared = 5;

SEC("syscall")
int use_shared(void *ctx)
{
	return shared;
}

char LICENSE[] SEC("license") = "GPL";
