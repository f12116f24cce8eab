// SPDX-License-Identifier: BSD-2-Clause
/* btf_check.c - semantic validation of parsed BTF types: every name offset,
 * referenced type id, vlen, size and INT encoding, and loops in chains of
 * typedefs/modifiers/pointers/arrays. */
#include <errno.h>
#include <string.h>

#include "btf/btf_internal.h"
#include "core/mem.h"

#define E(reason, id, ...) rb_btf_set_error(err, -EINVAL, reason, id, __VA_ARGS__)

static int check_name(const struct rb_btf *btf, uint32_t id, uint32_t off,
		      const char *what, struct rb_btf_error *err)
{
	if (off >= btf->strs_len)
		return E(RB_BTF_ERR_NAME_OFF, id,
			 "BTF type [%u] %s name offset %u outside the %u-byte string section",
			 id, what, off, btf->strs_len);
	return 0;
}

static int check_ref(const struct rb_btf *btf, uint32_t id, uint32_t ref,
		     const char *what, struct rb_btf_error *err)
{
	if (ref >= btf->nr_types)
		return E(RB_BTF_ERR_TYPE_ID, id,
			 "BTF type [%u] %s refers to type id %u, only %u types",
			 id, what, ref, btf->nr_types);
	return 0;
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

static int check_one(const struct rb_btf *btf, uint32_t id,
		     const struct rb_btf_type *t, struct rb_btf_error *err)
{
	unsigned kind = rb_btf_kind(t), vlen = rb_btf_vlen(t), i;
	const char *ks = rb_btf_kind_str(kind);
	int ret;

	ret = check_name(btf, id, t->name_off, ks, err);
	if (ret)
		return ret;
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
		return check_ref(btf, id, t->type, ks, err);
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
		ret = check_ref(btf, id, arr->type, "array element", err);
		return ret ? ret : check_ref(btf, id, arr->index_type, "array index", err);
	}
	case RB_BTF_KIND_STRUCT:
	case RB_BTF_KIND_UNION: {
		const struct rb_btf_member *m = rb_btf_members(t);

		for (i = 0; i < vlen; i++) {
			ret = check_name(btf, id, m[i].name_off, "member", err);
			if (!ret)
				ret = check_ref(btf, id, m[i].type, "member", err);
			if (ret)
				return ret;
		}
		return 0;
	}
	case RB_BTF_KIND_ENUM:
	case RB_BTF_KIND_ENUM64:
		if (!pow2_size(t->size, 8))
			return E(RB_BTF_ERR_SIZE, id, "BTF type [%u] %s size %u invalid",
				 id, ks, t->size);
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
		ret = check_ref(btf, id, t->type, ks, err);
		if (ret)
			return ret;
		if (rb_btf_kind(rb_btf_type_by_id(btf, t->type)) != RB_BTF_KIND_FUNC_PROTO)
			return E(RB_BTF_ERR_TYPE_ID, id,
				 "BTF type [%u] func refers to [%u] which is not a func_proto",
				 id, t->type);
		return 0;
	case RB_BTF_KIND_FUNC_PROTO: {
		const struct rb_btf_param *p = rb_btf_params(t);

		ret = check_ref(btf, id, t->type, "return", err);
		for (i = 0; !ret && i < vlen; i++) {
			ret = check_name(btf, id, p[i].name_off, "parameter", err);
			if (!ret)
				ret = check_ref(btf, id, p[i].type, "parameter", err);
		}
		return ret;
	}
	case RB_BTF_KIND_VAR:
		if (vlen)
			break;
		if (rb_btf_var_info(t)->linkage > RB_BTF_VAR_GLOBAL_EXTERN)
			return E(RB_BTF_ERR_LINKAGE, id, "BTF type [%u] var linkage %u unknown",
				 id, rb_btf_var_info(t)->linkage);
		return check_ref(btf, id, t->type, ks, err);
	case RB_BTF_KIND_DATASEC: {
		const struct rb_btf_var_secinfo *s = rb_btf_secinfos(t);

		for (i = 0; i < vlen; i++) {
			ret = check_ref(btf, id, s[i].type, "datasec entry", err);
			if (ret)
				return ret;
		}
		return 0;
	}
	case RB_BTF_KIND_DECL_TAG:
		if (vlen)
			break;
		if (rb_btf_decl_tag_info(t)->component_idx < -1)
			return E(RB_BTF_ERR_VLEN, id,
				 "BTF type [%u] decl_tag component_idx %d invalid",
				 id, rb_btf_decl_tag_info(t)->component_idx);
		return check_ref(btf, id, t->type, ks, err);
	default:
		return E(RB_BTF_ERR_KIND, id, "BTF type [%u] has unknown kind %u", id, kind);
	}
	return E(RB_BTF_ERR_VLEN, id, "BTF type [%u] %s vlen %u not 0", id, ks, vlen);
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

/* Loops through typedef/modifier/ptr/array chains, in linear time. */
static int check_loops(const struct rb_btf *btf, uint32_t first_id,
		       struct rb_btf_error *err)
{
	size_t n = btf->nr_types;
	uint8_t *state = rb_alloc(btf->a, n); /* 0 new, 1 on path, 2 done */
	uint32_t id, cur, next;
	int ret = 0;

	if (!state)
		return rb_btf_set_error(err, -ENOMEM, RB_BTF_ERR_NOMEM, 0, "out of memory");
	for (id = first_id; id < n && !ret; id++) {
		for (cur = id; cur && cur >= first_id && !state[cur]; cur = next) {
			state[cur] = 1;
			next = chain_next(rb_btf_type_by_id(btf, cur));
		}
		if (cur && cur >= first_id && state[cur] == 1)
			ret = rb_btf_set_error(err, -ELOOP, RB_BTF_ERR_LOOP, cur,
					       "BTF type [%u] %s is part of a reference loop",
					       cur, rb_btf_kind_str(rb_btf_kind(
						       rb_btf_type_by_id(btf, cur))));
		for (cur = id; cur && cur >= first_id && state[cur] == 1; cur = next) {
			state[cur] = 2;
			next = chain_next(rb_btf_type_by_id(btf, cur));
		}
	}
	rb_free(btf->a, state, n);
	return ret;
}

int rb_btf_check_types(const struct rb_btf *btf, uint32_t first_id,
		       struct rb_btf_error *err)
{
	uint32_t id;
	int ret;

	for (id = first_id; id < btf->nr_types; id++) {
		ret = check_one(btf, id, rb_btf_type_by_id(btf, id), err);
		if (ret)
			return ret;
	}
	return check_loops(btf, first_id, err);
}
