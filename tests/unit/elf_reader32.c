// SPDX-License-Identifier: BSD-2-Clause
/* elf_reader32.c - ELF32 host binaries (i386, armhf, 32-bit MIPS): the
 * uprobe helper rb_elf_sym_file_offset() finds a function's file offset
 * in an ELF32 executable (through its PT_LOAD segment) and in an ELF32
 * relocatable file (through its section), in both byte orders, built here
 * in memory; rb_elf_open() itself, the BPF object reader, still refuses
 * ELF32. (On a 32-bit host, elf_reader.c checks the same helper against
 * the test's own ELF32 binary and libc.) */
#include <elf.h>
#include <errno.h>
#include <string.h>

#include "fixture.h"
#include "elf/elf.h"

#define VADDR 0x8048000u	/* where the one PT_LOAD segment is mapped */
#define TEXT_OFF 0x60u		/* .text's file offset */
#define SHOFF 0xe4u

static uint8_t img[0x200] __attribute__((aligned(8)));
static bool be;

static void put16(size_t off, uint16_t v)
{
	img[off + (be ? 1 : 0)] = (uint8_t)v;
	img[off + (be ? 0 : 1)] = (uint8_t)(v >> 8);
}

static void put32(size_t off, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		img[off + (be ? 3 - i : i)] = (uint8_t)(v >> (8 * i));
}

/* Section header @idx: name, type, addr, offset, size, link, entsize. */
static void shdr(unsigned idx, uint32_t name, uint32_t type, uint32_t addr,
		 uint32_t off, uint32_t size, uint32_t link, uint32_t entsize)
{
	size_t p = SHOFF + idx * 40;

	put32(p, name);
	put32(p + 4, type);
	put32(p + 12, addr);
	put32(p + 16, off);
	put32(p + 20, size);
	put32(p + 24, link);
	put32(p + 36, entsize);
}

/* Symbol @idx of the table at 0x90: name, value, size, info, shndx. */
static void sym(unsigned idx, uint32_t name, uint32_t value, uint8_t info,
		uint16_t shndx)
{
	size_t p = 0x90 + idx * 16;

	put32(p, name);
	put32(p + 4, value);
	put32(p + 8, 4);
	img[p + 12] = info;
	put16(p + 14, shndx);
}

/* An ELF32 file of type @type (ET_EXEC with a PT_LOAD, or ET_REL with
 * none): .text, .strtab, .symtab (probe_me: a function 4 bytes into
 * .text; data_obj: an object), .shstrtab. */
static size_t build(bool big, uint16_t type)
{
	static const char strs[] = "\0probe_me\0data_obj";
	static const char shstrs[] = "\0.text\0.strtab\0.symtab\0.shstrtab";
	/* .text's address: in the segment, or 0 in a relocatable file */
	uint32_t text = type == ET_EXEC ? VADDR + TEXT_OFF : 0;

	be = big;
	memset(img, 0, sizeof(img));
	memcpy(img, ELFMAG, SELFMAG);
	img[EI_CLASS] = ELFCLASS32;
	img[EI_DATA] = big ? ELFDATA2MSB : ELFDATA2LSB;
	img[EI_VERSION] = EV_CURRENT;
	put16(16, type);
	put16(18, big ? EM_MIPS : EM_386);
	put32(20, EV_CURRENT);
	put32(32, SHOFF);		/* e_shoff */
	put16(40, 52);			/* e_ehsize */
	put16(46, 40);			/* e_shentsize */
	put16(48, 5);			/* e_shnum */
	put16(50, 4);			/* e_shstrndx */
	if (type == ET_EXEC) {
		put32(28, 52);		/* e_phoff */
		put16(42, 32);		/* e_phentsize */
		put16(44, 1);		/* e_phnum */
		put32(52, PT_LOAD);
		put32(52 + 4, 0);	/* p_offset */
		put32(52 + 8, VADDR);	/* p_vaddr */
		put32(52 + 16, SHOFF);	/* p_filesz */
	}
	memcpy(img + 0x70, strs, sizeof(strs));
	memcpy(img + 0xc0, shstrs, sizeof(shstrs));
	sym(1, 1, text + 4, ELF32_ST_INFO(STB_GLOBAL, STT_FUNC), 1);
	sym(2, 10, text + 8, ELF32_ST_INFO(STB_GLOBAL, STT_OBJECT), 1);
	shdr(1, 1, SHT_PROGBITS, text, TEXT_OFF, 16, 0, 0);
	shdr(2, 7, SHT_STRTAB, 0, 0x70, sizeof(strs), 0, 0);
	shdr(3, 15, SHT_SYMTAB, 0, 0x90, 48, 2, 16);
	shdr(4, 23, SHT_STRTAB, 0, 0xc0, sizeof(shstrs), 0, 0);
	return SHOFF + 5 * 40;
}

static void test_exec_both_orders(void **state)
{
	(void)state;
	for (int big = 0; big < 2; big++) {
		size_t size = build(big, ET_EXEC);
		uint64_t off = 0;

		assert_int_equal(rb_elf_sym_file_offset(img, size, "probe_me",
							NULL, &off), 0);
		assert_int_equal(off, TEXT_OFF + 4);
		/* not a function, not there */
		assert_int_equal(rb_elf_sym_file_offset(img, size, "data_obj",
							NULL, &off), -ENOENT);
		assert_int_equal(rb_elf_sym_file_offset(img, size, "nothing",
							NULL, &off), -ENOENT);
	}
}

static void test_relocatable(void **state)
{
	size_t size = build(true, ET_REL);
	uint64_t off = 0;

	(void)state;
	assert_int_equal(rb_elf_sym_file_offset(img, size, "probe_me", NULL,
						&off), 0);
	assert_int_equal(off, TEXT_OFF + 4);
}

static void test_outside_segment(void **state)
{
	size_t size = build(false, ET_EXEC);
	uint64_t off = 0;

	(void)state;
	put32(52 + 16, TEXT_OFF);	/* the segment ends before .text */
	assert_int_equal(rb_elf_sym_file_offset(img, size, "probe_me", NULL,
						&off), -ENOENT);
}

static void test_malformed(void **state)
{
	size_t size = build(false, ET_EXEC);
	uint64_t off = 0;

	(void)state;
	put16(42, 56);			/* an ELF64 program header size */
	assert_int_equal(rb_elf_sym_file_offset(img, size, "probe_me", NULL,
						&off), -EBADMSG);
	build(false, ET_EXEC);
	put16(46, 64);			/* an ELF64 section header size */
	assert_int_equal(rb_elf_sym_file_offset(img, size, "probe_me", NULL,
						&off), -EBADMSG);
	build(false, ET_EXEC);
	put32(SHOFF + 3 * 40 + 20, 40);	/* .symtab not a multiple of 16 */
	assert_int_equal(rb_elf_sym_file_offset(img, size, "probe_me", NULL,
						&off), -EBADMSG);
	build(false, ET_EXEC);
	assert_int_equal(rb_elf_sym_file_offset(img, 40, "probe_me", NULL,
						&off), -EBADMSG);	/* < 52 */
}

/* An ARM Thumb function (address bit 0 set): -EOPNOTSUPP, since 32-bit
 * ARM kernels place uprobes on ARM code only; an ARM one (bit 0 clear)
 * resolves, and bit 0 means nothing on other machines. */
static void test_arm_thumb_refused(void **state)
{
	size_t size = build(false, ET_EXEC);
	uint64_t off = 0;

	(void)state;
	put16(18, EM_ARM);
	assert_int_equal(rb_elf_sym_file_offset(img, size, "probe_me", NULL, &off), 0);
	assert_int_equal(off, TEXT_OFF + 4);
	sym(1, 1, VADDR + TEXT_OFF + 5, ELF32_ST_INFO(STB_GLOBAL, STT_FUNC), 1);
	off = 7;
	assert_int_equal(rb_elf_sym_file_offset(img, size, "probe_me", NULL, &off),
			 -EOPNOTSUPP);
	assert_int_equal(off, 7);
	put16(18, EM_386);
	assert_int_equal(rb_elf_sym_file_offset(img, size, "probe_me", NULL, &off), 0);
	assert_int_equal(off, TEXT_OFF + 5);
}

static void test_objects_stay_elf64(void **state)
{
	size_t size = build(false, ET_REL);
	struct rb_elf e;

	(void)state;
	assert_int_equal(rb_elf_open(&e, img, size, NULL), -ENOEXEC);
	assert_non_null(strstr(e.err, "not ELF64"));
	assert_int_equal(rb_elf_open_class(&e, img, size, NULL, true), 0);
	assert_true(e.elf32);
	assert_int_equal(e.shnum, 5);
	rb_elf_close(&e);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_exec_both_orders),
		cmocka_unit_test(test_relocatable),
		cmocka_unit_test(test_outside_segment),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_arm_thumb_refused),
		cmocka_unit_test(test_objects_stay_elf64),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
