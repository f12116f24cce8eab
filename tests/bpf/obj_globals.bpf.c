// SPDX-License-Identifier: BSD-2-Clause
/* obj_globals.bpf.c - global data in .rodata, .data, .bss and a custom
 * .data.extra section, reached through a static subprogram in .text and a
 * static function in the program's own section. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

const volatile __u32 cfg_mult = 1;	/* .rodata: set before load */
__u32 data_add = 10;			/* .data */
__u32 bss_seen;				/* .bss: written by the program */
__u32 extra_val SEC(".data.extra") = 100;

static __attribute__((noinline)) __u32 add_data(__u32 x)
{
	return x + data_add;
}

static __attribute__((noinline, section("socket"))) __u32 times_mult(__u32 x)
{
	return x * cfg_mult;
}

SEC("socket")
int globals_prog(struct __sk_buff *skb)
{
	__u32 r = add_data(times_mult(3));

	bss_seen = r + extra_val;
	return r;
}

char LICENSE[] SEC("license") = "GPL";
