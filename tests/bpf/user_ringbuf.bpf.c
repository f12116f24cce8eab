// SPDX-License-Identifier: BSD-2-Clause
/* user_ringbuf.bpf.c - a tc program, run through BPF_PROG_TEST_RUN, that
 * drains a BPF_MAP_TYPE_USER_RINGBUF map with bpf_user_ringbuf_drain and
 * copies each record it is handed into .bss, so the test can compare every
 * byte user space wrote. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct rec {
	__u32 seq;
	__u32 magic;
	__u8 bytes[24];		/* 32-byte records */
};

struct {
	__uint(type, BPF_MAP_TYPE_USER_RINGBUF);
	__uint(max_entries, 4096);
} urb SEC(".maps");

/* One .bss variable, so user space knows the layout. */
struct {
	__u32 n;		/* records the callback saw */
	__u32 bad;		/* records it could not read */
	long ret;		/* bpf_user_ringbuf_drain's result */
	struct rec recs[128];	/* in the order seen */
} g;

static long on_rec(struct bpf_dynptr *dynptr, void *ctx)
{
	__u32 i = g.n;

	if (i >= 128)
		return 1;
	if (bpf_dynptr_read(&g.recs[i], sizeof(struct rec), dynptr, 0, 0)) {
		g.bad++;
		return 0;
	}
	g.n = i + 1;
	return 0;
}

SEC("tc")
int drain_prog(struct __sk_buff *skb)
{
	g.ret = bpf_user_ringbuf_drain(&urb, on_rec, NULL, 0);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
