// SPDX-License-Identifier: BSD-2-Clause
/* skel_check.c - a consumer of rawbpf_add_bpf_object(... SKELETON): the
 * generated tiny.skel.h compiles, and its __open parses the embedded object
 * (no kernel call) with the program in skel->progs. */
#include <stdio.h>
#include <string.h>

#include "tiny.skel.h"

int main(void)
{
	struct tiny_bpf *skel = tiny_bpf__open();
	int ok;

	if (!skel) {
		perror("tiny_bpf__open");
		return 1;
	}
	ok = skel->progs.tiny &&
	     !strcmp(rawbpf_program_name(skel->progs.tiny), "tiny") &&
	     !strcmp(rawbpf_object_name(skel->obj), "tiny_bpf");
	tiny_bpf__destroy(skel);
	printf("skeleton %s\n", ok ? "opens" : "is wrong");
	return ok ? 0 : 1;
}
