/* SPDX-License-Identifier: BSD-2-Clause */
/* hdr_runtime.h - what hdr_runtime.bpf.c records (its .bss) and its
 * configuration (its .rodata), shared with tests/kernel/bpf_headers.c. */
#ifndef RAWBPF_TEST_HDR_RUNTIME_H
#define RAWBPF_TEST_HDR_RUNTIME_H

struct rb_hdr_out {
	long up_a, up_b, up_rc;
	char up_s[16];
	int up_hits, ret_hits;
	int ppid, parent_exists, nothing_exists, tp_hits;
	char comm[16];
	long rt_nr;
	int rt_hits;
};

struct rb_hdr_cfg {
	int tgid;
	long want_nr;
};

#endif /* RAWBPF_TEST_HDR_RUNTIME_H */
