/* SPDX-License-Identifier: BSD-2-Clause */
/* hdr_runtime.h - what hdr_runtime.bpf.c records (its .bss) and its
 * configuration (its .rodata), shared with tests/kernel/bpf_headers.c.
 * long long, not long: BPF's long is 64-bit, a 32-bit host's is not, and
 * both sides must agree on the layout. */
#ifndef RAWBPF_TEST_HDR_RUNTIME_H
#define RAWBPF_TEST_HDR_RUNTIME_H

struct rb_hdr_out {
	long long up_a, up_b, up_rc;
	char up_s[16];
	int up_hits, ret_hits;
	int ppid, parent_exists, nothing_exists, tp_hits;
	char comm[16];
	long long rt_nr;
	int rt_hits;
};

struct rb_hdr_cfg {
	int tgid;
	long long want_nr;
};

#endif /* RAWBPF_TEST_HDR_RUNTIME_H */
