// SPDX-License-Identifier: BSD-2-Clause
/* attach_auto.bpf.c - one program per section form that
 * rawbpf_program_attach() attaches from the name alone (or with a cgroup fd);
 * each counts into its own slot, only for the process in cfg[0]. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 8);
	__type(key, __u32);
	__type(value, __u64);
} counts SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 2);	/* [0] the test's tgid, [1] its __NR_getpid */
	__type(key, __u32);
	__type(value, __u32);
} cfg SEC(".maps");

static __always_inline void count(__u32 slot, int check_pid)
{
	__u32 zero = 0;
	__u32 *tgid = bpf_map_lookup_elem(&cfg, &zero);
	__u64 *c;

	if (check_pid && (!tgid || *tgid != bpf_get_current_pid_tgid() >> 32))
		return;
	c = bpf_map_lookup_elem(&counts, &slot);
	if (c)
		__sync_fetch_and_add(c, 1);
}

SEC("tp/syscalls/sys_enter_getpid")
int on_tp(void *ctx)
{
	count(0, 1);
	return 0;
}

SEC("raw_tp/sys_enter")
int on_raw_tp(struct bpf_raw_tracepoint_args *ctx)
{
	__u32 one = 1, *nr = bpf_map_lookup_elem(&cfg, &one);

	/* the number differs per architecture: the test says which */
	if (nr && ctx->args[1] == *nr)
		count(1, 1);
	return 0;
}

SEC("uprobe/libc.so.6:getppid")
int on_uprobe(void *ctx)
{
	count(2, 1);
	return 0;
}

SEC("uretprobe/libc.so.6:getppid")
int on_uretprobe(void *ctx)
{
	count(3, 1);
	return 0;
}

SEC("uprobe.multi/libc.so.6:getppid")
int on_uprobe_multi(void *ctx)
{
	count(4, 1);
	return 0;
}

SEC("cgroup_skb/egress")
int on_egress(struct __sk_buff *skb)
{
	count(5, 0);
	return 1;
}

SEC("ksyscall/getpid")
int on_ksyscall(void *ctx)
{
	count(6, 1);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
