// SPDX-License-Identifier: BSD-2-Clause
/* btf_conventions.c - the rewrites libbpf makes silently to an object's
 * BTF before BTF_LOAD, which objects written for libbpf rely on.
 *
 * Hidden global functions: a global subprogram with STV_HIDDEN visibility
 * (`__hidden`, as in libbpf's usdt.bpf.h) cannot be reached from outside
 * the object, so its BTF FUNC is given static linkage. The kernel then
 * verifies it in its caller's context (argument pointers keep their
 * caller's types) instead of alone with only its BTF signature. */
#include <elf.h>
#include <errno.h>
#include <string.h>

#include "object/object.h"

/* Each hidden (or internal) global or weak subprogram of .text: its BTF
 * FUNC of the same name -> static. Programs keep their linkage. */
static int hidden_funcs_static(struct rawbpf_object *obj)
{
	struct rb_elf *e = &obj->elf;
	struct rb_elf_sym sym;
	uint32_t i;
	int id;

	for (i = 1; i < e->symtab.count; i++) {
		struct rb_btf_type *t;

		if (rb_elf_sym(e, i, &sym) || sym.type != STT_FUNC ||
		    (sym.bind != STB_GLOBAL && sym.bind != STB_WEAK) ||
		    (sym.visibility != STV_HIDDEN &&
		     sym.visibility != STV_INTERNAL) ||
		    !sym.shndx || sym.shndx >= e->shnum ||
		    strcmp(e->sh[sym.shndx].name, ".text"))
			continue;
		id = rb_btf_find(obj->btf, sym.name, RB_BTF_KIND_FUNC);
		if (id == -ENOMEM)
			return id;
		if (id <= 0)
			continue;
		t = rb_btf_type_mut(obj->btf, (uint32_t)id);
		if (t && rb_btf_vlen(t) == RB_BTF_FUNC_GLOBAL)
			t->info = (t->info & ~0xffffu) | RB_BTF_FUNC_STATIC;
	}
	return 0;
}

int rb_obj_btf_conventions(struct rawbpf_object *obj)
{
	return hidden_funcs_static(obj);
}
