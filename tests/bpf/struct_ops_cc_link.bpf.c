// SPDX-License-Identifier: BSD-2-Clause
/* struct_ops_cc_link.bpf.c - two TCP congestion controls in
 * `.struct_ops.link` maps (BPF_F_LINK, 6.4): registered by a struct_ops
 * link, and swapped by BPF_LINK_UPDATE (tests/kernel/object_struct_ops.c).
 * A link update keeps the name: both are "rb_ccl". */
#include "struct_ops_cc.h"

SEC(".struct_ops.link")
struct tcp_congestion_ops rb_ccl_ops = {
	.init = (void *)rb_cc_init,
	RB_CC_CORE,
	.name = "rb_ccl",
};

SEC(".struct_ops.link")
struct tcp_congestion_ops rb_ccl_ops2 = {
	RB_CC_CORE,
	.name = "rb_ccl",
};

/* in no map: not loaded (libbpf's rule) */
SEC("struct_ops/rb_cc_unused")
void BPF_PROG(rb_cc_unused, struct sock *sk)
{
}
