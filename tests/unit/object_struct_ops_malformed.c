// SPDX-License-Identifier: BSD-2-Clause
/*
 * object_struct_ops_malformed.c - `.struct_ops` sections that open must
 * refuse, each by name and leaking nothing: no BTF, no DATASEC, a variable
 * that is no struct or has no symbol or does not fit, a relocation into a
 * data member, into the middle of a member, outside every variable, or to
 * something that is no program. Synthetic ELF files (tests/common/elfbuild)
 * with hand-built BTF; no kernel.
 */
#include <elf.h>
#include <errno.h>
#include <string.h>

#include "fixture.h"
#include "btf_blob.h"
#include "elfbuild.h"
#include "rawbpf/object.h"
#include "object/object.h"
#include "btf/btf.h"

enum variant {
	V_OK, V_NO_BTF, V_NO_DATASEC, V_NOT_STRUCT, V_NO_SYM, V_SHORT_SEC,
	V_RELOC_DATA, V_RELOC_MID, V_RELOC_OUTSIDE, V_RELOC_NOT_PROG,
};

static struct te_elf t;
static struct rb_tb tb;
static uint8_t btf[1024], ops[32], rel[16];
static const uint8_t insns[16] = {
	0xb7, 0, 0, 0, 0, 0, 0, 0,	/* r0 = 0 */
	0x95, 0, 0, 0, 0, 0, 0, 0,	/* exit */
};

/* struct ops_t { int (*f)(void); int x; } v SEC(".struct_ops") = { .f = p },
 * p in SEC("struct_ops/p"); the variant breaks one thing. */
static void build(enum variant v)
{
	unsigned prog, data, sp, sd;
	size_t btf_len;
	uint64_t roff = v == V_RELOC_DATA ? 8 : v == V_RELOC_MID ? 4 :
			v == V_RELOC_OUTSIDE ? 16 : 0;

	rb_tb_init(&tb);
	rb_tb_type(&tb, "int", RB_BTF_KIND_INT, 0, 0, 4);			/* 1 */
	rb_tb_word(&tb, RB_BTF_INT_ENC(RB_BTF_INT_SIGNED, 0, 32));
	rb_tb_type(&tb, "", RB_BTF_KIND_FUNC_PROTO, 0, 0, 1);		/* 2 */
	rb_tb_type(&tb, "", RB_BTF_KIND_PTR, 0, 0, 2);			/* 3 */
	rb_tb_type(&tb, "ops_t", RB_BTF_KIND_STRUCT, 0, 2, 16);		/* 4 */
	rb_tb_word(&tb, rb_tb_str(&tb, "f"));
	rb_tb_word(&tb, 3);
	rb_tb_word(&tb, 0);
	rb_tb_word(&tb, rb_tb_str(&tb, "x"));
	rb_tb_word(&tb, 1);
	rb_tb_word(&tb, 64);
	rb_tb_type(&tb, "v", RB_BTF_KIND_VAR, 0, 0, v == V_NOT_STRUCT ? 1 : 4); /* 5 */
	rb_tb_word(&tb, RB_BTF_VAR_GLOBAL_ALLOCATED);
	rb_tb_type(&tb, v == V_NO_DATASEC ? ".data.x" : ".struct_ops",
		   RB_BTF_KIND_DATASEC, 0, 1, 24);				/* 6 */
	rb_tb_word(&tb, 5);
	rb_tb_word(&tb, 0);
	rb_tb_word(&tb, 16);
	btf_len = rb_tb_blob(&tb, btf, sizeof(btf));

	te_init(&t, TE_HOST_BE, EM_BPF);
	prog = te_section(&t, "struct_ops/p", SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR,
			  insns, sizeof(insns), 0, 0);
	memset(ops, 0, sizeof(ops));
	data = te_section(&t, ".struct_ops", SHT_PROGBITS, SHF_ALLOC | SHF_WRITE, ops,
			  v == V_SHORT_SEC ? 8 : 24, 0, 0);
	te_section(&t, "license", SHT_PROGBITS, SHF_ALLOC, "GPL", 4, 0, 0);
	if (v != V_NO_BTF)
		te_section(&t, ".BTF", SHT_PROGBITS, 0, btf, btf_len, 0, 0);
	sp = te_sym(&t, "p", 0, sizeof(insns), ELF64_ST_INFO(STB_GLOBAL, STT_FUNC),
		    (uint16_t)prog);
	te_sym(&t, v == V_NO_SYM ? "w" : "v", 0, 16,
	       ELF64_ST_INFO(STB_GLOBAL, STT_OBJECT), (uint16_t)data);
	sd = te_sym(&t, "d", 16, 8, ELF64_ST_INFO(STB_GLOBAL, STT_OBJECT), (uint16_t)data);
	te_rel(&t, rel, roff, v == V_RELOC_NOT_PROG ? sd : sp, 2 /* R_BPF_64_ABS64 */);
	te_section(&t, ".rel.struct_ops", SHT_REL, 0, rel, sizeof(rel), TE_SYMTAB, data);
	te_finish(&t);
}

static char msg[512];
static void grab(void *ctx, enum rawbpf_log_level l, const char *m)
{
	(void)ctx;
	(void)l;
	snprintf(msg, sizeof(msg), "%s", m);
}

static void expect(enum variant v, const char *what)
{
	RAWBPF_OPTS(rawbpf_object_open_opts, o, .log = grab);
	struct rawbpf_object *obj = NULL;

	build(v);
	msg[0] = '\0';
	assert_int_equal(rawbpf_object_open_mem(t.buf, t.size, &o, &obj), -EINVAL);
	assert_null(obj);
	if (!strstr(msg, what))
		fail_msg("variant %d: '%s' does not say '%s'", v, msg, what);
}

static void test_valid(void **state)
{
	struct rawbpf_object *obj = NULL;
	struct rawbpf_map *m;

	(void)state;
	build(V_OK);
	assert_int_equal(rawbpf_object_open_mem(t.buf, t.size, NULL, &obj), 0);
	m = rawbpf_object_find_map(obj, "v");
	assert_non_null(m);
	assert_int_equal(m->kind, RB_MAP_STRUCT_OPS);
	assert_int_equal(m->st_ops->nmembers, 2);
	assert_int_equal(m->st_ops->progs[0], 0);	/* f = p */
	assert_int_equal(m->st_ops->progs[1], -1);
	assert_string_equal(obj->progs[0].name, "p");
	assert_true(obj->progs[0].autoload);
	rawbpf_object_close(obj);
}

static void test_refused(void **state)
{
	(void)state;
	expect(V_NO_BTF, "section .struct_ops: struct_ops variables need the object's BTF");
	expect(V_NO_DATASEC, "section .struct_ops: no BTF DATASEC describes it");
	expect(V_NOT_STRUCT, "struct_ops v (section .struct_ops): its type is not a named struct");
	expect(V_NO_SYM, "struct_ops v (section .struct_ops): no symbol of that name");
	expect(V_SHORT_SEC, "struct ops_t (16 bytes) at 0 is outside the section (8 bytes)");
	expect(V_RELOC_DATA, "struct_ops v: member x is set to p but is not a function pointer");
	expect(V_RELOC_MID, "struct_ops v: relocation to p at byte 4 starts no member");
	expect(V_RELOC_OUTSIDE, "relocation to p at byte 16 is in no struct_ops variable");
	expect(V_RELOC_NOT_PROG, "struct_ops v: member f is set to d, which is not a program");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
