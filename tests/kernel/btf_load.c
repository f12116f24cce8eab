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

/* Load @flags-sanitised all-kinds BTF; returns the fd (asserts success). */
static void load_sanitised(uint32_t flags, int want_changed)
{
	size_t len = rb_tb_all_kinds(blob, sizeof(blob));
	RAWBPF_OPTS(rawbpf_btf_load_opts, o);
	static char log[4096];
	struct rb_btf *btf;
	const void *raw;
	uint32_t size;
	int fd;

	assert_int_equal(rb_btf_parse(blob, len, RB_BTF_F_COPY, NULL, &btf, NULL), 0);
	/* the loader's fixup: a DATASEC must have its real size */
	assert_int_equal(rb_btf_datasec_set_size(btf, TB_DATASEC, 24), 0);
	if (flags)
		assert_int_equal(rb_btf_sanitize(btf, flags), want_changed);
	raw = rb_btf_raw(btf, &size);
	log[0] = 0;
	o.log_buf = log;
	o.log_size = sizeof(log);
	o.log_level = 1;
	fd = rawbpf_btf_load(raw, size, &o);
	if (fd < 0) {
		size_t l = strlen(log);

		print_message("%s\n", log + (l > 600 ? l - 600 : 0));

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
	size_t len = rb_tb_all_kinds(blob, sizeof(blob));
	RAWBPF_OPTS(rawbpf_btf_load_opts, o);
	static char log[8192];
	struct rb_btf *btf;
	const void *raw;
	uint32_t size;
	int fd;

	(void)state;
	rb_require_kernel();
	assert_int_equal(rb_btf_parse(blob, len, RB_BTF_F_COPY, NULL, &btf, NULL), 0);
	assert_int_equal(rb_btf_datasec_set_size(btf, TB_DATASEC, 24), 0);
	raw = rb_btf_raw(btf, &size);
	o.log_buf = log;
	o.log_size = sizeof(log);
	o.log_level = 1;
	fd = rawbpf_btf_load(raw, size, &o);
	assert_int_equal(fd, -EINVAL);
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
	size_t len = rb_tb_all_kinds(blob, sizeof(blob));
	RAWBPF_OPTS(rawbpf_btf_load_opts, o);
	static char log[4096];
	struct rb_btf *btf;
	const void *raw;
	uint32_t size;
	int fd;

	(void)state;
	rb_require_kernel();
	assert_int_equal(rb_btf_parse(blob, len, RB_BTF_F_COPY, NULL, &btf, NULL), 0);
	raw = rb_btf_raw(btf, &size);
	o.log_buf = log;
	o.log_size = sizeof(log);
	o.log_level = 1;
	fd = rawbpf_btf_load(raw, size, &o);
	assert_int_equal(fd, -EINVAL);
	assert_non_null(strstr(log, "[15] DATASEC"));
	assert_int_equal(rb_btf_sanitize_guess(btf, log), RB_BTF_SAN_DATASEC);
	assert_int_equal(rb_btf_datasec_set_size(btf, TB_DATASEC, 24), 0);
	assert_int_equal(rb_btf_sanitize(btf, RB_BTF_SAN_FUNC_ARGS), 1);
	raw = rb_btf_raw(btf, &size);
	fd = rawbpf_btf_load(raw, size, NULL);
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
