// SPDX-License-Identifier: BSD-2-Clause
/* auto_parse.c - section names map to the right hook and target. */
#include <errno.h>
#include <string.h>

#include "fixture.h"
#include "rawbpf/attach_auto.h"
#include "rawbpf/abi.h"

struct want {
	const char *sec;
	enum rawbpf_hook hook;
	uint32_t attach_type;
	int retprobe;
	const char *target;
};

static const struct want table[] = {
	{ "tp/sched/sched_switch", RAWBPF_HOOK_TRACEPOINT, 0, 0, "sched/sched_switch" },
	{ "tracepoint/syscalls/sys_enter_getpid", RAWBPF_HOOK_TRACEPOINT, 0, 0, "syscalls/sys_enter_getpid" },
	{ "raw_tp/sys_enter", RAWBPF_HOOK_RAW_TRACEPOINT, 0, 0, "sys_enter" },
	{ "raw_tracepoint/sched_switch", RAWBPF_HOOK_RAW_TRACEPOINT, 0, 0, "sched_switch" },
	{ "raw_tp.w/bpf_test_finish", RAWBPF_HOOK_RAW_TRACEPOINT, 0, 0, "bpf_test_finish" },
	{ "tp_btf/sched_switch", RAWBPF_HOOK_TRACING, BPF_TRACE_RAW_TP, 0, "sched_switch" },
	{ "kprobe/do_exit", RAWBPF_HOOK_KPROBE, 0, 0, "do_exit" },
	{ "kretprobe/do_exit+0x4", RAWBPF_HOOK_KPROBE, 0, 1, "do_exit+0x4" },
	{ "ksyscall/openat", RAWBPF_HOOK_KSYSCALL, 0, 0, "openat" },
	{ "kretsyscall/openat", RAWBPF_HOOK_KSYSCALL, 0, 1, "openat" },
	{ "kprobe.multi/vfs_*", RAWBPF_HOOK_KPROBE_MULTI, BPF_TRACE_KPROBE_MULTI, 0, "vfs_*" },
	{ "kretprobe.multi/vfs_read", RAWBPF_HOOK_KPROBE_MULTI, BPF_TRACE_KPROBE_MULTI, 1, "vfs_read" },
	{ "kprobe.session/tcp_v4_*", RAWBPF_HOOK_KPROBE_MULTI, RAWBPF_TRACE_KPROBE_SESSION, 0, "tcp_v4_*" },
	{ "uprobe//bin/bash:readline", RAWBPF_HOOK_UPROBE, 0, 0, "/bin/bash:readline" },
	{ "uretprobe.s/libc.so.6:malloc", RAWBPF_HOOK_UPROBE, 0, 1, "libc.so.6:malloc" },
	{ "uprobe.multi//bin/x:f*", RAWBPF_HOOK_UPROBE_MULTI, RAWBPF_TRACE_UPROBE_MULTI, 0, "/bin/x:f*" },
	{ "uretprobe.multi.s//bin/x:g", RAWBPF_HOOK_UPROBE_MULTI, RAWBPF_TRACE_UPROBE_MULTI, 1, "/bin/x:g" },
	{ "uprobe.session//bin/x:f*", RAWBPF_HOOK_UPROBE_MULTI, RAWBPF_TRACE_UPROBE_SESSION, 0, "/bin/x:f*" },
	{ "uprobe.session.s/libc.so.6:malloc", RAWBPF_HOOK_UPROBE_MULTI, RAWBPF_TRACE_UPROBE_SESSION, 0, "libc.so.6:malloc" },
	{ "fentry/do_unlinkat", RAWBPF_HOOK_TRACING, BPF_TRACE_FENTRY, 0, "do_unlinkat" },
	{ "fexit.s/do_unlinkat", RAWBPF_HOOK_TRACING, BPF_TRACE_FEXIT, 0, "do_unlinkat" },
	{ "fmod_ret/security_x", RAWBPF_HOOK_TRACING, BPF_MODIFY_RETURN, 0, "security_x" },
	{ "lsm/file_open", RAWBPF_HOOK_TRACING, BPF_LSM_MAC, 0, "file_open" },
	{ "lsm_cgroup/socket_bind", RAWBPF_HOOK_CGROUP, BPF_LSM_CGROUP, 0, "socket_bind" },
	{ "freplace/handler", RAWBPF_HOOK_FREPLACE, 0, 0, "handler" },
	{ "iter/task", RAWBPF_HOOK_ITER, BPF_TRACE_ITER, 0, "task" },
	{ "iter.s/task_file", RAWBPF_HOOK_ITER, BPF_TRACE_ITER, 0, "task_file" },
	{ "perf_event", RAWBPF_HOOK_PERF_EVENT, 0, 0, "" },
	{ "xdp", RAWBPF_HOOK_XDP, BPF_XDP, 0, "" },
	{ "xdp.frags", RAWBPF_HOOK_XDP, BPF_XDP, 0, "" },
	{ "xdp/devmap", RAWBPF_HOOK_NONE, 0, 0, "" },
	{ "tcx/ingress", RAWBPF_HOOK_TC, RAWBPF_TCX_INGRESS, 0, "" },
	{ "tc/egress", RAWBPF_HOOK_TC, RAWBPF_TCX_EGRESS, 0, "" },
	{ "netkit/peer", RAWBPF_HOOK_NETKIT, RAWBPF_NETKIT_PEER, 0, "" },
	{ "sk_lookup", RAWBPF_HOOK_NETNS, BPF_SK_LOOKUP, 0, "" },
	{ "flow_dissector", RAWBPF_HOOK_NETNS, BPF_FLOW_DISSECTOR, 0, "" },
	{ "sk_msg", RAWBPF_HOOK_SOCKMAP, BPF_SK_MSG_VERDICT, 0, "" },
	{ "sk_skb/stream_verdict", RAWBPF_HOOK_SOCKMAP, BPF_SK_SKB_STREAM_VERDICT, 0, "" },
	{ "sk_skb/verdict", RAWBPF_HOOK_SOCKMAP, BPF_SK_SKB_VERDICT, 0, "" },
	{ "socket", RAWBPF_HOOK_SOCKET, 0, 0, "" },
	{ "sk_reuseport/migrate", RAWBPF_HOOK_REUSEPORT, BPF_SK_REUSEPORT_SELECT_OR_MIGRATE, 0, "" },
	{ "cgroup_skb/egress", RAWBPF_HOOK_CGROUP, BPF_CGROUP_INET_EGRESS, 0, "" },
	{ "cgroup/sock_create", RAWBPF_HOOK_CGROUP, BPF_CGROUP_INET_SOCK_CREATE, 0, "sock_create" },
	{ "cgroup/connect_unix", RAWBPF_HOOK_CGROUP, RAWBPF_CGROUP_UNIX_CONNECT, 0, "connect_unix" },
	{ "cgroup/sysctl", RAWBPF_HOOK_CGROUP, BPF_CGROUP_SYSCTL, 0, "sysctl" },
	{ "sockops", RAWBPF_HOOK_CGROUP, BPF_CGROUP_SOCK_OPS, 0, "" },
	{ "cgroup/skb", RAWBPF_HOOK_CGROUP, 0, 0, "skb" },
	{ "raw_tracepoint.w/bpf_test_finish", RAWBPF_HOOK_RAW_TRACEPOINT, 0, 0, "bpf_test_finish" },
	{ "netfilter", RAWBPF_HOOK_NETFILTER, RAWBPF_NETFILTER, 0, "" },
	{ "struct_ops/x", RAWBPF_HOOK_NONE, 0, 0, "" },
	{ "lwt_xmit", RAWBPF_HOOK_NONE, 0, 0, "" },
	{ "syscall", RAWBPF_HOOK_NONE, 0, 0, "" },
	{ "tc", RAWBPF_HOOK_NONE, 0, 0, "" },
};

static void test_known_sections(void **state)
{
	struct rawbpf_section_hook h;

	(void)state;
	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		const struct want *w = &table[i];

		print_message("%s\n", w->sec);
		assert_int_equal(rawbpf_section_hook(w->sec, &h), 0);
		assert_int_equal(h.hook, w->hook);
		if (w->hook != RAWBPF_HOOK_NONE) {
			assert_int_equal(h.attach_type, w->attach_type);
			assert_int_equal(h.retprobe, w->retprobe);
			assert_string_equal(h.target, w->target);
		}
	}
}

static void test_unknown_and_malformed(void **state)
{
	struct rawbpf_section_hook h;
	char longname[400];

	(void)state;
	/* Unknown names and prefixes that merely start the same way. */
	assert_int_equal(rawbpf_section_hook("nosuch", &h), -ENOENT);
	assert_int_equal(rawbpf_section_hook("xdpfoo", &h), -ENOENT);
	assert_int_equal(rawbpf_section_hook("tpx/a/b", &h), -ENOENT);
	assert_int_equal(rawbpf_section_hook("tp", &h), 0);
	assert_int_equal(h.hook, RAWBPF_HOOK_TRACEPOINT);
	/* Known names without a target parse (attach then says -EINVAL). */
	assert_int_equal(rawbpf_section_hook("kprobe/", &h), 0);
	assert_int_equal(h.hook, RAWBPF_HOOK_KPROBE);
	assert_string_equal(h.target, "");
	assert_int_equal(rawbpf_section_hook("uprobe", &h), 0);
	assert_string_equal(h.target, "");
	memset(longname, 'a', sizeof(longname));
	memcpy(longname, "tp/", 3);
	longname[sizeof(longname) - 1] = '\0';
	assert_int_equal(rawbpf_section_hook(longname, &h), -ENAMETOOLONG);
	assert_int_equal(rawbpf_section_hook(NULL, &h), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_known_sections),
		cmocka_unit_test(test_unknown_and_malformed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
