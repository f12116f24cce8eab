// SPDX-License-Identifier: BSD-2-Clause
/* object_pin.c - a map with pinning = LIBBPF_PIN_BY_NAME: pinned under the
 * pin root on the first load, reused (same map, same data) by the second,
 * refused with the reason when a map of the same name differs. */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"
#include "objtest.h"
#include "rawbpf/object.h"
#include "rawbpf/sys.h"

static void test_pin_by_name(void **state)
{
	char dir[256], pin[300];
	RAWBPF_OPTS(rawbpf_object_open_opts, o, .pin_root = dir);
	struct rawbpf_object *a, *b, *c;

	(void)state;
	rb_require_kernel();
	assert_int_equal(rb_bpffs_dir(dir, sizeof(dir)), 0);
	snprintf(pin, sizeof(pin), "%s/rb_shared", dir);

	assert_int_equal(rawbpf_object_open_file(RB_BPF_OBJ("obj_pin"), &o, &a), 0);
	assert_int_equal(rawbpf_object_load(a), 0);
	assert_false(rawbpf_map_reused(rawbpf_object_find_map(a, "rb_shared")));
	assert_int_equal(access(pin, F_OK), 0);
	assert_int_equal(rb_obj_run(a, "pin_count"), 1);
	rawbpf_object_close(a);
	/* the pin keeps the map (and its count) after close */
	assert_int_equal(access(pin, F_OK), 0);

	assert_int_equal(rawbpf_object_open_file(RB_BPF_OBJ("obj_pin"), &o, &b), 0);
	assert_int_equal(rawbpf_object_load(b), 0);
	assert_true(rawbpf_map_reused(rawbpf_object_find_map(b, "rb_shared")));
	assert_string_equal(rawbpf_map_pin_path(rawbpf_object_find_map(b, "rb_shared")),
			    pin);
	assert_int_equal(rb_obj_run(b, "pin_count"), 2);

	/* same name, other value size: refused, and the pin is untouched */
	assert_int_equal(rawbpf_object_open_file(RB_BPF_OBJ("obj_pin_other"), &o,
						 &c), 0);
	assert_int_equal(rawbpf_object_load(c), -EINVAL);
	if (!strstr(rawbpf_object_error(c),
		    "map rb_shared: pinned map at") ||
	    !strstr(rawbpf_object_error(c),
		    "is incompatible: value size 8 there, 4 here"))
		fail_msg("message: %s", rawbpf_object_error(c));
	assert_int_equal(rawbpf_program_fd(rawbpf_object_find_program(c, "pin_other")),
			 -ENOENT);
	rawbpf_object_close(c);
	assert_int_equal(access(pin, F_OK), 0);
	assert_int_equal(rb_obj_run(b, "pin_count"), 3);
	rawbpf_object_close(b);
	unlink(pin);
}

static void test_failed_load_unpins(void **state)
{
	char dir[256], pin[300];
	RAWBPF_OPTS(rawbpf_object_open_opts, o, .pin_root = dir);
	struct rawbpf_object *a;

	(void)state;
	rb_require_kernel();
	assert_int_equal(rb_bpffs_dir(dir, sizeof(dir)), 0);
	snprintf(pin, sizeof(pin), "%s/rb_shared", dir);
	assert_int_equal(rawbpf_object_open_file(RB_BPF_OBJ("obj_pin"), &o, &a), 0);
	/* an unloadable type: the map gets created and pinned, then the
	 * program fails; the pin made by this load must go again */
	assert_int_equal(rawbpf_program_set_type(
		rawbpf_object_find_program(a, "pin_count"), BPF_PROG_TYPE_TRACING,
		BPF_TRACE_FENTRY), 0);
	assert_true(rawbpf_object_load(a) < 0);
	assert_int_equal(access(pin, F_OK), -1);
	rawbpf_object_close(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_pin_by_name, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_failed_load_unpins, rb_fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
