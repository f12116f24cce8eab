/* SPDX-License-Identifier: BSD-2-Clause */
/* exec_snoop.h - the event exec_snoop.bpf.c sends through its ring buffer,
 * shared by the BPF side and user space. */
#ifndef EXEC_SNOOP_H
#define EXEC_SNOOP_H

#define EXEC_SNOOP_COMM_LEN 16

struct exec_event {
	int pid;
	int ppid;
	char comm[EXEC_SNOOP_COMM_LEN];
};

#endif
