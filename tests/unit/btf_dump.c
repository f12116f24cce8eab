// SPDX-License-Identifier: BSD-2-Clause
/*
 * btf_dump.c - `rawbpf btf dump` on hand-built BTF: the C header compiles
 * with gcc (and clang -target bpf when present) and reproduces every
 * offset and size (static_asserts generated from the BTF, bitfields
 * checked at run time); order, forward declarations, packing, enum sizes,
 * name suffixes and declarator syntax are checked in the text; the raw
 * format line by line; bad input, a failing writer and every allocation
 * failure give their error and leak nothing.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <elf.h>

#include "fixture.h"
#include "btf_blob.h"
#include "btf_layout.h"
#include "budget.h"
#include "cli_run.h"
#include "elfbuild.h"
#include "btf/btf.h"
#include "rawbpf/btf.h"

static struct rb_tb tb;
static unsigned char blob[65536];
static char dir[64];

/* ---- building ---- */

static uint32_t ty(const char *name, unsigned kind, unsigned kflag, unsigned vlen, uint32_t st)
{
	return rb_tb_type(&tb, name, kind, kflag, vlen, st);
}

static uint32_t int_t(const char *name, uint32_t size, unsigned enc)
{
	uint32_t id = ty(name, RB_BTF_KIND_INT, 0, 0, size);

	rb_tb_word(&tb, RB_BTF_INT_ENC(enc, 0, size * 8));
	return id;
}

/* mem - one member; @bits != 0 makes it a bitfield (kflag structs). */
static void mem(const char *name, uint32_t type, uint32_t bitoff, uint32_t bits)
{
	rb_tb_word(&tb, rb_tb_str(&tb, name));
	rb_tb_word(&tb, type);
	rb_tb_word(&tb, bits << 24 | bitoff);
}

static uint32_t arr(uint32_t elem, uint32_t idx, uint32_t n)
{
	uint32_t id = ty(NULL, RB_BTF_KIND_ARRAY, 0, 0, 0);

	rb_tb_word(&tb, elem);
	rb_tb_word(&tb, idx);
	rb_tb_word(&tb, n);
	return id;
}

static void ent(const char *name, int32_t v)
{
	rb_tb_word(&tb, rb_tb_str(&tb, name));
	rb_tb_word(&tb, (uint32_t)v);
}

static void ent64(const char *name, uint64_t v)
{
	rb_tb_word(&tb, rb_tb_str(&tb, name));
	rb_tb_word(&tb, (uint32_t)v);
	rb_tb_word(&tb, (uint32_t)(v >> 32));
}

static void param(const char *name, uint32_t type)
{
	rb_tb_word(&tb, rb_tb_str(&tb, name));
	rb_tb_word(&tb, type);
}

/*
 * The all-constructs blob. Ids are handed out in order, so a type may
 * point at one defined later by number (the cycle below).
 */
static size_t build_all(void)
{
	uint32_t i32, u32, chr, lng, ulng, u8, shrt, bl, flt, dbl;
	uint32_t b_id, p_b, p_a, a_id, p_opaque, opaque, c_int, v_long, p_chr, r_pchr;
	uint32_t c_chr, p_cchr, cp_cchr, tag, p_tag, e8u, e8s, e16, e32s, e32u, e64u;
	uint32_t e64s, e64small, anon_u, anon_s, proto, p_proto, vproto, p_vproto;
	uint32_t vaproto, p_vaproto, fn_t, p_fn_t, a3, a23, p_a4, a4, a2p, ae, ae_t;
	uint32_t anon_ts, anon_t, d1, d2, u128, p_cca;

	rb_tb_init(&tb);
	i32 = int_t("int", 4, RB_BTF_INT_SIGNED);
	u32 = int_t("unsigned int", 4, 0);
	chr = int_t("char", 1, RB_BTF_INT_CHAR);
	lng = int_t("long", 8, RB_BTF_INT_SIGNED);
	ulng = int_t("long unsigned int", 8, 0);
	u8 = int_t("unsigned char", 1, 0);
	shrt = int_t("short", 2, RB_BTF_INT_SIGNED);
	bl = int_t("_Bool", 1, RB_BTF_INT_BOOL);
	flt = ty("float", RB_BTF_KIND_FLOAT, 0, 0, 4);
	dbl = ty("double", RB_BTF_KIND_FLOAT, 0, 0, 8);
	u128 = int_t("__int128 unsigned", 16, 0);

	/* cycle: struct cyc_b { struct cyc_a a; struct cyc_b *self; } comes
	 * first and holds cyc_a by value; cyc_a points back at cyc_b. */
	b_id = tb.ntypes + 1;
	a_id = b_id + 3;
	ty("cyc_b", RB_BTF_KIND_STRUCT, 0, 2, 24);
	mem("a", a_id, 0, 0);
	mem("self", b_id + 1, 128, 0);
	p_b = ty(NULL, RB_BTF_KIND_PTR, 0, 0, b_id);
	p_a = ty(NULL, RB_BTF_KIND_PTR, 0, 0, a_id);	/* b_id + 2 */
	ty("cyc_a", RB_BTF_KIND_STRUCT, 0, 2, 16);
	mem("b", p_b, 0, 0);
	mem("x", i32, 64, 0);
	(void)p_a;
	/* typedef named like the struct (another C namespace) */
	ty("cyc_a", RB_BTF_KIND_TYPEDEF, 0, 0, a_id);
	ty("myint", RB_BTF_KIND_TYPEDEF, 0, 0, i32);

	/* an opaque struct known only by a FWD */
	opaque = ty("opaque", RB_BTF_KIND_FWD, 0, 0, 0);
	p_opaque = ty(NULL, RB_BTF_KIND_PTR, 0, 0, opaque);

	/* qualifiers and a type tag */
	c_int = ty(NULL, RB_BTF_KIND_CONST, 0, 0, i32);
	v_long = ty(NULL, RB_BTF_KIND_VOLATILE, 0, 0, lng);
	p_chr = ty(NULL, RB_BTF_KIND_PTR, 0, 0, chr);
	r_pchr = ty(NULL, RB_BTF_KIND_RESTRICT, 0, 0, p_chr);
	c_chr = ty(NULL, RB_BTF_KIND_CONST, 0, 0, chr);
	p_cchr = ty(NULL, RB_BTF_KIND_PTR, 0, 0, c_chr);
	cp_cchr = ty(NULL, RB_BTF_KIND_CONST, 0, 0, p_cchr);
	p_cca = ty(NULL, RB_BTF_KIND_CONST, 0, 0, cp_cchr);	/* const twice */
	tag = ty("user", RB_BTF_KIND_TYPE_TAG, 0, 0, i32);
	p_tag = ty(NULL, RB_BTF_KIND_PTR, 0, 0, tag);
	ty("quals", RB_BTF_KIND_STRUCT, 0, 6, 48);
	mem("ci", c_int, 0, 0);
	mem("vl", v_long, 64, 0);
	mem("rp", r_pchr, 128, 0);
	mem("cpc", p_cca, 192, 0);
	mem("up", p_tag, 256, 0);
	mem("op", p_opaque, 320, 0);

	/* enums of every size and signedness */
	e8u = ty("e8u", RB_BTF_KIND_ENUM, 0, 2, 1);
	ent("E8U_A", 0); ent("E8U_B", 200);
	e8s = ty("e8s", RB_BTF_KIND_ENUM, 1, 2, 1);
	ent("E8S_A", -1); ent("E8S_B", 5);
	e16 = ty("e16", RB_BTF_KIND_ENUM, 0, 1, 2);
	ent("E16_A", 3);
	e32s = ty("e32s", RB_BTF_KIND_ENUM, 1, 2, 4);
	ent("E32S_A", -2147483647 - 1); ent("E32S_B", 7);
	e32u = ty("e32u", RB_BTF_KIND_ENUM, 0, 1, 4);
	ent("E32U_A", -1);	/* 0xffffffff */
	e64u = ty("e64u", RB_BTF_KIND_ENUM64, 0, 2, 8);
	ent64("E64U_A", 1); ent64("E64U_B", 0x8000000000000000ull);
	e64s = ty("e64s", RB_BTF_KIND_ENUM64, 1, 2, 8);
	ent64("E64S_A", (uint64_t)-5); ent64("E64S_MIN", 0x8000000000000000ull);
	e64small = ty("e64small", RB_BTF_KIND_ENUM64, 0, 1, 8);
	ent64("E64SMALL_A", 2);
	ty("enums", RB_BTF_KIND_STRUCT, 0, 8, 40);
	mem("a", e8u, 0, 0);
	mem("b", e8s, 8, 0);
	mem("c", e16, 16, 0);
	mem("d", e32s, 32, 0);
	mem("e", e32u, 64, 0);
	mem("f", e64u, 128, 0);
	mem("g", e64s, 192, 0);
	mem("h", e64small, 256, 0);

	/* anonymous members, and a named member of anonymous type */
	anon_u = ty(NULL, RB_BTF_KIND_UNION, 0, 2, 8);
	mem("u1", i32, 0, 0);
	mem("u2", lng, 0, 0);
	anon_s = ty(NULL, RB_BTF_KIND_STRUCT, 0, 2, 2);
	mem("c1", chr, 0, 0);
	mem("c2", chr, 8, 0);
	ty("anon_host", RB_BTF_KIND_STRUCT, 0, 3, 24);
	mem("a", i32, 0, 0);
	mem("", anon_u, 64, 0);
	mem("named_anon", anon_s, 128, 0);

	/* bitfields, with a gap before f and a char between */
	ty("bits", RB_BTF_KIND_STRUCT, 1, 7, 24);
	mem("a", u32, 0, 3);
	mem("b", u32, 3, 5);
	mem("c", i32, 8, 7);
	mem("d", lng, 15, 40);
	mem("e", chr, 56, 0);
	mem("f", u32, 70, 1);
	mem("g", bl, 128, 1);

	/* packed: a misaligned member; a size that is not a multiple */
	ty("pk", RB_BTF_KIND_STRUCT, 0, 2, 5);
	mem("c", chr, 0, 0);
	mem("i", i32, 8, 0);
	ty("pk2", RB_BTF_KIND_STRUCT, 0, 2, 6);
	mem("a", i32, 0, 0);
	mem("b", shrt, 32, 0);
	ty("pk_host", RB_BTF_KIND_STRUCT, 0, 2, 12);
	mem("c", chr, 0, 0);
	mem("p", tb.ntypes - 1, 8, 0);		/* struct pk2 at offset 1 */
	/* an aligned(16) struct: members end at 1, padding to 16 and after */
	ty("al", RB_BTF_KIND_STRUCT, 0, 3, 64);
	mem("c", chr, 0, 0);
	mem("l", lng, 128, 0);
	mem("big", u128, 256, 0);

	/* function prototypes and pointers to functions */
	proto = ty(NULL, RB_BTF_KIND_FUNC_PROTO, 0, 2, i32);
	param("a", i32);
	param("p", p_a);
	p_proto = ty(NULL, RB_BTF_KIND_PTR, 0, 0, proto);
	vproto = ty(NULL, RB_BTF_KIND_FUNC_PROTO, 0, 0, 0);
	p_vproto = ty(NULL, RB_BTF_KIND_PTR, 0, 0, vproto);
	vaproto = ty(NULL, RB_BTF_KIND_FUNC_PROTO, 0, 2, lng);
	param("", i32);
	param("", 0);
	p_vaproto = ty(NULL, RB_BTF_KIND_PTR, 0, 0, vaproto);
	fn_t = ty("fn_t", RB_BTF_KIND_TYPEDEF, 0, 0, proto);
	p_fn_t = ty(NULL, RB_BTF_KIND_PTR, 0, 0, fn_t);
	/* arrays: 2x3, pointer to an array, array of pointers */
	a3 = arr(i32, i32, 3);
	a23 = arr(a3, i32, 2);
	a4 = arr(i32, i32, 4);
	p_a4 = ty(NULL, RB_BTF_KIND_PTR, 0, 0, a4);
	a2p = arr(p_chr, i32, 2);
	ty("funcs", RB_BTF_KIND_STRUCT, 0, 9, 104);
	mem("fn", p_proto, 0, 0);
	mem("vfn", p_vproto, 64, 0);
	mem("va", p_vaproto, 128, 0);
	mem("fp", p_fn_t, 192, 0);
	mem("m", a23, 256, 0);
	mem("pa", p_a4, 448, 0);
	mem("ap", a2p, 512, 0);
	mem("f", flt, 640, 0);
	mem("d", dbl, 704, 0);

	/* typedefs of anonymous types; an anonymous enum nobody uses */
	ae = ty(NULL, RB_BTF_KIND_ENUM, 0, 2, 4);
	ent("AE_ONE", 1); ent("AE_TWO", 2);
	ae_t = ty("ae_t", RB_BTF_KIND_TYPEDEF, 0, 0, ae);
	anon_ts = ty(NULL, RB_BTF_KIND_STRUCT, 0, 1, 4);
	mem("x", i32, 0, 0);
	anon_t = ty("anon_t", RB_BTF_KIND_TYPEDEF, 0, 0, anon_ts);
	ty("uses_anon", RB_BTF_KIND_STRUCT, 0, 2, 8);
	mem("e", ae_t, 0, 0);
	mem("s", anon_t, 32, 0);
	ty(NULL, RB_BTF_KIND_ENUM, 0, 1, 4);
	ent("TOP_ONE", 7);

	/* duplicate names: two structs "dup", two typedefs "dupt", one
	 * constant name in two enums */
	d1 = ty("dup", RB_BTF_KIND_STRUCT, 0, 1, 4);
	mem("x", i32, 0, 0);
	d2 = ty("dup", RB_BTF_KIND_STRUCT, 0, 1, 8);
	mem("y", lng, 0, 0);
	ty("dupt", RB_BTF_KIND_TYPEDEF, 0, 0, d1);
	ty("dupt", RB_BTF_KIND_TYPEDEF, 0, 0, d2);
	ty("dupe1", RB_BTF_KIND_ENUM, 0, 1, 4);
	ent("SAME", 1);
	ty("dupe2", RB_BTF_KIND_ENUM, 0, 1, 4);
	ent("SAME", 2);
	/* unions bigger than their members (pahole drops some members) */
	ty("sized_u", RB_BTF_KIND_TYPEDEF, 0, 0, tb.ntypes + 2);
	ty(NULL, RB_BTF_KIND_UNION, 0, 0, 8);
	ty("big_u", RB_BTF_KIND_UNION, 0, 1, 24);
	mem("a", i32, 0, 0);
	/* no members, only a size (unnamed bitfields + aligned(8) in C) */
	ty("timer_like", RB_BTF_KIND_STRUCT, 0, 0, 16);
	ty("timer_host", RB_BTF_KIND_STRUCT, 0, 2, 24);
	mem("x", i32, 0, 0);
	mem("t", tb.ntypes - 1, 64, 0);
	(void)ulng; (void)u8;
	return rb_tb_blob(&tb, blob, sizeof(blob));
}

/* ---- helpers ---- */

static int setup(void **state)
{
	(void)state;
	strcpy(dir, "/tmp/rawbpf_dump.XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	return system(cmd) ? -1 : 0;
}

/* slurp - a file's text (caller frees). */
static char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf;
	long n;

	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = calloc(1, (size_t)n + 1);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	return buf;
}

/* compile_checks - dump @len bytes of blob as dir/h.h, write the layout
 * checks, compile them with cc (and run them) and with clang -target bpf. */
static char *compile_checks(const void *data, size_t len)
{
	char path[128], cmd[512], out[8192];
	struct rb_btf *btf;
	FILE *f;
	int n;

	snprintf(path, sizeof(path), "%s/h.h", dir);
	assert_int_equal(rb_dump_file(data, len, path, RAWBPF_BTF_FORMAT_C), 0);
	assert_int_equal(rb_btf_parse(data, len, 0, NULL, &btf, NULL), 0);
	snprintf(path, sizeof(path), "%s/check.c", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	rb_layout_prologue(f, "h.h");
	n = rb_layout_all(f, btf);
	rb_layout_epilogue(f);
	fprintf(f, "#ifndef RB_NO_RUN\nint main(void) { return rb_layout_bitfields(); }\n#endif\n");
	fclose(f);
	rb_btf_free(btf);
	assert_true(n > 0);
	snprintf(cmd, sizeof(cmd), "cd %s && cc -std=gnu11 -Wall -Wextra -Werror "
		 "-DBPF_NO_PRESERVE_ACCESS_INDEX check.c -o check 2>&1 && ./check 2>&1", dir);
	if (rb_run(cmd, out, sizeof(out)))
		fail_msg("gcc build or run of the layout checks failed:\n%s", out);
	if (!rb_run("clang --version >/dev/null 2>&1", NULL, 0)) {
		snprintf(cmd, sizeof(cmd), "cd %s && clang -target bpf -O2 -Wall -Werror "
			 "-DRB_NO_RUN -c check.c -o check.o 2>&1", dir);
		if (rb_run(cmd, out, sizeof(out)))
			fail_msg("clang -target bpf failed:\n%s", out);
	}
	snprintf(path, sizeof(path), "%s/h.h", dir);
	return slurp(path);
}

/* before - @a occurs in @text, and before @b. */
static void before(const char *text, const char *a, const char *b)
{
	const char *pa = strstr(text, a), *pb = strstr(text, b);

	if (!pa || !pb || pa >= pb)
		fail_msg("expected \"%s\" before \"%s\"", a, b);
}

/* ---- tests ---- */

static void test_c_compiles_and_layout(void **state)
{
	size_t len = build_all();
	char *h;

	(void)state;
	h = compile_checks(blob, len);
	/* guard and the access-index pragma, as bpftool writes them */
	assert_non_null(strstr(h, "#ifndef __VMLINUX_H__\n#define __VMLINUX_H__\n"));
	assert_non_null(strstr(h, "#ifndef BPF_NO_PRESERVE_ACCESS_INDEX\n#pragma clang attribute push "
				  "(__attribute__((preserve_access_index)), apply_to = record)\n#endif"));
	assert_non_null(strstr(h, "#pragma clang attribute pop"));
	/* the cycle: cyc_b needs cyc_a complete; cyc_a points at cyc_b */
	before(h, "struct cyc_b;\n", "struct cyc_a {\n");
	before(h, "struct cyc_a {\n", "struct cyc_b {\n");
	assert_non_null(strstr(h, "typedef struct cyc_a cyc_a;\n"));
	assert_non_null(strstr(h, "struct opaque;\n"));
	/* declarators */
	assert_non_null(strstr(h, "\tint const ci;\n"));
	assert_non_null(strstr(h, "\tlong volatile vl;\n"));
	assert_non_null(strstr(h, "\tchar *restrict rp;\n"));
	assert_non_null(strstr(h, "\tchar const *const cpc;\n"));
	assert_non_null(strstr(h, "\tint __rawbpf_type_tag(\"user\") *up;\n"));
	assert_non_null(strstr(h, "\tint (*fn)(int a, struct cyc_a *p);\n"));
	assert_non_null(strstr(h, "\tvoid (*vfn)(void);\n"));
	assert_non_null(strstr(h, "\tlong (*va)(int, ...);\n"));
	assert_non_null(strstr(h, "typedef int fn_t(int a, struct cyc_a *p);\n"));
	assert_non_null(strstr(h, "\tint m[2][3];\n"));
	assert_non_null(strstr(h, "\tint (*pa)[4];\n"));
	assert_non_null(strstr(h, "\tchar *ap[2];\n"));
	/* bitfields and padding */
	assert_non_null(strstr(h, "\tunsigned int a: 3;\n"));
	assert_non_null(strstr(h, "\tlong d: 40;\n"));
	assert_non_null(strstr(h, "\tlong: 6;\n\tunsigned int f: 1;\n"));
	/* packing only where the layout needs it */
	assert_non_null(strstr(h, "struct pk {\n\tchar c;\n\tint i;\n} __attribute__((packed));"));
	assert_non_null(strstr(h, "} __attribute__((packed));\n\nstruct pk_host"));
	assert_non_null(strstr(h, "struct al {\n\tchar c;\n\tlong: 56;\n\tlong: 64;\n\tlong l;\n"));
	/* enum sizes */
	assert_non_null(strstr(h, "enum e8u {\n\tE8U_A = 0,\n\tE8U_B = 200,\n} __attribute__((packed));"));
	assert_non_null(strstr(h, "enum __attribute__((mode(HI))) e16 {"));
	assert_non_null(strstr(h, "enum __attribute__((mode(DI))) e64small {"));
	assert_non_null(strstr(h, "\tE64U_B = 9223372036854775808ULL,\n"));
	assert_non_null(strstr(h, "\tE64S_MIN = -9223372036854775807LL - 1,\n"));
	assert_non_null(strstr(h, "\tE32S_A = -2147483648,\n"));
	/* anonymous types */
	assert_non_null(strstr(h, "\tunion {\n\t\tint u1;\n\t\tlong u2;\n\t};\n"));
	assert_non_null(strstr(h, "\t} named_anon;\n"));
	assert_non_null(strstr(h, "typedef enum {\n\tAE_ONE = 1,\n\tAE_TWO = 2,\n} ae_t;"));
	assert_non_null(strstr(h, "typedef struct {\n\tint x;\n} anon_t;"));
	assert_non_null(strstr(h, "enum {\n\tTOP_ONE = 7,\n};"));
	/* duplicates get ___N; FWD and typedef share the plain names */
	assert_non_null(strstr(h, "struct dup {\n\tint x;\n};"));
	assert_non_null(strstr(h, "struct dup___2 {\n\tlong y;\n};"));
	assert_non_null(strstr(h, "typedef struct dup dupt;"));
	assert_non_null(strstr(h, "typedef struct dup___2 dupt___2;"));
	assert_non_null(strstr(h, "\tSAME = 1,\n"));
	assert_non_null(strstr(h, "\tSAME___2 = 2,\n"));
	assert_non_null(strstr(h, "typedef union {\n\tlong: 64;\n} __attribute__((aligned(8))) sized_u;"));
	assert_non_null(strstr(h, "struct timer_like {\n\tlong: 64;\n\tlong: 64;\n"
				  "} __attribute__((aligned(8)));\n\nstruct timer_host {\n"
				  "\tint x;\n\tstruct timer_like t;\n};"));
	assert_non_null(strstr(h, "union big_u {\n\tint a;\n\tstruct {\n\t\tlong: 64;\n"));
	free(h);
}

/* The same blob in the other byte order dumps the same text. */
static void test_other_endian(void **state)
{
	size_t len = build_all();
	char path[128], *a, *b;

	(void)state;
	snprintf(path, sizeof(path), "%s/le.h", dir);
	assert_int_equal(rb_dump_file(blob, len, path, RAWBPF_BTF_FORMAT_C), 0);
	a = slurp(path);
	rb_tb_swap_blob(blob, len);
	snprintf(path, sizeof(path), "%s/be.h", dir);
	assert_int_equal(rb_dump_file(blob, len, path, RAWBPF_BTF_FORMAT_C), 0);
	b = slurp(path);
	assert_string_equal(a, b);
	free(a);
	free(b);
}

/* An ELF file: its .BTF section is dumped; without one, -ENOENT. */
static void test_elf(void **state)
{
	static struct te_elf t;
	size_t len = build_all();
	char path[128], *h, *direct;

	(void)state;
	snprintf(path, sizeof(path), "%s/direct.h", dir);
	assert_int_equal(rb_dump_file(blob, len, path, RAWBPF_BTF_FORMAT_C), 0);
	direct = slurp(path);
	te_init(&t, false, EM_BPF);
	te_section(&t, ".BTF", SHT_PROGBITS, 0, blob, len, 0, 0);
	te_finish(&t);
	snprintf(path, sizeof(path), "%s/elf.h", dir);
	assert_int_equal(rb_dump_file(t.buf, t.size, path, RAWBPF_BTF_FORMAT_C), 0);
	h = slurp(path);
	assert_string_equal(h, direct);
	free(h);
	free(direct);
	te_init(&t, false, EM_BPF);
	te_section(&t, ".text", SHT_PROGBITS, 0, blob, 8, 0, 0);
	te_finish(&t);
	assert_int_equal(rb_dump_file(t.buf, t.size, path, RAWBPF_BTF_FORMAT_C), -ENOENT);
}

/* A clang-built object's own BTF compiles for the BPF target. */
static void test_bpf_object(void **state)
{
	char path[128], cmd[512], out[4096];

	(void)state;
	if (access(RB_BPF_OBJ("obj_maps"), R_OK) || access(RAWBPF_BUILD_DIR "/rawbpf", X_OK))
		skip();		/* built without the objects or the CLI */
	snprintf(path, sizeof(path), "%s/obj.h", dir);
	snprintf(cmd, sizeof(cmd), "%s btf dump %s > %s", RAWBPF_BUILD_DIR "/rawbpf",
		 RB_BPF_OBJ("obj_maps"), path);
	assert_int_equal(rb_run(cmd, out, sizeof(out)), 0);
	snprintf(cmd, sizeof(cmd), "cd %s && printf '#include \"obj.h\"\\n' > o.c && "
		 "cc -std=gnu11 -Wall -Wextra -Werror -DBPF_NO_PRESERVE_ACCESS_INDEX -c o.c -o o.o 2>&1",
		 dir);
	if (rb_run(cmd, out, sizeof(out)))
		fail_msg("%s", out);
}

static void test_raw(void **state)
{
	char path[128], *h;
	size_t len;

	(void)state;
	rb_tb_init(&tb);
	int_t("int", 4, RB_BTF_INT_SIGNED);
	ty("s", RB_BTF_KIND_STRUCT, 1, 2, 8);
	mem("a", 1, 0, 0);
	mem("b", 1, 32, 3);
	ty("e", RB_BTF_KIND_ENUM, 1, 1, 4);
	ent("NEG", -3);
	ty(NULL, RB_BTF_KIND_FUNC_PROTO, 0, 1, 1);
	param("x", 1);
	ty("f", RB_BTF_KIND_FUNC, 0, 1, 4);
	ty("user", RB_BTF_KIND_TYPE_TAG, 0, 0, 1);
	ty("e64", RB_BTF_KIND_ENUM64, 0, 1, 8);
	ent64("BIG", 0xffffffffffffffffull);
	ty("fw", RB_BTF_KIND_FWD, 1, 0, 0);
	len = rb_tb_blob(&tb, blob, sizeof(blob));
	snprintf(path, sizeof(path), "%s/raw.txt", dir);
	assert_int_equal(rb_dump_file(blob, len, path, RAWBPF_BTF_FORMAT_RAW), 0);
	h = slurp(path);
	assert_string_equal(h,
		"[1] INT 'int' size=4 bits_offset=0 nr_bits=32 encoding=SIGNED\n"
		"[2] STRUCT 's' size=8 vlen=2\n"
		"\t'a' type_id=1 bits_offset=0\n"
		"\t'b' type_id=1 bits_offset=32 bitfield_size=3\n"
		"[3] ENUM 'e' encoding=SIGNED size=4 vlen=1\n"
		"\t'NEG' val=-3\n"
		"[4] FUNC_PROTO '(anon)' ret_type_id=1 vlen=1\n"
		"\t'x' type_id=1\n"
		"[5] FUNC 'f' type_id=4 linkage=global\n"
		"[6] TYPE_TAG 'user' type_id=1\n"
		"[7] ENUM64 'e64' encoding=UNSIGNED size=8 vlen=1\n"
		"\t'BIG' val=18446744073709551615\n"
		"[8] FWD 'fw' fwd_kind=union\n");
	free(h);
}

/* The CLI: exit 0 with the text, 1 for a file it cannot use, 2 for usage. */
static void test_cli(void **state)
{
	char args[512], out[8192], path[128];
	size_t len = build_all();
	FILE *f;

	(void)state;
	snprintf(path, sizeof(path), "%s/blob.btf", dir);
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(blob, 1, len, f), len);
	fclose(f);
	snprintf(args, sizeof(args), "btf dump %s --format raw", path);
	assert_int_equal(rb_cli(args, out, sizeof(out)), 0);
	assert_true(!strncmp(out, "[1] INT 'int' size=4 bits_offset=0 nr_bits=32 encoding=SIGNED\n"
			     "[2] INT 'unsigned int' size=4", 91));
	snprintf(args, sizeof(args), "btf dump %s --format c | grep -c '^struct cyc_a {'", path);
	assert_int_equal(rb_cli(args, out, sizeof(out)), 0);
	assert_string_equal(out, "1\n");
	snprintf(args, sizeof(args), "btf dump %s --format xml 2>&1", path);
	assert_int_equal(rb_cli(args, out, sizeof(out)), 2);
	assert_string_equal(out, "rawbpf: unknown format 'xml' (c or raw)\n");
	assert_int_equal(rb_cli("btf dump 2>/dev/null", out, sizeof(out)), 2);
	assert_int_equal(rb_cli("btf dump /nonexistent 2>&1", out, sizeof(out)), 1);
	assert_string_equal(out, "rawbpf: /nonexistent: No such file or directory\n");
	assert_int_equal(rb_cli("btf dump /etc/hostname 2>&1", out, sizeof(out)), 1);
	assert_string_equal(out, "rawbpf: neither BTF (magic 0xeb9f) nor an ELF file\n"
				 "rawbpf: /etc/hostname: Invalid argument\n");
}

static char logged[256];
static void log_cb(void *ctx, enum rawbpf_log_level level, const char *msg)
{
	(void)ctx;
	(void)level;
	snprintf(logged, sizeof(logged), "%s", msg);
}

static int write_null(void *ctx, const char *buf, size_t len)
{
	(void)buf;
	*(size_t *)ctx += len;
	return 0;
}

static int write_full(void *ctx, const char *buf, size_t len)
{
	(void)ctx;
	(void)buf;
	(void)len;
	return -ENOSPC;
}

static void test_bad_input(void **state)
{
	RAWBPF_OPTS(rawbpf_btf_dump_opts, o, .log = log_cb);
	size_t len = build_all(), n = 0;

	(void)state;
	assert_int_equal(rawbpf_btf_dump("hello world", 11, write_null, &n, &o), -EINVAL);
	assert_non_null(strstr(logged, "neither BTF"));
	assert_int_equal(rawbpf_btf_dump(blob, 20, write_null, &n, &o), -EINVAL);
	assert_non_null(strstr(logged, "bad BTF"));
	blob[24 + 4] = 0xff;	/* first type's kind: unknown */
	blob[24 + 7] = 0x1f;
	assert_int_equal(rawbpf_btf_dump(blob, len, write_null, &n, &o), -EINVAL);
	assert_non_null(strstr(logged, "bad BTF"));
	/* too short for an ELF header */
	assert_int_equal(rawbpf_btf_dump("\177ELFxxxxxxxxxxxxxxxxxxxx", 24, write_null, &n, &o),
			 -EBADMSG);
	assert_non_null(strstr(logged, "ELF"));
	o.format = 7;
	len = build_all();
	assert_int_equal(rawbpf_btf_dump(blob, len, write_null, &n, &o), -EINVAL);
	assert_int_equal(n, 0);
	o.format = RAWBPF_BTF_FORMAT_C;
	assert_int_equal(rawbpf_btf_dump(blob, len, NULL, NULL, &o), -EINVAL);
	/* the writer's error stops the dump and comes back */
	assert_int_equal(rawbpf_btf_dump(blob, len, write_full, NULL, &o), -ENOSPC);
	o.format = RAWBPF_BTF_FORMAT_RAW;
	assert_int_equal(rawbpf_btf_dump(blob, len, write_full, NULL, &o), -ENOSPC);
}

/* chain - @n structs s0..s(n-1), each holding the next by value. */
static size_t chain(unsigned n)
{
	uint32_t i32, first, i;
	char name[16];

	rb_tb_init(&tb);
	i32 = int_t("int", 4, RB_BTF_INT_SIGNED);
	first = tb.ntypes + 1;
	for (i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "s%u", i);
		ty(name, RB_BTF_KIND_STRUCT, 0, 1, 4);
		mem("m", i + 1 < n ? first + i + 1 : i32, 0, 0);
	}
	return rb_tb_blob(&tb, blob, sizeof(blob));
}

/* Deep nesting is written in order; past the bound it is refused, not a
 * stack overflow. */
static void test_depth(void **state)
{
	RAWBPF_OPTS(rawbpf_btf_dump_opts, o, .log = log_cb);
	char path[128], *h;
	size_t len, n = 0;

	(void)state;
	len = chain(1000);
	snprintf(path, sizeof(path), "%s/chain.h", dir);
	assert_int_equal(rb_dump_file(blob, len, path, RAWBPF_BTF_FORMAT_C), 0);
	h = slurp(path);
	before(h, "struct s999 {", "struct s998 {");
	before(h, "struct s1 {", "struct s0 {");
	free(h);
	len = chain(1100);
	assert_int_equal(rawbpf_btf_dump(blob, len, write_null, &n, &o), -ELOOP);
	assert_non_null(strstr(logged, "nest deeper"));
}

/* Text far larger than the BTF is refused before it is made: a 256 MB
 * struct (33M padding lines) and anonymous types nested 12 deep, 8 members
 * each (8^12 inline copies). */
static void test_budget(void **state)
{
	RAWBPF_OPTS(rawbpf_btf_dump_opts, o, .log = log_cb);
	uint32_t i32, id, prev, lvl, i;
	size_t len, n = 0;

	(void)state;
	rb_tb_init(&tb);
	i32 = int_t("int", 4, RB_BTF_INT_SIGNED);
	ty("huge", RB_BTF_KIND_STRUCT, 0, 1, 256u << 20);
	mem("x", i32, 0, 0);
	len = rb_tb_blob(&tb, blob, sizeof(blob));
	assert_int_equal(rawbpf_btf_dump(blob, len, write_null, &n, &o), -E2BIG);
	assert_non_null(strstr(logged, "far larger"));
	assert_true(n < (2u << 20));
	/* the raw format is linear in the input: fine */
	o.format = RAWBPF_BTF_FORMAT_RAW;
	assert_int_equal(rawbpf_btf_dump(blob, len, write_null, &n, &o), 0);

	rb_tb_init(&tb);
	prev = int_t("int", 4, RB_BTF_INT_SIGNED);
	for (lvl = 0, id = prev; lvl < 12; lvl++, prev = id) {
		id = ty(lvl == 11 ? "top" : NULL, RB_BTF_KIND_STRUCT, 0, 8, 8);
		for (i = 0; i < 8; i++)
			mem(i ? "m" : "n", prev, 0, 0);	/* layout does not matter here */
	}
	len = rb_tb_blob(&tb, blob, sizeof(blob));
	o.format = RAWBPF_BTF_FORMAT_C;
	n = 0;
	assert_int_equal(rawbpf_btf_dump(blob, len, write_null, &n, &o), -E2BIG);
	assert_true(n < (2u << 20));
}

/* Every allocation fails in turn: -ENOMEM and nothing left allocated. */
static void test_nomem(void **state)
{
	size_t len = build_all(), n;
	struct budget b;
	struct rawbpf_allocator a = rb_budget_allocator(&b);
	RAWBPF_OPTS(rawbpf_btf_dump_opts, o, .alloc = &a);
	unsigned fmt;
	long k;
	int err;

	(void)state;
	for (fmt = 0; fmt < 2; fmt++) {
		o.format = fmt;
		for (k = 0;; k++) {
			memset(&b, 0, sizeof(b));
			b.left = k;
			n = 0;
			err = rawbpf_btf_dump(blob, len, write_null, &n, &o);
			assert_int_equal(b.live, 0);
			if (!err)
				break;
			assert_int_equal(err, -ENOMEM);
			assert_true(k < 1000);
		}
		assert_true(k > 0);
		assert_true(n > 1000);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_c_compiles_and_layout),
		cmocka_unit_test(test_other_endian),
		cmocka_unit_test(test_elf),
		cmocka_unit_test(test_bpf_object),
		cmocka_unit_test(test_raw),
		cmocka_unit_test(test_cli),
		cmocka_unit_test(test_bad_input),
		cmocka_unit_test(test_depth),
		cmocka_unit_test(test_budget),
		cmocka_unit_test(test_nomem),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
