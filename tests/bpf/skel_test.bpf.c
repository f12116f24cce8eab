// SPDX-License-Identifier: BSD-2-Clause
/* skel_test.bpf.c - the skeleton's acceptance object: globals of several
 * types in .rodata, .data, .bss and custom .data.custom/.rodata.custom
 * sections, a map-in-map and a prog_array initialised in the object, a
 * socket program run by BPF_PROG_TEST_RUN and a tracepoint program for
 * __attach/__detach, plus sections rawbpf_object_attach must skip. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct skel_cfg {
	__u32 mult;
	__u64 add;
	char tag[6];
	struct {
		__s16 lo, hi;
	} range;
};

enum skel_mode { SKEL_MODE_OFF = 0, SKEL_MODE_ON = 7 };

typedef __u32 skel_u32_t;

/* .rodata: set before load through skel->rodata */
const volatile struct skel_cfg cfg = { .mult = 2, .add = 3, .tag = "abc" };
const volatile enum skel_mode mode = SKEL_MODE_OFF;
const volatile __u8 small_ro = 1;
const volatile int filter_pid = 0;
/* .data */
__u64 data_counter = 5;
skel_u32_t data_arr[3] = { 1, 2, 3 };
/* .bss: written by the programs */
__u64 bss_result;
__u32 bss_mode_seen;
__u32 tp_hits;
char bss_tag[6];
/* custom sections */
__u32 custom_val SEC(".data.custom") = 42;
const volatile __u32 custom_ro SEC(".rodata.custom") = 77;

struct skel_inner {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} inner_a SEC(".maps"), inner_b SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY_OF_MAPS);
	__uint(max_entries, 2);
	__type(key, __u32);
	__array(values, struct skel_inner);
} outer SEC(".maps") = {
	.values = { [1] = &inner_b },
};

int skel_tail(struct __sk_buff *skb);

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 2);
	__type(key, __u32);
	__array(values, int (struct __sk_buff *));
} jmp SEC(".maps") = {
	.values = { [1] = &skel_tail },
};

SEC("socket")
int skel_tail(struct __sk_buff *skb)
{
	bss_mode_seen = 100 + mode;
	return 9;
}

SEC("socket")
int skel_run(struct __sk_buff *skb)
{
	__u32 one = 1, zero = 0;
	__u64 *v;
	void *in;
	int i;

	bss_result = cfg.mult * data_counter + cfg.add + cfg.range.hi +
		     data_arr[2] + custom_val + custom_ro + small_ro;
	data_counter++;
	for (i = 0; i < 6; i++)
		bss_tag[i] = cfg.tag[i];
	in = bpf_map_lookup_elem(&outer, &one);
	if (in) {
		v = bpf_map_lookup_elem(in, &zero);
		if (v)
			*v = bss_result;
	}
	bpf_tail_call(skb, &jmp, 1);
	return 1;		/* only when the tail call failed */
}

SEC("tp/syscalls/sys_enter_getppid")
int skel_tp(void *ctx)
{
	if ((int)(bpf_get_current_pid_tgid() >> 32) == filter_pid)
		__sync_fetch_and_add(&tp_hits, 1);
	return 0;
}

/* Nothing in the section says where: rawbpf_object_attach skips these. */
SEC("uprobe")
int skel_bare_uprobe(void *ctx)
{
	return 0;
}

SEC("xdp")
int skel_xdp(struct xdp_md *ctx)
{
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
