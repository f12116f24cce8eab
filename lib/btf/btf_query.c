// SPDX-License-Identifier: BSD-2-Clause
/* btf_query.c - questions asked of parsed BTF: lookup by name through a hash
 * index built once, modifier/typedef resolution, size and alignment. */
#include <errno.h>
#include <string.h>

#include "btf/btf_internal.h"
#include "core/mem.h"

/* Longest typedef/modifier/array chain followed before giving up. */
#define RB_BTF_MAX_CHAIN 64

/* A string hash taking 8 bytes a step (it runs over every type name of
 * vmlinux once, so it matters). */
static uint32_t name_hash(const char *s)
{
	size_t len = strlen(s), i;
	uint64_t h = 0x9e3779b97f4a7c15ull ^ len, w;

	for (i = 0; i + 8 <= len; i += 8) {
		memcpy(&w, s + i, 8);
		h = (h ^ w) * 0xff51afd7ed558ccdull;
		h ^= h >> 32;
	}
	if (i < len) {
		w = 0;
		memcpy(&w, s + i, len - i);
		h = (h ^ w) * 0xff51afd7ed558ccdull;
		h ^= h >> 32;
	}
	return (uint32_t)h;
}

void rb_btf_index_drop(struct rb_btf *btf)
{
	rb_free(btf->a, btf->index);
	btf->index = NULL;
	btf->index_cap = 0;
}

static int index_build(struct rb_btf *btf)
{
	uint32_t id, named = 0, cap = 16, mask;
	const struct rb_btf_type *t;

	/* split BTF: its own types; lookups ask the base first */
	for (id = btf->id_bias + 1; id < btf->nr_types; id++)
		named += rb_btf_t(btf, id)->name_off != 0;
	while (cap < named * 2)
		cap *= 2;
	btf->index = rb_alloc_array(btf->a, cap, 4);
	if (!btf->index)
		return -ENOMEM;
	btf->index_cap = cap;
	mask = cap - 1;
	/* Hash a batch, prefetch its slots, then insert: the table is larger
	 * than the caches and each insert would otherwise wait on memory. */
	for (id = btf->id_bias + 1; id < btf->nr_types; ) {
		uint32_t ids[16], hs[16], n = 0, i, h;

		for (; id < btf->nr_types && n < 16; id++) {
			t = rb_btf_t(btf, id);
			if (!t->name_off)
				continue;
			ids[n] = id;
			hs[n] = name_hash(btf->base ? rb_btf_str(btf, t->name_off) :
					  (const char *)btf->data + btf->strs_start +
					  t->name_off) & mask;
			__builtin_prefetch(&btf->index[hs[n]], 1);
			n++;
		}
		for (i = 0; i < n; i++) {
			for (h = hs[i]; btf->index[h]; h = (h + 1) & mask)
				;
			btf->index[h] = ids[i];
		}
	}
	return 0;
}

int rb_btf_find_next(const struct rb_btf *cbtf, const char *name, int kind,
		     uint32_t prev_id)
{
	struct rb_btf *btf = (struct rb_btf *)cbtf; /* the index is a cache */
	uint32_t h, mask, id, best = 0;

	if (!name || !*name)
		return -ENOENT;
	if (btf->base && prev_id <= btf->id_bias) {
		int r = rb_btf_find_next(btf->base, name, kind, prev_id);

		if (r != -ENOENT)
			return r;
		prev_id = btf->id_bias;
	}
	if (!btf->index_cap && index_build(btf))
		return -ENOMEM;
	mask = btf->index_cap - 1;
	for (h = name_hash(name) & mask; (id = btf->index[h]); h = (h + 1) & mask) {
		const struct rb_btf_type *t = rb_btf_t(btf, id);

		if (id <= prev_id || (best && id >= best))
			continue;
		if (kind >= 0 && rb_btf_kind(t) != (unsigned)kind)
			continue;
		if (strcmp(rb_btf_str(btf, t->name_off), name))
			continue;
		best = id;
	}
	return best ? (int)best : -ENOENT;
}

int rb_btf_find(const struct rb_btf *btf, const char *name, int kind)
{
	return rb_btf_find_next(btf, name, kind, 0);
}

static int follow(const struct rb_btf *btf, uint32_t id, bool typedefs)
{
	int n;

	for (n = 0; n < RB_BTF_MAX_CHAIN; n++) {
		const struct rb_btf_type *t = rb_btf_type_by_id(btf, id);

		if (!t)
			return -EINVAL;
		if (!rb_btf_is_modifier(t) &&
		    !(typedefs && rb_btf_kind(t) == RB_BTF_KIND_TYPEDEF))
			return (int)id;
		id = t->type;
	}
	return -ELOOP;
}

int rb_btf_skip_mods(const struct rb_btf *btf, uint32_t id)
{
	return follow(btf, id, false);
}

int rb_btf_resolve(const struct rb_btf *btf, uint32_t id)
{
	return follow(btf, id, true);
}

/* The width of a pointer in @cbtf's target: the size of its long (a
 * 32-bit kernel's BTF has 4-byte pointers; libbpf's rule), 8 (BPF's) when
 * it has none. Looked up once and cached, like the index: long comes
 * among the first types of a vmlinux. */
static uint32_t ptr_size(const struct rb_btf *cbtf)
{
	struct rb_btf *btf = (struct rb_btf *)cbtf;	/* a cache */
	static const char *const longs[] = { "long int", "long unsigned int",
					     "long", "unsigned long" };
	uint32_t id, i;

	if (btf->base)
		return ptr_size(btf->base);
	if (btf->ptr_size)
		return btf->ptr_size;
	btf->ptr_size = 8;
	for (id = 1; id < btf->nr_types; id++) {
		const struct rb_btf_type *t = rb_btf_t(btf, id);
		const char *name;

		if (rb_btf_kind(t) != RB_BTF_KIND_INT || (t->size != 4 && t->size != 8))
			continue;
		name = rb_btf_str(btf, t->name_off);
		for (i = 0; name && i < sizeof(longs) / sizeof(longs[0]); i++)
			if (!strcmp(name, longs[i])) {
				btf->ptr_size = (uint8_t)t->size;
				return btf->ptr_size;
			}
	}
	return btf->ptr_size;
}

int64_t rb_btf_size(const struct rb_btf *btf, uint32_t id)
{
	uint64_t mult = 1;
	int n;

	for (n = 0; n < RB_BTF_MAX_CHAIN; n++) {
		const struct rb_btf_type *t = rb_btf_type_by_id(btf, id);
		uint64_t sz;

		if (!t)
			return -EINVAL;
		switch (rb_btf_kind(t)) {
		case RB_BTF_KIND_INT:
		case RB_BTF_KIND_ENUM:
		case RB_BTF_KIND_ENUM64:
		case RB_BTF_KIND_STRUCT:
		case RB_BTF_KIND_UNION:
		case RB_BTF_KIND_DATASEC:
		case RB_BTF_KIND_FLOAT:
			sz = t->size;
			break;
		case RB_BTF_KIND_PTR:
			sz = ptr_size(btf);
			break;
		case RB_BTF_KIND_TYPEDEF:
		case RB_BTF_KIND_VOLATILE:
		case RB_BTF_KIND_CONST:
		case RB_BTF_KIND_RESTRICT:
		case RB_BTF_KIND_TYPE_TAG:
		case RB_BTF_KIND_VAR:
			id = t->type;
			continue;
		case RB_BTF_KIND_ARRAY:
			mult *= rb_btf_array_info(t)->nelems;
			if (mult > UINT32_MAX)
				return -E2BIG;
			id = rb_btf_array_info(t)->type;
			continue;
		default:
			return -EINVAL;
		}
		sz *= mult;
		return sz > UINT32_MAX ? -E2BIG : (int64_t)sz;
	}
	return -ELOOP;
}

static int align_of(const struct rb_btf *btf, uint32_t id, int depth)
{
	const struct rb_btf_type *t;
	int max = 1, a;
	unsigned i;

	if (depth > RB_BTF_MAX_CHAIN)
		return -ELOOP;
	t = rb_btf_type_by_id(btf, id);
	if (!t)
		return -EINVAL;
	switch (rb_btf_kind(t)) {
	case RB_BTF_KIND_INT:
	case RB_BTF_KIND_ENUM:
	case RB_BTF_KIND_ENUM64:
	case RB_BTF_KIND_FLOAT:
		return t->size < 8 ? (int)t->size : 8;
	case RB_BTF_KIND_PTR:
		return (int)ptr_size(btf);
	case RB_BTF_KIND_TYPEDEF:
	case RB_BTF_KIND_VOLATILE:
	case RB_BTF_KIND_CONST:
	case RB_BTF_KIND_RESTRICT:
	case RB_BTF_KIND_TYPE_TAG:
	case RB_BTF_KIND_VAR:
		return align_of(btf, t->type, depth + 1);
	case RB_BTF_KIND_ARRAY:
		return align_of(btf, rb_btf_array_info(t)->type, depth + 1);
	case RB_BTF_KIND_STRUCT:
	case RB_BTF_KIND_UNION:
		for (i = 0; i < rb_btf_vlen(t); i++) {
			const struct rb_btf_member *m = &rb_btf_members(t)[i];

			a = align_of(btf, m->type, depth + 1);
			if (a < 0)
				return a;
			/* A member off its natural alignment: the struct is packed. */
			if (rb_btf_member_bit_offset(t, i) % (8u * a) &&
			    !rb_btf_member_bitfield_size(t, i))
				return 1;
			if (a > max)
				max = a;
		}
		return t->size % max ? 1 : max;
	default:
		return -EINVAL;
	}
}

int rb_btf_align(const struct rb_btf *btf, uint32_t id)
{
	return align_of(btf, id, 0);
}

int rb_btf_member_by_name(const struct rb_btf *btf, uint32_t id, const char *name)
{
	const struct rb_btf_type *t = rb_btf_type_by_id(btf, id);
	unsigned i;

	if (!t || !rb_btf_is_composite(t))
		return -EINVAL;
	for (i = 0; i < rb_btf_vlen(t); i++) {
		const char *m = rb_btf_str(btf, rb_btf_members(t)[i].name_off);

		if (m && !strcmp(m, name))
			return (int)i;
	}
	return -ENOENT;
}

int rb_btf_datasec_find_var(const struct rb_btf *btf, uint32_t sec_id, const char *name)
{
	const struct rb_btf_type *t = rb_btf_type_by_id(btf, sec_id);
	unsigned i;

	if (!t || rb_btf_kind(t) != RB_BTF_KIND_DATASEC)
		return -EINVAL;
	for (i = 0; i < rb_btf_vlen(t); i++) {
		uint32_t id = rb_btf_secinfos(t)[i].type;

		if (rb_btf_kind(rb_btf_type_by_id(btf, id)) == RB_BTF_KIND_VAR &&
		    !strcmp(rb_btf_name(btf, id), name))
			return (int)id;
	}
	return -ENOENT;
}
