// SPDX-License-Identifier: BSD-2-Clause
/* btf_sanitize.c - rewriting kinds older kernels reject: each flag changes
 * exactly its kinds, ids stay valid, and the result parses again. */
#include <errno.h>
#include <string.h>

#include "fixture.h"
#include "btf_blob.h"
#include "btf/btf.h"

static uint32_t blob[4096];

static struct rb_btf *open_copy(void)
{
	size_t len = rb_tb_all_kinds(blob, sizeof(blob));
	struct rb_btf *btf;

	assert_int_equal(rb_btf_parse(blob, len, RB_BTF_F_COPY, NULL, &btf, NULL), 0);
	return btf;
}

/* Re-parse the raw bytes (what BTF_LOAD would get). */
static struct rb_btf *reparse(const struct rb_btf *btf)
{
	struct rb_btf_error err;
	struct rb_btf *again;
	uint32_t len;
	const void *raw = rb_btf_raw(btf, &len);

	if (rb_btf_parse(raw, len, RB_BTF_F_COPY, NULL, &again, &err))
		fail_msg("sanitised BTF does not parse: %s", err.msg);
	return again;
}

static unsigned kind_of(const struct rb_btf *btf, uint32_t id)
{
	return rb_btf_kind(rb_btf_type_by_id(btf, id));
}

static void test_needed(void **state)
{
	struct rb_btf *btf = open_copy();

	(void)state;
	assert_int_equal(rb_btf_sanitize_needed(btf),
			 RB_BTF_SAN_ALL & ~RB_BTF_SAN_QMARK_DATASEC);
	rb_btf_free(btf);
}

static void test_all(void **state)
{
	struct rb_btf *btf = open_copy(), *again;
	const struct rb_btf_type *t;
	uint32_t id;
	int n;

	(void)state;
	n = rb_btf_sanitize(btf, RB_BTF_SAN_ALL);
	/* func args, var, datasec, proto, func, float, decl_tag, type_tag, enum64 */
	assert_int_equal(n, 9);
	again = reparse(btf);
	assert_int_equal(rb_btf_sanitize_needed(again), 0);
	/* One placeholder INT was added for the ENUM64. */
	assert_int_equal(rb_btf_type_cnt(again), TB_COUNT + 1);
	assert_string_equal(rb_btf_name(again, TB_COUNT), "enum64_placeholder");
	assert_int_equal(rb_btf_size(again, TB_COUNT), 1);

	assert_int_equal(kind_of(again, TB_VAR), RB_BTF_KIND_INT);
	assert_string_equal(rb_btf_name(again, TB_VAR), "v");
	t = rb_btf_type_by_id(again, TB_DATASEC);
	assert_int_equal(rb_btf_kind(t), RB_BTF_KIND_STRUCT);
	assert_string_equal(rb_btf_name(again, TB_DATASEC), "_data");
	assert_int_equal(rb_btf_members(t)[0].type, TB_VAR);
	assert_string_equal(rb_btf_str(again, rb_btf_members(t)[0].name_off), "v");
	assert_int_equal(kind_of(again, TB_FUNC), RB_BTF_KIND_TYPEDEF);
	t = rb_btf_type_by_id(again, TB_PROTO);
	assert_int_equal(rb_btf_kind(t), RB_BTF_KIND_ENUM);
	assert_int_equal(t->size, 4);
	assert_string_equal(rb_btf_str(again, rb_btf_enums(t)[0].name_off), "a");
	/* The unnamed parameter got a name: enumerators must have one. */
	assert_string_equal(rb_btf_str(again, rb_btf_enums(t)[1].name_off), "__anon_param");
	t = rb_btf_type_by_id(again, TB_FLOAT);
	assert_int_equal(rb_btf_kind(t), RB_BTF_KIND_STRUCT);
	assert_int_equal(t->name_off, 0);
	assert_int_equal(rb_btf_size(again, TB_FLOAT), 8);
	assert_int_equal(kind_of(again, TB_DECL_TAG), RB_BTF_KIND_INT);
	t = rb_btf_type_by_id(again, TB_TYPE_TAG);
	assert_int_equal(rb_btf_kind(t), RB_BTF_KIND_CONST);
	assert_int_equal(t->type, TB_INT);
	t = rb_btf_type_by_id(again, TB_ENUM64);
	assert_int_equal(rb_btf_kind(t), RB_BTF_KIND_UNION);
	assert_int_equal(rb_btf_members(t)[0].type, TB_COUNT);
	assert_int_equal(rb_btf_size(again, TB_ENUM64), 8);
	/* Everything else is untouched. */
	for (id = 1; id <= RB_BTF_KIND_MAX; id++)
		if (id != TB_VAR && id != TB_DATASEC && id != TB_FUNC && id != TB_PROTO &&
		    id != TB_FLOAT && id != TB_DECL_TAG && id != TB_TYPE_TAG &&
		    id != TB_ENUM64)
			assert_int_equal(kind_of(again, id), id);
	/* The name index follows the rewrite. */
	assert_int_equal(rb_btf_find(again, "_data", RB_BTF_KIND_STRUCT), TB_DATASEC);
	rb_btf_free(again);
	rb_btf_free(btf);
}

/* Each flag alone changes only its own kinds. */
static void test_one_by_one(void **state)
{
	static const struct { uint32_t flag; uint32_t id; unsigned kind; } cases[] = {
		{ RB_BTF_SAN_DECL_TAG, TB_DECL_TAG, RB_BTF_KIND_INT },
		{ RB_BTF_SAN_TYPE_TAG, TB_TYPE_TAG, RB_BTF_KIND_CONST },
		{ RB_BTF_SAN_FLOAT, TB_FLOAT, RB_BTF_KIND_STRUCT },
		{ RB_BTF_SAN_ENUM64, TB_ENUM64, RB_BTF_KIND_UNION },
		{ RB_BTF_SAN_FUNC_GLOBAL, TB_FUNC, RB_BTF_KIND_FUNC },
	};
	unsigned i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct rb_btf *btf = open_copy(), *again;

		assert_int_equal(rb_btf_sanitize(btf, cases[i].flag), 1);
		again = reparse(btf);
		assert_int_equal(kind_of(again, cases[i].id), cases[i].kind);
		assert_int_equal(rb_btf_sanitize_needed(again) & cases[i].flag, 0);
		if (cases[i].flag == RB_BTF_SAN_FUNC_GLOBAL)
			assert_int_equal(rb_btf_vlen(rb_btf_type_by_id(again, TB_FUNC)),
					 RB_BTF_FUNC_STATIC);
		/* the other new kinds are still there */
		assert_int_equal(kind_of(again, TB_VAR), RB_BTF_KIND_VAR);
		assert_int_equal(kind_of(again, TB_PROTO), RB_BTF_KIND_FUNC_PROTO);
		/* ENUM's kind_flag is cleared only with ENUM64 */
		rb_btf_free(again);
		rb_btf_free(btf);
	}
}

static void test_qmark_and_enum_kflag(void **state)
{
	static uint32_t b2[1024];
	struct rb_btf *btf, *again;
	struct rb_tb b;
	size_t len;

	(void)state;
	rb_tb_init(&b);
	rb_tb_type(&b, "?.struct_ops", RB_BTF_KIND_DATASEC, 0, 0, 0);
	rb_tb_type(&b, "sgn", RB_BTF_KIND_ENUM, 1, 1, 4);
	rb_tb_word(&b, rb_tb_str(&b, "NEG"));
	rb_tb_word(&b, (uint32_t)-5);
	len = rb_tb_blob(&b, b2, sizeof(b2));
	assert_int_equal(rb_btf_parse(b2, len, RB_BTF_F_COPY, NULL, &btf, NULL), 0);
	assert_int_equal(rb_btf_sanitize_needed(btf), RB_BTF_SAN_DATASEC |
			 RB_BTF_SAN_QMARK_DATASEC | RB_BTF_SAN_ENUM64);
	assert_int_equal(rb_btf_sanitize(btf, RB_BTF_SAN_QMARK_DATASEC |
					 RB_BTF_SAN_ENUM64), 2);
	again = reparse(btf);
	assert_string_equal(rb_btf_name(again, 1), "_.struct_ops");
	assert_false(rb_btf_kflag(rb_btf_type_by_id(again, 2)));
	assert_int_equal(rb_btf_sanitize_needed(again), RB_BTF_SAN_DATASEC);
	/* nothing asked for, nothing changed */
	assert_int_equal(rb_btf_sanitize(again, 0), 0);
	rb_btf_free(again);
	rb_btf_free(btf);
}

static void test_guess(void **state)
{
	struct rb_btf *btf = open_copy();
	uint32_t all = rb_btf_sanitize_needed(btf);

	(void)state;
	assert_int_equal(rb_btf_sanitize_guess(btf, "[17] DECL_TAG tag type=4 Invalid kind"),
			 RB_BTF_SAN_DECL_TAG);
	assert_int_equal(rb_btf_sanitize_guess(btf, "a\n[1] INT\n[18] TYPE_TAG user x\n"),
			 RB_BTF_SAN_TYPE_TAG);
	assert_int_equal(rb_btf_sanitize_guess(btf, "[12] FUNC f type_id=13 Invalid arg#2"),
			 RB_BTF_SAN_FUNC_ARGS);
	assert_int_equal(rb_btf_sanitize_guess(btf, "[19] ENUM64"), RB_BTF_SAN_ENUM64);
	assert_int_equal(rb_btf_sanitize_guess(btf, "[16] FLOAT"), RB_BTF_SAN_FLOAT);
	assert_int_equal(rb_btf_sanitize_guess(btf, "[14] VAR"), RB_BTF_SAN_DATASEC);
	assert_int_equal(rb_btf_sanitize_guess(btf, "[13] FUNC_PROTO"), RB_BTF_SAN_FUNC);
	/* no usable id: everything that is present */
	assert_int_equal(rb_btf_sanitize_guess(btf, NULL), all);
	assert_int_equal(rb_btf_sanitize_guess(btf, "Invalid magic"), all);
	assert_int_equal(rb_btf_sanitize_guess(btf, "[99999999999]"), all);
	assert_int_equal(rb_btf_sanitize_guess(btf, "[1] INT int"), all);
	assert_int_equal(rb_btf_sanitize_guess(btf, "[15"), all);
	/* after naming the args the FUNC is blamed for its linkage */
	assert_int_equal(rb_btf_sanitize(btf, RB_BTF_SAN_FUNC_ARGS), 1);
	assert_int_equal(rb_btf_sanitize_guess(btf, "[12] FUNC f"), RB_BTF_SAN_FUNC_GLOBAL);
	assert_int_equal(rb_btf_datasec_find_var(btf, TB_DATASEC, "v"), TB_VAR);
	assert_int_equal(rb_btf_datasec_find_var(btf, TB_DATASEC, "w"), -ENOENT);
	assert_int_equal(rb_btf_datasec_find_var(btf, TB_VAR, "v"), -EINVAL);
	rb_btf_free(btf);
}

static void test_view_refused(void **state)
{
	size_t len = rb_tb_all_kinds(blob, sizeof(blob));
	struct rb_btf *btf;

	(void)state;
	assert_int_equal(rb_btf_parse(blob, len, 0, NULL, &btf, NULL), 0);
	assert_int_equal(rb_btf_sanitize(btf, RB_BTF_SAN_ALL), -EPERM);
	assert_int_equal(rb_btf_add_str(btf, "x"), -EPERM);
	rb_btf_free(btf);
}

/* An allocator that fails after @budget allocations: sanitising needs two
 * (a string, a type) and must fail cleanly when they are refused. */
static int budget;
static void *lim_alloc(void *ctx, size_t n)
{
	(void)ctx;
	return budget-- > 0 ? test_calloc(1, n) : NULL;
}
static void lim_free(void *ctx, void *p, size_t n)
{
	(void)ctx;
	(void)n;
	test_free(p);
}

static void test_nomem(void **state)
{
	const struct rawbpf_allocator a = { .alloc = lim_alloc, .free = lim_free };
	size_t len = rb_tb_all_kinds(blob, sizeof(blob));
	struct rb_btf_error err;
	struct rb_btf *btf;
	int i, ret, ok = 0;

	(void)state;
	/* Parse and sanitise with every allocation count until it works. */
	for (i = 0; i < 40 && !ok; i++) {
		budget = i;
		ret = rb_btf_parse(blob, len, RB_BTF_F_COPY, &a, &btf, &err);
		if (ret) {
			assert_int_equal(ret, -ENOMEM);
			assert_int_equal(err.reason, RB_BTF_ERR_NOMEM);
			continue;
		}
		ret = rb_btf_sanitize(btf, RB_BTF_SAN_ALL);
		assert_true(ret == 9 || ret == -ENOMEM);
		ok = ret == 9;
		rb_btf_free(btf);
	}
	assert_true(ok);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_needed),
		cmocka_unit_test(test_all),
		cmocka_unit_test(test_one_by_one),
		cmocka_unit_test(test_qmark_and_enum_kflag),
		cmocka_unit_test(test_guess),
		cmocka_unit_test(test_view_refused),
		cmocka_unit_test(test_nomem),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
