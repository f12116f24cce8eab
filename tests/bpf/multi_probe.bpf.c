// SPDX-License-Identifier: BSD-2-Clause
/* multi_probe.bpf.c - kprobe.multi, kretprobe.multi, kprobe.session and
 * uprobe.session programs counting this test process's calls per function
 * (bpf_get_func_ip) and per kind (tests/kernel/attach_kprobe_multi.c,
 * attach_uprobe_session.c). A session's entry returns 0 (run at return
 * too) only for the function cfg[1] names. */
#include <linux/bpf.h>
#include <stdbool.h>
#include <bpf/bpf_helpers.h>

enum { ENTRY, RETURN, S_ENTRY, S_RETURN };

struct key {
	__u64 ip;
	__u32 kind;
	__u32 pad;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 64);
	__type(key, struct key);
	__type(value, __u64);
} hits SEC(".maps");

/* [0] the test's tgid, [1] the function whose session return is wanted */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, __u64);
} cfg SEC(".maps");

extern bool bpf_session_is_return(void) __ksym __weak;

static __u64 cfg_get(__u32 k)
{
	__u64 *v = bpf_map_lookup_elem(&cfg, &k);

	return v ? *v : 0;
}

static bool mine(void)
{
	return (bpf_get_current_pid_tgid() >> 32) == cfg_get(0);
}

static void count(__u64 ip, __u32 kind)
{
	struct key k = { .ip = ip, .kind = kind };
	__u64 one = 1, *v = bpf_map_lookup_elem(&hits, &k);

	if (v)
		__sync_fetch_and_add(v, 1);
	else
		bpf_map_update_elem(&hits, &k, &one, BPF_NOEXIST);
}

SEC("kprobe.multi")
int on_multi(void *ctx)
{
	if (mine())
		count(bpf_get_func_ip(ctx), ENTRY);
	return 0;
}

SEC("kretprobe.multi")
int on_multi_ret(void *ctx)
{
	if (mine())
		count(bpf_get_func_ip(ctx), RETURN);
	return 0;
}

static int session(void *ctx)
{
	__u64 ip = bpf_get_func_ip(ctx);

	if (!mine())
		return 1;		/* no return probe for others */
	if (bpf_session_is_return()) {
		count(ip, S_RETURN);
		return 0;
	}
	count(ip, S_ENTRY);
	return ip == cfg_get(1) ? 0 : 1;	/* 0: run at return too */
}

/* the sessions load only when a test asks (6.10, 6.13, and the kfunc) */
SEC("?kprobe.session")
int on_session(void *ctx)
{
	return session(ctx);
}

SEC("?uprobe.session")
int on_usession(void *ctx)
{
	return session(ctx);
}

char LICENSE[] SEC("license") = "GPL";
