// SPDX-License-Identifier: BSD-2-Clause
/* obj_exception.bpf.c - an exception callback (bpf_throw, 6.7): no call
 * reaches exc_cb, the decl tag on the program names it; the callback's
 * return value is the program's. Plus a "?" section (no autoload). */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

extern void bpf_throw(__u64 cookie) __ksym;

#define __exception_cb(name) \
	__attribute__((btf_decl_tag("exception_callback:" #name)))

__attribute__((noinline)) int exc_cb(__u64 cookie)
{
	return (int)cookie + 100;
}

SEC("tc")
__exception_cb(exc_cb)
int throwing(struct __sk_buff *skb)
{
	if (skb->len > 10)
		bpf_throw(7);	/* returns 107 through exc_cb */
	return 1;
}

/* not loaded unless asked: its verifier error would fail the object */
SEC("?socket")
int optional_prog(struct __sk_buff *skb)
{
	return *(volatile int *)0;
}

char LICENSE[] SEC("license") = "GPL";
