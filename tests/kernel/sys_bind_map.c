// SPDX-License-Identifier: BSD-2-Clause
/*
 * sys_bind_map.c - BPF_PROG_BIND_MAP: a map the program never refers to
 * shows up in the program's map ids and lives as long as the program. Also
 * the two newer ways a map meets a program: PROG_LOAD's fd_array_cnt (6.13)
 * binds every map of fd_array, and MAP_CREATE's excl_prog_hash (6.18)
 * refuses any program but one.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"
#include "kernel_features.h"
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
	map = rawbpf_sys_map_create(BPF_MAP_TYPE_ARRAY, "rb_bound", 4, 4, 1, NULL);
	assert_true(prog > 2 && map > 2);
	map_id = rb_obj_id(map);
	assert_int_equal(rawbpf_sys_prog_bind_map(prog, map, 0), 0);
	/* Binding twice is a no-op. */
	assert_int_equal(rawbpf_sys_prog_bind_map(prog, map, 0), 0);
	memset(&info, 0, sizeof(info));
	info.nr_map_ids = 4;
	info.map_ids = (uint64_t)(uintptr_t)ids;
	len = sizeof(info);
	assert_int_equal(rawbpf_sys_obj_get_info_by_fd(prog, &info, &len), 0);
	assert_int_equal(info.nr_map_ids, 1);
	assert_int_equal(ids[0], map_id);
	/* The map lives on with the program after its own fd closes. */
	close(map);
	usleep(50000);
	assert_true(rb_map_id_exists(map_id));
	close(prog);
	assert_int_equal(rb_wait_id_gone(rb_map_id_exists, map_id, 3000), 0);
}

/* fd_array_cnt (6.13): every map in fd_array[0..cnt) is bound at load. */
static void test_fd_array_cnt(void **state)
{
	const struct bpf_insn ret0[] = {
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = 0, .imm = 0 },
		{ .code = BPF_JMP | BPF_EXIT },
	};
	struct bpf_prog_info info;
	uint32_t ids[4] = { 0 }, len;
	int fds[2], prog;

	(void)state;
	rb_require_kernel();
	rb_need(RB_FEAT_FD_ARRAY_CNT);
	fds[0] = rawbpf_sys_map_create(BPF_MAP_TYPE_ARRAY, NULL, 4, 4, 1, NULL);
	fds[1] = rawbpf_sys_map_create(BPF_MAP_TYPE_HASH, NULL, 4, 4, 1, NULL);
	assert_true(fds[0] > 2 && fds[1] > 2);
	RAWBPF_OPTS(rawbpf_sys_prog_load_opts, o, .fd_array = fds, .fd_array_cnt = 2);
	prog = rawbpf_sys_prog_load(BPF_PROG_TYPE_SOCKET_FILTER, NULL, "GPL", ret0, 2, &o);
	assert_true(prog > 2);
	memset(&info, 0, sizeof(info));
	info.nr_map_ids = 4;
	info.map_ids = (uint64_t)(uintptr_t)ids;
	len = sizeof(info);
	assert_int_equal(rawbpf_sys_obj_get_info_by_fd(prog, &info, &len), 0);
	assert_int_equal(info.nr_map_ids, 2);
	assert_true((ids[0] == rb_obj_id(fds[0]) && ids[1] == rb_obj_id(fds[1])) ||
		    (ids[1] == rb_obj_id(fds[0]) && ids[0] == rb_obj_id(fds[1])));
	close(prog);
	/* A bad fd in the array: refused. */
	close(fds[1]);
	fds[1] = 999;
	assert_int_equal(rawbpf_sys_prog_load(BPF_PROG_TYPE_SOCKET_FILTER, NULL, "GPL",
					  ret0, 2, &o), -EBADF);
	close(fds[0]);
}

/* excl_prog_hash (6.18): only the program with that SHA-256 may use the
 * map; any other program that refers to it is refused at load. */
static void test_exclusive_map(void **state)
{
	uint8_t hash[32];
	int map, prog;

	(void)state;
	rb_require_kernel();
	rb_need(RB_FEAT_EXCL_MAP);
	memset(hash, 0x5a, sizeof(hash));
	RAWBPF_OPTS(rawbpf_sys_map_create_opts, bad, .excl_prog_hash = hash,
		    .excl_prog_hash_size = 20);
	assert_int_equal(rawbpf_sys_map_create(BPF_MAP_TYPE_ARRAY, NULL, 4, 8, 1, &bad),
			 -EINVAL);
	RAWBPF_OPTS(rawbpf_sys_map_create_opts, o, .excl_prog_hash = hash,
		    .excl_prog_hash_size = sizeof(hash));
	map = rawbpf_sys_map_create(BPF_MAP_TYPE_ARRAY, "rb_excl", 4, 8, 1, &o);
	assert_true(map > 2);
	prog = rb_load_counter(BPF_PROG_TYPE_SOCKET_FILTER, 0, map, 0);
	assert_int_equal(prog, -EACCES);
	close(map);
}

static void test_refusals(void **state)
{
	int prog, map;

	(void)state;
	rb_require_kernel();
	prog = rb_load_ret(BPF_PROG_TYPE_SOCKET_FILTER, 0, 0);
	map = rawbpf_sys_map_create(BPF_MAP_TYPE_ARRAY, NULL, 4, 4, 1, NULL);
	assert_int_equal(rawbpf_sys_prog_bind_map(prog, map, 1), -EINVAL);
	assert_int_equal(rawbpf_sys_prog_bind_map(prog, -1, 0), -EBADF);
	assert_int_equal(rawbpf_sys_prog_bind_map(map, map, 0), -EINVAL);
	close(map);
	close(prog);
}

int main(void)
{
#define T(f) cmocka_unit_test_teardown(f, rb_fixture_teardown)
	const struct CMUnitTest tests[] = {
		T(test_bind_map), T(test_fd_array_cnt), T(test_exclusive_map),
		T(test_refusals),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
