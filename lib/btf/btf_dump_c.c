// SPDX-License-Identifier: BSD-2-Clause
/*
 * btf_dump_c.c - BTF as a C header that compiles (vmlinux.h).
 *
 * Order: every named struct/union/enum/typedef is defined once, after what
 * it needs. A member held by value needs its type complete (defined first);
 * one behind a pointer or in a function prototype only needs it declared,
 * so a cycle (a holds a pointer to b, b holds a) becomes `struct a;` before
 * b's definition. Anonymous structs and unions are written inline where
 * used; an anonymous enum inline at its first use, as its integer type
 * afterwards (its constants exist once), at top level if nothing uses it.
 *
 * Layout: each member is checked against where C would put it. A gap gets
 * unnamed bitfields (`long: 24;`, which never move the struct's alignment);
 * a member before its natural position (or a bitfield straddling its unit,
 * or a size that is not a multiple of the alignment) makes the struct
 * packed. Offsets and sizes are therefore those of the BTF on any LP64
 * target; no aligned(N) is ever needed because gaps are explicit.
 *
 * Names: a tag (struct/union/enum) or an ordinary identifier (typedef,
 * enum constant) seen a second time for a different type gets "___N".
 */
#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include "btf/btf_dump.h"
#include "btf/btf_internal.h"
#include "core/mem.h"
#include "core/strbuf.h"

/* Per-type state bits. */
enum {
	ST_DECLARED = 1,	/* forward declaration written */
	ST_DEFINED = 2,		/* definition written (or inlined, for anon enums) */
	ST_INPROG = 4,		/* on the definition stack */
	ST_LAYOUT = 8,		/* align/packed computed */
	ST_PACKED = 16,
};

/* Name -> times used, open addressing; keys point into the BTF strings. */
struct names {
	const char **keys;
	uint32_t *cnt;
	uint32_t cap, used;
};

struct dump {
	const struct rb_btf *btf;
	const struct rawbpf_allocator *a;
	uint8_t *st;		/* per type: ST_* */
	uint8_t *align;		/* per type: alignment as emitted (after ST_LAYOUT) */
	uint32_t *sfx;		/* per type: name suffix, 0 = not yet named */
	struct names tags, idents;
	struct rb_sb out;
	rawbpf_write_fn write;
	void *ctx;
	int err;		/* first write error */
};

#define FLUSH_AT (64 * 1024)

static const struct rb_btf_type *T(const struct dump *d, uint32_t id)
{
	return rb_btf_type_by_id(d->btf, id);
}

static uint32_t hash_str(const char *s)
{
	uint32_t h = 2166136261u;

	while (*s)
		h = (h ^ (uint8_t)*s++) * 16777619u;
	return h;
}

/* names_use - count one more user of @name; returns the new count (0: no memory). */
static uint32_t names_use(struct dump *d, struct names *n, const char *name)
{
	uint32_t i;

	if ((n->used + 1) * 2 > n->cap) {
		struct names g = { 0 };
		uint32_t j;

		g.cap = n->cap ? n->cap * 2 : 1024;
		g.keys = rb_alloc_array(d->a, g.cap, sizeof(*g.keys));
		g.cnt = rb_alloc_array(d->a, g.cap, sizeof(*g.cnt));
		if (!g.keys || !g.cnt) {
			rb_free(d->a, g.keys, (size_t)g.cap * sizeof(*g.keys));
			rb_free(d->a, g.cnt, (size_t)g.cap * sizeof(*g.cnt));
			return 0;
		}
		for (j = 0; j < n->cap; j++) {
			if (!n->keys[j])
				continue;
			i = hash_str(n->keys[j]) & (g.cap - 1);
			while (g.keys[i])
				i = (i + 1) & (g.cap - 1);
			g.keys[i] = n->keys[j];
			g.cnt[i] = n->cnt[j];
		}
		g.used = n->used;
		rb_free(d->a, n->keys, (size_t)n->cap * sizeof(*n->keys));
		rb_free(d->a, n->cnt, (size_t)n->cap * sizeof(*n->cnt));
		*n = g;
	}
	i = hash_str(name) & (n->cap - 1);
	while (n->keys[i] && strcmp(n->keys[i], name))
		i = (i + 1) & (n->cap - 1);
	if (!n->keys[i]) {
		n->keys[i] = name;
		n->used++;
	}
	return ++n->cnt[i];
}

static void names_free(struct dump *d, struct names *n)
{
	rb_free(d->a, n->keys, (size_t)n->cap * sizeof(*n->keys));
	rb_free(d->a, n->cnt, (size_t)n->cap * sizeof(*n->cnt));
}

/* put_suffixed - @name, and "___N" when it is the Nth user (N > 1). */
static void put_suffixed(struct rb_sb *sb, const char *name, uint32_t n)
{
	rb_sb_puts(sb, name);
	if (n > 1)
		rb_sb_printf(sb, "___%u", n);
}

/* put_name - type @id's name as emitted. A FWD shares its tag with the
 * struct it stands for, so it never takes a suffix. */
static void put_name(struct dump *d, struct rb_sb *sb, uint32_t id)
{
	const struct rb_btf_type *t = T(d, id);
	const char *name = rb_btf_name(d->btf, id);
	unsigned k = rb_btf_kind(t);

	if (!d->sfx[id] && k != RB_BTF_KIND_FWD) {
		d->sfx[id] = names_use(d, k == RB_BTF_KIND_TYPEDEF ? &d->idents : &d->tags, name);
		if (!d->sfx[id])
			sb->err = -ENOMEM;
	}
	put_suffixed(sb, name, d->sfx[id]);
}

static void indent(struct rb_sb *sb, int n)
{
	while (n-- > 0)
		rb_sb_put(sb, "\t", 1);
}

/* flush - hand the buffered text to the writer. */
static int flush(struct dump *d)
{
	int err;

	if (d->out.err)
		return d->out.err;
	if (d->err || !d->out.len)
		return d->err;
	err = d->write(d->ctx, d->out.buf, d->out.len);
	d->out.len = 0;
	if (err)
		d->err = err < 0 ? err : -EIO;
	return d->err;
}

/* ---- layout ---- */

static uint32_t align_of(struct dump *d, uint32_t id);

/* Byte size of @id (0 when sizeless). */
static uint32_t size_of(const struct dump *d, uint32_t id)
{
	int64_t s = rb_btf_size(d->btf, id);

	return s > 0 ? (uint32_t)s : 0;
}

/* Bit width and whether member @i of @t is a bitfield (kflag or an old-style
 * INT narrower than its size). */
static uint32_t member_bits(const struct dump *d, const struct rb_btf_type *t,
			    unsigned i)
{
	uint32_t bf = rb_btf_member_bitfield_size(t, i);
	int r;

	if (bf || rb_btf_kflag(t))
		return bf;
	r = rb_btf_resolve(d->btf, rb_btf_members(t)[i].type);
	if (r > 0 && rb_btf_kind(T(d, (uint32_t)r)) == RB_BTF_KIND_INT) {
		uint32_t bits = RB_BTF_INT_BITS(rb_btf_int_info(T(d, (uint32_t)r)));

		if (bits < T(d, (uint32_t)r)->size * 8)
			return bits;
	}
	return 0;
}

/* layout - alignment of composite @id as emitted and whether it must be packed. */
static void layout(struct dump *d, uint32_t id)
{
	const struct rb_btf_type *t = T(d, id);
	const struct rb_btf_member *m = rb_btf_members(t);
	uint32_t natural = 1, i, a;
	bool packed = false;

	d->st[id] |= ST_LAYOUT;		/* a by-value loop cannot recurse forever */
	for (i = 0; i < rb_btf_vlen(t); i++) {
		a = align_of(d, m[i].type);
		if (a > natural)
			natural = a;
	}
	if (t->size % natural)
		packed = true;
	for (i = 0; i < rb_btf_vlen(t) && !packed && rb_btf_kind(t) == RB_BTF_KIND_STRUCT; i++) {
		uint32_t off = rb_btf_member_bit_offset(t, i), bf = member_bits(d, t, i);
		uint32_t unit = size_of(d, m[i].type) * 8;

		if (!bf)
			packed = off % (align_of(d, m[i].type) * 8) != 0;
		else if (unit)
			packed = off / unit != (off + bf - 1) / unit;
	}
	d->align[id] = packed ? 1 : (uint8_t)natural;
	if (packed)
		d->st[id] |= ST_PACKED;
}

/* align_of - alignment of @id in bytes as the emitted C gives it (LP64). */
static uint32_t align_of(struct dump *d, uint32_t id)
{
	const struct rb_btf_type *t;
	uint32_t s;

	for (;;) {
		t = T(d, id);
		if (!t || !id)
			return 1;
		switch (rb_btf_kind(t)) {
		case RB_BTF_KIND_INT:
		case RB_BTF_KIND_FLOAT:
		case RB_BTF_KIND_ENUM:
		case RB_BTF_KIND_ENUM64:
			s = t->size;
			return s && s <= 16 && !(s & (s - 1)) ? s : 1;
		case RB_BTF_KIND_PTR:
			return 8;
		case RB_BTF_KIND_ARRAY:
			id = rb_btf_array_info(t)->type;
			continue;
		case RB_BTF_KIND_TYPEDEF:
		case RB_BTF_KIND_CONST:
		case RB_BTF_KIND_VOLATILE:
		case RB_BTF_KIND_RESTRICT:
		case RB_BTF_KIND_TYPE_TAG:
			id = t->type;
			continue;
		case RB_BTF_KIND_STRUCT:
		case RB_BTF_KIND_UNION:
			if (!(d->st[id] & ST_LAYOUT))
				layout(d, id);
			return d->align[id] ? d->align[id] : 1;
		default:
			return 1;
		}
	}
}

/* ---- declarations ---- */

enum { IN_PARAMS = 1 };

static void put_decl(struct dump *d, struct rb_sb *out, uint32_t id,
		     const char *name, int ind, unsigned flags);

/* put_int_type - the C integer type of @size bytes and signedness. */
static void put_int_type(struct rb_sb *sb, uint32_t size, bool sign)
{
	static const char *const u[] = { "unsigned char", "unsigned short",
		"unsigned int", "unsigned long", "unsigned __int128" };
	static const char *const s[] = { "signed char", "short", "int", "long",
		"__int128" };
	unsigned i = size >= 16 ? 4 : size >= 8 ? 3 : size >= 4 ? 2 : size >= 2 ? 1 : 0;

	rb_sb_puts(sb, sign ? s[i] : u[i]);
}

/* Whether an ENUM/ENUM64 @t holds signed values. */
static bool enum_signed(const struct rb_btf_type *t)
{
	return rb_btf_kflag(t);
}

/* enum_value - entry @i of ENUM/ENUM64 @t, sign-extended when signed. */
static uint64_t enum_value(const struct rb_btf_type *t, unsigned i)
{
	if (rb_btf_kind(t) == RB_BTF_KIND_ENUM64)
		return rb_btf_enum64_value(&rb_btf_enums64(t)[i]);
	return enum_signed(t) ? (uint64_t)(int64_t)rb_btf_enums(t)[i].val
			      : (uint32_t)rb_btf_enums(t)[i].val;
}

/* Size attributes an enum needs. C gives an enum 4 bytes unless a value
 * needs 8; packed gives it the fewest bytes its values need; mode() a
 * fixed size, but signed (so only where the values fit that). */
enum { ESZ_NONE, ESZ_PACKED, ESZ_MODE };

static int enum_size_attr(const struct rb_btf_type *t)
{
	bool sign = enum_signed(t), neg = false;
	uint64_t max = 0, v;
	int64_t min = 0;
	uint32_t natural, fit, i;

	for (i = 0; i < rb_btf_vlen(t); i++) {
		v = enum_value(t, i);
		if (sign && (int64_t)v < 0) {
			neg = true;
			if ((int64_t)v < min)
				min = (int64_t)v;
		} else if (v > max) {
			max = v;
		}
	}
	natural = (neg && (min < INT32_MIN || max > INT32_MAX)) || max > UINT32_MAX ? 8 : 4;
	if (t->size == natural)
		return ESZ_NONE;
	for (fit = 1; fit < 8; fit *= 2) {
		uint64_t lim = (uint64_t)1 << (fit * 8 - (neg ? 1 : 0));

		if (max < lim && (!neg || (uint64_t)-min <= lim))
			break;
	}
	return t->size < 4 && fit == t->size ? ESZ_PACKED : ESZ_MODE;
}

/* put_enum_body - "enum [mode] [name] { A = 1, ... } [packed]" at @ind. */
static void put_enum_body(struct dump *d, struct rb_sb *sb, uint32_t id, int ind)
{
	const struct rb_btf_type *t = T(d, id);
	bool sign = enum_signed(t);
	static const char *const mode[] = { [1] = "QI", [2] = "HI", [4] = "SI", [8] = "DI" };
	int attr = enum_size_attr(t);
	unsigned i;

	rb_sb_puts(sb, "enum ");
	if (attr == ESZ_MODE && t->size <= 8 && mode[t->size])
		rb_sb_printf(sb, "__attribute__((mode(%s))) ", mode[t->size]);
	if (t->name_off) {
		put_name(d, sb, id);
		rb_sb_puts(sb, " ");
	}
	rb_sb_puts(sb, "{\n");
	for (i = 0; i < rb_btf_vlen(t); i++) {
		uint32_t off = rb_btf_kind(t) == RB_BTF_KIND_ENUM64 ?
			       rb_btf_enums64(t)[i].name_off : rb_btf_enums(t)[i].name_off;
		const char *n = rb_btf_str(d->btf, off);
		uint64_t v = enum_value(t, i);
		uint32_t c = names_use(d, &d->idents, n);

		if (!c)
			sb->err = -ENOMEM;
		indent(sb, ind + 1);
		put_suffixed(sb, n, c);
		if (sign && (int64_t)v < INT32_MIN)
			/* INT64_MIN has no literal: write it as an expression */
			rb_sb_printf(sb, " = %" PRId64 "LL - 1,\n", (int64_t)v + 1);
		else if (sign)
			rb_sb_printf(sb, " = %" PRId64 "%s,\n", (int64_t)v,
				     (int64_t)v > INT32_MAX ? "LL" : "");
		else
			rb_sb_printf(sb, " = %" PRIu64 "%s,\n", v, v > INT32_MAX ? "ULL" : "");
	}
	indent(sb, ind);
	rb_sb_puts(sb, attr == ESZ_PACKED ? "} __attribute__((packed))" : "}");
}

/* put_padding - unnamed bitfields from bit @from to @to, none crossing a
 * 64-bit unit (where C would move it). */
static void put_padding(struct rb_sb *sb, uint32_t from, uint32_t to, int ind)
{
	while (from < to) {
		uint32_t w = to - from, room = 64 - from % 64;

		if (w > room)
			w = room;
		indent(sb, ind);
		rb_sb_printf(sb, "long: %u;\n", w);
		from += w;
	}
}

/* put_tail - room up to bit @to after a struct's members (padding), or
 * a union's size beyond its largest member: unnamed bitfields from offset 0,
 * wrapped in an anonymous struct when more than one is needed. */
static void put_tail(struct rb_sb *sb, bool is_struct, uint32_t from, uint32_t to, int ind)
{
	if (is_struct || to <= 64) {
		put_padding(sb, is_struct ? from : 0, to, ind);
		return;
	}
	indent(sb, ind);
	rb_sb_puts(sb, "struct {\n");
	put_padding(sb, 0, to, ind + 1);
	indent(sb, ind);
	rb_sb_puts(sb, "};\n");
}

/* put_composite_body - "struct [name] { members } [packed]" at @ind. */
static void put_composite_body(struct dump *d, struct rb_sb *sb, uint32_t id,
			       int ind)
{
	const struct rb_btf_type *t = T(d, id);
	const struct rb_btf_member *m = rb_btf_members(t);
	bool is_struct = rb_btf_kind(t) == RB_BTF_KIND_STRUCT, packed;
	uint32_t cur = 0, i;

	align_of(d, id);
	packed = d->st[id] & ST_PACKED;
	rb_sb_puts(sb, is_struct ? "struct " : "union ");
	if (t->name_off) {
		put_name(d, sb, id);
		rb_sb_puts(sb, " ");
	}
	rb_sb_puts(sb, "{\n");
	for (i = 0; i < rb_btf_vlen(t); i++) {
		uint32_t off = rb_btf_member_bit_offset(t, i), bf = member_bits(d, t, i);
		uint32_t expect, end, a = packed ? 8 : align_of(d, m[i].type) * 8;
		uint32_t unit = size_of(d, m[i].type) * 8;

		if (!is_struct) {
			end = bf ? bf : size_of(d, m[i].type) * 8;
			cur = end > cur ? end : cur;	/* a union ends after its largest member */
		} else {
			expect = bf ? cur : (cur + a - 1) / a * a;
			if (bf && !packed && unit && cur / unit != (cur + bf - 1) / unit)
				expect = (cur + unit - 1) / unit * unit;
			if (off != expect && off > cur)
				put_padding(sb, cur, off, ind + 1);
			cur = off + (bf ? bf : size_of(d, m[i].type) * 8);
		}
		indent(sb, ind + 1);
		put_decl(d, sb, m[i].type, rb_btf_str(d->btf, m[i].name_off), ind + 1, 0);
		if (bf)
			rb_sb_printf(sb, ": %u", bf);
		rb_sb_puts(sb, ";\n");
	}
	if (cur < t->size * 8 &&
	    (packed || (cur + d->align[id] * 8 - 1) / (d->align[id] * 8) * d->align[id] * 8
		       != t->size * 8))
		put_tail(sb, is_struct, cur, t->size * 8, ind + 1);
	indent(sb, ind);
	rb_sb_puts(sb, packed ? "} __attribute__((packed))" : "}");
}

/* put_base - the type specifier of a non-declarator type @id. */
static void put_base(struct dump *d, struct rb_sb *sb, uint32_t id, int ind,
		     unsigned flags)
{
	const struct rb_btf_type *t = T(d, id);
	const char *name = rb_btf_name(d->btf, id);

	if (!id || !t) {
		rb_sb_puts(sb, "void");
		return;
	}
	switch (rb_btf_kind(t)) {
	case RB_BTF_KIND_INT:
		if (*name)
			rb_sb_puts(sb, name);
		else
			put_int_type(sb, t->size,
				     RB_BTF_INT_ENCODING(rb_btf_int_info(t)) & RB_BTF_INT_SIGNED);
		return;
	case RB_BTF_KIND_FLOAT:
		rb_sb_puts(sb, *name ? name : t->size == 4 ? "float" : "double");
		return;
	case RB_BTF_KIND_STRUCT:
	case RB_BTF_KIND_UNION:
		if (t->name_off) {
			rb_sb_puts(sb, rb_btf_kind(t) == RB_BTF_KIND_STRUCT ? "struct " : "union ");
			put_name(d, sb, id);
		} else if (d->st[id] & ST_INPROG) {
			rb_sb_puts(sb, "void");		/* anonymous loop: bad BTF */
		} else {
			d->st[id] |= ST_INPROG;
			put_composite_body(d, sb, id, ind);
			d->st[id] &= (uint8_t)~ST_INPROG;
		}
		return;
	case RB_BTF_KIND_ENUM:
	case RB_BTF_KIND_ENUM64:
		if (t->name_off) {
			rb_sb_puts(sb, "enum ");
			put_name(d, sb, id);
		} else if (!(d->st[id] & ST_DEFINED) && !(flags & IN_PARAMS)) {
			d->st[id] |= ST_DEFINED;
			put_enum_body(d, sb, id, ind);
		} else {
			put_int_type(sb, t->size, enum_signed(t));
		}
		return;
	case RB_BTF_KIND_FWD:
		rb_sb_puts(sb, rb_btf_kflag(t) ? "union " : "struct ");
		put_name(d, sb, id);
		return;
	case RB_BTF_KIND_TYPEDEF:
		put_name(d, sb, id);
		return;
	default:
		rb_sb_puts(sb, "void");
	}
}

/* put_params - "(type a, type b, ...)" of FUNC_PROTO @t into @dcl. */
static void put_params(struct dump *d, struct rb_sb *dcl, const struct rb_btf_type *t,
		       int ind)
{
	unsigned i, n = rb_btf_vlen(t);

	rb_sb_puts(dcl, "(");
	if (!n)
		rb_sb_puts(dcl, "void");
	for (i = 0; i < n; i++) {
		const struct rb_btf_param *p = &rb_btf_params(t)[i];

		if (i)
			rb_sb_puts(dcl, ", ");
		if (i == n - 1 && !p->type && !p->name_off)
			rb_sb_puts(dcl, "...");
		else
			put_decl(d, dcl, p->type, rb_btf_str(d->btf, p->name_off), ind,
				 IN_PARAMS);
	}
	rb_sb_puts(dcl, ")");
}

/*
 * put_decl - "base declarator" for type @id named @name. The declarator
 * grows inside out: a pointer prepends '*' (in parentheses before an array
 * or function), an array appends [N], a prototype appends its parameters,
 * a qualifier or type tag prepends itself, which C reads as applying to
 * what is to its left (`int const *p`, `char *const p`).
 */
static void put_decl(struct dump *d, struct rb_sb *out, uint32_t id,
		     const char *name, int ind, unsigned flags)
{
	struct rb_sb dcl = { .a = d->a };
	const struct rb_btf_type *t;
	int depth = 0;

	rb_sb_puts(&dcl, name ? name : "");
	for (t = T(d, id); id && t && depth < 256; t = T(d, id), depth++) {
		unsigned k = rb_btf_kind(t);
		int next;

		if (k == RB_BTF_KIND_PTR) {
			next = rb_btf_skip_mods(d->btf, t->type);
			if (next > 0 && (rb_btf_kind(T(d, (uint32_t)next)) == RB_BTF_KIND_ARRAY ||
					 rb_btf_kind(T(d, (uint32_t)next)) == RB_BTF_KIND_FUNC_PROTO)) {
				rb_sb_prepend(&dcl, "(*");
				rb_sb_puts(&dcl, ")");
			} else {
				rb_sb_prepend(&dcl, "*");
			}
		} else if (k == RB_BTF_KIND_CONST || k == RB_BTF_KIND_VOLATILE ||
			   k == RB_BTF_KIND_RESTRICT) {
			const char *q = k == RB_BTF_KIND_CONST ? "const " :
					k == RB_BTF_KIND_VOLATILE ? "volatile " : "restrict ";

			/* BTF may repeat a qualifier; C warns about that */
			if (strncmp(rb_sb_str(&dcl), q, strlen(q)))
				rb_sb_prepend(&dcl, q);
		} else if (k == RB_BTF_KIND_TYPE_TAG) {
			rb_sb_prepend(&dcl, "\") ");
			rb_sb_prepend(&dcl, rb_btf_name(d->btf, id));
			rb_sb_prepend(&dcl, "__rawbpf_type_tag(\"");
		} else if (k == RB_BTF_KIND_ARRAY) {
			rb_sb_printf(&dcl, "[%u]", rb_btf_array_info(t)->nelems);
			id = rb_btf_array_info(t)->type;
			continue;
		} else if (k == RB_BTF_KIND_FUNC_PROTO) {
			put_params(d, &dcl, t, ind);
		} else {
			break;
		}
		id = t->type;
	}
	put_base(d, out, id, ind, flags);
	/* drop a qualifier's trailing blank when no name follows it */
	while (dcl.len && dcl.buf[dcl.len - 1] == ' ')
		dcl.buf[--dcl.len] = 0;
	if (dcl.len) {
		rb_sb_puts(out, " ");
		rb_sb_put(out, dcl.buf, dcl.len);
	}
	if (dcl.err)
		out->err = dcl.err;
	rb_sb_free(&dcl);
}

/* ---- order ---- */

static int need(struct dump *d, uint32_t id, bool strong);

/* declare - make struct/union @id known by name (forward declaration). */
static int declare(struct dump *d, uint32_t id)
{
	const struct rb_btf_type *t = T(d, id);
	bool is_union = rb_btf_kind(t) == RB_BTF_KIND_UNION ||
			(rb_btf_kind(t) == RB_BTF_KIND_FWD && rb_btf_kflag(t));

	if (d->st[id] & (ST_DECLARED | ST_DEFINED))
		return 0;
	d->st[id] |= ST_DECLARED;
	rb_sb_puts(&d->out, is_union ? "union " : "struct ");
	put_name(d, &d->out, id);
	rb_sb_puts(&d->out, ";\n\n");
	return d->out.len > FLUSH_AT ? flush(d) : d->out.err;
}

/* need_members - what an inline or top-level definition of @t needs. */
static int need_members(struct dump *d, const struct rb_btf_type *t)
{
	unsigned i;
	int err;

	for (i = 0; i < rb_btf_vlen(t); i++) {
		err = need(d, rb_btf_members(t)[i].type, true);
		if (err)
			return err;
	}
	return 0;
}

/* define - write the definition of named type @id after what it needs. */
static int define(struct dump *d, uint32_t id)
{
	const struct rb_btf_type *t = T(d, id);
	unsigned k = rb_btf_kind(t);
	int err;

	if (d->st[id] & (ST_DEFINED | ST_INPROG))
		return 0;	/* a by-value loop cannot be valid BTF: left as is */
	if (k == RB_BTF_KIND_TYPEDEF &&
	    !strcmp(rb_btf_name(d->btf, id), "__builtin_va_list")) {
		d->st[id] |= ST_DEFINED;	/* the compiler's own: never redefined */
		return 0;
	}
	d->st[id] |= ST_INPROG;
	if (k == RB_BTF_KIND_STRUCT || k == RB_BTF_KIND_UNION)
		err = need_members(d, t);
	else if (k == RB_BTF_KIND_TYPEDEF)
		err = need(d, t->type, false);
	else
		err = 0;
	if (err)
		return err;
	if (k == RB_BTF_KIND_TYPEDEF) {
		struct rb_sb name = { .a = d->a };

		put_name(d, &name, id);
		rb_sb_puts(&d->out, "typedef ");
		put_decl(d, &d->out, t->type, rb_sb_str(&name), 0, 0);
		if (name.err)
			d->out.err = name.err;
		rb_sb_free(&name);
	} else if (k == RB_BTF_KIND_ENUM || k == RB_BTF_KIND_ENUM64) {
		put_enum_body(d, &d->out, id, 0);
	} else {
		put_composite_body(d, &d->out, id, 0);
	}
	rb_sb_puts(&d->out, ";\n\n");
	d->st[id] = (uint8_t)((d->st[id] & ~ST_INPROG) | ST_DEFINED);
	return d->out.len > FLUSH_AT ? flush(d) : d->out.err;
}

/* need - make sure type @id can be used here: complete when @strong (held
 * by value), otherwise declared. */
static int need(struct dump *d, uint32_t id, bool strong)
{
	const struct rb_btf_type *t = T(d, id);
	unsigned i;
	int err;

	if (!id || !t)
		return 0;
	switch (rb_btf_kind(t)) {
	case RB_BTF_KIND_PTR:
		return need(d, t->type, false);
	case RB_BTF_KIND_ARRAY:
		return need(d, rb_btf_array_info(t)->type, true);
	case RB_BTF_KIND_CONST:
	case RB_BTF_KIND_VOLATILE:
	case RB_BTF_KIND_RESTRICT:
	case RB_BTF_KIND_TYPE_TAG:
		return need(d, t->type, strong);
	case RB_BTF_KIND_FUNC_PROTO:
		err = need(d, t->type, false);
		for (i = 0; !err && i < rb_btf_vlen(t); i++)
			err = need(d, rb_btf_params(t)[i].type, false);
		return err;
	case RB_BTF_KIND_STRUCT:
	case RB_BTF_KIND_UNION:
		if (t->name_off)
			return strong ? define(d, id) : declare(d, id);
		if (d->st[id] & ST_INPROG)
			return 0;
		d->st[id] |= ST_INPROG;
		err = need_members(d, t);
		d->st[id] &= (uint8_t)~ST_INPROG;
		return err;
	case RB_BTF_KIND_ENUM:
	case RB_BTF_KIND_ENUM64:
		return t->name_off ? define(d, id) : 0;
	case RB_BTF_KIND_FWD:
		return declare(d, id);
	case RB_BTF_KIND_TYPEDEF:
		err = define(d, id);
		return err || !strong ? err : need(d, t->type, true);
	default:
		return 0;
	}
}

/* ---- the header ---- */

static void put_prologue(struct rb_sb *sb, const char *guard)
{
	rb_sb_printf(sb, "#ifndef %s\n#define %s\n\n", guard, guard);
	rb_sb_puts(sb,
		"#ifndef BPF_NO_PRESERVE_ACCESS_INDEX\n"
		"#pragma clang attribute push (__attribute__((preserve_access_index)), apply_to = record)\n"
		"#endif\n\n"
		"#ifndef __rawbpf_type_tag\n"
		"#if defined(__clang__) && defined(__has_attribute)\n"
		"#if __has_attribute(btf_type_tag)\n"
		"#define __rawbpf_type_tag(x) __attribute__((btf_type_tag(x)))\n"
		"#endif\n"
		"#endif\n"
		"#endif\n"
		"#ifndef __rawbpf_type_tag\n"
		"#define __rawbpf_type_tag(x)\n"
		"#endif\n\n");
}

static void put_epilogue(struct rb_sb *sb, const char *guard)
{
	rb_sb_puts(sb,
		"#ifndef BPF_NO_PRESERVE_ACCESS_INDEX\n"
		"#pragma clang attribute pop\n"
		"#endif\n\n");
	rb_sb_printf(sb, "#endif /* %s */\n", guard);
}

/* dump_all - every named type in id order, then anonymous enums no one used. */
static int dump_all(struct dump *d)
{
	uint32_t id, n = rb_btf_type_cnt(d->btf);
	int err = 0;

	for (id = 1; id < n && !err; id++) {
		const struct rb_btf_type *t = T(d, id);

		switch (rb_btf_kind(t)) {
		case RB_BTF_KIND_STRUCT:
		case RB_BTF_KIND_UNION:
		case RB_BTF_KIND_ENUM:
		case RB_BTF_KIND_ENUM64:
			if (t->name_off)
				err = define(d, id);
			break;
		case RB_BTF_KIND_TYPEDEF:
			err = need(d, id, false);
			break;
		case RB_BTF_KIND_FWD:
			err = declare(d, id);
			break;
		default:
			break;
		}
	}
	for (id = 1; id < n && !err; id++) {
		const struct rb_btf_type *t = T(d, id);
		unsigned k = rb_btf_kind(t);

		if ((k == RB_BTF_KIND_ENUM || k == RB_BTF_KIND_ENUM64) && !t->name_off &&
		    !(d->st[id] & ST_DEFINED) && rb_btf_vlen(t)) {
			d->st[id] |= ST_DEFINED;
			put_enum_body(d, &d->out, id, 0);
			rb_sb_puts(&d->out, ";\n\n");
			if (d->out.len > FLUSH_AT)
				err = flush(d);
		}
	}
	return err;
}

int rb_btf_dump_c(const struct rb_btf *btf, const char *guard,
		  const struct rawbpf_allocator *a, rawbpf_write_fn write, void *ctx)
{
	struct dump d = { .btf = btf, .a = a, .write = write, .ctx = ctx };
	uint32_t n = rb_btf_type_cnt(btf);
	int err = -ENOMEM;

	d.out.a = a;
	d.st = rb_alloc_array(a, n, 1);
	d.align = rb_alloc_array(a, n, 1);
	d.sfx = rb_alloc_array(a, n, sizeof(*d.sfx));
	if (!guard || !*guard)
		guard = "__VMLINUX_H__";
	if (d.st && d.align && d.sfx) {
		put_prologue(&d.out, guard);
		err = dump_all(&d);
		if (!err) {
			put_epilogue(&d.out, guard);
			err = flush(&d);
		}
	}
	rb_sb_free(&d.out);
	names_free(&d, &d.tags);
	names_free(&d, &d.idents);
	rb_free(a, d.st, n);
	rb_free(a, d.align, n);
	rb_free(a, d.sfx, (size_t)n * sizeof(*d.sfx));
	return err;
}
