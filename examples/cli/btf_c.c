// SPDX-License-Identifier: BSD-2-Clause
/* btf_c.c - a minimal BTF-to-C type writer (btf_c.h): a C declarator built
 * inside out from a type id, with the named struct/union/enum/typedef
 * definitions it depends on written once, dependencies first. */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "btf_c.h"
#include "btf/btf.h"

enum { BTF_C_BUSY = 1, BTF_C_DONE = 2, BTF_C_FWD = 4 };

void cbuf_printf(struct cbuf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (b->failed)
		return;
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0) {
		b->failed = true;
		return;
	}
	if (b->len + (size_t)n + 1 > b->cap) {
		size_t cap = (b->len + (size_t)n + 1) * 2;
		char *p = realloc(b->p, cap);

		if (!p) {
			b->failed = true;
			return;
		}
		b->p = p;
		b->cap = cap;
	}
	va_start(ap, fmt);
	vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void cbuf_free(struct cbuf *b)
{
	free(b->p);
	memset(b, 0, sizeof(*b));
}

/* The text of @b, "" when empty. */
static const char *cstr(const struct cbuf *b)
{
	return b->p ? b->p : "";
}

int btf_c_init(struct btf_c *c, const struct rb_btf *btf)
{
	memset(c, 0, sizeof(*c));
	c->btf = btf;
	c->state = calloc(rb_btf_type_cnt(btf) + 1, 1);
	return c->state ? 0 : -ENOMEM;
}

void btf_c_free(struct btf_c *c)
{
	free(c->state);
	cbuf_free(&c->defs);
	c->state = NULL;
}

static const char *tname(const struct btf_c *c, uint32_t id)
{
	const char *n = rb_btf_name(c->btf, id);

	return n ? n : "";
}

static int decl(struct btf_c *c, uint32_t id, const char *inner, bool by_ptr,
		struct cbuf *dst, int indent);

/* "struct"/"union"/"enum" for a composite, enum or forward type. */
static const char *keyword(const struct rb_btf_type *t)
{
	switch (rb_btf_kind(t)) {
	case RB_BTF_KIND_UNION:
		return "union";
	case RB_BTF_KIND_ENUM:
	case RB_BTF_KIND_ENUM64:
		return "enum";
	case RB_BTF_KIND_FWD:
		return rb_btf_kflag(t) ? "union" : "struct";
	default:
		return "struct";
	}
}

static void tabs(struct cbuf *b, int n)
{
	while (n-- > 0)
		cbuf_printf(b, "\t");
}

/* Whether struct @t is packed: a member off its natural alignment, or a
 * size that is not a multiple of the struct's alignment. */
static bool is_packed(const struct btf_c *c, uint32_t id,
		      const struct rb_btf_type *t)
{
	int align = rb_btf_align(c->btf, id), a;
	unsigned i;

	if (rb_btf_kind(t) != RB_BTF_KIND_STRUCT || align <= 0)
		return false;
	if (t->size % (uint32_t)align)
		return true;
	for (i = 0; i < rb_btf_vlen(t); i++) {
		if (rb_btf_member_bitfield_size(t, i))
			continue;
		a = rb_btf_align(c->btf, rb_btf_members(t)[i].type);
		if (a > 0 && rb_btf_member_bit_offset(t, i) % ((uint32_t)a * 8))
			return true;
	}
	return false;
}

/* The { ... } of struct/union/enum @id at nesting @indent. */
static int body(struct btf_c *c, uint32_t id, struct cbuf *dst, int indent)
{
	const struct rb_btf_type *t = rb_btf_type_by_id(c->btf, id);
	unsigned i, n = rb_btf_vlen(t), kind = rb_btf_kind(t);
	bool strip = c->strip, packed = is_packed(c, id, t);
	int err = 0;

	c->strip = false;	/* members keep their qualifiers */
	cbuf_printf(dst, "{\n");
	for (i = 0; i < n; i++) {
		tabs(dst, indent + 1);
		if (kind == RB_BTF_KIND_ENUM) {
			const struct rb_btf_enum *e = &rb_btf_enums(t)[i];

			if (rb_btf_kflag(t))
				cbuf_printf(dst, "%s = %" PRIu32 ",\n",
					    rb_btf_str(c->btf, e->name_off),
					    (uint32_t)e->val);
			else
				cbuf_printf(dst, "%s = %" PRId32 ",\n",
					    rb_btf_str(c->btf, e->name_off), e->val);
			continue;
		}
		if (kind == RB_BTF_KIND_ENUM64) {
			const struct rb_btf_enum64 *e = &rb_btf_enums64(t)[i];

			cbuf_printf(dst, rb_btf_kflag(t) ? "%s = %" PRIu64 "ULL,\n" :
					 "%s = %" PRId64 "LL,\n",
				    rb_btf_str(c->btf, e->name_off),
				    rb_btf_enum64_value(e));
			continue;
		}
		{
			const struct rb_btf_member *m = &rb_btf_members(t)[i];
			uint32_t bits = rb_btf_member_bitfield_size(t, i);

			err = decl(c, m->type, rb_btf_str(c->btf, m->name_off),
				   false, dst, indent + 1);
			if (err)
				break;
			if (bits)
				cbuf_printf(dst, " : %u", bits);
			else if (!packed && rb_btf_align(c->btf, m->type) > 4)
				/* i386 puts 8-byte members of structs at
				 * 4: keep the BPF side's offsets */
				cbuf_printf(dst, " __attribute__((aligned(%d)))",
					    rb_btf_align(c->btf, m->type));
			cbuf_printf(dst, ";\n");
		}
	}
	c->strip = strip;
	if (err)
		return err;
	tabs(dst, indent);
	cbuf_printf(dst, "}%s", packed ? " __attribute__((packed))" : "");
	return 0;
}

/* Write the definition of named type @id to c->defs once. */
static int need_def(struct btf_c *c, uint32_t id)
{
	const struct rb_btf_type *t = rb_btf_type_by_id(c->btf, id);
	struct cbuf tmp = { 0 };
	bool strip = c->strip;
	int err;

	if (c->state[id] & (BTF_C_BUSY | BTF_C_DONE))
		return 0;	/* BUSY: reached again through a pointer */
	c->state[id] |= BTF_C_BUSY;
	c->strip = false;	/* a definition is what the BTF says */
	if (rb_btf_kind(t) == RB_BTF_KIND_TYPEDEF) {
		err = decl(c, t->type, tname(c, id), false, &tmp, 0);
		cbuf_printf(&c->defs, "typedef %s;\n\n", cstr(&tmp));
	} else {
		err = body(c, id, &tmp, 0);
		cbuf_printf(&c->defs, "%s %s %s;\n", keyword(t), tname(c, id),
			    cstr(&tmp));
		/* the host must lay it out as the BPF compiler did */
		if (rb_btf_is_composite(t))
			cbuf_printf(&c->defs,
				    "_Static_assert(sizeof(%s %s) == %u, \"%s %s: not %u bytes as in the BPF object\");\n",
				    keyword(t), tname(c, id), t->size, keyword(t),
				    tname(c, id), t->size);
		cbuf_printf(&c->defs, "\n");
	}
	cbuf_free(&tmp);
	c->state[id] = BTF_C_DONE;
	c->strip = strip;
	return err;
}

/* Declare named struct/union @id ahead when only a pointer needs it. */
static void need_fwd(struct btf_c *c, uint32_t id)
{
	const struct rb_btf_type *t = rb_btf_type_by_id(c->btf, id);

	if (c->state[id])
		return;
	c->state[id] |= BTF_C_FWD;
	cbuf_printf(&c->defs, "%s %s;\n\n", keyword(t), tname(c, id));
}

/* "base inner" with a space only where needed. */
static void base_inner(struct cbuf *dst, const char *base, const char *inner)
{
	cbuf_printf(dst, "%s%s%s", base, inner[0] && inner[0] != '[' ? " " : "",
		    inner);
}

static int decl_ptr(struct btf_c *c, const struct rb_btf_type *t,
		    const char *inner, struct cbuf *dst, int indent)
{
	const struct rb_btf_type *to = rb_btf_type_by_id(c->btf, t->type);
	unsigned k = to ? rb_btf_kind(to) : 0;
	struct cbuf in = { 0 };
	int err;

	bool strip = c->strip;

	if (k == RB_BTF_KIND_ARRAY || k == RB_BTF_KIND_FUNC_PROTO)
		cbuf_printf(&in, "(*%s)", inner);
	else
		cbuf_printf(&in, "*%s", inner);
	c->strip = false;	/* what it points to keeps its qualifiers */
	err = in.failed ? -ENOMEM : decl(c, t->type, cstr(&in), true, dst, indent);
	c->strip = strip;
	cbuf_free(&in);
	return err;
}

static int decl_array(struct btf_c *c, const struct rb_btf_type *t,
		      const char *inner, bool by_ptr, struct cbuf *dst, int indent)
{
	const struct rb_btf_array *a = rb_btf_array_info(t);
	struct cbuf in = { 0 };
	int err;

	cbuf_printf(&in, "%s[%u]", inner, a->nelems);
	err = in.failed ? -ENOMEM : decl(c, a->type, cstr(&in), by_ptr, dst, indent);
	cbuf_free(&in);
	return err;
}

static int decl_mod(struct btf_c *c, const struct rb_btf_type *t,
		    const char *inner, bool by_ptr, struct cbuf *dst, int indent)
{
	const struct rb_btf_type *to = rb_btf_type_by_id(c->btf, t->type);
	const char *q = rb_btf_kind(t) == RB_BTF_KIND_CONST ? "const" :
			rb_btf_kind(t) == RB_BTF_KIND_VOLATILE ? "volatile" :
			rb_btf_kind(t) == RB_BTF_KIND_RESTRICT ? "restrict" : NULL;
	struct cbuf in = { 0 };
	int err;

	if (!q || c->strip)	/* TYPE_TAG: no C spelling */
		return decl(c, t->type, inner, by_ptr, dst, indent);
	if (to && rb_btf_kind(to) == RB_BTF_KIND_PTR) {
		/* qualifies the pointer: "* const p" */
		cbuf_printf(&in, "%s %s", q, inner);
		err = in.failed ? -ENOMEM :
				  decl(c, t->type, cstr(&in), by_ptr, dst, indent);
		cbuf_free(&in);
		return err;
	}
	cbuf_printf(dst, "%s ", q);
	return decl(c, t->type, inner, by_ptr, dst, indent);
}

static int decl_func(struct btf_c *c, const struct rb_btf_type *t,
		     const char *inner, struct cbuf *dst, int indent)
{
	const struct rb_btf_param *p = rb_btf_params(t);
	unsigned i, n = rb_btf_vlen(t);
	struct cbuf in = { 0 };
	bool strip = c->strip;
	int err = 0;

	c->strip = false;
	cbuf_printf(&in, "%s(", inner);
	if (!n)
		cbuf_printf(&in, "void");
	for (i = 0; i < n && !err; i++) {
		if (i)
			cbuf_printf(&in, ", ");
		if (!p[i].type && i == n - 1)
			cbuf_printf(&in, "...");
		else
			err = decl(c, p[i].type, rb_btf_str(c->btf, p[i].name_off),
				   false, &in, indent);
	}
	cbuf_printf(&in, ")");
	c->strip = strip;
	if (!err)
		err = in.failed ? -ENOMEM : decl(c, t->type, cstr(&in), false,
						 dst, indent);
	cbuf_free(&in);
	return err;
}

static int decl(struct btf_c *c, uint32_t id, const char *inner, bool by_ptr,
		struct cbuf *dst, int indent)
{
	const struct rb_btf_type *t;
	int err;

	if (!id) {
		base_inner(dst, "void", inner);
		return 0;
	}
	t = rb_btf_type_by_id(c->btf, id);
	if (!t)
		return -EINVAL;
	switch (rb_btf_kind(t)) {
	case RB_BTF_KIND_INT:
	case RB_BTF_KIND_FLOAT:
		base_inner(dst, tname(c, id), inner);
		return 0;
	case RB_BTF_KIND_PTR:
		return decl_ptr(c, t, inner, dst, indent);
	case RB_BTF_KIND_ARRAY:
		return decl_array(c, t, inner, by_ptr, dst, indent);
	case RB_BTF_KIND_CONST:
	case RB_BTF_KIND_VOLATILE:
	case RB_BTF_KIND_RESTRICT:
	case RB_BTF_KIND_TYPE_TAG:
		return decl_mod(c, t, inner, by_ptr, dst, indent);
	case RB_BTF_KIND_FUNC_PROTO:
		return decl_func(c, t, inner, dst, indent);
	case RB_BTF_KIND_TYPEDEF:
		err = need_def(c, id);
		base_inner(dst, tname(c, id), inner);
		return err;
	case RB_BTF_KIND_FWD:
		need_fwd(c, id);
		cbuf_printf(dst, "%s %s", keyword(t), tname(c, id));
		base_inner(dst, "", inner);
		return 0;
	case RB_BTF_KIND_STRUCT:
	case RB_BTF_KIND_UNION:
	case RB_BTF_KIND_ENUM:
	case RB_BTF_KIND_ENUM64:
		if (!tname(c, id)[0]) {		/* anonymous: inline */
			cbuf_printf(dst, "%s ", keyword(t));
			err = body(c, id, dst, indent);
		} else {
			if (by_ptr && rb_btf_is_composite(t))
				need_fwd(c, id);
			err = by_ptr && rb_btf_is_composite(t) ? 0 : need_def(c, id);
			cbuf_printf(dst, "%s %s", keyword(t), tname(c, id));
		}
		base_inner(dst, "", inner);
		return err;
	default:
		return -EOPNOTSUPP;	/* VAR, DATASEC, FUNC, DECL_TAG */
	}
}

int btf_c_decl(struct btf_c *c, uint32_t id, const char *name, bool strip_mods,
	       struct cbuf *dst)
{
	int err;

	/* strip: the top level and array elements, not through pointers */
	c->strip = strip_mods;
	err = decl(c, id, name, false, dst, 1);
	c->strip = false;
	if (!err && (dst->failed || c->defs.failed))
		err = -ENOMEM;
	return err;
}
