// SPDX-License-Identifier: BSD-2-Clause
/*
 * attach_auto_more.bpf.c - one program per auto-attachable hook family, each counting
 * in its own slot of `hits`, so a test can see which hook fired.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

enum { TP, RAW_TP, UPROBE, URETPROBE, UMULTI, CGROUP, XDP, TCX, SOCKET, SLOTS };

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, SLOTS);
	__type(key, __u32);
	__type(value, __u64);
} hits SEC(".maps");

/* Only count the test's own process (set before load). */
const volatile __u32 target_tgid;

static __always_inline int mine(void)
{
	return (bpf_get_current_pid_tgid() >> 32) == target_tgid;
}

static __always_inline void count(__u32 slot)
{
	__u64 *v = bpf_map_lookup_elem(&hits, &slot);

	if (v)
		__sync_fetch_and_add(v, 1);
}

SEC("tp/syscalls/sys_enter_getppid")
int on_tp(void *ctx)
{
	if (mine())
		count(TP);
	return 0;
}

SEC("uprobe//proc/self/exe:rb_auto_target")
int on_uprobe(void *ctx)
{
	count(UPROBE);
	return 0;
}

SEC("uretprobe//proc/self/exe:rb_auto_target")
int on_uretprobe(void *ctx)
{
	count(URETPROBE);
	return 0;
}

SEC("uprobe.multi//proc/self/exe:rb_auto_multi_*")
int on_umulti(void *ctx)
{
	count(UMULTI);
	return 0;
}

SEC("cgroup/sock_create")
int on_sock_create(struct bpf_sock *sk)
{
	count(CGROUP);
	return 1;
}

SEC("xdp")
int on_xdp(struct xdp_md *ctx)
{
	count(XDP);
	return XDP_PASS;
}

SEC("tcx/ingress")
int on_tcx(struct __sk_buff *skb)
{
	count(TCX);
	return 0;	/* TCX_NEXT */
}

SEC("socket")
int on_socket(struct __sk_buff *skb)
{
	count(SOCKET);
	return skb->len;
}

SEC("xdp/devmap")
int in_devmap(struct xdp_md *ctx)
{
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
