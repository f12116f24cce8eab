// SPDX-License-Identifier: BSD-2-Clause
/* struct_ops_cc.bpf.c - a TCP congestion control "rb_cc" in a `.struct_ops`
 * map: registered by BPF_MAP_UPDATE_ELEM (5.6), unregistered by
 * BPF_MAP_DELETE_ELEM (tests/kernel/object_struct_ops.c). */
#include "struct_ops_cc.h"

SEC(".struct_ops")
struct tcp_congestion_ops rb_cc_ops = {
	.init = (void *)rb_cc_init,
	RB_CC_CORE,
	.name = "rb_cc",
};
