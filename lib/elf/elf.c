// SPDX-License-Identifier: BSD-2-Clause
/* elf.c - ELF64 (and, for host binaries, ELF32) header, section, symbol
 * and relocation decoding over a buffer, every offset checked against the
 * buffer before it is used. */
#include <elf.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/mem.h"
#include "elf/elf.h"

/* Record sizes of the two classes: ELF32 fields that are addresses or
 * sizes are 4 bytes wide, and symbols and relocations are laid out apart. */
#define EHDR_SIZE (e->elf32 ? 52 : 64)
#define SHDR_SIZE (e->elf32 ? 40 : 64)
#define SYM_SIZE (e->elf32 ? 16 : 24)
#define REL_SIZE (e->elf32 ? 8 : 16)
#define RELA_SIZE (e->elf32 ? 12 : 24)

static bool host_big_endian(void)
{
	const uint16_t one = 1;

	return *(const uint8_t *)&one == 0;
}

uint16_t rb_elf_u16(const struct rb_elf *e, const void *p)
{
	uint16_t v;

	memcpy(&v, p, sizeof(v));
	return e->swap ? __builtin_bswap16(v) : v;
}

uint32_t rb_elf_u32(const struct rb_elf *e, const void *p)
{
	uint32_t v;

	memcpy(&v, p, sizeof(v));
	return e->swap ? __builtin_bswap32(v) : v;
}

uint64_t rb_elf_u64(const struct rb_elf *e, const void *p)
{
	uint64_t v;

	memcpy(&v, p, sizeof(v));
	return e->swap ? __builtin_bswap64(v) : v;
}

uint64_t rb_elf_word(const struct rb_elf *e, const void *p)
{
	return e->elf32 ? rb_elf_u32(e, p) : rb_elf_u64(e, p);
}

const char *rb_elf_cstr(const char *tab, size_t size, uint64_t off)
{
	if (!tab || off >= size || !memchr(tab + off, '\0', size - off))
		return NULL;
	return tab + off;
}

/* Does [off, off + len) lie inside a buffer of @size bytes? */
static bool in_bounds(uint64_t off, uint64_t len, uint64_t size)
{
	return off <= size && len <= size - off;
}

static int fail(struct rb_elf *e, int err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int fail(struct rb_elf *e, int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(e->errbuf, sizeof(e->errbuf), fmt, ap);
	va_end(ap);
	e->err = e->errbuf;
	return err;
}

static int read_ident(struct rb_elf *e, bool any_class)
{
	const uint8_t *id = e->buf;

	if (e->size < SELFMAG || memcmp(id, ELFMAG, SELFMAG))
		return fail(e, -ENOEXEC, "not an ELF file (bad magic)");
	if (e->size > EI_CLASS)
		e->elf32 = any_class && id[EI_CLASS] == ELFCLASS32;
	if (e->size < (size_t)EHDR_SIZE)
		return fail(e, -EBADMSG, "truncated ELF header (%zu bytes)",
			    e->size);
	if (id[EI_CLASS] != ELFCLASS64 && !e->elf32)
		return fail(e, -ENOEXEC, "ELF class %u is not ELF64%s",
			    id[EI_CLASS], any_class ? " or ELF32" : "");
	if (id[EI_DATA] != ELFDATA2LSB && id[EI_DATA] != ELFDATA2MSB)
		return fail(e, -ENOEXEC, "unknown ELF byte order %u",
			    id[EI_DATA]);
	if (id[EI_VERSION] != EV_CURRENT)
		return fail(e, -ENOEXEC, "unknown ELF version %u",
			    id[EI_VERSION]);
	e->big_endian = id[EI_DATA] == ELFDATA2MSB;
	e->swap = e->big_endian != host_big_endian();
	return 0;
}

static void decode_shdr(const struct rb_elf *e, const uint8_t *p,
			struct rb_elf_shdr *s, uint32_t *name_off)
{
	unsigned w = e->elf32 ? 4 : 8;	/* flags .. size, entsize */

	*name_off = rb_elf_u32(e, p + 0);
	s->type = rb_elf_u32(e, p + 4);
	s->flags = rb_elf_word(e, p + 8);
	s->addr = rb_elf_word(e, p + 8 + w);
	s->offset = rb_elf_word(e, p + 8 + 2 * w);
	s->size = rb_elf_word(e, p + 8 + 3 * w);
	s->link = rb_elf_u32(e, p + 8 + 4 * w);
	s->info = rb_elf_u32(e, p + 12 + 4 * w);
	s->entsize = rb_elf_word(e, p + 16 + 5 * w);
}

static int find_symtab(struct rb_elf *e, uint32_t type,
		       struct rb_elf_symtab *tab)
{
	uint32_t i;

	for (i = 1; i < e->shnum; i++) {
		const struct rb_elf_shdr *s = &e->sh[i], *str;

		if (s->type != type)
			continue;
		if (s->size % SYM_SIZE)
			return fail(e, -EBADMSG,
				    "symbol table %s: size %llu not a multiple of %d",
				    s->name, (unsigned long long)s->size,
				    SYM_SIZE);
		if (!s->link || s->link >= e->shnum)
			return fail(e, -EBADMSG,
				    "symbol table %s: bad string table index %u",
				    s->name, s->link);
		str = &e->sh[s->link];
		if (str->type != SHT_STRTAB)
			return fail(e, -EBADMSG,
				    "symbol table %s: section %u is not a string table",
				    s->name, s->link);
		tab->shndx = i;
		tab->count = (uint32_t)(s->size / SYM_SIZE);
		tab->data = s->data;
		tab->strtab = (const char *)str->data;
		tab->strtab_size = str->size;
		return 0;
	}
	return 0;
}

static int read_sections(struct rb_elf *e, uint64_t shoff, uint32_t shnum,
			 uint32_t shstrndx)
{
	const struct rb_elf_shdr *strs;
	uint32_t *names, i;
	int err = 0;

	if (!shnum)
		return 0;
	if (!in_bounds(shoff, (uint64_t)shnum * SHDR_SIZE, e->size))
		return fail(e, -EBADMSG,
			    "section headers (%u at offset %llu) outside the file",
			    shnum, (unsigned long long)shoff);
	e->sh = rb_alloc_array(e->alloc, shnum, sizeof(*e->sh));
	e->shnum = e->sh ? shnum : 0;	/* rb_elf_close frees by it */
	names = rb_alloc_array(e->alloc, shnum, sizeof(*names));
	if (!e->sh || !names) {
		rb_free(e->alloc, names);
		return -ENOMEM;
	}
	for (i = 0; i < shnum; i++) {
		struct rb_elf_shdr *s = &e->sh[i];

		decode_shdr(e, e->buf + shoff + (uint64_t)i * SHDR_SIZE, s,
			    &names[i]);
		if (s->type == SHT_NOBITS || s->type == SHT_NULL)
			continue;
		if (!in_bounds(s->offset, s->size, e->size)) {
			err = fail(e, -EBADMSG,
				   "section %u: offset %llu size %llu outside the file (%zu bytes)",
				   i, (unsigned long long)s->offset,
				   (unsigned long long)s->size, e->size);
			goto out;
		}
		s->data = e->buf + s->offset;
	}
	if (shstrndx >= shnum || e->sh[shstrndx].type != SHT_STRTAB) {
		err = fail(e, -EBADMSG, "bad section name table index %u",
			   shstrndx);
		goto out;
	}
	strs = &e->sh[shstrndx];
	for (i = 0; i < shnum; i++) {
		e->sh[i].name = rb_elf_cstr((const char *)strs->data,
					    strs->size, names[i]);
		if (!e->sh[i].name) {
			err = fail(e, -EBADMSG,
				   "section %u: name offset %u outside the name table",
				   i, names[i]);
			goto out;
		}
	}
	err = find_symtab(e, SHT_SYMTAB, &e->symtab);
	if (!err)
		err = find_symtab(e, SHT_DYNSYM, &e->dynsym);
out:
	rb_free(e->alloc, names);
	return err;
}

int rb_elf_open(struct rb_elf *e, const void *buf, size_t size,
		const struct rawbpf_allocator *alloc)
{
	return rb_elf_open_class(e, buf, size, alloc, false);
}

int rb_elf_open_class(struct rb_elf *e, const void *buf, size_t size,
		      const struct rawbpf_allocator *alloc, bool any_class)
{
	/* e_phoff: 28 / 32; the fields after e_flags start at 40 / 52 */
	unsigned w = 4, tail = 52 - 6;
	uint64_t shoff;
	uint32_t shnum, shstrndx;
	int err;

	memset(e, 0, sizeof(*e));
	e->buf = buf;
	e->size = buf ? size : 0;
	e->alloc = alloc;
	err = read_ident(e, any_class);
	if (err)
		return err;
	if (!e->elf32) {
		w = 8;
		tail = 64 - 6;
	}
	e->type = rb_elf_u16(e, e->buf + 16);
	e->machine = rb_elf_u16(e, e->buf + 18);
	e->phoff = rb_elf_word(e, e->buf + 24 + w);
	shoff = rb_elf_word(e, e->buf + 24 + 2 * w);
	e->phentsize = rb_elf_u16(e, e->buf + tail - 4);
	e->phnum = rb_elf_u16(e, e->buf + tail - 2);
	shnum = rb_elf_u16(e, e->buf + tail + 2);
	shstrndx = rb_elf_u16(e, e->buf + tail + 4);
	if (shoff && rb_elf_u16(e, e->buf + tail) != SHDR_SIZE)
		return fail(e, -EBADMSG, "section header size %u, expected %d",
			    rb_elf_u16(e, e->buf + tail), SHDR_SIZE);
	if (shoff && (shnum == 0 || shstrndx == SHN_XINDEX)) {
		/* More than 0xff00 sections: the real values are in sh[0]. */
		if (!in_bounds(shoff, SHDR_SIZE, e->size))
			return fail(e, -EBADMSG,
				    "section header 0 outside the file");
		if (!shnum)
			shnum = (uint32_t)rb_elf_word(e, e->buf + shoff + 8 + 3 * w);
		if (shstrndx == SHN_XINDEX)
			shstrndx = rb_elf_u32(e, e->buf + shoff + 8 + 4 * w);
	}
	if (e->phnum && (e->phentsize != (e->elf32 ? 32 : 56) ||
			 !in_bounds(e->phoff, (uint64_t)e->phnum * e->phentsize, e->size)))
		return fail(e, -EBADMSG, "program headers outside the file");
	err = shoff ? read_sections(e, shoff, shnum, shstrndx) : 0;
	if (err)
		rb_elf_close(e);
	return err;
}

void rb_elf_close(struct rb_elf *e)
{
	rb_free(e->alloc, e->sh);
	e->sh = NULL;
	e->shnum = 0;
}

const struct rb_elf_shdr *rb_elf_section(const struct rb_elf *e, uint32_t idx)
{
	return idx < e->shnum ? &e->sh[idx] : NULL;
}

int rb_elf_section_by_name(const struct rb_elf *e, const char *name)
{
	uint32_t i;

	for (i = 1; i < e->shnum; i++)
		if (!strcmp(e->sh[i].name, name))
			return (int)i;
	return -ENOENT;
}

int rb_elf_sym_in(const struct rb_elf *e, const struct rb_elf_symtab *tab,
		  uint32_t idx, struct rb_elf_sym *out)
{
	const uint8_t *p;
	uint8_t info;

	if (!tab->shndx || idx >= tab->count)
		return -ENOENT;
	p = tab->data + (size_t)idx * SYM_SIZE;
	out->name = rb_elf_cstr(tab->strtab, tab->strtab_size,
				rb_elf_u32(e, p));
	if (!out->name)
		return -EBADMSG;
	if (e->elf32) {		/* name, value, size, info, other, shndx */
		info = p[12];
		out->visibility = p[13] & 0x3;
		out->shndx = rb_elf_u16(e, p + 14);
		out->value = rb_elf_u32(e, p + 4);
		out->size = rb_elf_u32(e, p + 8);
	} else {		/* name, info, other, shndx, value, size */
		info = p[4];
		out->visibility = p[5] & 0x3;
		out->shndx = rb_elf_u16(e, p + 6);
		out->value = rb_elf_u64(e, p + 8);
		out->size = rb_elf_u64(e, p + 16);
	}
	out->bind = info >> 4;
	out->type = info & 0xf;
	return 0;
}

int rb_elf_sym(const struct rb_elf *e, uint32_t idx, struct rb_elf_sym *out)
{
	return rb_elf_sym_in(e, &e->symtab, idx, out);
}

static int sym_by_name_in(const struct rb_elf *e,
			  const struct rb_elf_symtab *tab, const char *name,
			  struct rb_elf_sym *out, uint32_t *idx)
{
	uint32_t i;

	for (i = 1; i < tab->count; i++) {
		if (rb_elf_sym_in(e, tab, i, out) || out->shndx == SHN_UNDEF ||
		    strcmp(out->name, name))
			continue;
		if (idx)
			*idx = i;
		return 0;
	}
	return -ENOENT;
}

int rb_elf_sym_by_name(const struct rb_elf *e, const char *name,
		       struct rb_elf_sym *out, uint32_t *idx)
{
	if (!sym_by_name_in(e, &e->symtab, name, out, idx))
		return 0;
	return sym_by_name_in(e, &e->dynsym, name, out, idx);
}

static uint32_t rel_entsize(const struct rb_elf *e, const struct rb_elf_shdr *s)
{
	return s->type == SHT_RELA ? RELA_SIZE : REL_SIZE;
}

uint32_t rb_elf_rel_count(const struct rb_elf *e, uint32_t rel_sec)
{
	const struct rb_elf_shdr *s = rb_elf_section(e, rel_sec);

	if (!s || (s->type != SHT_REL && s->type != SHT_RELA))
		return 0;
	return (uint32_t)(s->size / rel_entsize(e, s));
}

int rb_elf_rel(struct rb_elf *e, uint32_t rel_sec, uint32_t idx,
	       uint32_t width, struct rb_elf_rel *out)
{
	const struct rb_elf_shdr *s = rb_elf_section(e, rel_sec), *target;
	const uint8_t *p;
	uint64_t info;

	if (!s || idx >= rb_elf_rel_count(e, rel_sec))
		return -ENOENT;
	target = rb_elf_section(e, s->info);
	if (!target)
		return fail(e, -EBADMSG,
			    "relocation section %s: target section %u out of range",
			    s->name, s->info);
	p = s->data + (size_t)idx * rel_entsize(e, s);
	if (e->elf32) {		/* info: symbol << 8 | type; addend 32-bit */
		out->offset = rb_elf_u32(e, p);
		info = rb_elf_u32(e, p + 4);
		out->sym = (uint32_t)(info >> 8);
		out->type = (uint32_t)(info & 0xff);
		out->addend = s->type == SHT_RELA ?
			(int32_t)rb_elf_u32(e, p + 8) : 0;
	} else {
		out->offset = rb_elf_u64(e, p);
		info = rb_elf_u64(e, p + 8);
		out->sym = (uint32_t)(info >> 32);
		out->type = (uint32_t)info;
		out->addend = s->type == SHT_RELA ?
			(int64_t)rb_elf_u64(e, p + 16) : 0;
	}
	if (out->sym >= e->symtab.count)
		return fail(e, -EBADMSG,
			    "relocation %u in %s: symbol index %u out of range (%u symbols)",
			    idx, s->name, out->sym, e->symtab.count);
	if (!in_bounds(out->offset, width, target->size))
		return fail(e, -EBADMSG,
			    "relocation %u in %s: offset %llu outside %s (%llu bytes)",
			    idx, s->name, (unsigned long long)out->offset,
			    target->name, (unsigned long long)target->size);
	return 0;
}
