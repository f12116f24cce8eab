/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * elf.h - a pure ELF64 reader over a caller's buffer (either byte order);
 * with rb_elf_open_class() also ELF32, for the host binaries of 32-bit
 * machines that uprobes name functions in (BPF objects are ELF64 only).
 *
 * rb_elf_open() validates the file header, every section header (offset and
 * size inside the buffer, sh_name inside .shstrtab, sh_link in range) and
 * locates .symtab/.dynsym. Symbols and relocations are decoded on demand and
 * each is bounds-checked then (name inside its string table, section index in
 * range, relocation symbol index in range). Nothing is copied except the
 * decoded section-header array; names point into the buffer.
 *
 * Errors: -ENOEXEC for "not an ELF64 file" (magic, class, version, byte
 * order), -EBADMSG for a malformed one; e->err says which check failed.
 */
#ifndef RB_ELF_ELF_H
#define RB_ELF_ELF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rawbpf/common.h"

#ifndef EM_BPF
#define EM_BPF 247
#endif

struct rb_elf_shdr {
	const char *name;	/* points into the buffer, NUL-terminated */
	uint32_t type;		/* SHT_* */
	uint64_t flags;		/* SHF_* */
	uint64_t addr;
	uint64_t offset;
	uint64_t size;
	uint32_t link;
	uint32_t info;
	uint64_t entsize;
	const uint8_t *data;	/* NULL for SHT_NOBITS */
};

struct rb_elf_sym {
	const char *name;
	uint64_t value;
	uint64_t size;
	uint16_t shndx;
	uint8_t bind;		/* STB_* */
	uint8_t type;		/* STT_* */
	uint8_t visibility;	/* STV_* */
};

struct rb_elf_rel {
	uint64_t offset;	/* in the target section, checked < its size */
	uint32_t sym;		/* checked < symbol count */
	uint32_t type;
	int64_t addend;		/* 0 for SHT_REL */
};

struct rb_elf_symtab {
	uint32_t shndx;		/* 0: absent */
	uint32_t count;
	const uint8_t *data;
	const char *strtab;
	size_t strtab_size;
};

struct rb_elf {
	const uint8_t *buf;
	size_t size;
	const struct rawbpf_allocator *alloc;
	bool swap;		/* file byte order differs from the host's */
	bool big_endian;	/* ELFDATA2MSB */
	uint16_t type;		/* ET_* */
	uint16_t machine;	/* EM_* */
	uint32_t shnum;
	struct rb_elf_shdr *sh;
	bool elf32;		/* ELFCLASS32 (rb_elf_open_class only) */
	uint64_t phoff;
	uint32_t phnum;
	uint16_t phentsize;	/* checked: 56, or 32 for ELF32 */
	struct rb_elf_symtab symtab;	/* SHT_SYMTAB */
	struct rb_elf_symtab dynsym;	/* SHT_DYNSYM */
	const char *err;	/* what failed, for messages */
	char errbuf[96];
};

/* rb_elf_open - parse @buf of @size into @e (which the caller owns). */
int rb_elf_open(struct rb_elf *e, const void *buf, size_t size,
		const struct rawbpf_allocator *alloc);
/* rb_elf_open_class - rb_elf_open that with @any_class also takes ELF32. */
int rb_elf_open_class(struct rb_elf *e, const void *buf, size_t size,
		      const struct rawbpf_allocator *alloc, bool any_class);
/* rb_elf_close - free what rb_elf_open allocated (safe on a zeroed @e). */
void rb_elf_close(struct rb_elf *e);

/* rb_elf_section - section @idx or NULL when out of range. */
const struct rb_elf_shdr *rb_elf_section(const struct rb_elf *e, uint32_t idx);
/* rb_elf_section_by_name - index of the first section named @name, -ENOENT. */
int rb_elf_section_by_name(const struct rb_elf *e, const char *name);

/* rb_elf_sym - decode symbol @idx of .symtab; -EBADMSG/-ENOENT. */
int rb_elf_sym(const struct rb_elf *e, uint32_t idx, struct rb_elf_sym *out);
/* rb_elf_sym_in - the same for @tab (e->symtab or e->dynsym). */
int rb_elf_sym_in(const struct rb_elf *e, const struct rb_elf_symtab *tab,
		  uint32_t idx, struct rb_elf_sym *out);
/* rb_elf_sym_by_name - first defined symbol @name in .symtab, then
 * .dynsym; its index via @idx (may be NULL). -ENOENT when absent. */
int rb_elf_sym_by_name(const struct rb_elf *e, const char *name,
		       struct rb_elf_sym *out, uint32_t *idx);

/* rb_elf_rel_count - entries in relocation section @rel_sec (REL/RELA). */
uint32_t rb_elf_rel_count(const struct rb_elf *e, uint32_t rel_sec);
/* rb_elf_rel - entry @idx of @rel_sec; checks its symbol index against
 * .symtab and its offset (+ @width bytes) against the target section. */
int rb_elf_rel(struct rb_elf *e, uint32_t rel_sec, uint32_t idx,
	       uint32_t width, struct rb_elf_rel *out);

/* rb_elf_u16/u32/u64 - read a value of the file's byte order from @p. */
uint16_t rb_elf_u16(const struct rb_elf *e, const void *p);
uint32_t rb_elf_u32(const struct rb_elf *e, const void *p);
uint64_t rb_elf_u64(const struct rb_elf *e, const void *p);
/* rb_elf_word - an address or size field: 4 bytes in ELF32, 8 in ELF64. */
uint64_t rb_elf_word(const struct rb_elf *e, const void *p);

/* rb_elf_cstr - NUL-terminated string at @off of a @size table, or NULL. */
const char *rb_elf_cstr(const char *tab, size_t size, uint64_t off);

/* rb_elf_addr_to_offset - file offset of virtual address @addr through the
 * PT_LOAD segments (contents in the file only); -ENOENT outside them. */
int rb_elf_addr_to_offset(const struct rb_elf *e, uint64_t addr, uint64_t *off);

/*
 * rb_elf_sym_file_offset - the file offset of function @name in the ELF
 * image @buf (an executable, PIE or shared object: the address a uprobe
 * needs). The symbol's address is mapped through the PT_LOAD segment that
 * contains it (or, without program headers, its section). ELF64 or
 * ELF32. Returns 0 with *@off set, -ENOENT when no such defined symbol,
 * -EOPNOTSUPP for a 32-bit ARM Thumb function (no uprobes there),
 * -EBADMSG/-ENOEXEC for a bad file.
 */
int rb_elf_sym_file_offset(const void *buf, size_t size, const char *name,
			   const struct rawbpf_allocator *alloc, uint64_t *off);

#endif
