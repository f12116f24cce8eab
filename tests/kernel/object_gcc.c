// SPDX-License-Identifier: BSD-2-Clause
/* object_gcc.c - test programs compiled by bpf-gcc (12) load and run:
 * legacy maps, global data (gcc 12 puts const volatile in .data and writes
 * symbol values into ld_imm64), static subprograms, BTF maps; its BTF is
 * rewritten where the kernel refuses gcc's forms. */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"
#include "objtest.h"
#include "rawbpf/object.h"
#include "rawbpf/sys.h"

static struct rawbpf_object *open_gcc(const char *path)
{
	struct rawbpf_object *obj = NULL;

	if (access(path, R_OK))
		rb_skip_feature("bpf-gcc objects (gcc-bpf not installed)");
	assert_int_equal(rawbpf_object_open_file(path, NULL, &obj), 0);
	return obj;
}

static void test_gcc_legacy(void **state)
{
	struct rawbpf_object *obj;

	(void)state;
	rb_require_kernel();
	obj = open_gcc(RB_BPF_OBJ("gcc_obj_legacy"));
	assert_int_equal(rawbpf_object_load(obj), 0);
	assert_int_equal(rb_obj_run(obj, "legacy_count"), 5);
	assert_int_equal(rb_obj_run(obj, "legacy_count"), 10);
	rawbpf_object_close(obj);
}

static void test_gcc_globals(void **state)
{
	struct rawbpf_object *obj;
	uint32_t *data, *bss;
	size_t size;

	(void)state;
	rb_require_kernel();
	obj = open_gcc(RB_BPF_OBJ("gcc_obj_globals"));
	data = rawbpf_object_global_data(obj, ".data", &size);
	assert_non_null(data);
	assert_int_equal(size, 8);	/* data_add, then cfg_mult */
	assert_int_equal(data[0], 10);
	assert_int_equal(data[1], 1);
	data[0] = 20;
	data[1] = 4;
	assert_int_equal(rawbpf_object_load(obj), 0);
	assert_true(rawbpf_object_btf_fd(obj) > 2);	/* after the rewrites */
	assert_int_equal(rb_obj_run(obj, "globals_prog"), 3 * 4 + 20);
	bss = rawbpf_object_global_data(obj, ".bss", &size);
	assert_non_null(bss);
	assert_int_equal(*bss, 32 + 100);
	rawbpf_object_close(obj);
}

static void test_gcc_btf_maps_and_failure(void **state)
{
	struct rawbpf_object *obj;
	struct rawbpf_program *bad;

	(void)state;
	rb_require_kernel();
	obj = open_gcc(RB_BPF_OBJ("gcc_obj_bad"));
	assert_int_equal(rawbpf_map_type(rawbpf_object_find_map(obj, "bad_map")),
			 BPF_MAP_TYPE_HASH);
	assert_int_equal(rawbpf_object_load(obj), -EACCES);
	assert_non_null(strstr(rawbpf_object_error(obj),
			       "program bad_prog (section socket"));
	assert_non_null(strstr(rawbpf_object_error(obj), "map_value_or_null"));
	bad = rawbpf_object_find_program(obj, "bad_prog");
	assert_int_equal(rawbpf_program_set_autoload(bad, false), 0);
	assert_int_equal(rawbpf_object_load(obj), 0);
	assert_int_equal(rb_obj_run(obj, "good_prog"), 1);
	rawbpf_object_close(obj);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_gcc_legacy, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_gcc_globals, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_gcc_btf_maps_and_failure, rb_fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
