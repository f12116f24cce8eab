// SPDX-License-Identifier: BSD-2-Clause
/* btf_names.c - find a handful of names in a big BTF (vmlinux) with one
 * pass over its types and no index: each type's name is reduced to its
 * first 8 bytes and looked up in a small table of the wanted names; only
 * prefix matches are compared in full. Pure: no syscalls. */
#include <errno.h>
#include <string.h>

#include "btf/btf_internal.h"
#include "btf/btf_names.h"
#include "core/mem.h"

/* The first 8 bytes of the NUL-terminated @s (bytes after its NUL zeroed);
 * @room bytes may be read at @s. */
static uint64_t prefix_key(const char *s, size_t room)
{
	uint64_t v = 0, z;

	if (room >= 8) {
		memcpy(&v, s, 8);
	} else {
		size_t n = strnlen(s, room);

		memcpy(&v, s, n < room ? n : room);
		return v;
	}
	/* a zero byte: ((v - 0x01..) & ~v & 0x80..) marks the first one */
	z = (v - 0x0101010101010101ull) & ~v & 0x8080808080808080ull;
	if (!z)
		return v;
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	return v & ((z ^ (z - 1)) >> 8);
#else
	{
		char b[8];
		size_t n = strnlen(s, 8);

		memset(b, 0, sizeof(b));
		memcpy(b, s, n);
		memcpy(&v, b, 8);
		return v;
	}
#endif
}

static uint32_t key_slot(uint64_t k, uint32_t mask)
{
	return (uint32_t)((k * 0x9e3779b97f4a7c15ull) >> 40) & mask;
}

static int add_hit(struct rb_btf_names *out, uint32_t name, uint32_t id)
{
	if (out->cnt == out->cap) {
		uint32_t cap = out->cap ? out->cap * 2 : 16;
		struct rb_btf_name_hit *n;

		n = rb_resize(out->a, out->hits,
			      sizeof(*n) * cap);
		if (!n)
			return -ENOMEM;
		out->hits = n;
		out->cap = cap;
	}
	out->hits[out->cnt].name = name;
	out->hits[out->cnt].id = id;
	out->cnt++;
	return 0;
}

/* Order hits by name, keeping id order within a name (counting sort). */
static int group_by_name(struct rb_btf_names *out, uint32_t n)
{
	struct rb_btf_name_hit *sorted;
	uint32_t *start, i;

	start = rb_alloc_array(out->a, (size_t)n + 1, sizeof(*start));
	sorted = out->cnt ? rb_alloc_array(out->a, out->cnt, sizeof(*sorted)) : NULL;
	if (!start || (out->cnt && !sorted)) {
		rb_free(out->a, start);
		return -ENOMEM;
	}
	for (i = 0; i < out->cnt; i++)
		start[out->hits[i].name + 1]++;
	for (i = 0; i < n; i++)
		start[i + 1] += start[i];
	out->first = start;
	out->nnames = n;
	for (i = 0; i < out->cnt; i++)
		sorted[start[out->hits[i].name]++] = out->hits[i];
	/* start[i] now ends name i: shift back to beginnings */
	for (i = n; i > 0; i--)
		start[i] = start[i - 1];
	start[0] = 0;
	rb_free(out->a, out->hits);
	out->hits = sorted;
	out->cap = out->cnt;
	return 0;
}

int rb_btf_filter_init(struct rb_btf_name_filter *f, const char *const *names,
		       uint32_t n, uint32_t kinds, const struct rawbpf_allocator *a,
		       struct rb_btf_names *out)
{
	uint32_t i, len, min[2] = { UINT32_MAX, UINT32_MAX };

	memset(out, 0, sizeof(*out));
	out->a = a;
	memset(f, 0, sizeof(*f));
	f->names = names;
	f->n = n;
	f->a = a;
	f->out = out;
	f->walk = rb_btf_walk_filtered;
	f->kinds = kinds;
	f->cap = 16;
	while (f->cap < n * 4)
		f->cap *= 2;
	f->mask = f->cap - 1;
	f->keys = rb_alloc_array(a, f->cap, sizeof(*f->keys));
	f->slots = rb_alloc_array(a, f->cap, sizeof(*f->slots));
	if (!f->keys || !f->slots) {
		rb_btf_filter_fini(f);
		return -ENOMEM;
	}
	for (i = 0; i < n; i++) {
		uint64_t k = prefix_key(names[i], strlen(names[i]) + 1);
		uint32_t h = key_slot(k, f->mask);
		uint16_t p2 = 0;

		memcpy(&p2, names[i], names[i][0] ? 2 : 1);
		f->first2[p2 >> 3] |= (uint8_t)(1u << (p2 & 7));
		while (f->slots[h])
			h = (h + 1) & f->mask;
		f->keys[h] = k;
		f->slots[h] = i + 1;
		len = (uint32_t)strlen(names[i]);
		if (len && len < min[len >= 8])
			min[len >= 8] = len;
	}
	for (i = 0; i < 2; i++)
		f->at2[i] = min[i] != UINT32_MAX ? min[i] - 1 : 0;
	for (i = 0; i < n; i++) {
		uint32_t c = strlen(names[i]) >= 8;
		uint16_t p2 = 0;

		if (!names[i][0]) {	/* "" is never asked for; it would pass all */
			memset(f->next2[c], 0xff, sizeof(f->next2[c]));
			continue;
		}
		memcpy(&p2, names[i] + f->at2[c], 2);
		f->next2[c][p2 >> 3] |= (uint8_t)(1u << (p2 & 7));
	}
	return 0;
}

int rb_btf_filter_slow(struct rb_btf_name_filter *f, const char *strs,
		       uint32_t strs_len, uint32_t off, uint32_t id)
{
	uint64_t k = prefix_key(strs + off, strs_len - off);
	uint32_t h;
	int err;

	for (h = key_slot(k, f->mask); f->slots[h]; h = (h + 1) & f->mask) {
		if (f->keys[h] != k || strcmp(f->names[f->slots[h] - 1], strs + off))
			continue;
		err = add_hit(f->out, f->slots[h] - 1, id);
		if (err)
			return err;
	}
	return 0;
}

int rb_btf_filter_finish(struct rb_btf_name_filter *f)
{
	int err = group_by_name(f->out, f->n);

	rb_btf_filter_fini(f);
	if (err)
		rb_btf_names_free(f->out);
	return err;
}

void rb_btf_filter_fini(struct rb_btf_name_filter *f)
{
	rb_free(f->a, f->keys);
	rb_free(f->a, f->slots);
	f->keys = NULL;
	f->slots = NULL;
}

int rb_btf_names_find(const struct rb_btf *btf, const char *const *names,
		      uint32_t n, const struct rawbpf_allocator *a,
		      struct rb_btf_names *out)
{
	return rb_btf_names_find_kinds(btf, names, n, RB_BTF_KINDS_ALL, a, out);
}

int rb_btf_names_find_kinds(const struct rb_btf *btf, const char *const *names,
			    uint32_t n, uint32_t kinds,
			    const struct rawbpf_allocator *a,
			    struct rb_btf_names *out)
{
	const char *strs = (const char *)btf->data + btf->strs_start;
	const struct rb_btf *base = btf->base ? btf->base : btf;
	const char *bstrs = (const char *)base->data + base->strs_start;
	struct rb_btf_name_filter f;
	const uint8_t *types;
	uint32_t id, nr, last, blast, bias, sbias;
	int err;

	err = rb_btf_filter_init(&f, names, n, kinds, a, out);
	if (err)
		return err;
	/* locals: the byte loads below could alias btf's fields otherwise */
	types = btf->data + btf->types_start;
	nr = n ? btf->nr_types : 0;
	last = btf->strs_len - 1;
	blast = base->strs_len - 1;
	bias = btf->id_bias;
	sbias = btf->str_bias;
	/* split BTF: only its own types, named from its base's strings or its own */
	for (id = bias + 1; id < nr; id++) {
		uint32_t w[2], off;

		memcpy(w, types + rb_btf_off(btf, id - bias), 8);	/* name_off, info */
		off = w[0];
		if (!(kinds >> ((w[1] >> 24) & 0x1f) & 1))
			continue;
		if (off < sbias)
			err = rb_btf_filter_check(&f, bstrs, blast, off, id);
		else
			err = btf->strs_len ?
			      rb_btf_filter_check(&f, strs, last, off - sbias, id) : 0;
		if (err) {
			rb_btf_filter_fini(&f);
			rb_btf_names_free(out);
			return err;
		}
	}
	return rb_btf_filter_finish(&f);
}

int rb_btf_names_get(const struct rb_btf_names *r, const struct rb_btf *btf,
		     uint32_t name, int kind, uint32_t nth)
{
	uint32_t i;

	if (!r->first || name >= r->nnames)
		return -ENOENT;
	for (i = r->first[name]; i < r->first[name + 1]; i++) {
		if (kind >= 0 &&
		    rb_btf_kind(rb_btf_type_by_id(btf, r->hits[i].id)) != (unsigned)kind)
			continue;
		if (!nth--)
			return (int)r->hits[i].id;
	}
	return -ENOENT;
}

void rb_btf_names_free(struct rb_btf_names *r)
{
	rb_free(r->a, r->hits);
	if (r->first)
		rb_free(r->a, r->first);
	memset(r, 0, sizeof(*r));
}
