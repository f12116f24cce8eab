// SPDX-License-Identifier: BSD-2-Clause
/* fuzz_object.c - libFuzzer target for the ELF reader and the object open
 * path (sections, symbols, relocations, legacy/BTF/data maps, .BTF.ext),
 * then the relocation of every program with fake map fds, the uprobe
 * symbol lookup and the gzip reader. No syscalls: nothing is loaded.
 *   ./fuzz_object -max_total_time=120 corpus/  (seed: the objects in build/bpf) */
#include <stdint.h>
#include <stdlib.h>

#include "rawbpf/object.h"
#include "object/object.h"
#include "core/inflate.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rawbpf_object *obj;
	struct rawbpf_program *p = NULL;
	struct rawbpf_map *m = NULL;
	uint64_t off;
	uint32_t i;

	rb_elf_sym_file_offset(data, size, "main", NULL, &off);
	{	/* the gzip reader of .kconfig values, on the same bytes */
		static uint8_t out[1 << 16];
		size_t start, n, got;

		if (!rb_gunzip_size(data, size, &start, &n))
			rb_inflate(data + start, size - start - 8, out,
				   n < sizeof(out) ? n : sizeof(out), &got);
		rb_inflate(data, size, out, sizeof(out), &got);
	}
	if (rawbpf_object_open_mem(data, size, NULL, &obj))
		return 0;
	for (i = 0; i < obj->nmaps; i++)
		obj->maps[i].fd = 100 + (int)i;
	while ((m = rawbpf_object_next_map(obj, m))) {
		size_t sz = 0;

		if (rawbpf_map_value_size(m) > (1u << 20))
			continue;	/* a huge .bss is legal; don't allocate it */
		uint8_t *g = rawbpf_object_global_data(obj, rawbpf_map_name(m),
						       &sz);

		if (g && sz)
			g[sz - 1] ^= 1;
	}
	while ((p = rawbpf_object_next_program(obj, p))) {
		struct bpf_insn *insns;
		uint32_t cnt, *base = calloc(obj->nfuncs + 1, sizeof(*base));

		if (!rb_obj_relocate(obj, p, &insns, &cnt, base, obj->nfuncs))
			free(insns);
		free(base);
	}
	for (i = 0; i < obj->nmaps; i++)
		obj->maps[i].fd = -1;
	rawbpf_object_close(obj);
	return 0;
}
