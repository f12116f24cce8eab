// SPDX-License-Identifier: BSD-2-Clause
/* object_btf_min.c - minimized BTF gives the kernel the same programs: the
 * project's CO-RE objects (tests/bpf/core_*.bpf.c) are loaded one program
 * at a time against a copy of the kernel's BTF and against
 * rawbpf_btf_min's output for them (also through `rawbpf btf min`); every
 * program loads or fails alike, the kernel reports the same tag
 * (OBJ_GET_INFO_BY_FD, a hash of the instructions it got) and the same
 * attach_btf_id. The minimized BTF is a small fraction of the kernel's.
 * The same for every program of the libbpf-tools corpus (/usr/sbin). */
#include <dirent.h>
#include <errno.h>
#include <linux/bpf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"
#include "cli_run.h"
#include "bpf_elf_cut.h"
#include "rawbpf/btf.h"
#include "rawbpf/object.h"
#include "rawbpf/sys.h"

#define MAXP 64

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

/* An object to load: a file, or bytes (a tool's embedded object). */
struct src {
	const char *path;
	const void *data;
	size_t size;
};

static struct rawbpf_object *open_src(const struct src *s,
				      const struct rawbpf_object_open_opts *opts)
{
	struct rawbpf_object *obj;

	if (s->path)
		assert_int_equal(rawbpf_object_open_file(s->path, opts, &obj), 0);
	else
		assert_int_equal(rawbpf_object_open_mem(s->data, s->size, opts, &obj), 0);
	return obj;
}

/* Load each program of @s alone with target BTF @btf; *@n outcomes. */
static void load_each(const struct src *s, const char *btf, struct outcome *o,
		      int *n)
{
	RAWBPF_OPTS(rawbpf_object_open_opts, opts, .btf_path = btf);
	struct rawbpf_object *obj;
	struct rawbpf_program *p = NULL, *q;
	int i = 0;

	obj = open_src(s, &opts);
	while ((p = rawbpf_object_next_program(obj, p)))
		i++;
	rawbpf_object_close(obj);
	assert_true(i > 0 && i <= MAXP);
	*n = i;
	for (i = 0; i < *n; i++) {
		struct bpf_prog_info info;
		uint32_t len = sizeof(info);
		int k = 0;

		obj = open_src(s, &opts);
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

/* rawbpf_btf_min of @s against @blob into min_path; its size. */
static off_t minimize(const struct src *s, const void *blob, size_t size)
{
	struct rawbpf_object *obj = open_src(s, NULL);

	assert_int_equal(ftruncate(min_fd, 0), 0);
	assert_int_equal(lseek(min_fd, 0, SEEK_SET), 0);
	assert_int_equal(rawbpf_btf_min(blob, size, &obj, 1, write_fd, &min_fd, NULL), 0);
	rawbpf_object_close(obj);
	return lseek(min_fd, 0, SEEK_END);
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
		struct src src = { .path = obj_path(objs[i]) };
		off_t msize;

		msize = minimize(&src, blob, size);
		assert_true(msize > 24 && (size_t)msize < size / 2);
		load_each(&src, full_path, full, &nf);
		load_each(&src, min_path, min, &nm);
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
	/* core_task's two and core_poison's guarded one; core_module's load
	 * only where veth is built in (its types then are in vmlinux: the
	 * host), not where veth is a module with split BTF (Debian's 6.1) */
	assert_true(loaded >= 3);
	free(blob);
}

/* The libbpf-tools corpus: every program of every tool in /usr/sbin gets
 * the same outcome and the same tag against full and minimized BTF. */
static void test_tools_tags(void **state)
{
	static struct outcome full[MAXP], min[MAXP];
	int tools = 0, progs = 0, loaded = 0, nf, nm, j;
	struct dirent *de;
	size_t size;
	void *blob;
	DIR *d;

	(void)state;
	rb_require_kernel();
	blob = rb_read_file(full_path, &size);
	d = opendir("/usr/sbin");
	if (!blob || !d)
		skip();	/* test_same_tags skipped already, or no /usr/sbin */
	while ((de = readdir(d))) {
		char path[512];
		size_t bsize, off, len;
		uint8_t *bin;
		struct src src;

		snprintf(path, sizeof(path), "/usr/sbin/%s", de->d_name);
		bin = de->d_name[0] != '.' ? rb_read_file(path, &bsize) : NULL;
		if (!bin || rb_find_bpf_elf(bin, bsize, &off, &len)) {
			free(bin);
			continue;
		}
		src.path = NULL;
		src.data = aligned_alloc(8, (len + 7) / 8 * 8);
		src.size = len;
		memcpy((void *)src.data, bin + off, len);
		free(bin);
		minimize(&src, blob, size);
		load_each(&src, full_path, full, &nf);
		load_each(&src, min_path, min, &nm);
		assert_int_equal(nf, nm);
		for (j = 0; j < nf; j++) {
			if (full[j].err != min[j].err ||
			    memcmp(full[j].tag, min[j].tag, BPF_TAG_SIZE) ||
			    full[j].attach_btf_id != min[j].attach_btf_id)
				fail_msg("%s %s: full %d, minimized %d, or tags/attach ids differ",
					 de->d_name, full[j].name, full[j].err, min[j].err);
			loaded += !full[j].err;
		}
		progs += nf;
		tools++;
		free((void *)src.data);
	}
	closedir(d);
	free(blob);
	if (!tools)
		rb_skip_feature("libbpf-tools (Debian package) binaries in /usr/sbin");
	print_message("[          ] %d tools, %d programs, %d loaded: same tags\n",
		      tools, progs, loaded);
	assert_true(loaded > 0);
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
		cmocka_unit_test(test_tools_tags),
		cmocka_unit_test(test_cli),
	};

	return cmocka_run_group_tests(tests, NULL, cleanup);
}
