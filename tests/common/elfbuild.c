// SPDX-License-Identifier: BSD-2-Clause
/* elfbuild.c - the in-memory ELF64 writer behind elfbuild.h. */
#include <elf.h>
#include <string.h>

#include "elfbuild.h"

static void put(const struct te_elf *t, void *p, uint64_t v, int n)
{
	uint8_t *b = p;
	int i;

	for (i = 0; i < n; i++)
		b[t->be ? n - 1 - i : i] = (uint8_t)(v >> (8 * i));
}

void te_put16(const struct te_elf *t, void *p, uint16_t v) { put(t, p, v, 2); }
void te_put32(const struct te_elf *t, void *p, uint32_t v) { put(t, p, v, 4); }
void te_put64(const struct te_elf *t, void *p, uint64_t v) { put(t, p, v, 8); }

void te_init(struct te_elf *t, bool big_endian, uint16_t machine)
{
	memset(t, 0, sizeof(*t));
	t->be = big_endian;
	t->machine = machine;
	t->elf_class = ELFCLASS64;
	t->nsym = 1;
}

unsigned int te_section(struct te_elf *t, const char *name, uint32_t type,
			uint64_t flags, const void *data, size_t size,
			uint32_t link, uint32_t info)
{
	struct te_sec *s = &t->sec[++t->nsec];

	s->name = name;
	s->type = type;
	s->flags = flags;
	s->data = data;
	s->size = size;
	s->link = link;
	s->info = info;
	s->entsize = type == SHT_REL ? 16 : 0;
	return t->nsec;
}

unsigned int te_sym(struct te_elf *t, const char *name, uint64_t value,
		    uint64_t size, uint8_t info, uint16_t shndx)
{
	struct te_sym *s = &t->sym[t->nsym];

	s->name = name;
	s->value = value;
	s->size = size;
	s->info = info;
	s->shndx = shndx;
	return t->nsym++;
}

void te_rel(const struct te_elf *t, void *out, uint64_t offset, uint32_t sym,
	    uint32_t type)
{
	te_put64(t, out, offset);
	te_put64(t, (uint8_t *)out + 8, ((uint64_t)sym << 32) | type);
}

/* Append @s (with NUL) to a string table; its offset. */
static uint32_t add_str(char *tab, size_t *len, const char *s)
{
	uint32_t off = (uint32_t)*len;

	strcpy(tab + *len, s);
	*len += strlen(s) + 1;
	return off;
}

static size_t emit(struct te_elf *t, size_t *pos, const void *data, size_t n)
{
	size_t at = (*pos + 7) & ~(size_t)7;

	if (data)
		memcpy(t->buf + at, data, n);
	*pos = at + n;
	return at;
}

size_t te_finish(struct te_elf *t)
{
	char shstr[1024], str[1024];
	size_t shlen = 1, slen = 1, pos = 64, offs[TE_MAX_SECS + 4];
	uint32_t names[TE_MAX_SECS + 4];
	uint8_t symtab[TE_MAX_SYMS * 24];
	unsigned int i, n;
	uint8_t *h = t->buf;

	memset(t->buf, 0, sizeof(t->buf));
	shstr[0] = str[0] = '\0';
	t->strtab_idx = t->nsec + 1;
	t->symtab_idx = t->nsec + 2;
	t->shstrtab_idx = t->nsec + 3;
	n = t->nsec + 4;
	memset(symtab, 0, sizeof(symtab));
	for (i = 1; i < t->nsym; i++) {
		uint8_t *p = symtab + i * 24;

		te_put32(t, p, add_str(str, &slen, t->sym[i].name));
		p[4] = t->sym[i].info;
		te_put16(t, p + 6, t->sym[i].shndx);
		te_put64(t, p + 8, t->sym[i].value);
		te_put64(t, p + 16, t->sym[i].size);
	}
	for (i = 1; i <= t->nsec; i++) {
		names[i] = add_str(shstr, &shlen, t->sec[i].name);
		offs[i] = t->sec[i].type == SHT_NOBITS ? pos :
			emit(t, &pos, t->sec[i].data, t->sec[i].size);
	}
	names[t->strtab_idx] = add_str(shstr, &shlen, ".strtab");
	names[t->symtab_idx] = add_str(shstr, &shlen, ".symtab");
	names[t->shstrtab_idx] = add_str(shstr, &shlen, ".shstrtab");
	offs[t->strtab_idx] = emit(t, &pos, str, slen);
	offs[t->symtab_idx] = emit(t, &pos, symtab, t->nsym * 24);
	offs[t->shstrtab_idx] = emit(t, &pos, shstr, shlen);
	t->shoff = emit(t, &pos, NULL, 0);
	pos = t->shoff + n * 64;

	memcpy(h, ELFMAG, SELFMAG);
	h[EI_CLASS] = t->elf_class;
	h[EI_DATA] = t->be ? ELFDATA2MSB : ELFDATA2LSB;
	h[EI_VERSION] = EV_CURRENT;
	te_put16(t, h + 16, ET_REL);
	te_put16(t, h + 18, t->machine);
	te_put32(t, h + 20, EV_CURRENT);
	te_put64(t, h + 40, t->shoff);
	te_put16(t, h + 52, 64);
	te_put16(t, h + 58, 64);
	te_put16(t, h + 60, (uint16_t)n);
	te_put16(t, h + 62, (uint16_t)t->shstrtab_idx);
	for (i = 1; i < n; i++) {
		uint8_t *p = te_shdr(t, i);
		const struct te_sec *s = i <= t->nsec ? &t->sec[i] : NULL;
		uint32_t type, link = 0, info = 0;
		uint64_t size, flags = 0, entsize = 0;

		if (s) {
			type = s->type;
			size = s->size;
			flags = s->flags;
			entsize = s->entsize;
			link = s->link == TE_SYMTAB ? t->symtab_idx : s->link;
			info = s->info;
		} else if (i == t->symtab_idx) {
			type = SHT_SYMTAB;
			size = t->nsym * 24;
			link = t->strtab_idx;
			info = 1;
			entsize = 24;
		} else {
			type = SHT_STRTAB;
			size = i == t->strtab_idx ? slen : shlen;
		}
		te_put32(t, p, names[i]);
		te_put32(t, p + 4, type);
		te_put64(t, p + 8, flags);
		te_put64(t, p + 24, offs[i]);
		te_put64(t, p + 32, size);
		te_put32(t, p + 40, link);
		te_put32(t, p + 44, info);
		te_put64(t, p + 48, 8);
		te_put64(t, p + 56, entsize);
	}
	t->size = pos;
	return pos;
}

uint8_t *te_shdr(struct te_elf *t, unsigned int idx)
{
	return t->buf + t->shoff + (size_t)idx * 64;
}
