// SPDX-License-Identifier: BSD-2-Clause
/* reloc.c - relocation arithmetic (pure): copy a program's instructions,
 * append the subprograms it reaches, and patch map, global data, call and
 * function-address references. No syscalls: map fds are read from maps[]. */
#include <errno.h>
#include <string.h>

#include "object/object.h"
#include "object/ksyms.h"

#define NOT_PLACED UINT32_MAX

struct reloc_state {
	struct rawbpf_object *obj;
	struct rawbpf_program *prog;
	struct bpf_insn *out;
	uint32_t cap, cnt;
	uint32_t *base;		/* per function: position in out, or NOT_PLACED */
	uint32_t *order;	/* functions in the order they were placed */
	uint32_t norder;
};

static const struct bpf_insn *sec_insns(const struct rawbpf_object *obj,
					uint32_t sec)
{
	return (const struct bpf_insn *)obj->elf.sh[sec].data;
}

/* Give function @fi a place at the end of the output. */
static int place(struct reloc_state *st, uint32_t fi)
{
	const struct rb_func *f = &st->obj->funcs[fi];

	if (st->cnt + f->cnt > st->cap) {
		uint32_t cap = st->cap * 2 > st->cnt + f->cnt ? st->cap * 2 :
				st->cnt + f->cnt;
		struct bpf_insn *n;

		n = rb_resize(st->obj->alloc, st->out,
			      sizeof(*n) * cap);
		if (!n)
			return -ENOMEM;
		st->out = n;
		st->cap = cap;
	}
	st->base[fi] = st->cnt;
	st->order[st->norder++] = fi;
	memcpy(st->out + st->cnt, sec_insns(st->obj, f->sec) + f->off,
	       sizeof(struct bpf_insn) * f->cnt);
	st->cnt += f->cnt;
	return 0;
}

/* Point call/func-address instruction @at at instruction @tgt of @sec. */
static int link_target(struct reloc_state *st, const struct rb_func *from,
		       uint32_t at, uint32_t sec, int64_t tgt)
{
	struct rawbpf_object *obj = st->obj;
	int fi;
	int err;

	fi = tgt < 0 || tgt > UINT32_MAX ? -1 :
		rb_obj_find_func(obj, sec, (uint32_t)tgt);
	if (fi < 0)
		return rb_obj_err(obj, -EBADMSG,
				  "program %s: insn %u (in %s) refers to instruction %lld of section %s where no function is",
				  st->prog->name, at, from->name, (long long)tgt,
				  obj->elf.sh[sec].name);
	if (st->base[fi] == NOT_PLACED) {
		err = place(st, (uint32_t)fi);
		if (err)
			return err;
	}
	st->out[at].imm = (int32_t)((int64_t)st->base[fi] +
				    (tgt - obj->funcs[fi].off) - (at + 1));
	return 0;
}

static int apply(struct reloc_state *st, const struct rb_func *f,
		 uint32_t at, const struct rb_reloc *r)
{
	struct rawbpf_object *obj = st->obj;
	struct bpf_insn *insn = &st->out[at];
	const struct rawbpf_map *m;
	int64_t off;

	switch (r->kind) {
	case RB_RELO_MAP:
		m = &obj->maps[r->map];
		insn[0].src_reg = BPF_PSEUDO_MAP_FD;
		insn[0].imm = m->fd;
		insn[1].imm = 0;
		return 0;
	case RB_RELO_DATA:
		m = &obj->maps[r->map];
		off = (int64_t)insn[0].imm + (int64_t)r->sym_off;
		if (m->def.type == RAWBPF_MAP_TYPE_ARENA) {	/* __arena globals */
			if (off < 0 || off >= obj->arena_size)
				return rb_obj_err(obj, -EBADMSG,
						  "program %s: insn %u refers to offset %lld of the %u bytes of __arena globals",
						  st->prog->name, at, (long long)off, obj->arena_size);
			off += (int64_t)obj->arena_off;
			if (off > INT32_MAX)
				return rb_obj_err(obj, -E2BIG,
						  "program %s: insn %u: an __arena global %lld bytes into the arena is out of an ld_imm64's reach",
						  st->prog->name, at, (long long)off);
		} else if (off < 0 || off >= m->def.value_size)
			return rb_obj_err(obj, -EBADMSG,
					  "program %s: insn %u refers to offset %lld of %s (%u bytes)",
					  st->prog->name, at, (long long)off,
					  m->name, m->def.value_size);
		insn[0].src_reg = BPF_PSEUDO_MAP_VALUE;
		insn[0].imm = m->fd;
		insn[1].imm = (int32_t)off;
		return 0;
	case RB_RELO_CALL:
		return link_target(st, f, at, r->sec,
				   (int64_t)(r->sym_off / 8) + insn->imm + 1);
	case RB_RELO_KSYM:
		return rb_obj_ksym_patch(obj, insn, r);
	case RB_RELO_FUNC:
		if (insn->imm % 8)
			return rb_obj_err(obj, -EBADMSG,
					  "program %s: insn %u: function address offset %d is not on an instruction",
					  st->prog->name, at, insn->imm);
		insn[0].src_reg = BPF_PSEUDO_FUNC;
		return link_target(st, f, at, r->sec,
				   (int64_t)(r->sym_off / 8) + insn->imm / 8);
	}
	return -EINVAL;
}

/* Patch the copy of function @fi that sits at base[fi]. */
static int fix_func(struct reloc_state *st, uint32_t fi)
{
	const struct rb_func *f = &st->obj->funcs[fi];
	uint32_t j, ri = f->relo_start, base = st->base[fi];
	int err;

	for (j = 0; j < f->cnt; j++) {
		uint32_t at = base + j;
		const struct rb_reloc *r = NULL;

		while (ri < f->relo_end && st->obj->relos[ri].insn < f->off + j)
			ri++;
		if (ri < f->relo_end && st->obj->relos[ri].insn == f->off + j)
			r = &st->obj->relos[ri];
		if (r) {
			if ((r->kind == RB_RELO_MAP || r->kind == RB_RELO_DATA ||
			     r->kind == RB_RELO_FUNC ||
			     (r->kind == RB_RELO_KSYM &&
			      rb_insn_is_ldimm64(&st->out[at]))) && j + 1 >= f->cnt)
				return rb_obj_err(st->obj, -EBADMSG,
						  "program %s: ld_imm64 at insn %u cut off by the end of %s",
						  st->prog->name, at, f->name);
			err = apply(st, f, at, r);
		} else if (rb_insn_is_pseudo_call(&st->out[at])) {
			/* a static call inside one section has no relocation */
			err = link_target(st, f, at, f->sec,
					  (int64_t)f->off + j + st->out[at].imm + 1);
		} else {
			err = 0;
		}
		if (err)
			return err;
		if (rb_insn_is_ldimm64(&st->out[at]))
			j++;	/* the second half is not an instruction */
	}
	return 0;
}

int rb_obj_relocate(struct rawbpf_object *obj, struct rawbpf_program *prog,
		    struct bpf_insn **out, uint32_t *cnt, uint32_t *func_base,
		    uint32_t nfunc_base)
{
	struct reloc_state st = { .obj = obj, .prog = prog, .base = func_base };
	uint32_t i;
	int err;

	if (nfunc_base < obj->nfuncs)
		return -EINVAL;
	for (i = 0; i < obj->nfuncs; i++)
		func_base[i] = NOT_PLACED;
	st.order = rb_alloc_array(obj->alloc, obj->nfuncs, sizeof(uint32_t));
	if (!st.order)
		return -ENOMEM;
	err = place(&st, prog->func);
	for (i = 0; !err && i < st.norder; i++) {
		err = fix_func(&st, st.order[i]);
		/* the exception callback: appended though no call reaches it */
		if (!err && i + 1 == st.norder && prog->exc_cb &&
		    func_base[prog->exc_cb - 1] == NOT_PLACED)
			err = place(&st, prog->exc_cb - 1);
	}
	rb_free(obj->alloc, st.order);
	if (err) {
		rb_free(obj->alloc, st.out);
		return err;
	}
	/* callers free with the size they know: shrink to fit */
	if (st.cap != st.cnt) {
		struct bpf_insn *n = rb_resize(obj->alloc, st.out,
					       sizeof(*n) * st.cnt);
		if (!n) {
			rb_free(obj->alloc, st.out);
			return -ENOMEM;
		}
		st.out = n;
	}
	*out = st.out;
	*cnt = st.cnt;
	return 0;
}
