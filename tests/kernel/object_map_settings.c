// SPDX-License-Identifier: BSD-2-Clause
/* object_map_settings.c - settings on an object's maps before load: a
 * reused map fd is the map the program writes (compatibility checked when
 * set and again at load), a per-map pin path pins the map there and a
 * second object reuses it, and an overridden inner map decides which maps
 * the outer map accepts. Refusals leave no fd behind. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <linux/bpf.h>

#include "budget.h"
#include "fixture.h"
#include "objtest.h"
#include "rawbpf/object.h"
#include "rawbpf/sys.h"

static struct rawbpf_object *open_obj(void)
{
	struct rawbpf_object *obj = NULL;

	assert_int_equal(rawbpf_object_open_file(RB_BPF_OBJ("map_settings"),
						 NULL, &obj), 0);
	return obj;
}

static int array(uint32_t value_size, uint32_t max_entries)
{
	int fd = rawbpf_sys_map_create(BPF_MAP_TYPE_ARRAY, "rb_set", 4,
				       value_size, max_entries, NULL);

	assert_true(fd > 2);
	return fd;
}

static void test_reuse_fd(void **state)
{
	struct rawbpf_object *obj;
	struct rawbpf_map *m;
	uint32_t k = 0;
	uint64_t v = 41;
	int mine, other, fds;

	(void)state;
	rb_require_kernel();
	mine = array(8, 1);
	assert_int_equal(rawbpf_sys_map_update_elem(mine, &k, &v, BPF_ANY), 0);
	fds = rb_count_fds();
	obj = open_obj();
	m = rawbpf_object_find_map(obj, "counter");
	/* refused when set: another size, another type, no map at all */
	other = array(4, 1);
	assert_int_equal(rawbpf_map_set_reuse_fd(m, other), -EINVAL);
	assert_non_null(strstr(rawbpf_object_error(obj), "value size 4 there, 8 here"));
	close(other);
	other = array(8, 2);
	assert_int_equal(rawbpf_map_set_reuse_fd(m, other), -EINVAL);
	close(other);
	assert_int_equal(rawbpf_map_set_reuse_fd(m, 999), -EBADFD);
	assert_int_equal(rawbpf_map_set_reuse_fd(m, -1), -EINVAL);
	assert_int_equal(rawbpf_map_set_reuse_fd(NULL, mine), -EINVAL);
	/* accepted: the program counts in our map, keeping its value */
	assert_int_equal(rawbpf_map_set_reuse_fd(m, mine), 0);
	assert_int_equal(rawbpf_object_load(obj), 0);
	assert_true(rawbpf_map_reused(m));
	assert_int_equal(rb_obj_map_id(rawbpf_map_fd(m)), rb_obj_map_id(mine));
	assert_int_equal(rb_obj_run(obj, "count"), 42);
	assert_int_equal(rawbpf_map_set_reuse_fd(m, mine), -EBUSY);
	rawbpf_object_close(obj);
	assert_int_equal(rawbpf_sys_map_lookup_elem(mine, &k, &v), 0);
	assert_int_equal(v, 42);
	assert_int_equal(rb_count_fds(), fds);
	/* compatible when set, not after the definition changed: load fails */
	obj = open_obj();
	m = rawbpf_object_find_map(obj, "counter");
	assert_int_equal(rawbpf_map_set_reuse_fd(m, mine), 0);
	assert_int_equal(rawbpf_map_set_max_entries(m, 4), 0);
	assert_int_equal(rawbpf_object_load(obj), -EINVAL);
	assert_non_null(strstr(rawbpf_object_error(obj),
			       "max_entries 1 there, 4 here"));
	rawbpf_object_close(obj);
	assert_int_equal(rb_count_fds(), fds);
	close(mine);
}

static void test_pin_path(void **state)
{
	char dir[256], pin[300];
	struct rawbpf_object *a, *b;
	struct rawbpf_map *ma, *mb;
	char long_path[5000];

	(void)state;
	rb_require_kernel();
	assert_int_equal(rb_bpffs_dir(dir, sizeof(dir)), 0);
	snprintf(pin, sizeof(pin), "%s/my_counter", dir);
	a = open_obj();
	ma = rawbpf_object_find_map(a, "counter");
	memset(long_path, 'x', sizeof(long_path) - 1);
	long_path[sizeof(long_path) - 1] = '\0';
	assert_int_equal(rawbpf_map_set_pin_path(ma, long_path), -ENAMETOOLONG);
	assert_int_equal(rawbpf_map_set_pin_path(ma, ""), -EINVAL);
	assert_int_equal(rawbpf_map_set_pin_path(ma, "/elsewhere"), 0);
	assert_int_equal(rawbpf_map_set_pin_path(ma, pin), 0);	/* replaces */
	assert_int_equal(rawbpf_object_load(a), 0);
	assert_false(rawbpf_map_reused(ma));
	assert_string_equal(rawbpf_map_pin_path(ma), pin);
	assert_int_equal(access(pin, F_OK), 0);
	assert_int_equal(access("/elsewhere", F_OK), -1);
	assert_int_equal(rb_obj_run(a, "count"), 1);
	assert_int_equal(rawbpf_map_set_pin_path(ma, NULL), -EBUSY);
	/* a second object with the same path shares the map */
	b = open_obj();
	mb = rawbpf_object_find_map(b, "counter");
	assert_int_equal(rawbpf_map_set_pin_path(mb, pin), 0);
	assert_int_equal(rawbpf_object_load(b), 0);
	assert_true(rawbpf_map_reused(mb));
	assert_int_equal(rb_obj_run(b, "count"), 2);
	rawbpf_object_close(b);
	rawbpf_object_close(a);
	/* the pin outlives the objects; NULL goes back to no pinning */
	assert_int_equal(access(pin, F_OK), 0);
	assert_int_equal(unlink(pin), 0);
	a = open_obj();
	ma = rawbpf_object_find_map(a, "counter");
	assert_int_equal(rawbpf_map_set_pin_path(ma, pin), 0);
	assert_int_equal(rawbpf_map_set_pin_path(ma, NULL), 0);
	assert_int_equal(rawbpf_object_load(a), 0);
	assert_null(rawbpf_map_pin_path(ma));
	assert_int_equal(access(pin, F_OK), -1);
	rawbpf_object_close(a);
}

/* Load the object (inner overridden by @inner_fd unless < 0) and put
 * @candidate in the outer map's slot 0; the update's result. */
static int outer_accepts(int inner_fd, int candidate)
{
	struct rawbpf_object *obj = open_obj();
	struct rawbpf_map *outer = rawbpf_object_find_map(obj, "outer");
	uint32_t k = 0;
	int err;

	if (inner_fd >= 0)
		assert_int_equal(rawbpf_map_set_inner_map_fd(outer, inner_fd), 0);
	assert_int_equal(rawbpf_object_load(obj), 0);
	err = rawbpf_sys_map_update_elem(rawbpf_map_fd(outer), &k, &candidate,
					 BPF_ANY);
	rawbpf_object_close(obj);
	return err;
}

static void test_inner_map(void **state)
{
	struct rawbpf_object *obj;
	int big, small, fds;

	(void)state;
	rb_require_kernel();
	big = array(4, 4);
	small = array(4, 1);
	fds = rb_count_fds();
	/* the definition's template (4-byte values, 1 entry) */
	assert_int_equal(outer_accepts(-1, small), 0);
	assert_int_equal(outer_accepts(-1, big), -EINVAL);
	/* overridden by a 4-entry array */
	assert_int_equal(outer_accepts(big, big), 0);
	assert_int_equal(outer_accepts(big, small), -EINVAL);
	assert_int_equal(rb_count_fds(), fds);
	obj = open_obj();
	assert_int_equal(rawbpf_map_set_inner_map_fd(
				 rawbpf_object_find_map(obj, "counter"), big),
			 -EINVAL);
	assert_int_equal(rawbpf_map_set_inner_map_fd(
				 rawbpf_object_find_map(obj, "outer"), 999),
			 -EBADF);
	assert_int_equal(rawbpf_map_set_inner_map_fd(
				 rawbpf_object_find_map(obj, "outer"), big), 0);
	rawbpf_object_close(obj);	/* the dup is closed unused */
	assert_int_equal(rb_count_fds(), fds);
	close(big);
	close(small);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_reuse_fd, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_pin_path, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_inner_map, rb_fixture_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
