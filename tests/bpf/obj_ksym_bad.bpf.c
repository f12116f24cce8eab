// SPDX-License-Identifier: BSD-2-Clause
/* obj_ksym_bad.bpf.c - a strong kfunc this kernel does not have: load must
 * fail naming it (tests/kernel/object_extern.c). */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

extern void rb_no_such_kfunc_strong(void) __ksym;

SEC("xdp")
int rb_ksym_bad(struct xdp_md *ctx)
{
	rb_no_such_kfunc_strong();
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
