// SPDX-License-Identifier: BSD-2-Clause
/* tiny.bpf.c - the smallest object for the CMake helper's tests. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("socket")
int tiny(struct __sk_buff *skb)
{
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
