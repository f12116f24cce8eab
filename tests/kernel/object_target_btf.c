// SPDX-License-Identifier: BSD-2-Clause
/* object_target_btf.c - a kernel without /sys/kernel/btf (firmware built
 * without BTF), imitated on this host: a child in a private mount
 * namespace hides /sys/kernel/btf under an empty tmpfs. There a CO-RE
 * object (tests/bpf/core_task.bpf.c) fails to load without a target BTF,
 * naming the missing file, and loads and runs with --btf / btf_path
 * pointing at a copy of the kernel's BTF taken before: CO-RE values and
 * the iterator's attach_btf_id come from the file. The child makes no
 * cmocka call (a skip there would end the child, not the test). */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fixture.h"
#include "cli_run.h"
#include "rawbpf/attach_auto.h"
#include "rawbpf/attach_trace.h"
#include "rawbpf/object.h"
#include "rawbpf/sys.h"
#include "btf/btf.h"

static char copy_path[] = "/tmp/rb_vmlinux_copy_XXXXXX";
static int copy_fd = -1;
static bool have_cli;	/* checked in the parent: no cmocka call in the child */

struct rb_core_out {
	int pid, tgid;
	int pid_exists, gone_exists, pid_size, pid_signed;
	int task_exists, none_exists, tgid_enum, none_enum_exists;
	int task_size, hits;
};

/* The child's verdict: 0, or a message on @fd and 1. */
static int child_fail(int fd, const char *fmt, const char *arg)
{
	dprintf(fd, fmt, arg);
	return 1;
}

/* In the child: hide the kernel's BTF, then load core_task without and
 * with the copy. */
static int hidden_child(int fd)
{
	struct rawbpf_object *obj = NULL;
	struct rawbpf_attachment *at = NULL, *tp = NULL;
	struct rb_btf *copy = NULL;
	struct rb_core_out out;
	char *text = NULL, pid[32], cli[4096];
	size_t len = 0, size;
	uint32_t key = 0;
	void *blob;
	int id, err;

	if (unshare(CLONE_NEWNS) ||
	    mount("none", "/", "none", MS_REC | MS_PRIVATE, NULL) ||
	    mount("tmpfs", "/sys/kernel/btf", "tmpfs", 0, NULL))
		return child_fail(fd, "private mount namespace: %s", strerror(errno));
	if (!access("/sys/kernel/btf/vmlinux", F_OK))
		return child_fail(fd, "%s still visible", "/sys/kernel/btf/vmlinux");
	rawbpf_kernel_btf_release();	/* forget what the parent had mapped */

	/* without a target BTF: refused, naming what is missing */
	if (rawbpf_object_open_file(RB_BPF_OBJ("core_task"), NULL, &obj))
		return child_fail(fd, "open %s", "core_task");
	err = rawbpf_object_load(obj);
	if (err != -ENOENT ||
	    !strstr(rawbpf_object_error(obj), "kernel BTF (/sys/kernel/btf/vmlinux) needed"))
		return child_fail(fd, "load without BTF: %s", rawbpf_object_error(obj));
	rawbpf_object_close(obj);

	/* with the copy: loads, and the programs work */
	{
		RAWBPF_OPTS(rawbpf_object_open_opts, o, .btf_path = copy_path);

		if (rawbpf_object_open_file(RB_BPF_OBJ("core_task"), &o, &obj))
			return child_fail(fd, "open %s", "core_task");
	}
	*(int *)rawbpf_object_global_data(obj, ".rodata", &size) = getpid();
	if (rawbpf_object_load(obj))
		return child_fail(fd, "load with btf_path: %s", rawbpf_object_error(obj));
	blob = rb_read_file(copy_path, &size);
	if (!blob || rb_btf_parse(blob, size, 0, NULL, &copy, NULL))
		return child_fail(fd, "parse %s", copy_path);
	id = rb_btf_find(copy, "bpf_iter_task", RB_BTF_KIND_FUNC);
	rb_btf_free(copy);
	free(blob);
	if (id <= 0 || (uint32_t)id != rawbpf_program_attach_btf_id(
			rawbpf_object_find_program(obj, "rb_iter_tgid")))
		return child_fail(fd, "attach_btf_id not from %s", copy_path);
	if (rawbpf_program_attach(rawbpf_object_find_program(obj, "rb_iter_tgid"), NULL, &at) ||
	    rawbpf_iter_read(at, &text, &len))
		return child_fail(fd, "iter/task: %s", "attach or read failed");
	snprintf(pid, sizeof(pid), "\n%d\n", getpid());
	if (!strstr(text, pid))
		return child_fail(fd, "iter/task output lacks pid %s", pid + 1);
	rawbpf_iter_text_free(at, text);
	rawbpf_attachment_destroy(at);
	if (rawbpf_program_attach(rawbpf_object_find_program(obj, "rb_core_tp"), NULL, &tp))
		return child_fail(fd, "attach %s", "rb_core_tp");
	syscall(SYS_getppid);
	rawbpf_attachment_destroy(tp);
	if (rawbpf_sys_map_lookup_elem(rawbpf_map_fd(rawbpf_object_find_map(obj, ".bss")),
				   &key, &out) ||
	    out.hits < 1 || out.pid != (int)syscall(SYS_gettid) ||
	    out.tgid != getpid() || out.pid_size != 4 || out.tgid_enum != 1 ||
	    out.gone_exists != 0)
		return child_fail(fd, "CO-RE values through %s wrong", copy_path);
	rawbpf_object_close(obj);

	if (!have_cli)
		return 0;	/* built without the examples */
	/* the CLI: --btf FILE */
	snprintf(cli, 256, "load %s --btf %s", RB_BPF_OBJ("core_task"), copy_path);
	err = rb_cli(cli, cli, sizeof(cli));
	if (err || !strstr(cli, "rb_iter_tgid\titer/task\tok") ||
	    !strstr(cli, "rb_core_tp\ttracepoint/syscalls/sys_enter_getppid\tok"))
		return child_fail(fd, "rawbpf load --btf: %s", cli);
	snprintf(cli, 256, "load %s", RB_BPF_OBJ("core_task"));
	if (!rb_cli(cli, cli, sizeof(cli)))
		return child_fail(fd, "rawbpf load without --btf worked: %s", cli);
	return 0;
}

static void test_hidden_kernel_btf(void **state)
{
	char msg[4096] = "";
	size_t size;
	void *blob;
	int p[2], status;
	ssize_t n;
	pid_t pid;

	(void)state;
	rb_require_kernel();
	assert_non_null(rb_tracefs());
	blob = rb_read_file("/sys/kernel/btf/vmlinux", &size);
	if (!blob)
		rb_skip_feature("kernel BTF (/sys/kernel/btf/vmlinux) to copy");
	copy_fd = mkstemp(copy_path);
	assert_true(copy_fd >= 0);
	assert_int_equal(write(copy_fd, blob, size), (ssize_t)size);
	free(blob);
	have_cli = !access(RB_CLI, X_OK);
	assert_int_equal(pipe(p), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (!pid) {
		close(p[0]);
		_exit(hidden_child(p[1]));
	}
	close(p[1]);
	n = read(p[0], msg, sizeof(msg) - 1);
	close(p[0]);
	msg[n > 0 ? n : 0] = '\0';
	assert_int_equal(waitpid(pid, &status, 0), pid);
	if (!WIFEXITED(status) || WEXITSTATUS(status))
		fail_msg("child: %s", msg[0] ? msg : "died");
	/* the host's BTF was never touched */
	assert_int_equal(access("/sys/kernel/btf/vmlinux", R_OK), 0);
}

static int cleanup(void **state)
{
	if (copy_fd >= 0) {
		close(copy_fd);
		unlink(copy_path);
	}
	return rb_fixture_teardown(state);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_hidden_kernel_btf, cleanup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
