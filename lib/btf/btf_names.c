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

		n = rb_resize(out->a, out->hits, sizeof(*n) * out->cap,
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
		rb_free(out->a, start, sizeof(*start) * ((size_t)n + 1));
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
	rb_free(out->a, out->hits, sizeof(*out->hits) * out->cap);
	out->hits = sorted;
	out->cap = out->cnt;
	return 0;
}

int rb_btf_names_find(const struct rb_btf *btf, const char *const *names,
		      uint32_t n, const struct rawbpf_allocator *a,
		      struct rb_btf_names *out)
{
	const char *strs = (const char *)btf->data + btf->strs_start;
	uint32_t cap = 16, mask, i, id;
	uint64_t *keys;
	uint32_t *slots;
	uint8_t first2[8192];	/* bit per 2-byte name prefix wanted */
	int err = 0;

	memset(out, 0, sizeof(*out));
	out->a = a;
	while (cap < n * 4)
		cap *= 2;
	mask = cap - 1;
	keys = rb_alloc_array(a, cap, sizeof(*keys));
	slots = rb_alloc_array(a, cap, sizeof(*slots));
	if (!keys || !slots) {
		err = -ENOMEM;
		goto out;
	}
	memset(first2, 0, sizeof(first2));
	for (i = 0; i < n; i++) {
		uint64_t k = prefix_key(names[i], strlen(names[i]) + 1);
		uint16_t p2 = 0;

		memcpy(&p2, names[i], names[i][0] ? 2 : 1);
		first2[p2 >> 3] |= (uint8_t)(1u << (p2 & 7));
		uint32_t h = key_slot(k, mask);

		while (slots[h])
			h = (h + 1) & mask;
		keys[h] = k;
		slots[h] = i + 1;
	}
	for (id = 1; n && id < btf->nr_types; id++) {
		const struct rb_btf_type *t = rb_btf_t(btf, id);
		uint32_t off = t->name_off, h;
		uint16_t p2;
		uint64_t k;

		/* most names differ from every wanted one in their first two
		 * bytes: one table bit rejects them (the section ends in NUL,
		 * so two bytes are there for any off < strs_len - 1) */
		if (!off || off >= btf->strs_len - 1)
			continue;
		memcpy(&p2, strs + off, 2);
		if (!(first2[p2 >> 3] & (1u << (p2 & 7))))
			continue;
		k = prefix_key(strs + off, btf->strs_len - off);
		for (h = key_slot(k, mask); slots[h]; h = (h + 1) & mask) {
			if (keys[h] != k)
				continue;
			if (strcmp(names[slots[h] - 1], strs + off))
				continue;
			err = add_hit(out, slots[h] - 1, id);
			if (err)
				goto out;
		}
	}
	err = group_by_name(out, n);
out:
	rb_free(a, keys, sizeof(*keys) * cap);
	rb_free(a, slots, sizeof(*slots) * cap);
	if (err)
		rb_btf_names_free(out);
	return err;
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
	rb_free(r->a, r->hits, sizeof(*r->hits) * r->cap);
	if (r->first)
		rb_free(r->a, r->first, sizeof(*r->first) * ((size_t)r->nnames + 1));
	memset(r, 0, sizeof(*r));
}
