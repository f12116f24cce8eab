// SPDX-License-Identifier: BSD-2-Clause
/* object_core.c - libbpf-style CO-RE objects (tests/bpf/core_task.bpf.c,
 * no vmlinux.h) load through the object loader against the running
 * kernel's BTF: an iter/task program gets its attach_btf_id (bpf_iter_task)
 * at load, auto-attaches and prints the test's pid; a tracepoint reads
 * pid/tgid of current with BPF_CORE_READ and its existence/size/enum
 * answers match the kernel. */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "kernel_features.h"
#include "fixture.h"
#include "rawbpf/attach_auto.h"
#include "rawbpf/attach_trace.h"
#include "rawbpf/object.h"
#include "rawbpf/sys.h"
#include "btf/btf.h"

struct rb_core_out {
	int pid, tgid;
	int pid_exists, gone_exists, pid_size, pid_signed;
	int task_exists, none_exists, tgid_enum, none_enum_exists;
	int task_size, hits;
};

/* rb_btf_find on the kernel's BTF, the way a user would do it. */
static int vmlinux_find(const char *name, int kind, int64_t *size)
{
	size_t len;
	void *blob = rb_read_file("/sys/kernel/btf/vmlinux", &len);
	struct rb_btf *btf = NULL;
	int id;

	assert_non_null(blob);
	assert_int_equal(rb_btf_parse(blob, len, 0, NULL, &btf, NULL), 0);
	id = rb_btf_find(btf, name, kind);
	if (size && id > 0)
		*size = rb_btf_size(btf, (uint32_t)id);
	rb_btf_free(btf);
	free(blob);
	return id;
}

static void test_iter_task_core(void **state)
{
	struct rawbpf_object *obj = NULL;
	struct rawbpf_program *p;
	struct rawbpf_attachment *at = NULL;
	char *text = NULL, pid[32];
	size_t len = 0;

	(void)state;
	rb_need(RB_FEAT_KERNEL_BTF);
	rb_require_kernel();
	assert_int_equal(rawbpf_object_open_file(RB_BPF_OBJ("core_task"), NULL, &obj), 0);
	p = rawbpf_object_find_program(obj, "rb_iter_tgid");
	assert_non_null(p);
	assert_int_equal(rawbpf_program_set_autoload(
		rawbpf_object_find_program(obj, "rb_core_tp"), false), 0);
	if (rawbpf_object_load(obj))
		fail_msg("load: %s", rawbpf_object_error(obj));
	assert_int_equal((int)rawbpf_program_attach_btf_id(p),
			 vmlinux_find("bpf_iter_task", RB_BTF_KIND_FUNC, NULL));
	assert_int_equal(rawbpf_program_attach(p, NULL, &at), 0);
	assert_int_equal(rawbpf_iter_read(at, &text, &len), 0);
	snprintf(pid, sizeof(pid), "\n%d\n", getpid());
	assert_non_null(strstr(text, pid));
	rawbpf_iter_text_free(at, text);
	rawbpf_attachment_destroy(at);
	rawbpf_object_close(obj);
}

static void test_tracepoint_core(void **state)
{
	struct rawbpf_object *obj = NULL;
	struct rawbpf_attachment *at = NULL;
	struct rb_core_out out;
	size_t size;
	int64_t task_size = 0;
	int *want;
	uint32_t key = 0;
	int bss;

	(void)state;
	rb_need(RB_FEAT_KERNEL_BTF);
	rb_require_kernel();
	assert_non_null(rb_tracefs());
	assert_int_equal(rawbpf_object_open_file(RB_BPF_OBJ("core_task"), NULL, &obj), 0);
	assert_int_equal(rawbpf_program_set_autoload(
		rawbpf_object_find_program(obj, "rb_iter_tgid"), false), 0);
	want = rawbpf_object_global_data(obj, ".rodata", &size);
	assert_non_null(want);
	*want = getpid();
	if (rawbpf_object_load(obj))
		fail_msg("load: %s", rawbpf_object_error(obj));
	assert_int_equal(rawbpf_program_attach(
		rawbpf_object_find_program(obj, "rb_core_tp"), NULL, &at), 0);
	syscall(SYS_getppid);
	bss = rawbpf_map_fd(rawbpf_object_find_map(obj, ".bss"));
	assert_int_equal(rawbpf_sys_map_lookup_elem(bss, &key, &out), 0);
	assert_true(out.hits >= 1);
	assert_int_equal(out.pid, (int)syscall(SYS_gettid));
	assert_int_equal(out.tgid, getpid());
	assert_int_equal(out.pid_exists, 1);
	assert_int_equal(out.gone_exists, 0);
	assert_int_equal(out.pid_size, 4);
	assert_int_equal(out.pid_signed, 1);
	assert_int_equal(out.task_exists, 1);
	assert_int_equal(out.none_exists, 0);
	assert_int_equal(out.tgid_enum, 1);	/* the kernel's PIDTYPE_TGID */
	assert_int_equal(out.none_enum_exists, 0);
	assert_true(vmlinux_find("task_struct", RB_BTF_KIND_STRUCT, &task_size) > 0);
	assert_int_equal(out.task_size, (int)task_size);
	rawbpf_attachment_destroy(at);
	rawbpf_object_close(obj);
}

/* A relocation without a target poisons its instruction: harmless in dead
 * code, a load failure naming the relocation when reached. */
static void test_poisoned(void **state)
{
	struct rawbpf_object *obj = NULL;

	(void)state;
	rb_need(RB_FEAT_KERNEL_BTF);
	rb_require_kernel();
	assert_int_equal(rawbpf_object_open_file(RB_BPF_OBJ("core_poison"), NULL, &obj), 0);
	assert_int_equal(rawbpf_program_set_autoload(
		rawbpf_object_find_program(obj, "rb_unguarded"), false), 0);
	if (rawbpf_object_load(obj))
		fail_msg("guarded: %s", rawbpf_object_error(obj));
	rawbpf_object_close(obj);

	assert_int_equal(rawbpf_object_open_file(RB_BPF_OBJ("core_poison"), NULL, &obj), 0);
	assert_int_equal(rawbpf_program_set_autoload(
		rawbpf_object_find_program(obj, "rb_guarded"), false), 0);
	assert_int_equal(rawbpf_object_load(obj), -EINVAL);
	if (!strstr(rawbpf_object_error(obj), "because CO-RE relocation in section tracepoint/syscalls/sys_enter_getppid") ||
	    !strstr(rawbpf_object_error(obj), "\"0:0\" of task_struct___rb_new) has no match in the kernel"))
		fail_msg("message: %s", rawbpf_object_error(obj));
	rawbpf_object_close(obj);
}

/* Threads racing on the process's first use of the kernel BTF each load
 * an object with CO-RE relocations and an iterator target; all succeed
 * with the same ids (one parse wins, the others are dropped). */
static void *load_one(void *arg)
{
	struct rawbpf_object *obj = NULL;
	uint32_t *id = arg;
	long ok = 0;

	if (!rawbpf_object_open_file(RB_BPF_OBJ("core_task"), NULL, &obj) &&
	    !rawbpf_object_load(obj)) {
		*id = rawbpf_program_attach_btf_id(
			rawbpf_object_find_program(obj, "rb_iter_tgid"));
		ok = 1;
	}
	rawbpf_object_close(obj);
	return (void *)ok;
}

static void test_threads_first_use(void **state)
{
	pthread_t th[4];
	uint32_t ids[4] = { 0 };
	void *ret;
	int i;

	(void)state;
	rb_need(RB_FEAT_KERNEL_BTF);
	rb_require_kernel();
	for (int round = 0; round < 2; round++) {
		rawbpf_kernel_btf_release();	/* the next load parses again */
		for (i = 0; i < 4; i++)
			assert_int_equal(pthread_create(&th[i], NULL, load_one, &ids[i]), 0);
		for (i = 0; i < 4; i++) {
			assert_int_equal(pthread_join(th[i], &ret), 0);
			assert_int_equal((long)ret, 1);
			assert_int_equal(ids[i], vmlinux_find("bpf_iter_task",
							      RB_BTF_KIND_FUNC, NULL));
		}
	}
	rawbpf_kernel_btf_release();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_iter_task_core, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_tracepoint_core, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_poisoned, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_threads_first_use, rb_fixture_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
