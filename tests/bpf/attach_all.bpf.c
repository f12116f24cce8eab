// SPDX-License-Identifier: BSD-2-Clause
/* attach_all.bpf.c - rawbpf_object_attach's object: a tracepoint and a raw
 * tracepoint it attaches, sections it must skip (bare uprobe and kprobe,
 * xdp, tc, perf_event), and a tracepoint that does not exist, after the
 * good ones, for the undo on failure (autoload off unless a test wants it). */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

const volatile int filter_pid = 0;
__u32 tp_hits;
__u32 raw_hits;

static int mine(void)
{
	return (int)(bpf_get_current_pid_tgid() >> 32) == filter_pid;
}

SEC("tp/syscalls/sys_enter_getppid")
int aa_tp(void *ctx)
{
	if (mine())
		__sync_fetch_and_add(&tp_hits, 1);
	return 0;
}

SEC("raw_tp/sys_enter")
int aa_raw(void *ctx)
{
	if (mine())
		__sync_fetch_and_add(&raw_hits, 1);
	return 0;
}

SEC("uprobe")
int aa_bare_uprobe(void *ctx)
{
	return 0;
}

SEC("kprobe")
int aa_bare_kprobe(void *ctx)
{
	return 0;
}

SEC("xdp")
int aa_xdp(struct xdp_md *ctx)
{
	return XDP_PASS;
}

SEC("tc")
int aa_tc(struct __sk_buff *skb)
{
	return 0;
}

SEC("tp/rawbpf_no_such_category/no_such_event")
int aa_missing(void *ctx)
{
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
