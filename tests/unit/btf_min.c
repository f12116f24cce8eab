// SPDX-License-Identifier: BSD-2-Clause
/* btf_min.c - minimized target BTF (lib/btf/btf_min.c) on hand-built
 * local/target pairs: every relocation kind answers the same against the
 * full and the minimized BTF (offsets through anonymous members and
 * arrays, sizes, existence both ways, enum values, signedness, bitfield
 * shifts, type matches both ways); what is kept (touched members and
 * enumerators, referenced types without members) and dropped (the rest);
 * ids the kernel sees stay in place unless renumbered; refused records;
 * every allocation failing in turn. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "btf_blob.h"
#include "budget.h"
#include "btf/btf.h"
#include "btf/btf_min.h"
#include "btf/core.h"
#include "core/mem.h"

static uint32_t lblob[4096], tblob[4096];
static size_t tlen;
static struct rb_btf *lb, *tb;
static uint32_t l_s, l_e, l_m, l_m2, l_none, l_str[8];
static uint32_t t_s, t_big, t_e, t_m, t_unused, t_fn, t_var;

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

static uint32_t int_type(struct rb_tb *b, const char *name, uint32_t size, unsigned enc)
{
	uint32_t id = rb_tb_type(b, name, RB_BTF_KIND_INT, 0, 0, size);

	rb_tb_word(b, RB_BTF_INT_ENC(enc, 0, size * 8));
	return id;
}

static int setup(void **state)
{
	static const char *acc[] = { "0:1", "0:2", "0:3", "0:0", "0:4:2", "0", "1", "2" };
	struct rb_tb *b = calloc(1, sizeof(*b));
	uint32_t i, li, lu, arr, pbig, ti, tu, tl, proto;
	size_t n;

	(void)state;
	/* local: struct s___v1 { int a; int b; int gone; unsigned bf:3; int arr[4]; },
	 * enum e { E0, E1, EGONE }, struct m { int a; }, struct m2 { int a; long q; },
	 * struct nothere */
	rb_tb_init(b);
	li = int_type(b, "int", 4, RB_BTF_INT_SIGNED);
	lu = int_type(b, "unsigned int", 4, 0);
	arr = rb_tb_type(b, NULL, RB_BTF_KIND_ARRAY, 0, 0, 0);
	rb_tb_word(b, li); rb_tb_word(b, li); rb_tb_word(b, 4);
	l_s = rb_tb_type(b, "s___v1", RB_BTF_KIND_STRUCT, 1, 5, 32);
	member(b, "a", li, 0);
	member(b, "b", li, 32);
	member(b, "gone", li, 64);
	member(b, "bf", lu, 3u << 24 | 96);
	member(b, "arr", arr, 128);
	l_e = rb_tb_type(b, "e", RB_BTF_KIND_ENUM, 0, 3, 4);
	enumerator(b, "E0", 0);
	enumerator(b, "E1", 1);
	enumerator(b, "EGONE", 2);
	l_m = rb_tb_type(b, "m", RB_BTF_KIND_STRUCT, 0, 1, 4);
	member(b, "a", li, 0);
	i = int_type(b, "long", 8, RB_BTF_INT_SIGNED);
	l_m2 = rb_tb_type(b, "m2", RB_BTF_KIND_STRUCT, 0, 2, 16);
	member(b, "a", li, 0);
	member(b, "q", i, 64);
	l_none = rb_tb_type(b, "nothere", RB_BTF_KIND_STRUCT, 0, 0, 4);
	for (i = 0; i < 8; i++)
		l_str[i] = rb_tb_str(b, acc[i]);
	n = rb_tb_blob(b, lblob, sizeof(lblob));
	assert_int_equal(rb_btf_parse(lblob, n, 0, NULL, &lb, NULL), 0);

	/* target: struct s { long pad; int b; struct { int a; }; unsigned bf:5
	 * at bit 203; int arr[8]; struct big *p; }, struct big { int x; },
	 * a UNION s (another kind: no candidate), enum e { E1 = 9, E0 = 1,
	 * E2 = 7 }, struct m { int pad; int a; }, struct m2 { int a; },
	 * struct unused, FUNC do_unlinkat, VAR ksym_var */
	rb_tb_init(b);
	ti = int_type(b, "int", 4, RB_BTF_INT_SIGNED);
	tu = int_type(b, "unsigned int", 4, 0);
	tl = int_type(b, "long", 8, RB_BTF_INT_SIGNED);
	t_unused = rb_tb_type(b, "unused", RB_BTF_KIND_STRUCT, 0, 1, 4);
	member(b, "z", ti, 0);
	t_big = rb_tb_type(b, "big", RB_BTF_KIND_STRUCT, 0, 1, 4);
	member(b, "x", ti, 0);
	pbig = rb_tb_type(b, NULL, RB_BTF_KIND_PTR, 0, 0, t_big);
	i = rb_tb_type(b, NULL, RB_BTF_KIND_STRUCT, 0, 1, 4);
	member(b, "a", ti, 0);
	arr = rb_tb_type(b, NULL, RB_BTF_KIND_ARRAY, 0, 0, 0);
	rb_tb_word(b, ti); rb_tb_word(b, ti); rb_tb_word(b, 8);
	rb_tb_type(b, "s", RB_BTF_KIND_UNION, 0, 0, 4);
	t_s = rb_tb_type(b, "s", RB_BTF_KIND_STRUCT, 1, 6, 72);
	member(b, "pad", tl, 0);
	member(b, "b", ti, 64);
	member(b, NULL, i, 96);
	member(b, "bf", tu, 5u << 24 | 203);
	member(b, "arr", arr, 256);
	member(b, "p", pbig, 512);
	t_e = rb_tb_type(b, "e", RB_BTF_KIND_ENUM, 1, 3, 4);
	enumerator(b, "E1", 9);
	enumerator(b, "E0", 1);
	enumerator(b, "E2", 7);
	t_m = rb_tb_type(b, "m", RB_BTF_KIND_STRUCT, 0, 2, 8);
	member(b, "pad", ti, 0);
	member(b, "a", ti, 32);
	rb_tb_type(b, "m2", RB_BTF_KIND_STRUCT, 0, 1, 4);
	member(b, "a", ti, 0);
	proto = rb_tb_type(b, NULL, RB_BTF_KIND_FUNC_PROTO, 0, 1, ti);
	rb_tb_word(b, rb_tb_str(b, "dfd"));
	rb_tb_word(b, pbig);
	t_fn = rb_tb_type(b, "do_unlinkat", RB_BTF_KIND_FUNC, 0, 0, proto);
	t_var = rb_tb_type(b, "ksym_var", RB_BTF_KIND_VAR, 0, 0, tl);
	rb_tb_word(b, RB_BTF_VAR_GLOBAL_ALLOCATED);
	tlen = rb_tb_blob(b, tblob, sizeof(tblob));
	assert_int_equal(rb_btf_parse(tblob, tlen, 0, NULL, &tb, NULL), 0);
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

struct relo { uint32_t kind, root; int acc; };

/* Every kind, positive and negative answers. */
static const struct relo *relos(uint32_t *n)
{
	static struct relo r[24];
	uint32_t i = 0;

	r[i++] = (struct relo){ RB_CORE_FIELD_BYTE_OFFSET, l_s, 0 };	/* b */
	r[i++] = (struct relo){ RB_CORE_FIELD_EXISTS, l_s, 0 };
	r[i++] = (struct relo){ RB_CORE_FIELD_EXISTS, l_s, 1 };	/* gone */
	r[i++] = (struct relo){ RB_CORE_FIELD_BYTE_OFFSET, l_s, 1 };	/* poison */
	r[i++] = (struct relo){ RB_CORE_FIELD_BYTE_OFFSET, l_s, 2 };	/* bf */
	r[i++] = (struct relo){ RB_CORE_FIELD_BYTE_SIZE, l_s, 2 };
	r[i++] = (struct relo){ RB_CORE_FIELD_SIGNED, l_s, 2 };
	r[i++] = (struct relo){ RB_CORE_FIELD_LSHIFT_U64, l_s, 2 };
	r[i++] = (struct relo){ RB_CORE_FIELD_RSHIFT_U64, l_s, 2 };
	r[i++] = (struct relo){ RB_CORE_FIELD_BYTE_OFFSET, l_s, 3 };	/* a, anon */
	r[i++] = (struct relo){ RB_CORE_FIELD_SIGNED, l_s, 3 };
	r[i++] = (struct relo){ RB_CORE_FIELD_BYTE_OFFSET, l_s, 4 };	/* arr[2] */
	r[i++] = (struct relo){ RB_CORE_TYPE_SIZE, l_s, 5 };
	r[i++] = (struct relo){ RB_CORE_TYPE_EXISTS, l_none, 5 };
	r[i++] = (struct relo){ RB_CORE_TYPE_MATCHES, l_m, 5 };
	r[i++] = (struct relo){ RB_CORE_TYPE_MATCHES, l_m2, 5 };	/* no */
	r[i++] = (struct relo){ RB_CORE_ENUMVAL_VALUE, l_e, 6 };	/* E1 */
	r[i++] = (struct relo){ RB_CORE_ENUMVAL_EXISTS, l_e, 7 };	/* EGONE */
	r[i++] = (struct relo){ RB_CORE_FIELD_SIGNED, l_e, 5 };
	*n = i;
	return r;
}

static struct rb_bpf_core_relo rec(const struct relo *x)
{
	return (struct rb_bpf_core_relo){ .type_id = x->root,
		.access_str_off = l_str[x->acc], .kind = x->kind };
}

/* The loader's candidates: same essential name, compatible kind. */
static uint32_t cands(const struct rb_btf *t, uint32_t root, uint32_t *out)
{
	const char *ln = rb_btf_name(lb, root);
	char name[64];
	unsigned lk = rb_btf_kind(rb_btf_type_by_id(lb, root));
	uint32_t n = 0;
	int id;

	memcpy(name, ln, rb_core_essential_len(ln));
	name[rb_core_essential_len(ln)] = '\0';
	for (id = rb_btf_find(t, name, -1); id > 0 && n < 16;
	     id = rb_btf_find_next(t, name, -1, (uint32_t)id)) {
		unsigned tk = rb_btf_kind(rb_btf_type_by_id(t, (uint32_t)id));

		if (tk == lk || (lk == RB_BTF_KIND_ENUM && tk == RB_BTF_KIND_ENUM))
			out[n++] = (uint32_t)id;
	}
	return n;
}

static void calc(const struct rb_btf *t, const struct relo *x, struct rb_core_res *res)
{
	struct rb_bpf_core_relo r = rec(x);
	uint32_t c[16], n = cands(t, x->root, c);
	char msg[200] = "";

	assert_int_equal(rb_core_calc(lb, &r, t, c, n, res, msg, sizeof(msg)), 0);
}

/* Minimize for every record of relos() (+ names), parse the result. */
static struct rb_btf *minimize(bool renumber, const struct rawbpf_allocator *a,
			       void **raw)
{
	struct rb_btf_min *m;
	struct rb_btf *out;
	uint32_t i, n;
	const struct relo *r = relos(&n);
	size_t size;
	char msg[200];

	assert_int_equal(rb_btf_min_new(tb, a, &m), 0);
	for (i = 0; i < n; i++) {
		struct rb_bpf_core_relo x = rec(&r[i]);

		assert_int_equal(rb_btf_min_core(m, lb, &x, msg, sizeof(msg)), 0);
	}
	assert_int_equal(rb_btf_min_name(m, "do_unlinkat", RB_BTF_KIND_FUNC), 0);
	assert_int_equal(rb_btf_min_name(m, "ksym_var", RB_BTF_KIND_VAR), 0);
	assert_int_equal(rb_btf_min_name(m, "absent", RB_BTF_KIND_FUNC), -ENOENT);
	assert_int_equal(rb_btf_min_emit(m, renumber, raw, &size), 0);
	rb_btf_min_free(m);
	assert_int_equal(rb_btf_parse(*raw, size, 0, a, &out, NULL), 0);
	return out;
}

static void test_same_answers(void **state)
{
	struct rb_core_res full, min;
	struct rb_btf *mb;
	uint32_t i, n;
	const struct relo *r = relos(&n);
	void *raw;

	(void)state;
	mb = minimize(false, NULL, &raw);
	for (i = 0; i < n; i++) {
		calc(tb, &r[i], &full);
		calc(mb, &r[i], &min);
		assert_int_equal(full.new_val, min.new_val);
		assert_int_equal(full.new_sz, min.new_sz);
		assert_int_equal(full.poison, min.poison);
	}
	/* the answers are the interesting ones, not all zero */
	calc(mb, &r[0], &min);
	assert_int_equal(min.new_val, 8);		/* b */
	calc(mb, &r[2], &min);
	assert_int_equal(min.new_val, 0);		/* gone: still gone */
	calc(mb, &r[3], &min);
	assert_true(min.poison);
	calc(mb, &r[7], &min);
	/* lshift, of a 4-byte load at byte 24 (libbpf's rule by byte order) */
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	assert_int_equal(min.new_val, (8 - 4) * 8 + (203 - 192));
#else
	assert_int_equal(min.new_val, 64 - (203 + 5 - 192));
#endif
	calc(mb, &r[8], &min);
	assert_int_equal(min.new_val, 64 - 5);
	calc(mb, &r[9], &min);
	assert_int_equal(min.new_val, 12);		/* a through the anon */
	calc(mb, &r[11], &min);
	assert_int_equal(min.new_val, 32 + 8);		/* arr[2] */
	calc(mb, &r[12], &min);
	assert_int_equal(min.new_val, 72);
	calc(mb, &r[14], &min);
	assert_int_equal(min.new_val, 1);		/* m matches */
	calc(mb, &r[15], &min);
	assert_int_equal(min.new_val, 0);		/* m2 still does not */
	calc(mb, &r[16], &min);
	assert_int_equal(min.new_val, 9);
	calc(mb, &r[17], &min);
	assert_int_equal(min.new_val, 0);
	calc(mb, &r[18], &min);
	assert_int_equal(min.new_val, 1);		/* enum kflag: signed */
	rb_btf_free(mb);
	rb_free(NULL, raw);
}

static unsigned vlen_of(const struct rb_btf *b, const char *name, int kind)
{
	int id = rb_btf_find(b, name, kind);

	assert_true(id > 0);
	return rb_btf_vlen(rb_btf_type_by_id(b, (uint32_t)id));
}

static void test_kept_and_dropped(void **state)
{
	const struct rb_btf_type *t;
	struct rb_btf *mb;
	void *raw;
	int id;

	(void)state;
	mb = minimize(false, NULL, &raw);
	/* struct s: b, the anonymous struct, bf, arr (not pad, not p) */
	id = rb_btf_find(mb, "s", RB_BTF_KIND_STRUCT);
	t = rb_btf_type_by_id(mb, (uint32_t)id);
	assert_int_equal(rb_btf_vlen(t), 4);
	assert_string_equal(rb_btf_str(mb, rb_btf_members(t)[0].name_off), "b");
	assert_int_equal(rb_btf_members(t)[0].offset, 64);
	assert_string_equal(rb_btf_str(mb, rb_btf_members(t)[2].name_off), "bf");
	assert_int_equal(rb_btf_members(t)[2].offset, 5u << 24 | 203);
	assert_true(rb_btf_kflag(t));
	assert_int_equal(t->size, 72);
	assert_int_equal(rb_btf_member_by_name(mb, (uint32_t)id, "pad"), -ENOENT);
	/* enum e: E1 only (EGONE was not found, E0/E2 not asked) */
	assert_int_equal(vlen_of(mb, "e", RB_BTF_KIND_ENUM), 1);
	/* m: the witness a, not pad; m2 never matched: gone */
	assert_int_equal(vlen_of(mb, "m", RB_BTF_KIND_STRUCT), 1);
	assert_int_equal(rb_btf_find(mb, "m2", -1), -ENOENT);
	assert_int_equal(rb_btf_find(mb, "unused", -1), -ENOENT);
	assert_int_equal(rb_btf_find(mb, "s", RB_BTF_KIND_UNION), -ENOENT);
	assert_int_equal(rb_btf_find(mb, "long", -1) > 0, 1);	/* ksym_var's type */
	/* big: reached through do_unlinkat's proto only: size, no members */
	assert_int_equal(vlen_of(mb, "big", RB_BTF_KIND_STRUCT), 0);
	/* ids the kernel sees stay: the FUNC and the VAR */
	assert_int_equal(rb_btf_find(mb, "do_unlinkat", RB_BTF_KIND_FUNC), (int)t_fn);
	assert_int_equal(rb_btf_find(mb, "ksym_var", RB_BTF_KIND_VAR), (int)t_var);
	assert_int_equal(rb_btf_type_cnt(mb), t_var + 1);
	rb_btf_free(mb);
	rb_free(NULL, raw);

	/* renumbered: dense, smaller than the target */
	mb = minimize(true, NULL, &raw);
	assert_true(rb_btf_find(mb, "ksym_var", RB_BTF_KIND_VAR) < (int)t_var);
	assert_true(rb_btf_type_cnt(mb) < rb_btf_type_cnt(tb));
	(void)t_s; (void)t_big; (void)t_e; (void)t_m; (void)t_unused;
	rb_btf_free(mb);
	rb_free(NULL, raw);
}

static void test_target_id_pinned(void **state)
{
	struct rb_bpf_core_relo r = { .type_id = l_s, .kind = RB_CORE_TYPE_ID_TARGET };
	struct rb_btf_min *m;
	struct rb_btf *mb;
	struct rb_core_res res;
	uint32_t c[16];
	char msg[200];
	size_t size;
	void *raw;

	(void)state;
	r.access_str_off = l_str[5];
	assert_int_equal(rb_btf_min_new(tb, NULL, &m), 0);
	assert_int_equal(rb_btf_min_core(m, lb, &r, msg, sizeof(msg)), 0);
	assert_int_equal(rb_btf_min_emit(m, false, &raw, &size), 0);
	rb_btf_min_free(m);
	assert_int_equal(rb_btf_parse(raw, size, 0, NULL, &mb, NULL), 0);
	assert_int_equal(rb_core_calc(lb, &r, mb, c, cands(mb, l_s, c), &res, msg,
				      sizeof(msg)), 0);
	assert_int_equal(res.new_val, t_s);	/* bpf_core_type_id_kernel */
	rb_btf_free(mb);
	rb_free(NULL, raw);
}

static void test_bad_record(void **state)
{
	struct rb_bpf_core_relo r = { .type_id = l_s, .kind = RB_CORE_FIELD_BYTE_OFFSET };
	struct rb_btf_min *m;
	char msg[200];

	(void)state;
	r.access_str_off = l_str[4];
	r.type_id = l_e;	/* an enum cannot take "0:4:2" */
	assert_int_equal(rb_btf_min_new(tb, NULL, &m), 0);
	assert_int_equal(rb_btf_min_core(m, lb, &r, msg, sizeof(msg)), -EINVAL);
	assert_non_null(strstr(msg, "does not fit local type"));
	r.kind = 99;
	assert_int_equal(rb_btf_min_core(m, lb, &r, msg, sizeof(msg)), -EINVAL);
	rb_btf_min_free(m);
}

/* Nothing asked (or only absent names): an empty BTF that parses. */
static void test_empty(void **state)
{
	struct rb_btf_min *m;
	struct rb_btf *mb;
	size_t size;
	void *raw;

	(void)state;
	assert_int_equal(rb_btf_min_new(tb, NULL, &m), 0);
	assert_int_equal(rb_btf_min_name(m, "dummy_file_read", RB_BTF_KIND_FUNC), -ENOENT);
	assert_int_equal(rb_btf_min_emit(m, false, &raw, &size), 0);
	rb_btf_min_free(m);
	assert_int_equal(size, sizeof(struct rb_btf_header) + 1);
	assert_int_equal(rb_btf_parse(raw, size, 0, NULL, &mb, NULL), 0);
	assert_int_equal(rb_btf_type_cnt(mb), 1);
	rb_btf_free(mb);
	rb_free(NULL, raw);
}

static void test_alloc_fail(void **state)
{
	uint32_t i, n;
	const struct relo *r = relos(&n);
	long k;

	(void)state;
	for (k = 0;; k++) {
		struct budget b = { .left = k };
		struct rawbpf_allocator a = rb_budget_allocator(&b);
		struct rb_btf_min *m = NULL;
		char msg[200];
		void *raw = NULL;
		size_t size;
		int err = rb_btf_min_new(tb, &a, &m);

		for (i = 0; !err && i < n; i++) {
			struct rb_bpf_core_relo x = rec(&r[i]);

			err = rb_btf_min_core(m, lb, &x, msg, sizeof(msg));
		}
		if (!err)
			err = rb_btf_min_emit(m, false, &raw, &size);
		rb_btf_min_free(m);
		if (!err) {
			rb_free(&a, raw);
			assert_int_equal(b.live, 0);
			assert_true(k > 3);	/* the walk reached the end */
			break;
		}
		assert_int_equal(err, -ENOMEM);
		assert_int_equal(b.live, 0);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_answers),
		cmocka_unit_test(test_kept_and_dropped),
		cmocka_unit_test(test_target_id_pinned),
		cmocka_unit_test(test_bad_record),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_alloc_fail),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
