/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * btf_names.h - batch name lookup in a big BTF without building an index:
 * the loader asks once for every name an object needs (attach targets,
 * CO-RE candidates, ksyms) and gets, per name, the ids that carry it.
 */
#ifndef RB_BTF_BTF_NAMES_H
#define RB_BTF_BTF_NAMES_H

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

/*
 * rb_btf_names_find - one pass over @btf's types collecting every type
 * whose name is one of @names[0..@n) into @out (allocated with @a; free
 * with rb_btf_names_free). Returns 0 or -ENOMEM (then @out is empty).
 */
int rb_btf_names_find(const struct rb_btf *btf, const char *const *names,
		      uint32_t n, const struct rawbpf_allocator *a,
		      struct rb_btf_names *out);
/* rb_btf_names_get - the @nth (0-based) id of name index @name with BTF
 * kind @kind (-1: any); -ENOENT when there are fewer. */
int rb_btf_names_get(const struct rb_btf_names *r, const struct rb_btf *btf,
		     uint32_t name, int kind, uint32_t nth);
/* rb_btf_names_free - release @r's arrays and zero it. */
void rb_btf_names_free(struct rb_btf_names *r);

#endif
