// SPDX-License-Identifier: BSD-2-Clause
/* kernel_target.c - the caller's target BTF (lib/kernel/target_btf.c) from
 * each source: a raw BTF file, the .BTF section of an ELF file, a buffer,
 * and a module's split BTF file on top of it; the names found in each;
 * malformed inputs refused with a message that names the file and why. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"
#include "btf_blob.h"
#include "elfbuild.h"
#include "btf/btf_names.h"
#include "kernel/kernel.h"

static uint32_t bblob[512], sblob[512];
static size_t bn, sn;
static uint32_t b_task, s_fn;
static char dir[] = "/tmp/rb_target_XXXXXX";
static char raw_path[64], elf_path[64], mod_path[64], bad_path[64];

static void put_file(const char *path, const void *data, size_t n)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, n, f), n);
	fclose(f);
}

static int setup(void **state)
{
	struct rb_tb *b = calloc(1, sizeof(*b)), *s = calloc(1, sizeof(*s));
	struct te_elf *e = calloc(1, sizeof(*e));
	uint32_t i, p;

	(void)state;
	/* vmlinux-like base: int, struct task_struct { int pid; } */
	rb_tb_init(b);
	i = rb_tb_type(b, "int", RB_BTF_KIND_INT, 0, 0, 4);
	rb_tb_word(b, RB_BTF_INT_ENC(RB_BTF_INT_SIGNED, 0, 32));
	b_task = rb_tb_type(b, "task_struct", RB_BTF_KIND_STRUCT, 0, 1, 4);
	rb_tb_word(b, rb_tb_str(b, "pid"));
	rb_tb_word(b, i);
	rb_tb_word(b, 0);
	bn = rb_tb_blob(b, bblob, sizeof(bblob));
	/* a module on top: int mod_fn(void) */
	rb_tb_init_split(s, b);
	p = rb_tb_type(s, NULL, RB_BTF_KIND_FUNC_PROTO, 0, 0, i);
	s_fn = rb_tb_type(s, "mod_fn", RB_BTF_KIND_FUNC, 0, RB_BTF_FUNC_GLOBAL, p);
	sn = rb_tb_blob(s, sblob, sizeof(sblob));

	assert_non_null(mkdtemp(dir));
	snprintf(raw_path, sizeof(raw_path), "%s/vmlinux.btf", dir);
	snprintf(elf_path, sizeof(elf_path), "%s/vmlinux", dir);
	snprintf(mod_path, sizeof(mod_path), "%s/mod.btf", dir);
	snprintf(bad_path, sizeof(bad_path), "%s/bad", dir);
	put_file(raw_path, bblob, bn);
	put_file(mod_path, sblob, sn);
	/* an x86-64 ELF carrying the same BTF in .BTF */
	te_init(e, false, 62);
	te_section(e, ".text", 1 /* PROGBITS */, 6, "\x90", 1, 0, 0);
	te_section(e, ".BTF", 1, 0, bblob, bn, 0, 0);
	put_file(elf_path, e->buf, te_finish(e));
	free(e);
	free(b);
	free(s);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	unlink(raw_path);
	unlink(elf_path);
	unlink(mod_path);
	unlink(bad_path);
	rmdir(dir);
	return 0;
}

/* Open target @src and find task_struct (and mod_fn in its modules). */
static void check_target(const struct rb_ktarget_src *src, bool with_mod)
{
	const char *names[] = { "task_struct", "mod_fn" };
	const struct rb_kmod *mods;
	struct rb_btf_names r, mr;
	struct rb_ktarget t;
	char msg[300] = "";
	uint32_t nm;

	assert_int_equal(rb_ktarget_open(&t, src, NULL, msg, sizeof(msg)), 0);
	assert_true(t.custom);
	assert_int_equal(rb_ktarget_names(&t, names, 2, RB_BTF_KINDS_ALL, &r), 0);
	assert_non_null(t.vmlinux);
	assert_int_equal(rb_btf_names_get(&r, t.vmlinux, 0, RB_BTF_KIND_STRUCT, 0), b_task);
	assert_int_equal(rb_btf_names_get(&r, t.vmlinux, 1, -1, 0), -ENOENT);
	rb_btf_names_free(&r);
	assert_int_equal(rb_ktarget_modules(&t, &mods, &nm, msg, sizeof(msg)), 0);
	if (!with_mod) {
		/* a caller's vmlinux: the kernel's modules do not sit on it */
		assert_int_equal(nm, 0);
	} else {
		assert_int_equal(nm, 1);
		assert_true(mods[0].from_file);
		assert_string_equal(mods[0].name, mod_path);
		assert_int_equal(rb_btf_names_find(mods[0].btf, names, 2, NULL, &mr), 0);
		assert_int_equal(rb_btf_names_get(&mr, mods[0].btf, 1, RB_BTF_KIND_FUNC, 0),
				 s_fn);
		assert_int_equal(rb_btf_names_get(&mr, mods[0].btf, 0, -1, 0), -ENOENT);
		rb_btf_names_free(&mr);
	}
	rb_ktarget_close(&t);
}

static void test_sources(void **state)
{
	struct rb_ktarget_src raw = { .path = raw_path }, elf = { .path = elf_path },
			      buf = { .data = bblob, .size = bn },
			      mod = { .path = raw_path, .module_path = mod_path };
	uint8_t *unaligned = malloc(bn + 1);

	(void)state;
	check_target(&raw, false);
	check_target(&elf, false);
	check_target(&buf, false);
	check_target(&mod, true);
	/* a buffer at any address (copied when unaligned) */
	memcpy(unaligned + 1, bblob, bn);
	buf.data = unaligned + 1;
	check_target(&buf, false);
	free(unaligned);
}

static void test_kernel_default(void **state)
{
	struct rb_ktarget_src none = { 0 };
	struct rb_ktarget t;
	char msg[100] = "";

	(void)state;
	assert_int_equal(rb_ktarget_open(&t, &none, NULL, msg, sizeof(msg)), 0);
	assert_false(t.custom);
	assert_null(t.vmlinux);	/* looked up only when names are asked for */
	assert_string_equal(t.what, "kernel BTF (/sys/kernel/btf/vmlinux)");
	rb_ktarget_close(&t);
}

/* Open @src; it must fail with @err and a message holding @what and @why. */
static void refused(const struct rb_ktarget_src *src, int err, const char *what,
		    const char *why)
{
	struct rb_ktarget t;
	char msg[300] = "";

	assert_int_equal(rb_ktarget_open(&t, src, NULL, msg, sizeof(msg)), err);
	assert_non_null(strstr(msg, what));
	assert_non_null(strstr(msg, why));
	assert_null(t.own);
	rb_ktarget_close(&t);
}

static void test_malformed(void **state)
{
	struct te_elf *e = calloc(1, sizeof(*e));
	struct rb_ktarget_src src = { .path = bad_path };
	const struct rb_kmod *mods;
	struct rb_ktarget t;
	char msg[300] = "";
	uint8_t junk[64];
	uint32_t nm;
	size_t n;

	(void)state;
	/* missing file */
	src.path = "/nonexistent/vmlinux";
	refused(&src, -ENOENT, "/nonexistent/vmlinux", "(ENOENT)");
	src.path = bad_path;
	/* empty file */
	put_file(bad_path, "", 0);
	refused(&src, -ENODATA, bad_path, "cannot read");
	/* not BTF */
	memset(junk, 'x', sizeof(junk));
	put_file(bad_path, junk, sizeof(junk));
	refused(&src, -EINVAL, bad_path, "magic");
	/* BTF cut short */
	put_file(bad_path, bblob, bn - 10);
	refused(&src, -EINVAL, bad_path, "past the");
	/* an ELF without .BTF */
	te_init(e, false, 62);
	te_section(e, ".text", 1, 6, "\x90", 1, 0, 0);
	n = te_finish(e);
	put_file(bad_path, e->buf, n);
	refused(&src, -ENOENT, bad_path, "no .BTF section");
	/* an ELF cut inside its section headers */
	put_file(bad_path, e->buf, n - 20);
	refused(&src, -EBADMSG, bad_path, "not a readable ELF64 file");
	/* a buffer: named as such */
	src = (struct rb_ktarget_src){ .data = junk, .size = sizeof(junk) };
	refused(&src, -EINVAL, "caller's buffer", "magic");
	/* a module file that is not BTF: refused when modules are searched */
	src = (struct rb_ktarget_src){ .path = raw_path, .module_path = bad_path };
	memset(junk, 'x', sizeof(junk));
	put_file(bad_path, junk, sizeof(junk));
	assert_int_equal(rb_ktarget_open(&t, &src, NULL, msg, sizeof(msg)), 0);
	{
		const char *names[] = { "task_struct" };
		struct rb_btf_names r;

		assert_int_equal(rb_ktarget_names(&t, names, 1, RB_BTF_KINDS_ALL, &r), 0);
		rb_btf_names_free(&r);
	}
	msg[0] = '\0';
	assert_int_equal(rb_ktarget_modules(&t, &mods, &nm, msg, sizeof(msg)), -EINVAL);
	assert_non_null(strstr(msg, "module BTF"));
	assert_non_null(strstr(msg, bad_path));
	assert_non_null(strstr(msg, "magic"));
	assert_int_equal(nm, 0);
	rb_ktarget_close(&t);
	free(e);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sources),
		cmocka_unit_test(test_kernel_default),
		cmocka_unit_test(test_malformed),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
