// SPDX-License-Identifier: BSD-2-Clause
/* obj_kversion.bpf.c - no `version` section: the kprobe-type program (a
 * uprobe) must be loaded with the running kernel's version, the socket
 * program with none (tests/kernel/object_kversion.c). */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("uprobe")
int rb_kv_probe(void *ctx)
{
	return 0;
}

SEC("socket")
int rb_kv_sock(void *ctx)
{
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
