// SPDX-License-Identifier: BSD-2-Clause
/* bpf_elf_cut.c - the BPF ELF embedded in a libbpf-tools binary. */
#include <errno.h>
#include <string.h>

#include "bpf_elf_cut.h"

#define EM_BPF_NR 247

static uint64_t le(const uint8_t *p, int n)
{
	uint64_t v = 0;

	while (n--)
		v = v << 8 | p[n];
	return v;
}

int rb_cut_bpf_elf(const uint8_t *bin, size_t size, size_t *off, size_t *len)
{
	static const uint8_t magic[7] = { 0x7f, 'E', 'L', 'F', 2, 1, 1 };
	size_t i;

	for (i = 1; i + 64 <= size; i++) {
		uint64_t end;

		if (bin[i] != 0x7f || memcmp(bin + i, magic, sizeof(magic)) ||
		    le(bin + i + 18, 2) != EM_BPF_NR)
			continue;
		end = le(bin + i + 40, 8) + le(bin + i + 60, 2) * 64;
		if (end > size - i)
			continue;
		*off = i;
		*len = (size_t)end;
		return 0;
	}
	return -ENOENT;
}
