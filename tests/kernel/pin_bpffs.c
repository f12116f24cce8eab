// SPDX-License-Identifier: BSD-2-Clause
/* pin_bpffs.c - the bpffs helpers on the real kernel: detect, mount,
 * mkdir -p, pin/get/unpin of programs, maps and links, read-only and
 * write-only gets, directory-fd pins (6.5), the type of a pin, and every
 * error the helpers return. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "env.h"
#include "faults.h"
#include "fixture.h"
#include "kernel_features.h"
#include "progs.h"
#include "rawbpf/attach.h"
#include "rawbpf/pin.h"
#include "rawbpf/sys.h"
#include "sys/raw.h"
#include "sys_view.h"

static void test_detect(void **state)
{
	(void)state;
	assert_int_equal(rawbpf_bpffs_detect(rb_env.dir), 1);
	assert_int_equal(rawbpf_bpffs_detect(RAWBPF_BPFFS_DEFAULT), 1);
	assert_int_equal(rawbpf_bpffs_detect("/proc"), 0);
	assert_int_equal(rawbpf_bpffs_detect("/nonexistent-rawbpf"), -ENOENT);
}

static char mnt[64];

static void cleanup_mnt(void *arg)
{
	(void)arg;
	umount2(mnt, MNT_DETACH);
	rmdir(mnt);
}

static void test_mount(void **state)
{
	char sub[128];
	int fd, map;

	(void)state;
	snprintf(mnt, sizeof(mnt), "/tmp/rawbpf-mnt-XXXXXX");
	assert_non_null(mkdtemp(mnt));
	rb_fixture_add_cleanup(cleanup_mnt, NULL);
	assert_int_equal(rawbpf_bpffs_detect(mnt), 0);
	assert_int_equal(rawbpf_bpffs_mount(mnt), 0);
	assert_int_equal(rawbpf_bpffs_detect(mnt), 1);
	/* already bpffs: nothing mounted on top, 1 says so */
	assert_int_equal(rawbpf_bpffs_mount(mnt), 1);
	/* and it really is a bpffs: a map pins there */
	map = rb_counter_map("rb_mnt");
	assert_true(map >= 0);
	snprintf(sub, sizeof(sub), "%s/m", mnt);
	assert_int_equal(rawbpf_bpffs_pin(map, sub), 0);
	fd = rawbpf_bpffs_get(sub, 0);
	assert_int_equal(rb_obj_id(fd), rb_obj_id(map));
	close(fd);
	assert_int_equal(rawbpf_bpffs_unpin(sub), 0);
	close(map);
	assert_int_equal(umount2(mnt, 0), 0);
	assert_int_equal(rawbpf_bpffs_mount("/nonexistent-rawbpf"), -ENOENT);
	/* the mount itself fails: a file is no mount point for bpffs */
	snprintf(sub, sizeof(sub), "%s/file", mnt);
	fd = open(sub, O_CREAT | O_WRONLY | O_CLOEXEC, 0600);
	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(rawbpf_bpffs_mount(sub), -ENOTDIR);
	assert_int_equal(unlink(sub), 0);
}

static void test_mkdir(void **state)
{
	char path[256], file[300];
	struct stat st;
	int map;

	(void)state;
	rb_pin_path(path, sizeof(path), "a/b//c");
	assert_int_equal(rawbpf_bpffs_mkdir(path, 0750), 0);
	assert_int_equal(stat(path, &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	assert_int_equal(st.st_mode & 0777, 0750);
	/* again: already there is fine (mkdir -p) */
	assert_int_equal(rawbpf_bpffs_mkdir(path, 0750), 0);
	/* through a pin (a file): ENOTDIR */
	map = rb_counter_map("rb_mkdir");
	assert_true(map >= 0);
	rb_pin_path(file, sizeof(file), "pin");
	assert_int_equal(rawbpf_bpffs_pin(map, file), 0);
	close(map);
	rb_pin_path(file, sizeof(file), "pin/x");
	assert_int_equal(rawbpf_bpffs_mkdir(file, 0700), -ENOTDIR);
	/* off bpffs: refused, nothing made */
	assert_int_equal(rawbpf_bpffs_mkdir("/tmp/rawbpf-never/x", 0700),
			 -ENOTSUP);
	assert_int_equal(stat("/tmp/rawbpf-never", &st), -1);
}

/* A mkdir -p that fails half-way removes the directories it made, and
 * only those. */
static void test_mkdir_undo(void **state)
{
	char path[600], keep[256], name[NAME_MAX + 2];
	struct stat st;
	int map;

	(void)state;
	map = rb_counter_map("rb_mkdir_undo");
	assert_true(map >= 0);
	rb_pin_path(path, sizeof(path), "pin");
	assert_int_equal(rawbpf_bpffs_pin(map, path), 0);
	close(map);
	rb_pin_path(keep, sizeof(keep), "keep");
	assert_int_equal(rawbpf_bpffs_mkdir(keep, 0700), 0);
	/* keep/new is made, then keep/new/../../pin/x runs into the pin */
	rb_pin_path(path, sizeof(path), "keep/new/../../pin/x");
	assert_int_equal(rawbpf_bpffs_mkdir(path, 0700), -ENOTDIR);
	rb_pin_path(path, sizeof(path), "keep/new");
	assert_int_equal(stat(path, &st), -1);
	assert_int_equal(stat(keep, &st), 0);
	/* a/b are made before the over-long name is seen */
	memset(name, 'n', NAME_MAX + 1);
	name[NAME_MAX + 1] = '\0';
	rb_pin_path(path, sizeof(path), "a");
	snprintf(path + strlen(path), sizeof(path) - strlen(path), "/b/%s",
		 name);
	assert_int_equal(rawbpf_bpffs_mkdir(path, 0700), -ENAMETOOLONG);
	rb_pin_path(path, sizeof(path), "a");
	assert_int_equal(stat(path, &st), -1);
	/* the caller's errno is kept */
	errno = 4321;
	assert_int_equal(rawbpf_bpffs_mkdir(path, 0700), 0);
	assert_int_equal(errno, 4321);
}

/* mkdir -p holds a directory fd per level: running out of fds at each
 * point in turn is -EMFILE with nothing made, until it goes through. */
static void test_mkdir_fd_walk(void **state)
{
	char path[300], top[300];
	struct rlimit saved;
	struct stat st;
	int k, err;

	(void)state;
	rb_pin_path(path, sizeof(path), "w/x/y");
	rb_pin_path(top, sizeof(top), "w");
	for (k = 0;; k++) {
		rb_fds_allow(k, &saved);
		err = rawbpf_bpffs_mkdir(path, 0700);
		rb_fds_restore(&saved);
		if (!err)
			break;
		assert_int_equal(err, -EMFILE);
		assert_int_equal(stat(top, &st), -1);
	}
	assert_true(k >= 2);
	assert_int_equal(stat(path, &st), 0);
}

/* pin -> type -> get (same id) -> EEXIST -> unpin -> gone */
static void pin_cycle(int fd, int type, const char *name,
		      int (*exists)(uint32_t))
{
	char path[300];
	uint32_t id = rb_obj_id(fd);
	int got;

	assert_true(id > 0);
	rb_pin_path(path, sizeof(path), name);
	assert_int_equal(rawbpf_bpffs_pin(fd, path), 0);
	assert_int_equal(rawbpf_bpffs_type(path), type);
	assert_int_equal(rawbpf_fd_type(fd), type);
	assert_int_equal(rawbpf_bpffs_pin(fd, path), -EEXIST);
	got = rawbpf_bpffs_get(path, 0);
	assert_true(got > 2);
	assert_int_equal(rb_obj_id(got), id);
	close(got);
	/* only the pin holds it now */
	close(fd);
	assert_int_equal(exists(id), 1);
	assert_int_equal(rawbpf_bpffs_unpin(path), 0);
	assert_int_equal(rb_wait_id_gone(exists, id, 2000), 0);
	assert_int_equal(rawbpf_bpffs_get(path, 0), -ENOENT);
	assert_int_equal(rawbpf_bpffs_unpin(path), -ENOENT);
}

static void test_pin_prog_map_link(void **state)
{
	struct rawbpf_attachment *at;
	int map, prog, link, prog2;

	(void)state;
	map = rb_counter_map("rb_pin");
	assert_true(map >= 0);
	prog = rb_load_counter(BPF_PROG_TYPE_RAW_TRACEPOINT, 0, map, 0);
	assert_true(prog >= 0);
	prog2 = rb_load_ret(BPF_PROG_TYPE_SOCKET_FILTER, 0, 0);
	assert_true(prog2 >= 0);
	link = rawbpf_sys_raw_tracepoint_open("task_rename", prog, 0);
	assert_true(link >= 0);
	close(prog);
	/* an attachment handle pins through the same helper */
	assert_int_equal(rawbpf_link_open_id(rb_obj_id(link), &at, NULL), 0);
	assert_int_equal(rawbpf_attachment_pin(at, "/tmp/rawbpf-pin-never"),
			 -ENOTSUP);
	rawbpf_attachment_destroy(at);
	pin_cycle(link, RAWBPF_FD_LINK, "link", rb_link_id_exists);
	pin_cycle(map, RAWBPF_FD_MAP, "map", rb_map_id_exists);
	pin_cycle(prog2, RAWBPF_FD_PROG, "prog", rb_prog_id_exists);
}

static void test_get_rdonly_wronly(void **state)
{
	char path[300];
	uint32_t key = 0;
	uint64_t v = 5;
	int map, ro, wo, prog;

	(void)state;
	map = rb_counter_map("rb_rdwr");
	assert_true(map >= 0);
	rb_pin_path(path, sizeof(path), "m");
	assert_int_equal(rawbpf_bpffs_pin(map, path), 0);
	ro = rawbpf_bpffs_get(path, BPF_F_RDONLY);
	wo = rawbpf_bpffs_get(path, BPF_F_WRONLY);
	assert_true(ro > 2 && wo > 2);
	assert_int_equal(rawbpf_sys_map_update_elem(ro, &key, &v, BPF_ANY), -EPERM);
	assert_int_equal(rawbpf_sys_map_update_elem(wo, &key, &v, BPF_ANY), 0);
	assert_int_equal(rawbpf_sys_map_lookup_elem(wo, &key, &v), -EPERM);
	assert_int_equal(rb_counter_read(ro), 5);
	assert_int_equal(rawbpf_bpffs_get(path, BPF_F_RDONLY | BPF_F_WRONLY),
			 -EINVAL);
	close(ro);
	close(wo);
	/* programs have no read/write access modes: the flag is accepted
	 * and the fd is an ordinary program fd */
	prog = rb_load_ret(BPF_PROG_TYPE_SOCKET_FILTER, 0, 0);
	assert_true(prog >= 0);
	rb_pin_path(path, sizeof(path), "p");
	assert_int_equal(rawbpf_bpffs_pin(prog, path), 0);
	ro = rawbpf_bpffs_get(path, BPF_F_RDONLY);
	assert_true(ro > 2);
	assert_int_equal(rb_obj_id(ro), rb_obj_id(prog));
	close(ro);
	close(prog);
	close(map);
}

static void test_errors(void **state)
{
	char path[300];
	struct stat st;
	int map, fd;

	(void)state;
	map = rb_counter_map("rb_err");
	assert_true(map >= 0);
	/* not on bpffs: the kernel says EPERM / EACCES; rawbpf -ENOTSUP */
	assert_int_equal(rawbpf_bpffs_pin(map, "/tmp/rawbpf-pin-never"), -ENOTSUP);
	assert_int_equal(stat("/tmp/rawbpf-pin-never", &st), -1);
	assert_int_equal(rawbpf_bpffs_get("/proc/self/status", 0), -ENOTSUP);
	assert_int_equal(rawbpf_bpffs_unpin("/proc/self/status"), -ENOTSUP);
	/* a bpffs directory is not a pin */
	assert_int_equal(rawbpf_bpffs_get(rb_env.dir, 0), -EISDIR);
	assert_int_equal(rawbpf_bpffs_type(rb_env.dir), -EISDIR);
	rb_pin_path(path, sizeof(path), "d");
	assert_int_equal(rawbpf_bpffs_mkdir(path, 0700), 0);
	assert_int_equal(rawbpf_bpffs_unpin(path), -EISDIR);
	/* taken by a directory */
	assert_int_equal(rawbpf_bpffs_pin(map, path), -EEXIST);
	/* missing directory, bad fd, not a bpf fd */
	rb_pin_path(path, sizeof(path), "nodir/m");
	assert_int_equal(rawbpf_bpffs_pin(map, path), -ENOENT);
	assert_int_equal(rawbpf_bpffs_get(path, 0), -ENOENT);
	assert_int_equal(rawbpf_bpffs_unpin(path), -ENOENT);
	rb_pin_path(path, sizeof(path), "m");
	/* an fd that is not open: the kernel says EINVAL (not EBADF) */
	assert_int_equal(rawbpf_bpffs_pin(9999, path), -EINVAL);
	fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	assert_int_equal(rawbpf_bpffs_pin(fd, path), -EINVAL);
	close(fd);
	/* a real EPERM on bpffs is left as EPERM (faked: we are root) */
	close(map);
}

static int fake_eperm(void *ctx, const struct rb_sys_call *call, long *ret)
{
	int cmd = (int)rb_call_op(call);
	void *attr = rb_call_buf(call);
	unsigned int size = (unsigned int)rb_call_size(call);
	(void)ctx;
	(void)attr;
	(void)size;
	(void)cmd;
	*ret = -EPERM;
	return 1;

	if (call->kind != RB_SYS_BPF)
		return 0;
}

static int fake_eacces(void *ctx, const struct rb_sys_call *call, long *ret)
{
	int cmd = (int)rb_call_op(call);
	void *attr = rb_call_buf(call);
	unsigned int size = (unsigned int)rb_call_size(call);
	(void)ctx;
	(void)attr;
	(void)size;
	(void)cmd;
	*ret = -EACCES;
	return 1;

	if (call->kind != RB_SYS_BPF)
		return 0;
}

static void test_eperm_on_bpffs_stays(void **state)
{
	static const struct rb_sys_hook h = { .before = fake_eperm };
	static const struct rb_sys_hook h2 = { .before = fake_eacces };
	char path[300];
	int err, map;

	(void)state;
	rb_pin_path(path, sizeof(path), "x");
	rb_sys_set_hook(&h);
	err = rawbpf_bpffs_pin(5, path);
	rb_sys_set_hook(NULL);
	assert_int_equal(err, -EPERM);
	/* likewise a genuine EACCES for a real pin (faked) stays EACCES */
	map = rb_counter_map("rb_eacces");
	assert_true(map > 2);
	assert_int_equal(rawbpf_bpffs_pin(map, path), 0);
	close(map);
	rb_sys_set_hook(&h2);
	err = rawbpf_bpffs_get(path, 0);
	rb_sys_set_hook(NULL);
	assert_int_equal(err, -EACCES);
}

static void test_path_fd(void **state)
{
	char path[300];
	int dfd, map, got, tmp;
	struct stat st;

	(void)state;
	rb_need(RB_FEAT_PATH_FD);
	map = rb_counter_map("rb_pathfd");
	assert_true(map >= 0);
	dfd = open(rb_env.dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	assert_true(dfd >= 0);
	assert_int_equal(rawbpf_bpffs_mkdir(rb_env.dir, 0700), 0);
	assert_int_equal(rawbpf_bpffs_pin_at(map, dfd, "rel"), 0);
	rb_pin_path(path, sizeof(path), "rel");
	assert_int_equal(stat(path, &st), 0);	/* landed in rb_env.dir */
	assert_int_equal(rawbpf_bpffs_pin_at(map, dfd, "rel"), -EEXIST);
	got = rawbpf_bpffs_get_at(dfd, "rel", BPF_F_RDONLY);
	assert_true(got > 2);
	assert_int_equal(rb_obj_id(got), rb_obj_id(map));
	close(got);
	assert_int_equal(rawbpf_bpffs_unpin_at(dfd, "rel"), 0);
	assert_int_equal(rawbpf_bpffs_get_at(dfd, "rel", 0), -ENOENT);
	/* a directory fd elsewhere */
	tmp = open("/tmp", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	assert_int_equal(rawbpf_bpffs_pin_at(map, tmp, "rawbpf-never"), -ENOTSUP);
	close(tmp);
	/* an fd that is not a directory */
	assert_int_equal(rawbpf_bpffs_pin_at(map, map, "x"), -ENOTDIR);
	close(dfd);
	close(map);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_detect, rb_setup_pins, rb_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_mount, rb_setup_pins, rb_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_mkdir, rb_setup_pins, rb_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_mkdir_undo, rb_setup_pins, rb_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_mkdir_fd_walk, rb_setup_pins, rb_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_pin_prog_map_link, rb_setup_pins, rb_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_get_rdonly_wronly, rb_setup_pins, rb_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_errors, rb_setup_pins, rb_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_eperm_on_bpffs_stays, rb_setup_pins, rb_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_path_fd, rb_setup_pins, rb_fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
