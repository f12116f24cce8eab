// SPDX-License-Identifier: BSD-2-Clause
/* struct_ops.c - struct_ops maps at open, libbpf's convention: each
 * variable of a `.struct_ops` or `.struct_ops.link` section (a VAR of the
 * section's DATASEC in the object's BTF) is one BPF_MAP_TYPE_STRUCT_OPS map
 * named after it; relocations in .rel.struct_ops[.link] set its function
 * pointers to struct_ops programs; its other bytes are its data members.
 * Programs of struct_ops sections no map uses are not loaded (libbpf does
 * the same). Pure: no syscalls. */
#include <elf.h>
#include <errno.h>
#include <string.h>

#include "object/object.h"
#include "btf/btf.h"

static bool struct_ops_sec(const struct rb_elf_shdr *s, bool *link)
{
	if (s->type != SHT_PROGBITS)
		return false;
	*link = !strcmp(s->name, ".struct_ops.link");
	return *link || !strcmp(s->name, ".struct_ops");
}

void rb_obj_free_struct_ops(struct rawbpf_object *obj, struct rb_st_ops *so)
{
	if (!so)
		return;
	rb_free(obj->alloc, so->progs);
	rb_free(obj->alloc, so->kvalue);
	rb_free(obj->alloc, so->fd_off);
	rb_free(obj->alloc, so);
}

/* One variable @si of section @sec: a new map. */
static int add_var(struct rawbpf_object *obj, uint32_t sec, bool link,
		   const struct rb_btf_var_secinfo *si)
{
	const struct rb_elf_shdr *s = &obj->elf.sh[sec];
	const struct rb_btf_type *var = rb_btf_type_by_id(obj->btf, si->type), *t;
	const char *vname = rb_btf_name(obj->btf, si->type);
	struct rb_elf_sym sym;
	struct rb_st_ops *so;
	struct rawbpf_map *m;
	int64_t size;
	int tid, idx;
	uint32_t i;

	if (!var || rb_btf_kind(var) != RB_BTF_KIND_VAR)
		return rb_obj_err(obj, -EINVAL, "section %s: BTF entry %u is not a variable",
				  s->name, si->type);
	tid = rb_btf_resolve(obj->btf, var->type);
	t = tid > 0 ? rb_btf_type_by_id(obj->btf, (uint32_t)tid) : NULL;
	if (!t || rb_btf_kind(t) != RB_BTF_KIND_STRUCT || !rb_btf_name(obj->btf, (uint32_t)tid)[0])
		return rb_obj_err(obj, -EINVAL,
				  "struct_ops %s (section %s): its type is not a named struct",
				  vname, s->name);
	/* clang may leave DATASEC offsets to the loader: the symbol says */
	if (rb_elf_sym_by_name(&obj->elf, vname, &sym, NULL) || sym.shndx != sec)
		return rb_obj_err(obj, -EINVAL,
				  "struct_ops %s (section %s): no symbol of that name in the section",
				  vname, s->name);
	size = rb_btf_size(obj->btf, (uint32_t)tid);
	if (size <= 0 || sym.value > s->size || (uint64_t)size > s->size - sym.value)
		return rb_obj_err(obj, -EINVAL,
				  "struct_ops %s (section %s): struct %s (%lld bytes) at %llu is outside the section (%llu bytes)",
				  vname, s->name, rb_btf_name(obj->btf, (uint32_t)tid),
				  (long long)size, (unsigned long long)sym.value,
				  (unsigned long long)s->size);
	idx = rb_obj_add_map(obj);
	if (idx < 0)
		return idx;
	m = &obj->maps[idx];
	m->name = sym.name;	/* the file's, stable (BTF strings may move) */
	m->kind = RB_MAP_STRUCT_OPS;
	m->sec = sec;
	m->sec_off = sym.value;
	m->def.type = BPF_MAP_TYPE_STRUCT_OPS;
	m->def.key_size = 4;
	m->def.max_entries = 1;
	m->def.map_flags = link ? RAWBPF_F_LINK : 0;
	/* value_size: the kernel wrapper's, known at load */
	m->st_ops = so = rb_alloc(obj->alloc, sizeof(*so));
	m->data = rb_alloc(obj->alloc, (size_t)size);
	if (!so || !m->data)
		return -ENOMEM;
	memcpy(m->data, s->data + sym.value, (size_t)size);
	so->type_id = (uint32_t)tid;
	so->size = (uint32_t)size;
	so->link = link;
	so->nmembers = rb_btf_vlen(t);
	so->progs = rb_alloc_array(obj->alloc, so->nmembers ? so->nmembers : 1,
				   sizeof(*so->progs));
	if (!so->progs)
		return -ENOMEM;
	for (i = 0; i < so->nmembers; i++)
		so->progs[i] = -1;
	return 0;
}

/* The struct_ops map of section @sec covering byte @off, or NULL. */
static struct rawbpf_map *map_covering(struct rawbpf_object *obj, uint32_t sec,
				       uint64_t off)
{
	uint32_t i;

	for (i = 0; i < obj->nmaps; i++) {
		struct rawbpf_map *m = &obj->maps[i];

		if (m->kind == RB_MAP_STRUCT_OPS && m->sec == sec &&
		    off >= m->sec_off && off - m->sec_off < m->st_ops->size)
			return m;
	}
	return NULL;
}

/* Relocation @j of @rs: a function pointer of a map set to a program. */
static int one_reloc(struct rawbpf_object *obj, uint32_t rs, uint32_t j)
{
	struct rb_elf *e = &obj->elf;
	const struct rb_elf_shdr *s = &e->sh[e->sh[rs].info];
	const struct rb_btf_type *t, *mt;
	const struct rb_btf_member *mem;
	const struct rawbpf_program *p;
	struct rb_elf_rel r;
	struct rb_elf_sym sym;
	struct rawbpf_map *m;
	uint32_t i, moff;
	int f, mt_id;

	f = rb_elf_rel(e, rs, j, 8, &r);
	if (f)
		return rb_obj_err(obj, f, "%s", e->err);
	if (rb_elf_sym(e, r.sym, &sym))
		return rb_obj_err(obj, -EBADMSG, "section %s: relocation %u: bad symbol %u",
				  s->name, j, r.sym);
	m = map_covering(obj, e->sh[rs].info, r.offset);
	if (!m)
		return rb_obj_err(obj, -EINVAL,
				  "section %s: relocation to %s at byte %llu is in no struct_ops variable",
				  s->name, sym.name, (unsigned long long)r.offset);
	moff = (uint32_t)(r.offset - m->sec_off);
	t = rb_btf_type_by_id(obj->btf, m->st_ops->type_id);
	mem = rb_btf_members(t);
	for (i = 0; i < m->st_ops->nmembers; i++)
		if (!rb_btf_member_bitfield_size(t, i) &&
		    rb_btf_member_bit_offset(t, i) == moff * 8)
			break;
	if (i == m->st_ops->nmembers)
		return rb_obj_err(obj, -EINVAL,
				  "struct_ops %s: relocation to %s at byte %u starts no member",
				  m->name, sym.name, moff);
	mt_id = rb_btf_resolve(obj->btf, mem[i].type);
	mt = mt_id > 0 ? rb_btf_type_by_id(obj->btf, (uint32_t)mt_id) : NULL;
	if (mt && rb_btf_kind(mt) == RB_BTF_KIND_PTR) {
		mt_id = rb_btf_resolve(obj->btf, mt->type);
		mt = mt_id > 0 ? rb_btf_type_by_id(obj->btf, (uint32_t)mt_id) : NULL;
	} else {
		mt = NULL;
	}
	if (!mt || rb_btf_kind(mt) != RB_BTF_KIND_FUNC_PROTO)
		return rb_obj_err(obj, -EINVAL,
				  "struct_ops %s: member %s is set to %s but is not a function pointer",
				  m->name, rb_btf_str(obj->btf, mem[i].name_off), sym.name);
	f = sym.shndx < e->shnum ?
		rb_obj_find_func(obj, sym.shndx, (uint32_t)(sym.value / 8)) : -1;
	if (f < 0 || obj->funcs[f].prog < 0)
		return rb_obj_err(obj, -EINVAL,
				  "struct_ops %s: member %s is set to %s, which is not a program",
				  m->name, rb_btf_str(obj->btf, mem[i].name_off), sym.name);
	p = &obj->progs[obj->funcs[f].prog];
	if (p->type != BPF_PROG_TYPE_STRUCT_OPS)
		return rb_obj_err(obj, -EINVAL,
				  "struct_ops %s: member %s is set to program %s of section %s, not a struct_ops program (SEC(\"struct_ops/...\"))",
				  m->name, rb_btf_str(obj->btf, mem[i].name_off), p->name,
				  p->sec_name);
	m->st_ops->progs[i] = obj->funcs[f].prog;
	/* the member's slot holds the program (libbpf's shadow data): a
	 * caller may point it elsewhere before load (struct_ops_load.c) */
	memset((uint8_t *)m->data + moff, 0, 8);
	memcpy((uint8_t *)m->data + moff, &p, sizeof(p));
	return 0;
}

/* The maps of struct_ops section @sec (and their relocations). */
static int collect_sec(struct rawbpf_object *obj, uint32_t sec, bool link)
{
	struct rb_elf *e = &obj->elf;
	const struct rb_btf_type *ds;
	const struct rb_btf_var_secinfo *si;
	uint32_t i;
	int id, err;

	if (!obj->btf)
		return rb_obj_err(obj, -EINVAL,
				  "section %s: struct_ops variables need the object's BTF (.BTF) to say their types",
				  e->sh[sec].name);
	id = rb_btf_find(obj->btf, e->sh[sec].name, RB_BTF_KIND_DATASEC);
	if (id == -ENOMEM)
		return id;
	if (id < 0)
		return rb_obj_err(obj, -EINVAL, "section %s: no BTF DATASEC describes it",
				  e->sh[sec].name);
	ds = rb_btf_type_by_id(obj->btf, (uint32_t)id);
	si = rb_btf_secinfos(ds);
	for (i = 0; i < rb_btf_vlen(ds); i++) {
		err = add_var(obj, sec, link, &si[i]);
		if (err)
			return err;
	}
	if (e->swap)	/* listed only: load refuses other-endian objects */
		return 0;
	return rb_obj_each_rel(obj, sec, one_reloc);
}

/* Whether struct_ops map @m uses program @p. */
static bool uses(const struct rawbpf_map *m, uint32_t p)
{
	uint32_t i;

	for (i = 0; i < m->st_ops->nmembers; i++)
		if (m->st_ops->progs[i] == (int32_t)p)
			return true;
	return false;
}

int rb_obj_collect_struct_ops(struct rawbpf_object *obj)
{
	struct rb_elf *e = &obj->elf;
	uint32_t i, j;
	bool link;
	int err;

	for (i = 1; i < e->shnum; i++) {
		if (!struct_ops_sec(&e->sh[i], &link))
			continue;
		err = collect_sec(obj, i, link);
		if (err)
			return err;
	}
	/* a struct_ops program runs only through a map's member */
	for (i = 0; i < obj->nprogs; i++) {
		if (obj->progs[i].type != BPF_PROG_TYPE_STRUCT_OPS)
			continue;
		for (j = 0; j < obj->nmaps; j++)
			if (obj->maps[j].kind == RB_MAP_STRUCT_OPS && uses(&obj->maps[j], i))
				break;
		if (j == obj->nmaps)
			obj->progs[i].autoload = false;
	}
	return 0;
}
