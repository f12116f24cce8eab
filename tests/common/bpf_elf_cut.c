// SPDX-License-Identifier: BSD-2-Clause
/* bpf_elf_cut.c - cut the embedded BPF ELF out of a libbpf-tools binary. */
#include "bpf_elf_cut.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef EM_BPF
#define EM_BPF 247
#endif

static uint64_t le(const uint8_t *p, int n)
{
	uint64_t v = 0;

	while (n--)
		v = v << 8 | p[n];
	return v;
}

int rb_find_bpf_elf(const uint8_t *bin, size_t size, size_t *off, size_t *len)
{
	static const uint8_t magic[7] = { 0x7f, 'E', 'L', 'F', 2, 1, 1 };
	size_t i;

	/* offset 0 is the host binary itself */
	for (i = 1; i + 64 <= size; i++) {
		uint64_t end;

		if (bin[i] != 0x7f || memcmp(bin + i, magic, sizeof(magic)) ||
		    le(bin + i + 18, 2) != EM_BPF)
			continue;
		/* section headers are last: e_shoff + e_shnum * 64 */
		end = le(bin + i + 40, 8) + le(bin + i + 60, 2) * 64;
		if (end > size - i)
			continue;
		*off = i;
		*len = (size_t)end;
		return 0;
	}
	return -ENOENT;
}

static uint8_t *read_all(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) > 0 &&
	    fseek(f, 0, SEEK_SET) == 0) {
		buf = malloc((size_t)n);
		if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
			free(buf);
			buf = NULL;
		}
		*size = (size_t)n;
	}
	fclose(f);
	return buf;
}

uint8_t *rb_cut_bpf_elf(const char *path, size_t *len)
{
	size_t size = 0, off;
	uint8_t *bin, *copy = NULL;

	bin = read_all(path, &size);
	if (!bin)
		return NULL;
	if (!rb_find_bpf_elf(bin, size, &off, len)) {
		/* aligned, as a file or a loader's buffer would be */
		copy = aligned_alloc(8, (*len + 7) / 8 * 8);
		if (copy)
			memcpy(copy, bin + off, *len);
	}
	free(bin);
	return copy;
}
