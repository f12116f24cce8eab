// SPDX-License-Identifier: BSD-2-Clause
/*
 * sys_maps.c - BPF_MAP_* element commands on the real kernel: values round
 * trip, get_next_key walks, freeze blocks user writes, lookup_and_delete
 * pops a queue in order, map info carries the name; and the error cases:
 * a bad fd, bad flags, an oversize attr, an fd 0 moved above stdio.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fixture.h"
#include "rawbpf/sys.h"
#include "sys/raw.h"

static void test_update_lookup_delete(void **state)
{
	uint32_t key = 7, next, val = 0xdead, out = 0;
	struct bpf_map_info info;
	uint32_t len = sizeof(info);
	int fd;

	(void)state;
	rb_require_kernel();
	fd = rawbpf_sys_map_create(BPF_MAP_TYPE_HASH, "rb_sys_hash", 4, 4, 4, NULL);
	assert_true(fd > 2);
	assert_int_equal(rawbpf_sys_map_update_elem(fd, &key, &val, BPF_NOEXIST), 0);
	assert_int_equal(rawbpf_sys_map_lookup_elem(fd, &key, &out), 0);
	assert_int_equal(out, 0xdead);
	/* NOEXIST on an existing key, EXIST on a missing one. */
	assert_int_equal(rawbpf_sys_map_update_elem(fd, &key, &val, BPF_NOEXIST), -EEXIST);
	key = 8;
	assert_int_equal(rawbpf_sys_map_update_elem(fd, &key, &val, BPF_EXIST), -ENOENT);
	assert_int_equal(rawbpf_sys_map_update_elem(fd, &key, &val, BPF_ANY), 0);
	/* get_next_key: NULL gives a first key; two keys then -ENOENT. */
	assert_int_equal(rawbpf_sys_map_get_next_key(fd, NULL, &next), 0);
	assert_true(next == 7 || next == 8);
	assert_int_equal(rawbpf_sys_map_get_next_key(fd, &next, &next), 0);
	assert_true(next == 7 || next == 8);
	assert_int_equal(rawbpf_sys_map_get_next_key(fd, &next, &next), -ENOENT);
	assert_int_equal(rawbpf_sys_map_delete_elem(fd, &key), 0);
	assert_int_equal(rawbpf_sys_map_lookup_elem(fd, &key, &out), -ENOENT);
	assert_int_equal(rawbpf_sys_map_delete_elem(fd, &key), -ENOENT);
	/* Mainline takes no delete flags: the kernel refuses them. */
	key = 7;
	assert_int_equal(rawbpf_sys_map_delete_elem_flags(fd, &key, 1), -EINVAL);
	assert_int_equal(rawbpf_sys_map_delete_elem_flags(fd, &key, 0), 0);
	/* Info: type, sizes and the name. */
	memset(&info, 0, sizeof(info));
	assert_int_equal(rawbpf_sys_obj_get_info_by_fd(fd, &info, &len), 0);
	assert_int_equal(info.type, BPF_MAP_TYPE_HASH);
	assert_int_equal(info.key_size, 4);
	assert_int_equal(info.max_entries, 4);
	assert_string_equal(info.name, "rb_sys_hash");
	close(fd);
}

static void test_lookup_flags_lock(void **state)
{
	uint32_t key = 0, val = 5, out;
	int fd;

	(void)state;
	rb_require_kernel();
	fd = rawbpf_sys_map_create(BPF_MAP_TYPE_ARRAY, NULL, 4, 4, 1, NULL);
	assert_true(fd > 2);
	assert_int_equal(rawbpf_sys_map_update_elem(fd, &key, &val, BPF_ANY), 0);
	/* BPF_F_LOCK needs a bpf_spin_lock in the value (BTF): refused. */
	assert_int_equal(rawbpf_sys_map_lookup_elem_flags(fd, &key, &out, BPF_F_LOCK),
			 -EINVAL);
	assert_int_equal(rawbpf_sys_map_lookup_elem_flags(fd, &key, &out, 0), 0);
	assert_int_equal(out, 5);
	close(fd);
}

static void test_freeze(void **state)
{
	uint32_t key = 0, val = 1, out = 0;
	int fd, err;

	(void)state;
	rb_require_kernel();
	fd = rawbpf_sys_map_create(BPF_MAP_TYPE_ARRAY, "rb_frozen", 4, 4, 1, NULL);
	assert_true(fd > 2);
	assert_int_equal(rawbpf_sys_map_update_elem(fd, &key, &val, BPF_ANY), 0);
	assert_int_equal(rawbpf_sys_map_freeze(fd), 0);
	val = 2;
	assert_int_equal(rawbpf_sys_map_update_elem(fd, &key, &val, BPF_ANY), -EPERM);
	assert_int_equal(rawbpf_sys_map_lookup_elem(fd, &key, &out), 0);
	assert_int_equal(out, 1);
	/* Freezing twice is refused: -EPERM where the kernel checks the
	 * lost write permission first (6.18), -EBUSY before (6.1). */
	err = rawbpf_sys_map_freeze(fd);
	assert_true(err == -EPERM || err == -EBUSY);
	close(fd);
}

static void test_queue_pop(void **state)
{
	uint32_t v = 0, i;
	int fd;

	(void)state;
	rb_require_kernel();
	fd = rawbpf_sys_map_create(BPF_MAP_TYPE_QUEUE, "rb_queue", 0, 4, 4, NULL);
	assert_true(fd > 2);
	for (i = 1; i <= 3; i++)
		assert_int_equal(rawbpf_sys_map_update_elem(fd, NULL, &i, BPF_ANY), 0);
	/* lookup (peek) leaves the head; lookup_and_delete pops in order. */
	assert_int_equal(rawbpf_sys_map_lookup_elem(fd, NULL, &v), 0);
	assert_int_equal(v, 1);
	for (i = 1; i <= 3; i++) {
		assert_int_equal(rawbpf_sys_map_lookup_and_delete_elem(fd, NULL, &v, 0), 0);
		assert_int_equal(v, i);
	}
	assert_int_equal(rawbpf_sys_map_lookup_and_delete_elem(fd, NULL, &v, 0), -ENOENT);
	close(fd);
}

static void test_hash_lookup_and_delete(void **state)
{
	uint32_t key = 3, val = 33, out = 0;
	int fd;

	(void)state;
	rb_require_kernel();
	fd = rawbpf_sys_map_create(BPF_MAP_TYPE_HASH, NULL, 4, 4, 2, NULL);
	assert_true(fd > 2);
	assert_int_equal(rawbpf_sys_map_update_elem(fd, &key, &val, BPF_ANY), 0);
	assert_int_equal(rawbpf_sys_map_lookup_and_delete_elem(fd, &key, &out, 0), 0);
	assert_int_equal(out, 33);
	assert_int_equal(rawbpf_sys_map_lookup_elem(fd, &key, &out), -ENOENT);
	close(fd);
}

static void test_errors(void **state)
{
	uint32_t key = 0, val = 0;
	unsigned char big[512];
	int fd;

	(void)state;
	rb_require_kernel();
	/* A bad fd. */
	assert_int_equal(rawbpf_sys_map_lookup_elem(999, &key, &val), -EBADF);
	/* An fd that is not a map. */
	fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	assert_int_equal(rawbpf_sys_map_lookup_elem(fd, &key, &val), -EINVAL);
	close(fd);
	/* Bad flags: unknown map_flags bit, unknown update flags. */
	RAWBPF_OPTS(rawbpf_sys_map_create_opts, o, .map_flags = 1U << 31);
	assert_int_equal(rawbpf_sys_map_create(BPF_MAP_TYPE_HASH, NULL, 4, 4, 1, &o),
			 -EINVAL);
	fd = rawbpf_sys_map_create(BPF_MAP_TYPE_ARRAY, NULL, 4, 4, 1, NULL);
	assert_true(fd > 2);
	assert_int_equal(rawbpf_sys_map_update_elem(fd, &key, &val, 99), -EINVAL);
	/* An ARRAY cannot NOEXIST. */
	assert_int_equal(rawbpf_sys_map_update_elem(fd, &key, &val, BPF_NOEXIST), -EEXIST);
	close(fd);
	/* Zero sizes and an unknown type. */
	assert_int_equal(rawbpf_sys_map_create(BPF_MAP_TYPE_HASH, NULL, 0, 4, 1, NULL),
			 -EINVAL);
	assert_int_equal(rawbpf_sys_map_create(9999, NULL, 4, 4, 1, NULL), -EINVAL);
	/* An attr longer than the kernel's union with a non-zero tail:
	 * -E2BIG; the same with a zero tail is just a map create. */
	memset(big, 0, sizeof(big));
	((uint32_t *)big)[0] = BPF_MAP_TYPE_ARRAY;
	((uint32_t *)big)[1] = 4;
	((uint32_t *)big)[2] = 4;
	((uint32_t *)big)[3] = 1;
	big[500] = 1;
	assert_int_equal(rb_sys_bpf(BPF_MAP_CREATE, big, sizeof(big)), -E2BIG);
	big[500] = 0;
	fd = rb_sys_bpf_fd(BPF_MAP_CREATE, big, sizeof(big));
	assert_true(fd > 2);
	close(fd);
	/* Larger than a page: -E2BIG whatever the tail. */
	assert_int_equal(rb_sys_bpf(BPF_MAP_CREATE, big, 8192), -E2BIG);
	/* Within the map_create part, a non-zero byte past the command's
	 * last field (map_create ends before byte 100 on 6.18). */
	big[120] = 1;
	assert_int_equal(rb_sys_bpf(BPF_MAP_CREATE, big, 128), -EINVAL);
}

/* With stdin closed the kernel hands out fd 0; rawbpf moves it up. */
static void test_fd_zero_moved(void **state)
{
	pid_t pid;
	int status;

	(void)state;
	rb_require_kernel();
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		int fd, bad = 0;
		uint32_t key = 0, val = 9, out = 0;

		close(0);
		fd = rawbpf_sys_map_create(BPF_MAP_TYPE_ARRAY, NULL, 4, 4, 1, NULL);
		if (fd <= 2)
			bad |= 1;
		if (fcntl(0, F_GETFD) != -1)	/* the kernel's fd 0 is gone */
			bad |= 2;
		if (!(fcntl(fd, F_GETFD) & FD_CLOEXEC))
			bad |= 4;
		if (rawbpf_sys_map_update_elem(fd, &key, &val, 0) ||
		    rawbpf_sys_map_lookup_elem(fd, &key, &out) || out != 9)
			bad |= 8;
		_exit(bad);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

int main(void)
{
#define T(f) cmocka_unit_test_teardown(f, rb_fixture_teardown)
	const struct CMUnitTest tests[] = {
		T(test_update_lookup_delete), T(test_lookup_flags_lock),
		T(test_freeze), T(test_queue_pop), T(test_hash_lookup_and_delete),
		T(test_errors), T(test_fd_zero_moved),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
