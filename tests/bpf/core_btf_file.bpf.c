// SPDX-License-Identifier: BSD-2-Clause
/* core_btf_file.bpf.c - CO-RE whose answers change with the target's
 * word size and byte order: a tracepoint reads the current task's pid,
 * tgid, comm and parent through task_struct, and reports the relocated
 * sizes of a pointer and an unsigned long member and of task_struct
 * itself. Compiled for BPF (8-byte long and pointers), so on a 32-bit
 * kernel only the target BTF gives 4 (tests/kernel/object_core_btf_file.c
 * loads it with BTF from pahole where the kernel has none). */
#ifdef RAWBPF_VMLINUX_H
#include "vmlinux.h"
#else
#include <linux/bpf.h>
struct task_struct {
	int pid;
	int tgid;
	unsigned long nvcsw;
	struct task_struct *real_parent;
	char comm[16];
} __attribute__((preserve_access_index));
#endif
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

const volatile int rb_want_tgid = 0;

/* tests/kernel/object_core_btf_file.c has the same layout */
struct rb_btf_file_out {
	__u64 parent;			/* the real_parent pointer, zero-extended */
	int pid, tgid, parent_tgid;
	unsigned int pid_off, comm_off, long_size, ptr_size, task_size;
	unsigned int hits;
	char comm[16];
} rb_out;

SEC("tracepoint/syscalls/sys_enter_getppid")
int rb_btf_file_tp(void *ctx)
{
	struct task_struct *t = (void *)bpf_get_current_task();
	struct task_struct *parent;
	__u64 ptr = 0;

	if ((bpf_get_current_pid_tgid() >> 32) != (__u64)rb_want_tgid)
		return 0;
	rb_out.pid = BPF_CORE_READ(t, pid);
	rb_out.tgid = BPF_CORE_READ(t, tgid);
	BPF_CORE_READ_STR_INTO(&rb_out.comm, t, comm);
	/* the pointer at its own size (4 on a 32-bit kernel): read into the
	 * low bytes of a zeroed u64, right for a little-endian 32-bit or any
	 * 64-bit kernel */
	bpf_core_read(&ptr, bpf_core_field_size(t->real_parent), &t->real_parent);
	parent = (void *)ptr;
	rb_out.parent = ptr;
	rb_out.parent_tgid = BPF_CORE_READ(parent, tgid);
	rb_out.pid_off = bpf_core_field_offset(t->pid);
	rb_out.comm_off = bpf_core_field_offset(t->comm);
	rb_out.long_size = bpf_core_field_size(t->nvcsw);
	rb_out.ptr_size = bpf_core_field_size(t->real_parent);
	rb_out.task_size = bpf_core_type_size(struct task_struct);
	rb_out.hits++;
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
