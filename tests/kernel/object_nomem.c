// SPDX-License-Identifier: BSD-2-Clause
/* object_nomem.c - every allocation of open and load fails in turn (a
 * caller's allocator with a budget): each failure is a clean -ENOMEM with
 * nothing leaked (memory counted by the allocator, fds by /proc/self/fd),
 * and the object still loads once memory is there. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "budget.h"
#include "fixture.h"
#include "objtest.h"
#include "rawbpf/object.h"

static void open_nomem(const char *path)
{
	struct budget b;
	struct rawbpf_allocator a = rb_budget_allocator(&b);
	RAWBPF_OPTS(rawbpf_object_open_opts, o, .alloc = &a, .pin_root = "/sys/fs/bpf");
	struct rawbpf_object *obj;
	size_t size;
	void *buf;
	long n;
	int err;

	buf = rb_read_file(path, &size);
	if (!buf && strstr(path, "/gcc_"))
		return;		/* built only where gcc-bpf is installed */
	assert_non_null(buf);
	for (n = 0;; n++) {
		memset(&b, 0, sizeof(b));
		b.left = n;
		err = rawbpf_object_open_mem(buf, size, &o, &obj);
		if (!err)
			break;
		assert_int_equal(err, -ENOMEM);
		assert_null(obj);
		/* every byte given back, with the size it was given */
		assert_int_equal(b.live, 0);
		assert_int_equal(b.bytes, 0);
	}
	assert_true(n > 5);
	rawbpf_object_close(obj);
	assert_int_equal(b.live, 0);
	assert_int_equal(b.bytes, 0);
	free(buf);
}

static void test_open_nomem(void **state)
{
	(void)state;
	rb_require_kernel();
	open_nomem(RB_BPF_OBJ("obj_maps"));
	open_nomem(RB_BPF_OBJ("obj_kconfig"));
	open_nomem(RB_BPF_OBJ("obj_globals"));
	open_nomem(RB_BPF_OBJ("obj_legacy"));
	open_nomem(RB_BPF_OBJ("maps_iproute2"));
	open_nomem(RB_BPF_OBJ("gcc_obj_globals"));
}

static void load_nomem(const char *path, const char *prog, int expect)
{
	struct budget b;
	struct rawbpf_allocator a = rb_budget_allocator(&b);
	RAWBPF_OPTS(rawbpf_object_open_opts, o, .alloc = &a);
	struct rawbpf_object *obj;
	long n;
	int fds, err, failures = 0;

	fds = rb_count_fds();
	for (n = 0;; n++) {
		memset(&b, 0, sizeof(b));
		b.left = -1;
		assert_int_equal(rawbpf_object_open_file(path, &o, &obj), 0);
		b.left = n;
		err = rawbpf_object_load(obj);
		if (!err)
			break;
		failures++;
		assert_int_equal(err, -ENOMEM);
		/* nothing of the load is left: no fds; all memory returns */
		assert_int_equal(rb_count_fds(), fds);
		assert_int_equal(rawbpf_program_fd(rawbpf_object_find_program(obj, prog)),
				 -ENOENT);
		rawbpf_object_close(obj);
		assert_int_equal(b.live, 0);
		assert_int_equal(b.bytes, 0);
	}
	assert_true(failures > 3);
	assert_int_equal(rb_obj_run(obj, prog), expect);
	rawbpf_object_close(obj);
	assert_int_equal(b.live, 0);
	assert_int_equal(b.bytes, 0);
	assert_int_equal(rb_count_fds(), fds);
}

static void test_load_nomem(void **state)
{
	(void)state;
	rb_require_kernel();
	load_nomem(RB_BPF_OBJ("obj_maps"), "tail_entry", 42);
	load_nomem(RB_BPF_OBJ("obj_kconfig"), "kconfig_prog", 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_open_nomem, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_load_nomem, rb_fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
