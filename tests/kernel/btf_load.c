// SPDX-License-Identifier: BSD-2-Clause
/* btf_load.c - the running kernel accepts BTF as the reader hands it over:
 * a blob with every kind (after the loader's DATASEC fixup), and the same
 * blob after each sanitising rewrite, so the rewrites are valid BTF too. */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"
#include "btf_blob.h"
#include "btf/btf.h"
#include "rawbpf/sys.h"

static uint32_t blob[4096];
static char log[8192];

/* The all-kinds blob as a private copy, its DATASEC sized (the loader's
 * fixup) when @fix. */
static struct rb_btf *open_blob(bool fix)
{
	size_t len = rb_tb_all_kinds(blob, sizeof(blob));
	struct rb_btf *btf;

	assert_int_equal(rb_btf_parse(blob, len, RB_BTF_F_COPY, NULL, &btf, NULL), 0);
	if (fix)
		assert_int_equal(rb_btf_datasec_set_size(btf, TB_DATASEC, 24), 0);
	return btf;
}

/* BTF_LOAD @btf with the verifier log in log[]; the fd or -errno. */
static int load(const struct rb_btf *btf)
{
	RAWBPF_OPTS(rawbpf_sys_btf_load_opts, o, .log_buf = log, .log_size = sizeof(log),
		    .log_level = 1);
	uint32_t size;
	const void *raw = rb_btf_raw(btf, &size);

	log[0] = 0;
	return rawbpf_sys_btf_load(raw, size, &o);
}

/* @flags-sanitised all-kinds BTF loads (@want_changed types rewritten). */
static void load_sanitised(uint32_t flags, int want_changed)
{
	struct rb_btf *btf = open_blob(true);
	int fd;

	assert_int_equal(rb_btf_sanitize(btf, flags), want_changed);
	fd = load(btf);
	if (fd < 0) {
		size_t l = strlen(log);

		fail_msg("BTF_LOAD with sanitise flags 0x%x: %d: ...%s", flags, fd,
			 log + (l > 200 ? l - 200 : 0));
	}
	assert_true(fd > 2);
	close(fd);
	rb_btf_free(btf);
}

/* As built, the FUNC's proto has an unnamed argument: the kernel says
 * "[12] FUNC f ... Invalid arg#2"; the guess names the fix, which works. */
static void test_all_kinds_load(void **state)
{
	struct rb_btf *btf;

	(void)state;
	rb_require_kernel();
	btf = open_blob(true);
	assert_int_equal(load(btf), -EINVAL);
	assert_non_null(strstr(log, "[12] FUNC f type_id=13 Invalid arg#2"));
	assert_int_equal(rb_btf_sanitize_guess(btf, log), RB_BTF_SAN_FUNC_ARGS);
	rb_btf_free(btf);
	load_sanitised(RB_BTF_SAN_FUNC_ARGS, 1);
}

static void test_sanitised_load(void **state)
{
	(void)state;
	rb_require_kernel();
	/* each rewrite on top of the argument naming the kernel insists on */
	load_sanitised(RB_BTF_SAN_FUNC_ARGS | RB_BTF_SAN_DECL_TAG, 2);
	load_sanitised(RB_BTF_SAN_FUNC_ARGS | RB_BTF_SAN_TYPE_TAG, 2);
	load_sanitised(RB_BTF_SAN_FUNC_ARGS | RB_BTF_SAN_ENUM64, 2);
	load_sanitised(RB_BTF_SAN_FUNC_ARGS | RB_BTF_SAN_FLOAT, 2);
	load_sanitised(RB_BTF_SAN_FUNC_ARGS | RB_BTF_SAN_FUNC_GLOBAL, 2);
	load_sanitised(RB_BTF_SAN_FUNC_ARGS | RB_BTF_SAN_DATASEC, 3);
	load_sanitised(RB_BTF_SAN_FUNC_ARGS | RB_BTF_SAN_QMARK_DATASEC, 1);
	/* FUNC -> TYPEDEF, FUNC_PROTO -> ENUM: no FUNC left to complain */
	load_sanitised(RB_BTF_SAN_FUNC, 2);
	load_sanitised(RB_BTF_SAN_ALL, 9);
}

/* A blob the kernel rejects: the DATASEC left at size 0 (no fixup). The
 * log blames "[15] DATASEC", which the guess maps to that type's flag (what
 * an old kernel without DATASEC would need); here the real cure is the
 * size fixup, after which the blob loads. */
static void test_rejection_guess(void **state)
{
	struct rb_btf *btf;
	int fd;

	(void)state;
	rb_require_kernel();
	btf = open_blob(false);
	assert_int_equal(load(btf), -EINVAL);
	assert_non_null(strstr(log, "[15] DATASEC"));
	assert_int_equal(rb_btf_sanitize_guess(btf, log), RB_BTF_SAN_DATASEC);
	assert_int_equal(rb_btf_datasec_set_size(btf, TB_DATASEC, 24), 0);
	assert_int_equal(rb_btf_sanitize(btf, RB_BTF_SAN_FUNC_ARGS), 1);
	fd = load(btf);
	assert_true(fd > 2);
	close(fd);
	rb_btf_free(btf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_all_kinds_load, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_sanitised_load, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_rejection_guess, rb_fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
