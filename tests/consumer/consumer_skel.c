// SPDX-License-Identifier: BSD-2-Clause
/*
 * consumer_skel.c - a consumer that uses the skeleton an installed rawbpf
 * generated (rawbpf_add_bpf_object(... EMBED SKELETON), rawbpf::cli): sets
 * .rodata through skel->rodata, loads, runs tc_prog once and checks the
 * .bss it wrote through skel->bss. Exits 0 only if the value matches.
 */
#include <stdio.h>

#include <rawbpf/sys.h>
#include "consumer_skel.skel.h"

int main(void)
{
	unsigned char pkt[64] = { 0 };
	RAWBPF_OPTS(rawbpf_sys_prog_test_run_opts, run, .data_in = pkt,
		    .data_size_in = sizeof(pkt), .repeat = 1);
	struct consumer_skel_bpf *skel = consumer_skel_bpf__open();
	int err;

	if (!skel) {
		fprintf(stderr, "consumer_skel: open failed\n");
		return 1;
	}
	skel->rodata->mult = 6;
	err = consumer_skel_bpf__load(skel);
	if (!err)
		err = rawbpf_sys_prog_test_run(
			rawbpf_program_fd(skel->progs.tc_prog), &run);
	if (!err && skel->bss->seen != 42)
		err = 1;
	printf("consumer_skel: err %d seen %u (want 42)\n", err,
	       (unsigned)skel->bss->seen);
	consumer_skel_bpf__destroy(skel);
	return err ? 1 : 0;
}
