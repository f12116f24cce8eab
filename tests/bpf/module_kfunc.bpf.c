// SPDX-License-Identifier: BSD-2-Clause
/* module_kfunc.bpf.c - kfuncs a module defines (nf_conntrack's conntrack
 * lookup, in /sys/kernel/btf/nf_conntrack on Debian's 6.1): the calls
 * carry the module's fd_array slot (tests/kernel/object_module_btf.c). */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

struct rb_ct_opts {		/* the kernel's struct bpf_ct_opts (12 bytes) */
	__s32 netns_id;
	__s32 error;
	__u8 l4proto;
	__u8 dir;
	__u8 reserved[2];
};

struct nf_conn;
extern struct nf_conn *bpf_xdp_ct_lookup(struct xdp_md *ctx, struct bpf_sock_tuple *tuple,
					 __u32 tuple__sz, struct rb_ct_opts *opts,
					 __u32 opts__sz) __ksym __weak;
extern void bpf_ct_release(struct nf_conn *ct) __ksym __weak;

int rb_ct_error = 1;

/* no such connection: the lookup says -ENOENT in opts.error */
SEC("xdp")
int rb_ct_lookup(struct xdp_md *ctx)
{
	struct bpf_sock_tuple tup = {};
	struct rb_ct_opts opts = { .netns_id = -1, .l4proto = 6 };
	struct nf_conn *ct;

	tup.ipv4.sport = bpf_htons(1);
	tup.ipv4.dport = bpf_htons(2);
	ct = bpf_xdp_ct_lookup(ctx, &tup, sizeof(tup.ipv4), &opts, sizeof(opts));
	if (ct) {
		bpf_ct_release(ct);
		return XDP_DROP;
	}
	rb_ct_error = opts.error;
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
