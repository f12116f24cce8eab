// SPDX-License-Identifier: BSD-2-Clause
/*
 * btf_dump_decl.c - the C writer's declarations (see btf_dump_c.c for the
 * whole): names with ___N suffixes, the layout each struct needs (natural
 * alignment, packed or not), enum sizes, member padding, and declarators.
 */
#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include "btf/btf_dump_c.h"
#include "core/mem.h"

static uint32_t hash_str(const char *s)
{
	uint32_t h = 2166136261u;

	while (*s)
		h = (h ^ (uint8_t)*s++) * 16777619u;
	return h;
}

bool rb_dc_over_budget(struct dump *d, struct rb_sb *sb)
{
	size_t n = d->written + d->out.len + (sb != &d->out ? sb->len : 0);

	if (n <= d->budget)
		return false;
	sb->err = -E2BIG;	/* stops every later write to @sb */
	return true;
}

/* rb_dc_names_use - count one more user of @name; returns the new count (0: no memory). */
uint32_t rb_dc_names_use(struct dump *d, struct names *n, const char *name)
{
	uint32_t i;

	if ((n->used + 1) * 2 > n->cap) {
		struct names g = { 0 };
		uint32_t j;

		g.cap = n->cap ? n->cap * 2 : 1024;
		g.keys = rb_alloc_array(d->a, g.cap, sizeof(*g.keys));
		g.cnt = rb_alloc_array(d->a, g.cap, sizeof(*g.cnt));
		if (!g.keys || !g.cnt) {
			rb_free(d->a, g.keys);
			rb_free(d->a, g.cnt);
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
		rb_free(d->a, n->keys);
		rb_free(d->a, n->cnt);
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

void rb_dc_names_free(struct dump *d, struct names *n)
{
	rb_free(d->a, n->keys);
	rb_free(d->a, n->cnt);
}

/* put_suffixed - @name, and "___N" when it is the Nth user (N > 1). */
static void put_suffixed(struct rb_sb *sb, const char *name, uint32_t n)
{
	rb_sb_puts(sb, name);
	if (n > 1)
		rb_sb_printf(sb, "___%u", n);
}

/* rb_dc_put_name - type @id's name as emitted. A FWD shares its tag with the
 * struct it stands for, so it never takes a suffix. */
void rb_dc_put_name(struct dump *d, struct rb_sb *sb, uint32_t id)
{
	const struct rb_btf_type *t = T(d, id);
	const char *name = rb_btf_name(d->btf, id);
	unsigned k = rb_btf_kind(t);

	if (!d->sfx[id] && k != RB_BTF_KIND_FWD) {
		d->sfx[id] = rb_dc_names_use(d, k == RB_BTF_KIND_TYPEDEF ? &d->idents : &d->tags, name);
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
	/* No members, only a size: the source had unnamed bitfields, which
	 * give no alignment, and so an aligned() (bpf_timer and friends before
	 * 6.x: `__u64 :64; __u64 :64;` aligned(8)). Say it again. */
	if (!rb_btf_vlen(t) && t->size) {
		natural = t->size & -t->size;
		natural = natural > 8 ? 8 : natural;
		d->st[id] |= ST_ALIGNED;
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

void rb_dc_put_decl(struct dump *d, struct rb_sb *out, uint32_t id,
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

/* rb_dc_put_enum_body - "enum [mode] [name] { A = 1, ... } [packed]" at @ind. */
void rb_dc_put_enum_body(struct dump *d, struct rb_sb *sb, uint32_t id, int ind)
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
		rb_dc_put_name(d, sb, id);
		rb_sb_puts(sb, " ");
	}
	rb_sb_puts(sb, "{\n");
	for (i = 0; i < rb_btf_vlen(t); i++) {
		uint32_t off = rb_btf_kind(t) == RB_BTF_KIND_ENUM64 ?
			       rb_btf_enums64(t)[i].name_off : rb_btf_enums(t)[i].name_off;
		const char *n = rb_btf_str(d->btf, off);
		uint64_t v = enum_value(t, i);
		uint32_t c = rb_dc_names_use(d, &d->idents, n);

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
static void put_padding(struct dump *d, struct rb_sb *sb, uint32_t from, uint32_t to,
			int ind)
{
	while (from < to && !rb_dc_over_budget(d, sb)) {
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
static void put_tail(struct dump *d, struct rb_sb *sb, bool is_struct, uint32_t from,
		     uint32_t to, int ind)
{
	if (is_struct || to <= 64) {
		put_padding(d, sb, is_struct ? from : 0, to, ind);
		return;
	}
	indent(sb, ind);
	rb_sb_puts(sb, "struct {\n");
	put_padding(d, sb, 0, to, ind + 1);
	indent(sb, ind);
	rb_sb_puts(sb, "};\n");
}

/* rb_dc_put_composite_body - "struct [name] { members } [packed]" at @ind. */
void rb_dc_put_composite_body(struct dump *d, struct rb_sb *sb, uint32_t id,
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
		rb_dc_put_name(d, sb, id);
		rb_sb_puts(sb, " ");
	}
	rb_sb_puts(sb, "{\n");
	for (i = 0; i < rb_btf_vlen(t) && !rb_dc_over_budget(d, sb); i++) {
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
				put_padding(d, sb, cur, off, ind + 1);
			cur = off + (bf ? bf : size_of(d, m[i].type) * 8);
		}
		indent(sb, ind + 1);
		rb_dc_put_decl(d, sb, m[i].type, rb_btf_str(d->btf, m[i].name_off), ind + 1, 0);
		if (bf)
			rb_sb_printf(sb, ": %u", bf);
		rb_sb_puts(sb, ";\n");
	}
	if (cur < t->size * 8 &&
	    (packed || (cur + d->align[id] * 8 - 1) / (d->align[id] * 8) * d->align[id] * 8
		       != t->size * 8))
		put_tail(d, sb, is_struct, cur, t->size * 8, ind + 1);
	indent(sb, ind);
	rb_sb_puts(sb, packed ? "} __attribute__((packed))" : "}");
	if ((d->st[id] & ST_ALIGNED) && d->align[id] > 1)
		rb_sb_printf(sb, " __attribute__((aligned(%u)))", d->align[id]);
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
			rb_dc_put_name(d, sb, id);
		} else if (d->st[id] & ST_INPROG) {
			rb_sb_puts(sb, "void");		/* anonymous loop: bad BTF */
		} else {
			d->st[id] |= ST_INPROG;
			rb_dc_put_composite_body(d, sb, id, ind);
			d->st[id] &= (uint8_t)~ST_INPROG;
		}
		return;
	case RB_BTF_KIND_ENUM:
	case RB_BTF_KIND_ENUM64:
		if (t->name_off) {
			rb_sb_puts(sb, "enum ");
			rb_dc_put_name(d, sb, id);
		} else if (!(d->st[id] & ST_DEFINED) && !(flags & IN_PARAMS)) {
			d->st[id] |= ST_DEFINED;
			rb_dc_put_enum_body(d, sb, id, ind);
		} else {
			put_int_type(sb, t->size, enum_signed(t));
		}
		return;
	case RB_BTF_KIND_FWD:
		rb_sb_puts(sb, rb_btf_kflag(t) ? "union " : "struct ");
		rb_dc_put_name(d, sb, id);
		return;
	case RB_BTF_KIND_TYPEDEF:
		rb_dc_put_name(d, sb, id);
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
			rb_dc_put_decl(d, dcl, p->type, rb_btf_str(d->btf, p->name_off), ind,
				 IN_PARAMS);
	}
	rb_sb_puts(dcl, ")");
}

/*
 * rb_dc_put_decl - "base declarator" for type @id named @name. The declarator
 * grows inside out: a pointer prepends '*' (in parentheses before an array
 * or function), an array appends [N], a prototype appends its parameters,
 * a qualifier or type tag prepends itself, which C reads as applying to
 * what is to its left (`int const *p`, `char *const p`).
 */
void rb_dc_put_decl(struct dump *d, struct rb_sb *out, uint32_t id,
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

