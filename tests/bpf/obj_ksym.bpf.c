// SPDX-License-Identifier: BSD-2-Clause
/* obj_ksym.bpf.c - a typed .ksyms variable (the per-CPU bpf_prog_active,
 * read through bpf_this_cpu_ptr): its ld_imm64 carries the kernel's BTF id
 * (tests/kernel/object_extern.c). */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

extern const int bpf_prog_active __ksym;

int rb_active;

SEC("xdp")
int rb_ksym_xdp(struct xdp_md *ctx)
{
	const int *active = bpf_this_cpu_ptr(&bpf_prog_active);

	rb_active = *active + 1;
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
