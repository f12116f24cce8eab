// SPDX-License-Identifier: BSD-2-Clause
/*
 * sys_bind_map.c - BPF_PROG_BIND_MAP: a map the program never refers to
 * shows up in the program's map ids and lives as long as the program.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"
#include "progs.h"
#include "rawbpf/sys.h"

static void test_bind_map(void **state)
{
	struct bpf_prog_info info;
	uint32_t ids[4] = { 0 }, len, map_id;
	int prog, map;

	(void)state;
	rb_require_kernel();
	prog = rb_load_ret(BPF_PROG_TYPE_SOCKET_FILTER, 0, 0);
	map = rawbpf_map_create(BPF_MAP_TYPE_ARRAY, "rb_bound", 4, 4, 1, NULL);
	assert_true(prog > 2 && map > 2);
	map_id = rb_obj_id(map);
	assert_int_equal(rawbpf_prog_bind_map(prog, map, 0), 0);
	/* Binding twice is a no-op. */
	assert_int_equal(rawbpf_prog_bind_map(prog, map, 0), 0);
	memset(&info, 0, sizeof(info));
	info.nr_map_ids = 4;
	info.map_ids = (uint64_t)(uintptr_t)ids;
	len = sizeof(info);
	assert_int_equal(rawbpf_obj_get_info_by_fd(prog, &info, &len), 0);
	assert_int_equal(info.nr_map_ids, 1);
	assert_int_equal(ids[0], map_id);
	/* The map lives on with the program after its own fd closes. */
	close(map);
	usleep(50000);
	assert_true(rb_map_id_exists(map_id));
	close(prog);
	assert_int_equal(rb_wait_id_gone(rb_map_id_exists, map_id, 3000), 0);
}

static void test_refusals(void **state)
{
	int prog, map;

	(void)state;
	rb_require_kernel();
	prog = rb_load_ret(BPF_PROG_TYPE_SOCKET_FILTER, 0, 0);
	map = rawbpf_map_create(BPF_MAP_TYPE_ARRAY, NULL, 4, 4, 1, NULL);
	assert_int_equal(rawbpf_prog_bind_map(prog, map, 1), -EINVAL);
	assert_int_equal(rawbpf_prog_bind_map(prog, -1, 0), -EBADF);
	assert_int_equal(rawbpf_prog_bind_map(map, map, 0), -EINVAL);
	close(map);
	close(prog);
}

int main(void)
{
#define T(f) cmocka_unit_test_teardown(f, rb_fixture_teardown)
	const struct CMUnitTest tests[] = { T(test_bind_map), T(test_refusals) };
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
