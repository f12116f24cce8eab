/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * map_def_parse.h - parse libbpf-style BTF map definitions (internal, pure):
 * what a `.maps` VAR says. lib/object/maps_btf.c turns the result into the
 * object's maps.
 *
 * A map in the `.maps` section is a VAR whose type is an anonymous struct;
 * each member encodes one attribute in its type, as libbpf's bpf_helpers.h
 * writes them:
 *   __uint(name, val)   int (*name)[val]        -> val is the array length
 *   __type(name, T)     typeof(T) *name         -> T's type id (and size)
 *   __array(name, T)    typeof(T) *name[]       -> T: inner map def / func proto
 *   __ulong(name, val)  enum { x = val } name   -> a 64-bit value (map_extra)
 * Pure: no syscalls.
 */
#ifndef RB_BTF_MAP_DEF_PARSE_H
#define RB_BTF_MAP_DEF_PARSE_H

#include "btf/btf.h"

/* Which fields a definition set (bits of rb_btf_map_def.fields). */
enum {
	RB_MAPDEF_TYPE = 1 << 0,
	RB_MAPDEF_KEY_SIZE = 1 << 1,	/* set by key_size or key */
	RB_MAPDEF_KEY_TYPE = 1 << 2,
	RB_MAPDEF_VALUE_SIZE = 1 << 3,	/* set by value_size, value or values */
	RB_MAPDEF_VALUE_TYPE = 1 << 4,
	RB_MAPDEF_MAX_ENTRIES = 1 << 5,
	RB_MAPDEF_MAP_FLAGS = 1 << 6,
	RB_MAPDEF_NUMA_NODE = 1 << 7,
	RB_MAPDEF_MAP_EXTRA = 1 << 8,
	RB_MAPDEF_PINNING = 1 << 9,
	RB_MAPDEF_VALUES = 1 << 10,	/* __array(values, ...) present */
};

/* libbpf's pinning values (LIBBPF_PIN_*). */
enum { RB_MAPDEF_PIN_NONE = 0, RB_MAPDEF_PIN_BY_NAME = 1 };

/* BPF map types the decoder must know about (uapi numbers). */
enum {
	RB_MAPDEF_PROG_ARRAY = 3,
	RB_MAPDEF_ARRAY_OF_MAPS = 12,
	RB_MAPDEF_HASH_OF_MAPS = 13,
};

/* One decoded definition. */
struct rb_btf_map_def {
	const char *name;	/* the VAR's name (an inner def: the outer's) */
	uint32_t var_id;	/* the VAR (0 for an inner definition) */
	uint32_t def_id;	/* the definition struct */
	uint32_t fields;	/* RB_MAPDEF_* present */
	uint32_t map_type;
	uint32_t key_size;
	uint32_t key_type_id;	/* 0 unless __type(key, T) */
	uint32_t value_size;
	uint32_t value_type_id;	/* 0 unless __type(value, T) */
	uint32_t max_entries;
	uint32_t map_flags;
	uint32_t numa_node;
	uint32_t pinning;	/* RB_MAPDEF_PIN_* */
	uint64_t map_extra;
	/* __array(values, T): T's id (inner def struct or prog func_proto),
	 * and the byte offset of the `values` member inside the definition
	 * (initial values are relocations at var offset + values_off + 8 * i). */
	uint32_t values_type_id;
	uint32_t values_off;
};

/*
 * rb_btf_map_def_parse - decode the definition of map VAR @var_id into @def;
 * for a map-in-map with __array(values, struct inner) also decode the inner
 * definition into @inner (may be NULL to skip; inner->fields is 0 when there
 * is none). Returns 0, -EINVAL (malformed) or -ENOTSUP (unknown field), the
 * message in @err naming the map and field.
 */
int rb_btf_map_def_parse(const struct rb_btf *btf, uint32_t var_id,
			 struct rb_btf_map_def *def, struct rb_btf_map_def *inner,
			 struct rb_btf_error *err);

#endif
