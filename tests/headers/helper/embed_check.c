// SPDX-License-Identifier: BSD-2-Clause
/* embed_check.c - the bytes rawbpf_add_bpf_object(... EMBED) linked in, under
 * the default symbol name (tiny.bpf.c -> tiny_bpf), are the object file's:
 * same size, same bytes, 8-byte aligned, a BPF ELF in the host's byte
 * order. Exit 0 when so. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

extern const unsigned char tiny_bpf[];
extern const unsigned long tiny_bpf_size;

int main(void)
{
	static unsigned char file[1 << 20];
	FILE *f = fopen(OBJECT_PATH, "rb");
	const uint16_t one = 1;
	unsigned machine;
	size_t n;
	int big;

	if (!f) {
		perror(OBJECT_PATH);
		return 1;
	}
	n = fread(file, 1, sizeof(file), f);
	fclose(f);
	if (n != tiny_bpf_size || memcmp(file, tiny_bpf, n)) {
		fprintf(stderr, "embedded %lu bytes differ from %s (%zu bytes)\n",
			tiny_bpf_size, OBJECT_PATH, n);
		return 1;
	}
	if ((uintptr_t)tiny_bpf % 8) {
		fprintf(stderr, "embedded object not 8-byte aligned\n");
		return 1;
	}
	/* ELF magic, and e_machine EM_BPF (247) at offset 18, in the byte
	 * order EI_DATA (offset 5: 1 little, 2 big) names */
	big = tiny_bpf[5] == 2;
	machine = big ? tiny_bpf[18] << 8 | tiny_bpf[19] : tiny_bpf[18] | tiny_bpf[19] << 8;
	if (memcmp(tiny_bpf, "\177ELF", 4) || machine != 247) {
		fprintf(stderr, "embedded bytes are not a BPF ELF object\n");
		return 1;
	}
	/* built for this host's byte order (bpfeb on big-endian targets) */
	if (big != (*(const unsigned char *)&one == 0)) {
		fprintf(stderr, "embedded object is %s-endian, this host is not\n",
			big ? "big" : "little");
		return 1;
	}
	printf("embedded %lu bytes match %s\n", tiny_bpf_size, OBJECT_PATH);
	return 0;
}
