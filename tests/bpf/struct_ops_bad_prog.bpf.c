// SPDX-License-Identifier: BSD-2-Clause
/* struct_ops_bad_prog.bpf.c - a struct_ops variable whose function pointer
 * is a tracepoint program: open refuses it, naming both
 * (tests/unit/object_struct_ops.c). */
#include "struct_ops_cc.h"

SEC("tp/syscalls/sys_enter_getpid")
int rb_not_struct_ops(void *ctx)
{
	return 0;
}

SEC(".struct_ops")
struct tcp_congestion_ops rb_bad_ops = {
	.ssthresh = (void *)rb_cc_ssthresh,
	.cong_avoid = (void *)rb_not_struct_ops,
	.undo_cwnd = (void *)rb_cc_undo_cwnd,
	.name = "rb_bad",
};
