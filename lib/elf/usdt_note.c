// SPDX-License-Identifier: BSD-2-Clause
/* usdt_note.c - walk .note.stapsdt (usdt_note.h). Pure: the ELF buffer in,
 * probe sites out; every length and string is checked against the note. */
#include <elf.h>
#include <errno.h>
#include <string.h>

#include "elf/usdt_note.h"

#define NOTE_TYPE 3
#define OWNER "stapsdt"

static uint32_t align4(uint32_t n)
{
	return (n + 3u) & ~3u;
}

/* The next NUL-terminated string of @p..@end, or NULL; *@p moves past it. */
static const char *next_str(const char **p, const char *end)
{
	const char *s = *p, *nul = memchr(s, '\0', (size_t)(end - s));

	if (!nul)
		return NULL;
	*p = nul + 1;
	return s;
}

/* Address of section .stapsdt.base, or 0 when the file has none. */
static uint64_t base_addr(const struct rb_elf *e)
{
	int i = rb_elf_section_by_name(e, ".stapsdt.base");

	return i > 0 ? e->sh[i].addr : 0;
}

/* Decode one note's descriptor @d (@size bytes) into @n. */
static int decode(const struct rb_elf *e, const uint8_t *d, uint32_t size,
		  uint64_t base, struct rb_usdt_note *n, const char **why)
{
	/* three addresses of the file's word size, then three strings */
	uint32_t w = e->elf32 ? 4 : 8;
	const char *p = (const char *)d + 3 * w, *end = (const char *)d + size;
	uint64_t note_base;

	if (size < 3 * w + 3) {
		*why = "USDT note shorter than its three addresses and strings";
		return -EBADMSG;
	}
	n->ip = w == 4 ? rb_elf_u32(e, d) : rb_elf_u64(e, d);
	note_base = w == 4 ? rb_elf_u32(e, d + 4) : rb_elf_u64(e, d + 8);
	n->sema = w == 4 ? rb_elf_u32(e, d + 8) : rb_elf_u64(e, d + 16);
	n->provider = next_str(&p, end);
	n->name = n->provider ? next_str(&p, end) : NULL;
	n->args = n->name ? next_str(&p, end) : NULL;
	if (!n->args) {
		*why = "USDT note strings (provider, name, arguments) not terminated";
		return -EBADMSG;
	}
	if (base && note_base)	/* prelink moved the file: follow it */
		n->ip += base - note_base;
	/* without program headers (a relocatable file) addresses stay */
	n->ip_off = n->ip;
	n->sema_off = n->sema;
	if (e->phnum && rb_elf_addr_to_offset(e, n->ip, &n->ip_off)) {
		*why = "USDT probe address outside every loaded segment";
		return -EBADMSG;
	}
	if (n->sema && e->phnum && rb_elf_addr_to_offset(e, n->sema, &n->sema_off)) {
		*why = "USDT semaphore address outside every loaded segment";
		return -EBADMSG;
	}
	return 0;
}

int rb_usdt_notes(const struct rb_elf *e, rb_usdt_note_fn fn, void *ctx,
		  const char **why)
{
	uint64_t base = base_addr(e);
	uint32_t i;
	int err;

	*why = "";
	for (i = 1; i < e->shnum; i++) {
		const struct rb_elf_shdr *s = &e->sh[i];
		uint64_t off = 0;

		if (s->type != SHT_NOTE || !s->data ||
		    strcmp(s->name, ".note.stapsdt"))
			continue;
		while (s->size - off >= 12) {
			const uint8_t *h = s->data + off;
			uint32_t namesz = rb_elf_u32(e, h);
			uint32_t descsz = rb_elf_u32(e, h + 4);
			uint32_t type = rb_elf_u32(e, h + 8);
			uint64_t need = 12 + (uint64_t)align4(namesz) + align4(descsz);
			struct rb_usdt_note n;

			if (namesz > UINT32_MAX - 3 || descsz > UINT32_MAX - 3 ||
			    need > s->size - off) {
				*why = "USDT note runs past the end of .note.stapsdt";
				return -EBADMSG;
			}
			off += need;
			if (type != NOTE_TYPE || namesz != sizeof(OWNER) ||
			    memcmp(h + 12, OWNER, sizeof(OWNER)))
				continue;	/* another owner's note */
			err = decode(e, h + 12 + align4(namesz), descsz, base, &n, why);
			if (!err)
				err = fn(ctx, &n);
			if (err)
				return err;
		}
	}
	return 0;
}
