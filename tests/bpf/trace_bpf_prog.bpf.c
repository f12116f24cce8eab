// SPDX-License-Identifier: BSD-2-Clause
/* trace_bpf_prog.bpf.c - fentry and fexit on a function of another BPF
 * program (rb_target_func of tests/bpf/attach_freplace.bpf.c, set with
 * rawbpf_program_set_attach_func); fentry on a kernel function with
 * bpf_get_func_ip, and kprobe, kretprobe and fexit on the same function
 * (tests/kernel/attach_trace_bpf.c). */
#include <linux/bpf.h>
#include <asm/ptrace.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

/* what the programs saw, in .bss (tests/kernel/attach_trace_bpf.c reads it) */
struct {
	__u64 entries, exits, func_ip, kernel_arg;
	__s64 ret;
	__s64 kprobe_arg, kretprobe_ret, fexit_ret;
} rb_seen;

SEC("fentry/rb_target_func")
int BPF_PROG(rb_on_entry, struct xdp_md *xdp)
{
	rb_seen.entries++;
	return 0;
}

SEC("fexit/rb_target_func")
int BPF_PROG(rb_on_exit, struct xdp_md *xdp, int ret)
{
	rb_seen.exits++;
	rb_seen.ret = ret;
	return 0;
}

/* BPF_PROG_TEST_RUN of a fentry program calls bpf_fentry_test1(1) */
SEC("fentry/bpf_fentry_test1")
int BPF_PROG(rb_on_kernel, int a)
{
	rb_seen.kernel_arg = a;
	rb_seen.func_ip = bpf_get_func_ip(ctx);
	return 0;
}

/* the same kernel function through kprobes and fexit: its argument and
 * return value (a + 1) */
SEC("kprobe/bpf_fentry_test1")
int BPF_KPROBE(rb_kprobe, int a)
{
	rb_seen.kprobe_arg = a;
	return 0;
}

SEC("kretprobe/bpf_fentry_test1")
int BPF_KRETPROBE(rb_kretprobe, int ret)
{
	rb_seen.kretprobe_ret = ret;
	return 0;
}

SEC("fexit/bpf_fentry_test1")
int BPF_PROG(rb_on_kernel_exit, int a, int ret)
{
	rb_seen.fexit_ret = ret;
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
