// SPDX-License-Identifier: BSD-2-Clause
/*
 * sys_ids.c - objects by id: *_GET_NEXT_ID walks find our program, map and
 * link; *_GET_FD_BY_ID opens them again (read-only map fds refuse
 * writes); OBJ_GET_INFO_BY_FD answers for each kind, with a short
 * info_len honoured; unknown ids give -ENOENT.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"
#include "progs.h"
#include "rawbpf/sys.h"

static int walk_has(int (*next)(uint32_t, uint32_t *), uint32_t want)
{
	uint32_t id = 0;

	while (next(id, &id) == 0)
		if (id == want)
			return 1;
	return 0;
}

static void test_prog_map_ids(void **state)
{
	struct bpf_map_info mi;
	struct bpf_prog_info pi;
	uint32_t len, key = 0, val = 4, out = 0;
	int map, prog, fd;

	(void)state;
	rb_require_kernel();
	map = rb_counter_map("rb_ids_map");
	assert_true(map > 2);
	prog = rb_load_counter(BPF_PROG_TYPE_SOCKET_FILTER, 0, map, 0);
	assert_true(prog > 2);

	memset(&mi, 0, sizeof(mi));
	len = sizeof(mi);
	assert_int_equal(rawbpf_sys_obj_get_info_by_fd(map, &mi, &len), 0);
	assert_true(walk_has(rawbpf_sys_map_get_next_id, mi.id));
	/* A program's info lists the maps it uses. */
	uint32_t map_ids[4] = { 0 };
	memset(&pi, 0, sizeof(pi));
	pi.nr_map_ids = 4;
	pi.map_ids = (uint64_t)(uintptr_t)map_ids;
	len = sizeof(pi);
	assert_int_equal(rawbpf_sys_obj_get_info_by_fd(prog, &pi, &len), 0);
	assert_int_equal(pi.nr_map_ids, 1);
	assert_int_equal(map_ids[0], mi.id);
	assert_true(walk_has(rawbpf_sys_prog_get_next_id, pi.id));

	/* A short info_len: the kernel fills only that much. */
	memset(&mi, 0, sizeof(mi));
	len = 8;	/* type and id */
	assert_int_equal(rawbpf_sys_obj_get_info_by_fd(map, &mi, &len), 0);
	assert_int_equal(len, 8);
	assert_int_equal(mi.type, BPF_MAP_TYPE_ARRAY);
	assert_int_equal(mi.key_size, 0);

	/* A read-only fd by id: lookups work, updates are refused. */
	fd = rawbpf_sys_map_get_fd_by_id(mi.id, BPF_F_RDONLY);
	assert_true(fd > 2);
	assert_int_equal(rawbpf_sys_map_update_elem(fd, &key, &val, BPF_ANY), -EPERM);
	assert_int_equal(rawbpf_sys_map_update_elem(map, &key, &val, BPF_ANY), 0);
	assert_int_equal(rawbpf_sys_map_lookup_elem(fd, &key, &out), 0);
	assert_int_equal(out, 4);
	close(fd);
	/* Write-only: the reverse. */
	fd = rawbpf_sys_map_get_fd_by_id(mi.id, BPF_F_WRONLY);
	assert_true(fd > 2);
	assert_int_equal(rawbpf_sys_map_lookup_elem(fd, &key, &out), -EPERM);
	assert_int_equal(rawbpf_sys_map_update_elem(fd, &key, &val, BPF_ANY), 0);
	close(fd);
	/* Both flags at once make no sense. */
	assert_int_equal(rawbpf_sys_map_get_fd_by_id(mi.id, BPF_F_RDONLY | BPF_F_WRONLY),
			 -EINVAL);
	close(prog);
	close(map);
}

static void test_link_ids(void **state)
{
	struct rawbpf_link_info li;
	uint32_t len = sizeof(li);
	int prog, link, fd;

	(void)state;
	rb_require_kernel();
	prog = rb_load_ret(BPF_PROG_TYPE_RAW_TRACEPOINT, 0, 0);
	assert_true(prog > 2);
	link = rawbpf_sys_raw_tracepoint_open("sched_process_free", prog, 0);
	assert_true(link > 2);
	memset(&li, 0, sizeof(li));
	assert_int_equal(rawbpf_sys_obj_get_info_by_fd(link, &li, &len), 0);
	assert_int_equal(li.type, BPF_LINK_TYPE_RAW_TRACEPOINT);
	assert_int_equal(li.prog_id, rb_obj_id(prog));
	assert_true(walk_has(rawbpf_sys_link_get_next_id, li.id));
	fd = rawbpf_sys_link_get_fd_by_id(li.id, 0);
	assert_true(fd > 2);
	assert_int_equal(rb_obj_id(fd), li.id);
	close(fd);
	/* Links take no open flags. */
	assert_int_equal(rawbpf_sys_link_get_fd_by_id(li.id, BPF_F_RDONLY), -EINVAL);
	close(link);
	close(prog);
	assert_int_equal(rb_wait_id_gone(rb_link_id_exists, li.id, 2000), 0);
}

static void test_unknown_ids(void **state)
{
	uint32_t next;
	struct bpf_prog_info pi;
	uint32_t len = sizeof(pi);

	(void)state;
	rb_require_kernel();
	assert_int_equal(rawbpf_sys_prog_get_fd_by_id(0xfffffff0), -ENOENT);
	assert_int_equal(rawbpf_sys_map_get_fd_by_id(0xfffffff0, 0), -ENOENT);
	assert_int_equal(rawbpf_sys_btf_get_fd_by_id(0xfffffff0), -ENOENT);
	assert_int_equal(rawbpf_sys_link_get_fd_by_id(0xfffffff0, 0), -ENOENT);
	/* Past the last id: -ENOENT; a start id >= INT_MAX: -EINVAL. */
	assert_int_equal(rawbpf_sys_prog_get_next_id(0x7ffffff0, &next), -ENOENT);
	assert_int_equal(rawbpf_sys_prog_get_next_id(0x7fffffff, &next), -EINVAL);
	/* A bad fd gives -EBADFD here (not -EBADF): measured on 6.18. */
	assert_int_equal(rawbpf_sys_obj_get_info_by_fd(-1, &pi, &len), -EBADFD);
}

int main(void)
{
#define T(f) cmocka_unit_test_teardown(f, rb_fixture_teardown)
	const struct CMUnitTest tests[] = {
		T(test_prog_map_ids), T(test_link_ids), T(test_unknown_ids),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
