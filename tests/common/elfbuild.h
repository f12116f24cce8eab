/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * elfbuild.h - build small ELF64 relocatable files in memory (either byte
 * order) so unit tests can feed the ELF and object readers well-formed and
 * deliberately broken inputs without a compiler.
 */
#ifndef RB_TEST_ELFBUILD_H
#define RB_TEST_ELFBUILD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TE_MAX_SECS 16
#define TE_MAX_SYMS 32
#define TE_SYMTAB 0xfffeu	/* placeholder sh_link: "the .symtab" */
/* The host's byte order: objects whose instructions get relocated (and
 * could be loaded) must be in it. */
#define TE_HOST_BE (__BYTE_ORDER__ == __ORDER_BIG_ENDIAN__)

struct te_sec {
	const char *name;
	uint32_t type, link, info;
	uint64_t flags, entsize;
	const void *data;
	size_t size;
};

struct te_sym {
	const char *name;
	uint64_t value, size;
	uint8_t info;
	uint16_t shndx;
};

struct te_elf {
	bool be;
	uint16_t machine;
	uint8_t elf_class;
	struct te_sec sec[TE_MAX_SECS];
	unsigned int nsec;		/* user sections, indexes 1..nsec */
	struct te_sym sym[TE_MAX_SYMS];	/* sym[0] is the null symbol */
	unsigned int nsym;
	uint8_t buf[16384] __attribute__((aligned(8)));
	size_t size;
	size_t shoff;			/* where the section headers landed */
	unsigned int symtab_idx, strtab_idx, shstrtab_idx;
};

/* te_init - an empty file for machine @machine (EM_BPF = 247). */
void te_init(struct te_elf *t, bool big_endian, uint16_t machine);
/* te_section - add a section; returns its index. */
unsigned int te_section(struct te_elf *t, const char *name, uint32_t type,
			uint64_t flags, const void *data, size_t size,
			uint32_t link, uint32_t info);
/* te_sym - add a symbol (info = ELF64_ST_INFO(bind, type)); its index. */
unsigned int te_sym(struct te_elf *t, const char *name, uint64_t value,
		    uint64_t size, uint8_t info, uint16_t shndx);
/* te_rel - encode one SHT_REL entry into @out (16 bytes) in @t's order. */
void te_rel(const struct te_elf *t, void *out, uint64_t offset, uint32_t sym,
	    uint32_t type);
/* te_finish - lay the file out in t->buf; returns t->size. */
size_t te_finish(struct te_elf *t);
/* te_shdr - raw section header @idx in t->buf (after te_finish). */
uint8_t *te_shdr(struct te_elf *t, unsigned int idx);
/* te_put16/32/64 - store a value in @t's byte order at @p. */
void te_put16(const struct te_elf *t, void *p, uint16_t v);
void te_put32(const struct te_elf *t, void *p, uint32_t v);
void te_put64(const struct te_elf *t, void *p, uint64_t v);

#endif
