// SPDX-License-Identifier: BSD-2-Clause
/* object_conventions.c - conventions of libbpf objects that rawbpf follows
 * silently, on the running kernel: a hidden global subprogram is verified
 * in its caller's context (its BTF FUNC made static). */
#include <errno.h>
#include <string.h>

#include "fixture.h"
#include "objtest.h"
#include "rawbpf/object.h"

/* set_zero writes through a pointer to its caller's stack: accepted only
 * as a static function; the socket program sees the 0 it wrote. */
static void test_hidden_func_static(void **state)
{
	struct rawbpf_object *obj;

	(void)state;
	rb_require_kernel();
	assert_int_equal(rawbpf_object_open_file(RB_BPF_OBJ("obj_hidden"), NULL, &obj), 0);
	if (rawbpf_object_load(obj))
		fail_msg("load: %s", rawbpf_object_error(obj));
	assert_true(rawbpf_program_fd(rawbpf_object_find_program(obj, "prog")) > 2);
	assert_int_equal(rb_obj_run(obj, "hidden_sock"), 42);
	rawbpf_object_close(obj);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hidden_func_static),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
