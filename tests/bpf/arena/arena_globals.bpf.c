// SPDX-License-Identifier: BSD-2-Clause
/* arena_globals.bpf.c - __arena globals (.addr_space.1) in an arena map
 * (6.9), written by a program and by user space through the arena's mmap
 * (tests/kernel/object_arena.c). Needs clang 18+. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#define __arena __attribute__((address_space(1)))

struct {
	__uint(type, 33 /* BPF_MAP_TYPE_ARENA */);
	__uint(map_flags, BPF_F_MMAPABLE);
	__uint(max_entries, 4);		/* pages */
} arena SEC(".maps");

int __arena counter;			/* zero: no bytes in the file */
int __arena table[4] = { 1, 2, 3, 40 };
char __arena note[16] = "rawbpf";

/* counter += table[3]; table[0] = what user space wrote to table[1] */
SEC("syscall")
int arena_bump(void *ctx)
{
	counter += table[3];
	table[0] = table[1];
	note[0] = 'R';
	return counter;
}

char LICENSE[] SEC("license") = "GPL";
