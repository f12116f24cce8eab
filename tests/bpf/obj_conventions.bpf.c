// SPDX-License-Identifier: BSD-2-Clause
/* obj_conventions.bpf.c - conventions of clang/libbpf objects that load
 * without the object asking (tests/kernel/object_conventions.c): a
 * bpf_loop callback in .text reached only through ld_imm64, a weak
 * program, a static map, static and zero-initialised variables, a
 * string literal in .rodata.str1.1 (no BTF VAR), a weak kfunc that is
 * absent and one that is present. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} static_map SEC(".maps");

static volatile int static_var = 3;	/* .data, static linkage */
static int zero_static;			/* .bss */
int conv_seen;

extern void bpf_rcu_read_lock(void) __ksym __weak;
extern void bpf_rcu_read_unlock(void) __ksym __weak;
extern int rb_no_such_kfunc(void) __ksym __weak;

static int add_one(__u32 index, void *ctx)
{
	(*(int *)ctx)++;
	return 0;
}

__attribute__((weak)) SEC("socket")
int weak_prog(struct __sk_buff *skb)
{
	return 5;
}

SEC("socket")
int conv_prog(struct __sk_buff *skb)
{
	__u32 key = 0;
	__u64 *v = bpf_map_lookup_elem(&static_map, &key);
	int n = 0;

	bpf_loop(4, add_one, &n, 0);		/* n = 4 */
	if (v)
		*v += 1;
	n += static_var + zero_static;		/* + 3 */
	zero_static = n;
	n += "dcba"[n & 3] - 'a';		/* n is 7 here: 'a' + 0 */
	n += 3;
	if (bpf_ksym_exists(rb_no_such_kfunc))
		n += rb_no_such_kfunc();
	if (bpf_ksym_exists(bpf_rcu_read_lock))
		n += 100;
	conv_seen = n;
	return n;	/* 110 with bpf_rcu_read_lock (6.2) */
}

char LICENSE[] SEC("license") = "GPL";
