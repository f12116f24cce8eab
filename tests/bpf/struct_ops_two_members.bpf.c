// SPDX-License-Identifier: BSD-2-Clause
/* struct_ops_two_members.bpf.c - one program in two members: its
 * expected_attach_type can name only one, so load refuses it
 * (tests/unit/object_struct_ops.c). */
#include "struct_ops_cc.h"

SEC(".struct_ops")
struct tcp_congestion_ops rb_two_ops = {
	.ssthresh = (void *)rb_cc_ssthresh,
	.cong_avoid = (void *)rb_cc_cong_avoid,
	.undo_cwnd = (void *)rb_cc_ssthresh,
	.name = "rb_two",
};
