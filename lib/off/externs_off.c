// SPDX-License-Identifier: BSD-2-Clause
/* externs_off.c - stands in for .kconfig and .ksyms externs
 * (object/kconfig.c, object/ksyms.c, core/inflate.c,
 * kernel/kconfig_read.c, kernel/kallsyms.c) in a build with
 * RAWBPF_WITH_EXTERNS=OFF: such an object opens (a relocation against an
 * extern is noted, not resolved) and is refused at load by name. */
#include <elf.h>
#include <errno.h>

#include "object/object.h"
#include "object/kconfig.h"
#include "object/ksyms.h"

int rb_obj_collect_externs(struct rawbpf_object *obj)
{
	(void)obj;
	return 0;
}

const struct rb_extern *rb_obj_extern_by_sym(const struct rawbpf_object *obj,
					     uint32_t sym)
{
	(void)obj, (void)sym;
	return NULL;
}

int rb_obj_fixup_kconfig_btf(struct rawbpf_object *obj)
{
	(void)obj;
	return 0;
}

/* First thing rawbpf_object_load does: refuse an object with externs. */
int rb_obj_fill_kconfig(struct rawbpf_object *obj)
{
	struct rb_elf_sym sym;
	uint32_t i;

	for (i = 1; i < obj->elf.symtab.count; i++)
		if (!rb_elf_sym(&obj->elf, i, &sym) && sym.shndx == SHN_UNDEF &&
		    sym.name[0] && sym.bind != STB_LOCAL)
			return rb_obj_err(obj, -EOPNOTSUPP,
					  "object uses extern '%s' (.kconfig/.ksyms); this rawbpf was built with RAWBPF_WITH_EXTERNS=OFF",
					  sym.name);
	return 0;
}

int rb_obj_collect_ksyms(struct rawbpf_object *obj)
{
	(void)obj;
	return 0;
}

void rb_obj_free_ksyms(struct rawbpf_object *obj)
{
	(void)obj;
}

int rb_obj_classify_ksym(struct rawbpf_object *obj, const char *sec,
			 uint32_t idx, const struct bpf_insn *insn,
			 uint32_t rtype, uint32_t sym_idx, const char *name,
			 struct rb_reloc *out)
{
	(void)obj, (void)sec, (void)idx, (void)insn, (void)rtype, (void)name;
	out->kind = RB_RELO_KSYM;	/* never patched: load refuses first */
	out->map = sym_idx;
	return 0;
}

int rb_obj_ksyms_want(struct rawbpf_object *obj, struct rb_kprep *k)
{
	(void)obj, (void)k;
	return 0;
}

int rb_obj_ksyms_resolve(struct rawbpf_object *obj, struct rb_kprep *k)
{
	(void)obj, (void)k;
	return 0;
}

int rb_obj_ksym_patch(const struct rawbpf_object *obj, struct bpf_insn *insn,
		      const struct rb_reloc *r)
{
	(void)obj, (void)insn, (void)r;
	return -EOPNOTSUPP;
}
