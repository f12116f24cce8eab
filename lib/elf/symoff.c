// SPDX-License-Identifier: BSD-2-Clause
/* symoff.c - turn a function name into the file offset a uprobe needs, for
 * executables, PIEs and shared objects (pure: works on a buffer). */
#include <elf.h>
#include <errno.h>

#include "elf/elf.h"

/* Map virtual address @addr to a file offset through the PT_LOAD segments
 * (ELF64: type, flags, offset, vaddr, paddr, filesz; ELF32: type, offset,
 * vaddr, paddr, filesz). */
int rb_elf_addr_to_offset(const struct rb_elf *e, uint64_t addr, uint64_t *off)
{
	unsigned o = e->elf32 ? 4 : 8, w = e->elf32 ? 4 : 8;
	uint32_t i;

	for (i = 0; i < e->phnum; i++) {
		const uint8_t *p = e->buf + e->phoff + (uint64_t)i * e->phentsize;
		uint64_t vaddr, filesz, offset;

		if (rb_elf_u32(e, p) != PT_LOAD)
			continue;
		offset = rb_elf_word(e, p + o);
		vaddr = rb_elf_word(e, p + o + w);
		filesz = rb_elf_word(e, p + o + 3 * w);
		if (addr >= vaddr && addr - vaddr < filesz) {
			*off = addr - vaddr + offset;
			return 0;
		}
	}
	return -ENOENT;
}

/* Without program headers (a relocatable file), use the symbol's section. */
static int shdr_offset(const struct rb_elf *e, const struct rb_elf_sym *sym,
		       uint64_t *off)
{
	const struct rb_elf_shdr *s = rb_elf_section(e, sym->shndx);

	if (!s || !s->data || sym->value < s->addr ||
	    sym->value - s->addr >= s->size)
		return -ENOENT;
	*off = sym->value - s->addr + s->offset;
	return 0;
}

int rb_elf_sym_file_offset(const void *buf, size_t size, const char *name,
			   const struct rawbpf_allocator *alloc, uint64_t *off)
{
	struct rb_elf e;
	struct rb_elf_sym sym;
	int err;

	err = rb_elf_open_class(&e, buf, size, alloc, true);
	if (err)
		return err;
	err = rb_elf_sym_by_name(&e, name, &sym, NULL);
	if (!err && sym.type != STT_FUNC && sym.type != STT_GNU_IFUNC &&
	    sym.type != STT_NOTYPE)
		err = -ENOENT;
	/* a Thumb function's address has bit 0 set; 32-bit ARM kernels
	 * place uprobes on ARM code only */
	if (!err && e.machine == EM_ARM && sym.type == STT_FUNC && (sym.value & 1))
		err = -EOPNOTSUPP;
	if (!err)
		err = e.phnum ? rb_elf_addr_to_offset(&e, sym.value, off)
			      : shdr_offset(&e, &sym, off);
	rb_elf_close(&e);
	return err;
}
