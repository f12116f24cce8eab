// SPDX-License-Identifier: BSD-2-Clause
/* core.c - CO-RE relocation values (pure): parse a record's access string
 * against the local BTF, match it on each candidate target type (members
 * by name, through anonymous members, array indexes), check compatibility,
 * and compute the value per relocation kind. Patching is in core_patch.c. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "btf/core.h"
#include "core/errname.h"

#define MAX_ACCESS 64
#define MAX_DEPTH 32

struct access {
	const char *name;	/* member name (NULL: array index) */
	size_t name_len;	/* essential length of name */
	uint32_t idx;
};

/* A relocation's access path, on one BTF. */
struct spec {
	const struct rb_btf *btf;
	uint32_t root;		/* root type id */
	uint32_t first;		/* the first index: root[first] */
	struct access acc[MAX_ACCESS];	/* named members and array indexes */
	uint32_t nacc;
	uint32_t field;		/* field: type id of the field reached */
	uint64_t bit_off;
	uint32_t bit_sz;	/* bitfield width, 0 if none */
	uint64_t enum_val;	/* enumval: the enumerator's value */
	const char *enum_name;
};

size_t rb_core_essential_len(const char *name)
{
	size_t n = strlen(name), i;

	/* the last "x___y": a non-'_', exactly three '_', a non-'_' */
	for (i = n >= 5 ? n - 5 + 1 : 0; i-- > 0;)
		if (name[i] != '_' && name[i + 1] == '_' && name[i + 2] == '_' &&
		    name[i + 3] == '_' && name[i + 4] != '_')
			return i + 1;
	return n;
}

const char *rb_core_kind_str(uint32_t kind)
{
	static const char *const s[] = {
		"byte_off", "byte_sz", "field_exists", "signed", "lshift_u64",
		"rshift_u64", "local_type_id", "target_type_id", "type_exists",
		"type_size", "enumval_exists", "enumval_value", "type_matches",
	};

	return kind < sizeof(s) / sizeof(s[0]) ? s[kind] : "unknown";
}

static bool is_field_kind(uint32_t k) { return k <= RB_CORE_FIELD_RSHIFT_U64; }
static bool is_enum_kind(uint32_t k)
{
	return k == RB_CORE_ENUMVAL_EXISTS || k == RB_CORE_ENUMVAL_VALUE;
}

/* Tell @mk (may be NULL) what a match relied on. */
static void mark(const struct rb_core_marker *mk, uint32_t id, int32_t idx)
{
	if (mk)
		mk->mark(mk->ctx, id, idx);
}

static const struct rb_btf_type *resolved(const struct rb_btf *btf, uint32_t id,
					  uint32_t *out)
{
	int r = rb_btf_resolve(btf, id);

	if (r < 0)
		return NULL;
	if (out)
		*out = (uint32_t)r;
	return rb_btf_type_by_id(btf, (uint32_t)r);
}

static bool is_enum(const struct rb_btf_type *t)
{
	return rb_btf_kind(t) == RB_BTF_KIND_ENUM || rb_btf_kind(t) == RB_BTF_KIND_ENUM64;
}

static bool names_eq(const char *a, size_t alen, const char *b)
{
	return alen == rb_core_essential_len(b) && !strncmp(a, b, alen);
}

static int parse_numbers(const char *s, uint32_t *out, uint32_t max)
{
	uint32_t n = 0;

	while (*s) {
		char *end;
		unsigned long v;

		if (n == max || *s < '0' || *s > '9')
			return -EINVAL;
		v = strtoul(s, &end, 10);
		if (v > UINT32_MAX || (*end && *end != ':'))
			return -EINVAL;
		out[n++] = (uint32_t)v;
		s = *end ? end + 1 : end;
	}
	return n ? (int)n : -EINVAL;
}

/* Parse @r's access string on the local BTF. */
static int parse_local(const struct rb_btf *btf, const struct rb_bpf_core_relo *r,
		       const char *str, struct spec *sp, char *msg, size_t msz)
{
	uint32_t raw[MAX_ACCESS], id = r->type_id, i;
	const struct rb_btf_type *t;
	int n = parse_numbers(str, raw, MAX_ACCESS);
	int64_t sz;

	memset(sp, 0, sizeof(*sp));
	sp->btf = btf;
	sp->root = r->type_id;
	if (n < 0 || !r->type_id)
		goto bad;
	if (!is_field_kind(r->kind) && !is_enum_kind(r->kind))
		return n == 1 && raw[0] == 0 ? 0 : -EINVAL;
	t = resolved(btf, id, NULL);
	if (!t)
		goto bad;
	if (is_enum_kind(r->kind)) {
		if (n != 1 || !is_enum(t) || raw[0] >= rb_btf_vlen(t))
			goto bad;
		if (rb_btf_kind(t) == RB_BTF_KIND_ENUM) {
			sp->enum_name = rb_btf_str(btf, rb_btf_enums(t)[raw[0]].name_off);
			sp->enum_val = (uint64_t)(int64_t)rb_btf_enums(t)[raw[0]].val;
		} else {
			sp->enum_name = rb_btf_str(btf, rb_btf_enums64(t)[raw[0]].name_off);
			sp->enum_val = rb_btf_enum64_value(&rb_btf_enums64(t)[raw[0]]);
		}
		return sp->enum_name ? 0 : -EINVAL;
	}
	sz = rb_btf_size(btf, id);
	if (sz < 0)
		goto bad;
	sp->first = raw[0];
	sp->bit_off = (uint64_t)raw[0] * (uint64_t)sz * 8;
	for (i = 1; i < (uint32_t)n; i++) {
		t = resolved(btf, id, NULL);
		if (!t)
			goto bad;
		sp->bit_sz = 0;
		if (rb_btf_is_composite(t)) {
			const struct rb_btf_member *m;
			const char *name;

			if (raw[i] >= rb_btf_vlen(t))
				goto bad;
			m = &rb_btf_members(t)[raw[i]];
			sp->bit_off += rb_btf_member_bit_offset(t, raw[i]);
			sp->bit_sz = rb_btf_member_bitfield_size(t, raw[i]);
			id = m->type;
			name = rb_btf_str(btf, m->name_off);
			if (name && *name) {	/* anonymous members: offset only */
				sp->acc[sp->nacc].name = name;
				sp->acc[sp->nacc].name_len = rb_core_essential_len(name);
				sp->acc[sp->nacc++].idx = raw[i];
			}
		} else if (rb_btf_kind(t) == RB_BTF_KIND_ARRAY) {
			const struct rb_btf_array *a = rb_btf_array_info(t);

			sz = rb_btf_size(btf, a->type);
			if (sz < 0)
				goto bad;
			sp->bit_off += (uint64_t)raw[i] * (uint64_t)sz * 8;
			id = a->type;
			sp->acc[sp->nacc].name = NULL;
			sp->acc[sp->nacc++].idx = raw[i];
		} else {
			goto bad;
		}
	}
	sp->field = id;
	return 0;
bad:
	snprintf(msg, msz, "access string \"%s\" does not fit local type [%u] %s",
		 str, r->type_id, rb_btf_name(btf, r->type_id));
	return -EINVAL;
}

/* Field types that may replace each other (libbpf's fields_are_compat). */
static bool fields_compat(const struct rb_btf *lb, uint32_t lid,
			  const struct rb_btf *tb, uint32_t tid, int depth)
{
	const struct rb_btf_type *l = resolved(lb, lid, NULL);
	const struct rb_btf_type *t = resolved(tb, tid, NULL);

	if (!l || !t || depth > MAX_DEPTH)
		return false;
	if (rb_btf_is_composite(l) && rb_btf_is_composite(t))
		return true;
	if (is_enum(l) && is_enum(t))
		return true;
	if (rb_btf_kind(l) != rb_btf_kind(t))
		return false;
	switch (rb_btf_kind(l)) {
	case RB_BTF_KIND_FWD:
	case RB_BTF_KIND_FLOAT:
	case RB_BTF_KIND_PTR:
		return true;
	case RB_BTF_KIND_INT:
		return !RB_BTF_INT_OFFSET(rb_btf_int_info(l)) &&
		       !RB_BTF_INT_OFFSET(rb_btf_int_info(t));
	case RB_BTF_KIND_ARRAY:
		return fields_compat(lb, rb_btf_array_info(l)->type, tb,
				     rb_btf_array_info(t)->type, depth + 1);
	default:
		return false;
	}
}

/* Types that may replace each other (libbpf's types_are_compat). */
static bool types_compat(const struct rb_btf *lb, uint32_t lid,
			 const struct rb_btf *tb, uint32_t tid, int depth)
{
	const struct rb_btf_type *l = resolved(lb, lid, NULL);
	const struct rb_btf_type *t = resolved(tb, tid, NULL);
	unsigned i;

	if (!l || !t || depth > MAX_DEPTH)
		return false;
	if (is_enum(l) && is_enum(t))
		return true;
	if (rb_btf_kind(l) != rb_btf_kind(t))
		return false;
	switch (rb_btf_kind(l)) {
	case RB_BTF_KIND_UNKN:
	case RB_BTF_KIND_STRUCT:
	case RB_BTF_KIND_UNION:
	case RB_BTF_KIND_FWD:
	case RB_BTF_KIND_FLOAT:
		return true;
	case RB_BTF_KIND_INT:
		return !RB_BTF_INT_OFFSET(rb_btf_int_info(l)) &&
		       !RB_BTF_INT_OFFSET(rb_btf_int_info(t));
	case RB_BTF_KIND_PTR:
		return types_compat(lb, l->type, tb, t->type, depth + 1);
	case RB_BTF_KIND_ARRAY:
		return types_compat(lb, rb_btf_array_info(l)->type, tb,
				    rb_btf_array_info(t)->type, depth + 1);
	case RB_BTF_KIND_FUNC_PROTO:
		if (rb_btf_vlen(l) != rb_btf_vlen(t))
			return false;
		for (i = 0; i < rb_btf_vlen(l); i++)
			if (!types_compat(lb, rb_btf_params(l)[i].type, tb,
					  rb_btf_params(t)[i].type, depth + 1))
				return false;
		return types_compat(lb, l->type, tb, t->type, depth + 1);
	default:
		return false;
	}
}

/* Does @tid match @lid in shape (bpf_core_type_matches)? */
static bool types_match(const struct rb_btf *lb, uint32_t lid,
			const struct rb_btf *tb, uint32_t tid, int depth,
			const struct rb_core_marker *mk)
{
	uint32_t lr = 0, tr = 0;
	const struct rb_btf_type *l = resolved(lb, lid, &lr);
	const struct rb_btf_type *t = resolved(tb, tid, &tr);
	const char *ln, *tn;
	unsigned i, j;

	if (!l || !t || depth > MAX_DEPTH)
		return false;
	ln = rb_btf_name(lb, lr);
	tn = rb_btf_name(tb, tr);
	if (*ln && (rb_btf_is_composite(l) || is_enum(l) ||
		    rb_btf_kind(l) == RB_BTF_KIND_FWD) &&
	    !names_eq(ln, rb_core_essential_len(ln), tn))
		return false;
	if (is_enum(l) && is_enum(t)) {
		for (i = 0; i < rb_btf_vlen(l); i++) {
			const char *en = rb_btf_kind(l) == RB_BTF_KIND_ENUM ?
				rb_btf_str(lb, rb_btf_enums(l)[i].name_off) :
				rb_btf_str(lb, rb_btf_enums64(l)[i].name_off);
			bool found = false;

			for (j = 0; en && !found && j < rb_btf_vlen(t); j++) {
				const char *x = rb_btf_kind(t) == RB_BTF_KIND_ENUM ?
					rb_btf_str(tb, rb_btf_enums(t)[j].name_off) :
					rb_btf_str(tb, rb_btf_enums64(t)[j].name_off);

				found = x && names_eq(en, rb_core_essential_len(en), x);
				if (found)
					mark(mk, tr, (int32_t)j);
			}
			if (!found)
				return false;
		}
		return true;
	}
	if (rb_btf_kind(l) != rb_btf_kind(t))
		return rb_btf_kind(l) == RB_BTF_KIND_FWD && rb_btf_is_composite(t);
	switch (rb_btf_kind(l)) {
	case RB_BTF_KIND_UNKN:
	case RB_BTF_KIND_FWD:
		return true;
	case RB_BTF_KIND_FLOAT:
		return l->size == t->size;
	case RB_BTF_KIND_INT:
		return l->size == t->size &&
		       (RB_BTF_INT_ENCODING(rb_btf_int_info(l)) & RB_BTF_INT_SIGNED) ==
		       (RB_BTF_INT_ENCODING(rb_btf_int_info(t)) & RB_BTF_INT_SIGNED);
	case RB_BTF_KIND_PTR:
		return types_match(lb, l->type, tb, t->type, depth + 1, mk);
	case RB_BTF_KIND_ARRAY:
		return rb_btf_array_info(l)->nelems == rb_btf_array_info(t)->nelems &&
		       types_match(lb, rb_btf_array_info(l)->type, tb,
				   rb_btf_array_info(t)->type, depth + 1, mk);
	case RB_BTF_KIND_STRUCT:
	case RB_BTF_KIND_UNION:
		for (i = 0; i < rb_btf_vlen(l); i++) {
			const struct rb_btf_member *m = &rb_btf_members(l)[i];
			const char *mn = rb_btf_str(lb, m->name_off);
			bool found = false;

			for (j = 0; mn && !found && j < rb_btf_vlen(t); j++) {
				const struct rb_btf_member *x = &rb_btf_members(t)[j];
				const char *xn = rb_btf_str(tb, x->name_off);

				found = xn && !strcmp(mn, xn) &&
					types_match(lb, m->type, tb, x->type, depth + 1, mk);
				if (found)
					mark(mk, tr, (int32_t)j);
			}
			if (!found)
				return false;
		}
		return true;
	case RB_BTF_KIND_FUNC_PROTO:
		if (rb_btf_vlen(l) != rb_btf_vlen(t))
			return false;
		for (i = 0; i < rb_btf_vlen(l); i++)
			if (!types_match(lb, rb_btf_params(l)[i].type, tb,
					 rb_btf_params(t)[i].type, depth + 1, mk))
				return false;
		return types_match(lb, l->type, tb, t->type, depth + 1, mk);
	default:
		return false;
	}
}

/* Member named @a in composite @id of @tb, also inside anonymous members:
 * adds its bit offset to *@bit_off; its type and bitfield width out. */
static bool find_member(const struct rb_btf *tb, uint32_t id, const struct access *a,
			uint64_t *bit_off, uint32_t *type, uint32_t *bit_sz, int depth,
			const struct rb_core_marker *mk)
{
	uint32_t rid = 0;
	const struct rb_btf_type *t = resolved(tb, id, &rid);
	unsigned i;

	if (!t || !rb_btf_is_composite(t) || depth > MAX_DEPTH)
		return false;
	for (i = 0; i < rb_btf_vlen(t); i++) {
		const struct rb_btf_member *m = &rb_btf_members(t)[i];
		const char *n = rb_btf_str(tb, m->name_off);
		uint64_t off = rb_btf_member_bit_offset(t, i);

		if (n && *n) {
			if (!names_eq(a->name, a->name_len, n))
				continue;
			*bit_off += off;
			*type = m->type;
			*bit_sz = rb_btf_member_bitfield_size(t, i);
			mark(mk, rid, (int32_t)i);
			return true;
		}
		off += *bit_off;
		if (find_member(tb, m->type, a, &off, type, bit_sz, depth + 1, mk)) {
			*bit_off = off;
			mark(mk, rid, (int32_t)i);
			return true;
		}
	}
	return false;
}

/* Match local field spec @l on target root @tid: 1 and @ts, 0 if not. */
static int match_field(const struct spec *l, const struct rb_btf *tb,
		       uint32_t tid, struct spec *ts, const struct rb_core_marker *mk)
{
	uint32_t id = tid, i;
	int64_t sz = rb_btf_size(tb, tid);

	memset(ts, 0, sizeof(*ts));
	ts->btf = tb;
	ts->root = tid;
	if (sz < 0)
		return 0;
	ts->bit_off = (uint64_t)l->first * (uint64_t)sz * 8;
	for (i = 0; i < l->nacc; i++) {
		const struct access *a = &l->acc[i];
		const struct rb_btf_type *t = resolved(tb, id, NULL);

		if (!t)
			return 0;
		ts->bit_sz = 0;
		if (a->name) {
			if (!find_member(tb, id, a, &ts->bit_off, &id, &ts->bit_sz, 0, mk))
				return 0;
		} else {
			const struct rb_btf_array *arr;

			if (rb_btf_kind(t) != RB_BTF_KIND_ARRAY)
				return 0;
			arr = rb_btf_array_info(t);
			if (arr->nelems && a->idx >= arr->nelems)
				return 0;
			sz = rb_btf_size(tb, arr->type);
			if (sz < 0)
				return 0;
			ts->bit_off += (uint64_t)a->idx * (uint64_t)sz * 8;
			id = arr->type;
		}
	}
	ts->field = id;
	return fields_compat(l->btf, l->field, tb, id, 0);
}

static int match_enum(const struct spec *l, const struct rb_btf *tb,
		      uint32_t tid, struct spec *ts, const struct rb_core_marker *mk)
{
	uint32_t rid = 0;
	const struct rb_btf_type *t = resolved(tb, tid, &rid);
	size_t len = rb_core_essential_len(l->enum_name);
	unsigned i;

	memset(ts, 0, sizeof(*ts));
	if (!t || !is_enum(t))
		return 0;
	for (i = 0; i < rb_btf_vlen(t); i++) {
		const char *n;
		uint64_t v;

		if (rb_btf_kind(t) == RB_BTF_KIND_ENUM) {
			n = rb_btf_str(tb, rb_btf_enums(t)[i].name_off);
			v = (uint64_t)(int64_t)rb_btf_enums(t)[i].val;
		} else {
			n = rb_btf_str(tb, rb_btf_enums64(t)[i].name_off);
			v = rb_btf_enum64_value(&rb_btf_enums64(t)[i]);
		}
		if (n && names_eq(l->enum_name, len, n)) {
			ts->btf = tb;
			ts->root = tid;
			ts->enum_val = v;
			mark(mk, rid, (int32_t)i);
			return 1;
		}
	}
	return 0;
}

/* The value of a field relocation on @sp (NULL: no target). */
static int field_value(uint32_t kind, const struct spec *sp, uint64_t *val,
		       uint32_t *field_sz, bool *validate)
{
	const struct rb_btf_type *mt;
	uint64_t bit_off, byte_off;
	uint32_t bit_sz, byte_sz;
	int64_t msz;
	bool bitfield;

	if (!sp) {
		if (kind != RB_CORE_FIELD_EXISTS)
			return -ENOENT;
		*val = 0;
		return 0;
	}
	mt = resolved(sp->btf, sp->field, NULL);
	msz = rb_btf_size(sp->btf, sp->field);
	if (!mt || (msz < 0 && kind != RB_CORE_FIELD_EXISTS))
		return -EINVAL;
	bit_off = sp->bit_off;
	bit_sz = sp->bit_sz;
	/* old-style bitfields: an INT narrower than its size */
	if (!bit_sz && rb_btf_kind(mt) == RB_BTF_KIND_INT &&
	    (RB_BTF_INT_OFFSET(rb_btf_int_info(mt)) ||
	     RB_BTF_INT_BITS(rb_btf_int_info(mt)) != mt->size * 8)) {
		bit_off += RB_BTF_INT_OFFSET(rb_btf_int_info(mt));
		bit_sz = RB_BTF_INT_BITS(rb_btf_int_info(mt));
	}
	bitfield = bit_sz != 0;
	if (kind == RB_CORE_FIELD_EXISTS) {
		*val = 1;
		return 0;
	}
	byte_sz = (uint32_t)msz;
	if (!bitfield) {
		byte_off = bit_off / 8;
		bit_sz = byte_sz * 8;
	} else {
		if (!byte_sz)
			return -EINVAL;
		byte_off = bit_off / 8 / byte_sz * byte_sz;
		while (bit_off + bit_sz - byte_off * 8 > (uint64_t)byte_sz * 8) {
			if (byte_sz >= 8)
				return -E2BIG;
			byte_sz *= 2;
			byte_off = bit_off / 8 / byte_sz * byte_sz;
		}
	}
	if (field_sz)
		*field_sz = byte_sz;
	/* For a bitfield the compiler picks its own load width, so its byte
	 * offset, size and shifts may differ from ours and still be right:
	 * only signedness is unambiguous (libbpf's rule). */
	if (validate)
		*validate = !bitfield || kind == RB_CORE_FIELD_SIGNED;
	switch (kind) {
	case RB_CORE_FIELD_BYTE_OFFSET:
		*val = byte_off;
		return 0;
	case RB_CORE_FIELD_BYTE_SIZE:
		*val = byte_sz;
		return 0;
	case RB_CORE_FIELD_SIGNED:
		*val = (is_enum(mt) && rb_btf_kflag(mt)) ||
		       (rb_btf_kind(mt) == RB_BTF_KIND_INT &&
			(RB_BTF_INT_ENCODING(rb_btf_int_info(mt)) & RB_BTF_INT_SIGNED));
		return 0;
	case RB_CORE_FIELD_LSHIFT_U64:
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
		*val = 64 - (bit_off + bit_sz - byte_off * 8);
#else
		*val = (8 - byte_sz) * 8 + (bit_off - byte_off * 8);
#endif
		return 0;
	case RB_CORE_FIELD_RSHIFT_U64:
		*val = 64 - bit_sz;
		return 0;
	}
	return -EINVAL;
}

/* The value of a type relocation for @id of @btf (0: no target). */
static int type_value(uint32_t kind, const struct rb_btf *btf, uint32_t id,
		      bool found, uint64_t *val)
{
	int64_t sz;

	*val = 0;
	if (!found)
		return 0;	/* type-based relocations give 0 without a target */
	switch (kind) {
	case RB_CORE_TYPE_ID_LOCAL:
	case RB_CORE_TYPE_ID_TARGET:
		*val = id;
		return 0;
	case RB_CORE_TYPE_EXISTS:
	case RB_CORE_TYPE_MATCHES:
		*val = 1;
		return 0;
	case RB_CORE_TYPE_SIZE:
		sz = rb_btf_size(btf, id);
		if (sz < 0)
			return -EINVAL;
		*val = (uint64_t)sz;
		return 0;
	}
	return -EINVAL;
}

/* One candidate's value; 1 if it matches, 0 if not, -errno. */
static int cand_value(const struct spec *local, const struct rb_bpf_core_relo *r,
		      const struct rb_btf *tb, uint32_t tid, uint64_t *val,
		      uint32_t *sz, const struct rb_core_marker *mk)
{
	struct spec ts;
	int m;

	mark(mk, tid, -1);
	if (is_field_kind(r->kind)) {
		m = match_field(local, tb, tid, &ts, mk);
		if (m <= 0)
			return m;
		m = field_value(r->kind, &ts, val, sz, NULL);
		return m ? m : 1;
	}
	if (is_enum_kind(r->kind)) {
		m = match_enum(local, tb, tid, &ts, mk);
		if (m <= 0)
			return m;
		*val = r->kind == RB_CORE_ENUMVAL_EXISTS ? 1 : ts.enum_val;
		return 1;
	}
	if (r->kind == RB_CORE_TYPE_MATCHES ?
	    !types_match(local->btf, r->type_id, tb, tid, 0, mk) :
	    !types_compat(local->btf, r->type_id, tb, tid, 0))
		return 0;
	m = type_value(r->kind, tb, tid, true, val);
	return m ? m : 1;
}

int rb_core_calc(const struct rb_btf *local, const struct rb_bpf_core_relo *r,
		 const struct rb_btf *targ, const uint32_t *cands,
		 uint32_t ncand, struct rb_core_res *res, char *msg,
		 size_t msg_size)
{
	const char *str = rb_btf_str(local, r->access_str_off);
	struct spec sp;
	uint32_t i, matched = 0;
	int err;

	memset(res, 0, sizeof(*res));
	res->validate = true;
	if (!str || r->kind > RB_CORE_TYPE_MATCHES) {
		snprintf(msg, msg_size, "relocation kind %u or access string offset %u invalid",
			 r->kind, r->access_str_off);
		return -EINVAL;
	}
	err = parse_local(local, r, str, &sp, msg, msg_size);
	if (err) {
		if (!msg[0])
			snprintf(msg, msg_size, "%s access string \"%s\" invalid",
				 rb_core_kind_str(r->kind), str);
		return err;
	}
	/* the compiler's value, from the local BTF */
	if (is_field_kind(r->kind)) {
		err = field_value(r->kind, &sp, &res->orig_val, &res->orig_sz,
				  &res->validate);
	} else if (is_enum_kind(r->kind)) {
		res->orig_val = r->kind == RB_CORE_ENUMVAL_EXISTS ? 1 : sp.enum_val;
	} else {
		err = type_value(r->kind, local, r->type_id, true, &res->orig_val);
		/* existence/size may have been written as anything */
		res->validate = r->kind == RB_CORE_TYPE_ID_LOCAL;
	}
	if (err) {
		snprintf(msg, msg_size, "%s \"%s\" on local type [%u] %s: %s",
			 rb_core_kind_str(r->kind), str, r->type_id,
			 rb_btf_name(local, r->type_id), RB_ERRSTR(err));
		return -EINVAL;
	}
	if (r->kind == RB_CORE_TYPE_ID_LOCAL) {
		res->new_val = res->orig_val;
		res->new_sz = res->orig_sz;
		return 0;
	}
	for (i = 0; targ && i < ncand; i++) {
		uint64_t v = 0;
		uint32_t sz = 0;
		int m = cand_value(&sp, r, targ, cands[i], &v, &sz, NULL);

		if (m < 0) {
			snprintf(msg, msg_size, "%s \"%s\": target type [%u] %s: %s",
				 rb_core_kind_str(r->kind), str, cands[i],
				 rb_btf_name(targ, cands[i]), RB_ERRSTR(m));
			return -EINVAL;
		}
		if (!m)
			continue;
		if (matched && (v != res->new_val || sz != res->new_sz)) {
			snprintf(msg, msg_size,
				 "%s \"%s\" of %s: candidates [%u] and others disagree (%llu vs %llu)",
				 rb_core_kind_str(r->kind), str,
				 rb_btf_name(local, r->type_id), cands[i],
				 (unsigned long long)v,
				 (unsigned long long)res->new_val);
			return -EINVAL;
		}
		res->new_val = v;
		res->new_sz = sz;
		matched++;
	}
	if (matched)
		return 0;
	/* no target: existence answers 0, type-based ones 0, the rest poison */
	switch (r->kind) {
	case RB_CORE_FIELD_EXISTS:
	case RB_CORE_ENUMVAL_EXISTS:
	case RB_CORE_TYPE_ID_TARGET:
	case RB_CORE_TYPE_EXISTS:
	case RB_CORE_TYPE_SIZE:
	case RB_CORE_TYPE_MATCHES:
		res->new_val = 0;
		return 0;
	default:
		res->poison = true;
		return 0;
	}
}

int rb_core_cand_mark(const struct rb_btf *local, const struct rb_bpf_core_relo *r,
		      const struct rb_btf *targ, uint32_t tid,
		      const struct rb_core_marker *mk, char *msg, size_t msg_size)
{
	const char *str = rb_btf_str(local, r->access_str_off);
	struct spec sp;
	uint64_t v = 0;
	uint32_t sz = 0;
	int err;

	if (!str || r->kind > RB_CORE_TYPE_MATCHES) {
		snprintf(msg, msg_size, "relocation kind %u or access string offset %u invalid",
			 r->kind, r->access_str_off);
		return -EINVAL;
	}
	msg[0] = '\0';
	err = parse_local(local, r, str, &sp, msg, msg_size);
	if (err) {
		if (!msg[0])
			snprintf(msg, msg_size, "%s access string \"%s\" invalid",
				 rb_core_kind_str(r->kind), str);
		return err;
	}
	err = cand_value(&sp, r, targ, tid, &v, &sz, mk);
	if (err < 0)
		snprintf(msg, msg_size, "%s \"%s\": target type [%u] %s: %s",
			 rb_core_kind_str(r->kind), str, tid, rb_btf_name(targ, tid),
			 RB_ERRSTR(err));
	return err;
}
