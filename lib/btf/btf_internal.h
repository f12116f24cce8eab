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
	uint32_t *offs;		/* offs[id]: offset of type id in the type section */
	uint32_t nr_types;	/* ids 0..nr_types-1 (0 is void) */
	uint32_t offs_cap;
	uint32_t *index;	/* name hash: slots hold type ids, 0 = empty */
	uint32_t index_cap;	/* power of two, 0 = not built */
};

/* rb_btf_rec_len - bytes of type record @t incl. its kind data; 0 for an unknown kind. */
size_t rb_btf_rec_len(const struct rb_btf_type *t);
/* rb_btf_index_drop - forget the name index (after names changed). */
void rb_btf_index_drop(struct rb_btf *btf);
/* rb_btf_check_types - validate ids, names, sizes and loops of types from @first_id. */
int rb_btf_check_types(const struct rb_btf *btf, uint32_t first_id,
		       struct rb_btf_error *err);

#endif
