// SPDX-License-Identifier: BSD-2-Clause
/* btf_check.c - semantic validation of parsed BTF types: every name offset,
 * referenced type id, vlen, size and INT encoding, and loops in chains of
 * typedefs/modifiers/pointers/arrays. */
#include <errno.h>
#include <string.h>

#include "btf/btf_internal.h"

#define E(reason, id, ...) rb_btf_set_error(err, -EINVAL, reason, id, __VA_ARGS__)

static int check_name(const struct rb_btf *btf, uint32_t id, uint32_t off,
		      const char *what, struct rb_btf_error *err)
{
	if (off >= rb_btf_strs_end(btf))
		return E(RB_BTF_ERR_NAME_OFF, id,
			 "BTF type [%u] %s name offset %u outside the %u-byte string section",
			 id, what, off, rb_btf_strs_end(btf));
	return 0;
}

/* Type ids are checked once the count is known: remember the largest. */
static inline void ref(struct rb_btf_chk *c, uint32_t id, uint32_t to, const char *what)
{
	if (to > c->max_ref) {
		c->max_ref = to;
		c->ref_from = id;
		c->ref_what = what;
	}
}

static bool pow2_size(uint32_t s, uint32_t max)
{
	return s && s <= max && !(s & (s - 1));
}

static int check_int(uint32_t id, const struct rb_btf_type *t,
		     struct rb_btf_error *err)
{
	uint32_t v = rb_btf_int_info(t), enc = RB_BTF_INT_ENCODING(v);

	if (!pow2_size(t->size, 16))
		return E(RB_BTF_ERR_SIZE, id, "BTF type [%u] int size %u invalid",
			 id, t->size);
	if (v & 0xf000ff00 || !RB_BTF_INT_BITS(v) || RB_BTF_INT_BITS(v) > 128 ||
	    RB_BTF_INT_OFFSET(v) + RB_BTF_INT_BITS(v) > t->size * 8)
		return E(RB_BTF_ERR_INT, id,
			 "BTF type [%u] int bits %u offset %u do not fit %u bytes",
			 id, RB_BTF_INT_BITS(v), RB_BTF_INT_OFFSET(v), t->size);
	/* SIGNED|CHAR is gcc's plain char: kept, and rewritten by
	 * rb_btf_fix_gcc() when a kernel refuses it */
	if ((enc & (enc - 1) && enc != (RB_BTF_INT_SIGNED | RB_BTF_INT_CHAR)) ||
	    enc > RB_BTF_INT_BOOL)
		return E(RB_BTF_ERR_INT, id, "BTF type [%u] int encoding 0x%x invalid",
			 id, enc);
	return 0;
}

/* The one type a chain kind leads to, 0 when @t ends chains. */
static uint32_t chain_next(const struct rb_btf_type *t)
{
	switch (rb_btf_kind(t)) {
	case RB_BTF_KIND_PTR:
	case RB_BTF_KIND_TYPEDEF:
	case RB_BTF_KIND_VOLATILE:
	case RB_BTF_KIND_CONST:
	case RB_BTF_KIND_RESTRICT:
	case RB_BTF_KIND_TYPE_TAG:
		return t->type;
	case RB_BTF_KIND_ARRAY:
		return rb_btf_array_info(t)->type;
	default:
		return 0;
	}
}

/* Longest chain of typedefs/modifiers/pointers/arrays accepted (the same
 * limit the queries use). */
#define RB_BTF_MAX_CHAIN 64

/*
 * Loops, checked as each chain type @id arrives with a reference @next to an
 * id not above it. The walk follows only ids up to @id (all known by then):
 * a cycle is found when its largest id arrives, because then every type on
 * it is known and the walk comes back to @id. A walk reaching a later id
 * stops: that type is checked when it arrives.
 */
static int check_chain(const struct rb_btf *btf, uint32_t id, uint32_t next,
		       struct rb_btf_error *err)
{
	uint32_t cur = next;
	int n;

	for (n = 0; n < RB_BTF_MAX_CHAIN && cur && cur < id; n++)
		cur = chain_next(rb_btf_t(btf, cur));
	if (!cur || (cur > id && n < RB_BTF_MAX_CHAIN))
		return 0;
	return rb_btf_set_error(err, -ELOOP, RB_BTF_ERR_LOOP, id,
				cur == id ? "BTF type [%u] %s is part of a reference loop"
					  : "BTF type [%u] %s starts a reference chain over 64 long",
				id, rb_btf_kind_str(rb_btf_kind(rb_btf_t(btf, id))));
}

static int check_func(const struct rb_btf *btf, uint32_t id,
		      const struct rb_btf_type *t, struct rb_btf_error *err)
{
	if (rb_btf_kind(rb_btf_type_by_id(btf, t->type)) != RB_BTF_KIND_FUNC_PROTO)
		return E(RB_BTF_ERR_TYPE_ID, id,
			 "BTF type [%u] func refers to [%u] which is not a func_proto",
			 id, t->type);
	return 0;
}

int rb_btf_check_one(const struct rb_btf *btf, struct rb_btf_chk *c, uint32_t id,
		     const struct rb_btf_type *t, struct rb_btf_error *err)
{
	unsigned kind = rb_btf_kind(t), vlen = rb_btf_vlen(t), i;
	int ret;

	if (t->name_off >= rb_btf_strs_end(btf))
		return check_name(btf, id, t->name_off, rb_btf_kind_str(kind), err);
	switch (kind) {
	case RB_BTF_KIND_INT:
		if (vlen)
			break;
		return check_int(id, t, err);
	case RB_BTF_KIND_PTR:
	case RB_BTF_KIND_TYPEDEF:
	case RB_BTF_KIND_VOLATILE:
	case RB_BTF_KIND_CONST:
	case RB_BTF_KIND_RESTRICT:
	case RB_BTF_KIND_TYPE_TAG:
		if (vlen)
			break;
		ref(c, id, t->type, "referenced type");
		return t->type <= id ? check_chain(btf, id, t->type, err) : 0;
	case RB_BTF_KIND_FWD:
		return vlen ? E(RB_BTF_ERR_VLEN, id, "BTF type [%u] fwd vlen %u not 0",
				id, vlen) : 0;
	case RB_BTF_KIND_FLOAT:
		if (vlen)
			break;
		if (t->size != 2 && t->size != 4 && t->size != 8 && t->size != 12 &&
		    t->size != 16)
			return E(RB_BTF_ERR_SIZE, id, "BTF type [%u] float size %u invalid",
				 id, t->size);
		return 0;
	case RB_BTF_KIND_ARRAY: {
		const struct rb_btf_array *arr = rb_btf_array_info(t);

		if (vlen)
			break;
		if (t->size)
			return E(RB_BTF_ERR_SIZE, id, "BTF type [%u] array size %u not 0",
				 id, t->size);
		ref(c, id, arr->type, "array element");
		ref(c, id, arr->index_type, "array index");
		return arr->type <= id ? check_chain(btf, id, arr->type, err) : 0;
	}
	case RB_BTF_KIND_STRUCT:
	case RB_BTF_KIND_UNION: {
		const struct rb_btf_member *m = rb_btf_members(t);

		for (i = 0; i < vlen; i++) {
			ret = check_name(btf, id, m[i].name_off, "member", err);
			if (ret)
				return ret;
			ref(c, id, m[i].type, "member");
		}
		return 0;
	}
	case RB_BTF_KIND_ENUM:
	case RB_BTF_KIND_ENUM64:
		if (!pow2_size(t->size, 8))
			return E(RB_BTF_ERR_SIZE, id, "BTF type [%u] %s size %u invalid",
				 id, rb_btf_kind_str(kind), t->size);
		for (i = 0; i < vlen; i++) {
			uint32_t off = kind == RB_BTF_KIND_ENUM ?
				rb_btf_enums(t)[i].name_off : rb_btf_enums64(t)[i].name_off;

			ret = check_name(btf, id, off, "enumerator", err);
			if (ret)
				return ret;
		}
		return 0;
	case RB_BTF_KIND_FUNC:
		if (vlen > RB_BTF_FUNC_EXTERN)
			return E(RB_BTF_ERR_LINKAGE, id, "BTF type [%u] func linkage %u unknown",
				 id, vlen);
		ref(c, id, t->type, "referenced type");
		if (t->type >= id) {
			c->fwd_funcs++; /* its proto comes later: rb_btf_check_finish */
			return 0;
		}
		return check_func(btf, id, t, err);
	case RB_BTF_KIND_FUNC_PROTO: {
		const struct rb_btf_param *p = rb_btf_params(t);

		ref(c, id, t->type, "return");
		for (i = 0; i < vlen; i++) {
			ret = check_name(btf, id, p[i].name_off, "parameter", err);
			if (ret)
				return ret;
			ref(c, id, p[i].type, "parameter");
		}
		return 0;
	}
	case RB_BTF_KIND_VAR:
		if (vlen)
			break;
		if (rb_btf_var_info(t)->linkage > RB_BTF_VAR_GLOBAL_EXTERN)
			return E(RB_BTF_ERR_LINKAGE, id, "BTF type [%u] var linkage %u unknown",
				 id, rb_btf_var_info(t)->linkage);
		ref(c, id, t->type, "referenced type");
		return 0;
	case RB_BTF_KIND_DATASEC: {
		const struct rb_btf_var_secinfo *s = rb_btf_secinfos(t);

		for (i = 0; i < vlen; i++)
			ref(c, id, s[i].type, "datasec entry");
		return 0;
	}
	case RB_BTF_KIND_DECL_TAG:
		if (vlen)
			break;
		if (rb_btf_decl_tag_info(t)->component_idx < -1)
			return E(RB_BTF_ERR_VLEN, id,
				 "BTF type [%u] decl_tag component_idx %d invalid",
				 id, rb_btf_decl_tag_info(t)->component_idx);
		ref(c, id, t->type, "referenced type");
		return 0;
	default:
		return E(RB_BTF_ERR_KIND, id, "BTF type [%u] has unknown kind %u", id, kind);
	}
	return E(RB_BTF_ERR_VLEN, id, "BTF type [%u] %s vlen %u not 0", id,
		 rb_btf_kind_str(kind), vlen);
}

int rb_btf_check_finish(const struct rb_btf *btf, const struct rb_btf_chk *c,
			uint32_t first_id, struct rb_btf_error *err)
{
	uint32_t id;
	int ret;

	if (c->max_ref >= btf->nr_types)
		return E(RB_BTF_ERR_TYPE_ID, c->ref_from,
			 "BTF type [%u] %s refers to type id %u, only %u types",
			 c->ref_from, c->ref_what, c->max_ref, btf->nr_types);
	for (id = first_id; c->fwd_funcs && id < btf->nr_types; id++) {
		const struct rb_btf_type *t = rb_btf_t(btf, id);

		if (rb_btf_kind(t) == RB_BTF_KIND_FUNC && t->type >= id) {
			ret = check_func(btf, id, t, err);
			if (ret)
				return ret;
		}
	}
	return 0;
}

int rb_btf_check_types(const struct rb_btf *btf, uint32_t first_id,
		       struct rb_btf_error *err)
{
	struct rb_btf_chk c = { 0 };
	uint32_t id;
	int ret;

	for (id = first_id; id < btf->nr_types; id++) {
		ret = rb_btf_check_one(btf, &c, id, rb_btf_t(btf, id), err);
		if (ret)
			return ret;
	}
	return rb_btf_check_finish(btf, &c, first_id, err);
}
