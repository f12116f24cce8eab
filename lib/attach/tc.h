/* SPDX-License-Identifier: BSD-2-Clause */
/* tc.h - the cls_bpf path that rawbpf_attach_tc falls back to. */
#ifndef RB_ATTACH_TC_H
#define RB_ATTACH_TC_H

#include "rawbpf/attach_net.h"

/* rb_cls_bpf_attach - clsact qdisc (if absent) + direct-action cls_bpf
 * filter for @prog_fd; a NETLINK_TC attachment. */
int rb_cls_bpf_attach(int prog_fd, int ifindex, uint32_t attach_type,
		      const struct rawbpf_tc_opts *o,
		      struct rawbpf_attachment **out);

#endif
