// SPDX-License-Identifier: BSD-2-Clause
/* obj_kversion_set.bpf.c - a `version` section: its value is what the
 * kprobe-type program is loaded with (tests/kernel/object_kversion.c). */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

__u32 _version SEC("version") = 0x041300;	/* 4.19.0 */

SEC("uprobe")
int rb_kv_probe(void *ctx)
{
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
