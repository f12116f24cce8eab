// SPDX-License-Identifier: BSD-2-Clause
/* object_load.c - objects written for libbpf load and behave: global data
 * set before load is seen by the program, subprograms return, tail calls
 * land through the initialised prog_array, inner maps are reachable,
 * legacy `maps` work, .rodata is frozen, maps are sized and checked, and
 * autoload/type overrides apply. */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"
#include "kernel_features.h"
#include "objtest.h"
#include "rawbpf/object.h"
#include "rawbpf/sys.h"

static struct rawbpf_object *open_obj(const char *path)
{
	struct rawbpf_object *obj = NULL;
	int err = rawbpf_object_open_file(path, NULL, &obj);

	if (err)
		fail_msg("open %s: %d", path, err);
	return obj;
}

static struct rawbpf_object *load_obj(const char *path)
{
	struct rawbpf_object *obj = open_obj(path);
	int err = rawbpf_object_load(obj);

	if (err)
		fail_msg("load %s: %d %s", path, err, rawbpf_object_error(obj));
	return obj;
}

static void test_globals_before_load(void **state)
{
	struct rawbpf_object *obj;
	uint32_t *rodata, *data, *bss, *extra, k = 0, v = 9;
	size_t size;

	(void)state;
	rb_require_kernel();
	obj = open_obj(RB_BPF_OBJ("obj_globals"));
	rodata = rawbpf_object_global_data(obj, ".rodata", &size);
	assert_non_null(rodata);
	assert_int_equal(size, 4);
	assert_int_equal(*rodata, 1);		/* cfg_mult's initial value */
	data = rawbpf_object_global_data(obj, ".data", &size);
	assert_int_equal(*data, 10);
	*rodata = 5;
	*data = 20;
	assert_null(rawbpf_object_global_data(obj, ".nope", &size));
	assert_int_equal(rawbpf_object_load(obj), 0);
	/* 3 * cfg_mult + data_add, through two subprograms */
	assert_int_equal(rb_obj_run(obj, "globals_prog"), 35);
	bss = rawbpf_object_global_data(obj, ".bss", &size);
	extra = rawbpf_object_global_data(obj, ".data.extra", &size);
	assert_non_null(bss);
	assert_non_null(extra);
	assert_int_equal(*extra, 100);
	assert_int_equal(*bss, 135);
	/* after load: .data written through the mmap is seen */
	data = rawbpf_object_global_data(obj, ".data", &size);
	*data = 1;
	assert_int_equal(rb_obj_run(obj, "globals_prog"), 16);
	/* .rodata is frozen: no writes from user space */
	rodata = rawbpf_object_global_data(obj, ".rodata", &size);
	assert_int_equal(*rodata, 5);
	assert_int_equal(rawbpf_sys_map_update_elem(
		rawbpf_map_fd(rawbpf_object_find_map(obj, ".rodata")), &k, &v,
		BPF_ANY), -EPERM);
	assert_int_equal(rawbpf_map_flags(rawbpf_object_find_map(obj, ".rodata")) &
			 BPF_F_RDONLY_PROG, BPF_F_RDONLY_PROG);
	rawbpf_object_close(obj);
}

static void test_subprogram_and_btf(void **state)
{
	struct rawbpf_object *obj;
	struct rawbpf_program *p;
	struct bpf_prog_info info;
	uint32_t len = sizeof(info);

	(void)state;
	rb_require_kernel();
	obj = load_obj(RB_BPF_OBJ("obj_maps"));
	/* global_square_plus(6) = 37, a global function verified by BTF */
	assert_int_equal(rb_obj_run(obj, "sub_caller"), 37);
	p = rawbpf_object_find_program(obj, "sub_caller");
	memset(&info, 0, sizeof(info));
	assert_int_equal(rawbpf_sys_obj_get_info_by_fd(rawbpf_program_fd(p), &info,
						   &len), 0);
	assert_int_equal(info.nr_func_info, 2);	/* sub_caller + subprogram */
	assert_true(info.nr_line_info > 2);
	assert_true(info.btf_id != 0);
	assert_true(rawbpf_object_btf_fd(obj) > 2);
	/* appended: more instructions than the program's own */
	assert_true(rawbpf_program_insn_count(p) > 23);
	rawbpf_object_close(obj);
}

static void test_tail_call(void **state)
{
	struct rawbpf_object *obj;

	(void)state;
	rb_require_kernel();
	obj = load_obj(RB_BPF_OBJ("obj_maps"));
	/* tail_entry returns 1 unless slot 2 holds tail_target (42) */
	assert_int_equal(rb_obj_run(obj, "tail_entry"), 42);
	rawbpf_object_close(obj);
}

static void test_inner_map(void **state)
{
	struct rawbpf_object *obj;
	uint32_t k = 0, v = 77;

	(void)state;
	rb_require_kernel();
	rb_need(RB_FEAT_FD_ARRAY_LOOKUP);	/* the program reads slot 1 */
	obj = load_obj(RB_BPF_OBJ("obj_maps"));
	assert_int_equal(rawbpf_sys_map_update_elem(
		rawbpf_map_fd(rawbpf_object_find_map(obj, "inner_a")), &k, &v,
		BPF_ANY), 0);
	/* outer[1] was set to inner_a at load */
	assert_int_equal(rb_obj_run(obj, "inner_reader"), 77);
	rawbpf_object_close(obj);
}

static void test_map_sizes(void **state)
{
	struct rawbpf_object *obj;
	struct rawbpf_map *m;
	long ncpu = sysconf(_SC_NPROCESSORS_CONF);

	(void)state;
	rb_require_kernel();
	obj = load_obj(RB_BPF_OBJ("obj_maps"));
	m = rawbpf_object_find_map(obj, "events");
	assert_int_equal(rawbpf_map_max_entries(m), ncpu);
	m = rawbpf_object_find_map(obj, "typed_hash");
	assert_int_equal(rawbpf_map_value_size(m), 16);
	assert_int_equal(rawbpf_map_flags(m), BPF_F_NO_PREALLOC);
	rawbpf_object_close(obj);

	/* a ring buffer whose size is not a power of two is refused by name */
	obj = open_obj(RB_BPF_OBJ("obj_maps"));
	m = rawbpf_object_find_map(obj, "ring");
	assert_int_equal(rawbpf_map_set_max_entries(m, 5000), 0);
	assert_int_equal(rawbpf_object_load(obj), -EINVAL);
	assert_non_null(strstr(rawbpf_object_error(obj), "map ring: ring buffer size 5000"));
	assert_int_equal(rawbpf_map_fd(rawbpf_object_find_map(obj, "typed_hash")),
			 -ENOENT);
	rawbpf_object_close(obj);
}

static void test_btf_value_types(void **state)
{
	struct rawbpf_object *obj;
	struct rawbpf_map *m;
	struct bpf_map_info info;
	uint32_t len = sizeof(info), v;

	(void)state;
	rb_require_kernel();
	obj = load_obj(RB_BPF_OBJ("obj_maps"));
	/* a bpf_spin_lock in the value: only loads with the BTF type ids */
	assert_int_equal(rb_obj_run(obj, "lock_user"), 3);
	assert_int_equal(rb_obj_run(obj, "lock_user"), 6);
	m = rawbpf_object_find_map(obj, "locked_map");
	memset(&info, 0, sizeof(info));
	assert_int_equal(rawbpf_sys_obj_get_info_by_fd(rawbpf_map_fd(m), &info, &len), 0);
	assert_true(info.btf_id != 0);
	assert_true(info.btf_value_type_id != 0);
	assert_int_equal(info.map_flags, BPF_F_NUMA_NODE);
	/* map_extra: the bloom filter's hash count */
	m = rawbpf_object_find_map(obj, "bloom");
	len = sizeof(info);
	memset(&info, 0, sizeof(info));
	assert_int_equal(rawbpf_sys_obj_get_info_by_fd(rawbpf_map_fd(m), &info, &len), 0);
	assert_int_equal(info.map_extra, 3);
	v = 6;	/* pushed by the program: "maybe present" */
	assert_int_equal(rawbpf_sys_map_lookup_elem(rawbpf_map_fd(m), NULL, &v), 0);
	rawbpf_object_close(obj);
}

static void test_legacy_maps(void **state)
{
	struct rawbpf_object *obj;
	struct rawbpf_map *m;
	uint32_t k = 1;
	uint64_t v = 0;

	(void)state;
	rb_require_kernel();
	obj = load_obj(RB_BPF_OBJ("obj_legacy"));
	m = rawbpf_object_find_map(obj, "legacy_counts");
	assert_non_null(m);
	assert_int_equal(rawbpf_map_max_entries(m), 4);
	assert_int_equal(rawbpf_map_set_value_size(m, 16), -EBUSY);
	assert_int_equal(rb_obj_run(obj, "legacy_count"), 5);
	assert_int_equal(rb_obj_run(obj, "legacy_count"), 10);
	assert_int_equal(rawbpf_sys_map_lookup_elem(rawbpf_map_fd(m), &k, &v), 0);
	assert_int_equal(v, 10);
	rawbpf_object_close(obj);

	/* sizes left to the loader: set before load */
	obj = open_obj(RB_BPF_OBJ("obj_legacy"));
	m = rawbpf_object_find_map(obj, "legacy_counts");
	assert_int_equal(rawbpf_map_set_value_size(m, 16), 0);
	assert_int_equal(rawbpf_map_set_max_entries(m, 9), 0);
	assert_int_equal(rawbpf_map_set_value_size(rawbpf_object_find_map(obj, ".bss") ?
		rawbpf_object_find_map(obj, ".bss") : m, 0), -EINVAL);
	assert_int_equal(rawbpf_object_load(obj), 0);
	{
		struct bpf_map_info info;
		uint32_t len = sizeof(info);

		memset(&info, 0, sizeof(info));
		assert_int_equal(rawbpf_sys_obj_get_info_by_fd(rawbpf_map_fd(m), &info, &len), 0);
		assert_int_equal(info.value_size, 16);
		assert_int_equal(info.max_entries, 9);
	}
	assert_int_equal(rb_obj_run(obj, "legacy_count"), 5);
	rawbpf_object_close(obj);
}

static void test_autoload_and_type(void **state)
{
	struct rawbpf_object *obj;
	struct rawbpf_program *custom, *frags;

	(void)state;
	rb_require_kernel();
	obj = open_obj(RB_BPF_OBJ("obj_unknown"));
	custom = rawbpf_object_find_program(obj, "custom_prog");
	frags = rawbpf_object_find_program(obj, "frags_prog");
	assert_int_equal(rawbpf_program_type(custom), BPF_PROG_TYPE_UNSPEC);
	assert_int_equal(rawbpf_program_type(frags), BPF_PROG_TYPE_XDP);
	assert_int_equal(rawbpf_program_flags(frags), BPF_F_XDP_HAS_FRAGS);
	assert_int_equal(rawbpf_program_expected_attach_type(frags), BPF_XDP);
	/* unknown section: an error saying so */
	assert_int_equal(rawbpf_object_load(obj), -EINVAL);
	assert_non_null(strstr(rawbpf_object_error(obj),
			       "unknown section name 'rawbpf_custom/thing'"));
	assert_int_equal(rawbpf_program_fd(frags), -ENOENT);
	/* load only frags_prog */
	assert_int_equal(rawbpf_program_set_autoload(custom, false), 0);
	assert_int_equal(rawbpf_object_load(obj), 0);
	assert_true(rawbpf_program_fd(frags) > 2);
	assert_int_equal(rawbpf_program_fd(custom), -ENOENT);
	assert_int_equal(rawbpf_program_set_autoload(custom, true), -EBUSY);
	rawbpf_object_close(obj);
	/* the type set by hand makes it loadable */
	obj = open_obj(RB_BPF_OBJ("obj_unknown"));
	custom = rawbpf_object_find_program(obj, "custom_prog");
	assert_int_equal(rawbpf_program_set_type(custom,
						 BPF_PROG_TYPE_SOCKET_FILTER, 0), 0);
	assert_int_equal(rawbpf_object_load(obj), 0);
	assert_int_equal(rb_obj_run(obj, "custom_prog"), 3);
	rawbpf_object_close(obj);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_globals_before_load, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_subprogram_and_btf, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_tail_call, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_inner_map, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_map_sizes, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_btf_value_types, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_legacy_maps, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_autoload_and_type, rb_fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
