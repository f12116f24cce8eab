// SPDX-License-Identifier: BSD-2-Clause
/* open.c - one pass over a BPF ELF object: license/version, functions
 * (programs and subprograms) from executable sections, and the relocations
 * of their instructions, classified once so load only patches. */
#include <elf.h>
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "object/object.h"
#include "object/kconfig.h"
#include "object/ksyms.h"

/* ELF relocation types of BPF (the kernel's/LLVM's numbering). */
#define R_BPF_64_64 1		/* ld_imm64 (binutils: R_BPF_INSN_64) */
#define R_BPF_64_32 10		/* call (binutils: R_BPF_INSN_DISP32) */

static bool is_exec(const struct rb_elf_shdr *s)
{
	return s->type == SHT_PROGBITS && (s->flags & SHF_EXECINSTR) && s->size;
}

/* Remember section @i if it is one the loader reads by name (the first
 * of each name, as a lookup by name would find). */
static void find_special(struct rawbpf_object *obj, uint32_t i)
{
	static const struct {
		const char *name;
		size_t off;
	} special[] = {
		{ "license", offsetof(struct rawbpf_object, license_sec) },
		{ "version", offsetof(struct rawbpf_object, version_sec) },
		{ "maps", offsetof(struct rawbpf_object, legacy_maps_sec) },
		{ ".maps", offsetof(struct rawbpf_object, maps_sec) },
		{ ".BTF", offsetof(struct rawbpf_object, btf_sec) },
		{ ".BTF.ext", offsetof(struct rawbpf_object, btf_ext_sec) },
		{ ".comment", offsetof(struct rawbpf_object, comment_sec) },
	};
	const char *name = obj->elf.sh[i].name;
	size_t k;

	if (name[0] != '.' && name[0] != 'l' && name[0] != 'v' && name[0] != 'm')
		return;
	for (k = 0; k < RB_ARRAY_SIZE(special); k++) {
		uint32_t *slot = (uint32_t *)((char *)obj + special[k].off);

		if (!*slot && !strcmp(name, special[k].name))
			*slot = i;
	}
}

static int read_license_version(struct rawbpf_object *obj)
{
	struct rb_elf *e = &obj->elf;
	const struct rb_elf_shdr *s;
	int idx;

	idx = (int)obj->license_sec;
	if (idx > 0) {
		s = &e->sh[idx];
		if (!s->data || !s->size || s->size > sizeof(obj->license) ||
		    !memchr(s->data, '\0', s->size))
			return rb_obj_err(obj, -EBADMSG,
					  "section license: not a NUL-terminated string of at most %zu bytes",
					  sizeof(obj->license));
		memcpy(obj->license, s->data, s->size);
	}
	idx = (int)obj->version_sec;
	if (idx > 0) {
		s = &e->sh[idx];
		if (!s->data || s->size != 4)
			return rb_obj_err(obj, -EBADMSG,
					  "section version: size %llu, expected 4",
					  (unsigned long long)s->size);
		obj->kern_version = rb_elf_u32(e, s->data);
	}
	return 0;
}

static int add_func(struct rawbpf_object *obj, uint32_t cap,
		    const struct rb_elf_sym *sym, uint32_t sym_idx)
{
	const struct rb_elf_shdr *s = &obj->elf.sh[sym->shndx];
	struct rb_func *f;
	uint64_t size = sym->size;

	if (sym->value % 8 || size % 8 || sym->value >= s->size ||
	    size > s->size - sym->value)
		return rb_obj_err(obj, -EBADMSG,
				  "section %s: function %s (symbol %u) at %llu size %llu is not whole instructions inside the section",
				  s->name, sym->name, sym_idx,
				  (unsigned long long)sym->value,
				  (unsigned long long)size);
	if (!size)	/* a label or an asm entry: runs to the section end */
		size = s->size - sym->value;
	if (obj->nfuncs >= cap)
		return -EOVERFLOW;
	f = &obj->funcs[obj->nfuncs++];
	f->name = sym->name;
	f->sec = sym->shndx;
	f->off = (uint32_t)(sym->value / 8);
	f->cnt = (uint32_t)(size / 8);
	f->prog = -1;
	f->bind = sym->bind;
	return 0;
}

static int cmp_func(const void *a, const void *b)
{
	const struct rb_func *x = a, *y = b;

	if (x->sec != y->sec)
		return x->sec < y->sec ? -1 : 1;
	return x->off < y->off ? -1 : x->off > y->off;
}

/* Is @sym a function of an executable section? */
static bool func_sym(const struct rb_elf *e, const struct rb_elf_sym *sym)
{
	return sym->type == STT_FUNC && sym->shndx && sym->shndx < e->shnum &&
	       is_exec(&e->sh[sym->shndx]);
}

static int collect_funcs(struct rawbpf_object *obj)
{
	struct rb_elf *e = &obj->elf;
	struct rb_elf_sym sym;
	uint32_t i, cap = 0;
	int err;

	for (i = 1; i < e->symtab.count; i++) {
		err = rb_elf_sym(e, i, &sym);
		if (err)
			return rb_obj_err(obj, err, "symbol %u: name outside .strtab", i);
		cap += func_sym(e, &sym);
	}
	obj->funcs_cap = cap;
	obj->funcs = rb_alloc_array(obj->alloc, cap, sizeof(*obj->funcs));
	obj->progs = rb_alloc_array(obj->alloc, cap, sizeof(*obj->progs));
	if (!obj->funcs || !obj->progs)
		return -ENOMEM;
	for (i = 1; i < e->symtab.count; i++) {
		if (rb_elf_sym(e, i, &sym) || !func_sym(e, &sym))
			continue;
		err = add_func(obj, cap, &sym, i);
		if (err)
			return err;
	}
	qsort(obj->funcs, obj->nfuncs, sizeof(*obj->funcs), cmp_func);
	for (i = 1; i < obj->nfuncs; i++) {
		const struct rb_func *p = &obj->funcs[i - 1];

		if (p->sec == obj->funcs[i].sec &&
		    p->off + p->cnt > obj->funcs[i].off &&
		    obj->funcs[i].off != p->off)
			return rb_obj_err(obj, -EBADMSG,
					  "section %s: functions %s and %s overlap",
					  e->sh[p->sec].name, p->name,
					  obj->funcs[i].name);
	}
	return 0;
}

/* Programs: global functions of every executable section but .text. */
static void collect_progs(struct rawbpf_object *obj)
{
	struct rb_elf *e = &obj->elf;
	uint32_t i;

	for (i = 0; i < obj->nfuncs; i++) {
		struct rb_func *f = &obj->funcs[i];
		const struct rb_elf_shdr *s = &e->sh[f->sec];
		struct rawbpf_program *p;

		if (!strcmp(s->name, ".text"))
			continue;
		/* static functions inside a program section are subprograms */
		if (f->bind == STB_LOCAL)
			continue;
		p = &obj->progs[obj->nprogs];
		f->prog = (int)obj->nprogs++;
		p->obj = obj;
		p->func = i;
		p->name = f->name;
		p->sec_name = s->name;
		p->autoload = true;
		/* libbpf's SEC("?x"): section x, not loaded unless asked */
		if (p->sec_name[0] == '?') {
			p->sec_name++;
			p->autoload = false;
		}
		p->fd = -1;
		p->insn_cnt = f->cnt;
		p->known_sec = !rawbpf_section_lookup(p->sec_name, &p->type,
						      &p->expected_attach_type,
						      &p->prog_flags);
	}
}

/* The function of section @sec containing instruction @insn, or -1. */
int rb_obj_find_func(const struct rawbpf_object *obj, uint32_t sec,
		     uint32_t insn)
{
	uint32_t lo = 0, hi = obj->nfuncs;

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		const struct rb_func *f = &obj->funcs[mid];

		if (f->sec < sec || (f->sec == sec && f->off + f->cnt <= insn))
			lo = mid + 1;
		else if (f->sec > sec || f->off > insn)
			hi = mid;
		else
			return (int)mid;
	}
	return -1;
}

static int classify(struct rawbpf_object *obj, const struct rb_elf_shdr *ts,
		    const struct rb_elf_rel *r, struct rb_reloc *out)
{
	struct rb_elf *e = &obj->elf;
	const struct bpf_insn *insns = (const struct bpf_insn *)ts->data;
	uint32_t idx = (uint32_t)(r->offset / 8), cnt = (uint32_t)(ts->size / 8);
	const struct bpf_insn *insn = &insns[idx];
	struct rb_elf_sym sym;
	int m, err;

	if (r->offset % 8)
		return rb_obj_err(obj, -EBADMSG,
				  "section %s: relocation at byte %llu is not on an instruction",
				  ts->name, (unsigned long long)r->offset);
	err = rb_elf_sym(e, r->sym, &sym);
	if (err)
		return rb_obj_err(obj, -EBADMSG,
				  "section %s insn %u: bad relocation symbol %u",
				  ts->name, idx, r->sym);
	out->insn = idx;
	out->sym_off = sym.value;
	if (sym.shndx == SHN_UNDEF) {
		const struct rb_extern *x = rb_obj_extern_by_sym(obj, r->sym);

		if (!x)
			return rb_obj_classify_ksym(obj, ts->name, idx, insn,
						    r->type, r->sym, sym.name, out);
		if (!rb_insn_is_ldimm64(insn) || idx + 1 >= cnt ||
		    r->type != R_BPF_64_64)
			return rb_obj_err(obj, -EBADMSG,
					  "section %s insn %u: extern %s is not loaded with ld_imm64",
					  ts->name, idx, sym.name);
		out->kind = RB_RELO_DATA;
		out->map = (uint32_t)obj->kconfig_map;
		out->sym_off = x->off;
		return 0;
	}
	if (sym.shndx >= e->shnum)
		return rb_obj_err(obj, -EBADMSG,
				  "section %s insn %u: symbol '%s' in section %u out of range",
				  ts->name, idx, sym.name, sym.shndx);
	if (insn->code == (BPF_JMP | BPF_CALL)) {
		if (r->type != R_BPF_64_32)
			return rb_obj_err(obj, -EOPNOTSUPP,
					  "section %s insn %u: relocation type %u on a call to '%s' is not supported (R_BPF_64_32 expected)",
					  ts->name, idx, r->type, sym.name);
		if (insn->src_reg != BPF_PSEUDO_CALL || !is_exec(&e->sh[sym.shndx]))
			return rb_obj_err(obj, -EBADMSG,
					  "section %s insn %u: call relocation against '%s' is not a BPF-to-BPF call",
					  ts->name, idx, sym.name);
		out->kind = RB_RELO_CALL;
		out->sec = sym.shndx;
		return 0;
	}
	if (!rb_insn_is_ldimm64(insn))
		return rb_obj_err(obj, -EBADMSG,
				  "section %s insn %u: relocation against '%s' on an instruction (code 0x%02x) that is neither ld_imm64 nor call",
				  ts->name, idx, sym.name, insn->code);
	if (idx + 1 >= cnt)
		return rb_obj_err(obj, -EBADMSG,
				  "section %s insn %u: ld_imm64 cut off by the section end",
				  ts->name, idx);
	if (r->type != R_BPF_64_64)
		return rb_obj_err(obj, -EOPNOTSUPP,
				  "section %s insn %u: relocation type %u on ld_imm64 of '%s' is not supported (R_BPF_64_64 expected)",
				  ts->name, idx, r->type, sym.name);
	if (sym.shndx == obj->maps_sec || sym.shndx == obj->legacy_maps_sec) {
		m = rb_obj_map_at(obj, sym.shndx, sym.value);
		if (m < 0)
			return rb_obj_err(obj, -EBADMSG,
					  "section %s insn %u: no map definition at offset %llu of %s ('%s')",
					  ts->name, idx, (unsigned long long)sym.value,
					  e->sh[sym.shndx].name, sym.name);
		out->kind = RB_RELO_MAP;
		out->map = (uint32_t)m;
		return 0;
	}
	if (obj->sec_map[sym.shndx]) {
		out->kind = RB_RELO_DATA;
		out->map = obj->sec_map[sym.shndx] - 1;
		/* clang: the offset is symbol value + imm; gcc 12's assembler
		 * already wrote the symbol value into imm */
		if (sym.type == STT_SECTION ||
		    (obj->gcc && (uint64_t)(uint32_t)insn->imm == sym.value))
			out->sym_off = 0;
		return 0;
	}
	if (is_exec(&e->sh[sym.shndx])) {
		out->kind = RB_RELO_FUNC;
		out->sec = sym.shndx;
		return 0;
	}
	return rb_obj_err(obj, -EOPNOTSUPP,
			  "section %s insn %u: reference to '%s' in section %s, which is neither a map, global data nor code",
			  ts->name, idx, sym.name, e->sh[sym.shndx].name);
}

static int cmp_relo(const void *a, const void *b)
{
	const struct rb_reloc *x = a, *y = b;

	if (x->home != y->home)
		return x->home < y->home ? -1 : 1;
	return x->insn < y->insn ? -1 : x->insn > y->insn;
}

static int collect_relos(struct rawbpf_object *obj)
{
	struct rb_elf *e = &obj->elf;
	uint32_t i, j, total = 0;
	int err;

	for (i = 1; i < e->shnum; i++)
		if (e->sh[i].type == SHT_REL && e->sh[i].info < e->shnum &&
		    is_exec(&e->sh[e->sh[i].info]))
			total += rb_elf_rel_count(e, i);
	obj->relos = rb_alloc_array(obj->alloc, total, sizeof(*obj->relos));
	if (!obj->relos)
		return -ENOMEM;
	obj->relos_cap = total;
	for (i = 1; i < e->shnum; i++) {
		const struct rb_elf_shdr *rs = &e->sh[i], *ts;
		uint32_t n = rb_elf_rel_count(e, i);

		if (rs->type != SHT_REL || rs->info >= e->shnum ||
		    !is_exec(&e->sh[rs->info]))
			continue;
		ts = &e->sh[rs->info];
		for (j = 0; j < n; j++) {
			struct rb_elf_rel r;
			struct rb_reloc *out = &obj->relos[obj->nrelos];

			/* the 8 bytes of the instruction must be inside */
			err = rb_elf_rel(e, i, j, 8, &r);
			if (err)
				return rb_obj_err(obj, err, "%s", e->err);
			err = classify(obj, ts, &r, out);
			if (err)
				return err;
			out->home = rs->info;	/* sorted by section, insn */
			obj->nrelos++;
		}
	}
	qsort(obj->relos, obj->nrelos, sizeof(*obj->relos), cmp_relo);
	/* each function's relocations are one run of the sorted array */
	for (i = 0, j = 0; i < obj->nfuncs; i++) {
		struct rb_func *f = &obj->funcs[i];

		while (j < obj->nrelos && cmp_relo(&obj->relos[j],
			&(struct rb_reloc){ .home = f->sec, .insn = f->off }) < 0)
			j++;
		f->relo_start = j;
		while (j < obj->nrelos && obj->relos[j].home == f->sec &&
		       obj->relos[j].insn < f->off + f->cnt)
			j++;
		f->relo_end = j;
	}
	return 0;
}

/* .comment names GCC ("GCC: (...) 12.2"): its objects' quirks apply. A
 * plain scan: glibc's memmem is 1.7 KB of static size for this one use. */
static bool has_gcc(const void *data, uint64_t size)
{
	const char *p = data, *end = p + size;

	while (end - p >= 5 && (p = memchr(p, 'G', (size_t)(end - p - 4)))) {
		if (!memcmp(p, "GCC: ", 5))
			return true;
		p++;
	}
	return false;
}

int rb_obj_parse(struct rawbpf_object *obj)
{
	struct rb_elf *e = &obj->elf;
	uint32_t i;
	int err;

	if (e->machine != EM_BPF)
		return rb_obj_err(obj, -ENOEXEC,
				  "ELF machine %u is not BPF (%d)", e->machine,
				  EM_BPF);
	if (!e->symtab.shndx)
		return rb_obj_err(obj, -EBADMSG, "no symbol table (.symtab)");
	for (i = 1; i < e->shnum; i++) {
		find_special(obj, i);
		if (!is_exec(&e->sh[i]))
			continue;
		if (e->sh[i].size % 8)
			return rb_obj_err(obj, -EBADMSG,
					  "section %s: size %llu is not a whole number of 8-byte instructions",
					  e->sh[i].name,
					  (unsigned long long)e->sh[i].size);
		/* instructions are read in place */
		if ((uintptr_t)e->sh[i].data % 8)
			return rb_obj_err(obj, -EBADMSG,
					  "section %s: instructions at file offset %llu are not 8-byte aligned",
					  e->sh[i].name,
					  (unsigned long long)e->sh[i].offset);
	}
	i = obj->comment_sec;
	if (i && e->sh[i].data)
		obj->gcc = has_gcc(e->sh[i].data, e->sh[i].size);
	err = read_license_version(obj);
	if (!err)
		err = rb_obj_open_btf(obj);
	if (!err)
		err = rb_obj_collect_maps(obj);
	if (!err)
		err = collect_funcs(obj);
	if (err)
		return err;
	collect_progs(obj);
	err = rb_obj_collect_struct_ops(obj);
	if (!err)
		err = rb_obj_collect_exc_cbs(obj);
	if (err)
		return err;
	/* Instructions of the other byte order are only listed, never
	 * relocated or loaded: load refuses them. */
	if (!e->swap)
		err = collect_relos(obj);
	if (!err && !e->swap)
		err = rb_obj_collect_map_inits(obj);
	return err;
}
