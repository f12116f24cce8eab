// SPDX-License-Identifier: BSD-2-Clause
/* hdr_runtime.bpf.c - rawbpf's BPF-side headers at run time
 * (tests/kernel/bpf_headers.c): BPF_UPROBE / BPF_URETPROBE hand over the
 * probed function's arguments and return value (PT_REGS_PARMn, PT_REGS_RC),
 * BPF_CORE_READ follows a two-pointer chain, BPF_CORE_READ_STR_INTO reads a
 * string, bpf_core_field_exists takes (type, field), BPF_PROG casts a raw
 * tracepoint's arguments. */
#include <linux/bpf.h>
#include <asm/ptrace.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>

#include "hdr_runtime.h"

struct task_struct {
	int tgid;
	struct task_struct *real_parent;
	char comm[16];
} __attribute__((preserve_access_index));

/* .rodata, set before load: the only read-only data, so at offset 0 */
const volatile struct rb_hdr_cfg rb_cfg = { 0, -1 };

struct rb_hdr_out rb_hdr;

struct rb_hdr_missing {
	int rb_not_in_the_kernel;
} __attribute__((preserve_access_index));

static __always_inline int mine(void)
{
	return (bpf_get_current_pid_tgid() >> 32) == (__u64)rb_cfg.tgid;
}

SEC("uprobe")
int BPF_UPROBE(rb_hdr_up, int a, long b, const char *s)
{
	if (!mine())
		return 0;
	rb_hdr.up_a = a;
	rb_hdr.up_b = b;
	bpf_probe_read_user_str(rb_hdr.up_s, sizeof(rb_hdr.up_s), s);
	rb_hdr.up_hits++;
	return 0;
}

SEC("uretprobe")
int BPF_URETPROBE(rb_hdr_uret, long rc)
{
	if (!mine())
		return 0;
	rb_hdr.up_rc = rc;
	rb_hdr.ret_hits++;
	return 0;
}

SEC("tracepoint/syscalls/sys_enter_getppid")
int rb_hdr_tp(void *ctx)
{
	struct task_struct *t = (void *)bpf_get_current_task();

	if (!mine())
		return 0;
	rb_hdr.ppid = BPF_CORE_READ(t, real_parent, tgid);
	BPF_CORE_READ_STR_INTO(&rb_hdr.comm, t, comm);
	rb_hdr.parent_exists = bpf_core_field_exists(struct task_struct, real_parent);
	rb_hdr.nothing_exists = bpf_core_field_exists(struct rb_hdr_missing,
						      rb_not_in_the_kernel);
	rb_hdr.tp_hits++;
	return 0;
}

SEC("raw_tp/sys_enter")
int BPF_PROG(rb_hdr_rawtp, struct pt_regs *regs, long id)
{
	if (!mine() || id != rb_cfg.want_nr)
		return 0;
	rb_hdr.rt_nr = id;
	rb_hdr.rt_hits++;
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
