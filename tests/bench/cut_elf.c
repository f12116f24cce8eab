// SPDX-License-Identifier: BSD-2-Clause
/* cut_elf.c - write the BPF object a libbpf-tools binary embeds to a file,
 * so the benchmarks load the same bytes with rawbpf and with libbpf:
 *   bench_cut_elf /usr/sbin/execsnoop execsnoop.bpf.o */
#include <stdio.h>
#include <stdlib.h>

#include "bpf_elf_cut.h"

int main(int argc, char **argv)
{
	size_t len = 0;
	uint8_t *elf;
	FILE *f;
	int ok;

	if (argc != 3)
		return 2;
	elf = rb_cut_bpf_elf(argv[1], &len);
	if (!elf)
		return 1;
	f = fopen(argv[2], "wb");
	ok = f && fwrite(elf, 1, len, f) == len;
	if (f && fclose(f))
		ok = 0;
	free(elf);
	return ok ? 0 : 1;
}
