// SPDX-License-Identifier: BSD-2-Clause
/* obj_kconfig_struct.bpf.c - a .kconfig extern of struct type: no config
 * value is a struct, so the load is refused (-EINVAL) naming it. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct rb_two { unsigned int a, b; };
extern struct rb_two CONFIG_HZ __kconfig;

unsigned int seen;

SEC("socket")
int kconfig_struct_prog(struct __sk_buff *skb)
{
	seen = CONFIG_HZ.a;
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
