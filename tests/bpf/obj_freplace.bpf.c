// SPDX-License-Identifier: BSD-2-Clause
/* obj_freplace.bpf.c - a freplace program for rb_target_func of
 * tests/bpf/attach_freplace.bpf.c, written as for libbpf: its target
 * program is given at run time (tests/kernel/object_attach_func.c). */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("freplace/rb_target_func")
int rb_replacement(struct xdp_md *ctx)
{
	return XDP_DROP;
}

char LICENSE[] SEC("license") = "GPL";
