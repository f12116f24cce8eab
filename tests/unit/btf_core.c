// SPDX-License-Identifier: BSD-2-Clause
/* btf_core.c - CO-RE relocation on hand-built local/target BTF pairs: each
 * relocation kind's value, flavors, anonymous members, bitfields, missing
 * targets (zero or poison), disagreeing candidates, bad access strings;
 * instruction patching and its refusals; the batch name lookup; attach
 * names per section kind and their ids against a direct lookup. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "btf_blob.h"
#include "btf/btf.h"
#include "btf/btf_names.h"
#include "btf/core.h"
#include "object/attach_btf.h"

static uint32_t lblob[4096], tblob[4096];
static struct rb_btf *lb, *tb;
/* local ids */
static uint32_t l_int, l_s, l_e, l_bits, l_str[8];
/* target ids */
static uint32_t t_int, t_s, t_s2, t_e, t_bits, t_u8, t_anon, t_fn;

static void member(struct rb_tb *b, const char *name, uint32_t type, uint32_t off)
{
	rb_tb_word(b, rb_tb_str(b, name));
	rb_tb_word(b, type);
	rb_tb_word(b, off);
}

static void enumerator(struct rb_tb *b, const char *name, int32_t v)
{
	rb_tb_word(b, rb_tb_str(b, name));
	rb_tb_word(b, (uint32_t)v);
}

static int setup(void **state)
{
	static const char *acc[] = { "0:1", "0:0", "0:2", "1", "0", "0:3", "0:4", "0:1:2" };
	struct rb_tb *b = calloc(1, sizeof(*b));
	uint32_t arr, i;
	size_t n;

	(void)state;
	/* local: struct s___v1 { int a; int b; int gone; int bf:3 (bit 100);
	 *        int arr[4]; }, enum e { E0, E1 = 5 }, struct bits { u8 x:4, y:4 } */
	rb_tb_init(b);
	l_int = rb_tb_type(b, "int", RB_BTF_KIND_INT, 0, 0, 4);
	rb_tb_word(b, RB_BTF_INT_ENC(RB_BTF_INT_SIGNED, 0, 32));
	arr = rb_tb_type(b, NULL, RB_BTF_KIND_ARRAY, 0, 0, 0);
	rb_tb_word(b, l_int); rb_tb_word(b, l_int); rb_tb_word(b, 4);
	l_s = rb_tb_type(b, "s___v1", RB_BTF_KIND_STRUCT, 1, 5, 32);
	member(b, "a", l_int, 0);
	member(b, "b", l_int, 32);
	member(b, "gone", l_int, 64);
	member(b, "bf", l_int, 3u << 24 | 100);
	member(b, "arr", arr, 128);
	l_e = rb_tb_type(b, "e", RB_BTF_KIND_ENUM, 0, 2, 4);
	enumerator(b, "E0", 0);
	enumerator(b, "E1", 5);
	l_bits = rb_tb_type(b, "bits", RB_BTF_KIND_STRUCT, 0, 0, 8);
	for (i = 0; i < 8; i++)
		l_str[i] = rb_tb_str(b, acc[i]);
	n = rb_tb_blob(b, lblob, sizeof(lblob));
	assert_int_equal(rb_btf_parse(lblob, n, 0, NULL, &lb, NULL), 0);

	/* target: struct s { long pad; int b; struct { int a; }; int bf:3 at
	 * bit 200; int arr[8]; }, a second struct s with b elsewhere,
	 * enum e { E1 = 9, E0 = 1 }, u8, bits, a FUNC and a TYPEDEF */
	rb_tb_init(b);
	t_int = rb_tb_type(b, "int", RB_BTF_KIND_INT, 0, 0, 4);
	rb_tb_word(b, RB_BTF_INT_ENC(RB_BTF_INT_SIGNED, 0, 32));
	t_u8 = rb_tb_type(b, "long", RB_BTF_KIND_INT, 0, 0, 8);
	rb_tb_word(b, RB_BTF_INT_ENC(RB_BTF_INT_SIGNED, 0, 64));
	t_anon = rb_tb_type(b, NULL, RB_BTF_KIND_STRUCT, 0, 1, 4);
	member(b, "a", t_int, 0);
	arr = rb_tb_type(b, NULL, RB_BTF_KIND_ARRAY, 0, 0, 0);
	rb_tb_word(b, t_int); rb_tb_word(b, t_int); rb_tb_word(b, 8);
	t_s = rb_tb_type(b, "s", RB_BTF_KIND_STRUCT, 1, 5, 64);
	member(b, "pad", t_u8, 0);
	member(b, "b", t_int, 64);
	member(b, NULL, t_anon, 96);
	member(b, "bf", t_int, 3u << 24 | 200);
	member(b, "arr", arr, 256);
	t_e = rb_tb_type(b, "e", RB_BTF_KIND_ENUM, 0, 2, 4);
	enumerator(b, "E1", 9);
	enumerator(b, "E0", 1);
	t_bits = rb_tb_type(b, "bits", RB_BTF_KIND_STRUCT, 0, 0, 16);
	t_s2 = rb_tb_type(b, "s", RB_BTF_KIND_STRUCT, 0, 2, 8);
	member(b, "a", t_int, 0);
	member(b, "b", t_int, 0);
	i = rb_tb_type(b, NULL, RB_BTF_KIND_FUNC_PROTO, 0, 0, t_int);
	t_fn = rb_tb_type(b, "bpf_iter_task", RB_BTF_KIND_FUNC, 0, 0, i);
	rb_tb_type(b, "btf_trace_sched_switch", RB_BTF_KIND_TYPEDEF, 0, 0, t_int);
	rb_tb_type(b, "bpf_lsm_file_open", RB_BTF_KIND_FUNC, 0, 0, i);
	rb_tb_type(b, "do_unlinkat", RB_BTF_KIND_FUNC, 0, 0, i);
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

/* Resolve kind @kind of @root with access string #@acc against @cands. */
static int calc(uint32_t kind, uint32_t root, int acc, const uint32_t *cands,
		uint32_t n, struct rb_core_res *res, char *msg)
{
	struct rb_bpf_core_relo r = { .insn_off = 0, .type_id = root,
				      .access_str_off = l_str[acc], .kind = kind };

	msg[0] = '\0';
	return rb_core_calc(lb, &r, tb, cands, n, res, msg, 200);
}

static void test_essential_name(void **state)
{
	(void)state;
	assert_int_equal(rb_core_essential_len("task_struct___v1"), 11);
	assert_int_equal(rb_core_essential_len("task_struct"), 11);
	assert_int_equal(rb_core_essential_len("a____b"), 6);	/* four: not a flavor */
	assert_int_equal(rb_core_essential_len("x___y___z"), 5);
	assert_int_equal(rb_core_essential_len("___x"), 4);
	assert_string_equal(rb_core_kind_str(RB_CORE_FIELD_EXISTS), "field_exists");
	assert_string_equal(rb_core_kind_str(99), "unknown");
}

static void test_field_kinds(void **state)
{
	struct rb_core_res res;
	char msg[200];
	uint32_t c[] = { t_s };

	(void)state;
	/* b: local byte 4, target byte 8 */
	assert_int_equal(calc(RB_CORE_FIELD_BYTE_OFFSET, l_s, 0, c, 1, &res, msg), 0);
	assert_int_equal(res.orig_val, 4);
	assert_int_equal(res.new_val, 8);
	assert_false(res.poison);
	/* a: reached through the target's anonymous struct (byte 12) */
	assert_int_equal(calc(RB_CORE_FIELD_BYTE_OFFSET, l_s, 1, c, 1, &res, msg), 0);
	assert_int_equal(res.new_val, 12);
	assert_int_equal(calc(RB_CORE_FIELD_BYTE_SIZE, l_s, 1, c, 1, &res, msg), 0);
	assert_int_equal(res.new_val, 4);
	assert_int_equal(calc(RB_CORE_FIELD_SIGNED, l_s, 1, c, 1, &res, msg), 0);
	assert_int_equal(res.new_val, 1);
	assert_int_equal(calc(RB_CORE_FIELD_EXISTS, l_s, 1, c, 1, &res, msg), 0);
	assert_int_equal(res.new_val, 1);
	/* gone: exists 0, offset poisoned */
	assert_int_equal(calc(RB_CORE_FIELD_EXISTS, l_s, 2, c, 1, &res, msg), 0);
	assert_int_equal(res.new_val, 0);
	assert_false(res.poison);
	assert_int_equal(calc(RB_CORE_FIELD_BYTE_OFFSET, l_s, 2, c, 1, &res, msg), 0);
	assert_true(res.poison);
	/* bitfield bf:3 at bit 200 of the target: 4-byte load at byte 24 */
	assert_int_equal(calc(RB_CORE_FIELD_BYTE_OFFSET, l_s, 5, c, 1, &res, msg), 0);
	assert_int_equal(res.orig_val, 12);
	assert_int_equal(res.new_val, 24);
	assert_false(res.validate);
	assert_int_equal(calc(RB_CORE_FIELD_LSHIFT_U64, l_s, 5, c, 1, &res, msg), 0);
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	assert_int_equal(res.orig_val, 64 - (100 + 3 - 96));
	assert_int_equal(res.new_val, 64 - (200 + 3 - 192));
#else	/* the field's first bit is the loaded word's most significant one */
	assert_int_equal(res.orig_val, (8 - 4) * 8 + (100 - 96));
	assert_int_equal(res.new_val, (8 - 4) * 8 + (200 - 192));
#endif
	assert_int_equal(calc(RB_CORE_FIELD_RSHIFT_U64, l_s, 5, c, 1, &res, msg), 0);
	assert_int_equal(res.new_val, 61);
	/* arr[2]: local 16 + 8, target 32 + 8 */
	assert_int_equal(calc(RB_CORE_FIELD_BYTE_OFFSET, l_s, 7 - 1, c, 1, &res, msg), 0);
	assert_int_equal(res.new_val, 32);
	assert_int_equal(calc(RB_CORE_FIELD_BYTE_OFFSET, l_s, 7, c, 1, &res, msg), -EINVAL);
}

static void test_array_elem(void **state)
{
	struct rb_core_res res;
	char msg[200];
	uint32_t c[] = { t_s };
	struct rb_tb *b = calloc(1, sizeof(*b));

	(void)state;
	(void)b;
	free(b);
	/* "1": root[1] for a field kind = the second struct s */
	assert_int_equal(calc(RB_CORE_FIELD_BYTE_OFFSET, l_s, 3, c, 1, &res, msg), 0);
	assert_int_equal(res.orig_val, 32);
	assert_int_equal(res.new_val, 64);
}

static void test_candidates(void **state)
{
	struct rb_core_res res;
	char msg[200];
	uint32_t two[] = { t_s, t_s2 }, none[] = { 0 };

	(void)state;
	/* two matching candidates with different offsets: refused, named */
	assert_int_equal(calc(RB_CORE_FIELD_BYTE_OFFSET, l_s, 0, two, 2, &res, msg), -EINVAL);
	assert_non_null(strstr(msg, "disagree"));
	/* agreeing: a exists in both */
	assert_int_equal(calc(RB_CORE_FIELD_EXISTS, l_s, 1, two, 2, &res, msg), 0);
	assert_int_equal(res.new_val, 1);
	/* no candidate: byte offset poisoned, exists 0 */
	assert_int_equal(calc(RB_CORE_FIELD_BYTE_OFFSET, l_s, 0, none, 0, &res, msg), 0);
	assert_true(res.poison);
	/* bad access strings and kinds */
	assert_int_equal(calc(RB_CORE_FIELD_BYTE_OFFSET, l_s, 7, two, 0, &res, msg), -EINVAL);
	assert_non_null(strstr(msg, "0:1:2"));
	assert_int_equal(calc(99, l_s, 0, two, 0, &res, msg), -EINVAL);
	assert_int_equal(calc(RB_CORE_TYPE_EXISTS, l_s, 0, two, 0, &res, msg), -EINVAL);
	assert_int_equal(calc(RB_CORE_ENUMVAL_VALUE, l_s, 3, two, 0, &res, msg), -EINVAL);
}

static void test_type_and_enum_kinds(void **state)
{
	struct rb_core_res res;
	char msg[200];
	uint32_t cs[] = { t_s }, ce[] = { t_e }, cb[] = { t_bits };

	(void)state;
	assert_int_equal(calc(RB_CORE_TYPE_ID_LOCAL, l_s, 4, NULL, 0, &res, msg), 0);
	assert_int_equal(res.new_val, l_s);
	assert_int_equal(calc(RB_CORE_TYPE_ID_TARGET, l_s, 4, cs, 1, &res, msg), 0);
	assert_int_equal(res.new_val, t_s);
	assert_int_equal(calc(RB_CORE_TYPE_EXISTS, l_s, 4, cs, 1, &res, msg), 0);
	assert_int_equal(res.new_val, 1);
	assert_int_equal(calc(RB_CORE_TYPE_SIZE, l_s, 4, cs, 1, &res, msg), 0);
	assert_int_equal(res.orig_val, 32);
	assert_int_equal(res.new_val, 64);
	assert_int_equal(calc(RB_CORE_TYPE_EXISTS, l_s, 4, NULL, 0, &res, msg), 0);
	assert_int_equal(res.new_val, 0);
	assert_false(res.poison);
	assert_int_equal(calc(RB_CORE_TYPE_SIZE, l_bits, 4, cb, 1, &res, msg), 0);
	assert_int_equal(res.new_val, 16);
	/* matches: every local member must exist in the target */
	assert_int_equal(calc(RB_CORE_TYPE_MATCHES, l_bits, 4, cb, 1, &res, msg), 0);
	assert_int_equal(res.new_val, 1);
	assert_int_equal(calc(RB_CORE_TYPE_MATCHES, l_s, 4, cs, 1, &res, msg), 0);
	assert_int_equal(res.new_val, 0);	/* "gone" is not in the target */
	/* enum values by name: E1 is 9 in the target */
	assert_int_equal(calc(RB_CORE_ENUMVAL_VALUE, l_e, 3, ce, 1, &res, msg), 0);
	assert_int_equal(res.orig_val, 5);
	assert_int_equal(res.new_val, 9);
	assert_int_equal(calc(RB_CORE_ENUMVAL_EXISTS, l_e, 3, ce, 1, &res, msg), 0);
	assert_int_equal(res.new_val, 1);
	assert_int_equal(calc(RB_CORE_ENUMVAL_EXISTS, l_e, 3, NULL, 0, &res, msg), 0);
	assert_int_equal(res.new_val, 0);
	assert_int_equal(calc(RB_CORE_ENUMVAL_VALUE, l_e, 3, NULL, 0, &res, msg), 0);
	assert_true(res.poison);
}

#define INSN(c, d, s, o, i) ((struct bpf_insn){ .code = (c), .dst_reg = (d), \
	.src_reg = (s), .off = (o), .imm = (i) })

static void test_patch(void **state)
{
	struct bpf_insn p[4];
	struct rb_core_res res = { .orig_val = 4, .new_val = 8, .validate = true,
				   .orig_sz = 4, .new_sz = 4 };
	char msg[200];

	(void)state;
	p[0] = INSN(BPF_LDX | BPF_MEM | BPF_W, 1, 2, 4, 0);
	assert_int_equal(rb_core_patch(p, 1, 0, &res, msg, sizeof(msg)), 0);
	assert_int_equal(p[0].off, 8);
	/* the field grew to 8 bytes: the load grows too */
	p[0] = INSN(BPF_LDX | BPF_MEM | BPF_W, 1, 2, 4, 0);
	res.new_sz = 8;
	assert_int_equal(rb_core_patch(p, 1, 0, &res, msg, sizeof(msg)), 0);
	assert_int_equal(p[0].code, BPF_LDX | BPF_MEM | BPF_DW);
	res.new_sz = 3;
	p[0] = INSN(BPF_LDX | BPF_MEM | BPF_W, 1, 2, 4, 0);
	assert_int_equal(rb_core_patch(p, 1, 0, &res, msg, sizeof(msg)), -EINVAL);
	res.new_sz = 4;
	/* the instruction does not hold what the compiler meant */
	p[0] = INSN(BPF_LDX | BPF_MEM | BPF_W, 1, 2, 6, 0);
	assert_int_equal(rb_core_patch(p, 1, 0, &res, msg, sizeof(msg)), -EINVAL);
	assert_non_null(strstr(msg, "expected 4"));
	res.new_val = 40000;
	p[0] = INSN(BPF_STX | BPF_MEM | BPF_W, 1, 2, 4, 0);
	assert_int_equal(rb_core_patch(p, 1, 0, &res, msg, sizeof(msg)), -ERANGE);
	/* ALU immediate */
	res.new_val = 8;
	p[0] = INSN(BPF_ALU64 | BPF_MOV | BPF_K, 1, 0, 0, 4);
	assert_int_equal(rb_core_patch(p, 1, 0, &res, msg, sizeof(msg)), 0);
	assert_int_equal(p[0].imm, 8);
	p[0] = INSN(BPF_ALU64 | BPF_MOV | BPF_X, 1, 2, 0, 0);
	assert_int_equal(rb_core_patch(p, 1, 0, &res, msg, sizeof(msg)), -EINVAL);
	res.new_val = 1ull << 33;
	p[0] = INSN(BPF_ALU64 | BPF_MOV | BPF_K, 1, 0, 0, 4);
	assert_int_equal(rb_core_patch(p, 1, 0, &res, msg, sizeof(msg)), -ERANGE);
	/* ld_imm64: both halves */
	p[0] = INSN(BPF_LD | BPF_IMM | BPF_DW, 1, 0, 0, 4);
	p[1] = INSN(0, 0, 0, 0, 0);
	assert_int_equal(rb_core_patch(p, 2, 0, &res, msg, sizeof(msg)), 0);
	assert_int_equal(p[0].imm, 0);
	assert_int_equal(p[1].imm, 2);
	assert_int_equal(rb_core_patch(p, 1, 0, &res, msg, sizeof(msg)), -EINVAL);
	assert_int_equal(rb_core_patch(p, 1, 5, &res, msg, sizeof(msg)), -EINVAL);
	/* poison: a call to helper 0xbad2310, ld_imm64's second half too */
	res.poison = true;
	p[0] = INSN(BPF_LD | BPF_IMM | BPF_DW, 1, 0, 0, 4);
	assert_int_equal(rb_core_patch(p, 2, 0, &res, msg, sizeof(msg)), 0);
	assert_int_equal(p[0].code, BPF_JMP | BPF_CALL);
	assert_int_equal(p[0].imm, RB_CORE_POISON_IMM);
	assert_int_equal(p[1].imm, RB_CORE_POISON_IMM);
	res.poison = false;
	p[0] = INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0);
	assert_int_equal(rb_core_patch(p, 1, 0, &res, msg, sizeof(msg)), -EINVAL);
}

static void test_names_find(void **state)
{
	const char *names[] = { "s", "bpf_iter_task", "nothere", "e", "btf_trace_sched_switch" };
	struct rb_btf_names r;

	(void)state;
	assert_int_equal(rb_btf_names_find(tb, names, 5, NULL, &r), 0);
	assert_int_equal(rb_btf_names_get(&r, tb, 0, -1, 0), t_s);
	assert_int_equal(rb_btf_names_get(&r, tb, 0, -1, 1), t_s2);
	assert_int_equal(rb_btf_names_get(&r, tb, 0, -1, 2), -ENOENT);
	assert_int_equal(rb_btf_names_get(&r, tb, 1, RB_BTF_KIND_FUNC, 0), t_fn);
	assert_int_equal(rb_btf_names_get(&r, tb, 1, RB_BTF_KIND_STRUCT, 0), -ENOENT);
	assert_int_equal(rb_btf_names_get(&r, tb, 2, -1, 0), -ENOENT);
	assert_int_equal(rb_btf_names_get(&r, tb, 3, -1, 0), t_e);
	assert_int_equal(rb_btf_names_get(&r, tb, 4, -1, 0),
			 rb_btf_find(tb, "btf_trace_sched_switch", -1));
	assert_int_equal(rb_btf_names_get(&r, tb, 9, -1, 0), -ENOENT);
	rb_btf_names_free(&r);
}

/* The kernel path: a trusted parse that finds the names in the same pass
 * gives what a separate pass gives; bad records are still refused. */
static void test_trusted_filtered(void **state)
{
	const char *names[] = { "s", "bpf_iter_task", "nothere", "e" };
	struct rb_btf_name_filter *f = malloc(sizeof(*f));
	struct rb_btf_names r1, r2;
	struct rb_btf *v = NULL;
	uint32_t blob[64], i;
	struct rb_tb *b = calloc(1, sizeof(*b));
	bool filtered = false;
	size_t n;

	(void)state;
	assert_int_equal(rb_btf_filter_init(f, names, 4, RB_BTF_KINDS_ALL, NULL, &r1), 0);
	assert_int_equal(rb_btf_parse_filtered(tblob, sizeof(tblob), RB_BTF_F_TRUSTED,
					       NULL, &v, NULL, f, &filtered), 0);
	assert_true(filtered);
	assert_int_equal(rb_btf_filter_finish(f), 0);
	assert_int_equal(rb_btf_names_find(tb, names, 4, NULL, &r2), 0);
	assert_int_equal(r1.cnt, r2.cnt);
	for (i = 0; i < 4; i++)
		assert_int_equal(rb_btf_names_get(&r1, v, i, -1, 0),
				 rb_btf_names_get(&r2, tb, i, -1, 0));
	assert_int_equal(rb_btf_type_cnt(v), rb_btf_type_cnt(tb));
	rb_btf_names_free(&r1);
	rb_btf_names_free(&r2);
	rb_btf_free(v);
	free(f);
	/* an unknown kind (25) and a record cut short: refused */
	rb_tb_init(b);
	rb_tb_type(b, "x", 25, 0, 0, 4);
	n = rb_tb_blob(b, blob, sizeof(blob));
	assert_int_equal(rb_btf_parse(blob, n, RB_BTF_F_TRUSTED, NULL, &v, NULL), -EINVAL);
	rb_tb_init(b);
	rb_tb_type(b, "st", RB_BTF_KIND_STRUCT, 0, 3, 4);	/* members missing */
	n = rb_tb_blob(b, blob, sizeof(blob));
	assert_int_equal(rb_btf_parse(blob, n, RB_BTF_F_TRUSTED, NULL, &v, NULL), -EINVAL);
	free(b);
}

/* Attach names per section kind, resolved like the loader does (batch
 * lookup) and compared with a direct rb_btf_find. */
static void test_attach_names(void **state)
{
	static const struct { uint32_t type, att; const char *sec, *func; int in_prog;
			      const char *want; int kind; } c[] = {
		{ BPF_PROG_TYPE_TRACING, BPF_TRACE_FENTRY, "fentry/do_unlinkat", NULL, 0, "do_unlinkat", RB_BTF_KIND_FUNC },
		{ BPF_PROG_TYPE_TRACING, BPF_TRACE_FEXIT, "fexit/x", "do_unlinkat", 0, "do_unlinkat", RB_BTF_KIND_FUNC },
		{ BPF_PROG_TYPE_TRACING, BPF_MODIFY_RETURN, "fmod_ret/do_unlinkat", NULL, 0, "do_unlinkat", RB_BTF_KIND_FUNC },
		{ BPF_PROG_TYPE_TRACING, BPF_TRACE_RAW_TP, "tp_btf/sched_switch", NULL, 0, "btf_trace_sched_switch", RB_BTF_KIND_TYPEDEF },
		{ BPF_PROG_TYPE_LSM, BPF_LSM_MAC, "lsm/file_open", NULL, 0, "bpf_lsm_file_open", RB_BTF_KIND_FUNC },
		{ BPF_PROG_TYPE_LSM, BPF_LSM_CGROUP, "lsm_cgroup/file_open", NULL, 0, "bpf_lsm_file_open", RB_BTF_KIND_FUNC },
		{ BPF_PROG_TYPE_TRACING, BPF_TRACE_ITER, "iter/task", NULL, 0, "bpf_iter_task", RB_BTF_KIND_FUNC },
		{ BPF_PROG_TYPE_EXT, 0, "freplace/do_unlinkat", NULL, 1, "do_unlinkat", RB_BTF_KIND_FUNC },
		{ BPF_PROG_TYPE_TRACING, BPF_TRACE_FENTRY, "fentry/x", "do_unlinkat", 1, "do_unlinkat", RB_BTF_KIND_FUNC },
	};
	char buf[64];
	int kind;
	unsigned i;

	(void)state;
	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		const char *n[1] = { buf };
		struct rb_btf_names r;

		assert_int_equal(rb_attach_btf_name(c[i].type, c[i].att, c[i].sec, c[i].func,
						    c[i].in_prog, buf, sizeof(buf), &kind), 1);
		assert_string_equal(buf, c[i].want);
		assert_int_equal(kind, c[i].kind);
		assert_int_equal(rb_btf_names_find(tb, n, 1, NULL, &r), 0);
		assert_int_equal(rb_btf_names_get(&r, tb, 0, kind, 0),
				 rb_btf_find(tb, c[i].want, kind));
		assert_true(rb_btf_names_get(&r, tb, 0, kind, 0) > 0);
		rb_btf_names_free(&r);
	}
	assert_int_equal(rb_attach_btf_name(BPF_PROG_TYPE_XDP, 0, "xdp", NULL, 0, buf,
					    sizeof(buf), &kind), 0);
	assert_int_equal(rb_attach_btf_name(BPF_PROG_TYPE_TRACING, BPF_TRACE_FENTRY,
					    "fentry", NULL, 0, buf, sizeof(buf), &kind), -EINVAL);
	assert_int_equal(rb_attach_btf_name(BPF_PROG_TYPE_TRACING, BPF_TRACE_FENTRY,
					    "fentry/", NULL, 0, buf, sizeof(buf), &kind), -EINVAL);
	assert_int_equal(rb_attach_btf_name(BPF_PROG_TYPE_TRACING, BPF_TRACE_ITER,
					    "iter/task", NULL, 0, buf, 8, &kind), -ENAMETOOLONG);
	assert_int_equal(rb_attach_btf_name(BPF_PROG_TYPE_TRACING, BPF_TRACE_RAW_TP + 100,
					    "x/y", NULL, 0, buf, sizeof(buf), &kind), 0);
}

/* On the running kernel's BTF (a trusted view) the batch lookup finds what
 * rb_btf_find finds. */
static void test_vmlinux_names(void **state)
{
	const char *names[] = { "task_struct", "bpf_iter_task", "btf_trace_sched_switch",
				"bpf_lsm_file_open", "do_unlinkat", "rb_nope_nope" };
	struct rb_btf *kv = NULL, *full = NULL;
	struct rb_btf_names r;
	size_t size;
	void *blob = rb_read_file("/sys/kernel/btf/vmlinux", &size);
	unsigned i;

	(void)state;
	if (!blob)
		skip();
	assert_int_equal(rb_btf_parse(blob, size, RB_BTF_F_TRUSTED, NULL, &kv, NULL), 0);
	assert_int_equal(rb_btf_parse(blob, size, 0, NULL, &full, NULL), 0);
	assert_int_equal(rb_btf_names_find(kv, names, 6, NULL, &r), 0);
	for (i = 0; i < 6; i++)
		assert_int_equal(rb_btf_names_get(&r, kv, i, -1, 0),
				 rb_btf_find(full, names[i], -1) < 0 ? -ENOENT :
				 rb_btf_find(full, names[i], -1));
	rb_btf_names_free(&r);
	rb_btf_free(kv);
	rb_btf_free(full);
	free(blob);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_essential_name),
		cmocka_unit_test(test_field_kinds),
		cmocka_unit_test(test_array_elem),
		cmocka_unit_test(test_candidates),
		cmocka_unit_test(test_type_and_enum_kinds),
		cmocka_unit_test(test_patch),
		cmocka_unit_test(test_names_find),
		cmocka_unit_test(test_trusted_filtered),
		cmocka_unit_test(test_attach_names),
		cmocka_unit_test(test_vmlinux_names),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
