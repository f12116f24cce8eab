// SPDX-License-Identifier: BSD-2-Clause
/*
 * maps_iproute2.c - iproute2's struct bpf_elf_map, read as iproute2 reads
 * it: pinning PIN_OBJECT_NS (1) and PIN_GLOBAL_NS (2) pin under
 * <pin root>/tc/ (custom pinnings refused), an outer map names its inner
 * map by id (inner_id), and a map with an id goes into slot inner_idx of
 * the outer maps naming it (0xffffffff: nowhere).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "rawbpf/pin.h"
#include "object/object.h"
#include "object/maps_iproute2.h"

/* iproute2's pinning values (bpf_elf.h). */
enum { PIN_NONE, PIN_OBJECT_NS, PIN_GLOBAL_NS };

#define NO_PREPOPULATE 0xffffffffu	/* inner_idx: insert nowhere */

static bool is_outer(uint32_t type)
{
	return type == BPF_MAP_TYPE_ARRAY_OF_MAPS ||
	       type == BPF_MAP_TYPE_HASH_OF_MAPS;
}

/* PIN_OBJECT_NS pins under <root>/tc/<object name>: a directory name. */
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

int rb_obj_elf_map_ext(struct rawbpf_object *obj, struct rawbpf_map *m,
		       const uint8_t *d, uint64_t def_size,
		       struct rb_elf_map_ext *x)
{
	const struct rb_elf *e = &obj->elf;

	/* fields past the entry's end are zero, as iproute2 fills them */
	x->id = rb_elf_u32(e, d + 20);
	x->pinning = rb_elf_u32(e, d + 24);
	if (def_size >= 32)
		x->inner_id = rb_elf_u32(e, d + 28);
	if (def_size >= RB_ELF_MAP_SIZE)
		x->inner_idx = rb_elf_u32(e, d + 32);
	if (x->pinning > PIN_GLOBAL_NS)
		return rb_obj_err(obj, -EOPNOTSUPP,
				  "map %s: pinning %u (an iproute2 custom pinning from /etc/iproute2/bpf_pinning) is not supported; only PIN_NONE (0), PIN_OBJECT_NS (1) and PIN_GLOBAL_NS (2) are",
				  m->name, x->pinning);
	if (x->inner_id && !is_outer(m->def.type))
		return rb_obj_err(obj, -EINVAL,
				  "map %s: inner_id %u is set but the map (type %u) is not a map-in-map",
				  m->name, x->inner_id, m->def.type);
	if (x->pinning == PIN_OBJECT_NS && check_obj_ns_name(obj, m->name))
		return -EINVAL;
	m->def.pinning = x->pinning == PIN_GLOBAL_NS ? RB_PIN_TC_GLOBAL :
			 x->pinning == PIN_OBJECT_NS ? RB_PIN_TC_OBJECT :
			 RB_PIN_NONE;
	return 0;
}

/* The index in @x of the one map with id @id (the inner map of @outer). */
static int find_id(struct rawbpf_object *obj, const struct rb_elf_map_ext *x,
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

/* A template (is_inner) copy of map @src for outer map @outer. */
static int add_template(struct rawbpf_object *obj, uint32_t outer,
			uint32_t src)
{
	int t = rb_obj_add_map(obj);
	struct rawbpf_map *m;

	if (t < 0)
		return t;
	m = &obj->maps[t];
	m->name = obj->maps[src].name;
	m->kind = RB_MAP_LEGACY;
	m->is_inner = true;
	m->sec = obj->maps[src].sec;
	m->sec_off = obj->maps[src].sec_off;
	m->def = obj->maps[src].def;
	m->def.pinning = RB_PIN_NONE;
	obj->maps[outer].inner = t;
	obj->maps[outer].def.value_size = 4;	/* slots hold map fds */
	return 0;
}

int rb_obj_elf_map_link(struct rawbpf_object *obj,
			const struct rb_elf_map_ext *x, uint32_t n)
{
	uint32_t i, j;
	int in, err;

	for (i = 0; i < n; i++) {
		if (!is_outer(obj->maps[x[i].map].def.type))
			continue;
		/* also a bpf_map_def, which has no inner_id to give */
		if (!x[i].inner_id)
			return rb_obj_err(obj, -EINVAL,
					  "map %s: a map-in-map needs inner_id (the id of its inner map)",
					  obj->maps[x[i].map].name);
		in = find_id(obj, x, n, x[i].inner_id, obj->maps[x[i].map].name);
		if (in < 0)
			return in;
		err = add_template(obj, x[i].map, x[in].map);
		if (err)
			return err;
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

int rb_obj_tc_pin_path(struct rawbpf_map *m, const char *root, char *buf,
		       size_t size, bool mkdir)
{
	const char *sub = m->def.pinning == RB_PIN_TC_GLOBAL ? "globals" :
			  m->obj->name;
	size_t dir_len;
	int n, err;

	n = snprintf(buf, size, "%s/tc/%s/%s", root, sub, m->name);
	if (n < 0 || (size_t)n >= size)
		return rb_obj_err(m->obj, -ENAMETOOLONG,
				  "map %s: pin path under %s too long", m->name,
				  root);
	if (!mkdir)
		return 0;
	dir_len = (size_t)n - strlen(m->name) - 1;
	buf[dir_len] = '\0';
	err = rawbpf_bpffs_mkdir(buf, 0700);
	if (err)
		rb_obj_err(m->obj, err,
			   "map %s: making the pin directory %s failed%s",
			   m->name, buf, err == -ENOTSUP ? " (not on bpffs)" : "");
	buf[dir_len] = '/';
	return err;
}
