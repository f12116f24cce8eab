// SPDX-License-Identifier: BSD-2-Clause
/* globals.c - global variables of an object's data sections by name: where
 * each lives (section, offset, size, from its ELF symbol) and its BTF type
 * (the VAR in the section's DATASEC), and size-checked get/set so a
 * mismatched layout is an error instead of silent corruption. */
#include <elf.h>
#include <errno.h>
#include <string.h>

#include "object/object.h"
#include "btf/btf.h"

/* The data map (.data, .rodata*, .bss, .data.*) defined by ELF section
 * @shndx, or NULL. .kconfig has no ELF section and is not listed. */
static struct rawbpf_map *data_map_of(const struct rawbpf_object *obj,
				      uint32_t shndx)
{
	uint32_t idx;

	if (!shndx || shndx >= obj->elf.shnum || !obj->sec_map)
		return NULL;
	idx = obj->sec_map[shndx];
	if (!idx || obj->maps[idx - 1].kind != RB_MAP_DATA)
		return NULL;
	return &obj->maps[idx - 1];
}

/* Symbol @sym as a global variable into @info; false when it is none (not
 * an object in a data section, or outside the section). */
static bool sym_global(const struct rawbpf_object *obj,
		       const struct rb_elf_sym *sym,
		       struct rawbpf_global_info *info)
{
	const struct rawbpf_map *m;
	int ds, var;

	if (sym->type != STT_OBJECT || !sym->name || !sym->name[0])
		return false;
	m = data_map_of(obj, sym->shndx);
	if (!m || sym->value > m->def.value_size ||
	    sym->size > m->def.value_size - sym->value)
		return false;
	memset(info, 0, sizeof(*info));
	info->name = sym->name;
	info->section = m->name;
	info->offset = (uint32_t)sym->value;
	info->size = (uint32_t)sym->size;
	info->local = sym->bind == STB_LOCAL;
	if (!obj->btf)
		return true;
	ds = rb_btf_find(obj->btf, m->name, RB_BTF_KIND_DATASEC);
	var = ds > 0 ? rb_btf_datasec_find_var(obj->btf, (uint32_t)ds,
					       sym->name) : -1;
	if (var > 0) {
		info->btf_var_id = (uint32_t)var;
		info->btf_type_id = rb_btf_type_by_id(obj->btf, (uint32_t)var)->type;
	}
	return true;
}

int rawbpf_object_next_global(const struct rawbpf_object *obj, uint32_t *iter,
			      struct rawbpf_global_info *info)
{
	struct rb_elf_sym sym;
	uint32_t i;

	if (!obj || !iter || !info)
		return -EINVAL;
	/* *iter is the next symbol index to look at (0 = start). */
	for (i = *iter ? *iter : 1; i < obj->elf.symtab.count; i++) {
		if (rb_elf_sym(&obj->elf, i, &sym) || !sym_global(obj, &sym, info))
			continue;
		*iter = i + 1;
		return 0;
	}
	*iter = i;
	return -ENOENT;
}

int rawbpf_object_find_global(const struct rawbpf_object *obj,
			      const char *name, struct rawbpf_global_info *info)
{
	uint32_t it = 0;
	bool found = false;
	struct rawbpf_global_info cur;

	if (!obj || !name || !info)
		return -EINVAL;
	/* A global symbol wins over a static one of the same name. */
	while (!rawbpf_object_next_global(obj, &it, &cur)) {
		if (strcmp(cur.name, name))
			continue;
		if (!found || (!cur.local && info->local))
			*info = cur;
		found = true;
	}
	return found ? 0 : -ENOENT;
}

/* The bytes of @name, after checking that the caller's @size matches. */
static int global_bytes(struct rawbpf_object *obj, const char *name,
			size_t size, bool write, uint8_t **out)
{
	struct rawbpf_global_info gi;
	uint8_t *base;
	size_t sec_size;
	int err;

	if (!obj || !name)
		return -EINVAL;
	err = rawbpf_object_find_global(obj, name, &gi);
	if (err)
		return rb_obj_err(obj, err, "global variable %s: not in any data section",
				  name);
	if (size != gi.size)
		return rb_obj_err(obj, -EINVAL,
				  "global variable %s (%s+%u) is %u bytes, not %zu",
				  name, gi.section, gi.offset, gi.size, size);
	if (write && obj->loaded && !strncmp(gi.section, ".rodata", 7))
		return rb_obj_err(obj, -EPERM,
				  "global variable %s is in %s, read-only after load",
				  name, gi.section);
	base = rawbpf_object_global_data(obj, gi.section, &sec_size);
	if (!base)
		return rb_obj_err(obj, obj->loaded ? -EOPNOTSUPP : -ENOMEM,
				  "global variable %s: %s %s", name, gi.section,
				  obj->loaded ? "is not mmaped (kernel before 5.5)" :
						"has no memory");
	*out = base + gi.offset;
	return 0;
}

int rawbpf_object_set_global(struct rawbpf_object *obj, const char *name,
			     const void *value, size_t size)
{
	uint8_t *p = NULL;	/* gcc 12 -O3 cannot see global_bytes sets it */
	int err;

	if (!value)
		return -EINVAL;
	err = global_bytes(obj, name, size, true, &p);
	if (!err)
		memcpy(p, value, size);
	return err;
}

int rawbpf_object_get_global(struct rawbpf_object *obj, const char *name,
			     void *value, size_t size)
{
	uint8_t *p = NULL;	/* gcc 12 -O3 cannot see global_bytes sets it */
	int err;

	if (!value)
		return -EINVAL;
	err = global_bytes(obj, name, size, false, &p);
	if (!err)
		memcpy(value, p, size);
	return err;
}
