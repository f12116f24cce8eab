// SPDX-License-Identifier: BSD-2-Clause
/*
 * sys_pin.c - BPF_OBJ_PIN and BPF_OBJ_GET: a pinned map reopened by path
 * shares state with the original; BPF_F_RDONLY gets refuse updates; pins
 * and gets relative to a directory fd (path_fd, 6.5); a pinned program
 * outlives its fd; the refusals (existing path, missing path, not bpffs,
 * bad flags).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"
#include "kernel_features.h"
#include "progs.h"
#include "rawbpf/sys.h"

static void test_pin_shares_state(void **state)
{
	char dir[256], path[300];
	uint32_t key = 0, val = 41, out = 0;
	int map, fd, ro;

	(void)state;
	rb_require_kernel();
	assert_int_equal(rb_bpffs_dir(dir, sizeof(dir)), 0);
	snprintf(path, sizeof(path), "%s/map", dir);
	map = rawbpf_sys_map_create(BPF_MAP_TYPE_ARRAY, "rb_pinned", 4, 4, 1, NULL);
	assert_true(map > 2);
	assert_int_equal(rawbpf_sys_obj_pin(map, path, NULL), 0);
	fd = rawbpf_sys_obj_get(path, NULL);
	assert_true(fd > 2);
	assert_int_equal(rb_obj_id(fd), rb_obj_id(map));
	assert_int_equal(rawbpf_sys_map_update_elem(map, &key, &val, BPF_ANY), 0);
	assert_int_equal(rawbpf_sys_map_lookup_elem(fd, &key, &out), 0);
	assert_int_equal(out, 41);
	val = 42;
	assert_int_equal(rawbpf_sys_map_update_elem(fd, &key, &val, BPF_ANY), 0);
	assert_int_equal(rawbpf_sys_map_lookup_elem(map, &key, &out), 0);
	assert_int_equal(out, 42);
	/* Read-only: lookups work, updates are refused. */
	RAWBPF_OPTS(rawbpf_sys_obj_opts, rdonly, .file_flags = BPF_F_RDONLY);
	ro = rawbpf_sys_obj_get(path, &rdonly);
	assert_true(ro > 2);
	assert_int_equal(rawbpf_sys_map_lookup_elem(ro, &key, &out), 0);
	assert_int_equal(rawbpf_sys_map_update_elem(ro, &key, &val, BPF_ANY), -EPERM);
	close(ro);
	/* Pinning twice at one path: -EEXIST. */
	assert_int_equal(rawbpf_sys_obj_pin(map, path, NULL), -EEXIST);
	close(fd);
	close(map);
	/* The pin alone keeps the map: get it back, the value is there. */
	fd = rawbpf_sys_obj_get(path, NULL);
	assert_true(fd > 2);
	assert_int_equal(rawbpf_sys_map_lookup_elem(fd, &key, &out), 0);
	assert_int_equal(out, 42);
	close(fd);
	assert_int_equal(unlink(path), 0);
	assert_int_equal(rawbpf_sys_obj_get(path, NULL), -ENOENT);
}

static void test_pin_program(void **state)
{
	char dir[256], path[300];
	uint32_t id;
	int prog, fd;

	(void)state;
	rb_require_kernel();
	assert_int_equal(rb_bpffs_dir(dir, sizeof(dir)), 0);
	snprintf(path, sizeof(path), "%s/prog", dir);
	prog = rb_load_ret(BPF_PROG_TYPE_SOCKET_FILTER, 0, 3);
	assert_true(prog > 2);
	id = rb_obj_id(prog);
	assert_int_equal(rawbpf_sys_obj_pin(prog, path, NULL), 0);
	close(prog);
	assert_true(rb_prog_id_exists(id));
	fd = rawbpf_sys_obj_get(path, NULL);
	assert_true(fd > 2);
	assert_int_equal(rb_obj_id(fd), id);
	close(fd);
	assert_int_equal(unlink(path), 0);
	assert_int_equal(rb_wait_id_gone(rb_prog_id_exists, id, 2000), 0);
}

static void test_path_fd(void **state)
{
	char dir[256];
	uint32_t key = 0, val = 7, out = 0;
	int dfd, map, fd;

	(void)state;
	rb_require_kernel();
	rb_need(RB_FEAT_PATH_FD);
	assert_int_equal(rb_bpffs_dir(dir, sizeof(dir)), 0);
	dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	assert_true(dfd >= 0);
	map = rawbpf_sys_map_create(BPF_MAP_TYPE_ARRAY, NULL, 4, 4, 1, NULL);
	assert_true(map > 2);
	RAWBPF_OPTS(rawbpf_sys_obj_opts, at, .use_path_fd = true, .path_fd = dfd);
	assert_int_equal(rawbpf_sys_obj_pin(map, "rel", &at), 0);
	assert_int_equal(rawbpf_sys_map_update_elem(map, &key, &val, BPF_ANY), 0);
	fd = rawbpf_sys_obj_get("rel", &at);
	assert_true(fd > 2);
	assert_int_equal(rawbpf_sys_map_lookup_elem(fd, &key, &out), 0);
	assert_int_equal(out, 7);
	close(fd);
	/* The pin is really in that directory. */
	assert_int_equal(faccessat(dfd, "rel", F_OK, 0), 0);
	/* path_fd with AT_FDCWD semantics when the flag is off: "rel" is
	 * looked up in the cwd, where it is not. */
	assert_int_equal(rawbpf_sys_obj_get("rel", NULL), -ENOENT);
	assert_int_equal(unlinkat(dfd, "rel", 0), 0);
	close(map);
	close(dfd);
}

static void test_refusals(void **state)
{
	char dir[256], path[300];
	int map;

	(void)state;
	rb_require_kernel();
	assert_int_equal(rb_bpffs_dir(dir, sizeof(dir)), 0);
	map = rawbpf_sys_map_create(BPF_MAP_TYPE_ARRAY, NULL, 4, 4, 1, NULL);
	assert_true(map > 2);
	/* Not on bpffs. */
	assert_int_equal(rawbpf_sys_obj_pin(map, "/tmp/rawbpf-not-bpffs", NULL), -EPERM);
	/* A bad fd: the kernel probes prog, map and link in turn and,
	 * none matching, says -EINVAL (not -EBADF). A missing directory. */
	snprintf(path, sizeof(path), "%s/x", dir);
	assert_int_equal(rawbpf_sys_obj_pin(-1, path, NULL), rb_bad_fd_errno(-EINVAL));
	snprintf(path, sizeof(path), "%s/no/such", dir);
	assert_int_equal(rawbpf_sys_obj_pin(map, path, NULL), -ENOENT);
	/* Unknown file_flags on get; any file_flags on pin but PATH_FD. */
	snprintf(path, sizeof(path), "%s/x", dir);
	RAWBPF_OPTS(rawbpf_sys_obj_opts, bad, .file_flags = 1U << 20);
	assert_int_equal(rawbpf_sys_obj_get(path, &bad), -EINVAL);
	assert_int_equal(rawbpf_sys_obj_pin(map, path, &bad), -EINVAL);
	close(map);
}

int main(void)
{
#define T(f) cmocka_unit_test_teardown(f, rb_fixture_teardown)
	const struct CMUnitTest tests[] = {
		T(test_pin_shares_state), T(test_pin_program), T(test_path_fd),
		T(test_refusals),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
