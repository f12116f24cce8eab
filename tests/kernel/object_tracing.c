// SPDX-License-Identifier: BSD-2-Clause
/* object_tracing.c - attach targets of BTF-attached programs resolved from
 * their section names in /sys/kernel/btf/vmlinux at load: an iterator
 * really loads; fentry/tp_btf/lsm get the right attach_btf_id (their load
 * is refused with EPERM on this kernel); an unknown function is named. */
#include <errno.h>
#include <string.h>

#include "kernel_features.h"
#include "fixture.h"
#include "vmlinux_btf.h"
#include "rawbpf/object.h"
#include "btf/btf.h"

static struct rawbpf_object *open_only(const char *keep)
{
	struct rawbpf_object *obj;
	struct rawbpf_program *p = NULL;

	assert_int_equal(rawbpf_object_open_file(RB_BPF_OBJ("obj_tracing"), NULL,
						 &obj), 0);
	while ((p = rawbpf_object_next_program(obj, p)))
		rawbpf_program_set_autoload(p, !strcmp(rawbpf_program_name(p), keep));
	return obj;
}

static void test_iter_target(void **state)
{
	struct rawbpf_object *obj;
	struct rawbpf_program *p;

	(void)state;
	rb_need(RB_FEAT_KERNEL_BTF);
	rb_require_kernel();
	obj = open_only("iter_tasks");
	assert_int_equal(rawbpf_object_load(obj), 0);
	p = rawbpf_object_find_program(obj, "iter_tasks");
	assert_true(rawbpf_program_fd(p) > 2);
	assert_int_equal(rawbpf_program_attach_btf_id(p),
			 rb_vmlinux_btf_id("bpf_iter_task", RB_BTF_KIND_FUNC));
	rawbpf_object_close(obj);
}

static void check_resolved(const char *prog, const char *name, unsigned kind)
{
	struct rawbpf_object *obj = open_only(prog);
	struct rawbpf_program *p = rawbpf_object_find_program(obj, prog);
	int err = rawbpf_object_load(obj);

	/* this kernel refuses these loads (EPERM); the target was found */
	if (err && err != -EPERM)
		fail_msg("%s: %d %s", prog, err, rawbpf_object_error(obj));
	assert_true(rawbpf_program_attach_btf_id(p) > 0);
	assert_int_equal(rawbpf_program_attach_btf_id(p), rb_vmlinux_btf_id(name, kind));
	rawbpf_object_close(obj);
}

/* Without kernel BTF a tracing target cannot be named: the load says so,
 * naming the function, and blames the program (no load was tried). */
static void no_kernel_btf(const char *prog, const char *name)
{
	struct rawbpf_object *obj = open_only(prog);
	char want[128];

	assert_int_equal(rawbpf_object_load(obj), -ENOENT);
	assert_int_equal(rawbpf_program_fd(rawbpf_object_find_program(obj, prog)), -ENOENT);
	snprintf(want, sizeof(want), "kernel BTF (/sys/kernel/btf/vmlinux) needed for %s", name);
	if (!strstr(rawbpf_object_error(obj), want))
		fail_msg("%s: %s", prog, rawbpf_object_error(obj));
	rawbpf_object_close(obj);
}

static void test_tracing_targets(void **state)
{
	(void)state;
	rb_require_kernel();
	if (!rb_have(RB_FEAT_KERNEL_BTF)) {
		no_kernel_btf("on_unlink", "do_unlinkat");
		no_kernel_btf("on_open", "bpf_lsm_file_open");
		return;
	}
	check_resolved("on_unlink", "do_unlinkat", RB_BTF_KIND_FUNC);
	check_resolved("on_switch", "btf_trace_sched_switch", RB_BTF_KIND_TYPEDEF);
	check_resolved("on_open", "bpf_lsm_file_open", RB_BTF_KIND_FUNC);
}

static void test_unknown_target(void **state)
{
	struct rawbpf_object *obj;

	(void)state;
	rb_need(RB_FEAT_KERNEL_BTF);
	rb_require_kernel();
	obj = open_only("on_nothing");
	assert_int_equal(rawbpf_object_load(obj), -ESRCH);
	/* blamed on the program, so callers (the CLI) can name it */
	assert_int_equal(rawbpf_program_error(rawbpf_object_find_program(obj, "on_nothing")),
			 -ESRCH);
	if (!strstr(rawbpf_object_error(obj),
		    "the kernel's BTF has no FUNC rawbpf_no_such_function") &&
	    !strstr(rawbpf_object_error(obj), "has no func rawbpf_no_such_function"))
		fail_msg("message: %s", rawbpf_object_error(obj));
	rawbpf_object_close(obj);
	/* freplace has no target in its name: the caller must give it */
	obj = open_only("on_nothing");
	assert_int_equal(rawbpf_program_set_type(
		rawbpf_object_find_program(obj, "on_nothing"), BPF_PROG_TYPE_EXT, 0), 0);
	assert_int_equal(rawbpf_program_set_attach_target(
		rawbpf_object_find_program(obj, "on_nothing"), -1, 0, 0), -EINVAL);
	assert_int_equal(rawbpf_object_load(obj), -EINVAL);
	assert_non_null(strstr(rawbpf_object_error(obj),
			       "freplace needs its target program"));
	rawbpf_object_close(obj);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_iter_target, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_tracing_targets, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_unknown_target, rb_fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
