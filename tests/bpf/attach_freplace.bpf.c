// SPDX-License-Identifier: BSD-2-Clause
/* attach_freplace.bpf.c - an XDP program calling a global function that a
 * freplace (EXT) program replaces in tests/kernel/attach_freplace.c; the
 * replacement's prototype is rb_new_func's, which is in the same BTF. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

__noinline int rb_target_func(struct xdp_md *ctx)
{
	return ctx->data_end > ctx->data ? XDP_PASS : XDP_ABORTED;
}

__noinline int rb_new_func(struct xdp_md *ctx)
{
	return ctx->data_end > ctx->data ? XDP_DROP : XDP_ABORTED;
}

SEC("xdp")
int rb_freplace_main(struct xdp_md *ctx)
{
	if (ctx->data_end == ctx->data)
		return rb_new_func(ctx);
	return rb_target_func(ctx);
}

char LICENSE[] SEC("license") = "GPL";
