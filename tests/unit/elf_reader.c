// SPDX-License-Identifier: BSD-2-Clause
/* elf_reader.c - lib/elf on well-formed files of both byte orders and on
 * malformed ones, each refused with its own error; and the uprobe helper
 * rb_elf_sym_file_offset() checked against /proc/self/maps. */
#include <elf.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"
#include "elfbuild.h"
#include "elf/elf.h"

static const uint8_t insns[32] = { 0xb7, 0, 0, 0, 1, 0, 0, 0 };

/* .text (4 insns), a global symbol, one relocation at insn 2 */
static void build(struct te_elf *t, bool be)
{
	static uint8_t rel[16];
	unsigned int text;

	te_init(t, be, EM_BPF);
	text = te_section(t, "socket", SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR,
			  insns, sizeof(insns), 0, 0);
	te_sym(t, "prog", 0, sizeof(insns), ELF64_ST_INFO(STB_GLOBAL, STT_FUNC),
	       (uint16_t)text);
	te_rel(t, rel, 16, 1, 1);
	te_section(t, ".relsocket", SHT_REL, 0, rel, sizeof(rel), TE_SYMTAB,
		   text);
	te_finish(t);
}

static void check_good(bool be)
{
	struct te_elf t;
	struct rb_elf e;
	struct rb_elf_sym sym;
	struct rb_elf_rel rel;
	const struct rb_elf_shdr *s;
	uint32_t idx;

	build(&t, be);
	assert_int_equal(rb_elf_open(&e, t.buf, t.size, NULL), 0);
	assert_int_equal(e.big_endian, be);
	assert_int_equal(e.machine, EM_BPF);
	assert_int_equal(rb_elf_section_by_name(&e, "socket"), 1);
	assert_int_equal(rb_elf_section_by_name(&e, "nope"), -ENOENT);
	s = rb_elf_section(&e, 1);
	assert_non_null(s);
	assert_int_equal(s->size, sizeof(insns));
	assert_memory_equal(s->data, insns, sizeof(insns));
	assert_null(rb_elf_section(&e, 99));
	assert_int_equal(rb_elf_sym_by_name(&e, "prog", &sym, &idx), 0);
	assert_int_equal(idx, 1);
	assert_int_equal(sym.shndx, 1);
	assert_int_equal(sym.size, sizeof(insns));
	assert_int_equal(sym.type, STT_FUNC);
	assert_int_equal(sym.bind, STB_GLOBAL);
	assert_int_equal(rb_elf_rel_count(&e, 2), 1);
	assert_int_equal(rb_elf_rel(&e, 2, 0, 8, &rel), 0);
	assert_int_equal(rel.offset, 16);
	assert_int_equal(rel.sym, 1);
	assert_int_equal(rel.type, 1);
	assert_int_equal(rb_elf_rel(&e, 2, 1, 8, &rel), -ENOENT);
	rb_elf_close(&e);
}

static void test_little_endian(void **state) { (void)state; check_good(false); }
static void test_big_endian(void **state) { (void)state; check_good(true); }

static void expect_open(const void *buf, size_t size, int err,
			const char *msg)
{
	struct rb_elf e;

	assert_int_equal(rb_elf_open(&e, buf, size, NULL), err);
	assert_non_null(e.err);
	if (!strstr(e.err, msg))
		fail_msg("error '%s' does not mention '%s'", e.err, msg);
	assert_null(e.sh);
}

static void test_not_elf(void **state)
{
	(void)state;
	expect_open("hello", 5, -ENOEXEC, "bad magic");
	expect_open(NULL, 100, -ENOEXEC, "bad magic");
}

static void test_truncated(void **state)
{
	struct te_elf t;
	struct rb_elf e;
	size_t n;

	(void)state;
	build(&t, false);
	expect_open(t.buf, 40, -EBADMSG, "truncated ELF header");
	/* the section headers are last: cutting any of them off */
	expect_open(t.buf, t.size - 1, -EBADMSG, "section headers");
	/* every prefix is refused cleanly (ASan watches the reads) */
	for (n = 0; n < t.size; n++) {
		void *copy = malloc(n ? n : 1);

		memcpy(copy, t.buf, n);
		assert_true(rb_elf_open(&e, copy, n, NULL) < 0);
		free(copy);
	}
}

static void test_wrong_class(void **state)
{
	struct te_elf t;

	(void)state;
	build(&t, false);
	t.buf[EI_CLASS] = ELFCLASS32;
	expect_open(t.buf, t.size, -ENOEXEC, "not ELF64");
	t.buf[EI_CLASS] = ELFCLASS64;
	t.buf[EI_DATA] = 7;
	expect_open(t.buf, t.size, -ENOEXEC, "byte order");
}

static void test_bad_section_offset(void **state)
{
	struct te_elf t;

	(void)state;
	build(&t, false);
	te_put64(&t, te_shdr(&t, 1) + 24, t.size - 8);	/* sh_offset */
	expect_open(t.buf, t.size, -EBADMSG, "section 1: offset");
	build(&t, true);
	te_put64(&t, te_shdr(&t, 1) + 32, UINT64_MAX);	/* sh_size wraps */
	expect_open(t.buf, t.size, -EBADMSG, "outside the file");
}

static void test_bad_names(void **state)
{
	struct te_elf t;

	(void)state;
	build(&t, false);
	te_put32(&t, te_shdr(&t, 1), 100000);	/* sh_name */
	expect_open(t.buf, t.size, -EBADMSG, "name offset");
	build(&t, false);
	te_put16(&t, t.buf + 62, 1);	/* e_shstrndx -> not a STRTAB */
	expect_open(t.buf, t.size, -EBADMSG, "section name table");
	build(&t, false);
	te_put32(&t, te_shdr(&t, t.symtab_idx) + 40, 77);	/* sh_link */
	expect_open(t.buf, t.size, -EBADMSG, "bad string table index");
	build(&t, false);
	te_put64(&t, te_shdr(&t, t.symtab_idx) + 32, 25);	/* sh_size */
	expect_open(t.buf, t.size, -EBADMSG, "not a multiple");
}

static void test_bad_symbol(void **state)
{
	struct te_elf t;
	struct rb_elf e;
	struct rb_elf_sym sym;
	uint8_t *symtab;

	(void)state;
	build(&t, false);
	assert_int_equal(rb_elf_open(&e, t.buf, t.size, NULL), 0);
	symtab = (uint8_t *)e.symtab.data;
	/* a symbol whose name lies outside .strtab */
	te_put32(&t, symtab + 24, 5000);
	assert_int_equal(rb_elf_sym(&e, 1, &sym), -EBADMSG);
	assert_int_equal(rb_elf_sym(&e, 2, &sym), -ENOENT);
	rb_elf_close(&e);
}

static void test_bad_relocation(void **state)
{
	struct te_elf t;
	struct rb_elf e;
	struct rb_elf_rel rel;
	uint8_t *r;

	(void)state;
	build(&t, true);
	assert_int_equal(rb_elf_open(&e, t.buf, t.size, NULL), 0);
	r = (uint8_t *)e.sh[2].data;
	te_rel(&t, r, 16, 9, 1);	/* symbol 9 of 2 */
	assert_int_equal(rb_elf_rel(&e, 2, 0, 8, &rel), -EBADMSG);
	assert_non_null(strstr(e.err, "symbol index 9 out of range"));
	te_rel(&t, r, 32, 1, 1);	/* offset at the section's end */
	assert_int_equal(rb_elf_rel(&e, 2, 0, 8, &rel), -EBADMSG);
	assert_non_null(strstr(e.err, "offset 32 outside socket"));
	te_rel(&t, r, 24, 1, 1);	/* a 16-byte ld_imm64 at the last insn */
	assert_int_equal(rb_elf_rel(&e, 2, 0, 16, &rel), -EBADMSG);
	assert_int_equal(rb_elf_rel(&e, 2, 0, 8, &rel), 0);
	te_put32(&t, te_shdr(&t, 2) + 44, 99);	/* sh_info: target section */
	rb_elf_close(&e);
	assert_int_equal(rb_elf_open(&e, t.buf, t.size, NULL), 0);
	assert_int_equal(rb_elf_rel(&e, 2, 0, 8, &rel), -EBADMSG);
	assert_non_null(strstr(e.err, "target section 99"));
	rb_elf_close(&e);
}

/* A function of this test program, found through our own ELF file. */
__attribute__((noinline, used)) int rb_elf_probe_target(int x)
{
	return x * 3 + 1;
}

static void test_sym_file_offset(void **state)
{
	uintptr_t addr = (uintptr_t)&rb_elf_probe_target;
	unsigned long start, end, pgoff;
	uint64_t off = 0, expect = 0;
	char line[512];
	size_t size;
	void *buf;
	FILE *f;

	(void)state;
	buf = rb_read_file("/proc/self/exe", &size);
	assert_non_null(buf);
	assert_int_equal(rb_elf_sym_file_offset(buf, size, "rb_elf_probe_target",
						NULL, &off), 0);
	f = fopen("/proc/self/maps", "r");
	assert_non_null(f);
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "%lx-%lx %*s %lx", &start, &end, &pgoff) == 3 &&
		    addr >= start && addr < end)
			expect = addr - start + pgoff;
	fclose(f);
	assert_true(expect != 0);
	assert_int_equal(off, expect);
	assert_int_equal(rb_elf_sym_file_offset(buf, size, "no_such_function_x",
						NULL, &off), -ENOENT);
	assert_int_equal(rb_elf_sym_file_offset(buf, 10, "main", NULL, &off),
			 -EBADMSG);
	free(buf);
}

/* A shared object (libc: .dynsym only, versioned names) */
static void test_sym_file_offset_shared(void **state)
{
	uintptr_t addr = (uintptr_t)&getppid;
	/* 32-bit ARM: bit 0 of a function's address says Thumb code, where
	 * the kernel puts no uprobe: refused */
	bool thumb = false;
	unsigned long start, end, pgoff;
	uint64_t off = 0, expect = 0;
	char line[512], path[256] = "";
	size_t size;
	void *buf;
	FILE *f;

	(void)state;
#if defined(__arm__)
	thumb = addr & 1;
	addr &= ~(uintptr_t)1;
#endif
	f = fopen("/proc/self/maps", "r");
	assert_non_null(f);
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "%lx-%lx %*s %lx %*s %*s %255s", &start, &end,
			   &pgoff, path) == 4 && addr >= start && addr < end) {
			expect = addr - start + pgoff;
			break;
		}
	fclose(f);
	if (!expect || !strstr(path, ".so"))
		skip();	/* getppid linked statically */
	buf = rb_read_file(path, &size);
	assert_non_null(buf);
	if (thumb) {
		assert_int_equal(rb_elf_sym_file_offset(buf, size, "getppid", NULL, &off),
				 -EOPNOTSUPP);
	} else {
		assert_int_equal(rb_elf_sym_file_offset(buf, size, "getppid", NULL, &off), 0);
		assert_int_equal(off, expect);
	}
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_little_endian),
		cmocka_unit_test(test_big_endian),
		cmocka_unit_test(test_not_elf),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_wrong_class),
		cmocka_unit_test(test_bad_section_offset),
		cmocka_unit_test(test_bad_names),
		cmocka_unit_test(test_bad_symbol),
		cmocka_unit_test(test_bad_relocation),
		cmocka_unit_test(test_sym_file_offset),
		cmocka_unit_test(test_sym_file_offset_shared),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
