/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * rawbpf/abi.h - kernel uapi numbers and layouts newer than the oldest
 * <linux/bpf.h> rawbpf builds against (Debian 12 ships 6.1). The values are
 * the kernel's; the RAWBPF_ prefix avoids clashing with a newer header.
 */
#ifndef RAWBPF_ABI_H
#define RAWBPF_ABI_H

#include <stdint.h>

/* Program types added after 6.1. */
#define RAWBPF_PROG_TYPE_NETFILTER	32	/* 6.4 */

/* Map types added after 6.1. */
#define RAWBPF_MAP_TYPE_CGRP_STORAGE	32	/* 6.2 */
#define RAWBPF_MAP_TYPE_ARENA		33	/* 6.9 */

/* Attach types added after 6.1. */
#define RAWBPF_STRUCT_OPS		44	/* 6.4 struct_ops links */
#define RAWBPF_NETFILTER		45	/* 6.4 */
#define RAWBPF_TCX_INGRESS		46	/* 6.6 */
#define RAWBPF_TCX_EGRESS		47	/* 6.6 */
#define RAWBPF_TRACE_UPROBE_MULTI	48	/* 6.6 */
#define RAWBPF_CGROUP_UNIX_CONNECT	49	/* 6.7 */
#define RAWBPF_CGROUP_UNIX_SENDMSG	50
#define RAWBPF_CGROUP_UNIX_RECVMSG	51
#define RAWBPF_CGROUP_UNIX_GETPEERNAME	52
#define RAWBPF_CGROUP_UNIX_GETSOCKNAME	53
#define RAWBPF_NETKIT_PRIMARY		54	/* 6.7 */
#define RAWBPF_NETKIT_PEER		55	/* 6.7 */
#define RAWBPF_TRACE_KPROBE_SESSION	56	/* 6.10 */
#define RAWBPF_TRACE_UPROBE_SESSION	57	/* 6.13 */

/* Link types added after 6.1. */
#define RAWBPF_LINK_TYPE_NETFILTER	10	/* 6.4 */
#define RAWBPF_LINK_TYPE_TCX		11	/* 6.6 */
#define RAWBPF_LINK_TYPE_UPROBE_MULTI	12	/* 6.6 */
#define RAWBPF_LINK_TYPE_NETKIT		13	/* 6.7 */
#define RAWBPF_LINK_TYPE_SOCKMAP	14	/* 6.10 */

/* Flags added after 6.1. */
#define RAWBPF_F_BEFORE			(1U << 3)	/* 6.6 attach/link */
#define RAWBPF_F_AFTER			(1U << 4)
#define RAWBPF_F_ID			(1U << 5)
#define RAWBPF_F_LINK			(1U << 13)	/* 6.4 */
#define RAWBPF_F_PATH_FD		(1U << 14)	/* 6.5 obj pin/get */
#define RAWBPF_F_VTYPE_BTF_OBJ_FD	(1U << 15)	/* 6.9 map create */
#define RAWBPF_F_UPROBE_MULTI_RETURN	(1U << 0)	/* 6.6 */
#define RAWBPF_F_TOKEN_FD		(1U << 16)	/* 6.9 */

/* rawbpf_link_info.perf_event.type (6.6). */
#define RAWBPF_PERF_EVENT_UPROBE	1
#define RAWBPF_PERF_EVENT_URETPROBE	2
#define RAWBPF_PERF_EVENT_KPROBE	3
#define RAWBPF_PERF_EVENT_KRETPROBE	4
#define RAWBPF_PERF_EVENT_TRACEPOINT	5
#define RAWBPF_PERF_EVENT_EVENT		6

/*
 * struct rawbpf_link_info - layout-identical to the kernel's bpf_link_info
 * (6.18), including the per-type parts that old headers lack.
 */
struct rawbpf_link_info {
	uint32_t type;
	uint32_t id;
	uint32_t prog_id;
	union {
		struct {
			uint64_t tp_name __attribute__((aligned(8)));
			uint32_t tp_name_len;
			uint32_t pad;
			uint64_t cookie;	/* 6.10 */
		} raw_tracepoint;
		struct {
			uint32_t attach_type;
			uint32_t target_obj_id;
			uint32_t target_btf_id;
			uint32_t pad;
			uint64_t cookie;
		} tracing;
		struct {
			uint64_t cgroup_id;
			uint32_t attach_type;
		} cgroup;
		struct {
			uint64_t target_name __attribute__((aligned(8)));
			uint32_t target_name_len;
			union {
				struct {
					uint32_t map_id;
				} map;
			};
			union {
				struct {
					uint64_t cgroup_id;
					uint32_t order;
				} cgroup;
				struct {
					uint32_t tid;
					uint32_t pid;
				} task;
			};
		} iter;
		struct {
			uint32_t netns_ino;
			uint32_t attach_type;
		} netns;
		struct {
			uint32_t ifindex;
		} xdp;
		struct {
			uint32_t map_id;
		} struct_ops;
		struct {
			uint32_t pf;
			uint32_t hooknum;
			int32_t priority;
			uint32_t flags;
		} netfilter;
		struct {
			uint64_t addrs __attribute__((aligned(8)));
			uint32_t count;
			uint32_t flags;
			uint64_t missed;
			uint64_t cookies __attribute__((aligned(8)));
		} kprobe_multi;
		struct {
			uint64_t path __attribute__((aligned(8)));
			uint64_t offsets __attribute__((aligned(8)));
			uint64_t ref_ctr_offsets __attribute__((aligned(8)));
			uint64_t cookies __attribute__((aligned(8)));
			uint32_t path_size;
			uint32_t count;
			uint32_t flags;
			uint32_t pid;
		} uprobe_multi;
		struct {
			uint32_t type;	/* BPF_PERF_EVENT_* */
			uint32_t pad;
			union {
				struct {
					uint64_t file_name __attribute__((aligned(8)));
					uint32_t name_len;
					uint32_t offset;
					uint64_t cookie;
					uint64_t ref_ctr_offset;
				} uprobe;
				struct {
					uint64_t func_name __attribute__((aligned(8)));
					uint32_t name_len;
					uint32_t offset;
					uint64_t addr;
					uint64_t missed;
					uint64_t cookie;
				} kprobe;
				struct {
					uint64_t tp_name __attribute__((aligned(8)));
					uint32_t name_len;
					uint32_t pad;
					uint64_t cookie;
				} tracepoint;
				struct {
					uint64_t config;
					uint32_t type;
					uint32_t pad;
					uint64_t cookie;
				} event;
			};
		} perf_event;
		struct {
			uint32_t ifindex;
			uint32_t attach_type;
		} tcx, netkit;
		struct {
			uint32_t map_id;
			uint32_t attach_type;
		} sockmap;
	};
} __attribute__((aligned(8)));

#endif
