// SPDX-License-Identifier: BSD-2-Clause
/* maps_btf.c - the object's maps from the BTF `.maps` section (libbpf style:
 * __uint/__type/__array/pinning), their inner-map templates, and the
 * initial values of prog_array and map-in-map slots (relocations in
 * .rel.maps). */
#include <elf.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "object/object.h"
#include "btf/map_def_parse.h"

static void copy_def(struct rb_map_def *d, const struct rb_btf_map_def *b)
{
	d->type = b->map_type;
	d->key_size = b->key_size;
	d->value_size = b->value_size;
	d->max_entries = b->max_entries;
	d->map_flags = b->map_flags;
	d->numa_node = b->numa_node;
	d->map_extra = b->map_extra;
	d->pinning = b->pinning == RB_MAPDEF_PIN_BY_NAME ? RB_PIN_BY_NAME
							 : RB_PIN_NONE;
	d->btf_key_type_id = b->key_type_id;
	d->btf_value_type_id = b->value_type_id;
}

static bool is_outer(uint32_t type)
{
	return type == BPF_MAP_TYPE_ARRAY_OF_MAPS ||
	       type == BPF_MAP_TYPE_HASH_OF_MAPS;
}

/* The name of the member of definition struct @def_id that holds byte @off
 * (the last one starting at or before it). */
static const char *member_at(const struct rb_btf *btf, uint32_t def_id,
			     uint64_t off)
{
	const struct rb_btf_type *t = rb_btf_type_by_id(btf, def_id);
	const char *name = "?";
	unsigned i;

	for (i = 0; t && i < rb_btf_vlen(t); i++) {
		if (rb_btf_member_bit_offset(t, i) / 8 > off)
			break;
		name = rb_btf_str(btf, rb_btf_members(t)[i].name_off);
	}
	return name && name[0] ? name : "?";
}

/* A definition is attributes in types: its bytes are zero except the
 * `values` slots, which relocations fill. Anything else is an initializer
 * (`.key = (void *)8`) that would otherwise be ignored. */
static int check_no_init(struct rawbpf_object *obj, const struct rb_elf_sym *sym,
			 const struct rb_btf_map_def *def, uint64_t size)
{
	const uint8_t *d = obj->elf.sh[sym->shndx].data;
	uint64_t k, end = def->values_type_id ? def->values_off : size;

	for (k = 0; d && k < end; k++)
		if (d[sym->value + k])
			return rb_obj_err(obj, -EINVAL,
					  "map %s: member '%s' has an initializer (byte %llu is not zero); a .maps definition may only initialize `values`",
					  sym->name,
					  member_at(obj->btf, def->def_id, k),
					  (unsigned long long)k);
	return 0;
}

static int add_btf_map(struct rawbpf_object *obj, const struct rb_elf_sym *sym,
		       int var)
{
	struct rb_btf_map_def def, inner;
	struct rb_btf_error berr = { 0 };
	struct rawbpf_map *m;
	int64_t size;
	int idx, in, err;

	memset(&def, 0, sizeof(def));
	memset(&inner, 0, sizeof(inner));
	err = rb_btf_map_def_parse(obj->btf, (uint32_t)var, &def, &inner, &berr);
	if (err)
		return rb_obj_err(obj, err, "map %s: %s", sym->name, berr.msg);
	size = rb_btf_size(obj->btf, def.def_id);
	if (size < 0 || sym->value > obj->elf.sh[sym->shndx].size ||
	    (uint64_t)size > obj->elf.sh[sym->shndx].size - sym->value ||
	    sym->size > obj->elf.sh[sym->shndx].size - sym->value)
		return rb_obj_err(obj, -EBADMSG,
				  "map %s: definition size %lld does not fit .maps",
				  sym->name, (long long)size);
	if (!(def.fields & RB_MAPDEF_TYPE))
		return rb_obj_err(obj, -EINVAL, "map %s: no type given", sym->name);
	err = check_no_init(obj, sym, &def, (uint64_t)size);
	if (err)
		return err;
	if (def.pinning > RB_MAPDEF_PIN_BY_NAME)
		return rb_obj_err(obj, -EOPNOTSUPP,
				  "map %s: pinning %u is not supported (only LIBBPF_PIN_BY_NAME)",
				  sym->name, def.pinning);
	if (is_outer(def.map_type) && !inner.fields)
		return rb_obj_err(obj, -EINVAL,
				  "map %s: map-in-map without an inner map definition (__array(values, ...))",
				  sym->name);
	idx = rb_obj_add_map(obj);
	if (idx < 0)
		return idx;
	m = &obj->maps[idx];
	m->name = sym->name;
	m->kind = RB_MAP_BTF;
	m->sec = sym->shndx;
	m->sec_off = sym->value;
	/* initialised `values` make the variable longer than its type */
	m->def_size = (uint32_t)(sym->size > (uint64_t)size ? sym->size : (uint64_t)size);
	m->values_off = def.values_off;
	m->def_type = def.def_id;
	copy_def(&m->def, &def);
	if (is_outer(def.map_type))
		m->def.value_size = 4;	/* slots hold map fds */
	else if (def.map_type == BPF_MAP_TYPE_PROG_ARRAY) {
		m->def.value_size = 4;
		m->init_progs = true;
	}
	if (!inner.fields)
		return 0;
	in = rb_obj_add_map(obj);
	if (in < 0)
		return in;
	m = &obj->maps[idx];	/* the array may have moved */
	m->inner = in;
	obj->maps[in].name = m->name;
	obj->maps[in].kind = RB_MAP_BTF;
	obj->maps[in].is_inner = true;
	obj->maps[in].sec = sym->shndx;
	obj->maps[in].sec_off = sym->value;
	copy_def(&obj->maps[in].def, &inner);
	obj->maps[in].def.pinning = RB_PIN_NONE;
	return 0;
}

int rb_obj_collect_btf_maps(struct rawbpf_object *obj)
{
	struct rb_elf *e = &obj->elf;
	struct rb_elf_sym sym;
	uint32_t i;
	int err;

	if (!obj->btf)
		return rb_obj_err(obj, -EINVAL,
				  "section .maps: map definitions need BTF, and the object has no .BTF");
	for (i = 1; i < e->symtab.count; i++) {
		int var;

		if (rb_elf_sym(e, i, &sym) || sym.shndx != obj->maps_sec ||
		    sym.type == STT_SECTION || sym.type == STT_FILE)
			continue;
		var = rb_btf_find(obj->btf, sym.name, RB_BTF_KIND_VAR);
		if (var == -ENOMEM)
			return var;
		if (var <= 0)
			return rb_obj_err(obj, -EINVAL,
					  "map %s: no BTF variable describes it", sym.name);
		err = add_btf_map(obj, &sym, var);
		if (err)
			return err;
	}
	return 0;
}

/* The BTF map whose definition covers byte @off of .maps, or -1. */
static int map_covering(const struct rawbpf_object *obj, uint64_t off)
{
	uint32_t i;

	for (i = 0; i < obj->nmaps; i++) {
		const struct rawbpf_map *m = &obj->maps[i];

		if (m->kind == RB_MAP_BTF && !m->is_inner && m->sec == obj->maps_sec &&
		    off >= m->sec_off && off - m->sec_off < m->def_size)
			return (int)i;
	}
	return -1;
}

static int one_init(struct rawbpf_object *obj, uint32_t rs, uint32_t j)
{
	struct rb_elf *e = &obj->elf;
	struct rb_elf_rel r;
	struct rb_elf_sym sym;
	struct rawbpf_map *m;
	uint64_t rel;
	int mi, t, err;

	err = rb_elf_rel(e, rs, j, 8, &r);
	if (err)
		return rb_obj_err(obj, err, "%s", e->err);
	err = rb_elf_sym(e, r.sym, &sym);
	if (err)
		return rb_obj_err(obj, -EBADMSG, ".rel.maps: bad symbol %u", r.sym);
	mi = map_covering(obj, r.offset);
	if (mi < 0)
		return rb_obj_err(obj, -EBADMSG,
				  ".rel.maps: relocation at %llu is in no map definition",
				  (unsigned long long)r.offset);
	m = &obj->maps[mi];
	rel = r.offset - m->sec_off;
	if (!m->values_off || rel < m->values_off || (rel - m->values_off) % 8)
		return rb_obj_err(obj, -EINVAL,
				  "map %s: member '%s' is initialized with '%s' (relocation at byte %llu); a .maps definition may only initialize `values`",
				  m->name, member_at(obj->btf, m->def_type, rel),
				  sym.name, (unsigned long long)rel);
	if (m->init_progs) {
		t = sym.shndx < e->shnum ?
			rb_obj_find_func(obj, sym.shndx, (uint32_t)(sym.value / 8)) : -1;
		if (t < 0 || obj->funcs[t].prog < 0)
			return rb_obj_err(obj, -EINVAL,
					  "map %s: initial value '%s' is not a program",
					  m->name, sym.name);
		t = obj->funcs[t].prog;
	} else {
		t = rb_obj_map_at(obj, sym.shndx, sym.value);
		if (t < 0)
			return rb_obj_err(obj, -EINVAL,
					  "map %s: initial value '%s' is not a map",
					  m->name, sym.name);
	}
	return rb_obj_add_map_init(obj, m, (uint32_t)((rel - m->values_off) / 8),
			(uint32_t)t);
}

int rb_obj_collect_map_inits(struct rawbpf_object *obj)
{
	if (!obj->maps_sec)
		return 0;
	return rb_obj_each_rel(obj, obj->maps_sec, one_init);
}

int rb_obj_each_rel(struct rawbpf_object *obj, uint32_t sec,
		    int (*fn)(struct rawbpf_object *obj, uint32_t rs, uint32_t j))
{
	struct rb_elf *e = &obj->elf;
	uint32_t i, j;
	int err;

	for (i = 1; i < e->shnum; i++) {
		if (e->sh[i].type != SHT_REL || e->sh[i].info != sec)
			continue;
		for (j = 0; j < rb_elf_rel_count(e, i); j++) {
			err = fn(obj, i, j);
			if (err)
				return err;
		}
	}
	return 0;
}
