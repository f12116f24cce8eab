// SPDX-License-Identifier: BSD-2-Clause
/* obj_exception_two.bpf.c - a bad exception callback tag, refused at open
 * (tests/unit/object_conventions.c). */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#define __exception_cb(name) \
	__attribute__((btf_decl_tag("exception_callback:" #name)))

__attribute__((noinline)) int exc_cb(__u64 cookie)
{
	return (int)cookie;
}

__attribute__((noinline)) int exc_cb2(__u64 cookie) { return (int)cookie; }

SEC("tc")
__exception_cb(exc_cb) __exception_cb(exc_cb2)
int throwing(struct __sk_buff *skb)
{
	return 1;
}

char LICENSE[] SEC("license") = "GPL";
