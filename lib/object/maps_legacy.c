// SPDX-License-Identifier: BSD-2-Clause
/*
 * maps_legacy.c - maps defined in a legacy `maps` section. Every entry
 * has the same size; the size says the layout:
 *   20..27 bytes  libbpf's struct bpf_map_def: type, key_size, value_size,
 *                 max_entries, map_flags (bytes after those must be zero);
 *   28..35        iproute2's struct bpf_elf_map before map-in-map: + id,
 *                 pinning (+ inner_id at 32);
 *   36 and more   iproute2's struct bpf_elf_map: + inner_id, inner_idx
 *                 (bytes after 36 must be zero).
 * iproute2's fields are read as iproute2 reads them (maps_iproute2.c).
 */
#include <elf.h>
#include <errno.h>
#include <string.h>

#include "object/object.h"
#include "object/maps_iproute2.h"

#define MAP_DEF_SIZE 20		/* struct bpf_map_def */

/* The layout's size for a @def_size-byte entry. */
static uint32_t layout_size(uint64_t def_size)
{
	if (def_size >= RB_ELF_MAP_SIZE)
		return RB_ELF_MAP_SIZE;
	return def_size >= RB_ELF_MAP_PIN_SIZE ? (uint32_t)def_size : MAP_DEF_SIZE;
}

static int check_zero_tail(struct rawbpf_object *obj, const char *name,
			   const uint8_t *d, uint64_t def_size)
{
	uint32_t known = layout_size(def_size);
	uint64_t k;

	for (k = known; k < def_size; k++)
		if (d[k])
			return rb_obj_err(obj, -EOPNOTSUPP,
					  "map %s: its %llu-byte definition has a non-zero byte at offset %llu, past %s (%u bytes): unknown layout",
					  name, (unsigned long long)def_size,
					  (unsigned long long)k,
					  known == MAP_DEF_SIZE ? "struct bpf_map_def" :
					  "iproute2's struct bpf_elf_map", known);
	return 0;
}

static int add_legacy(struct rawbpf_object *obj, uint32_t sec,
		      const struct rb_elf_sym *sym, uint64_t def_size,
		      struct rb_elf_map_ext *x)
{
	struct rb_elf *e = &obj->elf;
	const struct rb_elf_shdr *s = &e->sh[sec];
	const uint8_t *d;
	struct rawbpf_map *m;
	int idx, err;

	if (sym->value % def_size || sym->value >= s->size)
		return rb_obj_err(obj, -EBADMSG,
				  "section maps: map %s at offset %llu is not on a %llu-byte definition",
				  sym->name, (unsigned long long)sym->value,
				  (unsigned long long)def_size);
	d = s->data + sym->value;
	err = check_zero_tail(obj, sym->name, d, def_size);
	if (err)
		return err;
	idx = rb_obj_add_map(obj);
	if (idx < 0)
		return idx;
	m = &obj->maps[idx];
	m->name = sym->name;
	m->kind = RB_MAP_LEGACY;
	m->sec = sec;
	m->sec_off = sym->value;
	m->def.type = rb_elf_u32(e, d);
	m->def.key_size = rb_elf_u32(e, d + 4);
	m->def.value_size = rb_elf_u32(e, d + 8);
	m->def.max_entries = rb_elf_u32(e, d + 12);
	m->def.map_flags = rb_elf_u32(e, d + 16);
	x->map = (uint32_t)idx;
	if (def_size < RB_ELF_MAP_PIN_SIZE)
		return 0;
	/* samples/bpf's old 28-byte bpf_load_map_def shares the size */
	if (def_size == RB_ELF_MAP_PIN_SIZE &&
	    (m->def.map_flags & BPF_F_NUMA_NODE))
		return rb_obj_err(obj, -EOPNOTSUPP,
				  "map %s: a 28-byte definition with BPF_F_NUMA_NODE is ambiguous (samples/bpf's inner_map_idx, numa_node or iproute2's id, pinning): use a BTF map definition",
				  m->name);
	return rb_obj_elf_map_ext(obj, m, d, def_size, x);
}

int rb_obj_collect_legacy_maps(struct rawbpf_object *obj, uint32_t sec)
{
	struct rb_elf *e = &obj->elf;
	const struct rb_elf_shdr *s = &e->sh[sec];
	struct rb_elf_map_ext *x;
	struct rb_elf_sym sym;
	uint32_t i, n = 0, nsyms = 0;
	uint64_t def_size;
	int err = 0;

	for (i = 1; i < e->symtab.count; i++)
		if (!rb_elf_sym(e, i, &sym) && sym.shndx == sec &&
		    sym.type != STT_SECTION)
			nsyms++;
	if (!nsyms)
		return 0;
	if (!s->data || s->size % nsyms)
		return rb_obj_err(obj, -EBADMSG,
				  "section maps: %llu bytes do not divide into %u map definitions",
				  (unsigned long long)s->size, nsyms);
	def_size = s->size / nsyms;
	if (def_size < MAP_DEF_SIZE || def_size % 4)
		return rb_obj_err(obj, -EBADMSG,
				  "section maps: definitions of %llu bytes; at least %d, a multiple of 4, needed",
				  (unsigned long long)def_size, MAP_DEF_SIZE);
	x = rb_alloc_array(obj->alloc, nsyms, sizeof(*x));
	if (!x)
		return -ENOMEM;
	for (i = 1; !err && i < e->symtab.count; i++) {
		if (rb_elf_sym(e, i, &sym) || sym.shndx != sec ||
		    sym.type == STT_SECTION)
			continue;
		err = add_legacy(obj, sec, &sym, def_size, &x[n++]);
	}
	if (!err)
		err = rb_obj_elf_map_link(obj, x, n);
	rb_free(obj->alloc, x);
	return err;
}
