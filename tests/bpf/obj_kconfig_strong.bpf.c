// SPDX-License-Identifier: BSD-2-Clause
/* obj_kconfig_strong.bpf.c - a (not __weak) .kconfig extern that no
 * kernel config has: load must refuse it by name. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

extern int CONFIG_RAWBPF_NOT_A_REAL_OPTION __kconfig;

SEC("socket")
int kconfig_strong(struct __sk_buff *skb)
{
	return CONFIG_RAWBPF_NOT_A_REAL_OPTION;
}

char LICENSE[] SEC("license") = "GPL";
