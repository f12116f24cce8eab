/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * btf_names.h - batch name lookup in a big BTF without building an index:
 * the loader asks once for every name an object needs (attach targets,
 * CO-RE candidates, ksyms) and gets, per name, the ids that carry it.
 */
#ifndef RB_BTF_BTF_NAMES_H
#define RB_BTF_BTF_NAMES_H

#include <string.h>

#include "btf/btf.h"

struct rb_btf_name_hit {
	uint32_t name;		/* index into the names asked for */
	uint32_t id;		/* type id carrying that name */
};

/* The answer: hits grouped by name, ids ascending within a name. */
struct rb_btf_names {
	struct rb_btf_name_hit *hits;
	uint32_t cnt, cap;
	uint32_t *first;	/* first[i]..first[i+1]: hits of name i */
	uint32_t nnames;
	const struct rawbpf_allocator *a;
};

/* The wanted names, prepared for a pass over a BTF's types (see below). */
struct rb_btf_name_filter {
	const char *const *names;
	uint32_t n;
	uint32_t cap, mask;
	uint64_t *keys;		/* names' first 8 bytes, open addressing */
	uint32_t *slots;	/* name index + 1, 0 = empty */
	uint8_t first2[8192];	/* bit per wanted 2-byte name prefix */
	/* Past the first two bytes, by class of wanted names (shorter than
	 * 8, longer): a bit per class name's 2 bytes at at2[c], the class's
	 * shortest length - 1, where a name equal to one of the class has
	 * the same bytes (its last, or a NUL). */
	uint8_t next2[2][8192];
	uint32_t at2[2];
	uint32_t kinds;		/* bit per BTF kind whose names are looked at */
	struct rb_btf_names *out;
	const struct rawbpf_allocator *a;
	/* rb_btf_walk_filtered, set by rb_btf_filter_init: the trusted parse
	 * calls it through here, so a link without a filter (no kernel BTF)
	 * leaves the filtered walk and this file out. */
	int (*walk)(struct rb_btf *btf, struct rb_btf_name_filter *f);
};

/* rb_btf_walk_filtered - btf.c's trusted walk running @f over every type;
 * the end offset or -ENOMEM. */
int rb_btf_walk_filtered(struct rb_btf *btf, struct rb_btf_name_filter *f);

/* Every kind: a caller that knows which kinds it can use passes fewer
 * (most of vmlinux's types are FUNCs, which CO-RE never uses). */
#define RB_BTF_KINDS_ALL UINT32_MAX
#define RB_BTF_KINDS(k) (1u << (k))

/* rb_btf_filter_init - prepare @f for @names of the kinds in @kinds (a
 * mask of RB_BTF_KINDS); hits go to @out. 0, -ENOMEM. */
int rb_btf_filter_init(struct rb_btf_name_filter *f, const char *const *names,
		       uint32_t n, uint32_t kinds, const struct rawbpf_allocator *a,
		       struct rb_btf_names *out);
/* rb_btf_filter_slow - compare a name whose prefix bit is set; 0, -ENOMEM. */
int rb_btf_filter_slow(struct rb_btf_name_filter *f, const char *strs,
		       uint32_t strs_len, uint32_t off, uint32_t id);
/* rb_btf_filter_check - type @id named at @off of @strs (@last = string
 * section length - 1): recorded if wanted. Most names differ from every
 * wanted one in their first two bytes: one table bit rejects them (the
 * section ends in NUL, so two bytes are there for any off < last). */
static inline int rb_btf_filter_check(struct rb_btf_name_filter *f,
				      const char *strs, uint32_t last,
				      uint32_t off, uint32_t id)
{
	uint16_t p2;

	if (!off || off >= last)	/* anonymous: most types */
		return 0;
	memcpy(&p2, strs + off, 2);
	if (!(f->first2[p2 >> 3] & (1u << (p2 & 7))))
		return 0;
	return rb_btf_filter_slow(f, strs, last + 1, off, id);
}
/* rb_btf_filter_finish - group the hits by name and release the tables. */
int rb_btf_filter_finish(struct rb_btf_name_filter *f);
/* rb_btf_filter_fini - release the tables (after a failed pass). */
void rb_btf_filter_fini(struct rb_btf_name_filter *f);

/*
 * rb_btf_names_find - one pass over @btf's types collecting every type
 * whose name is one of @names[0..@n) into @out (allocated with @a; free
 * with rb_btf_names_free). Returns 0 or -ENOMEM (then @out is empty).
 */
int rb_btf_names_find(const struct rb_btf *btf, const char *const *names,
		      uint32_t n, const struct rawbpf_allocator *a,
		      struct rb_btf_names *out);
/* rb_btf_names_find_kinds - the same, only types of the kinds in @kinds. */
int rb_btf_names_find_kinds(const struct rb_btf *btf, const char *const *names,
			    uint32_t n, uint32_t kinds,
			    const struct rawbpf_allocator *a,
			    struct rb_btf_names *out);
/* rb_btf_names_get - the @nth (0-based) id of name index @name with BTF
 * kind @kind (-1: any); -ENOENT when there are fewer. */
int rb_btf_names_get(const struct rb_btf_names *r, const struct rb_btf *btf,
		     uint32_t name, int kind, uint32_t nth);
/* rb_btf_names_free - release @r's arrays and zero it. */
void rb_btf_names_free(struct rb_btf_names *r);

#endif
