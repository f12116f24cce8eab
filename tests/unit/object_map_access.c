// SPDX-License-Identifier: BSD-2-Clause
/* object_map_access.c - the size checks of rawbpf_map_lookup/update/
 * delete/get_next_key come before any kernel call: wrong key or value
 * sizes are -EINVAL, right ones on a map not yet created are -EBADF; the
 * per-CPU stride is value_size rounded up to 8 and a per-CPU buffer is
 * stride * possible CPUs. */
#include <errno.h>

#include "fixture.h"
#include "rawbpf/object.h"

#define RB_BIG_CPUS 4096

static void test_sizes_checked_before_load(void **state)
{
	struct rawbpf_object *obj = NULL;
	struct rawbpf_map *pcpu, *hash;
	uint32_t k = 0, next;
	uint64_t v = 0, big[RB_BIG_CPUS];
	int cpus = rawbpf_kernel_possible_cpus();

	(void)state;
	assert_true(cpus >= 1 && cpus <= RB_BIG_CPUS);
	assert_int_equal(rawbpf_object_open_file(RB_BPF_OBJ("obj_percpu"), NULL,
						 &obj), 0);
	pcpu = rawbpf_object_find_map(obj, "rb_pcpu");
	hash = rawbpf_object_find_map(obj, "rb_hash");
	assert_int_equal(rawbpf_map_value_size(pcpu), 4);
	assert_int_equal(rawbpf_map_value_stride(pcpu), 8);
	assert_int_equal(rawbpf_map_value_stride(hash), 8);
	/* hash: key 4, value 8 */
	assert_int_equal(rawbpf_map_lookup_elem(hash, &k, 8, &v, 8, 0), -EINVAL);
	assert_int_equal(rawbpf_map_lookup_elem(hash, &k, 4, &v, 4, 0), -EINVAL);
	assert_int_equal(rawbpf_map_lookup_elem(hash, NULL, 0, &v, 8, 0), -EINVAL);
	assert_int_equal(rawbpf_map_lookup_elem(hash, &k, 4, NULL, 8, 0), -EINVAL);
	assert_int_equal(rawbpf_map_lookup_elem(hash, &k, 4, &v, 8, 0), -EBADF);
	assert_int_equal(rawbpf_map_update_elem(hash, &k, 4, &v, 7, 0), -EINVAL);
	assert_int_equal(rawbpf_map_update_elem(hash, &k, 4, &v, 8, 0), -EBADF);
	assert_int_equal(rawbpf_map_delete_elem(hash, &k, 2, 0), -EINVAL);
	assert_int_equal(rawbpf_map_delete_elem(hash, &k, 4, 0), -EBADF);
	assert_int_equal(rawbpf_map_get_next_key(hash, NULL, &next, 3), -EINVAL);
	assert_int_equal(rawbpf_map_get_next_key(hash, &k, NULL, 4), -EINVAL);
	assert_int_equal(rawbpf_map_get_next_key(hash, NULL, &next, 4), -EBADF);
	/* per-CPU: one value's room is refused unless this machine has one
	 * possible CPU; stride * cpus is the size */
	assert_int_equal(rawbpf_map_lookup_elem(pcpu, &k, 4, big, 4, 0), -EINVAL);
	if (cpus > 1)
		assert_int_equal(rawbpf_map_lookup_elem(pcpu, &k, 4, big, 8, 0),
				 -EINVAL);
	assert_int_equal(rawbpf_map_lookup_elem(pcpu, &k, 4, big,
						8 * (size_t)cpus + 8, 0), -EINVAL);
	assert_int_equal(rawbpf_map_lookup_elem(pcpu, &k, 4, big,
						8 * (size_t)cpus, 0), -EBADF);
	rawbpf_object_close(obj);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sizes_checked_before_load),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
