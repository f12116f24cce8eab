// SPDX-License-Identifier: BSD-2-Clause
/* buf_events.bpf.c - records for the ring buffer and perf buffer readers,
 * written as libbpf users write them: bpf_ringbuf_output, reserve + submit
 * or discard, and bpf_perf_event_output, from tc programs run through
 * BPF_PROG_TEST_RUN. Each record carries a sequence number and a magic. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#define MAGIC 0xb0f5eed5u

struct event {
	__u32 seq;
	__u32 magic;
	__u8 pad[24];		/* 32-byte records */
};

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} rb SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} rb2 SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERF_EVENT_ARRAY);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, sizeof(__u32));
} pb SEC(".maps");

/* One .bss variable, so user space knows the layout. */
struct {
	__u32 seq;		/* next sequence number */
	__u32 discard_every;	/* reserve_prog: discard when seq % this == 0 */
	int last_err;
} g;

static void fill(struct event *e)
{
	__builtin_memset(e, 0, sizeof(*e));
	e->seq = g.seq++;
	e->magic = MAGIC;
	e->pad[0] = (__u8)e->seq;
}

SEC("tc")
int output_prog(struct __sk_buff *skb)
{
	struct event e;

	fill(&e);
	g.last_err = bpf_ringbuf_output(&rb, &e, sizeof(e), 0);
	return 0;
}

SEC("tc")
int output2_prog(struct __sk_buff *skb)
{
	struct event e;

	fill(&e);
	g.last_err = bpf_ringbuf_output(&rb2, &e, sizeof(e), 0);
	return 0;
}

SEC("tc")
int reserve_prog(struct __sk_buff *skb)
{
	struct event *e = bpf_ringbuf_reserve(&rb, sizeof(*e), 0);

	if (!e) {
		g.last_err = -1;
		return 0;
	}
	fill(e);
	if (g.discard_every && e->seq % g.discard_every == 0)
		bpf_ringbuf_discard(e, 0);
	else
		bpf_ringbuf_submit(e, 0);
	return 0;
}

SEC("tc")
int perf_prog(struct __sk_buff *skb)
{
	struct event e;

	fill(&e);
	g.last_err = bpf_perf_event_output(skb, &pb, BPF_F_CURRENT_CPU, &e,
					 sizeof(e));
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
