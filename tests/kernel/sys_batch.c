// SPDX-License-Identifier: BSD-2-Clause
/*
 * sys_batch.c - the four BPF_MAP_*_BATCH commands move N entries per call:
 * update N, read them back in batches (the out_batch cursor and the
 * -ENOENT end), delete some by key, pop the rest.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"
#include "rawbpf/sys.h"

#define N 10

static void test_batches(void **state)
{
	uint32_t keys[N], vals[N], okeys[N], ovals[N], count, total, i;
	uint32_t cursor = 0;
	uint64_t seen = 0;
	int fd, err;

	(void)state;
	rb_require_kernel();
	fd = rawbpf_sys_map_create(BPF_MAP_TYPE_HASH, "rb_batch", 4, 4, 2 * N, NULL);
	assert_true(fd > 2);
	for (i = 0; i < N; i++) {
		keys[i] = i;
		vals[i] = 100 + i;
	}
	count = N;
	assert_int_equal(rawbpf_sys_map_update_batch(fd, keys, vals, &count, NULL), 0);
	assert_int_equal(count, N);

	/* Read in batches of 4 until -ENOENT; every key seen once with
	 * its value. */
	total = 0;
	for (i = 0; i < 8; i++) {
		count = 4;
		err = rawbpf_sys_map_lookup_batch(fd, i ? &cursor : NULL, &cursor,
					      okeys, ovals, &count, NULL);
		assert_true(err == 0 || err == -ENOENT);
		for (uint32_t j = 0; j < count; j++) {
			assert_int_equal(ovals[j], 100 + okeys[j]);
			seen |= 1ULL << okeys[j];
		}
		total += count;
		if (err == -ENOENT)
			break;
	}
	assert_int_equal(total, N);
	assert_int_equal(seen, (1ULL << N) - 1);

	/* Delete keys 0..2 by key. */
	count = 3;
	assert_int_equal(rawbpf_sys_map_delete_batch(fd, keys, &count, NULL), 0);
	assert_int_equal(count, 3);
	assert_int_equal(rawbpf_sys_map_lookup_elem(fd, &keys[0], &ovals[0]), -ENOENT);

	/* Pop the remaining 7 in one call. */
	count = N;
	err = rawbpf_sys_map_lookup_and_delete_batch(fd, NULL, &cursor, okeys, ovals,
						 &count, NULL);
	assert_int_equal(err, -ENOENT);
	assert_int_equal(count, N - 3);
	for (i = 0; i < count; i++) {
		assert_true(okeys[i] >= 3);
		assert_int_equal(ovals[i], 100 + okeys[i]);
	}
	assert_int_equal(rawbpf_sys_map_get_next_key(fd, NULL, &i), -ENOENT);
	close(fd);
}

static void test_batch_errors(void **state)
{
	uint32_t keys[2] = { 0, 1 }, vals[2] = { 1, 2 }, count = 2;
	RAWBPF_OPTS(rawbpf_sys_map_batch_opts, o, .flags = 1);
	int fd;

	(void)state;
	rb_require_kernel();
	fd = rawbpf_sys_map_create(BPF_MAP_TYPE_HASH, NULL, 4, 4, 4, NULL);
	assert_true(fd > 2);
	/* Batches take only BPF_F_LOCK as elem_flags (no NOEXIST/EXIST,
	 * unlike single updates) and a hash lookup batch refuses flags. */
	assert_int_equal(rawbpf_sys_map_lookup_batch(fd, NULL, &count, keys, vals,
						 &count, &o), -EINVAL);
	o.flags = 0;
	o.elem_flags = BPF_NOEXIST;
	count = 2;
	assert_int_equal(rawbpf_sys_map_update_batch(fd, keys, vals, &count, &o), -EINVAL);
	/* Refused before the loop: the kernel leaves count as given. */
	assert_int_equal(count, 2);
	/* BPF_F_LOCK without a spin lock in the value: refused too. */
	o.elem_flags = BPF_F_LOCK;
	count = 2;
	assert_int_equal(rawbpf_sys_map_update_batch(fd, keys, vals, &count, &o), -EINVAL);
	count = 2;
	assert_int_equal(rawbpf_sys_map_update_batch(fd, keys, vals, &count, NULL), 0);
	assert_int_equal(count, 2);
	assert_int_equal(rawbpf_sys_map_update_batch(-1, keys, vals, &count, NULL),
			 -EBADF);
	close(fd);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_batches, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_batch_errors, rb_fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
