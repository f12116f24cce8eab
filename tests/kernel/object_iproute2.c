// SPDX-License-Identifier: BSD-2-Clause
/* object_iproute2.c - maps in iproute2's struct bpf_elf_map layout
 * (tests/bpf/maps_iproute2.bpf.c): PIN_GLOBAL_NS pins at
 * <pin root>/tc/globals/<name> and the next object reuses it, PIN_OBJECT_NS
 * at <pin root>/tc/<object name>/<name> (shared by objects of that name
 * only), inner_id/inner_idx fill the outer map's slot, a failed load
 * removes the pins it made, and a pin root off bpffs is refused. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"
#include "kernel_features.h"
#include "objtest.h"
#include "rawbpf/object.h"
#include "rawbpf/sys.h"

static struct rawbpf_object *open_named(const char *dir, const char *name)
{
	RAWBPF_OPTS(rawbpf_object_open_opts, o, .pin_root = dir, .name = name);
	struct rawbpf_object *obj = NULL;

	assert_int_equal(rawbpf_object_open_file(RB_BPF_OBJ("maps_iproute2"), &o,
						 &obj), 0);
	return obj;
}

static int map_fd(struct rawbpf_object *obj, const char *name)
{
	struct rawbpf_map *m = rawbpf_object_find_map(obj, name);

	assert_non_null(m);
	return rawbpf_map_fd(m);
}

static void test_pin_global_and_object(void **state)
{
	char dir[256], global[320], per_obj[320], other[320];
	struct rawbpf_object *a, *b, *c;
	struct rawbpf_map *m;
	uint32_t zero = 0, slot = 2, inner_id;
	uint64_t five = 5;
	int pinned, run;

	(void)state;
	rb_require_kernel();
	assert_int_equal(rb_bpffs_dir(dir, sizeof(dir)), 0);
	snprintf(global, sizeof(global), "%s/tc/globals/rb_tc_global", dir);
	snprintf(per_obj, sizeof(per_obj), "%s/tc/maps_iproute2/rb_tc_object", dir);
	snprintf(other, sizeof(other), "%s/tc/other/rb_tc_object", dir);

	/* first load: both pins made, in iproute2's places */
	a = open_named(dir, NULL);
	assert_int_equal(rawbpf_object_load(a), 0);
	m = rawbpf_object_find_map(a, "rb_tc_global");
	assert_false(rawbpf_map_reused(m));
	assert_string_equal(rawbpf_map_pin_path(m), global);
	assert_string_equal(rawbpf_map_pin_path(rawbpf_object_find_map(a, "rb_tc_object")),
			    per_obj);
	assert_null(rawbpf_map_pin_path(rawbpf_object_find_map(a, "rb_tc_inner")));
	pinned = rawbpf_sys_obj_get(global, NULL);
	assert_true(pinned >= 0);
	assert_int_equal(rb_obj_map_id(pinned), rb_obj_map_id(map_fd(a, "rb_tc_global")));
	close(pinned);
	assert_int_equal(access(per_obj, F_OK), 0);
	/* inner_idx 2 of the outer map holds the map with id 42 (a 32-bit
	 * 6.1 kernel cannot look slot 2 up: kernel_features.c) */
	if (rb_have(RB_FEAT_FD_ARRAY_LOOKUP)) {
		assert_int_equal(rawbpf_sys_map_lookup_elem(map_fd(a, "rb_tc_outer"),
							    &slot, &inner_id), 0);
		assert_int_equal(inner_id, rb_obj_map_id(map_fd(a, "rb_tc_inner")));
	}
	assert_int_equal(rawbpf_sys_map_lookup_elem(map_fd(a, "rb_tc_outer"), &zero,
						&inner_id), -ENOENT);
	assert_int_equal(rb_obj_run(a, "tc_count"), 1);
	assert_int_equal(rawbpf_sys_map_update_elem(map_fd(a, "rb_tc_inner"), &zero,
						&five, BPF_ANY), 0);
	run = rb_obj_run(a, "tc_count");	/* the second run */
	if (rb_have(RB_FEAT_FD_ARRAY_LOOKUP))	/* it reads slot 2 */
		assert_int_equal(run, 502);	/* 2 + 5 * 100 */
	rawbpf_object_close(a);
	assert_int_equal(access(global, F_OK), 0);	/* pins outlive it */

	/* the same object again: both pins reused, the count goes on */
	b = open_named(dir, NULL);
	assert_int_equal(rawbpf_object_load(b), 0);
	assert_true(rawbpf_map_reused(rawbpf_object_find_map(b, "rb_tc_global")));
	assert_true(rawbpf_map_reused(rawbpf_object_find_map(b, "rb_tc_object")));
	assert_int_equal(rb_obj_run(b, "tc_count"), 3);	/* its own inner map */

	/* another object name: the global pin is shared, the per-object not */
	c = open_named(dir, "other");
	assert_int_equal(rawbpf_object_load(c), 0);
	assert_true(rawbpf_map_reused(rawbpf_object_find_map(c, "rb_tc_global")));
	m = rawbpf_object_find_map(c, "rb_tc_object");
	assert_false(rawbpf_map_reused(m));
	assert_string_equal(rawbpf_map_pin_path(m), other);
	assert_int_equal(rb_obj_run(c, "tc_count"), 4);
	assert_int_not_equal(rb_obj_map_id(map_fd(c, "rb_tc_object")),
			     rb_obj_map_id(map_fd(b, "rb_tc_object")));
	rawbpf_object_close(c);
	rawbpf_object_close(b);
}

static void test_failed_load_unpins(void **state)
{
	char dir[256], path[320];
	struct rawbpf_object *a;

	(void)state;
	rb_require_kernel();
	assert_int_equal(rb_bpffs_dir(dir, sizeof(dir)), 0);
	a = open_named(dir, NULL);
	/* maps are made and pinned, then the program fails to load */
	assert_int_equal(rawbpf_program_set_type(
		rawbpf_object_find_program(a, "tc_count"), BPF_PROG_TYPE_TRACING,
		BPF_TRACE_FENTRY), 0);
	assert_true(rawbpf_object_load(a) < 0);
	snprintf(path, sizeof(path), "%s/tc/globals/rb_tc_global", dir);
	assert_int_equal(access(path, F_OK), -1);
	snprintf(path, sizeof(path), "%s/tc/maps_iproute2/rb_tc_object", dir);
	assert_int_equal(access(path, F_OK), -1);
	rawbpf_object_close(a);
}

static void test_pin_root_not_bpffs(void **state)
{
	char tmp[] = "/tmp/rb_tc_XXXXXX";
	struct rawbpf_object *a;

	(void)state;
	rb_require_kernel();
	assert_non_null(mkdtemp(tmp));
	a = open_named(tmp, NULL);
	/* tc/globals is made on bpffs only: refused, nothing made */
	assert_int_equal(rawbpf_object_load(a), -ENOTSUP);
	if (!strstr(rawbpf_object_error(a), "map rb_tc_global: making the pin directory") ||
	    !strstr(rawbpf_object_error(a), "/tc/globals failed (not on bpffs)"))
		fail_msg("message: %s", rawbpf_object_error(a));
	rawbpf_object_close(a);
	assert_int_equal(rmdir(tmp), 0);	/* empty: no tc/ left behind */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_pin_global_and_object, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_failed_load_unpins, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_pin_root_not_bpffs, rb_fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
