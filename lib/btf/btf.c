// SPDX-License-Identifier: BSD-2-Clause
/* btf.c - BTF blob parsing: header, sections, byte order, the type walk that
 * records where each type id lives, and the plain accessors. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "btf/btf_internal.h"
#include "btf/btf_names.h"
#include "core/log.h"
#include "core/mem.h"

static const struct rb_btf_type rb_btf_void;

int (rb_btf_set_error)(struct rb_btf_error *e, int err, int reason, uint32_t type_id,
		       const char *fmt, ...)
{
	va_list ap;

	if (!e)
		return err;
	e->reason = reason;
	e->type_id = type_id;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
	return err;
}

int rb_btf_set_error_at(struct rb_btf_error *e, int err, int reason,
			uint32_t type_id, const char *file, int line)
{
	if (!e)
		return err;
	e->reason = reason;
	e->type_id = type_id;
	return rb_msg_at(e->msg, sizeof(e->msg), err, file, line);
}

static uint32_t bswap32(uint32_t v)
{
	return (v >> 24) | ((v >> 8) & 0xff00) | ((v << 8) & 0xff0000) | (v << 24);
}

static uint16_t bswap16(uint16_t v)
{
	return (uint16_t)((v >> 8) | (v << 8));
}

/* Header checks; @h is already native. */
static int check_header(const struct rb_btf_header *h, size_t size,
			const uint8_t *raw, bool split, struct rb_btf_error *err)
{
	uint64_t tend, send;
	size_t i;

	if (h->version != RB_BTF_VERSION)
		return rb_btf_set_error(err, -EINVAL, RB_BTF_ERR_VERSION, 0,
					"BTF version %u, only 1 is known", h->version);
	if (h->flags)
		return rb_btf_set_error(err, -EINVAL, RB_BTF_ERR_FLAGS, 0,
					"BTF header flags 0x%x not supported", h->flags);
	if (h->hdr_len < sizeof(*h) || h->hdr_len > size || h->hdr_len % 4)
		return rb_btf_set_error(err, -EINVAL, RB_BTF_ERR_HDR_LEN, 0,
					"BTF hdr_len %u invalid for a %zu-byte blob",
					h->hdr_len, size);
	for (i = sizeof(*h); i < h->hdr_len; i++)
		if (raw[i])
			return rb_btf_set_error(err, -EINVAL, RB_BTF_ERR_HDR_LEN, 0,
						"BTF header tail byte %zu not zero", i);
	tend = (uint64_t)h->hdr_len + h->type_off + h->type_len;
	send = (uint64_t)h->hdr_len + h->str_off + h->str_len;
	if (tend > size || send > size)
		return rb_btf_set_error(err, -EINVAL, RB_BTF_ERR_SECTION_BOUNDS, 0,
					"BTF %s section [%u+%u] past the %zu-byte blob",
					tend > size ? "type" : "string",
					tend > size ? h->type_off : h->str_off,
					tend > size ? h->type_len : h->str_len,
					size - h->hdr_len);
	if (h->type_off % 4 || h->type_len % 4)
		return rb_btf_set_error(err, -EINVAL, RB_BTF_ERR_TYPE_ALIGN, 0,
					"BTF type section off %u len %u not 4-aligned",
					h->type_off, h->type_len);
	if ((uint64_t)h->type_off < (uint64_t)h->str_off + h->str_len &&
	    (uint64_t)h->str_off < (uint64_t)h->type_off + h->type_len)
		return rb_btf_set_error(err, -EINVAL, RB_BTF_ERR_SECTION_OVERLAP, 0,
					"BTF type and string sections overlap");
	/* split BTF continues its base's strings: no leading NUL, maybe none */
	if (!split && (!h->str_len || raw[h->hdr_len + h->str_off] != 0))
		return rb_btf_set_error(err, -EINVAL, RB_BTF_ERR_STR_EMPTY, 0,
					"BTF string section empty or not starting with NUL");
	if (h->str_len && raw[h->hdr_len + h->str_off + h->str_len - 1] != 0)
		return rb_btf_set_error(err, -EINVAL, RB_BTF_ERR_STR_UNTERMINATED, 0,
					"BTF string section does not end with NUL");
	if (h->type_len >= 0x80000000u)
		return rb_btf_set_error(err, -EINVAL, RB_BTF_ERR_SECTION_BOUNDS, 0,
					"BTF type section of %u bytes too large",
					h->type_len);
	if (h->str_len > RB_BTF_MAX_NAME_OFFSET + 1)
		return rb_btf_set_error(err, -EINVAL, RB_BTF_ERR_SECTION_BOUNDS, 0,
					"BTF string section of %u bytes too large",
					h->str_len);
	return 0;
}

/*
 * One pass over the type section: bounds of each record, byte swap, where
 * each id lives, and each type's own checks; ids referenced are checked at
 * the end, once the count is known. @btf->offs has room for every record
 * (a record is at least 12 bytes).
 */
/* Record length by kind: fixed part (unknown kinds: more than any type
 * section, so the bounds check below also rejects them) and bytes per vlen
 * entry. */
/* 2 GiB: more than any type section (check_header), and off + REC_BAD
 * cannot wrap a 32-bit size_t */
#define REC_BAD 0x80000000u
/* A record of the kernel's own BTF is base + per * vlen long, by kind; an
 * unknown kind's REC_BAD is larger than any type section. */
static const struct {
	uint32_t base, per;
} rec_kind[32] = {
	[0] = { REC_BAD, 0 },
	[RB_BTF_KIND_INT] = { 16, 0 }, [RB_BTF_KIND_PTR] = { 12, 0 },
	[RB_BTF_KIND_ARRAY] = { 24, 0 }, [RB_BTF_KIND_STRUCT] = { 12, 12 },
	[RB_BTF_KIND_UNION] = { 12, 12 }, [RB_BTF_KIND_ENUM] = { 12, 8 },
	[RB_BTF_KIND_FWD] = { 12, 0 }, [RB_BTF_KIND_TYPEDEF] = { 12, 0 },
	[RB_BTF_KIND_VOLATILE] = { 12, 0 }, [RB_BTF_KIND_CONST] = { 12, 0 },
	[RB_BTF_KIND_RESTRICT] = { 12, 0 }, [RB_BTF_KIND_FUNC] = { 12, 0 },
	[RB_BTF_KIND_FUNC_PROTO] = { 12, 8 }, [RB_BTF_KIND_VAR] = { 16, 0 },
	[RB_BTF_KIND_DATASEC] = { 12, 12 }, [RB_BTF_KIND_FLOAT] = { 12, 0 },
	[RB_BTF_KIND_DECL_TAG] = { 16, 0 }, [RB_BTF_KIND_TYPE_TAG] = { 12, 0 },
	[RB_BTF_KIND_ENUM64] = { 12, 12 },
	[RB_BTF_KIND_MAX + 1 ... 31] = { REC_BAD, 0 },
};

static inline uint32_t rd32(const uint8_t *p)
{
	uint32_t v;

	__builtin_memcpy(&v, p, 4);	/* inline even with -fno-builtin */
	return v;
}

/* The kernel's own BTF (native order, validated by the kernel): only where
 * each record starts and that it stays inside the type section. */
static int walk_loop(struct rb_btf *btf)
{
	/* locals: stores through offs[] could alias btf's fields otherwise */
	const uint8_t *types = btf->data + btf->types_start;
	uint32_t off = 0, len = btf->types_len, bias = btf->id_bias;
	uint32_t i = btf->nr_types - bias;	/* index in offs (own types) */
	uint32_t *offs = btf->offs;

	while (len - off >= sizeof(struct rb_btf_type)) {
		uint32_t info = rd32(types + off + 4), kind = (info >> 24) & 0x1f;
		uint32_t rec = rec_kind[kind].base + rec_kind[kind].per * (info & 0xffff);

		if (rec > len - off)
			break;
		offs[i++] = off;
		off += rec;
	}
	btf->nr_types = i + bias;
	return (int)off;
}

/* The filtered walk's view of the kinds, by the top byte of info (kind,
 * 2 unused bits, kind_flag): rec_kind's lengths and whether its names are
 * looked at. Arrays in one block: one base register, scaled indexes. */
struct scan_kind {
	uint32_t base[256];
	uint16_t per[256];
	uint8_t want[256];
};

/* The filtered walk's cursor. */
struct scan {
	const uint8_t *types;
	uint32_t off, len;	/* the next record; the type section's length */
	uint8_t *o, *o_end;	/* where the next offset goes (3 bytes); the end */
	bool full;		/* stopped for room */
	bool padded;		/* 8 bytes of the blob follow the type section */
};

/* Offset @v into the 3 bytes at @o (and the byte after, which the next
 * entry or the padding byte takes back). */
static inline void put24(uint8_t *o, uint32_t v)
{
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	v <<= 8;
#endif
	__builtin_memcpy(o, &v, 4);
}

/* No valid record is longer: a DATASEC of 65535 entries. */
#define REC_MAX (12 + 12 * 0xffffu)

/* The filtered walk's step: the record at *@off stored at *@o and @off
 * advanced past it. 1 when its kind is wanted and its name (in the
 * strings: below @lim + 1) may be a wanted one: its first two bytes in
 * first2, and its two at at2[c] in next2[c] for a class c (or it is past
 * @lim2, too near the end to look); the name in *@hit. 0 otherwise; -1
 * (nothing stored) when @checked and the record runs past @len. Always
 * inlined into a loop of locals. */
static inline __attribute__((always_inline)) int
scan_one(const uint8_t *types, size_t len, size_t *off, uint8_t **o, const char *strs,
	 uint32_t lim, uint32_t lim2, const struct rb_btf_name_filter *f,
	 const struct scan_kind *kt, bool checked, uint32_t *hit)
{
	uint32_t name = rd32(types + *off);
	size_t info = rd32(types + *off + 4), top = info >> 24;	/* kind, kind_flag */
	size_t rec = kt->base[top] + (size_t)kt->per[top] * (info & 0xffff);
	uint16_t p2;

	if (checked && rec > len - *off)
		return -1;
	put24(*o, (uint32_t)*off);
	*o += 3;
	*off += rec;
	if (!kt->want[top] || name - 1 >= lim)
		return 0;
	__builtin_memcpy(&p2, strs + name, 2);
	if (!((f->first2[p2 >> 3] >> (p2 & 7)) & 1))
		return 0;
	*hit = name;
	if (name > lim2)	/* too near the end to read at at2: the slow path */
		return 1;
	__builtin_memcpy(&p2, strs + name + f->at2[0], 2);
	if ((f->next2[0][p2 >> 3] >> (p2 & 7)) & 1)
		return 1;
	__builtin_memcpy(&p2, strs + name + f->at2[1], 2);
	return (f->next2[1][p2 >> 3] >> (p2 & 7)) & 1;
}

/*
 * The filtered walk's inner loop, a leaf (no calls, so everything stays in
 * registers: vmlinux has 125,000 types and this is most of a CO-RE load):
 * records each type's offset until the end, a bad record, or a type of a
 * wanted kind whose name's first two bytes are in the filter's table.
 * Returns that name's offset (its record is the last one stored), 0 at the
 * end or when out of room (s->full); @s is past the last record stored.
 * Below len - REC_MAX - 12 no record can run past the section (with 8
 * bytes of the blob after it, as vmlinux's strings: below len, a record
 * that runs past is seen after it), and below off + 12 * room there is
 * room for every record (12 bytes at least): those need no checks.
 */
static __attribute__((noinline)) uint32_t scan_names(struct scan *s, const char *strs,
						     uint32_t lim, uint32_t lim2,
						     const struct rb_btf_name_filter *f,
						     const struct scan_kind *kt)
{
	const uint8_t *types = s->types;
	size_t off = s->off, len = s->len;	/* size_t: no zero-extends */
	size_t safe = s->padded ? len : len > REC_MAX + 12 ? len - REC_MAX - 12 : 0;
	size_t room = (size_t)(s->o_end - s->o) / 3;
	uint8_t *o = s->o;
	uint32_t hit = 0;

	if (safe > off && (safe - off) / 12 >= room)
		safe = off + 12 * room;
	while (off < safe)
		if (scan_one(types, len, &off, &o, strs, lim, lim2, f, kt, false, &hit))
			goto out;
	/* an unknown kind's REC_BAD, or a record running past the end: back
	 * to it (the caller refuses it) */
	if (off > len) {
		o -= 3;
		off = rb_btf_off24(o, 0);
	}
	while (len - off >= sizeof(struct rb_btf_type)) {
		int r;

		if (o == s->o_end) {
			s->full = true;
			break;
		}
		r = scan_one(types, len, &off, &o, strs, lim, lim2, f, kt, true, &hit);

		if (r > 0)
			goto out;
		if (r < 0)
			break;
	}
	hit = 0;
out:
	s->off = (uint32_t)off;
	s->o = o;
	return hit;
}

/* Room for about @more offsets past the @used in btf->offs24; 0, -ENOMEM. */
static int grow24(struct rb_btf *btf, struct scan *s, size_t more)
{
	size_t used = (size_t)(s->o - btf->offs24) / 3, cap = used + more;
	uint8_t *n;

	if (cap > RB_BTF_MAX_TYPE + 2)
		cap = RB_BTF_MAX_TYPE + 2;	/* more is refused after the walk */
	if (cap <= used)
		return 1;	/* stop: walk_trusted says why */
	n = rb_resize(btf->a, btf->offs24, cap * 3 + 1);
	if (!n)
		return -ENOMEM;
	btf->offs24 = n;
	btf->offs_cap = (uint32_t)cap;
	s->o = n + used * 3;
	s->o_end = n + cap * 3;
	s->full = false;
	return 0;
}

int rb_btf_walk_filtered(struct rb_btf *btf, struct rb_btf_name_filter *f)
{
	const uint8_t *types = btf->data + btf->types_start;
	const char *strs = (const char *)btf->data + btf->strs_start;
	uint32_t last = btf->strs_len - 1, name, lim, lim2, at2;
	struct scan s = { types, 0, btf->types_len,
			  btf->offs24 + 3 * (size_t)(btf->nr_types - btf->id_bias),
			  btf->offs24 + 3 * (size_t)btf->offs_cap, false,
			  (size_t)btf->types_start + btf->types_len + 8 <= btf->size };
	struct scan_kind kt;
	int ret, top;

	for (top = 0; top < 256; top++) {
		int k = top & 0x7f;

		kt.base[top] = k < 32 ? rec_kind[k].base : REC_BAD;
		kt.per[top] = k < 32 ? (uint16_t)rec_kind[k].per : 0;
		/* an unknown kind is never a hit: its REC_BAD is undone */
		kt.want[top] = k <= RB_BTF_KIND_MAX && (f->kinds >> k & 1);
	}
	/* names at 1 .. last - 1 have two bytes before the section's end, and
	 * at most lim2 two more at at2 */
	lim = btf->strs_len > 1 ? last - 1 : 0;
	at2 = f->at2[0] > f->at2[1] ? f->at2[0] : f->at2[1];
	lim2 = btf->strs_len > at2 + 2 ? btf->strs_len - at2 - 2 : 0;
	for (;;) {
		name = scan_names(&s, strs, lim, lim2, f, &kt);
		if (name) {
			/* a base (split BTF is never filtered): the index is the id */
			ret = rb_btf_filter_slow(f, strs, last + 1, name,
						 (uint32_t)((size_t)(s.o - btf->offs24) / 3) - 1);
		} else if (s.full) {
			/* the estimate was short: a quarter more than what is left at 20 B each */
			ret = grow24(btf, &s, (s.len - s.off) / 16 + 64);
		} else {
			break;
		}
		if (ret < 0)
			return ret;
		if (ret)
			break;
	}
	btf->nr_types = (uint32_t)((size_t)(s.o - btf->offs24) / 3) + btf->id_bias;
	return (int)s.off;
}

static int walk_trusted(struct rb_btf *btf, struct rb_btf_name_filter *f,
			struct rb_btf_error *err)
{
	int off = f ? f->walk(btf, f) : walk_loop(btf);

	if (off < 0)
		return off;	/* the filter ran out of memory */
	if ((uint32_t)off < btf->types_len || btf->nr_types - btf->id_bias > RB_BTF_MAX_TYPE + 1)
		return rb_btf_set_error(err, -EINVAL, RB_BTF_ERR_TYPE_TRUNCATED,
					btf->nr_types,
					"BTF type [%u] at %d: bad kind or runs past the type section",
					btf->nr_types, off);
	return 0;
}

static int walk_types(struct rb_btf *btf, bool trusted,
		      struct rb_btf_name_filter *f, struct rb_btf_error *err)
{
	uint8_t *types = btf->data + btf->types_start;
	uint32_t off = 0, len = btf->types_len;
	struct rb_btf_chk chk = { 0 };
	int ret;

	if (trusted)
		return walk_trusted(btf, f, err);
	while (off < len) {
		struct rb_btf_type *t = (struct rb_btf_type *)(types + off);
		uint32_t id = btf->nr_types, i;
		size_t rec;

		if (len - off < sizeof(*t))
			return rb_btf_set_error(err, -EINVAL, RB_BTF_ERR_TYPE_TRUNCATED, id,
						"BTF type [%u] header at %u truncated", id, off);
		if (btf->swapped) {
			t->name_off = bswap32(t->name_off);
			t->info = bswap32(t->info);
			t->size = bswap32(t->size);
		}
		rec = rb_btf_rec_len(t);
		if (!rec)
			return rb_btf_set_error(err, -EINVAL, RB_BTF_ERR_KIND, id,
						"BTF type [%u] has unknown kind %u",
						id, rb_btf_kind(t));
		if (rec > len - off)
			return rb_btf_set_error(err, -EINVAL, RB_BTF_ERR_TYPE_TRUNCATED, id,
						"BTF type [%u] %s vlen %u runs past the type section",
						id, rb_btf_kind_str(rb_btf_kind(t)), rb_btf_vlen(t));
		if (id - btf->id_bias > RB_BTF_MAX_TYPE)
			return rb_btf_set_error(err, -EINVAL, RB_BTF_ERR_TOO_MANY_TYPES, id,
						"BTF has more than %u types", RB_BTF_MAX_TYPE);
		/* Every kind-specific record is made of 32-bit words. */
		if (btf->swapped)
			for (i = sizeof(*t); i < rec; i += 4) {
				uint32_t *w = (uint32_t *)(types + off + i);
				*w = bswap32(*w);
			}
		btf->offs[btf->nr_types++ - btf->id_bias] = off;
		ret = rb_btf_check_one(btf, &chk, id, t, err);
		if (ret)
			return ret;
		off += (uint32_t)rec;
	}
	return rb_btf_check_finish(btf, &chk, btf->id_bias + 1, err);
}

static int parse(const void *data, size_t size, const struct rb_btf *base,
		 unsigned flags, const struct rawbpf_allocator *a,
		 struct rb_btf **out, struct rb_btf_error *err,
		 struct rb_btf_name_filter *f, bool *filtered);

int rb_btf_parse(const void *data, size_t size, unsigned flags,
		 const struct rawbpf_allocator *a, struct rb_btf **out,
		 struct rb_btf_error *err)
{
	return rb_btf_parse_filtered(data, size, flags, a, out, err, NULL, NULL);
}

int rb_btf_parse_split(const void *data, size_t size, const struct rb_btf *base,
		       unsigned flags, const struct rawbpf_allocator *a,
		       struct rb_btf **out, struct rb_btf_error *err)
{
	if (!base)
		return rb_btf_parse(data, size, flags, a, out, err);
	if (base->base) {
		*out = NULL;
		return rb_btf_set_error(err, -EINVAL, RB_BTF_ERR_SPLIT, 0,
					"split BTF on top of split BTF is not supported");
	}
	return parse(data, size, base, flags, a, out, err, NULL, NULL);
}

int rb_btf_parse_filtered(const void *data, size_t size, unsigned flags,
			  const struct rawbpf_allocator *a, struct rb_btf **out,
			  struct rb_btf_error *err, struct rb_btf_name_filter *f,
			  bool *filtered)
{
	return parse(data, size, NULL, flags, a, out, err, f, filtered);
}

/* Parse @data, on top of @base when it is split BTF (@base may be NULL). */
static int parse(const void *data, size_t size, const struct rb_btf *base,
		 unsigned flags, const struct rawbpf_allocator *a,
		 struct rb_btf **out, struct rb_btf_error *err,
		 struct rb_btf_name_filter *f, bool *filtered)
{
	const uint8_t *raw = data;
	struct rb_btf_header h;
	struct rb_btf *btf;
	bool swapped = false;
	int ret;

	*out = NULL;
	if (err)
		memset(err, 0, sizeof(*err));
	if (!data || size < sizeof(h))
		return rb_btf_set_error(err, -EINVAL, RB_BTF_ERR_TRUNCATED_HEADER, 0,
					"BTF blob of %zu bytes is shorter than its header",
					data ? size : 0);
	memcpy(&h, raw, sizeof(h));
	if (h.magic != RB_BTF_MAGIC) {
		if (h.magic != bswap16(RB_BTF_MAGIC))
			return rb_btf_set_error(err, -EINVAL, RB_BTF_ERR_MAGIC, 0,
						"BTF magic 0x%04x is not 0xeb9f", h.magic);
		swapped = true;
		h.magic = RB_BTF_MAGIC;
		h.hdr_len = bswap32(h.hdr_len);
		h.type_off = bswap32(h.type_off);
		h.type_len = bswap32(h.type_len);
		h.str_off = bswap32(h.str_off);
		h.str_len = bswap32(h.str_len);
	}
	if (size > UINT32_MAX)
		return rb_btf_set_error(err, -EINVAL, RB_BTF_ERR_SECTION_BOUNDS, 0,
					"BTF blob larger than 4 GiB");
	ret = check_header(&h, size, raw, base != NULL, err);
	if (ret)
		return ret;

	if (base && swapped != base->swapped)
		return rb_btf_set_error(err, -EINVAL, RB_BTF_ERR_SPLIT, 0,
					"split BTF and its base differ in byte order");
	btf = rb_alloc(a, sizeof(*btf));
	if (!btf)
		return rb_btf_set_error(err, -ENOMEM, RB_BTF_ERR_NOMEM, 0, "out of memory");
	btf->a = a;
	btf->swapped = swapped;
	btf->base = base;
	btf->id_bias = base ? base->nr_types - 1 : 0;
	btf->str_bias = base ? rb_btf_strs_end(base) : 0;
	/* Records are read as structs: an unaligned view is copied too. */
	if (swapped || (flags & RB_BTF_F_COPY) ||
	    ((uintptr_t)(raw + h.hdr_len + h.type_off) & 3)) {
		struct rb_btf_header nh = h;

		btf->owned = true;
		btf->size = sizeof(nh) + (size_t)h.type_len + h.str_len;
		btf->cap = btf->size;
		btf->data = rb_alloc_array_uninit(a, btf->cap, 1);	/* all written below */
		if (!btf->data) {
			rb_free(a, btf);
			return rb_btf_set_error(err, -ENOMEM, RB_BTF_ERR_NOMEM, 0,
						"out of memory");
		}
		nh.hdr_len = sizeof(nh);
		nh.type_off = 0;
		nh.str_off = h.type_len;
		memcpy(btf->data, &nh, sizeof(nh));
		memcpy(btf->data + sizeof(nh), raw + h.hdr_len + h.type_off, h.type_len);
		memcpy(btf->data + sizeof(nh) + h.type_len,
		       raw + h.hdr_len + h.str_off, h.str_len);
		btf->types_start = sizeof(nh);
		btf->strs_start = sizeof(nh) + h.type_len;
	} else {
		btf->data = (uint8_t *)(uintptr_t)raw;
		btf->size = size;
		btf->types_start = h.hdr_len + h.type_off;
		btf->strs_start = h.hdr_len + h.str_off;
	}
	btf->types_len = h.type_len;
	btf->strs_len = h.str_len;

	btf->nr_types = btf->id_bias + 1; /* id 0: void; then the base's */
	/* the filtered walk: the kernel's BTF, a view (never edited) */
	if (filtered)
		*filtered = f && !swapped && (flags & RB_BTF_F_TRUSTED) && !btf->owned &&
			    h.type_len < (1u << 24);
	if (filtered && *filtered) {
		/* The kernel's BTF: 3-byte offsets, as many as a record of 22
		 * bytes each would need (vmlinux averages 25; the walk grows
		 * the array when short): 0.4 MB for 6.18's, not 1 MB. */
		btf->offs_cap = btf->types_len / 22 + 16;
		btf->offs24 = rb_alloc_array_uninit(a, (size_t)btf->offs_cap * 3 + 1, 1);
	} else {
		btf->offs_cap = btf->types_len / sizeof(struct rb_btf_type) + 1;
		btf->offs = rb_alloc_array_uninit(a, btf->offs_cap, sizeof(uint32_t));
	}
	ret = btf->offs || btf->offs24 ?
		walk_types(btf, !swapped && (flags & RB_BTF_F_TRUSTED),
			   filtered && *filtered ? f : NULL, err) :
		rb_btf_set_error(err, -ENOMEM, RB_BTF_ERR_NOMEM, 0, "out of memory");
	if (!ret && btf->offs_cap > btf->nr_types - btf->id_bias + 64) {
		/* Give back what the upper bound took beyond the real count. */
		uint32_t own = btf->nr_types - btf->id_bias;
		void *n = btf->offs24 ? rb_resize(a, btf->offs24, (size_t)own * 3 + 1) :
					rb_resize(a, btf->offs, (size_t)own * 4);

		if (n && btf->offs24)
			btf->offs24 = n;
		else if (n)
			btf->offs = n;
		if (n)
			btf->offs_cap = own;
	}
	if (ret) {
		rb_btf_free(btf);
		return ret;
	}
	*out = btf;
	return 0;
}

void rb_btf_free(struct rb_btf *btf)
{
	if (!btf)
		return;
	rb_btf_index_drop(btf);
	rb_free(btf->a, btf->offs);
	rb_free(btf->a, btf->offs24);
	if (btf->owned)
		rb_free(btf->a, btf->data);
	rb_free(btf->a, btf);
}

uint32_t rb_btf_type_cnt(const struct rb_btf *btf)
{
	return btf->nr_types;
}

uint32_t rb_btf_first_id(const struct rb_btf *btf)
{
	return btf->id_bias + 1;
}

bool rb_btf_swapped(const struct rb_btf *btf)
{
	return btf->swapped;
}

bool rb_btf_mutable(const struct rb_btf *btf)
{
	return rb_btf_editable(btf);
}

const struct rb_btf_type *rb_btf_type_by_id(const struct rb_btf *btf, uint32_t id)
{
	if (id >= btf->nr_types)
		return NULL;
	if (!id)
		return &rb_btf_void;
	return rb_btf_t(btf, id);
}

struct rb_btf_type *rb_btf_type_mut(struct rb_btf *btf, uint32_t id)
{
	if (!rb_btf_editable(btf) || !id || id >= btf->nr_types)
		return NULL;
	return (void *)(btf->data + btf->types_start + btf->offs[id]);
}

const char *rb_btf_str(const struct rb_btf *btf, uint32_t off)
{
	if (off < btf->str_bias)
		return rb_btf_str(btf->base, off);
	off -= btf->str_bias;
	if (off >= btf->strs_len)
		return NULL;
	return (const char *)btf->data + btf->strs_start + off;
}

const char *rb_btf_name(const struct rb_btf *btf, uint32_t id)
{
	const struct rb_btf_type *t = rb_btf_type_by_id(btf, id);
	const char *s = t ? rb_btf_str(btf, t->name_off) : NULL;

	return s ? s : "";
}

const void *rb_btf_raw(const struct rb_btf *btf, uint32_t *size)
{
	*size = (uint32_t)btf->size;
	return btf->data;
}

const char *rb_btf_strs(const struct rb_btf *btf, uint32_t *len)
{
	*len = btf->strs_len;
	return (const char *)btf->data + btf->strs_start;
}

const char *rb_btf_kind_str(unsigned kind)
{
	static const char *const names[] = {
		"void", "int", "ptr", "array", "struct", "union", "enum", "fwd",
		"typedef", "volatile", "const", "restrict", "func", "func_proto",
		"var", "datasec", "float", "decl_tag", "type_tag", "enum64",
	};

	return kind < RB_ARRAY_SIZE(names) ? names[kind] : "unknown";
}
