// SPDX-License-Identifier: BSD-2-Clause
/* lsm_cgroup.bpf.c - a BPF LSM hook for one cgroup (BPF_LSM_CGROUP, 6.0):
 * datagram unix sockets are refused to the processes of the cgroup it is
 * attached to, and counted (tests/kernel/attach_lsm_cgroup.c). */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

#define RB_AF_UNIX 1
#define RB_SOCK_DGRAM 2

__u64 rb_refused, rb_seen;

/* lsm_cgroup verdicts: 1 allows, 0 refuses (EPERM) */
SEC("lsm_cgroup/socket_create")
int BPF_PROG(rb_no_unix_dgram, int family, int type, int protocol, int kern)
{
	if (kern)
		return 1;
	rb_seen++;
	if (family == RB_AF_UNIX && type == RB_SOCK_DGRAM) {
		rb_refused++;
		return 0;
	}
	return 1;
}

char LICENSE[] SEC("license") = "GPL";
