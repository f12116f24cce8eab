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
 * target. aligned(N) is only written for a struct with a size and no
 * members (its source had unnamed bitfields and an aligned()), so that a
 * BPF program embedding it (bpf_timer, bpf_list_head on older kernels)
 * gets the kernel's alignment.
 *
 * Names: a tag (struct/union/enum) or an ordinary identifier (typedef,
 * enum constant) seen a second time for a different type gets "___N".
 */
#include <errno.h>
#include <string.h>

#include "btf/btf_dump_c.h"
#include "core/mem.h"

/* flush - hand the buffered text to the writer. */
static int flush(struct dump *d)
{
	int err;

	if (d->out.err)
		return d->out.err;
	if (d->err || !d->out.len)
		return d->err;
	err = d->write(d->ctx, d->out.buf, d->out.len);
	d->written += d->out.len;
	d->out.len = 0;
	if (err)
		d->err = err < 0 ? err : -EIO;
	return d->err;
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
	rb_dc_put_name(d, &d->out, id);
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

		rb_dc_put_name(d, &name, id);
		rb_sb_puts(&d->out, "typedef ");
		rb_dc_put_decl(d, &d->out, t->type, rb_sb_str(&name), 0, 0);
		if (name.err)
			d->out.err = name.err;
		rb_sb_free(&name);
	} else if (k == RB_BTF_KIND_ENUM || k == RB_BTF_KIND_ENUM64) {
		rb_dc_put_enum_body(d, &d->out, id, 0);
	} else {
		rb_dc_put_composite_body(d, &d->out, id, 0);
	}
	rb_sb_puts(&d->out, ";\n\n");
	d->st[id] = (uint8_t)((d->st[id] & ~ST_INPROG) | ST_DEFINED);
	return d->out.len > FLUSH_AT ? flush(d) : d->out.err;
}

/* need_one - make sure type @id can be used here: complete when @strong (held
 * by value), otherwise declared. */
static int need_one(struct dump *d, uint32_t id, bool strong)
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
		if (d->st[id] & ST_NEEDED)
			return 0;
		err = need(d, t->type, false);
		for (i = 0; !err && i < rb_btf_vlen(t); i++)
			err = need(d, rb_btf_params(t)[i].type, false);
		if (!err)
			d->st[id] |= ST_NEEDED;
		return err;
	case RB_BTF_KIND_STRUCT:
	case RB_BTF_KIND_UNION:
		if (t->name_off)
			return strong ? define(d, id) : declare(d, id);
		if (d->st[id] & (ST_INPROG | ST_NEEDED))
			return 0;
		d->st[id] |= ST_INPROG;
		err = need_members(d, t);
		d->st[id] &= (uint8_t)~ST_INPROG;
		if (!err)
			d->st[id] |= ST_NEEDED;
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

/* need - need_one with a bound on how deep types nest, so that hostile
 * BTF (a chain of 100k structs, each holding the next) cannot exhaust the
 * stack; the kernel's own nest about 20 deep. */
static int need(struct dump *d, uint32_t id, bool strong)
{
	int err;

	if (d->depth >= RB_DUMP_MAX_DEPTH)
		return -ELOOP;
	d->depth++;
	err = need_one(d, id, strong);
	d->depth--;
	return err;
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
			rb_dc_put_enum_body(d, &d->out, id, 0);
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
	uint32_t n = rb_btf_type_cnt(btf), raw_size = 0;
	int err = -ENOMEM;

	d.out.a = a;
	/* Inline anonymous types can make output exponential in the input
	 * (a type with 16 members of an anonymous type with 16 members...),
	 * and padding linear in a struct's size: bound it. vmlinux's BTF
	 * gives half its own size. */
	rb_btf_raw(btf, &raw_size);
	d.budget = ((size_t)1 << 20) + (size_t)raw_size * 64;
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
	rb_dc_names_free(&d, &d.tags);
	rb_dc_names_free(&d, &d.idents);
	rb_free(a, d.st);
	rb_free(a, d.align);
	rb_free(a, d.sfx);
	return err;
}

