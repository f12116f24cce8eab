// SPDX-License-Identifier: BSD-2-Clause
/* btf_sanitize.c - rewrite BTF kinds an older kernel rejects into accepted
 * equivalents of the same record size, so every type id stays valid (the
 * same rewrites libbpf makes; only the ones the caller asks for). */
#include <errno.h>
#include <string.h>

#include "btf/btf_internal.h"

/* The kernel wants every non-vararg parameter of a FUNC's proto named. */
static bool func_has_anon_arg(const struct rb_btf *btf, const struct rb_btf_type *func)
{
	const struct rb_btf_type *p = rb_btf_type_by_id(btf, func->type);
	unsigned i;

	if (!p || rb_btf_kind(p) != RB_BTF_KIND_FUNC_PROTO)
		return false;
	for (i = 0; i < rb_btf_vlen(p); i++)
		if (!rb_btf_params(p)[i].name_off && rb_btf_params(p)[i].type)
			return true;
	return false;
}

uint32_t rb_btf_sanitize_needed(const struct rb_btf *btf)
{
	uint32_t id, need = 0;

	for (id = 1; id < btf->nr_types; id++) {
		const struct rb_btf_type *t = rb_btf_type_by_id(btf, id);

		switch (rb_btf_kind(t)) {
		case RB_BTF_KIND_FUNC:
			need |= RB_BTF_SAN_FUNC;
			if (rb_btf_vlen(t) != RB_BTF_FUNC_STATIC)
				need |= RB_BTF_SAN_FUNC_GLOBAL;
			if (func_has_anon_arg(btf, t))
				need |= RB_BTF_SAN_FUNC_ARGS;
			break;
		case RB_BTF_KIND_FUNC_PROTO:
			need |= RB_BTF_SAN_FUNC;
			break;
		case RB_BTF_KIND_VAR:
			need |= RB_BTF_SAN_DATASEC;
			break;
		case RB_BTF_KIND_DATASEC:
			need |= RB_BTF_SAN_DATASEC;
			if (rb_btf_name(btf, id)[0] == '?')
				need |= RB_BTF_SAN_QMARK_DATASEC;
			break;
		case RB_BTF_KIND_FLOAT:
			need |= RB_BTF_SAN_FLOAT;
			break;
		case RB_BTF_KIND_DECL_TAG:
			need |= RB_BTF_SAN_DECL_TAG;
			break;
		case RB_BTF_KIND_TYPE_TAG:
			need |= RB_BTF_SAN_TYPE_TAG;
			break;
		case RB_BTF_KIND_ENUM64:
			need |= RB_BTF_SAN_ENUM64;
			break;
		case RB_BTF_KIND_ENUM:
			if (rb_btf_kflag(t))
				need |= RB_BTF_SAN_ENUM64;
			break;
		}
	}
	return need;
}

/* The flags that would change type @id alone. */
static uint32_t flags_for(const struct rb_btf *btf, uint32_t id)
{
	const struct rb_btf_type *t = rb_btf_type_by_id(btf, id);

	switch (rb_btf_kind(t)) {
	case RB_BTF_KIND_FUNC:
		if (func_has_anon_arg(btf, t))
			return RB_BTF_SAN_FUNC_ARGS;
		/* an old kernel knows FUNC but not its linkage, or neither */
		return rb_btf_vlen(t) ? RB_BTF_SAN_FUNC_GLOBAL : RB_BTF_SAN_FUNC;
	case RB_BTF_KIND_FUNC_PROTO:
		return RB_BTF_SAN_FUNC;
	case RB_BTF_KIND_VAR:
		return RB_BTF_SAN_DATASEC;
	case RB_BTF_KIND_DATASEC:
		return rb_btf_name(btf, id)[0] == '?' ?
			RB_BTF_SAN_QMARK_DATASEC : RB_BTF_SAN_DATASEC;
	case RB_BTF_KIND_FLOAT:
		return RB_BTF_SAN_FLOAT;
	case RB_BTF_KIND_DECL_TAG:
		return RB_BTF_SAN_DECL_TAG;
	case RB_BTF_KIND_TYPE_TAG:
		return RB_BTF_SAN_TYPE_TAG;
	case RB_BTF_KIND_ENUM64:
		return RB_BTF_SAN_ENUM64;
	case RB_BTF_KIND_ENUM:
		return rb_btf_kflag(t) ? RB_BTF_SAN_ENUM64 : 0;
	default:
		return 0;
	}
}

uint32_t rb_btf_sanitize_guess(const struct rb_btf *btf, const char *log)
{
	const char *p, *last = NULL;
	uint32_t id = 0, f;

	/* The kernel prefixes a complaint about a type with "[id] ". */
	for (p = log; p && (p = strchr(p, '[')); p++)
		if (p[1] >= '1' && p[1] <= '9')
			last = p + 1;
	for (p = last; p && *p >= '0' && *p <= '9' && id < btf->nr_types; p++)
		id = id * 10 + (uint32_t)(*p - '0');
	if (last && *p == ']' && id < btf->nr_types) {
		f = flags_for(btf, id);
		if (f)
			return f;
	}
	return rb_btf_sanitize_needed(btf);
}

/* A writable string at @off (names are rewritten in place, same length). */
static char *str_mut(struct rb_btf *btf, uint32_t off)
{
	return off < btf->strs_len ? (char *)btf->data + btf->strs_start + off : NULL;
}

/* An INT of 1 byte: what VARs and DECL_TAGs become (same record size). */
static void to_int8(struct rb_btf_type *t)
{
	t->info = RB_BTF_INFO(RB_BTF_KIND_INT, 0, 0);
	t->size = 1;
	*(uint32_t *)(t + 1) = RB_BTF_INT_ENC(0, 0, 8);
}

/* DATASEC -> STRUCT: secinfo {type, offset, size} -> member {name, type, bits}. */
static void datasec_to_struct(struct rb_btf *btf, struct rb_btf_type *t)
{
	struct rb_btf_var_secinfo *v = (void *)(t + 1);
	struct rb_btf_member *m = (void *)(t + 1);
	unsigned i, vlen = rb_btf_vlen(t);
	char *name = str_mut(btf, t->name_off);

	for (; name && *name; name++)
		if (*name == '.')
			*name = '_';
	t->info = RB_BTF_INFO(RB_BTF_KIND_STRUCT, 0, vlen);
	for (i = 0; i < vlen; i++) {
		struct rb_btf_var_secinfo s = v[i];
		const struct rb_btf_type *vt = rb_btf_type_by_id(btf, s.type);

		m[i].offset = s.offset * 8;
		m[i].type = s.type;
		m[i].name_off = vt ? vt->name_off : 0;
	}
}

/* Give proto @id's unnamed parameters (all, or only typed ones) a name. */
static int name_params(struct rb_btf *btf, uint32_t id, bool typed_only,
		       int64_t *anon)
{
	struct rb_btf_type *t = rb_btf_type_mut(btf, id);
	struct rb_btf_param *p;
	unsigned i;

	for (i = 0; i < rb_btf_vlen(t); i++) {
		p = (struct rb_btf_param *)(t + 1) + i;
		if (p->name_off || (typed_only && !p->type))
			continue;
		if (*anon < 0) {
			*anon = rb_btf_add_str(btf, "__anon_param");
			if (*anon < 0)
				return (int)*anon;
			t = rb_btf_type_mut(btf, id); /* the buffer may have moved */
			p = (struct rb_btf_param *)(t + 1) + i;
		}
		p->name_off = (uint32_t)*anon;
	}
	return 0;
}

/* FUNC_PROTO -> ENUM of its params; enumerators need names. */
static int proto_to_enum(struct rb_btf *btf, uint32_t id, int64_t *anon)
{
	struct rb_btf_type *t;
	int ret = name_params(btf, id, false, anon);

	if (ret)
		return ret;
	t = rb_btf_type_mut(btf, id);
	t->info = RB_BTF_INFO(RB_BTF_KIND_ENUM, 0, rb_btf_vlen(t));
	t->size = 4;
	return 0;
}

/* ENUM64 -> UNION whose members are all a 1-byte INT placeholder at 0. */
static int enum64_to_union(struct rb_btf *btf, uint32_t id, int *placeholder)
{
	struct rb_btf_member *m;
	struct rb_btf_type *t;
	unsigned i, vlen;

	if (*placeholder <= 0) {
		uint32_t rec[4];
		int64_t name = rb_btf_add_str(btf, "enum64_placeholder");

		if (name < 0)
			return (int)name;
		rec[0] = (uint32_t)name;
		rec[1] = RB_BTF_INFO(RB_BTF_KIND_INT, 0, 0);
		rec[2] = 1;
		rec[3] = RB_BTF_INT_ENC(0, 0, 8);
		*placeholder = rb_btf_add_type(btf, rec, sizeof(rec));
		if (*placeholder < 0)
			return *placeholder;
	}
	t = rb_btf_type_mut(btf, id);
	vlen = rb_btf_vlen(t);
	m = (struct rb_btf_member *)(t + 1);
	t->info = RB_BTF_INFO(RB_BTF_KIND_UNION, 0, vlen);
	for (i = 0; i < vlen; i++) {
		m[i].type = (uint32_t)*placeholder;
		m[i].offset = 0;
	}
	return 0;
}

int rb_btf_sanitize(struct rb_btf *btf, uint32_t flags)
{
	uint32_t id, n = btf->nr_types;
	int64_t anon = -1;
	int placeholder = 0, changed = 0, ret = 0;

	if (!rb_btf_editable(btf))
		return -EPERM;
	/* Named FUNC arguments first: the protos may be rewritten below. */
	for (id = 1; id < n && !ret && (flags & RB_BTF_SAN_FUNC_ARGS); id++) {
		const struct rb_btf_type *t = rb_btf_type_by_id(btf, id);

		if (rb_btf_kind(t) != RB_BTF_KIND_FUNC || !func_has_anon_arg(btf, t))
			continue;
		ret = name_params(btf, t->type, true, &anon);
		changed++;
	}
	for (id = 1; id < n && !ret; id++) {
		struct rb_btf_type *t = rb_btf_type_mut(btf, id);
		unsigned kind = rb_btf_kind(t);
		char *name;

		changed++;
		if ((flags & RB_BTF_SAN_DATASEC && kind == RB_BTF_KIND_VAR) ||
		    (flags & RB_BTF_SAN_DECL_TAG && kind == RB_BTF_KIND_DECL_TAG))
			to_int8(t);
		else if (flags & RB_BTF_SAN_DATASEC && kind == RB_BTF_KIND_DATASEC)
			datasec_to_struct(btf, t);
		else if (flags & RB_BTF_SAN_QMARK_DATASEC && kind == RB_BTF_KIND_DATASEC &&
			 (name = str_mut(btf, t->name_off)) && name[0] == '?')
			name[0] = '_';
		else if (flags & RB_BTF_SAN_FUNC && kind == RB_BTF_KIND_FUNC_PROTO)
			ret = proto_to_enum(btf, id, &anon);
		else if (flags & RB_BTF_SAN_FUNC && kind == RB_BTF_KIND_FUNC)
			t->info = RB_BTF_INFO(RB_BTF_KIND_TYPEDEF, 0, 0);
		else if (flags & RB_BTF_SAN_FUNC_GLOBAL && kind == RB_BTF_KIND_FUNC &&
			 rb_btf_vlen(t) != RB_BTF_FUNC_STATIC)
			t->info = RB_BTF_INFO(RB_BTF_KIND_FUNC, 0, RB_BTF_FUNC_STATIC);
		else if (flags & RB_BTF_SAN_FLOAT && kind == RB_BTF_KIND_FLOAT) {
			t->name_off = 0;
			t->info = RB_BTF_INFO(RB_BTF_KIND_STRUCT, 0, 0);
		} else if (flags & RB_BTF_SAN_TYPE_TAG && kind == RB_BTF_KIND_TYPE_TAG) {
			t->name_off = 0;
			t->info = RB_BTF_INFO(RB_BTF_KIND_CONST, 0, 0);
		} else if (flags & RB_BTF_SAN_ENUM64 && kind == RB_BTF_KIND_ENUM &&
			   rb_btf_kflag(t))
			t->info = RB_BTF_INFO(RB_BTF_KIND_ENUM, 0, rb_btf_vlen(t));
		else if (flags & RB_BTF_SAN_ENUM64 && kind == RB_BTF_KIND_ENUM64)
			ret = enum64_to_union(btf, id, &placeholder);
		else
			changed--;
	}
	rb_btf_index_drop(btf);
	return ret ? ret : changed;
}
