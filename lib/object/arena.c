// SPDX-License-Identifier: BSD-2-Clause
/*
 * arena.c - __arena globals (clang 18+ puts address_space(1) variables in
 * .addr_space.1) live in the object's one BPF_MAP_TYPE_ARENA map (6.9), as
 * libbpf places them: at the end of the arena, so that no global sits at
 * its first byte, whose address a 32-bit arena pointer cannot tell from
 * NULL. Programs reach them through ld_imm64 of the arena map plus their
 * offset; user space through the arena's mmap.
 */
#include <elf.h>
#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "object/object.h"
#include "sys/libc.h"

#define ARENA_SEC ".addr_space.1"

#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE 0x100000
#endif

static size_t page_size(void)
{
	return (size_t)sysconf(_SC_PAGESIZE);
}

int rb_obj_collect_arena(struct rawbpf_object *obj)
{
	const struct rb_elf *e = &obj->elf;
	const struct rb_elf_shdr *s = NULL;
	uint32_t i, sec = 0;
	int arena = -1;

	for (i = 1; i < e->shnum; i++)
		if (!strcmp(e->sh[i].name, ARENA_SEC)) {
			sec = i;
			s = &e->sh[i];
		}
	if (!sec || !s->size)
		return 0;
	for (i = 0; i < obj->nmaps; i++) {
		if (obj->maps[i].def.type != RAWBPF_MAP_TYPE_ARENA)
			continue;
		if (arena >= 0)
			return rb_obj_err(obj, -EINVAL,
					  "section %s: __arena globals with two arena maps (%s, %s): which one holds them is not said",
					  ARENA_SEC, obj->maps[arena].name, obj->maps[i].name);
		arena = (int)i;
	}
	if (arena < 0)
		return rb_obj_err(obj, -EINVAL,
				  "section %s: %llu bytes of __arena globals and no arena map (BPF_MAP_TYPE_ARENA in .maps) to hold them",
				  ARENA_SEC, (unsigned long long)s->size);
	if (s->size > UINT32_MAX / 2)
		return rb_obj_err(obj, -E2BIG, "section %s: %llu bytes of __arena globals is too large",
				  ARENA_SEC, (unsigned long long)s->size);
	if (s->type != SHT_NOBITS && s->data) {
		obj->arena_data = rb_alloc(obj->alloc, s->size);
		if (!obj->arena_data)
			return -ENOMEM;
		memcpy(obj->arena_data, s->data, s->size);
	}
	obj->arena_sec = sec;
	obj->arena_size = (uint32_t)s->size;
	obj->sec_map[sec] = (uint32_t)arena + 1;
	return 0;
}

/* The arena's byte size: max_entries pages. */
static uint64_t arena_bytes(const struct rawbpf_map *m)
{
	return (uint64_t)m->def.max_entries * page_size();
}

int rb_obj_arena_map(struct rawbpf_object *obj, struct rawbpf_map *m, bool fresh)
{
	uint64_t len = arena_bytes(m);
	size_t page = page_size();
	uint64_t need = ((uint64_t)obj->arena_size + page - 1) / page * page;
	void *addr = (void *)(uintptr_t)m->def.map_extra, *p;
	int err;

	if (obj->arena_sec && need > len)
		return rb_obj_err(obj, -E2BIG,
				  "map %s: %u bytes of __arena globals do not fit an arena of %u pages",
				  m->name, obj->arena_size, m->def.max_entries);
	if (len > SIZE_MAX)
		return rb_obj_err(obj, -E2BIG, "map %s: an arena of %u pages does not fit this address space",
				  m->name, m->def.max_entries);
	/* where the object asked (map_extra), and never over a mapping
	 * already there: the kernel wants that address or none */
	err = rb_sys_mmap_at(addr, (size_t)len, PROT_READ | PROT_WRITE,
			     MAP_SHARED | (addr ? MAP_FIXED_NOREPLACE : 0), m->fd, 0, &p);
	if (!err && addr && p != addr) {	/* a kernel before 4.17 took it as a hint */
		rb_sys_munmap(p, (size_t)len);
		err = -EEXIST;
	}
	if (err)
		return rb_obj_err(obj, err, "map %s: mmap of the arena (%llu bytes%s) failed",
				  m->name, (unsigned long long)len,
				  addr ? " at its map_extra address" : "");
	m->mmaped = p;
	m->mmap_size = (size_t)len;
	obj->arena_off = len - need;
	/* a reused or pinned arena keeps what its globals hold */
	if (obj->arena_data && fresh)
		memcpy((char *)p + obj->arena_off, obj->arena_data, obj->arena_size);
	return 0;
}

void *rb_obj_arena_globals(struct rawbpf_object *obj, size_t *size)
{
	const struct rawbpf_map *m;

	if (!obj->arena_sec)
		return NULL;
	if (size)
		*size = obj->arena_size;
	if (!obj->loaded) {
		if (!obj->arena_data)	/* its zeroes are made when first asked for */
			obj->arena_data = rb_alloc(obj->alloc, obj->arena_size);
		return obj->arena_data;
	}
	m = &obj->maps[obj->sec_map[obj->arena_sec] - 1];
	return m->mmaped ? (char *)m->mmaped + obj->arena_off : NULL;
}
