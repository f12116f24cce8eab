// SPDX-License-Identifier: BSD-2-Clause
/* object_conventions.c - conventions of libbpf objects that rawbpf follows
 * silently, on the running kernel: a hidden global subprogram is verified
 * in its caller's context (its BTF FUNC made static); an exception
 * callback no call reaches is appended and runs on bpf_throw; a "?"
 * section is not loaded unless asked. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "kernel_features.h"
#include "vmlinux_btf.h"
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

/* bpf_throw's cookie 7 comes back as 107 from exc_cb; the "?" program,
 * which the verifier refuses, is not loaded, then is when asked. */
static void test_exception_callback(void **state)
{
	struct rawbpf_object *obj;
	struct rawbpf_program *opt;

	(void)state;
	rb_require_kernel();
	rb_need(RB_FEAT_KERNEL_BTF);
	if (rb_vmlinux_btf_id("bpf_throw", 12 /* BTF_KIND_FUNC */) <= 0)
		rb_skip_feature("the bpf_throw kfunc in kernel BTF (6.7)");
	assert_int_equal(rawbpf_object_open_file(RB_BPF_OBJ("obj_exception"), NULL, &obj), 0);
	opt = rawbpf_object_find_program(obj, "optional_prog");
	assert_non_null(opt);
	assert_false(rawbpf_program_autoload(opt));
	assert_string_equal(rawbpf_program_section(opt), "socket");
	if (rawbpf_object_load(obj))
		fail_msg("load: %s", rawbpf_object_error(obj));
	assert_int_equal(rawbpf_program_fd(opt), -ENOENT);
	/* 64-byte packet > 10: throws */
	assert_int_equal(rb_obj_run(obj, "throwing"), 107);
	rawbpf_object_close(obj);

	/* asked for: the "?" program loads, and its refusal fails the load */
	assert_int_equal(rawbpf_object_open_file(RB_BPF_OBJ("obj_exception"), NULL, &obj), 0);
	opt = rawbpf_object_find_program(obj, "optional_prog");
	assert_int_equal(rawbpf_program_set_autoload(opt, true), 0);
	assert_int_equal(rawbpf_object_load(obj), -EACCES);
	assert_non_null(strstr(rawbpf_object_error(obj), "optional_prog"));
	rawbpf_object_close(obj);
}

/* obj_conventions: each convention shows in the return value: the
 * bpf_loop callback ran 4 times, the static variables, the string
 * literal, the absent weak kfunc skipped, the present one counted. */
static void test_silent_conventions(void **state)
{
	struct rawbpf_object *obj;
	int rcu;

	(void)state;
	rb_require_kernel();
	rb_need(RB_FEAT_KERNEL_BTF);	/* the kfuncs, even weak, are looked up there */
	rb_need(RB_FEAT_JIT);		/* the bpf_loop callback */
	rcu = rb_have(RB_FEAT_KFUNC_RCU);
	assert_int_equal(rawbpf_object_open_file(RB_BPF_OBJ("obj_conventions"), NULL, &obj), 0);
	assert_non_null(rawbpf_object_find_map(obj, "static_map"));
	if (rawbpf_object_load(obj))
		fail_msg("load: %s", rawbpf_object_error(obj));
	assert_int_equal(rb_obj_run(obj, "conv_prog"), 10 + (rcu ? 100 : 0));
	assert_int_equal(rb_obj_run(obj, "weak_prog"), 5);
	rawbpf_object_close(obj);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hidden_func_static),
		cmocka_unit_test(test_exception_callback),
		cmocka_unit_test(test_silent_conventions),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
