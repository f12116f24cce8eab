// SPDX-License-Identifier: BSD-2-Clause
/* object_attach_func.c - rawbpf_program_set_attach_func: an fentry program
 * retargeted to another kernel function, a freplace program given its
 * target program (the function from its section, or another one by name),
 * names looked up at load (this kernel then refuses fentry and freplace
 * loads with EPERM; the ids are checked against direct BTF lookups);
 * unknown names fail the load naming them; argument errors. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"
#include "kernel_features.h"
#include "vmlinux_btf.h"
#include "rawbpf/object.h"
#include "rawbpf/sys.h"
#include "btf/btf.h"

static struct rawbpf_object *open_one(const char *file, const char *keep)
{
	struct rawbpf_object *obj;
	struct rawbpf_program *p = NULL;

	assert_int_equal(rawbpf_object_open_file(file, NULL, &obj), 0);
	while ((p = rawbpf_object_next_program(obj, p)))
		rawbpf_program_set_autoload(p, !strcmp(rawbpf_program_name(p), keep));
	return obj;
}

/* Load expecting success or this kernel's EPERM for tracing/EXT. */
static void load_may_eperm(struct rawbpf_object *obj)
{
	int err = rawbpf_object_load(obj);

	if (err && err != -EPERM && err != -EINVAL)
		fail_msg("load: %d %s", err, rawbpf_object_error(obj));
}

static void test_fentry_retarget(void **state)
{
	struct rawbpf_object *obj;
	struct rawbpf_program *p;

	(void)state;
	rb_require_kernel();
	rb_need(RB_FEAT_KERNEL_BTF);	/* each target is named in it */
	obj = open_one(RB_BPF_OBJ("obj_tracing"), "on_unlink");
	p = rawbpf_object_find_program(obj, "on_unlink");
	assert_int_equal(rawbpf_program_set_attach_func(p, 0, "vfs_read"), 0);
	load_may_eperm(obj);
	assert_int_equal(rawbpf_program_attach_btf_id(p),
			 rb_vmlinux_btf_id("vfs_read", RB_BTF_KIND_FUNC));
	rawbpf_object_close(obj);

	obj = open_one(RB_BPF_OBJ("obj_tracing"), "on_unlink");
	p = rawbpf_object_find_program(obj, "on_unlink");
	assert_int_equal(rawbpf_program_set_attach_func(p, 0, "rb_no_such_kernel_func"), 0);
	assert_int_equal(rawbpf_object_load(obj), -ESRCH);
	assert_non_null(strstr(rawbpf_object_error(obj), "rb_no_such_kernel_func"));
	rawbpf_object_close(obj);
}

/* FUNC @name in the BTF of loaded program @prog_fd. */
static int prog_func_id(int prog_fd, const char *name)
{
	struct bpf_prog_info pi;
	struct bpf_btf_info bi;
	uint32_t len = sizeof(pi), size = 1 << 20;
	void *raw = calloc(1, size);
	struct rb_btf *btf = NULL;
	int fd, id;

	memset(&pi, 0, sizeof(pi));
	assert_int_equal(rawbpf_sys_obj_get_info_by_fd(prog_fd, &pi, &len), 0);
	fd = rawbpf_sys_btf_get_fd_by_id(pi.btf_id);
	assert_true(fd >= 0);
	memset(&bi, 0, sizeof(bi));
	bi.btf = (uint64_t)(uintptr_t)raw;
	bi.btf_size = size;
	len = sizeof(bi);
	assert_int_equal(rawbpf_sys_obj_get_info_by_fd(fd, &bi, &len), 0);
	close(fd);
	assert_int_equal(rb_btf_parse(raw, bi.btf_size, 0, NULL, &btf, NULL), 0);
	id = rb_btf_find(btf, name, RB_BTF_KIND_FUNC);
	rb_btf_free(btf);
	free(raw);
	return id;
}

static void test_freplace_target(void **state)
{
	struct rawbpf_object *main_obj, *obj;
	struct rawbpf_program *p;
	int main_fd;

	(void)state;
	rb_require_kernel();
	rb_need(RB_FEAT_KERNEL_BTF);	/* each target is named in it */
	assert_int_equal(rawbpf_object_open_file(RB_BPF_OBJ("attach_freplace"), NULL,
						 &main_obj), 0);
	assert_int_equal(rawbpf_object_load(main_obj), 0);
	main_fd = rawbpf_program_fd(rawbpf_object_find_program(main_obj, "rb_freplace_main"));
	assert_true(main_fd > 2);

	/* the section names the function: rb_target_func */
	obj = open_one(RB_BPF_OBJ("obj_freplace"), "rb_replacement");
	p = rawbpf_object_find_program(obj, "rb_replacement");
	assert_int_equal(rawbpf_program_set_attach_func(p, main_fd, NULL), 0);
	load_may_eperm(obj);
	assert_true(rawbpf_program_attach_btf_id(p) > 0);
	assert_int_equal(rawbpf_program_attach_btf_id(p),
			 prog_func_id(main_fd, "rb_target_func"));
	rawbpf_object_close(obj);

	/* another function by name */
	obj = open_one(RB_BPF_OBJ("obj_freplace"), "rb_replacement");
	p = rawbpf_object_find_program(obj, "rb_replacement");
	assert_int_equal(rawbpf_program_set_attach_func(p, main_fd, "rb_new_func"), 0);
	load_may_eperm(obj);
	assert_int_equal(rawbpf_program_attach_btf_id(p),
			 prog_func_id(main_fd, "rb_new_func"));
	rawbpf_object_close(obj);

	/* a name the target does not have */
	obj = open_one(RB_BPF_OBJ("obj_freplace"), "rb_replacement");
	p = rawbpf_object_find_program(obj, "rb_replacement");
	assert_int_equal(rawbpf_program_set_attach_func(p, main_fd, "rb_nope"), 0);
	assert_int_equal(rawbpf_object_load(obj), -ESRCH);
	assert_non_null(strstr(rawbpf_object_error(obj),
			       "function rb_nope not found in the BTF of target program"));
	rawbpf_object_close(obj);
	rawbpf_object_close(main_obj);
}

static void test_arguments(void **state)
{
	struct rawbpf_object *obj;
	struct rawbpf_program *p;

	(void)state;
	rb_require_kernel();
	rb_need(RB_FEAT_KERNEL_BTF);	/* each target is named in it */
	obj = open_one(RB_BPF_OBJ("obj_tracing"), "iter_tasks");
	p = rawbpf_object_find_program(obj, "iter_tasks");
	assert_int_equal(rawbpf_program_set_attach_func(NULL, 0, "x"), -EINVAL);
	assert_int_equal(rawbpf_program_set_attach_func(p, -1, "x"), -EINVAL);
	assert_int_equal(rawbpf_program_set_attach_func(p, 0, NULL), -EINVAL);
	/* set twice: the second name wins, the first is freed */
	assert_int_equal(rawbpf_program_set_attach_func(p, 0, "nope"), 0);
	assert_int_equal(rawbpf_program_set_attach_func(p, 0, "task"), 0);
	assert_int_equal(rawbpf_object_load(obj), 0);
	assert_int_equal(rawbpf_program_attach_btf_id(p),
			 rb_vmlinux_btf_id("bpf_iter_task", RB_BTF_KIND_FUNC));
	assert_int_equal(rawbpf_program_set_attach_func(p, 0, "task"), -EBUSY);
	rawbpf_object_close(obj);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_fentry_retarget, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_freplace_target, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_arguments, rb_fixture_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
