// SPDX-License-Identifier: BSD-2-Clause
/* object_kconfig_store.c - a .kconfig value lands as an integer of the
 * extern's own size, by value: on a big-endian host the leading bytes of a
 * u64 are its high ones (LINUX_KERNEL_VERSION read 0 on s390x before).
 * A value that does not fit is -ERANGE, signed or not, and leaves the
 * destination alone; a size no integer has is -EINVAL. */
#include <errno.h>
#include <stdio.h>
#include <stdint.h>
#include <string.h>

#include "fixture.h"
#include "object/kconfig.h"
#include "rawbpf/object.h"

static void test_each_size_by_value(void **state)
{
	uint8_t u8 = 0;
	uint16_t u16 = 0;
	uint32_t u32 = 0;
	uint64_t u64 = 0;

	(void)state;
	assert_int_equal(rb_kconfig_store(&u32, 4, false, 0x601b0), 0);
	assert_int_equal(u32, 0x601b0);
	assert_int_equal(rb_kconfig_store(&u8, 1, false, 1), 0);
	assert_int_equal(u8, 1);
	assert_int_equal(rb_kconfig_store(&u16, 2, false, 0xfffe), 0);
	assert_int_equal(u16, 0xfffe);
	assert_int_equal(rb_kconfig_store(&u64, 8, false, 0x0102030405060708ull), 0);
	assert_true(u64 == 0x0102030405060708ull);
}

static void test_signed_range(void **state)
{
	int8_t s8 = 0;
	int32_t s32 = 0;

	(void)state;
	/* strtoull's "-1" and "-128" are 2^64-1 and 2^64-128 */
	assert_int_equal(rb_kconfig_store(&s8, 1, true, (uint64_t)-128), 0);
	assert_int_equal(s8, -128);
	assert_int_equal(rb_kconfig_store(&s32, 4, true, (uint64_t)-1), 0);
	assert_int_equal(s32, -1);
	assert_int_equal(rb_kconfig_store(&s32, 4, true, 0x7fffffff), 0);
	assert_int_equal(s32, 0x7fffffff);
	s8 = 5;
	assert_int_equal(rb_kconfig_store(&s8, 1, true, 128), -ERANGE);
	assert_int_equal(rb_kconfig_store(&s8, 1, true, (uint64_t)-129), -ERANGE);
	assert_int_equal(s8, 5);
	assert_int_equal(rb_kconfig_store(&s32, 4, true, 0x80000000u), -ERANGE);
}

static void test_unsigned_range_and_sizes(void **state)
{
	unsigned char buf[8];

	(void)state;
	memset(buf, 0xaa, sizeof(buf));
	assert_int_equal(rb_kconfig_store(buf, 2, false, 0x10000), -ERANGE);
	assert_int_equal(rb_kconfig_store(buf, 4, false, (uint64_t)-1), -ERANGE);
	assert_int_equal(rb_kconfig_store(buf, 1, false, 256), -ERANGE);
	assert_int_equal(rb_kconfig_store(buf, 3, false, 1), -EINVAL);
	assert_int_equal(rb_kconfig_store(buf, 0, false, 0), -EINVAL);
	assert_int_equal(rb_kconfig_store(buf, 16, false, 0), -EINVAL);
	for (size_t i = 0; i < sizeof(buf); i++)
		assert_int_equal(buf[i], 0xaa);	/* nothing written */
	assert_int_equal(rb_kconfig_store(buf, 8, false, (uint64_t)-1), 0);
}

static char last_msg[256];

static void keep_msg(void *ctx, enum rawbpf_log_level level, const char *msg)
{
	(void)ctx;
	(void)level;
	snprintf(last_msg, sizeof(last_msg), "%s", msg);
}

/* An extern of struct type: refused at open, naming it. */
static void test_struct_extern_refused(void **state)
{
	RAWBPF_OPTS(rawbpf_object_open_opts, o, .log = keep_msg);
	struct rawbpf_object *obj = (void *)1;

	(void)state;
	assert_int_equal(rawbpf_object_open_file(RB_BPF_OBJ("obj_kconfig_struct"), &o, &obj),
			 -EINVAL);
	assert_null(obj);
	if (!strstr(last_msg, "extern CONFIG_HZ: a config value is an integer, enum or char array"))
		fail_msg("message: %s", last_msg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_each_size_by_value),
		cmocka_unit_test(test_signed_range),
		cmocka_unit_test(test_unsigned_range_and_sizes),
		cmocka_unit_test(test_struct_extern_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
