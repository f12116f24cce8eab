/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * btf_min.h - minimized target BTF (the BTFGen idea, internal, pure): from
 * a big target BTF keep only the types, members and enumerators that CO-RE
 * relocations, typed ksyms and attach targets reach, so that every answer
 * (positive and negative) is the one the full BTF gives. Types whose ids
 * reach the kernel (attach targets, ksyms, target type ids) keep their ids.
 */
#ifndef RB_BTF_BTF_MIN_H
#define RB_BTF_BTF_MIN_H

#include "btf/btf.h"
#include "btf/btf_ext.h"

struct rb_btf_min;

/* rb_btf_min_new - an empty selection over @targ (must outlive it); 0 or -ENOMEM. */
int rb_btf_min_new(const struct rb_btf *targ, const struct rawbpf_allocator *a,
		   struct rb_btf_min **out);
/* rb_btf_min_free - release @m (NULL ok). */
void rb_btf_min_free(struct rb_btf_min *m);
/*
 * rb_btf_min_core - keep what core_relo @r of @local needs from every
 * candidate that matches it in the target (the loader's candidates: same
 * essential name, compatible kind, at most 16). 0, -ENOMEM, or -EINVAL with
 * @msg for a record the loader would refuse too.
 */
int rb_btf_min_core(struct rb_btf_min *m, const struct rb_btf *local,
		    const struct rb_bpf_core_relo *r, char *msg, size_t msg_size);
/* rb_btf_min_name - keep, at its id, the first type called @name of @kind
 * (a ksym's VAR/FUNC, an attach target's FUNC/TYPEDEF) and what it refers
 * to; 0, -ENOENT when the target has none (absent stays absent), -ENOMEM. */
int rb_btf_min_name(struct rb_btf_min *m, const char *name, int kind);
/* rb_btf_min_whole - rb_btf_min_name keeping every member of a composite
 * too (a struct_ops map's kernel struct, whose layout the loader reads). */
int rb_btf_min_whole(struct rb_btf_min *m, const char *name, int kind);
/* rb_btf_min_emit - the selection as raw BTF in *@out (*@size bytes, from
 * the allocator; rb_free it), pinned ids in place unless @renumber (then
 * every type is numbered densely); 0 or -ENOMEM. Call once. */
int rb_btf_min_emit(struct rb_btf_min *m, bool renumber, void **out, size_t *size);

#endif
