// SPDX-License-Identifier: BSD-2-Clause
/* parse_int.c - rb_parse_i64 / rb_parse_u64 (lib/core/parse_int.h): the
 * three bases, both signs, the exact limits and one past them, garbage
 * anywhere in the string, and that only the given bytes are read and
 * *out is left alone on failure. */
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "fixture.h"
#include "core/parse_int.h"

/* rb_parse_i64 of the C string @s: its result, the value in *@v. */
static int i64(const char *s, int64_t *v)
{
	*v = 12345;
	return rb_parse_i64(s, strlen(s), v);
}

static int u64(const char *s, uint64_t *v)
{
	*v = 12345;
	return rb_parse_u64(s, strlen(s), v);
}

static void test_bases_and_signs(void **state)
{
	int64_t v;

	(void)state;
	assert_int_equal(i64("0", &v), 0);
	assert_int_equal(v, 0);
	assert_int_equal(i64("-0", &v), 0);
	assert_int_equal(v, 0);
	assert_int_equal(i64("42", &v), 0);
	assert_int_equal(v, 42);
	assert_int_equal(i64("+42", &v), 0);
	assert_int_equal(v, 42);
	assert_int_equal(i64("-8", &v), 0);
	assert_int_equal(v, -8);
	assert_int_equal(i64("0x1F", &v), 0);
	assert_int_equal(v, 31);
	assert_int_equal(i64("0XaB", &v), 0);
	assert_int_equal(v, 171);
	assert_int_equal(i64("-0x10", &v), 0);
	assert_int_equal(v, -16);
	assert_int_equal(i64("017", &v), 0);	/* octal, as C reads it */
	assert_int_equal(v, 15);
	assert_int_equal(i64("-010", &v), 0);
	assert_int_equal(v, -8);
}

static void test_limits(void **state)
{
	uint64_t u;
	int64_t v;

	(void)state;
	assert_int_equal(i64("9223372036854775807", &v), 0);
	assert_true(v == INT64_MAX);
	assert_int_equal(i64("-9223372036854775808", &v), 0);
	assert_true(v == INT64_MIN);
	assert_int_equal(i64("0x7fffffffffffffff", &v), 0);
	assert_true(v == INT64_MAX);
	assert_int_equal(i64("-0x8000000000000000", &v), 0);
	assert_true(v == INT64_MIN);
	/* one past: an error, not strtoll's clamp; *out untouched */
	assert_int_equal(i64("9223372036854775808", &v), -ERANGE);
	assert_int_equal(v, 12345);
	assert_int_equal(i64("-9223372036854775809", &v), -ERANGE);
	assert_int_equal(i64("0x8000000000000000", &v), -ERANGE);
	assert_int_equal(i64("99999999999999999999999", &v), -ERANGE);
	assert_int_equal(v, 12345);

	assert_int_equal(u64("18446744073709551615", &u), 0);
	assert_true(u == UINT64_MAX);
	assert_int_equal(u64("0xffffffffffffffff", &u), 0);
	assert_true(u == UINT64_MAX);
	assert_int_equal(u64("01777777777777777777777", &u), 0);
	assert_true(u == UINT64_MAX);
	assert_int_equal(u64("18446744073709551616", &u), -ERANGE);
	assert_int_equal(u64("0x10000000000000000", &u), -ERANGE);
	assert_int_equal(u64("02000000000000000000000", &u), -ERANGE);
	assert_int_equal(u, 12345);
}

static void test_garbage(void **state)
{
	static const char *const bad[] = {
		"", "-", "+", "0x", "-0x", "x1", "08", "0x1g", "12a", "1 ",
		" 1", "\t1", "--1", "+-1", "1-", "0b1", "1.0", "1e3", "%rax",
		"(%rbp)",
	};
	uint64_t u;
	int64_t v;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(i64(bad[i], &v), -EINVAL);
		assert_int_equal(v, 12345);
		assert_int_equal(u64(bad[i], &u), -EINVAL);
		assert_int_equal(u, 12345);
	}
	/* unsigned: no minus */
	assert_int_equal(u64("-1", &u), -EINVAL);
	assert_int_equal(u64("+7", &u), 0);
	assert_int_equal(u, 7);
}

static void test_length_bounds(void **state)
{
	int64_t v;

	(void)state;
	/* only @len bytes: the rest of "16@%rax" is not read */
	assert_int_equal(rb_parse_i64("16@%rax", 2, &v), 0);
	assert_int_equal(v, 16);
	assert_int_equal(rb_parse_i64("-4@x", 2, &v), 0);
	assert_int_equal(v, -4);
	assert_int_equal(rb_parse_i64("0x10", 3, &v), 0);	/* "0x1" */
	assert_int_equal(v, 1);
	assert_int_equal(rb_parse_i64("0x10", 2, &v), -EINVAL);	/* "0x" */
	assert_int_equal(rb_parse_i64("5", 0, &v), -EINVAL);
	assert_int_equal(rb_parse_i64(NULL, 0, &v), -EINVAL);
}

static void test_errno_kept(void **state)
{
	int64_t v;

	(void)state;
	errno = 1234;
	assert_int_equal(i64("99999999999999999999", &v), -ERANGE);
	assert_int_equal(i64("junk", &v), -EINVAL);
	assert_int_equal(i64("7", &v), 0);
	assert_int_equal(errno, 1234);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bases_and_signs),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_garbage),
		cmocka_unit_test(test_length_bounds),
		cmocka_unit_test(test_errno_kept),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
