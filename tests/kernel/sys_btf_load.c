// SPDX-License-Identifier: BSD-2-Clause
/*
 * sys_btf_load.c - BPF_BTF_LOAD of a small hand-built blob: the BTF gets an
 * id that BTF_GET_NEXT_ID finds and BTF_GET_FD_BY_ID reopens, its info
 * returns the same bytes; a malformed blob is refused with the reason in
 * the log.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "btf_blob.h"
#include "fixture.h"
#include "kernel_features.h"
#include "rawbpf/sys.h"

static struct rb_tb tb;

/* [1] int (signed, 32 bits); [2] struct pair { int a; int b; } */
static size_t build(unsigned char *out, size_t cap, uint32_t int_bits)
{
	rb_tb_init(&tb);
	rb_tb_type(&tb, "int", 1, 0, 0, 4);
	rb_tb_word(&tb, (1u << 24) | int_bits);
	rb_tb_type(&tb, "pair", 4, 0, 2, 8);
	rb_tb_word(&tb, rb_tb_str(&tb, "a"));
	rb_tb_word(&tb, 1);
	rb_tb_word(&tb, 0);
	rb_tb_word(&tb, rb_tb_str(&tb, "b"));
	rb_tb_word(&tb, 1);
	rb_tb_word(&tb, 32);
	return rb_tb_blob(&tb, out, cap);
}

static void test_btf_load_by_id(void **state)
{
	unsigned char blob[256], back[256] = { 0 };
	struct bpf_btf_info info;
	uint32_t len, id = 0;
	size_t n = build(blob, sizeof(blob), 32);
	char log[1024] = { 0 };
	RAWBPF_OPTS(rawbpf_sys_btf_load_opts, o, .log_buf = log,
		    .log_size = sizeof(log));
	int fd, fd2, found = 0;

	(void)state;
	rb_require_kernel();
	fd = rawbpf_sys_btf_load(blob, (uint32_t)n, &o);
	assert_true(fd > 2);
	/* Level 1 on success: the kernel wrote its log; true size = strlen+1
	 * where the kernel reports it (6.4), else nothing is made up. */
	assert_int_equal(o.log_true_size, rb_have(RB_FEAT_LOG_TRUE_SIZE) ?
					  strlen(log) + 1 : 0);
	memset(&info, 0, sizeof(info));
	info.btf = (uint64_t)(uintptr_t)back;
	info.btf_size = sizeof(back);
	len = sizeof(info);
	assert_int_equal(rawbpf_sys_obj_get_info_by_fd(fd, &info, &len), 0);
	assert_int_equal(info.btf_size, n);
	assert_memory_equal(back, blob, n);
	assert_int_equal(info.kernel_btf, 0);
	while (rawbpf_sys_btf_get_next_id(id, &id) == 0)
		found |= id == info.id;
	assert_true(found);
	fd2 = rawbpf_sys_btf_get_fd_by_id(info.id);
	assert_true(fd2 > 2);
	memset(&info, 0, sizeof(info));
	len = sizeof(info);
	assert_int_equal(rawbpf_sys_obj_get_info_by_fd(fd2, &info, &len), 0);
	assert_int_equal(info.btf_size, n);
	close(fd2);
	close(fd);
}

static void test_btf_load_refused(void **state)
{
	unsigned char blob[256];
	size_t n = build(blob, sizeof(blob), 64);	/* 64 bits in 4 bytes */
	char log[1024] = { 0 };
	RAWBPF_OPTS(rawbpf_sys_btf_load_opts, o, .log_buf = log,
		    .log_size = sizeof(log));

	(void)state;
	rb_require_kernel();
	assert_int_equal(rawbpf_sys_btf_load(blob, (uint32_t)n, &o), -EINVAL);
	assert_non_null(strstr(log, "nr_bits exceeds type_size"));
	/* Bad magic. */
	n = build(blob, sizeof(blob), 32);
	blob[0] ^= 0xff;
	assert_int_equal(rawbpf_sys_btf_load(blob, (uint32_t)n, &o), -EINVAL);
	assert_non_null(strstr(log, "Invalid magic"));
	/* Unknown btf_flags (6.9 field). */
	blob[0] ^= 0xff;
	o.btf_flags = 1U << 30;
	assert_int_equal(rawbpf_sys_btf_load(blob, (uint32_t)n, &o), -EINVAL);
}

int main(void)
{
#define T(f) cmocka_unit_test_teardown(f, rb_fixture_teardown)
	const struct CMUnitTest tests[] = {
		T(test_btf_load_by_id), T(test_btf_load_refused),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
