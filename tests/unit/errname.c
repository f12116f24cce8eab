// SPDX-License-Identifier: BSD-2-Clause
/* errname.c - the library's own error names (no strerror in lib/): the
 * text and symbol of the errors it reports, the first and last entries of
 * the packed table (which would drift apart if its two halves did), and
 * the fallback for an error not in the table. */
#include <errno.h>
#include <string.h>

#include "fixture.h"
#include "core/errname.h"

static void test_names(void **state)
{
	char buf[24];

	(void)state;
	assert_string_equal(RB_ERRSTR(-EPERM), "not permitted (EPERM)");
	assert_string_equal(RB_ERRSTR(EPERM), "not permitted (EPERM)");
	assert_string_equal(RB_ERRSTR(-EACCES), "permission denied (EACCES)");
	assert_string_equal(RB_ERRSTR(-EOPNOTSUPP), "not supported (EOPNOTSUPP)");
	assert_string_equal(RB_ERRSTR(-524),
			    "not supported by the kernel (ENOTSUPP)");
	/* not in the table: the number, in the caller's buffer */
	assert_ptr_equal(rb_errstr(-4095, buf, sizeof(buf)), buf);
	assert_string_equal(buf, "error 4095");
	assert_string_equal(RB_ERRSTR(0), "error 0");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
