// SPDX-License-Identifier: BSD-2-Clause
/* map_def_parse.c - parse libbpf-style BTF map definitions (__uint, __type,
 * __array, __ulong members of the struct behind a `.maps` VAR). */
#include <errno.h>
#include <stddef.h>
#include <string.h>

#include "btf/map_def_parse.h"
#include "core/mem.h"

#define E(...) rb_btf_set_error(err, -EINVAL, RB_BTF_ERR_MAPDEF, id, __VA_ARGS__)

/* The type @id with modifiers and typedefs stripped, or NULL. */
static const struct rb_btf_type *resolved(const struct rb_btf *btf, uint32_t id,
					  uint32_t *out_id)
{
	int r = rb_btf_resolve(btf, id);

	if (r < 0)
		return NULL;
	if (out_id)
		*out_id = (uint32_t)r;
	return rb_btf_type_by_id(btf, (uint32_t)r);
}

/* __uint(name, val): int (*name)[val]. */
static int field_uint(const struct rb_btf *btf, const char *map, const char *field,
		      uint32_t id, uint32_t *val, struct rb_btf_error *err)
{
	const struct rb_btf_type *t = resolved(btf, id, NULL), *arr;

	if (!t || rb_btf_kind(t) != RB_BTF_KIND_PTR)
		return E("map '%s': field '%s': expected a pointer to an array (__uint), got %s",
			 map, field, t ? rb_btf_kind_str(rb_btf_kind(t)) : "a bad type");
	arr = rb_btf_type_by_id(btf, t->type);
	if (!arr || rb_btf_kind(arr) != RB_BTF_KIND_ARRAY)
		return E("map '%s': field '%s': expected an array behind the pointer (__uint), got %s",
			 map, field, arr ? rb_btf_kind_str(rb_btf_kind(arr)) : "a bad type");
	*val = rb_btf_array_info(arr)->nelems;
	return 0;
}

/* __uint or __ulong(name, val): enum { x = val } name. */
static int field_ulong(const struct rb_btf *btf, const char *map, const char *field,
		       uint32_t id, uint64_t *val, struct rb_btf_error *err)
{
	const struct rb_btf_type *t = resolved(btf, id, NULL);
	uint32_t v32;
	int ret;

	if (t && rb_btf_kind(t) == RB_BTF_KIND_ENUM && rb_btf_vlen(t) == 1) {
		*val = rb_btf_kflag(t) ? (uint64_t)(int64_t)rb_btf_enums(t)[0].val
				       : (uint32_t)rb_btf_enums(t)[0].val;
		return 0;
	}
	if (t && rb_btf_kind(t) == RB_BTF_KIND_ENUM64 && rb_btf_vlen(t) == 1) {
		*val = rb_btf_enum64_value(&rb_btf_enums64(t)[0]);
		return 0;
	}
	ret = field_uint(btf, map, field, id, &v32, err);
	*val = v32;
	return ret;
}

/* __type(name, T): typeof(T) *name; returns T's id and size. */
static int field_type(const struct rb_btf *btf, const char *map, const char *field,
		      uint32_t id, uint32_t *type_id, uint32_t *size,
		      struct rb_btf_error *err)
{
	const struct rb_btf_type *t = resolved(btf, id, NULL);
	int64_t sz;

	if (!t || rb_btf_kind(t) != RB_BTF_KIND_PTR)
		return E("map '%s': field '%s': expected a pointer to the type (__type), got %s",
			 map, field, t ? rb_btf_kind_str(rb_btf_kind(t)) : "a bad type");
	sz = rb_btf_size(btf, t->type);
	if (sz < 0)
		return E("map '%s': field '%s': size of type [%u] unknown (%lld)",
			 map, field, t->type, (long long)sz);
	*type_id = t->type;
	*size = (uint32_t)sz;
	return 0;
}

static int set_size(uint32_t *dst, uint32_t val, uint32_t *fields, uint32_t bit,
		    const char *map, const char *field, uint32_t id,
		    struct rb_btf_error *err)
{
	if ((*fields & bit) && *dst != val)
		return E("map '%s': field '%s': size %u conflicts with size %u set before",
			 map, field, val, *dst);
	*dst = val;
	*fields |= bit;
	return 0;
}

static int parse_def(const struct rb_btf *btf, const char *map, uint32_t def_id,
		     bool is_inner, struct rb_btf_map_def *def,
		     struct rb_btf_map_def *inner, struct rb_btf_error *err);

/* __array(values, T): typeof(T) *values[] for map-in-map / prog_array. */
static int field_values(const struct rb_btf *btf, const char *map, uint32_t id,
			uint32_t mid, bool is_inner, struct rb_btf_map_def *def,
			struct rb_btf_map_def *inner, struct rb_btf_error *err)
{
	const struct rb_btf_type *t = resolved(btf, id, NULL), *p;
	bool mim = def->map_type == RB_MAPDEF_ARRAY_OF_MAPS ||
		   def->map_type == RB_MAPDEF_HASH_OF_MAPS;
	bool progs = def->map_type == RB_MAPDEF_PROG_ARRAY;
	uint32_t elem;
	int ret;

	(void)mid;
	if (is_inner)
		return E("map '%s': field 'values': an inner map cannot itself hold maps", map);
	if (!(def->fields & RB_MAPDEF_TYPE) || (!mim && !progs))
		return E("map '%s': field 'values': needs a map-in-map or prog_array type declared before it",
			 map);
	if (!t || rb_btf_kind(t) != RB_BTF_KIND_ARRAY || rb_btf_array_info(t)->nelems)
		return E("map '%s': field 'values': expected a zero-length array of pointers (__array)",
			 map);
	p = resolved(btf, rb_btf_array_info(t)->type, NULL);
	if (!p || rb_btf_kind(p) != RB_BTF_KIND_PTR)
		return E("map '%s': field 'values': array elements are not pointers", map);
	t = resolved(btf, p->type, &elem);
	if (!t)
		return E("map '%s': field 'values': bad element type [%u]", map, p->type);
	if (progs && rb_btf_kind(t) != RB_BTF_KIND_FUNC_PROTO)
		return E("map '%s': field 'values': prog_array values must be functions, got %s",
			 map, rb_btf_kind_str(rb_btf_kind(t)));
	if (mim && rb_btf_kind(t) != RB_BTF_KIND_STRUCT)
		return E("map '%s': field 'values': inner map definition must be a struct, got %s",
			 map, rb_btf_kind_str(rb_btf_kind(t)));
	ret = set_size(&def->value_size, 4, &def->fields, RB_MAPDEF_VALUE_SIZE, map,
		       "values", id, err);
	if (ret)
		return ret;
	def->values_type_id = elem;
	def->fields |= RB_MAPDEF_VALUES;
	if (mim && inner) {
		ret = parse_def(btf, map, elem, true, inner, NULL, err);
		if (ret)
			return ret;
		inner->name = map;
	}
	return 0;
}

/* The definition's members: how each is written and where it goes. */
enum { F_UINT, F_ULONG, F_SIZE, F_TYPE, F_VALUES, F_PINNING };
#define OFF(f) offsetof(struct rb_btf_map_def, f)
static const struct {
	char name[12];
	uint8_t how;		/* F_* */
	uint8_t val;		/* offset of the value (TYPE: of the size) */
	uint8_t tid;		/* TYPE: offset of the type id */
	uint32_t bit;		/* RB_MAPDEF_* (TYPE: of the size) */
	uint32_t tbit;		/* TYPE: RB_MAPDEF_* of the type id */
} def_fields[] = {
	{ "type", F_UINT, OFF(map_type), 0, RB_MAPDEF_TYPE, 0 },
	{ "max_entries", F_UINT, OFF(max_entries), 0, RB_MAPDEF_MAX_ENTRIES, 0 },
	{ "map_flags", F_UINT, OFF(map_flags), 0, RB_MAPDEF_MAP_FLAGS, 0 },
	{ "numa_node", F_UINT, OFF(numa_node), 0, RB_MAPDEF_NUMA_NODE, 0 },
	{ "map_extra", F_ULONG, OFF(map_extra), 0, RB_MAPDEF_MAP_EXTRA, 0 },
	{ "key_size", F_SIZE, OFF(key_size), 0, RB_MAPDEF_KEY_SIZE, 0 },
	{ "value_size", F_SIZE, OFF(value_size), 0, RB_MAPDEF_VALUE_SIZE, 0 },
	{ "key", F_TYPE, OFF(key_size), OFF(key_type_id), RB_MAPDEF_KEY_SIZE,
	  RB_MAPDEF_KEY_TYPE },
	{ "value", F_TYPE, OFF(value_size), OFF(value_type_id),
	  RB_MAPDEF_VALUE_SIZE, RB_MAPDEF_VALUE_TYPE },
	{ "values", F_VALUES, 0, 0, 0, 0 },
	{ "pinning", F_PINNING, OFF(pinning), 0, RB_MAPDEF_PINNING, 0 },
};

static uint32_t *def_u32(struct rb_btf_map_def *def, uint8_t off)
{
	return (uint32_t *)((char *)def + off);
}

static int parse_def(const struct rb_btf *btf, const char *map, uint32_t def_id,
		     bool is_inner, struct rb_btf_map_def *def,
		     struct rb_btf_map_def *inner, struct rb_btf_error *err)
{
	const struct rb_btf_type *t = rb_btf_type_by_id(btf, def_id);
	const char *what = is_inner ? "inner definition" : "definition";
	uint32_t id = def_id, sz, tid, i, k;
	int ret = 0;

	if (!t || rb_btf_kind(t) != RB_BTF_KIND_STRUCT)
		return E("map '%s': %s is a %s, not a struct", map, what,
			 t ? rb_btf_kind_str(rb_btf_kind(t)) : "bad type");
	def->def_id = def_id;
	for (i = 0; i < rb_btf_vlen(t) && !ret; i++) {
		const struct rb_btf_member *m = &rb_btf_members(t)[i];
		const char *f = rb_btf_str(btf, m->name_off);

		if (!f || !*f)
			return E("map '%s': %s member %u has no name", map, what, i);
		for (k = 0; k < RB_ARRAY_SIZE(def_fields); k++)
			if (!strcmp(f, def_fields[k].name))
				break;
		if (k == RB_ARRAY_SIZE(def_fields))
			return rb_btf_set_error(err, -ENOTSUP, RB_BTF_ERR_MAPDEF, id,
						"map '%s': unknown field '%s' in the %s",
						map, f, what);
		switch (def_fields[k].how) {
		case F_UINT:
			ret = field_uint(btf, map, f, m->type,
					 def_u32(def, def_fields[k].val), err);
			break;
		case F_ULONG:
			ret = field_ulong(btf, map, f, m->type, &def->map_extra, err);
			break;
		case F_SIZE:
		case F_TYPE:
			tid = 0;
			ret = def_fields[k].how == F_SIZE ?
				field_uint(btf, map, f, m->type, &sz, err) :
				field_type(btf, map, f, m->type, &tid, &sz, err);
			if (!ret)
				ret = set_size(def_u32(def, def_fields[k].val), sz,
					       &def->fields, def_fields[k].bit,
					       map, f, id, err);
			if (!ret && def_fields[k].how == F_TYPE) {
				*def_u32(def, def_fields[k].tid) = tid;
				def->fields |= def_fields[k].tbit;
			}
			continue;	/* set_size set the bit */
		case F_VALUES:
			def->values_off = rb_btf_member_bit_offset(t, i) / 8;
			ret = field_values(btf, map, m->type, i, is_inner, def, inner, err);
			continue;
		case F_PINNING:
			if (is_inner)
				return E("map '%s': field 'pinning': an inner map cannot be pinned", map);
			ret = field_uint(btf, map, f, m->type, &def->pinning, err);
			if (!ret && def->pinning != RB_MAPDEF_PIN_NONE &&
			    def->pinning != RB_MAPDEF_PIN_BY_NAME)
				ret = E("map '%s': field 'pinning': value %u is neither NONE (0) nor BY_NAME (1)",
					map, def->pinning);
			break;
		}
		def->fields |= def_fields[k].bit;
	}
	return ret;
}

int rb_btf_map_def_parse(const struct rb_btf *btf, uint32_t var_id,
			 struct rb_btf_map_def *def, struct rb_btf_map_def *inner,
			 struct rb_btf_error *err)
{
	const struct rb_btf_type *v = rb_btf_type_by_id(btf, var_id);
	uint32_t id = var_id, def_id;
	const char *map;

	memset(def, 0, sizeof(*def));
	if (inner)
		memset(inner, 0, sizeof(*inner));
	if (err)
		memset(err, 0, sizeof(*err));
	if (!v || rb_btf_kind(v) != RB_BTF_KIND_VAR)
		return E("map definition [%u] is not a variable", var_id);
	map = rb_btf_name(btf, var_id);
	if (!*map)
		return E("map definition [%u] has no name", var_id);
	def->name = map;
	def->var_id = var_id;
	if (!resolved(btf, v->type, &def_id))
		return E("map '%s': definition type [%u] does not resolve", map, v->type);
	return parse_def(btf, map, def_id, false, def, inner, err);
}
