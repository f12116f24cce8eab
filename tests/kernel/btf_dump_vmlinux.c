// SPDX-License-Identifier: BSD-2-Clause
/*
 * btf_dump_vmlinux.c - `rawbpf btf dump /sys/kernel/btf/vmlinux` makes a
 * vmlinux.h that clang -target bpf compiles, whose big structs (task_struct,
 * sk_buff, ...) have exactly the kernel's offsets and sizes (static_asserts
 * generated from the kernel BTF), and in which, compiled by cc for the
 * host, every named type's members sit where the BTF says (~140k checks,
 * bitfields checked at run time).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"
#include "btf_layout.h"
#include "cli_run.h"
#include "btf/btf.h"

#define VMLINUX "/sys/kernel/btf/vmlinux"

static const char *const sample[] = {
	"task_struct", "sk_buff", "sock", "file", "inode", "dentry", "super_block",
	"mm_struct", "net_device", "bpf_prog", "bpf_map", "cgroup", "page",
	"pt_regs", "__sk_buff", "xdp_buff", "trace_event_raw_sched_switch",
	"perf_event", "request_queue", "tcp_sock",
};

static char dir[64];

static int setup(void **state)
{
	(void)state;
	strcpy(dir, "/tmp/rawbpf_vmlinux.XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	return system(cmd) ? -1 : 0;
}

/* read_all - the whole file at @path (caller frees). */
static void *read_all(const char *path, size_t *len)
{
	size_t cap = 1 << 20, n = 0, r;
	char *buf = malloc(cap);
	FILE *f = fopen(path, "rb");

	assert_non_null(f);
	while ((r = fread(buf + n, 1, cap - n, f)) > 0) {
		n += r;
		if (n == cap)
			buf = realloc(buf, cap *= 2);
		assert_non_null(buf);
	}
	fclose(f);
	*len = n;
	return buf;
}

static void test_vmlinux_h(void **state)
{
	char cmd[1024], out[16384], path[128];
	struct rb_btf *btf;
	unsigned i, checks = 0;
	size_t len;
	void *raw;
	FILE *f;
	int id;

	(void)state;
	if (access(VMLINUX, R_OK))
		rb_skip_feature("kernel BTF (" VMLINUX ")");
	if (rb_run("clang --version >/dev/null 2>&1", NULL, 0))
		rb_skip_feature("clang, to compile for the BPF target");
	snprintf(cmd, sizeof(cmd), "btf dump " VMLINUX " > %s/vmlinux.h", dir);
	assert_int_equal(rb_cli(cmd, out, sizeof(out)), 0);

	raw = read_all(VMLINUX, &len);
	assert_int_equal(rb_btf_parse(raw, len, 0, NULL, &btf, NULL), 0);
	/* for the BPF target: a sample of big structs */
	snprintf(path, sizeof(path), "%s/check_bpf.c", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	rb_layout_prologue(f, "vmlinux.h");
	for (i = 0; i < sizeof(sample) / sizeof(sample[0]); i++) {
		char cname[128];

		id = rb_btf_find(btf, sample[i], RB_BTF_KIND_STRUCT);
		if (id < 0)
			continue;	/* not in this kernel's build */
		/* a name used twice would be dumped as name___2 */
		assert_int_equal(rb_btf_find_next(btf, sample[i], RB_BTF_KIND_STRUCT,
						  (uint32_t)id), -ENOENT);
		snprintf(cname, sizeof(cname), "struct %s", sample[i]);
		checks += (unsigned)rb_layout_checks(f, btf, (unsigned)id, cname);
	}
	rb_layout_epilogue(f);
	fclose(f);
	print_message("%u layout checks for -target bpf\n", checks);
	assert_true(checks > 500);
	/* for the host: every named type (va_list differs on BPF: 8 bytes) */
	snprintf(path, sizeof(path), "%s/check_all.c", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	rb_layout_prologue(f, "vmlinux.h");
	checks = (unsigned)rb_layout_all(f, btf);
	rb_layout_epilogue(f);
	fprintf(f, "int main(void) { return rb_layout_bitfields(); }\n");
	fclose(f);
	print_message("%u layout checks for the host\n", checks);
	assert_true(checks > 10000);
	rb_btf_free(btf);
	free(raw);

	snprintf(cmd, sizeof(cmd), "cd %s && clang -target bpf -O2 -Wall -Werror -DRB_NO_RUN "
		 "-c check_bpf.c -o check.o 2>&1 | head -40", dir);
	assert_int_equal(rb_run(cmd, out, sizeof(out)), 0);
	if (*out)
		fail_msg("clang -target bpf:\n%s", out);
	/* the host compiler agrees on every type, and bitfields sit where BTF says */
	snprintf(cmd, sizeof(cmd), "cd %s && cc -std=gnu11 -Wall -Werror "
		 "-DBPF_NO_PRESERVE_ACCESS_INDEX check_all.c -o check 2>&1 | head -40 && ./check",
		 dir);
	if (rb_run(cmd, out, sizeof(out)) || *out)
		fail_msg("cc build or run:\n%s", out);
}

/* struct_size - size of struct @name in the BTF of file @path (raw or ELF
 * .BTF, through the CLI's raw dump); -1 if absent. */
static long struct_size(const char *path, const char *name)
{
	char cmd[512], out[256];
	long size = -1;

	snprintf(cmd, sizeof(cmd), "btf dump %s --format raw | grep \"STRUCT '%s' size=\" "
		 "| head -1 | sed 's/.*size=\\([0-9]*\\).*/\\1/'", path, name);
	if (rb_cli(cmd, out, sizeof(out)) == 0 && *out)
		size = atol(out);
	return size;
}

/* The CO-RE test objects were compiled against the build's dumped
 * vmlinux.h: their task_struct is the kernel's whole one (the fallback
 * declares two ints), and no other vmlinux.h is in the source tree. */
static void test_core_objects_use_it(void **state)
{
	char out[4096];
	long kernel;

	(void)state;
	if (access(RAWBPF_BUILD_DIR "/vmlinux/vmlinux.h", R_OK))
		rb_skip_feature("kernel BTF at build time (no build/vmlinux/vmlinux.h)");
	kernel = struct_size(VMLINUX, "task_struct");
	assert_true(kernel > 1000);
	assert_int_equal(struct_size(RB_BPF_OBJ("core_task"), "task_struct"), kernel);
	assert_int_equal(rb_run("find " RAWBPF_SOURCE_DIR " -name vmlinux.h -not -path '*/build*'",
				out, sizeof(out)), 0);
	assert_string_equal(out, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vmlinux_h),
		cmocka_unit_test(test_core_objects_use_it),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
