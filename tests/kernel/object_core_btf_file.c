// SPDX-License-Identifier: BSD-2-Clause
/* object_core_btf_file.c - CO-RE with the target BTF from a file, on the
 * kernel it describes. In the VM runner (tests/vm/run.sh) on Debian's
 * kernels built without BTF (i386, s390x) the file is what pahole made
 * from Debian's matching -dbg vmlinux (RAWBPF_TEST_TARGET_BTF, the BTFHub
 * workflow); elsewhere it is a copy of /sys/kernel/btf/vmlinux. The
 * object (tests/bpf/core_btf_file.bpf.c, compiled with 8-byte long and
 * pointers) reads the current task's pid, tgid, comm and parent and
 * reports relocated sizes and offsets, each checked against the process
 * and the file: on a 32-bit kernel long and pointers become 4. Also the
 * CLI (`rawbpf load --btf`) and a file that is not BTF. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "fixture.h"
#include "budget.h"
#include "cli_run.h"
#include "rawbpf/attach_auto.h"
#include "rawbpf/object.h"
#include "btf/btf.h"

#define OBJ RB_BPF_OBJ("core_btf_file")
#define COMM "rb_btf_file"

/* tests/bpf/core_btf_file.bpf.c's rb_out, 64 bytes on every target */
struct rb_btf_file_out {
	uint64_t parent;
	int32_t pid, tgid, parent_tgid;
	uint32_t pid_off, comm_off, long_size, ptr_size, task_size;
	uint32_t hits;
	char comm[16];
	uint32_t pad;
};
_Static_assert(sizeof(struct rb_btf_file_out) == 64, "rb_out layout");

/* What the target BTF says: the expected relocated values. */
struct expect {
	size_t file_size;
	uint32_t pid_off, comm_off, long_size, task_size;
};

#define TEMP_TEMPLATE "/tmp/rb_core_btf_file_XXXXXX"
static char copy_path[sizeof(TEMP_TEMPLATE)];
static char bad_path[sizeof(TEMP_TEMPLATE)];

static void unlink_path(void *path)
{
	unlink(path);
}

/* Write @size bytes of @data to a fresh temp file, its name into @path
 * (removed at teardown). */
static void temp_file(char *path, const void *data, size_t size)
{
	int fd;

	memcpy(path, TEMP_TEMPLATE, sizeof(TEMP_TEMPLATE));
	fd = mkstemp(path);

	assert_true(fd >= 0);
	rb_fixture_add_cleanup(unlink_path, path);
	assert_int_equal(write(fd, data, size), (ssize_t)size);
	close(fd);
}

/* The target BTF: the VM runner's pahole output, else a copy of the
 * kernel's own; skips when there is neither. */
static const char *target_btf(void)
{
	const char *env = getenv("RAWBPF_TEST_TARGET_BTF");
	size_t size;
	void *blob;

	if (env && *env) {
		assert_int_equal(access(env, R_OK), 0);
		return env;
	}
	blob = rb_read_file("/sys/kernel/btf/vmlinux", &size);
	if (!blob)
		rb_skip_feature("kernel BTF or RAWBPF_TEST_TARGET_BTF (pahole output)");
	temp_file(copy_path, blob, size);
	free(blob);
	return copy_path;
}

/* Byte offset of member @name of struct @id in @btf. */
static uint32_t member_off(const struct rb_btf *btf, int id, const char *name)
{
	const struct rb_btf_type *t = rb_btf_type_by_id(btf, (uint32_t)id);
	int i = rb_btf_member_by_name(btf, (uint32_t)id, name);

	assert_true(i >= 0);
	return rb_btf_member_bit_offset(t, (unsigned)i) / 8;
}

/* Read the expected values out of the file with the library's parser. */
static void read_expect(const char *path, struct expect *e)
{
	struct rb_btf *btf = NULL;
	void *blob = rb_read_file(path, &e->file_size);
	int task, ulong;

	assert_non_null(blob);
	assert_int_equal(rb_btf_parse(blob, e->file_size, 0, NULL, &btf, NULL), 0);
	task = rb_btf_find(btf, "task_struct", RB_BTF_KIND_STRUCT);
	ulong = rb_btf_find(btf, "long unsigned int", RB_BTF_KIND_INT);
	assert_true(task > 0 && ulong > 0);
	e->pid_off = member_off(btf, task, "pid");
	e->comm_off = member_off(btf, task, "comm");
	e->task_size = (uint32_t)rb_btf_size(btf, (uint32_t)task);
	e->long_size = (uint32_t)rb_btf_size(btf, (uint32_t)ulong);
	rb_btf_free(btf);
	free(blob);
}

/* Without a target BTF on a kernel without its own: refused, naming it. */
static void no_btf_refused(void)
{
	struct rawbpf_object *obj = NULL;

	assert_int_equal(rawbpf_object_open_file(OBJ, NULL, &obj), 0);
	assert_int_equal(rawbpf_object_load(obj), -ENOENT);
	assert_non_null(strstr(rawbpf_object_error(obj),
			       "kernel BTF (/sys/kernel/btf/vmlinux) needed"));
	rawbpf_object_close(obj);
}

static void test_core_from_file(void **state)
{
	const char *path;
	struct rawbpf_object *obj = NULL;
	struct rawbpf_attachment *at = NULL;
	struct rb_btf_file_out out;
	struct expect e;
	char old_comm[17] = "";
	int tgid = getpid();

	(void)state;
	rb_require_kernel();
	assert_non_null(rb_tracefs());
	path = target_btf();
	read_expect(path, &e);
	if (access("/sys/kernel/btf/vmlinux", F_OK))
		no_btf_refused();

	{
		RAWBPF_OPTS(rawbpf_object_open_opts, o, .btf_path = path);

		assert_int_equal(rawbpf_object_open_file(OBJ, &o, &obj), 0);
	}
	assert_int_equal(rawbpf_object_set_global(obj, "rb_want_tgid", &tgid,
						  sizeof(tgid)), 0);
	if (rawbpf_object_load(obj))
		fail_msg("load with btf_path %s: %s", path, rawbpf_object_error(obj));
	if (rawbpf_program_attach(rawbpf_object_find_program(obj, "rb_btf_file_tp"),
				  NULL, &at))
		fail_msg("attach: %s", rawbpf_object_error(obj));
	assert_int_equal(prctl(PR_GET_NAME, old_comm), 0);
	assert_int_equal(prctl(PR_SET_NAME, COMM), 0);
	syscall(SYS_getppid);
	assert_int_equal(prctl(PR_SET_NAME, old_comm), 0);
	rawbpf_attachment_destroy(at);
	assert_int_equal(rawbpf_object_get_global(obj, "rb_out", &out, sizeof(out)), 0);
	rawbpf_object_close(obj);

	print_message("target BTF %s (%zu bytes): pid %d tgid %d parent %d comm "
		      "%.16s; task_struct %u bytes, pid at %u, comm at %u, "
		      "long %u, pointer %u bytes\n", path, e.file_size, out.pid,
		      out.tgid, out.parent_tgid, out.comm, out.task_size,
		      out.pid_off, out.comm_off, out.long_size, out.ptr_size);
	assert_int_equal(out.hits, 1);
	/* values read through the relocated offsets */
	assert_int_equal(out.pid, (int)syscall(SYS_gettid));
	assert_int_equal(out.tgid, tgid);
	assert_string_equal(out.comm, COMM);
	assert_true(out.parent != 0);
	assert_int_equal(out.parent_tgid, getppid());
	/* the relocations themselves, from the file */
	assert_int_equal(out.pid_off, e.pid_off);
	assert_int_equal(out.comm_off, e.comm_off);
	assert_int_equal(out.task_size, e.task_size);
	assert_int_equal(out.long_size, e.long_size);
	/* a pointer is as wide as long (libbpf's rule for a target BTF) */
	assert_int_equal(out.ptr_size, e.long_size);
}

static void test_cli_btf_file(void **state)
{
	char args[512], out[4096];
	const char *path;

	(void)state;
	rb_require_kernel();
	path = target_btf();
	snprintf(args, sizeof(args), "load %s --btf %s", OBJ, path);
	if (rb_cli(args, out, sizeof(out)))
		fail_msg("rawbpf %s: %s", args, out);
	assert_non_null(strstr(out, "rb_btf_file_tp\ttracepoint/syscalls/sys_enter_getppid\tok"));
}

/* A file that is not BTF: load fails naming it and leaves nothing open. */
static void test_not_btf(void **state)
{
	static const char junk[] = "this is not BTF, nor an ELF file\n";
	struct budget b = { .left = -1 };
	struct rawbpf_allocator a = rb_budget_allocator(&b);
	struct rawbpf_object *obj = NULL;
	int fds0, fds1;

	(void)state;
	rb_require_kernel();
	temp_file(bad_path, junk, sizeof(junk) - 1);
	fds0 = rb_count_fds();
	{
		RAWBPF_OPTS(rawbpf_object_open_opts, o, .btf_path = bad_path,
			    .alloc = &a);

		assert_int_equal(rawbpf_object_open_file(OBJ, &o, &obj), 0);
	}
	fds1 = rb_count_fds();
	assert_int_equal(rawbpf_object_load(obj), -EINVAL);
	assert_non_null(strstr(rawbpf_object_error(obj), "target BTF "));
	assert_non_null(strstr(rawbpf_object_error(obj), bad_path));
	assert_non_null(strstr(rawbpf_object_error(obj), "magic"));
	assert_int_equal(rb_count_fds(), fds1);
	assert_true(rawbpf_program_fd(rawbpf_object_find_program(obj, "rb_btf_file_tp")) < 0);
	assert_true(rawbpf_map_fd(rawbpf_object_find_map(obj, ".bss")) < 0);
	rawbpf_object_close(obj);
	assert_int_equal(rb_count_fds(), fds0);
	assert_int_equal(b.live, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_core_from_file, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_cli_btf_file, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_not_btf, rb_fixture_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
