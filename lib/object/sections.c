// SPDX-License-Identifier: BSD-2-Clause
/* sections.c - libbpf's section-name convention: which program type,
 * expected attach type and load flags a section name implies. */
#include <errno.h>
#include <string.h>

#include "rawbpf/object.h"
#include "object/object.h"

#define SLEEP RB_SEC_SLEEPABLE
#define FRAGS RB_SEC_FRAGS

/* More specific names come before the names they extend (xdp/devmap before
 * xdp); a name `x` matches the section `x` or `x/...`. */
static const struct rb_sec_def sec_defs[] = {
	{ "socket", BPF_PROG_TYPE_SOCKET_FILTER, 0, 0 },
	{ "sk_reuseport/migrate", BPF_PROG_TYPE_SK_REUSEPORT,
	  BPF_SK_REUSEPORT_SELECT_OR_MIGRATE, 0 },
	{ "sk_reuseport", BPF_PROG_TYPE_SK_REUSEPORT, BPF_SK_REUSEPORT_SELECT, 0 },
	{ "kprobe.multi", BPF_PROG_TYPE_KPROBE, BPF_TRACE_KPROBE_MULTI, 0 },
	{ "kretprobe.multi", BPF_PROG_TYPE_KPROBE, BPF_TRACE_KPROBE_MULTI, 0 },
	{ "kprobe", BPF_PROG_TYPE_KPROBE, 0, 0 },
	{ "kretprobe", BPF_PROG_TYPE_KPROBE, 0, 0 },
	{ "ksyscall", BPF_PROG_TYPE_KPROBE, 0, 0 },
	{ "kretsyscall", BPF_PROG_TYPE_KPROBE, 0, 0 },
	{ "uprobe.multi.s", BPF_PROG_TYPE_KPROBE, RAWBPF_TRACE_UPROBE_MULTI, SLEEP },
	{ "uretprobe.multi.s", BPF_PROG_TYPE_KPROBE, RAWBPF_TRACE_UPROBE_MULTI, SLEEP },
	{ "uprobe.multi", BPF_PROG_TYPE_KPROBE, RAWBPF_TRACE_UPROBE_MULTI, 0 },
	{ "uretprobe.multi", BPF_PROG_TYPE_KPROBE, RAWBPF_TRACE_UPROBE_MULTI, 0 },
	{ "uprobe.s", BPF_PROG_TYPE_KPROBE, 0, SLEEP },
	{ "uretprobe.s", BPF_PROG_TYPE_KPROBE, 0, SLEEP },
	{ "uprobe", BPF_PROG_TYPE_KPROBE, 0, 0 },
	{ "uretprobe", BPF_PROG_TYPE_KPROBE, 0, 0 },
	/* uprobe_multi programs also attach as single uprobes (6.6); older
	 * kernels do not check the attach type of kprobe programs */
	{ "usdt", BPF_PROG_TYPE_KPROBE, RAWBPF_TRACE_UPROBE_MULTI, 0 },
	{ "tracepoint", BPF_PROG_TYPE_TRACEPOINT, 0, 0 },
	{ "tp_btf", BPF_PROG_TYPE_TRACING, BPF_TRACE_RAW_TP, 0 },
	{ "tp", BPF_PROG_TYPE_TRACEPOINT, 0, 0 },
	{ "raw_tracepoint", BPF_PROG_TYPE_RAW_TRACEPOINT, 0, 0 },
	{ "raw_tracepoint.w", BPF_PROG_TYPE_RAW_TRACEPOINT_WRITABLE, 0, 0 },
	{ "raw_tp.w", BPF_PROG_TYPE_RAW_TRACEPOINT_WRITABLE, 0, 0 },
	{ "raw_tp", BPF_PROG_TYPE_RAW_TRACEPOINT, 0, 0 },
	{ "fentry.s", BPF_PROG_TYPE_TRACING, BPF_TRACE_FENTRY, SLEEP },
	{ "fentry", BPF_PROG_TYPE_TRACING, BPF_TRACE_FENTRY, 0 },
	{ "fexit.s", BPF_PROG_TYPE_TRACING, BPF_TRACE_FEXIT, SLEEP },
	{ "fexit", BPF_PROG_TYPE_TRACING, BPF_TRACE_FEXIT, 0 },
	{ "fmod_ret.s", BPF_PROG_TYPE_TRACING, BPF_MODIFY_RETURN, SLEEP },
	{ "fmod_ret", BPF_PROG_TYPE_TRACING, BPF_MODIFY_RETURN, 0 },
	{ "freplace", BPF_PROG_TYPE_EXT, 0, 0 },
	{ "lsm.s", BPF_PROG_TYPE_LSM, BPF_LSM_MAC, SLEEP },
	{ "lsm_cgroup", BPF_PROG_TYPE_LSM, BPF_LSM_CGROUP, 0 },
	{ "lsm", BPF_PROG_TYPE_LSM, BPF_LSM_MAC, 0 },
	{ "iter.s", BPF_PROG_TYPE_TRACING, BPF_TRACE_ITER, SLEEP },
	{ "iter", BPF_PROG_TYPE_TRACING, BPF_TRACE_ITER, 0 },
	{ "syscall", BPF_PROG_TYPE_SYSCALL, 0, SLEEP },
	{ "xdp.frags/devmap", BPF_PROG_TYPE_XDP, BPF_XDP_DEVMAP, FRAGS },
	{ "xdp.frags/cpumap", BPF_PROG_TYPE_XDP, BPF_XDP_CPUMAP, FRAGS },
	{ "xdp.frags", BPF_PROG_TYPE_XDP, BPF_XDP, FRAGS },
	{ "xdp/devmap", BPF_PROG_TYPE_XDP, BPF_XDP_DEVMAP, 0 },
	{ "xdp/cpumap", BPF_PROG_TYPE_XDP, BPF_XDP_CPUMAP, 0 },
	{ "xdp", BPF_PROG_TYPE_XDP, BPF_XDP, 0 },
	{ "tcx/ingress", BPF_PROG_TYPE_SCHED_CLS, RAWBPF_TCX_INGRESS, 0 },
	{ "tcx/egress", BPF_PROG_TYPE_SCHED_CLS, RAWBPF_TCX_EGRESS, 0 },
	{ "tc/ingress", BPF_PROG_TYPE_SCHED_CLS, RAWBPF_TCX_INGRESS, 0 },
	{ "tc/egress", BPF_PROG_TYPE_SCHED_CLS, RAWBPF_TCX_EGRESS, 0 },
	{ "tc", BPF_PROG_TYPE_SCHED_CLS, 0, 0 },
	{ "classifier", BPF_PROG_TYPE_SCHED_CLS, 0, 0 },
	{ "action", BPF_PROG_TYPE_SCHED_ACT, 0, 0 },
	{ "netkit/primary", BPF_PROG_TYPE_SCHED_CLS, RAWBPF_NETKIT_PRIMARY, 0 },
	{ "netkit/peer", BPF_PROG_TYPE_SCHED_CLS, RAWBPF_NETKIT_PEER, 0 },
	{ "perf_event", BPF_PROG_TYPE_PERF_EVENT, 0, 0 },
	{ "lwt_in", BPF_PROG_TYPE_LWT_IN, 0, 0 },
	{ "lwt_out", BPF_PROG_TYPE_LWT_OUT, 0, 0 },
	{ "lwt_xmit", BPF_PROG_TYPE_LWT_XMIT, 0, 0 },
	{ "lwt_seg6local", BPF_PROG_TYPE_LWT_SEG6LOCAL, 0, 0 },
	{ "sockops", BPF_PROG_TYPE_SOCK_OPS, BPF_CGROUP_SOCK_OPS, 0 },
	{ "sk_skb/stream_parser", BPF_PROG_TYPE_SK_SKB, BPF_SK_SKB_STREAM_PARSER, 0 },
	{ "sk_skb/stream_verdict", BPF_PROG_TYPE_SK_SKB, BPF_SK_SKB_STREAM_VERDICT, 0 },
	{ "sk_skb/verdict", BPF_PROG_TYPE_SK_SKB, BPF_SK_SKB_VERDICT, 0 },
	{ "sk_skb", BPF_PROG_TYPE_SK_SKB, 0, 0 },
	{ "sk_msg", BPF_PROG_TYPE_SK_MSG, BPF_SK_MSG_VERDICT, 0 },
	{ "lirc_mode2", BPF_PROG_TYPE_LIRC_MODE2, BPF_LIRC_MODE2, 0 },
	{ "flow_dissector", BPF_PROG_TYPE_FLOW_DISSECTOR, BPF_FLOW_DISSECTOR, 0 },
	{ "sk_lookup", BPF_PROG_TYPE_SK_LOOKUP, BPF_SK_LOOKUP, 0 },
	{ "cgroup_skb/ingress", BPF_PROG_TYPE_CGROUP_SKB, BPF_CGROUP_INET_INGRESS, 0 },
	{ "cgroup_skb/egress", BPF_PROG_TYPE_CGROUP_SKB, BPF_CGROUP_INET_EGRESS, 0 },
	{ "cgroup/skb", BPF_PROG_TYPE_CGROUP_SKB, 0, 0 },
	{ "cgroup/sock_create", BPF_PROG_TYPE_CGROUP_SOCK, BPF_CGROUP_INET_SOCK_CREATE, 0 },
	{ "cgroup/sock_release", BPF_PROG_TYPE_CGROUP_SOCK, BPF_CGROUP_INET_SOCK_RELEASE, 0 },
	{ "cgroup/sock", BPF_PROG_TYPE_CGROUP_SOCK, BPF_CGROUP_INET_SOCK_CREATE, 0 },
	{ "cgroup/post_bind4", BPF_PROG_TYPE_CGROUP_SOCK, BPF_CGROUP_INET4_POST_BIND, 0 },
	{ "cgroup/post_bind6", BPF_PROG_TYPE_CGROUP_SOCK, BPF_CGROUP_INET6_POST_BIND, 0 },
	{ "cgroup/bind4", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, BPF_CGROUP_INET4_BIND, 0 },
	{ "cgroup/bind6", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, BPF_CGROUP_INET6_BIND, 0 },
	{ "cgroup/connect4", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, BPF_CGROUP_INET4_CONNECT, 0 },
	{ "cgroup/connect6", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, BPF_CGROUP_INET6_CONNECT, 0 },
	{ "cgroup/connect_unix", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, RAWBPF_CGROUP_UNIX_CONNECT, 0 },
	{ "cgroup/sendmsg4", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, BPF_CGROUP_UDP4_SENDMSG, 0 },
	{ "cgroup/sendmsg6", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, BPF_CGROUP_UDP6_SENDMSG, 0 },
	{ "cgroup/sendmsg_unix", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, RAWBPF_CGROUP_UNIX_SENDMSG, 0 },
	{ "cgroup/recvmsg4", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, BPF_CGROUP_UDP4_RECVMSG, 0 },
	{ "cgroup/recvmsg6", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, BPF_CGROUP_UDP6_RECVMSG, 0 },
	{ "cgroup/recvmsg_unix", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, RAWBPF_CGROUP_UNIX_RECVMSG, 0 },
	{ "cgroup/getpeername4", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, BPF_CGROUP_INET4_GETPEERNAME, 0 },
	{ "cgroup/getpeername6", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, BPF_CGROUP_INET6_GETPEERNAME, 0 },
	{ "cgroup/getpeername_unix", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, RAWBPF_CGROUP_UNIX_GETPEERNAME, 0 },
	{ "cgroup/getsockname4", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, BPF_CGROUP_INET4_GETSOCKNAME, 0 },
	{ "cgroup/getsockname6", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, BPF_CGROUP_INET6_GETSOCKNAME, 0 },
	{ "cgroup/getsockname_unix", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, RAWBPF_CGROUP_UNIX_GETSOCKNAME, 0 },
	{ "cgroup/sysctl", BPF_PROG_TYPE_CGROUP_SYSCTL, BPF_CGROUP_SYSCTL, 0 },
	{ "cgroup/getsockopt", BPF_PROG_TYPE_CGROUP_SOCKOPT, BPF_CGROUP_GETSOCKOPT, 0 },
	{ "cgroup/setsockopt", BPF_PROG_TYPE_CGROUP_SOCKOPT, BPF_CGROUP_SETSOCKOPT, 0 },
	{ "cgroup/dev", BPF_PROG_TYPE_CGROUP_DEVICE, BPF_CGROUP_DEVICE, 0 },
	{ "struct_ops.s", BPF_PROG_TYPE_STRUCT_OPS, 0, SLEEP },
	{ "struct_ops", BPF_PROG_TYPE_STRUCT_OPS, 0, 0 },
	{ "netfilter", RAWBPF_PROG_TYPE_NETFILTER, RAWBPF_NETFILTER, 0 },
};

const struct rb_sec_def *rb_sec_def_find(const char *sec)
{
	size_t i;

	for (i = 0; i < RB_ARRAY_SIZE(sec_defs); i++) {
		const char *n = sec_defs[i].name;
		size_t len = strlen(n);

		if (!strncmp(sec, n, len) && (sec[len] == '\0' || sec[len] == '/'))
			return &sec_defs[i];
	}
	return NULL;
}

int rawbpf_section_lookup(const char *sec, uint32_t *prog_type,
			  uint32_t *expected_attach_type,
			  uint32_t *prog_flags)
{
	const struct rb_sec_def *d = sec ? rb_sec_def_find(sec) : NULL;

	if (!d)
		return -ENOENT;
	if (prog_type)
		*prog_type = d->prog_type;
	if (expected_attach_type)
		*expected_attach_type = d->attach_type;
	if (prog_flags)
		*prog_flags = (d->flags & SLEEP ? BPF_F_SLEEPABLE : 0) |
			      (d->flags & FRAGS ? BPF_F_XDP_HAS_FRAGS : 0);
	return 0;
}
