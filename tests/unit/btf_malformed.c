// SPDX-License-Identifier: BSD-2-Clause
/* btf_malformed.c - every way a BTF blob can be broken gets its own error
 * reason (and nothing leaks or reads out of bounds: run under ASan). */
#include <errno.h>
#include <string.h>

#include "fixture.h"
#include "btf_blob.h"
#include "btf/btf.h"

static uint8_t buf[65536];

/* Parse a copy of exactly @len bytes (so ASan sees any overread). */
static int parse(const void *data, size_t len, struct rb_btf_error *err)
{
	struct rb_btf *btf = NULL;
	void *copy = test_malloc(len ? len : 1);
	int ret;

	memcpy(copy, data, len);
	ret = rb_btf_parse(copy, len, 0, NULL, &btf, err);
	if (!ret)
		rb_btf_free(btf);
	else
		assert_null(btf);
	test_free(copy);
	return ret;
}

static void expect(const struct rb_tb *b, int reason, int err_no)
{
	struct rb_btf_error err;
	size_t len = rb_tb_blob(b, buf, sizeof(buf));

	assert_int_equal(parse(buf, len, &err), err_no);
	if (err.reason != reason)
		print_message("reason %d msg: %s\n", err.reason, err.msg);
	assert_int_equal(err.reason, reason);
	assert_true(err.msg[0] != 0);
	/* The same blob other-endian fails the same way. */
	rb_tb_swap_blob(buf, len);
	memset(&err, 0, sizeof(err));
	assert_int_equal(parse(buf, len, &err), err_no);
	assert_int_equal(err.reason, reason);
}

static uint32_t add_int(struct rb_tb *b)
{
	uint32_t id = rb_tb_type(b, "int", RB_BTF_KIND_INT, 0, 0, 4);

	rb_tb_word(b, RB_BTF_INT_ENC(RB_BTF_INT_SIGNED, 0, 32));
	return id;
}

/* Header-level damage on a good blob. */
static void test_header(void **state)
{
	struct rb_btf_error err;
	struct rb_tb b;
	uint32_t *w = (uint32_t *)buf;
	size_t len;

	(void)state;
	rb_tb_init(&b);
	add_int(&b);
	len = rb_tb_blob(&b, buf, sizeof(buf));
	assert_int_equal(parse(buf, len, &err), 0);

	assert_int_equal(parse(buf, 23, &err), -EINVAL);
	assert_int_equal(err.reason, RB_BTF_ERR_TRUNCATED_HEADER);
	assert_int_equal(rb_btf_parse(NULL, 0, 0, NULL, &(struct rb_btf *){ 0 }, &err), -EINVAL);
	assert_int_equal(err.reason, RB_BTF_ERR_TRUNCATED_HEADER);

#define BAD(word, val, why) do {                                   \
		uint32_t save = w[word];                              \
		w[word] = (val);                                      \
		assert_int_equal(parse(buf, len, &err), -EINVAL);     \
		assert_int_equal(err.reason, why);                    \
		w[word] = save;                                       \
	} while (0)
	BAD(0, rb_tb_hdr_word(0xeb9e, 1, 0), RB_BTF_ERR_MAGIC);
	BAD(0, rb_tb_hdr_word(0xeb9f, 2, 0), RB_BTF_ERR_VERSION);
	BAD(0, rb_tb_hdr_word(0xeb9f, 1, 1), RB_BTF_ERR_FLAGS);
	BAD(1, 20, RB_BTF_ERR_HDR_LEN);			/* smaller than a header */
	BAD(1, 26, RB_BTF_ERR_HDR_LEN);			/* unaligned */
	BAD(1, (uint32_t)len + 4, RB_BTF_ERR_HDR_LEN);	/* past the blob */
	BAD(1, 28, RB_BTF_ERR_HDR_LEN);			/* nonzero tail (type data) */
	BAD(3, 4096, RB_BTF_ERR_SECTION_BOUNDS);	/* type_len */
	BAD(4, 0xfffffff0, RB_BTF_ERR_SECTION_BOUNDS);	/* str_off (no wrap) */
	BAD(5, 4096, RB_BTF_ERR_SECTION_BOUNDS);	/* str_len */
	BAD(2, 2, RB_BTF_ERR_TYPE_ALIGN);		/* type_off */
	BAD(4, 0, RB_BTF_ERR_SECTION_OVERLAP);		/* str_off inside types */
	BAD(5, 0, RB_BTF_ERR_STR_EMPTY);
	buf[24 + 16] = 'x';
	BAD(4, 16, RB_BTF_ERR_STR_EMPTY);		/* no leading NUL */
	buf[24 + 16] = 0;
	buf[len - 1] = 'x';
	assert_int_equal(parse(buf, len, &err), -EINVAL);
	assert_int_equal(err.reason, RB_BTF_ERR_STR_UNTERMINATED);
#undef BAD
}

static void test_types(void **state)
{
	struct rb_tb b;
	uint32_t i;

	(void)state;
	/* A record cut short. */
	rb_tb_init(&b);
	add_int(&b);
	b.nw--;
	expect(&b, RB_BTF_ERR_TYPE_TRUNCATED, -EINVAL);
	rb_tb_init(&b);
	rb_tb_type(&b, "s", RB_BTF_KIND_STRUCT, 0, 100, 4); /* vlen 100, no members */
	expect(&b, RB_BTF_ERR_TYPE_TRUNCATED, -EINVAL);
	rb_tb_init(&b);
	rb_tb_type(&b, "x", 20, 0, 0, 4);
	expect(&b, RB_BTF_ERR_KIND, -EINVAL);
	rb_tb_init(&b);
	rb_tb_type(&b, "x", 31, 0, 0, 4);
	expect(&b, RB_BTF_ERR_KIND, -EINVAL);

	/* Names out of the string section: type, member, enumerator, param. */
	rb_tb_init(&b);
	add_int(&b);
	b.words[0] = 5000;
	expect(&b, RB_BTF_ERR_NAME_OFF, -EINVAL);
	rb_tb_init(&b);
	add_int(&b);
	rb_tb_type(&b, "s", RB_BTF_KIND_STRUCT, 0, 1, 4);
	rb_tb_word(&b, 9999);
	rb_tb_word(&b, 1);
	rb_tb_word(&b, 0);
	expect(&b, RB_BTF_ERR_NAME_OFF, -EINVAL);
	rb_tb_init(&b);
	rb_tb_type(&b, "e", RB_BTF_KIND_ENUM64, 0, 1, 8);
	rb_tb_word(&b, 9999);
	rb_tb_word(&b, 0);
	rb_tb_word(&b, 0);
	expect(&b, RB_BTF_ERR_NAME_OFF, -EINVAL);

	/* Bad type ids in each kind of reference. */
	for (i = 0; i < 8; i++) {
		rb_tb_init(&b);
		add_int(&b);
		switch (i) {
		case 0:
			rb_tb_type(&b, NULL, RB_BTF_KIND_PTR, 0, 0, 3);
			break;
		case 1:
			rb_tb_type(&b, NULL, RB_BTF_KIND_ARRAY, 0, 0, 0);
			rb_tb_word(&b, 1);
			rb_tb_word(&b, 77);	/* index type */
			rb_tb_word(&b, 1);
			break;
		case 2:
			rb_tb_type(&b, "s", RB_BTF_KIND_UNION, 0, 1, 4);
			rb_tb_word(&b, 0);
			rb_tb_word(&b, 0x00ffffff);
			rb_tb_word(&b, 0);
			break;
		case 3:
			rb_tb_type(&b, NULL, RB_BTF_KIND_FUNC_PROTO, 0, 1, 1);
			rb_tb_word(&b, 0);
			rb_tb_word(&b, 42);
			break;
		case 4:
			rb_tb_type(&b, "f", RB_BTF_KIND_FUNC, 0, 0, 1); /* not a proto */
			break;
		case 5:
			rb_tb_type(&b, "v", RB_BTF_KIND_VAR, 0, 0, 5);
			rb_tb_word(&b, 0);
			break;
		case 6:
			rb_tb_type(&b, ".d", RB_BTF_KIND_DATASEC, 0, 1, 4);
			rb_tb_word(&b, 3);
			rb_tb_word(&b, 0);
			rb_tb_word(&b, 4);
			break;
		case 7:
			rb_tb_type(&b, "t", RB_BTF_KIND_DECL_TAG, 0, 0, 9);
			rb_tb_word(&b, (uint32_t)-1);
			break;
		}
		expect(&b, RB_BTF_ERR_TYPE_ID, -EINVAL);
	}

	/* vlen where a kind has none; bad sizes; bad ints; bad linkage. */
	rb_tb_init(&b);
	add_int(&b);
	rb_tb_type(&b, NULL, RB_BTF_KIND_CONST, 0, 1, 1);
	expect(&b, RB_BTF_ERR_VLEN, -EINVAL);
	rb_tb_init(&b);
	rb_tb_type(&b, "fw", RB_BTF_KIND_FWD, 0, 2, 0);
	expect(&b, RB_BTF_ERR_VLEN, -EINVAL);
	rb_tb_init(&b);
	add_int(&b);
	rb_tb_type(&b, "t", RB_BTF_KIND_DECL_TAG, 0, 0, 1);
	rb_tb_word(&b, (uint32_t)-2);
	expect(&b, RB_BTF_ERR_VLEN, -EINVAL);
	rb_tb_init(&b);
	rb_tb_type(&b, "int", RB_BTF_KIND_INT, 0, 0, 3);
	rb_tb_word(&b, RB_BTF_INT_ENC(0, 0, 8));
	expect(&b, RB_BTF_ERR_SIZE, -EINVAL);
	rb_tb_init(&b);
	rb_tb_type(&b, "f", RB_BTF_KIND_FLOAT, 0, 0, 5);
	expect(&b, RB_BTF_ERR_SIZE, -EINVAL);
	rb_tb_init(&b);
	rb_tb_type(&b, "e", RB_BTF_KIND_ENUM, 0, 0, 3);
	expect(&b, RB_BTF_ERR_SIZE, -EINVAL);
	rb_tb_init(&b);
	add_int(&b);
	rb_tb_type(&b, NULL, RB_BTF_KIND_ARRAY, 0, 0, 4);
	rb_tb_word(&b, 1);
	rb_tb_word(&b, 1);
	rb_tb_word(&b, 1);
	expect(&b, RB_BTF_ERR_SIZE, -EINVAL);
	rb_tb_init(&b);
	rb_tb_type(&b, "int", RB_BTF_KIND_INT, 0, 0, 4);
	rb_tb_word(&b, RB_BTF_INT_ENC(0, 8, 32)); /* offset + bits > 32 */
	expect(&b, RB_BTF_ERR_INT, -EINVAL);
	rb_tb_init(&b);
	rb_tb_type(&b, "int", RB_BTF_KIND_INT, 0, 0, 4);
	rb_tb_word(&b, RB_BTF_INT_ENC(5, 0, 32)); /* signed|bool (signed|char
						     is gcc's char: accepted) */
	expect(&b, RB_BTF_ERR_INT, -EINVAL);
	rb_tb_init(&b);
	rb_tb_type(&b, NULL, RB_BTF_KIND_FUNC_PROTO, 0, 0, 0);
	rb_tb_type(&b, "f", RB_BTF_KIND_FUNC, 0, 3, 1);
	expect(&b, RB_BTF_ERR_LINKAGE, -EINVAL);
	rb_tb_init(&b);
	add_int(&b);
	rb_tb_type(&b, "v", RB_BTF_KIND_VAR, 0, 0, 1);
	rb_tb_word(&b, 7);
	expect(&b, RB_BTF_ERR_LINKAGE, -EINVAL);
}

static void test_loops(void **state)
{
	struct rb_btf *btf;
	struct rb_tb b;
	size_t len;
	uint32_t i;

	(void)state;
	/* typedef a -> const -> typedef a */
	rb_tb_init(&b);
	rb_tb_type(&b, "a", RB_BTF_KIND_TYPEDEF, 0, 0, 2);
	rb_tb_type(&b, NULL, RB_BTF_KIND_CONST, 0, 0, 1);
	expect(&b, RB_BTF_ERR_LOOP, -ELOOP);
	/* a typedef of itself */
	rb_tb_init(&b);
	rb_tb_type(&b, "self", RB_BTF_KIND_TYPEDEF, 0, 0, 1);
	expect(&b, RB_BTF_ERR_LOOP, -ELOOP);
	/* an array of itself, reached from a good typedef */
	rb_tb_init(&b);
	add_int(&b);
	rb_tb_type(&b, "t", RB_BTF_KIND_TYPEDEF, 0, 0, 3);
	rb_tb_type(&b, NULL, RB_BTF_KIND_ARRAY, 0, 0, 0);
	rb_tb_word(&b, 4);
	rb_tb_word(&b, 1);
	rb_tb_word(&b, 2);
	rb_tb_type(&b, NULL, RB_BTF_KIND_VOLATILE, 0, 0, 3);
	expect(&b, RB_BTF_ERR_LOOP, -ELOOP);
	/* a loop closed by a forward reference: 1 -> 3 -> 1 */
	rb_tb_init(&b);
	rb_tb_type(&b, "a", RB_BTF_KIND_TYPEDEF, 0, 0, 3);
	add_int(&b);
	rb_tb_type(&b, NULL, RB_BTF_KIND_PTR, 0, 0, 1);
	expect(&b, RB_BTF_ERR_LOOP, -ELOOP);
	/* no loop, but a chain longer than the 64 every query follows */
	rb_tb_init(&b);
	add_int(&b);
	for (i = 2; i < 72; i++)
		rb_tb_type(&b, NULL, RB_BTF_KIND_CONST, 0, 0, i - 1);
	expect(&b, RB_BTF_ERR_LOOP, -ELOOP);
	/* 60 is fine, and resolves */
	rb_tb_init(&b);
	add_int(&b);
	for (i = 2; i < 62; i++)
		rb_tb_type(&b, NULL, RB_BTF_KIND_CONST, 0, 0, i - 1);
	len = rb_tb_blob(&b, buf, sizeof(buf));
	assert_int_equal(rb_btf_parse(buf, len, 0, NULL, &btf, NULL), 0);
	assert_int_equal(rb_btf_resolve(btf, 61), 1);
	assert_int_equal(rb_btf_size(btf, 61), 4);
	rb_btf_free(btf);
}

/* Every truncation of a good blob fails cleanly (or, for cuts inside the
 * padding-free string table end, with a specific reason). */
static void test_truncations(void **state)
{
	struct rb_btf_error err;
	struct rb_tb b;
	size_t len, cut;

	(void)state;
	rb_tb_init(&b);
	add_int(&b);
	rb_tb_type(&b, "s", RB_BTF_KIND_STRUCT, 0, 1, 4);
	rb_tb_word(&b, rb_tb_str(&b, "m"));
	rb_tb_word(&b, 1);
	rb_tb_word(&b, 0);
	len = rb_tb_blob(&b, buf, sizeof(buf));
	for (cut = 0; cut < len; cut++) {
		memset(&err, 0, sizeof(err));
		assert_int_equal(parse(buf, cut, &err), -EINVAL);
		assert_true(err.reason == RB_BTF_ERR_TRUNCATED_HEADER ||
			    err.reason == RB_BTF_ERR_SECTION_BOUNDS ||
			    err.reason == RB_BTF_ERR_HDR_LEN);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_header),
		cmocka_unit_test(test_types),
		cmocka_unit_test(test_loops),
		cmocka_unit_test(test_truncations),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
