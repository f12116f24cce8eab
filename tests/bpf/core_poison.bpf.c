// SPDX-License-Identifier: BSD-2-Clause
/* core_poison.bpf.c - CO-RE reads of a field the kernel's task_struct does
 * not have: guarded by bpf_core_field_exists (loads: the poisoned read is
 * dead code) and unguarded (the verifier reaches the poisoned call and the
 * load fails naming the relocation; tests/kernel/object_core.c). */
#ifdef RAWBPF_VMLINUX_H
#include "vmlinux.h"	/* dumped at build time by `rawbpf btf dump` */
#else
#include <linux/bpf.h>
#endif
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

struct task_struct___rb_new {
	int rb_not_in_this_kernel;
	int pid;
} __attribute__((preserve_access_index));

int rb_val = -1;

SEC("tracepoint/syscalls/sys_enter_getppid")
int rb_guarded(void *ctx)
{
	struct task_struct___rb_new *t = (void *)bpf_get_current_task();

	if (bpf_core_field_exists(t->rb_not_in_this_kernel))
		rb_val = BPF_CORE_READ(t, rb_not_in_this_kernel);
	else
		rb_val = BPF_CORE_READ(t, pid);
	return 0;
}

SEC("tracepoint/syscalls/sys_enter_getppid")
int rb_unguarded(void *ctx)
{
	struct task_struct___rb_new *t = (void *)bpf_get_current_task();

	rb_val = BPF_CORE_READ(t, rb_not_in_this_kernel);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
