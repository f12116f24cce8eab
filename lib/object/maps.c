// SPDX-License-Identifier: BSD-2-Clause
/* maps.c - map definitions of an object: global data sections (.data,
 * .rodata, .bss, .data.*, .rodata.*), the hand-off to legacy `maps`
 * (maps_legacy.c) and BTF `.maps` (maps_btf.c) definitions, and the index
 * of named maps by where they are defined. */
#include <elf.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "object/object.h"
#include "object/kconfig.h"
#include "object/ksyms.h"

static bool prefix_sec(const char *name, const char *base)
{
	size_t n = strlen(base);

	return !strncmp(name, base, n) && (name[n] == '\0' || name[n] == '.');
}

static bool is_data_sec(const struct rb_elf_shdr *s)
{
	if ((s->type != SHT_PROGBITS && s->type != SHT_NOBITS) ||
	    !(s->flags & SHF_ALLOC) || (s->flags & SHF_EXECINSTR) || !s->size)
		return false;
	return prefix_sec(s->name, ".data") || prefix_sec(s->name, ".rodata") ||
	       prefix_sec(s->name, ".bss");
}

/* Grow obj->maps by one zeroed entry; its index or -ENOMEM. */
int rb_obj_add_map(struct rawbpf_object *obj)
{
	struct rawbpf_map *m;

	m = rb_resize(obj->alloc, obj->maps,
		      sizeof(*m) * (obj->nmaps + 1));
	if (!m)
		return -ENOMEM;
	obj->maps = m;
	m = &obj->maps[obj->nmaps];
	memset(m, 0, sizeof(*m));
	m->obj = obj;
	m->fd = -1;
	m->inner = -1;
	m->reuse_fd = -1;
	m->inner_fd = -1;
	return (int)obj->nmaps++;
}

int rb_obj_add_map_init(struct rawbpf_object *obj, struct rawbpf_map *m,
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

static int collect_data(struct rawbpf_object *obj)
{
	struct rb_elf *e = &obj->elf;
	uint32_t i;

	for (i = 1; i < e->shnum; i++) {
		const struct rb_elf_shdr *s = &e->sh[i];
		struct rawbpf_map *m;
		int idx;

		if (!is_data_sec(s))
			continue;
		if (s->size > UINT32_MAX / 2)
			return rb_obj_err(obj, -E2BIG,
					  "section %s: %llu bytes of global data is too large",
					  s->name, (unsigned long long)s->size);
		idx = rb_obj_add_map(obj);
		if (idx < 0)
			return idx;
		m = &obj->maps[idx];
		m->name = s->name;
		m->kind = RB_MAP_DATA;
		m->sec = i;
		m->rodata = prefix_sec(s->name, ".rodata");
		m->def.type = BPF_MAP_TYPE_ARRAY;
		m->def.key_size = 4;
		m->def.value_size = (uint32_t)s->size;
		m->def.max_entries = 1;
		m->def.map_flags = BPF_F_MMAPABLE |
				   (m->rodata ? BPF_F_RDONLY_PROG : 0);
		obj->sec_map[i] = (uint32_t)idx + 1;
		if (!s->data)
			continue;	/* .bss: zero until someone writes it */
		m->data = rb_alloc(obj->alloc, s->size);
		if (!m->data)
			return -ENOMEM;
		memcpy(m->data, s->data, s->size);
	}
	return 0;
}

static int index_maps(struct rawbpf_object *obj);

int rb_obj_collect_maps(struct rawbpf_object *obj)
{
	struct rb_elf *e = &obj->elf;
	int err;

	obj->sec_map = rb_alloc_array(obj->alloc, e->shnum, sizeof(uint32_t));
	if (!obj->sec_map)
		return -ENOMEM;
	if (obj->legacy_maps_sec) {
		err = rb_obj_collect_legacy_maps(obj, obj->legacy_maps_sec);
		if (err)
			return err;
	}
	if (obj->maps_sec) {
		err = rb_obj_collect_btf_maps(obj);
		if (err)
			return err;
	}
	err = collect_data(obj);
	if (!err)
		err = rb_obj_collect_arena(obj);
	if (!err)
		err = rb_obj_collect_externs(obj);
	if (!err)
		err = rb_obj_collect_ksyms(obj);
	return err ? err : index_maps(obj);
}

static int cmp_key(const void *a, const void *b)
{
	const struct rb_map_key *x = a, *y = b;

	if (x->sec != y->sec)
		return x->sec < y->sec ? -1 : 1;
	return x->off < y->off ? -1 : x->off > y->off;
}

/* Index the named (BTF and legacy) maps by where they are defined. */
static int index_maps(struct rawbpf_object *obj)
{
	uint32_t i, n = 0;

	obj->map_index = rb_alloc_array(obj->alloc, obj->nmaps,
					sizeof(*obj->map_index));
	if (!obj->map_index)
		return -ENOMEM;
	for (i = 0; i < obj->nmaps; i++)
		if (!obj->maps[i].is_inner && obj->maps[i].kind != RB_MAP_DATA)
			obj->map_index[n++] = (struct rb_map_key){
				obj->maps[i].sec, i, obj->maps[i].sec_off };
	obj->nmap_index = n;
	qsort(obj->map_index, n, sizeof(*obj->map_index), cmp_key);
	return 0;
}

int rb_obj_map_at(const struct rawbpf_object *obj, uint32_t sec, uint64_t off)
{
	struct rb_map_key key = { sec, 0, off };
	const struct rb_map_key *k;

	k = obj->nmap_index ? bsearch(&key, obj->map_index, obj->nmap_index,
				      sizeof(key), cmp_key) : NULL;
	return k ? (int)k->map : -1;
}
