// SPDX-License-Identifier: BSD-2-Clause
/* object_map_access.c - size-checked element access on a loaded object's
 * maps: a per-CPU lookup into a buffer for one CPU is refused (-EINVAL)
 * and the buffer is left untouched; with stride * possible CPUs it returns
 * every CPU's value (the program's +3 lands on one of them); update,
 * get_next_key and delete work on the hash with their sizes checked. */
#include <errno.h>
#include <string.h>

#include "fixture.h"
#include "objtest.h"
#include "rawbpf/object.h"

#define MAX_CPUS 1024

static void test_percpu_and_hash(void **state)
{
	struct rawbpf_object *obj = NULL;
	struct rawbpf_map *pcpu, *hash;
	uint64_t slots[MAX_CPUS], one_cpu[2] = { 0x5a5a, 0x5a5a }, v = 0;
	uint32_t k = 0, key1 = 1, next = 0, sum = 0;
	int cpus = rawbpf_kernel_possible_cpus();

	(void)state;
	rb_require_kernel();
	assert_true(cpus >= 1 && cpus <= MAX_CPUS);
	assert_int_equal(rawbpf_object_open_file(RB_BPF_OBJ("obj_percpu"), NULL,
						 &obj), 0);
	if (rawbpf_object_load(obj))
		fail_msg("load: %s", rawbpf_object_error(obj));
	pcpu = rawbpf_object_find_map(obj, "rb_pcpu");
	hash = rawbpf_object_find_map(obj, "rb_hash");
	assert_int_equal(rb_obj_run(obj, "percpu_add"), 0);

	/* a buffer for one CPU: refused, untouched */
	assert_int_equal(rawbpf_map_lookup_elem(pcpu, &k, 4, one_cpu, 4, 0),
			 -EINVAL);
	if (cpus > 1)
		assert_int_equal(rawbpf_map_lookup_elem(pcpu, &k, 4, one_cpu,
							sizeof(one_cpu[0]), 0),
				 -EINVAL);
	assert_int_equal(one_cpu[0], 0x5a5a);
	assert_int_equal(one_cpu[1], 0x5a5a);

	memset(slots, 0xff, sizeof(slots));
	assert_int_equal(rawbpf_map_lookup_elem(pcpu, &k, 4, slots,
						8 * (size_t)cpus, 0), 0);
	for (int i = 0; i < cpus; i++) {
		uint32_t u;

		/* the u32 value, then padding: its first 4 bytes, either
		 * byte order */
		memcpy(&u, &slots[i], sizeof(u));
		sum += u;
	}
	assert_int_equal(sum, 3);
	assert_int_equal(slots[cpus], UINT64_MAX);	/* nothing past the end */

	/* write every CPU's value, read them back */
	for (int i = 0; i < cpus; i++) {	/* the value first, padding 0 */
		uint32_t u = (uint32_t)(10 + i);

		slots[i] = 0;
		memcpy(&slots[i], &u, sizeof(u));
	}
	assert_int_equal(rawbpf_map_update_elem(pcpu, &k, 4, slots,
						8 * (size_t)cpus, BPF_ANY), 0);
	memset(slots, 0, sizeof(slots));
	assert_int_equal(rawbpf_map_lookup_elem(pcpu, &k, 4, slots,
						8 * (size_t)cpus, 0), 0);
	for (int i = 0; i < cpus; i++) {
		uint32_t u;

		memcpy(&u, &slots[i], sizeof(u));
		assert_int_equal(u, 10 + i);
	}

	/* the hash: what the program stored */
	assert_int_equal(rawbpf_map_lookup_elem(hash, &key1, 4, &v, 8, 0), 0);
	assert_int_equal(v, 7);
	assert_int_equal(rawbpf_map_get_next_key(hash, NULL, &next, 4), 0);
	assert_int_equal(next, 1);
	assert_int_equal(rawbpf_map_get_next_key(hash, &next, &next, 4), -ENOENT);
	assert_int_equal(rawbpf_map_update_elem(hash, &key1, 4, &v, 8,
						BPF_NOEXIST), -EEXIST);
	assert_int_equal(rawbpf_map_delete_elem(hash, &key1, 4, 0), 0);
	assert_int_equal(rawbpf_map_lookup_elem(hash, &key1, 4, &v, 8, 0), -ENOENT);
	assert_int_equal(rawbpf_map_delete_elem(hash, &key1, 8, 0), -EINVAL);
	rawbpf_object_close(obj);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_percpu_and_hash, rb_fixture_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
