// SPDX-License-Identifier: BSD-2-Clause
/* core_obj.c - the object side of CO-RE: the essential names of the root
 * types of every .BTF.ext core_relo record (looked up in the kernel's BTF
 * with the other names, in one pass), and per program the records of each
 * function it contains, resolved and patched into its relocated copy. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "object/object.h"
#include "object/core_obj.h"
#include "object/kernel_prep.h"
#include "btf/core.h"

#define MAX_CANDS 16
/* The kinds a named CO-RE root type can have (the others are anonymous or
 * never a candidate: FUNC, VAR, DATASEC, DECL_TAG) */
#define CORE_KINDS                                                        \
	(RB_BTF_KINDS(RB_BTF_KIND_INT) | RB_BTF_KINDS(RB_BTF_KIND_STRUCT) |  \
	 RB_BTF_KINDS(RB_BTF_KIND_UNION) | RB_BTF_KINDS(RB_BTF_KIND_ENUM) |  \
	 RB_BTF_KINDS(RB_BTF_KIND_ENUM64) | RB_BTF_KINDS(RB_BTF_KIND_FWD) |  \
	 RB_BTF_KINDS(RB_BTF_KIND_TYPEDEF) | RB_BTF_KINDS(RB_BTF_KIND_FLOAT))

/* Name index in @k of the root type of @r; -1 if it needs none. */
static int root_name(const struct rawbpf_object *obj, struct rb_kprep *k,
		     const struct rb_bpf_core_relo *r, bool add)
{
	const char *n;
	uint32_t i;

	if (r->kind == RB_CORE_TYPE_ID_LOCAL)
		return -1;
	n = rb_btf_name(obj->btf, r->type_id);
	if (!*n)
		return -1;
	if (add)
		/* candidates: the named kinds a CO-RE relocation can name
		 * (never a FUNC, most of vmlinux) */
		return rb_kprep_add(k, n, rb_core_essential_len(n), CORE_KINDS);
	for (i = 0; i < k->n; i++)
		if (!strncmp(k->names[i], n, rb_core_essential_len(n)) &&
		    !k->names[i][rb_core_essential_len(n)])
			return (int)i;
	return -1;
}

int rb_obj_core_want(struct rawbpf_object *obj, struct rb_kprep *k)
{
	uint32_t s, i, n;
	int err;

	if (!obj->btf_ext || !obj->btf)
		return 0;
	n = rb_btf_ext_sec_cnt(obj->btf_ext, RB_BTF_EXT_CORE);
	for (s = 0; s < n; s++) {
		const struct rb_btf_ext_sec *sec =
			rb_btf_ext_sec_at(obj->btf_ext, RB_BTF_EXT_CORE, s);

		for (i = 0; i < sec->nr; i++) {
			struct rb_bpf_core_relo r;

			memcpy(&r, sec->recs + (size_t)i * sec->rec_size, sizeof(r));
			err = root_name(obj, k, &r, true);
			if (err < -1)
				return err;
		}
	}
	return 0;
}

/* Kernel types named like @r's root, of a kind that may match it. */
static uint32_t candidates(const struct rawbpf_object *obj,
			   const struct rb_kprep *k, int name,
			   const struct rb_bpf_core_relo *r, uint32_t *out)
{
	const struct rb_btf_type *lt = rb_btf_type_by_id(obj->btf, r->type_id);
	unsigned lk = rb_btf_kind(lt);
	uint32_t n = 0, nth;
	int id;

	for (nth = 0; n < MAX_CANDS; nth++) {
		unsigned tk;

		id = rb_kprep_get(k, name, -1, nth);
		if (id < 0)
			break;
		tk = rb_btf_kind(rb_btf_type_by_id(rb_kprep_btf(k, name), (uint32_t)id));
		if (tk == lk || ((tk == RB_BTF_KIND_ENUM || tk == RB_BTF_KIND_ENUM64) &&
				 (lk == RB_BTF_KIND_ENUM || lk == RB_BTF_KIND_ENUM64)))
			out[n++] = (uint32_t)id;
	}
	return n;
}

static int apply_one(struct rawbpf_object *obj, struct rawbpf_program *p,
		     const struct rb_kprep *k, const char *secname,
		     const struct rb_bpf_core_relo *r, struct bpf_insn *insns,
		     uint32_t cnt, uint32_t at)
{
	uint32_t cands[MAX_CANDS], ncand = 0;
	struct rb_core_res res;
	char msg[200] = "";
	const char *acc = rb_btf_str(obj->btf, r->access_str_off);
	int name, err;

	name = root_name(obj, (struct rb_kprep *)k, r, false);
	if (name >= 0 && k->kbtf)
		ncand = candidates(obj, k, name, r, cands);
	/* a module's split BTF when vmlinux lacks the root's name */
	err = rb_core_calc(obj->btf, r, rb_kprep_btf(k, name), cands, ncand, &res,
			   msg, sizeof(msg));
	if (!err)
		err = rb_core_patch(insns, cnt, at, &res, msg, sizeof(msg));
	if (err)
		return rb_obj_err(obj, err,
				  "program %s: CO-RE relocation in section %s insn %u (%s \"%s\" of %s): %s",
				  p->name, secname, r->insn_off / 8,
				  rb_core_kind_str(r->kind), acc ? acc : "?",
				  rb_btf_name(obj->btf, r->type_id), msg);
	if (res.poison && !p->poisoned[0])
		snprintf(p->poisoned, sizeof(p->poisoned),
			 "CO-RE relocation in section %s insn %u (%s \"%s\" of %s) has no match in the kernel",
			 secname, r->insn_off / 8, rb_core_kind_str(r->kind),
			 acc ? acc : "?", rb_btf_name(obj->btf, r->type_id));
	/* Debug, as libbpf does: a poison behind a bpf_core_field_exists()
	 * guard is normal and never runs; one the verifier reaches fails
	 * the load, whose error then names it (p->poisoned). */
	if (res.poison)
		rb_obj_log(obj, RAWBPF_LOG_DEBUG,
			   "program %s: CO-RE relocation in section %s insn %u (%s \"%s\" of %s) has no match in the kernel: instruction poisoned",
			   p->name, secname, r->insn_off / 8,
			   rb_core_kind_str(r->kind), acc ? acc : "?",
			   rb_btf_name(obj->btf, r->type_id));
	return 0;
}

int rb_obj_core_apply(struct rawbpf_object *obj, struct rawbpf_program *p,
		      const struct rb_kprep *k, struct bpf_insn *insns,
		      uint32_t cnt, const uint32_t *func_base)
{
	uint32_t s, i, n;
	int err;

	p->poisoned[0] = '\0';
	if (!obj->btf_ext || !obj->btf)
		return 0;
	n = rb_btf_ext_sec_cnt(obj->btf_ext, RB_BTF_EXT_CORE);
	for (s = 0; s < n; s++) {
		const struct rb_btf_ext_sec *sec =
			rb_btf_ext_sec_at(obj->btf_ext, RB_BTF_EXT_CORE, s);
		const char *secname = rb_btf_ext_sec_name(obj->btf_ext, sec);
		int shndx = rb_elf_section_by_name(&obj->elf, secname);

		if (shndx <= 0)
			continue;
		for (i = 0; i < sec->nr; i++) {
			struct rb_bpf_core_relo r;
			const struct rb_func *f;
			uint32_t insn;
			int fi;

			memcpy(&r, sec->recs + (size_t)i * sec->rec_size, sizeof(r));
			insn = r.insn_off / 8;
			fi = rb_obj_find_func(obj, (uint32_t)shndx, insn);
			if (fi < 0 || func_base[fi] == UINT32_MAX)
				continue;
			f = &obj->funcs[fi];
			err = apply_one(obj, p, k, secname, &r, insns, cnt,
					func_base[fi] + insn - f->off);
			if (err)
				return err;
		}
	}
	return 0;
}
