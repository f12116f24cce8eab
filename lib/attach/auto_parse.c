// SPDX-License-Identifier: BSD-2-Clause
/* auto_parse.c - what a libbpf-style section name attaches to: the hook
 * family and the target written after the prefix. Pure string work. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "rawbpf/attach_auto.h"
#include "rawbpf/object.h"

struct hook_prefix {
	const char *prefix;
	enum rawbpf_hook hook;
	unsigned retprobe : 1;
};

/* Longer names before their prefixes: "uprobe.multi" before "uprobe". */
static const struct hook_prefix prefixes[] = {
	{ "tracepoint", RAWBPF_HOOK_TRACEPOINT, 0 },
	{ "tp_btf", RAWBPF_HOOK_TRACING, 0 },
	{ "tp", RAWBPF_HOOK_TRACEPOINT, 0 },
	{ "raw_tracepoint", RAWBPF_HOOK_RAW_TRACEPOINT, 0 },
	{ "raw_tracepoint.w", RAWBPF_HOOK_RAW_TRACEPOINT, 0 },
	{ "raw_tp.w", RAWBPF_HOOK_RAW_TRACEPOINT, 0 },
	{ "raw_tp", RAWBPF_HOOK_RAW_TRACEPOINT, 0 },
	{ "kprobe.multi", RAWBPF_HOOK_KPROBE_MULTI, 0 },
	{ "kretprobe.multi", RAWBPF_HOOK_KPROBE_MULTI, 1 },
	{ "kprobe.session", RAWBPF_HOOK_KPROBE_MULTI, 0 },
	{ "kprobe", RAWBPF_HOOK_KPROBE, 0 },
	{ "kretprobe", RAWBPF_HOOK_KPROBE, 1 },
	{ "ksyscall", RAWBPF_HOOK_KSYSCALL, 0 },
	{ "kretsyscall", RAWBPF_HOOK_KSYSCALL, 1 },
	{ "uprobe.session.s", RAWBPF_HOOK_UPROBE_MULTI, 0 },
	{ "uprobe.session", RAWBPF_HOOK_UPROBE_MULTI, 0 },
	{ "uprobe.multi.s", RAWBPF_HOOK_UPROBE_MULTI, 0 },
	{ "uretprobe.multi.s", RAWBPF_HOOK_UPROBE_MULTI, 1 },
	{ "uprobe.multi", RAWBPF_HOOK_UPROBE_MULTI, 0 },
	{ "uretprobe.multi", RAWBPF_HOOK_UPROBE_MULTI, 1 },
	{ "uprobe.s", RAWBPF_HOOK_UPROBE, 0 },
	{ "uretprobe.s", RAWBPF_HOOK_UPROBE, 1 },
	{ "uprobe", RAWBPF_HOOK_UPROBE, 0 },
	{ "uretprobe", RAWBPF_HOOK_UPROBE, 1 },
	{ "fentry.s", RAWBPF_HOOK_TRACING, 0 },
	{ "fentry", RAWBPF_HOOK_TRACING, 0 },
	{ "fexit.s", RAWBPF_HOOK_TRACING, 0 },
	{ "fexit", RAWBPF_HOOK_TRACING, 0 },
	{ "fmod_ret.s", RAWBPF_HOOK_TRACING, 0 },
	{ "fmod_ret", RAWBPF_HOOK_TRACING, 0 },
	{ "lsm_cgroup", RAWBPF_HOOK_CGROUP, 0 },
	{ "lsm.s", RAWBPF_HOOK_TRACING, 0 },
	{ "lsm", RAWBPF_HOOK_TRACING, 0 },
	{ "freplace", RAWBPF_HOOK_FREPLACE, 0 },
	{ "iter.s", RAWBPF_HOOK_ITER, 0 },
	{ "iter", RAWBPF_HOOK_ITER, 0 },
	{ "perf_event", RAWBPF_HOOK_PERF_EVENT, 0 },
	{ "xdp.frags/devmap", RAWBPF_HOOK_NONE, 0 },
	{ "xdp.frags/cpumap", RAWBPF_HOOK_NONE, 0 },
	{ "xdp/devmap", RAWBPF_HOOK_NONE, 0 },
	{ "xdp/cpumap", RAWBPF_HOOK_NONE, 0 },
	{ "xdp.frags", RAWBPF_HOOK_XDP, 0 },
	{ "xdp", RAWBPF_HOOK_XDP, 0 },
	{ "tcx/ingress", RAWBPF_HOOK_TC, 0 },
	{ "tcx/egress", RAWBPF_HOOK_TC, 0 },
	{ "tc/ingress", RAWBPF_HOOK_TC, 0 },
	{ "tc/egress", RAWBPF_HOOK_TC, 0 },
	{ "netkit/primary", RAWBPF_HOOK_NETKIT, 0 },
	{ "netkit/peer", RAWBPF_HOOK_NETKIT, 0 },
	{ "flow_dissector", RAWBPF_HOOK_NETNS, 0 },
	{ "sk_lookup", RAWBPF_HOOK_NETNS, 0 },
	{ "sk_skb/stream_parser", RAWBPF_HOOK_SOCKMAP, 0 },
	{ "sk_skb/stream_verdict", RAWBPF_HOOK_SOCKMAP, 0 },
	{ "sk_skb/verdict", RAWBPF_HOOK_SOCKMAP, 0 },
	{ "sk_msg", RAWBPF_HOOK_SOCKMAP, 0 },
	{ "sk_reuseport/migrate", RAWBPF_HOOK_REUSEPORT, 0 },
	{ "sk_reuseport", RAWBPF_HOOK_REUSEPORT, 0 },
	{ "socket", RAWBPF_HOOK_SOCKET, 0 },
	{ "sockops", RAWBPF_HOOK_CGROUP, 0 },
	{ "cgroup_skb/ingress", RAWBPF_HOOK_CGROUP, 0 },
	{ "cgroup_skb/egress", RAWBPF_HOOK_CGROUP, 0 },
	{ "cgroup", RAWBPF_HOOK_CGROUP, 0 },
	{ "netfilter", RAWBPF_HOOK_NETFILTER, 0 },
};

/* @sec is @p exactly, or @p followed by '/'. Returns the rest or NULL. */
static const char *match(const char *sec, const char *p)
{
	size_t n = strlen(p);

	if (strncmp(sec, p, n))
		return NULL;
	if (sec[n] == '\0')
		return sec + n;
	if (sec[n] == '/')
		return sec + n + 1;
	return NULL;
}

int rawbpf_section_hook(const char *sec, struct rawbpf_section_hook *out)
{
	uint32_t type = 0, attach = 0, flags = 0;
	const char *rest = NULL;
	size_t i;

	if (!sec || !out)
		return -EINVAL;
	memset(out, 0, sizeof(*out));
	for (i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++) {
		rest = match(sec, prefixes[i].prefix);
		if (rest)
			break;
	}
	/* Everything else the loader knows (lwt_*, struct_ops, syscall,
	 * usdt, tc, action, lirc_mode2, ...) is real but not attached by
	 * itself; a name nobody knows is an error. */
	if (!rest)
		return rawbpf_section_lookup(sec, &type, &attach, &flags) ?
			       -ENOENT : 0;
	if (strlen(rest) >= sizeof(out->target))
		return -ENAMETOOLONG;
	if (rawbpf_section_lookup(sec, &type, &attach, &flags))
		return -ENOENT;
	out->hook = prefixes[i].hook;
	out->retprobe = prefixes[i].retprobe;
	out->attach_type = attach;
	snprintf(out->target, sizeof(out->target), "%s", rest);
	return 0;
}
