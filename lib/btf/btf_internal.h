/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * btf_internal.h - the layout of a parsed BTF blob, shared by the files of
 * lib/btf (parser, queries, edits). Not for use outside lib/btf.
 */
#ifndef RB_BTF_INTERNAL_H
#define RB_BTF_INTERNAL_H

#include "btf/btf.h"

/*
 * A view points into the caller's buffer. A private copy owns `data` laid
 * out as: 24-byte header | types | strings (contiguous, so rb_btf_raw is the
 * buffer itself), with `cap` allocated bytes.
 */
struct rb_btf {
	const struct rawbpf_allocator *a;
	uint8_t *data;		/* whole blob (const for a view) */
	size_t size;		/* bytes of the blob in use */
	size_t cap;		/* bytes allocated (private copy only) */
	bool owned;		/* private, mutable copy */
	bool swapped;		/* input was other-endian */
	uint32_t types_start;	/* absolute offset of the type section */
	uint32_t types_len;
	uint32_t strs_start;	/* absolute offset of the string section */
	uint32_t strs_len;
	uint32_t *offs;		/* offs[id - id_bias]: offset of type id in the type section */
	uint8_t *offs24;	/* or, for the kernel's BTF (a section under 16 MiB),
				 * the same in 3 bytes each: rb_btf_off */
	uint32_t nr_types;	/* ids 0..nr_types-1 (0 is void), base's included */
	/* split BTF (a module's, on top of vmlinux): ids up to id_bias and
	 * string offsets below str_bias are the base's; 0 and NULL otherwise */
	const struct rb_btf *base;
	uint32_t id_bias;
	uint32_t str_bias;
	uint32_t offs_cap;
	uint32_t *index;	/* name hash: slots hold type ids, 0 = empty */
	uint32_t index_cap;	/* power of two, 0 = not built */
	uint8_t ptr_size;	/* bytes of a pointer (its long's), 0 = not looked up */
};

/* rb_btf_off24 - entry @i of a 3-byte offset array (one byte of padding
 * after the last: it is read as 4 bytes). */
static inline uint32_t rb_btf_off24(const uint8_t *offs24, size_t i)
{
	uint32_t v;

	__builtin_memcpy(&v, offs24 + 3 * i, 4);
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	return v >> 8;
#else
	return v & 0xffffff;
#endif
}

/* rb_btf_off - where own type @i (id - id_bias) starts in the type section. */
static inline uint32_t rb_btf_off(const struct rb_btf *btf, uint32_t i)
{
	return btf->offs24 ? rb_btf_off24(btf->offs24, i) : btf->offs[i];
}

/* rb_btf_t - type @id, unchecked (@id must be 1..nr_types-1): hot paths. */
static inline const struct rb_btf_type *rb_btf_t(const struct rb_btf *btf, uint32_t id)
{
	if (id <= btf->id_bias)		/* never for a base: ids start at 1 */
		btf = btf->base;
	return (const void *)(btf->data + btf->types_start + rb_btf_off(btf, id - btf->id_bias));
}

/* rb_btf_strs_end - one past the last valid string offset (base's included). */
static inline uint32_t rb_btf_strs_end(const struct rb_btf *btf)
{
	return btf->str_bias + btf->strs_len;
}

/* rb_btf_editable - a private copy that may change (never a split BTF). */
static inline bool rb_btf_editable(const struct rb_btf *btf)
{
	return btf->owned && !btf->base;
}

/* Validation state carried across types: the largest type id referenced
 * (checked once the number of types is known) and who referenced it. */
struct rb_btf_chk {
	uint32_t max_ref;
	uint32_t ref_from;
	const char *ref_what;
	uint32_t fwd_funcs;	/* FUNCs whose proto comes later: check at the end */
};

/* rb_btf_check_one - validate type @id (names, sizes, vlen; ids into @c). */
int rb_btf_check_one(const struct rb_btf *btf, struct rb_btf_chk *c, uint32_t id,
		     const struct rb_btf_type *t, struct rb_btf_error *err);
/* rb_btf_check_finish - after types from @first_id were checked one by one:
 * referenced ids in range, FUNCs point at FUNC_PROTOs, no reference loops. */
int rb_btf_check_finish(const struct rb_btf *btf, const struct rb_btf_chk *c,
			uint32_t first_id, struct rb_btf_error *err);
/* rb_btf_rec_len - bytes of type record @t incl. its kind data; 0 for an unknown kind. */
static inline size_t rb_btf_rec_len(const struct rb_btf_type *t)
{
	size_t base = sizeof(*t), vlen = rb_btf_vlen(t);

	switch (rb_btf_kind(t)) {
	case RB_BTF_KIND_INT:
	case RB_BTF_KIND_VAR:
	case RB_BTF_KIND_DECL_TAG:
		return base + 4;
	case RB_BTF_KIND_PTR:
	case RB_BTF_KIND_FWD:
	case RB_BTF_KIND_TYPEDEF:
	case RB_BTF_KIND_VOLATILE:
	case RB_BTF_KIND_CONST:
	case RB_BTF_KIND_RESTRICT:
	case RB_BTF_KIND_FUNC:
	case RB_BTF_KIND_FLOAT:
	case RB_BTF_KIND_TYPE_TAG:
		return base;
	case RB_BTF_KIND_ARRAY:
		return base + sizeof(struct rb_btf_array);
	case RB_BTF_KIND_STRUCT:
	case RB_BTF_KIND_UNION:
		return base + vlen * sizeof(struct rb_btf_member);
	case RB_BTF_KIND_ENUM:
		return base + vlen * sizeof(struct rb_btf_enum);
	case RB_BTF_KIND_FUNC_PROTO:
		return base + vlen * sizeof(struct rb_btf_param);
	case RB_BTF_KIND_DATASEC:
		return base + vlen * sizeof(struct rb_btf_var_secinfo);
	case RB_BTF_KIND_ENUM64:
		return base + vlen * sizeof(struct rb_btf_enum64);
	default:
		return 0;
	}
}
/* rb_btf_index_drop - forget the name index (after names changed). */
void rb_btf_index_drop(struct rb_btf *btf);
/* rb_btf_check_types - validate ids, names, sizes and loops of types from @first_id. */
int rb_btf_check_types(const struct rb_btf *btf, uint32_t first_id,
		       struct rb_btf_error *err);

#endif
