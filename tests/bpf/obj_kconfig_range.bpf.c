// SPDX-License-Identifier: BSD-2-Clause
/* obj_kconfig_range.bpf.c - a .kconfig extern too narrow for its value:
 * every kernel's version code is above 0xffff, so the load is refused
 * (-ERANGE), never truncated. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

extern unsigned short LINUX_KERNEL_VERSION __kconfig;

unsigned int seen;

SEC("socket")
int kconfig_range_prog(struct __sk_buff *skb)
{
	seen = LINUX_KERNEL_VERSION;
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
