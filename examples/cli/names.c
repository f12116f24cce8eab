// SPDX-License-Identifier: BSD-2-Clause
/* names.c - bpftool's names for program types, attach types and link
 * types (so `rawbpf ... --json` and `bpftool ... --json` agree), and the
 * JSON string writer of the inspection commands. */
#include <stdio.h>

#include "holders.h"

static const char *from_table(const char *const *names, size_t n, uint32_t t,
			      char *buf, size_t size)
{
	if (t < n && names[t])
		return names[t];
	snprintf(buf, size, "%u", t);
	return buf;
}

#define TABLE(names, t, buf, size) \
	from_table(names, sizeof(names) / sizeof(names[0]), t, buf, size)

const char *prog_type_name(uint32_t t, char *buf, size_t size)
{
	static const char *const names[] = {
		"unspec", "socket_filter", "kprobe", "sched_cls", "sched_act",
		"tracepoint", "xdp", "perf_event", "cgroup_skb", "cgroup_sock",
		"lwt_in", "lwt_out", "lwt_xmit", "sock_ops", "sk_skb",
		"cgroup_device", "sk_msg", "raw_tracepoint", "cgroup_sock_addr",
		"lwt_seg6local", "lirc_mode2", "sk_reuseport", "flow_dissector",
		"cgroup_sysctl", "raw_tracepoint_writable", "cgroup_sockopt",
		"tracing", "struct_ops", "ext", "lsm", "sk_lookup", "syscall",
		"netfilter",
	};

	return TABLE(names, t, buf, size);
}

const char *attach_type_name(uint32_t t, char *buf, size_t size)
{
	static const char *const names[] = {
		"cgroup_inet_ingress", "cgroup_inet_egress",
		"cgroup_inet_sock_create", "cgroup_sock_ops",
		"sk_skb_stream_parser", "sk_skb_stream_verdict",
		"cgroup_device", "sk_msg_verdict", "cgroup_inet4_bind",
		"cgroup_inet6_bind", "cgroup_inet4_connect",
		"cgroup_inet6_connect", "cgroup_inet4_post_bind",
		"cgroup_inet6_post_bind", "cgroup_udp4_sendmsg",
		"cgroup_udp6_sendmsg", "lirc_mode2", "flow_dissector",
		"cgroup_sysctl", "cgroup_udp4_recvmsg", "cgroup_udp6_recvmsg",
		"cgroup_getsockopt", "cgroup_setsockopt", "trace_raw_tp",
		"trace_fentry", "trace_fexit", "modify_return", "lsm_mac",
		"trace_iter", "cgroup_inet4_getpeername",
		"cgroup_inet6_getpeername", "cgroup_inet4_getsockname",
		"cgroup_inet6_getsockname", "xdp_devmap",
		"cgroup_inet_sock_release", "xdp_cpumap", "sk_lookup", "xdp",
		"sk_skb_verdict", "sk_reuseport_select",
		"sk_reuseport_select_or_migrate", "perf_event",
		"trace_kprobe_multi", "lsm_cgroup", "struct_ops", "netfilter",
		"tcx_ingress", "tcx_egress", "trace_uprobe_multi",
		"cgroup_unix_connect", "cgroup_unix_sendmsg",
		"cgroup_unix_recvmsg", "cgroup_unix_getpeername",
		"cgroup_unix_getsockname", "netkit_primary", "netkit_peer",
	};

	return TABLE(names, t, buf, size);
}

const char *link_type_name(uint32_t t, char *buf, size_t size)
{
	static const char *const names[] = {
		"unspec", "raw_tracepoint", "tracing", "cgroup", "iter",
		"netns", "xdp", "perf_event", "kprobe_multi", "struct_ops",
		"netfilter", "tcx", "uprobe_multi", "netkit", "sockmap",
	};

	return TABLE(names, t, buf, size);
}

const char *hkind_name(enum hkind k)
{
	static const char *const names[HK_COUNT] = {
		[HK_FD] = "fd", [HK_PIN] = "pin", [HK_LINK] = "link",
		[HK_ITER] = "iter", [HK_STRUCT_OPS] = "struct_ops",
		[HK_CGROUP] = "cgroup", [HK_XDP] = "xdp", [HK_TC] = "tc",
		[HK_TCX] = "tcx", [HK_FLOW_DISSECTOR] = "flow_dissector",
		[HK_SK_LOOKUP] = "sk_lookup", [HK_PERF_EVENT] = "perf_event",
		[HK_PROG_ARRAY] = "prog_array", [HK_MAP_IN_MAP] = "map_in_map",
		[HK_SOCKMAP] = "sockmap", [HK_PROG] = "prog",
	};

	return k < HK_COUNT ? names[k] : "?";
}

void json_str(const char *s)
{
	putchar('"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c < 0x20)
			printf("\\u%04x", c);
		else
			putchar(c);
	}
	putchar('"');
}
