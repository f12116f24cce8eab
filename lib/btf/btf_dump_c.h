/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * btf_dump_c.h - shared state of the C writer (internal to lib/btf):
 * btf_dump_c.c decides the order, btf_dump_decl.c writes declarations.
 */
#ifndef RB_BTF_DUMP_C_H
#define RB_BTF_DUMP_C_H

#include "btf/btf_dump.h"
#include "btf/btf_internal.h"
#include "core/strbuf.h"

enum {
	ST_DECLARED = 1,	/* forward declaration written */
	ST_DEFINED = 2,		/* definition written (or inlined, for anon enums) */
	ST_INPROG = 4,		/* on the definition stack */
	ST_LAYOUT = 8,		/* align/packed computed */
	ST_PACKED = 16,
	ST_ALIGNED = 32,	/* aligned(N) written: no members to give it */
	ST_NEEDED = 64,		/* anonymous composite or prototype: what it needs is
				 * written (so fan-out is walked once) */
};

/* Name -> times used, open addressing; keys point into the BTF strings. */
struct names {
	const char **keys;
	uint32_t *cnt;
	uint32_t cap, used;
};

struct dump {
	const struct rb_btf *btf;
	const struct rawbpf_allocator *a;
	uint8_t *st;		/* per type: ST_* */
	uint8_t *align;		/* per type: alignment as emitted (after ST_LAYOUT) */
	uint32_t *sfx;		/* per type: name suffix, 0 = not yet named */
	struct names tags, idents;
	struct rb_sb out;
	rawbpf_write_fn write;
	void *ctx;
	int err;		/* first write error */
	uint32_t depth;		/* need() recursion */
	size_t written;		/* bytes handed to the writer */
	size_t budget;		/* most bytes of C to write (see rb_btf_dump_c) */
};

#define FLUSH_AT (64 * 1024)
/* How deep types may nest (by value, pointer or prototype) before -ELOOP. */
#define RB_DUMP_MAX_DEPTH 1024

/* T - type @id (NULL when out of range). */
static inline const struct rb_btf_type *T(const struct dump *d, uint32_t id)
{
	return rb_btf_type_by_id(d->btf, id);
}

enum { IN_PARAMS = 1 };	/* rb_dc_put_decl flags: inside a prototype's parameters */

/* rb_dc_over_budget - whether the output passed its budget (then @sb's
 * error becomes -E2BIG and it takes no more text). */
bool rb_dc_over_budget(struct dump *d, struct rb_sb *sb);
/* rb_dc_names_use - count one more user of @name in @n; the new count (0: no memory). */
uint32_t rb_dc_names_use(struct dump *d, struct names *n, const char *name);
/* rb_dc_names_free - release @n's table. */
void rb_dc_names_free(struct dump *d, struct names *n);
/* rb_dc_put_name - type @id's name as emitted (with ___N when taken). */
void rb_dc_put_name(struct dump *d, struct rb_sb *sb, uint32_t id);
/* rb_dc_put_decl - "type name" for type @id called @name, at indent @ind. */
void rb_dc_put_decl(struct dump *d, struct rb_sb *out, uint32_t id,
		    const char *name, int ind, unsigned flags);
/* rb_dc_put_enum_body - "enum [name] { ... }" of ENUM/ENUM64 @id. */
void rb_dc_put_enum_body(struct dump *d, struct rb_sb *sb, uint32_t id, int ind);
/* rb_dc_put_composite_body - "struct [name] { ... } [packed]" of @id. */
void rb_dc_put_composite_body(struct dump *d, struct rb_sb *sb, uint32_t id, int ind);

#endif
