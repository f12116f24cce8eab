// SPDX-License-Identifier: BSD-2-Clause
/* core_task.bpf.c - CO-RE against the build's vmlinux.h (or, where none
 * could be made, minimal kernel structs marked preserve_access_index). An
 * iter/task program prints each task's tgid; a tracepoint reads pid/tgid
 * of the current task with BPF_CORE_READ and asks existence, size, enum
 * value and type questions the loader must answer from the running
 * kernel's BTF (tests/kernel/object_core.c). */
#ifdef RAWBPF_VMLINUX_H
/* the kernel's own types, from the vmlinux.h that `rawbpf btf dump`
 * made at build time (cmake/rawbpf_vmlinux.cmake) */
#include "vmlinux.h"
#else
#include <linux/bpf.h>
#endif
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>

#ifndef RAWBPF_VMLINUX_H
struct task_struct {
	int pid;
	int tgid;
} __attribute__((preserve_access_index));

struct seq_file;
struct bpf_iter_meta {
	struct seq_file *seq;
} __attribute__((preserve_access_index));

struct bpf_iter__task {
	struct bpf_iter_meta *meta;
	struct task_struct *task;
} __attribute__((preserve_access_index));
#endif

/* a flavor: same kernel type, a field it does not have */
struct task_struct___rb_old {
	int rb_no_such_field;
	int pid;
} __attribute__((preserve_access_index));

struct rb_no_such_type {
	int x;
} __attribute__((preserve_access_index));

/* a flavor of the kernel's enum pid_type whose values differ from the
 * kernel's, so only a relocation gives the kernel's PIDTYPE_TGID */
enum pid_type___rb { PIDTYPE_PID___rb, PIDTYPE_TGID___rb = 7, PIDTYPE_RB_NONE = 9 };

const volatile int rb_want_tgid = 0;

struct rb_core_out {
	int pid, tgid;
	int pid_exists, gone_exists, pid_size, pid_signed;
	int task_exists, none_exists, tgid_enum, none_enum_exists;
	int task_size, hits;
} rb_out;

SEC("iter/task")
int rb_iter_tgid(struct bpf_iter__task *ctx)
{
	struct seq_file *seq = ctx->meta->seq;
	struct task_struct *task = ctx->task;

	if (!task)
		return 0;
	BPF_SEQ_PRINTF(seq, "%d\n", task->tgid);
	return 0;
}

SEC("tracepoint/syscalls/sys_enter_getppid")
int rb_core_tp(void *ctx)
{
	struct task_struct *t = (void *)bpf_get_current_task();
	struct task_struct___rb_old *o = (void *)t;

	if ((bpf_get_current_pid_tgid() >> 32) != (__u64)rb_want_tgid)
		return 0;
	rb_out.pid = BPF_CORE_READ(t, pid);
	rb_out.tgid = BPF_CORE_READ(t, tgid);
	rb_out.pid_exists = bpf_core_field_exists(t->pid);
	rb_out.gone_exists = bpf_core_field_exists(o->rb_no_such_field);
	rb_out.pid_size = bpf_core_field_size(t->pid);
	rb_out.pid_signed = __builtin_preserve_field_info(t->pid, BPF_FIELD_SIGNED);
	rb_out.task_exists = bpf_core_type_exists(struct task_struct);
	rb_out.none_exists = bpf_core_type_exists(struct rb_no_such_type);
	rb_out.tgid_enum = bpf_core_enum_value(enum pid_type___rb, PIDTYPE_TGID___rb);
	rb_out.none_enum_exists = bpf_core_enum_value_exists(enum pid_type___rb, PIDTYPE_RB_NONE);
	rb_out.task_size = bpf_core_type_size(struct task_struct);
	rb_out.hits++;
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
