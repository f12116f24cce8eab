/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * core.h - BPF CO-RE relocation (internal, pure): the value a .BTF.ext
 * core_relo record asks for, computed against the object's (local) BTF and
 * the running kernel's (target) BTF, and the patch of the instruction that
 * carries it. Semantics follow libbpf's documented ones (bpf_core_relo_kind).
 */
#ifndef RB_BTF_CORE_H
#define RB_BTF_CORE_H

#include <linux/bpf.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "btf/btf.h"
#include "btf/btf_ext.h"

/* enum bpf_core_relo_kind (same numbers). */
enum rb_core_kind {
	RB_CORE_FIELD_BYTE_OFFSET = 0,
	RB_CORE_FIELD_BYTE_SIZE = 1,
	RB_CORE_FIELD_EXISTS = 2,
	RB_CORE_FIELD_SIGNED = 3,
	RB_CORE_FIELD_LSHIFT_U64 = 4,
	RB_CORE_FIELD_RSHIFT_U64 = 5,
	RB_CORE_TYPE_ID_LOCAL = 6,
	RB_CORE_TYPE_ID_TARGET = 7,
	RB_CORE_TYPE_EXISTS = 8,
	RB_CORE_TYPE_SIZE = 9,
	RB_CORE_ENUMVAL_EXISTS = 10,
	RB_CORE_ENUMVAL_VALUE = 11,
	RB_CORE_TYPE_MATCHES = 12,
};

/* The helper id a poisoned instruction calls (libbpf's "bad relo"). */
#define RB_CORE_POISON_IMM 0xbad2310

/* What one relocation resolved to. */
struct rb_core_res {
	uint64_t orig_val;	/* what the compiler wrote (local BTF) */
	uint64_t new_val;	/* what the running kernel needs */
	uint32_t orig_sz, new_sz;	/* field byte sizes (memory loads) */
	bool poison;		/* no target: the instruction becomes a bad call */
	bool validate;		/* check the instruction holds orig_val */
};

/* rb_core_essential_len - length of @name without a "___flavor" suffix. */
size_t rb_core_essential_len(const char *name);
/* rb_core_kind_str - "byte_off", "exists", ... for @kind. */
const char *rb_core_kind_str(uint32_t kind);

/*
 * rb_core_calc - resolve record @r (of @local) against the candidate root
 * types @cands[0..@ncand) of @targ (types with the root's essential name;
 * @targ may be NULL with @ncand 0). Fills @res; returns 0 (also when the
 * target is missing: poison or zero per kind) or -EINVAL with @msg naming
 * the problem (bad access string, candidates disagreeing).
 */
int rb_core_calc(const struct rb_btf *local, const struct rb_bpf_core_relo *r,
		 const struct rb_btf *targ, const uint32_t *cands,
		 uint32_t ncand, struct rb_core_res *res, char *msg,
		 size_t msg_size);
/*
 * rb_core_patch - write @res into instruction @idx of @insns (@cnt):
 * ALU imm, LDX/ST/STX offset (and load size when the field's size
 * changed), ld_imm64; or poison it. -EINVAL with @msg when the instruction
 * does not hold the expected value or cannot take the new one.
 */
int rb_core_patch(struct bpf_insn *insns, uint32_t cnt, uint32_t idx,
		  const struct rb_core_res *res, char *msg, size_t msg_size);

/* Hears what a candidate's match relied on: target type @id (@idx -1),
 * or member/enumerator @idx of the composite or enum @id. */
struct rb_core_marker {
	void (*mark)(void *ctx, uint32_t id, int32_t idx);
	void *ctx;
};
/*
 * rb_core_cand_mark - does candidate root @tid of @targ match record @r of
 * @local (the test rb_core_calc makes per candidate)? 1 or 0, or -EINVAL
 * with @msg. While matching, @mk hears every target type, member and
 * enumerator looked at; on 1 those are all the answer depends on.
 */
int rb_core_cand_mark(const struct rb_btf *local, const struct rb_bpf_core_relo *r,
		      const struct rb_btf *targ, uint32_t tid,
		      const struct rb_core_marker *mk, char *msg, size_t msg_size);

#endif
