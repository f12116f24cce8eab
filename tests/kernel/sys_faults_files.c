// SPDX-License-Identifier: BSD-2-Clause
/* sys_faults_files.c - the file and mount calls of the library fail in
 * turn (through the choke point's one hook): opening, reading and mapping
 * the kernel BTF, /proc/config.gz, /proc/kallsyms, /proc/PID/maps and an
 * object file; mounting bpffs and making directories in it. Every failure
 * comes back as exactly the injected error with no fd, memory, directory
 * or mount left; a run whose failed call was optional gets through. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

#include "budget.h"
#include "faults.h"
#include "fixture.h"
#include "kernel/version.h"
#include "rawbpf/attach_trace.h"
#include "rawbpf/object.h"
#include "rawbpf/pin.h"
#include "sys/raw.h"
#include "sys_view.h"

#define VMLINUX "/sys/kernel/btf/vmlinux"

/* Open, load and close one object; the kernel BTF cache is dropped first
 * so that every run reads it again. */
static int load_object(void *ctx, const struct rawbpf_allocator *a)
{
	RAWBPF_OPTS(rawbpf_object_open_opts, o, .alloc = a);
	struct rawbpf_object *obj;
	int err;

	rawbpf_kernel_btf_release();
	err = rawbpf_object_open_file(ctx, &o, &obj);
	if (err)
		return err;
	err = rawbpf_object_load(obj);
	rawbpf_object_close(obj);
	return err;
}

static void walk_object(const char *path, struct rb_fault_calls *seen)
{
	char mmap_obj[300];

	rb_require_kernel();
	rb_fault_walk_calls(load_object, NULL, (void *)path, seen);
	snprintf(mmap_obj, sizeof(mmap_obj), "mmap %s", path);
	assert_true(rb_fault_failed(seen, mmap_obj));
}

static void test_kernel_btf(void **state)
{
	static struct rb_fault_calls seen;

	(void)state;
	if (access(VMLINUX, R_OK))
		rb_skip_feature("kernel BTF (" VMLINUX ")");
	walk_object(RB_BPF_OBJ("core_task"), &seen);
	assert_true(rb_fault_failed(&seen, "bpf 5"));	/* PROG_LOAD */
	assert_true(rb_fault_failed(&seen, "open " VMLINUX));
	assert_true(rb_fault_failed(&seen, "mmap " VMLINUX));
	rawbpf_kernel_btf_release();
}

/* A kernel that cannot mmap its BTF (before 6.16): the library reads it,
 * a page per read. The first, a middle and the last read fail in turn
 * (a whole walk would take ~1,300 runs of ~1,300 reads). */
static struct {
	int fd, reads, fail_at;
} rd;

static int read_before(void *ctx, const struct rb_sys_call *c, long *ret)
{
	(void)ctx;
	if (c->kind == RB_SYS_MMAP && rb_call_fd(c) == rd.fd) {
		*ret = -ENODEV;
		return 1;
	}
	if (c->kind != RB_SYS_READ || rb_call_fd(c) != rd.fd || ++rd.reads != rd.fail_at)
		return 0;
	*ret = RB_FAULT_ERR;
	return 1;
}

static void read_after(void *ctx, const struct rb_sys_call *c, long ret)
{
	(void)ctx;
	if (c->kind == RB_SYS_OPEN && !strcmp(rb_call_path(c), VMLINUX))
		rd.fd = (int)ret;
}

static void test_kernel_btf_read(void **state)
{
	static const struct rb_sys_hook h = { .before = read_before,
					      .after = read_after };
	struct budget b;
	struct rawbpf_allocator a = rb_budget_allocator(&b);
	struct stat st;
	int fds, err, pages;

	(void)state;
	rb_require_kernel();
	if (stat(VMLINUX, &st))
		rb_skip_feature("kernel BTF (" VMLINUX ")");
	pages = (int)((st.st_size + 4095) / 4096);
	for (int i = 0; i < 3; i++) {
		memset(&b, 0, sizeof(b));
		b.left = -1;
		memset(&rd, 0, sizeof(rd));
		rd.fd = -1;
		rd.fail_at = i == 0 ? 1 : i == 1 ? pages / 2 : pages;
		fds = rb_count_fds();
		rb_sys_set_hook(&h);
		err = load_object(RB_BPF_OBJ("core_task"), &a);
		rb_sys_set_hook(NULL);
		assert_true(rd.reads >= rd.fail_at);	/* it was read */
		assert_int_equal(err, RB_FAULT_ERR);
		assert_int_equal(b.live, 0);
		assert_int_equal(rb_count_fds(), fds);
	}
	/* and without a failure, the read copy serves */
	memset(&rd, 0, sizeof(rd));
	rd.fd = -1;
	rb_sys_set_hook(&h);
	err = load_object(RB_BPF_OBJ("core_task"), &a);
	rb_sys_set_hook(NULL);
	assert_int_equal(err, 0);
	assert_true(rd.reads >= pages / 2);
	rawbpf_kernel_btf_release();
}

static void test_kconfig(void **state)
{
	static struct rb_fault_calls seen;

	(void)state;
	if (access("/proc/config.gz", R_OK))
		rb_skip_feature("/proc/config.gz (CONFIG_IKCONFIG_PROC)");
	/* The kernel version is read once per process and then cached: read
	 * it first so that the k-th call is the same call in every run. */
	assert_true(rb_kernel_version(NULL) > 0);
	walk_object(RB_BPF_OBJ("obj_kconfig"), &seen);
	assert_true(rb_fault_failed(&seen, "open /proc/config.gz"));
	assert_true(rb_fault_failed(&seen, "read /proc/config.gz"));
}

static void test_kallsyms(void **state)
{
	static struct rb_fault_calls seen;

	(void)state;
	walk_object(RB_BPF_OBJ("obj_ksym_addr"), &seen);
	assert_true(rb_fault_failed(&seen, "open /proc/kallsyms"));
	assert_true(rb_fault_failed(&seen, "read /proc/kallsyms"));
}

/* /proc/PID/maps, through the library lookup of uprobes. */
static int find_libc(void *ctx, const struct rawbpf_allocator *a)
{
	char buf[256];

	(void)ctx;
	(void)a;
	return rawbpf_uprobe_find_library(getpid(), "libc", buf, sizeof(buf));
}

static void test_proc_maps(void **state)
{
	static struct rb_fault_calls seen;
	char maps[64];

	(void)state;
	snprintf(maps, sizeof(maps), "/proc/%d/maps", (int)getpid());
	rb_fault_walk_calls(find_libc, NULL, NULL, &seen);
	assert_true(rb_fault_failed(&seen, maps));
	assert_true(rb_fault_failed(&seen, "read /proc/"));
}

/* Is @path a bpffs mount point? */
static int on_bpffs(const char *path)
{
	struct statfs st;

	return !statfs(path, &st) && (unsigned long)st.f_type == 0xcafe4a11;
}

static char where[256];

static int mount_bpffs(void *ctx, const struct rawbpf_allocator *a)
{
	(void)ctx;
	(void)a;
	return rawbpf_bpffs_mount(where);
}

/* A failed mount leaves no mount; a made one is taken down. */
static void clean_mount(void *ctx, int made)
{
	(void)ctx;
	assert_int_equal(on_bpffs(where), made);
	if (made)
		assert_int_equal(umount2(where, MNT_DETACH), 0);
}

static void test_bpffs_mount(void **state)
{
	static struct rb_fault_calls seen;

	(void)state;
	rb_require_kernel();
	snprintf(where, sizeof(where), "/tmp/rawbpf-mnt-%d", (int)getpid());
	assert_int_equal(mkdir(where, 0700), 0);
	rb_fault_walk_calls(mount_bpffs, clean_mount, NULL, &seen);
	assert_true(rb_fault_failed(&seen, "statfs "));
	assert_true(rb_fault_failed(&seen, "mount "));
	assert_int_equal(rmdir(where), 0);
}

static int mkdir_deep(void *ctx, const struct rawbpf_allocator *a)
{
	char path[300];

	(void)ctx;
	(void)a;
	snprintf(path, sizeof(path), "%s/a/b/c", where);
	return rawbpf_bpffs_mkdir(path, 0700);
}

/* A failed mkdir -p removes what it made; a made one is removed here. */
static void clean_mkdir(void *ctx, int made)
{
	char path[300];
	struct stat st;

	(void)ctx;
	snprintf(path, sizeof(path), "%s/a", where);
	if (!made) {
		assert_int_not_equal(stat(path, &st), 0);
		return;
	}
	snprintf(path, sizeof(path), "%s/a/b/c", where);
	assert_int_equal(rmdir(path), 0);
	snprintf(path, sizeof(path), "%s/a/b", where);
	assert_int_equal(rmdir(path), 0);
	snprintf(path, sizeof(path), "%s/a", where);
	assert_int_equal(rmdir(path), 0);
}

static void test_bpffs_mkdir(void **state)
{
	static struct rb_fault_calls seen;

	(void)state;
	rb_require_kernel();
	assert_int_equal(rb_bpffs_dir(where, sizeof(where)), 0);
	rb_fault_walk_calls(mkdir_deep, clean_mkdir, NULL, &seen);
	assert_true(rb_fault_failed(&seen, "mkdir a"));
	assert_true(rb_fault_failed(&seen, "mkdir c"));
	assert_true(rb_fault_failed(&seen, "statfs "));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_kernel_btf, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_kernel_btf_read, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_kconfig, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_kallsyms, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_proc_maps, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_bpffs_mount, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_bpffs_mkdir, rb_fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
