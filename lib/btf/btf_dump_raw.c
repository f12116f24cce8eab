// SPDX-License-Identifier: BSD-2-Clause
/*
 * btf_dump_raw.c - BTF as bpftool's raw text: one line per type,
 *   [id] KIND 'name' field=value ...
 * then one indented line per member, enum entry, parameter or DATASEC
 * variable. Anonymous types are named '(anon)'.
 */
#include <errno.h>
#include <inttypes.h>

#include "btf/btf_dump.h"
#include "core/strbuf.h"

static const char *const kind_names[] = {
	"UNKN", "INT", "PTR", "ARRAY", "STRUCT", "UNION", "ENUM", "FWD",
	"TYPEDEF", "VOLATILE", "CONST", "RESTRICT", "FUNC", "FUNC_PROTO", "VAR",
	"DATASEC", "FLOAT", "DECL_TAG", "TYPE_TAG", "ENUM64",
};

static const char *linkage(uint32_t l)
{
	return l == 0 ? "static" : l == 1 ? "global" : l == 2 ? "extern" : "(unknown)";
}

/* str - the string at @off, '(anon)' when empty. */
static const char *str(const struct rb_btf *btf, uint32_t off)
{
	const char *s = rb_btf_str(btf, off);

	return s && *s ? s : "(anon)";
}

static void put_int(struct rb_sb *sb, const struct rb_btf_type *t)
{
	uint32_t v = rb_btf_int_info(t), enc = RB_BTF_INT_ENCODING(v);

	rb_sb_printf(sb, " size=%u bits_offset=%u nr_bits=%u encoding=%s\n", t->size,
		     RB_BTF_INT_OFFSET(v), RB_BTF_INT_BITS(v),
		     enc & RB_BTF_INT_SIGNED ? "SIGNED" : enc & RB_BTF_INT_CHAR ? "CHAR" :
		     enc & RB_BTF_INT_BOOL ? "BOOL" : "(none)");
}

static void put_members(struct rb_sb *sb, const struct rb_btf *btf,
			const struct rb_btf_type *t)
{
	unsigned i;

	rb_sb_printf(sb, " size=%u vlen=%u\n", t->size, rb_btf_vlen(t));
	for (i = 0; i < rb_btf_vlen(t); i++) {
		const struct rb_btf_member *m = &rb_btf_members(t)[i];

		rb_sb_printf(sb, "\t'%s' type_id=%u bits_offset=%u", str(btf, m->name_off),
			     m->type, rb_btf_member_bit_offset(t, i));
		if (rb_btf_member_bitfield_size(t, i))
			rb_sb_printf(sb, " bitfield_size=%u", rb_btf_member_bitfield_size(t, i));
		rb_sb_puts(sb, "\n");
	}
}

static void put_enum(struct rb_sb *sb, const struct rb_btf *btf,
		     const struct rb_btf_type *t)
{
	bool sign = rb_btf_kflag(t), is64 = rb_btf_kind(t) == RB_BTF_KIND_ENUM64;
	unsigned i;

	rb_sb_printf(sb, " encoding=%s size=%u vlen=%u\n", sign ? "SIGNED" : "UNSIGNED",
		     t->size, rb_btf_vlen(t));
	for (i = 0; i < rb_btf_vlen(t); i++) {
		uint64_t v = is64 ? rb_btf_enum64_value(&rb_btf_enums64(t)[i])
			   : sign ? (uint64_t)(int64_t)rb_btf_enums(t)[i].val
				  : (uint32_t)rb_btf_enums(t)[i].val;
		uint32_t n = is64 ? rb_btf_enums64(t)[i].name_off : rb_btf_enums(t)[i].name_off;

		if (sign)
			rb_sb_printf(sb, "\t'%s' val=%" PRId64 "\n", str(btf, n), (int64_t)v);
		else
			rb_sb_printf(sb, "\t'%s' val=%" PRIu64 "\n", str(btf, n), v);
	}
}

/* put_type - the line(s) of type @id. */
static void put_type(struct rb_sb *sb, const struct rb_btf *btf, uint32_t id)
{
	const struct rb_btf_type *t = rb_btf_type_by_id(btf, id);
	unsigned k = rb_btf_kind(t), i;

	rb_sb_printf(sb, "[%u] %s '%s'", id, k <= RB_BTF_KIND_MAX ? kind_names[k] : "UNKN",
		     str(btf, t->name_off));
	switch (k) {
	case RB_BTF_KIND_INT:
		put_int(sb, t);
		return;
	case RB_BTF_KIND_ARRAY:
		rb_sb_printf(sb, " type_id=%u index_type_id=%u nr_elems=%u\n",
			     rb_btf_array_info(t)->type, rb_btf_array_info(t)->index_type,
			     rb_btf_array_info(t)->nelems);
		return;
	case RB_BTF_KIND_STRUCT:
	case RB_BTF_KIND_UNION:
		put_members(sb, btf, t);
		return;
	case RB_BTF_KIND_ENUM:
	case RB_BTF_KIND_ENUM64:
		put_enum(sb, btf, t);
		return;
	case RB_BTF_KIND_FWD:
		rb_sb_printf(sb, " fwd_kind=%s\n", rb_btf_kflag(t) ? "union" : "struct");
		return;
	case RB_BTF_KIND_FUNC:
		rb_sb_printf(sb, " type_id=%u linkage=%s\n", t->type, linkage(rb_btf_vlen(t)));
		return;
	case RB_BTF_KIND_FUNC_PROTO:
		rb_sb_printf(sb, " ret_type_id=%u vlen=%u\n", t->type, rb_btf_vlen(t));
		for (i = 0; i < rb_btf_vlen(t); i++)
			rb_sb_printf(sb, "\t'%s' type_id=%u\n",
				     str(btf, rb_btf_params(t)[i].name_off),
				     rb_btf_params(t)[i].type);
		return;
	case RB_BTF_KIND_VAR:
		rb_sb_printf(sb, " type_id=%u, linkage=%s\n", t->type,
			     linkage(rb_btf_var_info(t)->linkage));
		return;
	case RB_BTF_KIND_DATASEC:
		rb_sb_printf(sb, " size=%u vlen=%u\n", t->size, rb_btf_vlen(t));
		for (i = 0; i < rb_btf_vlen(t); i++)
			rb_sb_printf(sb, "\ttype_id=%u offset=%u size=%u\n",
				     rb_btf_secinfos(t)[i].type, rb_btf_secinfos(t)[i].offset,
				     rb_btf_secinfos(t)[i].size);
		return;
	case RB_BTF_KIND_FLOAT:
		rb_sb_printf(sb, " size=%u\n", t->size);
		return;
	case RB_BTF_KIND_DECL_TAG:
		rb_sb_printf(sb, " type_id=%u component_idx=%d\n", t->type,
			     rb_btf_decl_tag_info(t)->component_idx);
		return;
	default:	/* PTR, TYPEDEF, modifiers, TYPE_TAG */
		rb_sb_printf(sb, " type_id=%u\n", t->type);
	}
}

int rb_btf_dump_raw(const struct rb_btf *btf, const struct rawbpf_allocator *a,
		    rawbpf_write_fn emit, void *ctx)
{
	struct rb_sb sb = { .a = a };
	uint32_t id, n = rb_btf_type_cnt(btf);
	int err = 0;

	for (id = 1; id < n && !err; id++) {
		put_type(&sb, btf, id);
		if (sb.err)
			err = sb.err;
		else if (sb.len > 64 * 1024 || id == n - 1) {
			err = emit(ctx, sb.buf, sb.len);
			sb.len = 0;
		}
	}
	rb_sb_free(&sb);
	return err > 0 ? -EIO : err;
}
