// SPDX-License-Identifier: BSD-2-Clause
/* object_core_nomem.c - every allocation of open and of load fails in turn
 * for objects that need the kernel's BTF (CO-RE relocations and an
 * iterator's attach target: core_task; .ksyms and .kconfig externs:
 * obj_extern): each failure is a clean -ENOMEM with nothing leaked
 * (memory counted by the allocator, fds by /proc/self/fd), and the object
 * loads once memory is there; also with a target BTF file (btf_path),
 * which is read with the object's allocator. The process's kernel BTF
 * cache is libc memory, outside the budget. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"
#include "kernel_features.h"
#include "budget.h"
#include "rawbpf/object.h"

static void nomem_loop(const char *path, const char *btf_path)
{
	struct budget b;
	struct rawbpf_allocator a = rb_budget_allocator(&b);
	RAWBPF_OPTS(rawbpf_object_open_opts, o, .alloc = &a, .btf_path = btf_path);
	struct rawbpf_object *obj;
	int fds = rb_count_fds(), err, open_fails = 0, load_fails = 0;
	long n;

	for (n = 0;; n++) {
		memset(&b, 0, sizeof(b));
		b.left = n;
		err = rawbpf_object_open_file(path, &o, &obj);
		if (!err)
			break;
		open_fails++;
		assert_int_equal(err, -ENOMEM);
		assert_int_equal(b.live, 0);
	}
	rawbpf_object_close(obj);
	for (n = 0;; n++) {
		memset(&b, 0, sizeof(b));
		b.left = -1;
		assert_int_equal(rawbpf_object_open_file(path, &o, &obj), 0);
		b.left = n;
		err = rawbpf_object_load(obj);
		if (!err)
			break;
		load_fails++;
		if (err != -ENOMEM)
			fail_msg("allocation %ld: %d %s", n, err, rawbpf_object_error(obj));
		assert_int_equal(rb_count_fds(), fds);
		rawbpf_object_close(obj);
		assert_int_equal(b.live, 0);
	}
	assert_true(open_fails > 3 && load_fails > 3);
	assert_true(rawbpf_program_fd(rawbpf_object_next_program(obj, NULL)) > 2);
	rawbpf_object_close(obj);
	assert_int_equal(b.live, 0);
	assert_int_equal(rb_count_fds(), fds);
}

static void test_core_nomem(void **state)
{
	(void)state;
	rb_require_kernel();
	rb_need(RB_FEAT_KERNEL_BTF);	/* CO-RE against the running kernel */
	nomem_loop(RB_BPF_OBJ("core_task"), NULL);
}

/* The same with a target BTF file (parsed with the object's allocator). */
static void test_target_btf_nomem(void **state)
{
	(void)state;
	rb_need(RB_FEAT_KERNEL_BTF);	/* copied as the target file */
	rb_require_kernel();
	nomem_loop(RB_BPF_OBJ("core_task"), "/sys/kernel/btf/vmlinux");
}

static void test_extern_nomem(void **state)
{
	(void)state;
	rb_require_kernel();
	rb_need(RB_FEAT_KFUNC_RCU);	/* obj_extern calls it */
	nomem_loop(RB_BPF_OBJ("obj_extern"), NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_core_nomem, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_extern_nomem, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_target_btf_nomem, rb_fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
