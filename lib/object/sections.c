// SPDX-License-Identifier: BSD-2-Clause
/* sections.c - libbpf's section-name convention: which program type,
 * expected attach type and load flags a section name implies. */
#include <errno.h>
#include <string.h>

#include "rawbpf/object.h"
#include "object/object.h"

enum { SLEEP = 1, FRAGS = 2 };	/* an entry's flags */

/* More specific names come before the names they extend (xdp/devmap before
 * xdp); a name `x` matches the section `x` or `x/...`. */
#define SEC_DEFS(X) \
	X("socket", BPF_PROG_TYPE_SOCKET_FILTER, 0, 0) \
	X("sk_reuseport/migrate", BPF_PROG_TYPE_SK_REUSEPORT, \
	  BPF_SK_REUSEPORT_SELECT_OR_MIGRATE, 0) \
	X("sk_reuseport", BPF_PROG_TYPE_SK_REUSEPORT, \
	  BPF_SK_REUSEPORT_SELECT, 0) \
	X("kprobe.multi", BPF_PROG_TYPE_KPROBE, BPF_TRACE_KPROBE_MULTI, 0) \
	X("kretprobe.multi", BPF_PROG_TYPE_KPROBE, BPF_TRACE_KPROBE_MULTI, 0) \
	X("kprobe.session", BPF_PROG_TYPE_KPROBE, \
	  RAWBPF_TRACE_KPROBE_SESSION, 0) \
	X("kprobe", BPF_PROG_TYPE_KPROBE, 0, 0) \
	X("kretprobe", BPF_PROG_TYPE_KPROBE, 0, 0) \
	X("ksyscall", BPF_PROG_TYPE_KPROBE, 0, 0) \
	X("kretsyscall", BPF_PROG_TYPE_KPROBE, 0, 0) \
	X("uprobe.session.s", BPF_PROG_TYPE_KPROBE, \
	  RAWBPF_TRACE_UPROBE_SESSION, SLEEP) \
	X("uprobe.session", BPF_PROG_TYPE_KPROBE, \
	  RAWBPF_TRACE_UPROBE_SESSION, 0) \
	X("uprobe.multi.s", BPF_PROG_TYPE_KPROBE, \
	  RAWBPF_TRACE_UPROBE_MULTI, SLEEP) \
	X("uretprobe.multi.s", BPF_PROG_TYPE_KPROBE, \
	  RAWBPF_TRACE_UPROBE_MULTI, SLEEP) \
	X("uprobe.multi", BPF_PROG_TYPE_KPROBE, RAWBPF_TRACE_UPROBE_MULTI, 0) \
	X("uretprobe.multi", BPF_PROG_TYPE_KPROBE, \
	  RAWBPF_TRACE_UPROBE_MULTI, 0) \
	X("uprobe.s", BPF_PROG_TYPE_KPROBE, 0, SLEEP) \
	X("uretprobe.s", BPF_PROG_TYPE_KPROBE, 0, SLEEP) \
	X("uprobe", BPF_PROG_TYPE_KPROBE, 0, 0) \
	X("uretprobe", BPF_PROG_TYPE_KPROBE, 0, 0) \
	X("usdt", BPF_PROG_TYPE_KPROBE, RAWBPF_TRACE_UPROBE_MULTI, 0) \
	X("tracepoint", BPF_PROG_TYPE_TRACEPOINT, 0, 0) \
	X("tp_btf", BPF_PROG_TYPE_TRACING, BPF_TRACE_RAW_TP, 0) \
	X("tp", BPF_PROG_TYPE_TRACEPOINT, 0, 0) \
	X("raw_tracepoint", BPF_PROG_TYPE_RAW_TRACEPOINT, 0, 0) \
	X("raw_tracepoint.w", BPF_PROG_TYPE_RAW_TRACEPOINT_WRITABLE, 0, 0) \
	X("raw_tp.w", BPF_PROG_TYPE_RAW_TRACEPOINT_WRITABLE, 0, 0) \
	X("raw_tp", BPF_PROG_TYPE_RAW_TRACEPOINT, 0, 0) \
	X("fentry.s", BPF_PROG_TYPE_TRACING, BPF_TRACE_FENTRY, SLEEP) \
	X("fentry", BPF_PROG_TYPE_TRACING, BPF_TRACE_FENTRY, 0) \
	X("fexit.s", BPF_PROG_TYPE_TRACING, BPF_TRACE_FEXIT, SLEEP) \
	X("fexit", BPF_PROG_TYPE_TRACING, BPF_TRACE_FEXIT, 0) \
	X("fmod_ret.s", BPF_PROG_TYPE_TRACING, BPF_MODIFY_RETURN, SLEEP) \
	X("fmod_ret", BPF_PROG_TYPE_TRACING, BPF_MODIFY_RETURN, 0) \
	X("freplace", BPF_PROG_TYPE_EXT, 0, 0) \
	X("lsm.s", BPF_PROG_TYPE_LSM, BPF_LSM_MAC, SLEEP) \
	X("lsm_cgroup", BPF_PROG_TYPE_LSM, BPF_LSM_CGROUP, 0) \
	X("lsm", BPF_PROG_TYPE_LSM, BPF_LSM_MAC, 0) \
	X("iter.s", BPF_PROG_TYPE_TRACING, BPF_TRACE_ITER, SLEEP) \
	X("iter", BPF_PROG_TYPE_TRACING, BPF_TRACE_ITER, 0) \
	X("syscall", BPF_PROG_TYPE_SYSCALL, 0, SLEEP) \
	X("xdp.frags/devmap", BPF_PROG_TYPE_XDP, BPF_XDP_DEVMAP, FRAGS) \
	X("xdp.frags/cpumap", BPF_PROG_TYPE_XDP, BPF_XDP_CPUMAP, FRAGS) \
	X("xdp.frags", BPF_PROG_TYPE_XDP, BPF_XDP, FRAGS) \
	X("xdp/devmap", BPF_PROG_TYPE_XDP, BPF_XDP_DEVMAP, 0) \
	X("xdp/cpumap", BPF_PROG_TYPE_XDP, BPF_XDP_CPUMAP, 0) \
	X("xdp", BPF_PROG_TYPE_XDP, BPF_XDP, 0) \
	X("tcx/ingress", BPF_PROG_TYPE_SCHED_CLS, RAWBPF_TCX_INGRESS, 0) \
	X("tcx/egress", BPF_PROG_TYPE_SCHED_CLS, RAWBPF_TCX_EGRESS, 0) \
	X("tc/ingress", BPF_PROG_TYPE_SCHED_CLS, RAWBPF_TCX_INGRESS, 0) \
	X("tc/egress", BPF_PROG_TYPE_SCHED_CLS, RAWBPF_TCX_EGRESS, 0) \
	X("tc", BPF_PROG_TYPE_SCHED_CLS, 0, 0) \
	X("classifier", BPF_PROG_TYPE_SCHED_CLS, 0, 0) \
	X("action", BPF_PROG_TYPE_SCHED_ACT, 0, 0) \
	X("netkit/primary", BPF_PROG_TYPE_SCHED_CLS, RAWBPF_NETKIT_PRIMARY, 0) \
	X("netkit/peer", BPF_PROG_TYPE_SCHED_CLS, RAWBPF_NETKIT_PEER, 0) \
	X("perf_event", BPF_PROG_TYPE_PERF_EVENT, 0, 0) \
	X("lwt_in", BPF_PROG_TYPE_LWT_IN, 0, 0) \
	X("lwt_out", BPF_PROG_TYPE_LWT_OUT, 0, 0) \
	X("lwt_xmit", BPF_PROG_TYPE_LWT_XMIT, 0, 0) \
	X("lwt_seg6local", BPF_PROG_TYPE_LWT_SEG6LOCAL, 0, 0) \
	X("sockops", BPF_PROG_TYPE_SOCK_OPS, BPF_CGROUP_SOCK_OPS, 0) \
	X("sk_skb/stream_parser", BPF_PROG_TYPE_SK_SKB, \
	  BPF_SK_SKB_STREAM_PARSER, 0) \
	X("sk_skb/stream_verdict", BPF_PROG_TYPE_SK_SKB, \
	  BPF_SK_SKB_STREAM_VERDICT, 0) \
	X("sk_skb/verdict", BPF_PROG_TYPE_SK_SKB, BPF_SK_SKB_VERDICT, 0) \
	X("sk_skb", BPF_PROG_TYPE_SK_SKB, 0, 0) \
	X("sk_msg", BPF_PROG_TYPE_SK_MSG, BPF_SK_MSG_VERDICT, 0) \
	X("lirc_mode2", BPF_PROG_TYPE_LIRC_MODE2, BPF_LIRC_MODE2, 0) \
	X("flow_dissector", BPF_PROG_TYPE_FLOW_DISSECTOR, \
	  BPF_FLOW_DISSECTOR, 0) \
	X("sk_lookup", BPF_PROG_TYPE_SK_LOOKUP, BPF_SK_LOOKUP, 0) \
	X("cgroup_skb/ingress", BPF_PROG_TYPE_CGROUP_SKB, \
	  BPF_CGROUP_INET_INGRESS, 0) \
	X("cgroup_skb/egress", BPF_PROG_TYPE_CGROUP_SKB, \
	  BPF_CGROUP_INET_EGRESS, 0) \
	X("cgroup/skb", BPF_PROG_TYPE_CGROUP_SKB, 0, 0) \
	X("cgroup/sock_create", BPF_PROG_TYPE_CGROUP_SOCK, \
	  BPF_CGROUP_INET_SOCK_CREATE, 0) \
	X("cgroup/sock_release", BPF_PROG_TYPE_CGROUP_SOCK, \
	  BPF_CGROUP_INET_SOCK_RELEASE, 0) \
	X("cgroup/sock", BPF_PROG_TYPE_CGROUP_SOCK, \
	  BPF_CGROUP_INET_SOCK_CREATE, 0) \
	X("cgroup/post_bind4", BPF_PROG_TYPE_CGROUP_SOCK, \
	  BPF_CGROUP_INET4_POST_BIND, 0) \
	X("cgroup/post_bind6", BPF_PROG_TYPE_CGROUP_SOCK, \
	  BPF_CGROUP_INET6_POST_BIND, 0) \
	X("cgroup/bind4", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, \
	  BPF_CGROUP_INET4_BIND, 0) \
	X("cgroup/bind6", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, \
	  BPF_CGROUP_INET6_BIND, 0) \
	X("cgroup/connect4", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, \
	  BPF_CGROUP_INET4_CONNECT, 0) \
	X("cgroup/connect6", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, \
	  BPF_CGROUP_INET6_CONNECT, 0) \
	X("cgroup/connect_unix", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, \
	  RAWBPF_CGROUP_UNIX_CONNECT, 0) \
	X("cgroup/sendmsg4", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, \
	  BPF_CGROUP_UDP4_SENDMSG, 0) \
	X("cgroup/sendmsg6", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, \
	  BPF_CGROUP_UDP6_SENDMSG, 0) \
	X("cgroup/sendmsg_unix", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, \
	  RAWBPF_CGROUP_UNIX_SENDMSG, 0) \
	X("cgroup/recvmsg4", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, \
	  BPF_CGROUP_UDP4_RECVMSG, 0) \
	X("cgroup/recvmsg6", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, \
	  BPF_CGROUP_UDP6_RECVMSG, 0) \
	X("cgroup/recvmsg_unix", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, \
	  RAWBPF_CGROUP_UNIX_RECVMSG, 0) \
	X("cgroup/getpeername4", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, \
	  BPF_CGROUP_INET4_GETPEERNAME, 0) \
	X("cgroup/getpeername6", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, \
	  BPF_CGROUP_INET6_GETPEERNAME, 0) \
	X("cgroup/getpeername_unix", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, \
	  RAWBPF_CGROUP_UNIX_GETPEERNAME, 0) \
	X("cgroup/getsockname4", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, \
	  BPF_CGROUP_INET4_GETSOCKNAME, 0) \
	X("cgroup/getsockname6", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, \
	  BPF_CGROUP_INET6_GETSOCKNAME, 0) \
	X("cgroup/getsockname_unix", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, \
	  RAWBPF_CGROUP_UNIX_GETSOCKNAME, 0) \
	X("cgroup/sysctl", BPF_PROG_TYPE_CGROUP_SYSCTL, BPF_CGROUP_SYSCTL, 0) \
	X("cgroup/getsockopt", BPF_PROG_TYPE_CGROUP_SOCKOPT, \
	  BPF_CGROUP_GETSOCKOPT, 0) \
	X("cgroup/setsockopt", BPF_PROG_TYPE_CGROUP_SOCKOPT, \
	  BPF_CGROUP_SETSOCKOPT, 0) \
	X("cgroup/dev", BPF_PROG_TYPE_CGROUP_DEVICE, BPF_CGROUP_DEVICE, 0) \
	X("struct_ops.s", BPF_PROG_TYPE_STRUCT_OPS, 0, SLEEP) \
	X("struct_ops", BPF_PROG_TYPE_STRUCT_OPS, 0, 0) \
	X("netfilter", RAWBPF_PROG_TYPE_NETFILTER, RAWBPF_NETFILTER, 0)

/* The names, one NUL-terminated string each, in table order: a packed
 * string and 3-byte entries instead of a pointer per entry (1.3 KB less
 * in a static build; find() walks both in step). */
#define NAME(n, t, a, f) n "\0"
static const char names[] = SEC_DEFS(NAME);
#define DEF(n, t, a, f) { t, a, f },
static const struct sec_def {
	uint8_t prog_type, attach_type, flags;
} defs[] = { SEC_DEFS(DEF) };

/* The table entry for section @sec, or NULL. */
static const struct sec_def *find(const char *sec)
{
	const char *n = names;
	size_t i;

	for (i = 0; i < RB_ARRAY_SIZE(defs); i++) {
		size_t len = strlen(n);

		if (!strncmp(sec, n, len) && (sec[len] == '\0' || sec[len] == '/'))
			return &defs[i];
		n += len + 1;
	}
	return NULL;
}

int rawbpf_section_lookup(const char *sec, uint32_t *prog_type,
			  uint32_t *expected_attach_type,
			  uint32_t *prog_flags)
{
	const struct sec_def *d = sec ? find(sec) : NULL;

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
