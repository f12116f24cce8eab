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
 * Read as iproute2 reads them: pinning PIN_OBJECT_NS (1) and PIN_GLOBAL_NS
 * (2) pin under <pin root>/tc/, an outer map names its inner map by id, and
 * a map with an id goes into slot inner_idx of the outer maps naming it.
 */
#include <elf.h>
#include <errno.h>
#include <string.h>

#include "object/object.h"

#define MAP_DEF_SIZE 20		/* struct bpf_map_def */
#define ELF_MAP_PIN_SIZE 28	/* struct bpf_elf_map up to pinning */
#define ELF_MAP_SIZE 36		/* struct bpf_elf_map */

/* iproute2's pinning values (bpf_elf.h). */
enum { PIN_NONE, PIN_OBJECT_NS, PIN_GLOBAL_NS };

#define NO_PREPOPULATE 0xffffffffu	/* inner_idx: insert nowhere */

/* What iproute2's fields say about one map (index in obj->maps). */
struct elf_map_ext {
	uint32_t map;
	uint32_t id, pinning, inner_id, inner_idx;
};

static bool is_outer(uint32_t type)
{
	return type == BPF_MAP_TYPE_ARRAY_OF_MAPS ||
	       type == BPF_MAP_TYPE_HASH_OF_MAPS;
}

/* The layout's size for a @def_size-byte entry. */
static uint32_t layout_size(uint64_t def_size)
{
	if (def_size >= ELF_MAP_SIZE)
		return ELF_MAP_SIZE;
	return def_size >= ELF_MAP_PIN_SIZE ? (uint32_t)def_size : MAP_DEF_SIZE;
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

/* The fields after map_flags, as iproute2 reads them (zero when the entry
 * ends before them); checks pinning. */
static int read_ext(struct rawbpf_object *obj, const struct rawbpf_map *m,
		    const uint8_t *d, uint64_t def_size,
		    struct elf_map_ext *x)
{
	const struct rb_elf *e = &obj->elf;

	if (def_size < ELF_MAP_PIN_SIZE)
		return 0;
	if (def_size == ELF_MAP_PIN_SIZE &&
	    (m->def.map_flags & BPF_F_NUMA_NODE))
		return rb_obj_err(obj, -EOPNOTSUPP,
				  "map %s: a 28-byte definition with BPF_F_NUMA_NODE is ambiguous (samples/bpf's inner_map_idx, numa_node or iproute2's id, pinning): use a BTF map definition",
				  m->name);
	x->id = rb_elf_u32(e, d + 20);
	x->pinning = rb_elf_u32(e, d + 24);
	if (def_size >= 32)
		x->inner_id = rb_elf_u32(e, d + 28);
	if (def_size >= ELF_MAP_SIZE)
		x->inner_idx = rb_elf_u32(e, d + 32);
	if (x->pinning > PIN_GLOBAL_NS)
		return rb_obj_err(obj, -EOPNOTSUPP,
				  "map %s: pinning %u (an iproute2 custom pinning from /etc/iproute2/bpf_pinning) is not supported; only PIN_NONE (0), PIN_OBJECT_NS (1) and PIN_GLOBAL_NS (2) are",
				  m->name, x->pinning);
	if (x->inner_id && !is_outer(m->def.type))
		return rb_obj_err(obj, -EINVAL,
				  "map %s: inner_id %u is set but the map (type %u) is not a map-in-map",
				  m->name, x->inner_id, m->def.type);
	if (is_outer(m->def.type) && !x->inner_id)
		return rb_obj_err(obj, -EINVAL,
				  "map %s: a map-in-map needs inner_id (the id of its inner map)",
				  m->name);
	return 0;
}

/* The iproute2 pin directory of the object: <root>/tc/<object name>. */
static int check_obj_ns_name(struct rawbpf_object *obj, const char *map)
{
	const char *n = obj->name;

	if (!n[0] || strchr(n, '/') || !strcmp(n, ".") || !strcmp(n, "..") ||
	    !strcmp(n, "globals"))
		return rb_obj_err(obj, -EINVAL,
				  "map %s: PIN_OBJECT_NS pins under tc/<object name>/, and the object name '%s' cannot be a directory there",
				  map, n);
	return 0;
}

static int find_id(struct rawbpf_object *obj, const struct elf_map_ext *x,
		   uint32_t n, uint32_t id, const char *outer)
{
	int found = -1;
	uint32_t i;

	for (i = 0; i < n; i++) {
		if (x[i].id != id)
			continue;
		if (found >= 0)
			return rb_obj_err(obj, -EINVAL,
					  "maps %s and %s have the same id %u",
					  obj->maps[x[found].map].name,
					  obj->maps[x[i].map].name, id);
		found = (int)i;
	}
	if (found < 0)
		return rb_obj_err(obj, -EINVAL,
				  "map %s: inner_id %u names no map (no map has that id)",
				  outer, id);
	if (is_outer(obj->maps[x[found].map].def.type))
		return rb_obj_err(obj, -EOPNOTSUPP,
				  "map %s: its inner map %s is itself a map-in-map",
				  outer, obj->maps[x[found].map].name);
	return found;
}

/* Map-in-map the iproute2 way: the outer map's inner template is a copy of
 * the map whose id is its inner_id; a map with an id (and no inner_id)
 * fills slot inner_idx of every outer map naming that id. */
static int link_inner(struct rawbpf_object *obj, struct elf_map_ext *x,
		      uint32_t n)
{
	uint32_t i, j;
	int in, t, err;

	for (i = 0; i < n; i++) {
		if (!is_outer(obj->maps[x[i].map].def.type))
			continue;
		in = find_id(obj, x, n, x[i].inner_id, obj->maps[x[i].map].name);
		if (in < 0)
			return in;
		t = rb_obj_add_map(obj);
		if (t < 0)
			return t;
		obj->maps[t].name = obj->maps[x[in].map].name;
		obj->maps[t].kind = RB_MAP_LEGACY;
		obj->maps[t].is_inner = true;
		obj->maps[t].sec = obj->maps[x[in].map].sec;
		obj->maps[t].sec_off = obj->maps[x[in].map].sec_off;
		obj->maps[t].def = obj->maps[x[in].map].def;
		obj->maps[t].def.pinning = RB_PIN_NONE;
		obj->maps[x[i].map].inner = t;
		obj->maps[x[i].map].def.value_size = 4;	/* slots hold map fds */
	}
	for (i = 0; i < n; i++) {
		if (!x[i].id || x[i].inner_id || x[i].inner_idx == NO_PREPOPULATE)
			continue;
		for (j = 0; j < n; j++) {
			if (!is_outer(obj->maps[x[j].map].def.type) ||
			    x[j].inner_id != x[i].id)
				continue;
			err = rb_obj_add_map_init(obj, &obj->maps[x[j].map],
						 x[i].inner_idx, x[i].map);
			if (err)
				return err;
		}
	}
	return 0;
}

static int add_legacy(struct rawbpf_object *obj, uint32_t sec,
		      const struct rb_elf_sym *sym, uint64_t def_size,
		      struct elf_map_ext *x)
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
	err = read_ext(obj, m, d, def_size, x);
	if (err)
		return err;
	if (x->pinning == PIN_OBJECT_NS) {
		err = check_obj_ns_name(obj, m->name);
		if (err)
			return err;
	}
	m->def.pinning = x->pinning == PIN_GLOBAL_NS ? RB_PIN_TC_GLOBAL :
			 x->pinning == PIN_OBJECT_NS ? RB_PIN_TC_OBJECT :
			 RB_PIN_NONE;
	return 0;
}

int rb_obj_collect_legacy_maps(struct rawbpf_object *obj, uint32_t sec)
{
	struct rb_elf *e = &obj->elf;
	const struct rb_elf_shdr *s = &e->sh[sec];
	struct elf_map_ext *x;
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
		err = link_inner(obj, x, n);
	rb_free(obj->alloc, x, sizeof(*x) * nsyms);
	return err;
}
