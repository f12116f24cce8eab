// SPDX-License-Identifier: BSD-2-Clause
/* pin.c (unit) - the bpffs helpers without a kernel: the attrs OBJ_PIN and
 * OBJ_GET send (path_fd only when asked), how EPERM/EACCES are explained
 * as -ENOTSUP off bpffs, and that unpin/mkdir never touch other
 * filesystems. bpf(2) is answered by a hook. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fixture.h"
#include "rawbpf/pin.h"
#include "rawbpf/sys.h"
#include "core/mem.h"
#include "sys/abi.h"
#include "sys/raw.h"

struct rec {
	int calls;
	int cmd;
	unsigned int size;
	struct rb_attr_obj attr;
	char path[256];
	long answer;
};

static struct rec rec;

static int before(void *ctx, int cmd, void *attr, unsigned int size,
		  long *ret)
{
	struct rec *r = ctx;
	const struct rb_attr_obj *a = attr;

	r->calls++;
	r->cmd = cmd;
	r->size = size;
	memset(&r->attr, 0, sizeof(r->attr));
	memcpy(&r->attr, attr, size < sizeof(r->attr) ? size : sizeof(r->attr));
	snprintf(r->path, sizeof(r->path), "%s",
		 (const char *)(uintptr_t)a->pathname);
	*ret = r->answer;
	return 1;
}

static const struct rb_sys_hook hook = { .before = before, .ctx = &rec };
static char tmpdir[64];

static int setup(void **state)
{
	(void)state;
	memset(&rec, 0, sizeof(rec));
	rb_sys_set_hook(&hook);
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/rawbpf-unit-pin-XXXXXX");
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
	char cmd[128];

	(void)state;
	rb_sys_set_hook(NULL);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", tmpdir);
	return system(cmd) ? -1 : 0;
}

static void test_pin_attr_plain(void **state)
{
	(void)state;
	rec.answer = 0;
	assert_int_equal(rawbpf_bpffs_pin(7, "/sys/fs/bpf/x"), 0);
	assert_int_equal(rec.cmd, RB_OBJ_PIN);
	assert_int_equal(rec.attr.bpf_fd, 7);
	assert_int_equal(rec.attr.file_flags, 0);
	assert_string_equal(rec.path, "/sys/fs/bpf/x");
	/* no path_fd: the attr ends at file_flags (works before 6.5) */
	assert_int_equal(rec.size, offsetofend(struct rb_attr_obj, file_flags));
}

static void test_pin_at_sends_path_fd(void **state)
{
	(void)state;
	rec.answer = 0;
	assert_int_equal(rawbpf_bpffs_pin_at(7, 9, "rel/x"), 0);
	assert_int_equal(rec.attr.file_flags, RAWBPF_F_PATH_FD);
	assert_int_equal(rec.attr.path_fd, 9);
	assert_int_equal(rec.size, offsetofend(struct rb_attr_obj, path_fd));
	/* An absolute path or AT_FDCWD ignores the directory: not sent. */
	assert_int_equal(rawbpf_bpffs_pin_at(7, 9, "/abs"), 0);
	assert_int_equal(rec.attr.file_flags, 0);
	assert_int_equal(rec.size, offsetofend(struct rb_attr_obj, file_flags));
	assert_int_equal(rawbpf_bpffs_pin_at(7, AT_FDCWD, "rel"), 0);
	assert_int_equal(rec.attr.file_flags, 0);
}

static void test_get_attr_flags(void **state)
{
	(void)state;
	rec.answer = 42;
	assert_int_equal(rawbpf_bpffs_get("/sys/fs/bpf/m", BPF_F_RDONLY), 42);
	assert_int_equal(rec.cmd, RB_OBJ_GET);
	assert_int_equal(rec.attr.file_flags, BPF_F_RDONLY);
	assert_int_equal(rec.attr.bpf_fd, 0);
	assert_int_equal(rawbpf_bpffs_get_at(5, "m", BPF_F_WRONLY), 42);
	assert_int_equal(rec.attr.file_flags, BPF_F_WRONLY | RAWBPF_F_PATH_FD);
	assert_int_equal(rec.attr.path_fd, 5);
}

static void test_pin_eperm_off_bpffs_is_enotsup(void **state)
{
	char path[128];

	(void)state;
	rec.answer = -EPERM;
	snprintf(path, sizeof(path), "%s/p", tmpdir);
	assert_int_equal(rawbpf_bpffs_pin(7, path), -ENOTSUP);
	/* relative to a directory fd that is not on bpffs */
	{
		int dir = open(tmpdir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

		assert_true(dir >= 0);
		assert_int_equal(rawbpf_bpffs_pin_at(7, dir, "p"), -ENOTSUP);
		close(dir);
	}
	/* parent missing: nothing to explain, the kernel's answer stays */
	snprintf(path, sizeof(path), "%s/nodir/p", tmpdir);
	assert_int_equal(rawbpf_bpffs_pin(7, path), -EPERM);
	/* other errors pass through untouched */
	rec.answer = -EEXIST;
	snprintf(path, sizeof(path), "%s/p", tmpdir);
	assert_int_equal(rawbpf_bpffs_pin(7, path), -EEXIST);
}

/* make an empty file @name in tmpdir; its path to @path */
static void touch(char *path, size_t n, const char *name)
{
	int fd;

	snprintf(path, n, "%s/%s", tmpdir, name);
	fd = open(path, O_CREAT | O_WRONLY | O_CLOEXEC, 0600);
	assert_true(fd >= 0);
	close(fd);
}

static void test_get_eacces_off_bpffs_is_enotsup(void **state)
{
	char path[128];

	(void)state;
	touch(path, sizeof(path), "file");
	rec.answer = -EACCES;
	assert_int_equal(rawbpf_bpffs_get(path, 0), -ENOTSUP);
	/* a path that does not exist: EACCES stays */
	snprintf(path, sizeof(path), "%s/missing", tmpdir);
	assert_int_equal(rawbpf_bpffs_get(path, 0), -EACCES);
	rec.answer = -ENOENT;
	assert_int_equal(rawbpf_bpffs_get(path, 0), -ENOENT);
}

static void test_bad_args(void **state)
{
	char longp[PATH_MAX + 16];

	(void)state;
	rec.answer = 0;
	assert_int_equal(rawbpf_bpffs_pin(7, NULL), -EINVAL);
	assert_int_equal(rawbpf_bpffs_pin(7, ""), -EINVAL);
	assert_int_equal(rawbpf_bpffs_get(NULL, 0), -EINVAL);
	assert_int_equal(rawbpf_bpffs_get("", 0), -EINVAL);
	assert_int_equal(rec.calls, 0);		/* never reached the kernel */
	assert_int_equal(rawbpf_bpffs_unpin(NULL), -EINVAL);
	assert_int_equal(rawbpf_bpffs_unpin(""), -EINVAL);
	assert_int_equal(rawbpf_bpffs_unpin("/sys/fs/bpf/dir/"), -EINVAL);
	memset(longp, 'a', sizeof(longp));
	longp[0] = '/';
	longp[sizeof(longp) - 3] = '/';
	longp[sizeof(longp) - 1] = '\0';
	assert_int_equal(rawbpf_bpffs_unpin(longp), -ENAMETOOLONG);
	assert_int_equal(rawbpf_bpffs_detect(NULL), -EINVAL);
	assert_int_equal(rawbpf_bpffs_mount(NULL), -EINVAL);
	assert_int_equal(rawbpf_bpffs_mkdir(NULL, 0700), -EINVAL);
	assert_int_equal(rawbpf_bpffs_mkdir("", 0700), -EINVAL);
}

static void test_unpin_refuses_other_fs(void **state)
{
	char path[128];
	struct stat st;
	int fd;

	(void)state;
	touch(path, sizeof(path), "victim");
	assert_int_equal(rawbpf_bpffs_unpin(path), -ENOTSUP);
	assert_int_equal(stat(path, &st), 0);	/* still there */
	fd = open(tmpdir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	assert_true(fd >= 0);
	assert_int_equal(rawbpf_bpffs_unpin_at(fd, "victim"), -ENOTSUP);
	close(fd);
	assert_int_equal(stat(path, &st), 0);
	snprintf(path, sizeof(path), "%s/nodir/x", tmpdir);
	assert_int_equal(rawbpf_bpffs_unpin(path), -ENOENT);
}

static void test_mkdir_refuses_other_fs(void **state)
{
	char path[128], name[NAME_MAX + 40];
	struct stat st;

	(void)state;
	snprintf(path, sizeof(path), "%s/a/b", tmpdir);
	assert_int_equal(rawbpf_bpffs_mkdir(path, 0700), -ENOTSUP);
	snprintf(path, sizeof(path), "%s/a", tmpdir);
	assert_int_equal(stat(path, &st), -1);	/* nothing created */
	/* existing directory elsewhere: still not a bpffs directory */
	assert_int_equal(rawbpf_bpffs_mkdir(tmpdir, 0700), -ENOTSUP);
	memset(name, 'n', sizeof(name));
	snprintf(name, 6, "/tmp/");
	name[5] = 'n';
	name[sizeof(name) - 1] = '\0';
	assert_int_equal(rawbpf_bpffs_mkdir(name, 0700), -ENAMETOOLONG);
}

static void test_detect(void **state)
{
	(void)state;
	assert_int_equal(rawbpf_bpffs_detect(tmpdir), 0);
	assert_int_equal(rawbpf_bpffs_detect("/nonexistent-rawbpf"), -ENOENT);
	assert_int_equal(rawbpf_bpffs_mount("/nonexistent-rawbpf"), -ENOENT);
}

static void test_obj_type_non_bpf(void **state)
{
	int p[2];

	(void)state;
	assert_int_equal(pipe(p), 0);
	assert_int_equal(rawbpf_fd_type(p[0]), -EINVAL);
	close(p[0]);
	close(p[1]);
	assert_int_equal(rawbpf_fd_type(-1), -EBADF);
	assert_int_equal(rawbpf_fd_type(p[0]), -ENOENT);	/* closed */
	/* a pin that cannot be opened: the OBJ_GET error */
	rec.answer = -ENOENT;
	assert_int_equal(rawbpf_bpffs_type("/sys/fs/bpf/none"), -ENOENT);
}

/* OBJ_GET answers EACCES for a read-write open and hands out an fd (a
 * pipe: not a bpf object) for a read-only one */
static int rdonly_only(void *ctx, int cmd, void *attr, unsigned int size,
		       long *ret)
{
	const struct rb_attr_obj *a = attr;
	int *pipe_rd = ctx;

	(void)cmd;
	(void)size;
	rec.calls++;
	rec.attr.file_flags = a->file_flags;
	*ret = a->file_flags == BPF_F_RDONLY ? dup(*pipe_rd) : -EACCES;
	return 1;
}

static void test_pin_type_retries_read_only(void **state)
{
	struct rb_sys_hook h = { .before = rdonly_only };
	int p[2];

	(void)state;
	assert_int_equal(pipe(p), 0);
	h.ctx = &p[0];
	rb_sys_set_hook(&h);
	rec.calls = 0;
	/* the retry happened (two gets, the second read-only) and its fd
	 * was examined and closed */
	assert_int_equal(rawbpf_bpffs_type("/sys/fs/bpf/ro"), -EINVAL);
	assert_int_equal(rec.calls, 2);
	assert_int_equal(rec.attr.file_flags, BPF_F_RDONLY);
	rb_sys_set_hook(&hook);
	close(p[0]);
	close(p[1]);
}

static void test_unpin_at_root(void **state)
{
	(void)state;
	/* "/name": the parent is "/", not bpffs */
	assert_int_equal(rawbpf_bpffs_unpin("/rawbpf-never-there"), -ENOTSUP);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_pin_attr_plain, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pin_at_sends_path_fd, setup, teardown),
		cmocka_unit_test_setup_teardown(test_get_attr_flags, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pin_eperm_off_bpffs_is_enotsup, setup, teardown),
		cmocka_unit_test_setup_teardown(test_get_eacces_off_bpffs_is_enotsup, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_args, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unpin_refuses_other_fs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mkdir_refuses_other_fs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_detect, setup, teardown),
		cmocka_unit_test_setup_teardown(test_obj_type_non_bpf, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pin_type_retries_read_only, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unpin_at_root, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
