// SPDX-License-Identifier: BSD-2-Clause
/* ksyms.c - `.ksyms` externs the libbpf way: undefined symbols listed in
 * the object BTF's DATASEC ".ksyms", resolved against the kernel's BTF at
 * load (with the other kernel names, in one pass): typed variables become
 * ld_imm64 BPF_PSEUDO_BTF_ID, typeless ones (`extern const void x`) their
 * /proc/kallsyms address, kfunc calls BPF_PSEUDO_KFUNC_CALL; weak ones
 * that are absent read as 0 (a call to one is poisoned, so only dead code
 * may hold it). The BTF entries are rewritten into what BTF_LOAD takes. */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "object/object.h"
#include "object/ksyms.h"
#include "kernel/kernel.h"
#include "object/kernel_prep.h"
#include "btf/core.h"

#define R_BPF_64_64 1
#define R_BPF_64_32 10

/* The VAR or FUNC called @name listed in DATASEC @sec; 0 if none. */
static uint32_t datasec_entry(const struct rb_btf *btf, int sec, const char *name)
{
	const struct rb_btf_type *t;
	unsigned i;

	if (sec <= 0)
		return 0;
	t = rb_btf_type_by_id(btf, (uint32_t)sec);
	for (i = 0; i < rb_btf_vlen(t); i++) {
		uint32_t id = rb_btf_secinfos(t)[i].type;

		if (!strcmp(rb_btf_name(btf, id), name))
			return id;
	}
	return 0;
}

static int add_ksym(struct rawbpf_object *obj, const struct rb_ksym *x)
{
	struct rb_ksym *n = rb_resize(obj->alloc, obj->ksyms,
				      sizeof(*n) * (obj->nksyms + 1));

	if (!n)
		return -ENOMEM;
	obj->ksyms = n;
	n[obj->nksyms++] = *x;
	return 0;
}

/* An "int" of the object BTF (added if it has none): ksym VARs get it. */
static int int_type(struct rb_btf *btf)
{
	struct { struct rb_btf_type t; uint32_t enc; } rec;
	int id = rb_btf_find(btf, "int", RB_BTF_KIND_INT);
	int64_t name;

	if (id > 0 || id == -ENOMEM)
		return id;
	name = rb_btf_add_str(btf, "int");
	if (name < 0)
		return (int)name;
	rec.t.name_off = (uint32_t)name;
	rec.t.info = RB_BTF_INFO(RB_BTF_KIND_INT, 0, 0);
	rec.t.size = 4;
	rec.enc = RB_BTF_INT_ENC(RB_BTF_INT_SIGNED, 0, 32);
	return rb_btf_add_type(btf, &rec, sizeof(rec));
}

/* .ksyms: VARs become allocated ints, extern FUNCs global, and the DATASEC
 * (which lists FUNCs the kernel would refuse) an anonymous union of as
 * many unnamed int members: the same record length, so ids stay. */
static int ksyms_btf(struct rawbpf_object *obj, int sec)
{
	struct rb_btf_member *mem;
	struct rb_btf_type *t;
	uint32_t i, n;
	int int_id = int_type(obj->btf);

	if (int_id < 0)
		return int_id;
	for (i = 0; i < obj->nksyms; i++) {
		struct rb_ksym *x = &obj->ksyms[i];

		t = rb_btf_type_mut(obj->btf, x->btf_id);
		if (!t)
			continue;
		if (x->is_func) {
			t->info = RB_BTF_INFO(RB_BTF_KIND_FUNC, 0, RB_BTF_FUNC_GLOBAL);
			continue;
		}
		((struct rb_btf_var *)(t + 1))->linkage = RB_BTF_VAR_GLOBAL_ALLOCATED;
		t->type = (uint32_t)int_id;
	}
	t = rb_btf_type_mut(obj->btf, (uint32_t)sec);
	if (!t)
		return 0;
	n = rb_btf_vlen(t);
	t->name_off = 0;
	t->info = RB_BTF_INFO(RB_BTF_KIND_UNION, 0, n);
	t->size = 4;
	mem = (struct rb_btf_member *)(t + 1);
	for (i = 0; i < n; i++)
		mem[i] = (struct rb_btf_member){ 0, (uint32_t)int_id, 0 };
	return 0;
}

int rb_obj_collect_ksyms(struct rawbpf_object *obj)
{
	struct rb_elf *e = &obj->elf;
	struct rb_elf_sym sym;
	uint32_t i;
	int ks, err;

	if (!obj->btf)
		return 0;
	ks = rb_btf_find(obj->btf, ".ksyms", RB_BTF_KIND_DATASEC);
	if (ks == -ENOMEM)
		return ks;
	if (ks <= 0)
		return 0;
	for (i = 1; i < e->symtab.count; i++) {
		struct rb_ksym x = { .kname = -1 };
		const struct rb_btf_type *t;
		int r;

		if (rb_elf_sym(e, i, &sym) || sym.shndx != SHN_UNDEF ||
		    !sym.name[0] || sym.bind == STB_LOCAL)
			continue;
		x.btf_id = datasec_entry(obj->btf, ks, sym.name);
		if (!x.btf_id)
			continue;
		x.name = sym.name;
		x.sym = i;
		x.weak = sym.bind == STB_WEAK;
		t = rb_btf_type_by_id(obj->btf, x.btf_id);
		x.is_func = rb_btf_kind(t) == RB_BTF_KIND_FUNC;
		if (!x.is_func) {
			r = rb_btf_skip_mods(obj->btf, t->type);
			/* `extern const void x __ksym` is typeless */
			x.type_id = r > 0 ? (uint32_t)r : 0;
		}
		err = add_ksym(obj, &x);
		if (err)
			return err;
	}
	return obj->nksyms ? ksyms_btf(obj, ks) : 0;
}

void rb_obj_free_ksyms(struct rawbpf_object *obj)
{
	rb_free(obj->alloc, obj->ksyms);
	obj->ksyms = NULL;
	obj->nksyms = 0;
}

int rb_obj_classify_ksym(struct rawbpf_object *obj, const char *sec,
			 uint32_t idx, const struct bpf_insn *insn,
			 uint32_t rtype, uint32_t sym_idx, const char *name,
			 struct rb_reloc *out)
{
	bool call = insn->code == (BPF_JMP | BPF_CALL);
	uint32_t i;

	for (i = 0; i < obj->nksyms; i++)
		if (obj->ksyms[i].sym == sym_idx)
			break;
	if (i == obj->nksyms)
		return rb_obj_err(obj, -EOPNOTSUPP,
				  "section %s insn %u: extern symbol '%s' is neither a .kconfig nor a .ksyms extern",
				  sec, idx, name);
	if ((call && !obj->ksyms[i].is_func) ||
	    rtype != (call ? R_BPF_64_32 : R_BPF_64_64) ||
	    (!call && insn->code != (BPF_LD | BPF_IMM | BPF_DW)))
		return rb_obj_err(obj, -EBADMSG,
				  "section %s insn %u: .ksyms %s '%s' used by %s (relocation type %u)",
				  sec, idx, obj->ksyms[i].is_func ? "function" : "variable",
				  name, call ? "a call" : "a non-call instruction",
				  rtype);
	out->kind = RB_RELO_KSYM;
	out->map = i;
	out->sym_off = 0;
	return 0;
}

int rb_obj_ksyms_want(struct rawbpf_object *obj, struct rb_kprep *k)
{
	uint32_t i;

	for (i = 0; i < obj->nksyms; i++) {
		struct rb_ksym *x = &obj->ksyms[i];

		x->found = false;
		if (!x->is_func && !x->type_id)
			continue;
		x->kname = rb_kprep_add(k, x->name, strlen(x->name),
					RB_BTF_KINDS(x->is_func ? RB_BTF_KIND_FUNC :
						     RB_BTF_KIND_VAR));
		if (x->kname < 0)
			return x->kname;
	}
	return 0;
}

int rb_obj_ksyms_resolve(struct rawbpf_object *obj, struct rb_kprep *k)
{
	uint32_t i;
	int err, id;

	for (i = 0; i < obj->nksyms; i++) {
		struct rb_ksym *x = &obj->ksyms[i];

		if (!x->is_func && !x->type_id) {
			err = rb_kernel_kallsyms_addr(obj->alloc, x->name, &x->addr);
			if (err == -ENOMEM)
				return err;
			if (err && err != -ENOENT)	/* not "absent" */
				return rb_obj_err(obj, err,
						  "extern %s (.ksyms): reading /proc/kallsyms failed",
						  x->name);
			x->found = !err;
		} else {
			id = rb_kprep_get(k, x->kname, x->is_func ? RB_BTF_KIND_FUNC :
					  RB_BTF_KIND_VAR, 0);
			x->found = id > 0;
			x->kid = id > 0 ? (uint32_t)id : 0;
			x->btf_fd = x->fd_slot = 0;
			if (x->found) {
				char user[160];

				snprintf(user, sizeof(user), "extern %s (.ksyms)", x->name);
				err = rb_kprep_obj_fd(obj, k, x->kname, user, &x->btf_fd,
						      &x->fd_slot);
				if (err)
					return err;
			}
		}
		if (!x->found && !x->weak)
			return rb_obj_err(obj, -ESRCH,
					  "extern %s %s (.ksyms) not found in the kernel%s",
					  x->is_func ? "function" : "variable", x->name,
					  !x->is_func && !x->type_id ? "'s /proc/kallsyms" : "'s BTF");
	}
	return 0;
}

int rb_obj_ksym_patch(const struct rawbpf_object *obj, struct bpf_insn *insn,
		      const struct rb_reloc *r)
{
	const struct rb_ksym *x = &obj->ksyms[r->map];

	if (x->is_func && insn->code == (BPF_JMP | BPF_CALL)) {
		if (!x->found) {	/* weak and absent: only dead code may call it */
			insn->src_reg = 0;
			insn->off = 0;
			insn->imm = RB_CORE_POISON_IMM;
			return 0;
		}
		insn->src_reg = BPF_PSEUDO_KFUNC_CALL;
		insn->off = (int16_t)x->fd_slot;	/* 0: vmlinux */
		insn->imm = (int32_t)x->kid;
		return 0;
	}
	if (x->found && (x->type_id || x->is_func)) {	/* also &kfunc */
		insn[0].src_reg = BPF_PSEUDO_BTF_ID;
		insn[0].imm = (int32_t)x->kid;
		insn[1].imm = x->btf_fd;	/* 0: vmlinux */
		return 0;
	}
	insn[0].src_reg = 0;	/* typeless address, or 0 when weak and absent */
	insn[0].imm = (int32_t)(uint32_t)x->addr;
	insn[1].imm = (int32_t)(uint32_t)(x->addr >> 32);
	return 0;
}
