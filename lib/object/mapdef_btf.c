// SPDX-License-Identifier: BSD-2-Clause
/* mapdef_btf.c - maps defined in the BTF `.maps` section (libbpf style:
 * __uint/__type/__array/pinning), their inner-map templates, and the
 * initial values of prog_array and map-in-map slots (relocations in
 * .rel.maps). */
#include <elf.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "object/object.h"
#include "btf/btf_mapdef.h"

static void copy_def(struct rb_map_def *d, const struct rb_btf_map_def *b)
{
	d->type = b->map_type;
	d->key_size = b->key_size;
	d->value_size = b->value_size;
	d->max_entries = b->max_entries;
	d->map_flags = b->map_flags;
	d->numa_node = b->numa_node;
	d->map_extra = b->map_extra;
	d->pinning = b->pinning;
	d->btf_key_type_id = b->key_type_id;
	d->btf_value_type_id = b->value_type_id;
}

static bool is_outer(uint32_t type)
{
	return type == BPF_MAP_TYPE_ARRAY_OF_MAPS ||
	       type == BPF_MAP_TYPE_HASH_OF_MAPS;
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
	obj->maps[in].def.pinning = 0;
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

static int add_init(struct rawbpf_object *obj, struct rawbpf_map *m,
		    uint32_t slot, uint32_t target)
{
	struct rb_map_init *n;

	n = rb_resize(obj->alloc, m->init,
		      sizeof(*n) * (m->init_cnt + 1));
	if (!n)
		return -ENOMEM;
	m->init = n;
	m->init[m->init_cnt++] = (struct rb_map_init){ slot, target };
	return 0;
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
		return rb_obj_err(obj, -EBADMSG,
				  "map %s: relocation at byte %llu of its definition is not a `values` slot",
				  m->name, (unsigned long long)rel);
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
	return add_init(obj, m, (uint32_t)((rel - m->values_off) / 8),
			(uint32_t)t);
}

int rb_obj_collect_map_inits(struct rawbpf_object *obj)
{
	struct rb_elf *e = &obj->elf;
	uint32_t i, j;
	int err;

	if (!obj->maps_sec)
		return 0;
	for (i = 1; i < e->shnum; i++) {
		if (e->sh[i].type != SHT_REL || e->sh[i].info != obj->maps_sec)
			continue;
		for (j = 0; j < rb_elf_rel_count(e, i); j++) {
			err = one_init(obj, i, j);
			if (err)
				return err;
		}
	}
	return 0;
}
