// SPDX-License-Identifier: BSD-2-Clause
/* btf_core_bitfield.c - CO-RE bitfield relocations against a hand-built
 * target whose members are reordered and change width and signedness:
 * every patched immediate (byte_off, byte_sz, lshift, rshift, signed) is
 * exactly the target's, also when the compiler chose another load width
 * than ours (libbpf-tools' bindsnoop on Debian 6.1: an 8-byte load where we
 * compute a 1-byte one). Signedness of a bitfield and every value of a
 * plain field are still checked against the instruction. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "btf_blob.h"
#include "btf/btf.h"
#include "btf/core.h"

static uint32_t lblob[1024], tblob[1024];
static struct rb_btf *lb, *tb;
static uint32_t l_isk, t_isk;
static uint32_t acc_str[6];	/* "0:0" .. "0:5" in the local BTF */

enum { F_PAD, F_FREEBIND, F_TOS, F_SVAL, F_NEG, F_PLAIN };

static void member(struct rb_tb *b, const char *name, uint32_t type,
		   uint32_t bits, uint32_t off)
{
	rb_tb_word(b, rb_tb_str(b, name));
	rb_tb_word(b, type);
	rb_tb_word(b, bits << 24 | off);
}

static uint32_t int_type(struct rb_tb *b, const char *name, uint32_t size,
			 bool is_signed)
{
	uint32_t id = rb_tb_type(b, name, RB_BTF_KIND_INT, 0, 0, size);

	rb_tb_word(b, RB_BTF_INT_ENC(is_signed ? RB_BTF_INT_SIGNED : 0, 0, size * 8));
	return id;
}

static int setup(void **state)
{
	struct rb_tb *b = calloc(1, sizeof(*b));
	uint32_t u8, u16, s8, s32, u32, s64, i;
	char acc[8];
	size_t n;

	(void)state;
	/* local (what the program was compiled against):
	 * struct isk { long pad; u8 freebind:1 (bit 72); u8 tos:3 (bit 73);
	 *              int sval:5 (bit 80); u8 neg:2 (bit 86); int plain (bit 96); } */
	rb_tb_init(b);
	u8 = int_type(b, "u8", 1, false);
	s32 = int_type(b, "int", 4, true);
	s64 = int_type(b, "long", 8, true);
	l_isk = rb_tb_type(b, "isk", RB_BTF_KIND_STRUCT, 1, 6, 16);
	member(b, "pad", s64, 0, 0);
	member(b, "freebind", u8, 1, 72);
	member(b, "tos", u8, 3, 73);
	member(b, "sval", s32, 5, 80);
	member(b, "neg", u8, 2, 86);
	member(b, "plain", s32, 0, 96);
	for (i = 0; i < 6; i++) {
		snprintf(acc, sizeof(acc), "0:%u", i);
		acc_str[i] = rb_tb_str(b, acc);
	}
	n = rb_tb_blob(b, lblob, sizeof(lblob));
	assert_int_equal(rb_btf_parse(lblob, n, 0, NULL, &lb, NULL), 0);

	/* target (the kernel): the same names, reordered, other widths and
	 * signedness: struct isk { int plain (bit 320); s8 neg:2 (bit 8);
	 * u32 sval:7 (bit 300); u8 tos:3 (bit 198, across a byte boundary);
	 * u16 freebind:1 (bit 517); long pad (bit 384); } */
	rb_tb_init(b);
	u8 = int_type(b, "u8", 1, false);
	u16 = int_type(b, "u16", 2, false);
	s8 = int_type(b, "s8", 1, true);
	s32 = int_type(b, "int", 4, true);
	u32 = int_type(b, "u32", 4, false);
	s64 = int_type(b, "long", 8, true);
	t_isk = rb_tb_type(b, "isk", RB_BTF_KIND_STRUCT, 1, 6, 72);
	member(b, "plain", s32, 0, 320);
	member(b, "neg", s8, 2, 8);
	member(b, "sval", u32, 7, 300);
	member(b, "tos", u8, 3, 198);
	member(b, "freebind", u16, 1, 517);
	member(b, "pad", s64, 0, 384);
	n = rb_tb_blob(b, tblob, sizeof(tblob));
	assert_int_equal(rb_btf_parse(tblob, n, 0, NULL, &tb, NULL), 0);
	free(b);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	rb_btf_free(lb);
	rb_btf_free(tb);
	return 0;
}

#define ALU_K(op, k) ((struct bpf_insn){ .code = BPF_ALU64 | (op) | BPF_K, \
	.dst_reg = 6, .imm = (k) })

/* Relocate @kind of field @field in an instruction holding @insn; the
 * patched instruction in *@insn; 0 or the error, @msg. */
static int relocate(uint32_t kind, int field, struct bpf_insn *insn, char *msg)
{
	struct rb_bpf_core_relo r = { .type_id = l_isk,
				      .access_str_off = acc_str[field], .kind = kind };
	uint32_t cands[1] = { t_isk };
	struct rb_core_res res;
	int err;

	msg[0] = '\0';
	err = rb_core_calc(lb, &r, tb, cands, 1, &res, msg, 200);
	if (!err)
		err = rb_core_patch(insn, 1, 0, &res, msg, 200);
	return err;
}

/* The immediate the target gives @kind of @field, starting from the
 * compiler's @imm in an instruction of @op. */
static int32_t patched(uint32_t kind, int field, uint8_t op, int32_t imm)
{
	struct bpf_insn insn = ALU_K(op, imm);
	char msg[200];

	assert_int_equal(relocate(kind, field, &insn, msg), 0);
	assert_int_equal(insn.code, BPF_ALU64 | op | BPF_K);
	return insn.imm;
}

struct want {
	int field;
	int32_t cc_off, cc_sz, cc_lsh, cc_rsh, cc_signed;	/* compiler's */
	int32_t off, sz, lsh_le, lsh_be, rsh, is_signed;	/* target's */
};

/* Each bitfield: the compiler's immediates as clang writes them when it
 * loads the bitfield with another width than ours, and the exact target
 * values (worked out by hand from the target layout above). */
static void test_bitfields_exact(void **state)
{
	static const struct want w[] = {
		/* freebind: clang loads 8 bytes at 8 (lshift 55, we say 63),
		 * the target's u16:1 at bit 517 is a 2-byte load at 64 */
		{ F_FREEBIND, 8, 8, 55, 63, 0,   64, 2, 58, 53, 63, 0 },
		/* tos: the target's bits 198..200 cross byte 25: 2 bytes at 24 */
		{ F_TOS,      8, 8, 52, 61, 0,   24, 2, 55, 54, 61, 0 },
		/* sval: signed 5 bits become unsigned 7 bits at bit 300 */
		{ F_SVAL,    10, 2, 59, 59, 1,   36, 4, 45, 44, 57, 0 },
		/* neg: unsigned 2 bits become signed, now at bit 8 */
		{ F_NEG,      8, 8, 40, 62, 0,    1, 1, 62, 56, 62, 1 },
	};
	unsigned i;

	(void)state;
	for (i = 0; i < sizeof(w) / sizeof(w[0]); i++) {
		const struct want *x = &w[i];
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
		int32_t lsh = x->lsh_le;
#else
		int32_t lsh = x->lsh_be;
#endif

		assert_int_equal(patched(RB_CORE_FIELD_BYTE_OFFSET, x->field, BPF_ADD,
					 x->cc_off), x->off);
		assert_int_equal(patched(RB_CORE_FIELD_BYTE_SIZE, x->field, BPF_MOV,
					 x->cc_sz), x->sz);
		assert_int_equal(patched(RB_CORE_FIELD_LSHIFT_U64, x->field, BPF_LSH,
					 x->cc_lsh), lsh);
		assert_int_equal(patched(RB_CORE_FIELD_RSHIFT_U64, x->field, BPF_RSH,
					 x->cc_rsh), x->rsh);
		assert_int_equal(patched(RB_CORE_FIELD_SIGNED, x->field, BPF_MOV,
					 x->cc_signed), x->is_signed);
	}
}

/* The compiler's shifts are ambiguous for a bitfield, its signedness is
 * not: a wrong one is refused. */
static void test_bitfield_signed_checked(void **state)
{
	struct bpf_insn insn = ALU_K(BPF_MOV, 0);
	char msg[200];

	(void)state;
	/* sval is a signed int bitfield in the local BTF: the compiler wrote 1 */
	assert_int_equal(relocate(RB_CORE_FIELD_SIGNED, F_SVAL, &insn, msg), -EINVAL);
	assert_non_null(strstr(msg, "imm 0, expected 1"));
	assert_int_equal(insn.imm, 0);	/* left as it was */
	/* any shift is accepted for a bitfield, even one no width gives */
	insn = ALU_K(BPF_LSH, 17);
	assert_int_equal(relocate(RB_CORE_FIELD_LSHIFT_U64, F_FREEBIND, &insn, msg), 0);
}

/* A plain field's values are unambiguous: each is checked. */
static void test_plain_field_checked(void **state)
{
	static const struct { uint32_t kind; uint8_t op; int32_t good, bad, want; } c[] = {
		{ RB_CORE_FIELD_BYTE_OFFSET, BPF_ADD, 12, 13, 40 },
		{ RB_CORE_FIELD_BYTE_SIZE, BPF_MOV, 4, 8, 4 },
		{ RB_CORE_FIELD_LSHIFT_U64, BPF_LSH, 32, 31, 32 },
		{ RB_CORE_FIELD_RSHIFT_U64, BPF_RSH, 32, 56, 32 },
		{ RB_CORE_FIELD_SIGNED, BPF_MOV, 1, 0, 1 },
	};
	struct bpf_insn insn;
	char msg[200], exp[64];
	unsigned i;

	(void)state;
	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		insn = ALU_K(c[i].op, c[i].good);
		assert_int_equal(relocate(c[i].kind, F_PLAIN, &insn, msg), 0);
		assert_int_equal(insn.imm, c[i].want);
		insn = ALU_K(c[i].op, c[i].bad);
		assert_int_equal(relocate(c[i].kind, F_PLAIN, &insn, msg), -EINVAL);
		snprintf(exp, sizeof(exp), "imm %d, expected %d", c[i].bad, c[i].good);
		assert_non_null(strstr(msg, exp));
		assert_int_equal(insn.imm, c[i].bad);
	}
	/* a memory offset too */
	insn = (struct bpf_insn){ .code = BPF_LDX | BPF_MEM | BPF_W, .dst_reg = 1,
				  .src_reg = 2, .off = 16 };
	assert_int_equal(relocate(RB_CORE_FIELD_BYTE_OFFSET, F_PLAIN, &insn, msg), -EINVAL);
	assert_non_null(strstr(msg, "offset 16, expected 12"));
	insn.off = 12;
	assert_int_equal(relocate(RB_CORE_FIELD_BYTE_OFFSET, F_PLAIN, &insn, msg), 0);
	assert_int_equal(insn.off, 40);
	assert_int_equal(insn.code, BPF_LDX | BPF_MEM | BPF_W);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bitfields_exact),
		cmocka_unit_test(test_bitfield_signed_checked),
		cmocka_unit_test(test_plain_field_checked),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
