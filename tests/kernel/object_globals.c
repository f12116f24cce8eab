// SPDX-License-Identifier: BSD-2-Clause
/* object_globals.c - global variables by name on a loaded object: values
 * set before load are what the program computes with, values the program
 * writes read back after load through the mmaped maps, .data set after
 * load reaches the program, .rodata refuses writes after load. */
#include <errno.h>
#include <string.h>

#include "fixture.h"
#include "objtest.h"
#include "rawbpf/object.h"

struct skel_cfg {
	uint32_t mult;
	uint64_t add __attribute__((aligned(8)));	/* as in BPF (i386: 4) */
	char tag[6];
	struct {
		int16_t lo, hi;
	} range;
};

static void test_set_load_run(void **state)
{
	struct rawbpf_object *obj = NULL;
	struct skel_cfg cfg;
	uint64_t counter, result, want;
	uint32_t custom = 40, seen;
	char tag[6];

	(void)state;
	rb_require_kernel();
	assert_int_equal(rawbpf_object_open_file(RB_BPF_OBJ("skel_test"), NULL,
						 &obj), 0);
	assert_int_equal(rawbpf_object_get_global(obj, "cfg", &cfg, sizeof(cfg)), 0);
	cfg.mult = 4;
	cfg.add = 1000;
	cfg.range.hi = 20;
	memcpy(cfg.tag, "xyzzy", 6);
	assert_int_equal(rawbpf_object_set_global(obj, "cfg", &cfg, sizeof(cfg)), 0);
	assert_int_equal(rawbpf_object_set_global(obj, "custom_val", &custom, 4), 0);
	if (rawbpf_object_load(obj))
		fail_msg("load: %s", rawbpf_object_error(obj));
	/* skel_run tail-calls skel_tail (9) through the initialised jmp */
	assert_int_equal(rb_obj_run(obj, "skel_run"), 9);
	/* mult * data_counter + add + range.hi + data_arr[2] + custom_val +
	 * custom_ro + small_ro */
	want = 4 * 5 + 1000 + 20 + 3 + 40 + 77 + 1;
	assert_int_equal(rawbpf_object_get_global(obj, "bss_result", &result, 8), 0);
	assert_int_equal(result, want);
	assert_int_equal(rawbpf_object_get_global(obj, "bss_tag", tag, 6), 0);
	assert_string_equal(tag, "xyzzy");
	assert_int_equal(rawbpf_object_get_global(obj, "bss_mode_seen", &seen, 4), 0);
	assert_int_equal(seen, 100);
	assert_int_equal(rawbpf_object_get_global(obj, "data_counter", &counter, 8), 0);
	assert_int_equal(counter, 6);
	/* after load: .data written by name reaches the program */
	counter = 100;
	assert_int_equal(rawbpf_object_set_global(obj, "data_counter", &counter, 8), 0);
	assert_int_equal(rb_obj_run(obj, "skel_run"), 9);
	assert_int_equal(rawbpf_object_get_global(obj, "bss_result", &result, 8), 0);
	assert_int_equal(result, want - 4 * 5 + 4 * 100);
	/* .rodata is read-only after load; the wrong size still says so */
	assert_int_equal(rawbpf_object_set_global(obj, "cfg", &cfg, sizeof(cfg)),
			 -EPERM);
	assert_non_null(strstr(rawbpf_object_error(obj), "read-only after load"));
	assert_int_equal(rawbpf_object_set_global(obj, "data_counter", &custom, 4),
			 -EINVAL);
	assert_non_null(strstr(rawbpf_object_error(obj), "is 8 bytes, not 4"));
	assert_int_equal(rawbpf_object_get_global(obj, "cfg", &cfg, sizeof(cfg)), 0);
	assert_int_equal(cfg.mult, 4);
	rawbpf_object_close(obj);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_set_load_run, rb_fixture_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
