/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * rawbpf/attach_net.h - attaching programs to network hooks: XDP, tc (tcx,
 * netkit, cls_bpf), sockets (SO_ATTACH_BPF, sk_reuseport), network
 * namespaces (flow_dissector, sk_lookup), sockmap/sockhash and netfilter.
 *
 * Each constructor returns 0 and a struct rawbpf_attachment in *@out, or
 * -errno and leaves *@out untouched. With RAWBPF_ATTACH_MODE_AUTO it tries the
 * bpf_link first and falls back to the older mechanism when LINK_CREATE
 * answers -EINVAL or -EOPNOTSUPP for that type; RAWBPF_ATTACH_MODE_LINK and
 * RAWBPF_ATTACH_MODE_LEGACY force one of them.
 *
 * File descriptors in options structs: 0 means "none" (rawbpf never hands
 * out fds 0-2).
 */
#ifndef RAWBPF_ATTACH_NET_H
#define RAWBPF_ATTACH_NET_H

#include <stdint.h>

#include "rawbpf/common.h"
#include "rawbpf/attach.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- XDP ----------------------------------------------------------- */

/* XDP mode flags (the kernel's XDP_FLAGS_*, <linux/if_link.h>). */
#define RAWBPF_XDP_UPDATE_IF_NOEXIST	(1U << 0)
#define RAWBPF_XDP_SKB_MODE		(1U << 1)
#define RAWBPF_XDP_DRV_MODE		(1U << 2)
#define RAWBPF_XDP_HW_MODE		(1U << 3)
#define RAWBPF_XDP_REPLACE		(1U << 4)	/* 5.7, set for you */

struct rawbpf_attach_xdp_opts {
	uint32_t size;
	enum rawbpf_attach_mode mode;
	uint32_t flags;		/* RAWBPF_XDP_*_MODE, UPDATE_IF_NOEXIST */
	int32_t expected_fd;	/* netlink: replace only this program, -1:
				   only if none is attached (5.7) */
	char *err_msg;		/* out: the kernel's extended ack, if any */
	uint32_t err_msg_size;
	const struct rawbpf_allocator *alloc;
};

/*
 * rawbpf_attach_xdp - run @prog_fd on @ifindex: an XDP link (5.9) or an
 * IFLA_XDP netlink attachment (4.8; held by the netdev, detached on destroy
 * unless disowned). Update on a netlink attachment replaces the program with
 * the expected-fd check. 0 and *@out, or -ENODEV (no such device), -EBUSY
 * (the hook is taken: UPDATE_IF_NOEXIST, or a link over a netlink program),
 * -EEXIST (expected_fd does not match), -EINVAL (bad mode or flags), -errno.
 */
RAWBPF_API int rawbpf_attach_xdp(int prog_fd, int ifindex,
				 const struct rawbpf_attach_xdp_opts *opts,
				 struct rawbpf_attachment **out);

/* What is attached at a netdev's XDP hook. */
struct rawbpf_xdp_query {
	uint8_t attached;	/* XDP_ATTACHED_NONE/DRV/SKB/HW/MULTI */
	uint32_t prog_id;	/* the single program (not MULTI) */
	uint32_t skb_prog_id;
	uint32_t drv_prog_id;
	uint32_t hw_prog_id;
};

/* rawbpf_xdp_query - IFLA_XDP of @ifindex by RTM_GETLINK (4.8; ids 4.13);
 * 0 or -errno (-ENODEV for a missing device). */
RAWBPF_API int rawbpf_xdp_query(int ifindex, struct rawbpf_xdp_query *q);
/*
 * rawbpf_xdp_set - the raw netlink call: set @prog_fd (-1 detaches) on
 * @ifindex with @flags; @expected_fd > 0 (or -1 for "nothing attached")
 * adds XDP_FLAGS_REPLACE (5.7). @err_msg receives the extended ack. IFLA_XDP
 * 4.8. 0 or -errno.
 */
RAWBPF_API int rawbpf_xdp_set(int ifindex, int prog_fd, uint32_t flags,
			      int expected_fd, char *err_msg,
			      uint32_t err_msg_size);

/* ---- tc: tcx, netkit, cls_bpf ------------------------------------------ */

struct rawbpf_attach_tc_opts {
	uint32_t size;
	enum rawbpf_attach_mode mode;
	/* tcx/netkit ordering (6.6): RAWBPF_F_BEFORE/AFTER, RAWBPF_F_ID,
	 * BPF_F_REPLACE (PROG_ATTACH only) */
	uint32_t flags;
	uint32_t relative_fd;	/* or relative_id */
	uint32_t relative_id;	/* with RAWBPF_F_ID */
	int32_t replace_prog_fd;	/* PROG_ATTACH with BPF_F_REPLACE */
	uint64_t expected_revision;	/* 0: any */
	/* cls_bpf (legacy) */
	uint32_t handle;	/* filter handle, 0 = 1 */
	uint32_t priority;	/* filter priority, 0 = 1 */
	char *err_msg;		/* out: the kernel's extended ack, if any */
	uint32_t err_msg_size;
	const struct rawbpf_allocator *alloc;
};

/*
 * rawbpf_attach_tc - run sched_cls @prog_fd on @ifindex at @attach_type
 * (RAWBPF_TCX_INGRESS or RAWBPF_TCX_EGRESS): a tcx link (6.6), or in legacy
 * mode a direct-action cls_bpf filter on a clsact qdisc (created if absent)
 * over netlink (4.5). The filter is removed on destroy unless disowned; the
 * qdisc stays (rawbpf_tc_qdisc_destroy), except after a failed attach,
 * which removes a qdisc it made. 0 and *@out, or -errno.
 */
RAWBPF_API int rawbpf_attach_tc(int prog_fd, int ifindex, uint32_t attach_type,
				const struct rawbpf_attach_tc_opts *opts,
				struct rawbpf_attachment **out);
/*
 * rawbpf_attach_tcx_prog - tcx through BPF_PROG_ATTACH (6.6) with
 * before/after/replace and expected_revision: held by the netdev until
 * detached (on destroy unless disowned). 0 and *@out, or -errno.
 */
RAWBPF_API int rawbpf_attach_tcx_prog(int prog_fd, int ifindex,
				      uint32_t attach_type,
				      const struct rawbpf_attach_tc_opts *opts,
				      struct rawbpf_attachment **out);
/*
 * rawbpf_attach_netkit - a netkit program (6.7) on netkit device @ifindex
 * at RAWBPF_NETKIT_PRIMARY/PEER: a netkit link, or PROG_ATTACH in legacy
 * mode. 0 and *@out, or -errno.
 */
RAWBPF_API int rawbpf_attach_netkit(int prog_fd, int ifindex,
				    uint32_t attach_type,
				    const struct rawbpf_attach_tc_opts *opts,
				    struct rawbpf_attachment **out);

/* rawbpf_tc_qdisc_create - add a clsact qdisc to @ifindex (netlink, 4.5).
 * 1 when this call created it, 0 when one existed already (so a program
 * removes only a qdisc it made); -ENODEV (no such device), -errno. */
RAWBPF_API int rawbpf_tc_qdisc_create(int ifindex);
/* rawbpf_tc_qdisc_destroy - remove @ifindex's clsact qdisc and its filters
 * (4.5); 0 or -errno (-EINVAL when there is none). */
RAWBPF_API int rawbpf_tc_qdisc_destroy(int ifindex);

/* One cls_bpf filter as listed by rawbpf_tc_filter_list. */
struct rawbpf_tc_filter {
	uint32_t handle;
	uint32_t priority;
	uint32_t prog_id;	/* 4.13 */
	uint32_t flags;		/* TCA_BPF_FLAG_ACT_DIRECT */
};

/*
 * rawbpf_tc_filter_list - the bpf filters on @ifindex's clsact
 * @attach_type side (RTM_GETTFILTER dump, 4.5). @count: in room in
 * @filters, out filters found (may exceed the room, then -ENOSPC); none
 * without a clsact qdisc.
 * 0, -ENOSPC or -errno.
 */
RAWBPF_API int rawbpf_tc_filter_list(int ifindex, uint32_t attach_type,
				     struct rawbpf_tc_filter *filters,
				     uint32_t *count);

/* ---- sockets, netns, sockmap, netfilter -------------------------------- */

struct rawbpf_attach_net_opts {
	uint32_t size;
	enum rawbpf_attach_mode mode;
	uint32_t flags;		/* link/attach flags */
	const struct rawbpf_allocator *alloc;
};

/*
 * rawbpf_attach_socket - SO_ATTACH_BPF a socket_filter program to @sock_fd
 * (3.19); detach is SO_DETACH_BPF. The handle keeps a dup of the socket.
 * 0 and *@out, or -errno.
 */
RAWBPF_API int rawbpf_attach_socket(int prog_fd, int sock_fd,
				    const struct rawbpf_allocator *alloc,
				    struct rawbpf_attachment **out);
/*
 * rawbpf_attach_reuseport - SO_ATTACH_REUSEPORT_EBPF an sk_reuseport (or
 * socket_filter) program to the reuseport group of @sock_fd (4.5); detach
 * is SO_DETACH_REUSEPORT_BPF (5.3). 0 and *@out, or -errno.
 */
RAWBPF_API int rawbpf_attach_reuseport(int prog_fd, int sock_fd,
				       const struct rawbpf_allocator *alloc,
				       struct rawbpf_attachment **out);
/*
 * rawbpf_attach_netns - flow_dissector or sk_lookup (@attach_type
 * BPF_FLOW_DISSECTOR / BPF_SK_LOOKUP) for the netns of @netns_fd: a netns
 * link (5.8/5.9), or for flow_dissector PROG_ATTACH (4.20), which acts on
 * the caller's current netns whatever @netns_fd says. 0 and *@out, or
 * -errno (-EOPNOTSUPP: sk_lookup in legacy mode).
 */
RAWBPF_API int rawbpf_attach_netns(int prog_fd, int netns_fd,
				   uint32_t attach_type,
				   const struct rawbpf_attach_net_opts *opts,
				   struct rawbpf_attachment **out);
/*
 * rawbpf_attach_sockmap - sk_msg or sk_skb (@attach_type BPF_SK_MSG_VERDICT,
 * BPF_SK_SKB_STREAM_PARSER/_VERDICT, BPF_SK_SKB_VERDICT) on sockmap or
 * sockhash @map_fd: a sockmap link (6.10) or PROG_ATTACH to the map (4.14).
 * 0 and *@out, or -errno.
 */
RAWBPF_API int rawbpf_attach_sockmap(int prog_fd, int map_fd,
				     uint32_t attach_type,
				     const struct rawbpf_attach_net_opts *opts,
				     struct rawbpf_attachment **out);

struct rawbpf_attach_netfilter_opts {
	uint32_t size;
	uint32_t pf;		/* NFPROTO_IPV4 / NFPROTO_IPV6 */
	uint32_t hooknum;	/* NF_INET_PRE_ROUTING ... */
	int32_t priority;
	uint32_t flags;		/* BPF_F_NETFILTER_IP_DEFRAG (6.6) */
	const struct rawbpf_allocator *alloc;
};

/* rawbpf_attach_netfilter - a netfilter link (6.4); link only. 0 and
 * *@out, or -errno. */
RAWBPF_API int
rawbpf_attach_netfilter(int prog_fd,
			const struct rawbpf_attach_netfilter_opts *opts,
			struct rawbpf_attachment **out);

#ifdef __cplusplus
}
#endif
#endif
