// SPDX-License-Identifier: BSD-2-Clause
/* obj_hidden.bpf.c - a hidden global subprogram (`__hidden`) writing
 * through a pointer to its caller's stack: the kernel accepts it only when
 * its BTF FUNC is static (verified in the caller's context), as libbpf
 * makes it. keep_global is global and visible: it keeps its linkage. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

__attribute__((noinline)) __hidden int set_zero(long *res)
{
	*res = 0;
	return 0;
}

__attribute__((noinline)) int keep_global(int x)
{
	return x + 1;
}

SEC("tp/syscalls/sys_enter_getpid")
int prog(void *ctx)
{
	long v;

	return set_zero(&v) + (int)v;
}

SEC("socket")
int hidden_sock(struct __sk_buff *skb)
{
	long v = 5;

	set_zero(&v);
	return (int)v + keep_global(41);	/* 42 */
}

char LICENSE[] SEC("license") = "GPL";
