// SPDX-License-Identifier: BSD-2-Clause
/* obj_exception_prog.bpf.c - a bad exception callback tag, refused at open
 * (tests/unit/object_conventions.c). */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#define __exception_cb(name) \
	__attribute__((btf_decl_tag("exception_callback:" #name)))

__attribute__((noinline)) int exc_cb(__u64 cookie)
{
	return (int)cookie;
}

SEC("tc") int other(struct __sk_buff *skb) { return 2; }

SEC("tc")
__exception_cb(other)
int throwing(struct __sk_buff *skb)
{
	return 1;
}

char LICENSE[] SEC("license") = "GPL";
