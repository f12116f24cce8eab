/* SPDX-License-Identifier: BSD-2-Clause */
/* tc.h - the netlink paths that rawbpf_attach_tc (cls_bpf) and
 * rawbpf_attach_xdp (IFLA_XDP) fall back to. */
#ifndef RB_ATTACH_TC_H
#define RB_ATTACH_TC_H

#include "rawbpf/attach_net.h"

/* rb_cls_bpf_attach - clsact qdisc (if absent) + direct-action cls_bpf
 * filter for @prog_fd; a NETLINK_TC attachment. */
int rb_cls_bpf_attach(int prog_fd, int ifindex, uint32_t attach_type,
		      const struct rawbpf_attach_tc_opts *o,
		      struct rawbpf_attachment **out);

/* rb_xdp_netlink - IFLA_XDP attachment of @prog_fd; a NETLINK_XDP one. */
int rb_xdp_netlink(int prog_fd, int ifindex, const struct rawbpf_attach_xdp_opts *o,
		   struct rawbpf_attachment **out);

#endif
