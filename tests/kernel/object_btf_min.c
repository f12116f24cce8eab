// SPDX-License-Identifier: BSD-2-Clause
/* object_btf_min.c - minimized BTF gives the kernel the same programs: the
 * project's CO-RE objects (tests/bpf/core_*.bpf.c) are loaded one program
 * at a time against a copy of the kernel's BTF and against
 * rawbpf_btf_min's output for them (also through `rawbpf btf min`); every
 * program loads or fails alike, the kernel reports the same tag
 * (OBJ_GET_INFO_BY_FD, a hash of the instructions it got) and the same
 * attach_btf_id. The minimized BTF is a small fraction of the kernel's. */
#include <errno.h>
#include <linux/bpf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"
#include "cli_run.h"
#include "rawbpf/btf.h"
#include "rawbpf/object.h"
#include "rawbpf/sys.h"

#define MAXP 8

struct outcome {
	char name[64];
	int err;
	uint8_t tag[BPF_TAG_SIZE];
	uint32_t attach_btf_id;
};

static char full_path[] = "/tmp/rb_btfmin_full_XXXXXX";
static char min_path[] = "/tmp/rb_btfmin_min_XXXXXX";
static int full_fd = -1, min_fd = -1;

static const char *obj_path(const char *name)
{
	static char path[512];

	snprintf(path, sizeof(path), "%s/%s.o", RAWBPF_BPF_DIR, name);
	return path;
}

static int write_fd(void *ctx, const char *buf, size_t len)
{
	return write(*(int *)ctx, buf, len) == (ssize_t)len ? 0 : -EIO;
}

/* Load each program of @obj_name alone with target BTF @btf; *@n outcomes. */
static void load_each(const char *obj_name, const char *btf, struct outcome *o,
		      int *n)
{
	RAWBPF_OPTS(rawbpf_object_open_opts, opts, .btf_path = btf);
	struct rawbpf_object *obj;
	struct rawbpf_program *p = NULL, *q;
	int i = 0;

	assert_int_equal(rawbpf_object_open_file(obj_path(obj_name), &opts, &obj), 0);
	while ((p = rawbpf_object_next_program(obj, p)))
		i++;
	rawbpf_object_close(obj);
	assert_true(i > 0 && i <= MAXP);
	*n = i;
	for (i = 0; i < *n; i++) {
		struct bpf_prog_info info;
		uint32_t len = sizeof(info);
		int k = 0;

		assert_int_equal(rawbpf_object_open_file(obj_path(obj_name), &opts, &obj), 0);
		for (q = NULL, p = NULL; (q = rawbpf_object_next_program(obj, q)); k++) {
			assert_int_equal(rawbpf_program_set_autoload(q, k == i), 0);
			if (k == i)
				p = q;
		}
		memset(&o[i], 0, sizeof(o[i]));
		snprintf(o[i].name, sizeof(o[i].name), "%s", rawbpf_program_name(p));
		o[i].err = rawbpf_object_load(obj);
		if (!o[i].err) {
			memset(&info, 0, sizeof(info));
			assert_int_equal(rawbpf_sys_obj_get_info_by_fd(rawbpf_program_fd(p),
								       &info, &len), 0);
			memcpy(o[i].tag, info.tag, sizeof(o[i].tag));
			o[i].attach_btf_id = rawbpf_program_attach_btf_id(p);
		}
		rawbpf_object_close(obj);
	}
}

static void test_same_tags(void **state)
{
	static const char *const objs[] = { "core_task", "core_poison", "core_module" };
	struct outcome full[MAXP], min[MAXP];
	int nf, nm, loaded = 0, j;
	size_t size, i;
	void *blob;

	(void)state;
	rb_require_kernel();
	blob = rb_read_file("/sys/kernel/btf/vmlinux", &size);
	if (!blob)
		rb_skip_feature("kernel BTF (/sys/kernel/btf/vmlinux) to minimize");
	full_fd = mkstemp(full_path);
	min_fd = mkstemp(min_path);
	assert_true(full_fd >= 0 && min_fd >= 0);
	assert_int_equal(write(full_fd, blob, size), (ssize_t)size);
	for (i = 0; i < sizeof(objs) / sizeof(objs[0]); i++) {
		struct rawbpf_object *obj;
		off_t msize;

		assert_int_equal(rawbpf_object_open_file(obj_path(objs[i]), NULL, &obj), 0);
		assert_int_equal(ftruncate(min_fd, 0), 0);
		assert_int_equal(lseek(min_fd, 0, SEEK_SET), 0);
		assert_int_equal(rawbpf_btf_min(blob, size, &obj, 1, write_fd, &min_fd, NULL), 0);
		rawbpf_object_close(obj);
		msize = lseek(min_fd, 0, SEEK_END);
		assert_true(msize > 24 && (size_t)msize < size / 2);
		load_each(objs[i], full_path, full, &nf);
		load_each(objs[i], min_path, min, &nm);
		assert_int_equal(nf, nm);
		for (j = 0; j < nf; j++) {
			print_message("[          ] %s %s: %s (min %lld of %zu bytes)\n",
				      objs[i], full[j].name,
				      full[j].err ? "fails on both" : "same tag",
				      (long long)msize, size);
			assert_string_equal(full[j].name, min[j].name);
			assert_int_equal(full[j].err, min[j].err);
			assert_memory_equal(full[j].tag, min[j].tag, BPF_TAG_SIZE);
			assert_int_equal(full[j].attach_btf_id, min[j].attach_btf_id);
			loaded += !full[j].err;
		}
	}
	assert_true(loaded >= 4);	/* core_task's two, core_poison's two */
	free(blob);
}

/* The CLI writes the same bytes as the library. */
static void test_cli(void **state)
{
	char cmd[1024], out[4096];
	size_t a, b;
	void *x, *y;

	(void)state;
	rb_require_kernel();
	if (access(RB_CLI, X_OK) || full_fd < 0)
		skip();	/* built without the examples */
	snprintf(cmd, sizeof(cmd), "btf min %s %s --btf %s -o %s.cli",
		 RB_BPF_OBJ("core_task"), RB_BPF_OBJ("core_poison"), full_path, min_path);
	assert_int_equal(rb_cli(cmd, out, sizeof(out)), 0);
	snprintf(cmd, sizeof(cmd), "%s.cli", min_path);
	x = rb_read_file(cmd, &a);
	assert_non_null(x);
	unlink(cmd);
	assert_true(a > 24);
	/* a missing object: exit 1, no output file */
	snprintf(cmd, sizeof(cmd), "btf min /nonexistent.o --btf %s -o %s.cli", full_path, min_path);
	assert_int_equal(rb_cli(cmd, out, sizeof(out)), 1);
	snprintf(cmd, sizeof(cmd), "%s.cli", min_path);
	y = rb_read_file(cmd, &b);
	assert_null(y);
	free(x);
}

static int cleanup(void **state)
{
	if (full_fd >= 0) {
		close(full_fd);
		unlink(full_path);
	}
	if (min_fd >= 0) {
		close(min_fd);
		unlink(min_path);
	}
	return rb_fixture_teardown(state);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_tags),
		cmocka_unit_test(test_cli),
	};

	return cmocka_run_group_tests(tests, NULL, cleanup);
}
