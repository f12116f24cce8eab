// SPDX-License-Identifier: BSD-2-Clause
/* arena_nomap.bpf.c - __arena globals and no arena map to hold them:
 * refused at open (tests/unit/object_arena.c). */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#define __arena __attribute__((address_space(1)))

int __arena lost = 5;

SEC("syscall")
int use_lost(void *ctx)
{
	return lost;
}

char LICENSE[] SEC("license") = "GPL";
