// SPDX-License-Identifier: BSD-2-Clause
/* object_verifier_log.c - verifier_log_level 1 and 2 keep the verifier's
 * log after a successful load (the kernel got a buffer and the level); at
 * level 0 a successful load keeps none. */
#include <string.h>

#include "fixture.h"
#include "rawbpf/object.h"

/* Load obj_globals at @level; the log of globals_prog after success. */
static void load_at(uint32_t level, char *out, size_t size)
{
	RAWBPF_OPTS(rawbpf_object_open_opts, o, .verifier_log_level = level);
	struct rawbpf_object *obj = NULL;
	struct rawbpf_program *p;

	assert_int_equal(rawbpf_object_open_file(RB_BPF_OBJ("obj_globals"), &o,
						 &obj), 0);
	assert_int_equal(rawbpf_object_load(obj), 0);
	p = rawbpf_object_find_program(obj, "globals_prog");
	assert_non_null(p);
	assert_true(rawbpf_program_fd(p) >= 0);
	assert_int_equal(rawbpf_program_error(p), 0);
	snprintf(out, size, "%s", rawbpf_program_log(p));
	rawbpf_object_close(obj);
}

static void test_level_0_keeps_nothing(void **state)
{
	char log[8192];

	(void)state;
	rb_require_kernel();
	load_at(0, log, sizeof(log));
	assert_string_equal(log, "");
}

static void test_level_1_keeps_log(void **state)
{
	char log[8192];

	(void)state;
	rb_require_kernel();
	load_at(1, log, sizeof(log));
	/* level 1 ends with the verifier's statistics */
	assert_non_null(strstr(log, "processed "));
	assert_non_null(strstr(log, " insns"));
}

static void test_level_2_keeps_log(void **state)
{
	char one[8192], two[65536];

	(void)state;
	rb_require_kernel();
	load_at(1, one, sizeof(one));
	load_at(2, two, sizeof(two));
	assert_non_null(strstr(two, "processed "));
	/* level 2 also prints every verified instruction state: longer */
	assert_true(strlen(two) > strlen(one));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_level_0_keeps_nothing,
					  rb_fixture_teardown),
		cmocka_unit_test_teardown(test_level_1_keeps_log,
					  rb_fixture_teardown),
		cmocka_unit_test_teardown(test_level_2_keeps_log,
					  rb_fixture_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
