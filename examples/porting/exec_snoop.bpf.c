// SPDX-License-Identifier: BSD-2-Clause
/* exec_snoop.bpf.c - a libbpf-bootstrap style tool, the BPF half: on each
 * exec (tracepoint sched/sched_process_exec) send pid, parent pid and
 * command through a ring buffer; .rodata config (set by user space before
 * load) limits it to the children of one process. Compiles unchanged
 * against libbpf's headers or rawbpf's (docs/porting-from-libbpf.md). */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

#include "exec_snoop.h"

/* CO-RE without vmlinux.h: only the fields used, relocated at load. */
struct task_struct {
	struct task_struct *real_parent;
	int tgid;
} __attribute__((preserve_access_index));

/* 0: every process; else only children of this tgid */
const volatile int parent_tgid = 0;

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 256 * 1024);
} events SEC(".maps");

SEC("tp/sched/sched_process_exec")
int handle_exec(void *ctx)
{
	struct task_struct *task = (void *)bpf_get_current_task();
	struct exec_event *e;
	int ppid = BPF_CORE_READ(task, real_parent, tgid);

	if (parent_tgid && ppid != parent_tgid)
		return 0;
	e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);
	if (!e)
		return 0;
	e->pid = (int)(bpf_get_current_pid_tgid() >> 32);
	e->ppid = ppid;
	bpf_get_current_comm(e->comm, sizeof(e->comm));
	bpf_ringbuf_submit(e, 0);
	return 0;
}

char LICENSE[] SEC("license") = "Dual BSD/GPL";
