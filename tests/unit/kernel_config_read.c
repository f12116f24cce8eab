// SPDX-License-Identifier: BSD-2-Clause
/* kernel_config_read.c - where the kernel config comes from: the plain
 * file (/boot/config-<release>), else the gzip one (/proc/config.gz). Out
 * of memory while reading the plain file is -ENOMEM, not the missing gzip
 * file's -ENOENT (found on Debian's 6.1, which has no /proc/config.gz),
 * and every failed allocation leaves nothing behind. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"
#include "budget.h"
#include "core/mem.h"
#include "kernel/kernel.h"

#define MISSING "/nonexistent/rawbpf-config.gz"

static char plain[] = "/tmp/rb_kconfig_XXXXXX";

static int setup(void **state)
{
	static const char text[] = "CONFIG_BPF=y\nCONFIG_HZ=250\n";
	int fd = mkstemp(plain);

	(void)state;
	if (fd < 0)
		return -1;
	if (write(fd, text, sizeof(text) - 1) != (ssize_t)sizeof(text) - 1) {
		close(fd);
		return -1;
	}
	close(fd);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	return unlink(plain);
}

static void test_plain_file(void **state)
{
	struct budget b = { .left = -1 };
	struct rawbpf_allocator a = rb_budget_allocator(&b);
	char *buf;
	size_t len;

	(void)state;
	assert_int_equal(rb_kernel_config_read(&a, plain, MISSING, &buf, &len), 0);
	assert_int_equal(len, strlen("CONFIG_BPF=y\nCONFIG_HZ=250\n"));
	assert_string_equal(buf, "CONFIG_BPF=y\nCONFIG_HZ=250\n");
	rb_free(&a, buf);
	assert_int_equal(b.live, 0);
}

static void test_neither_file(void **state)
{
	struct budget b = { .left = -1 };
	struct rawbpf_allocator a = rb_budget_allocator(&b);
	char *buf = NULL;
	size_t len;

	(void)state;
	assert_int_equal(rb_kernel_config_read(&a, "/nonexistent/rawbpf-config",
					 MISSING, &buf, &len), -ENOENT);
	assert_null(buf);
	assert_int_equal(b.live, 0);
}

/* Each allocation of reading the plain file fails in turn: -ENOMEM (the
 * bug: the fallback's -ENOENT), nothing outstanding and no pointer to
 * freed memory left in *buf (the second bug: the caller freed it again,
 * or read it for a __weak extern); then it reads. */
static void test_plain_file_nomem(void **state)
{
	struct budget b;
	struct rawbpf_allocator a = rb_budget_allocator(&b);
	char *buf;
	size_t len;
	int err, fails = 0;

	(void)state;
	for (long n = 0;; n++) {
		memset(&b, 0, sizeof(b));
		b.left = n;
		buf = NULL;
		err = rb_kernel_config_read(&a, plain, MISSING, &buf, &len);
		if (!err)
			break;
		assert_int_equal(err, -ENOMEM);
		assert_null(buf);
		assert_int_equal(b.live, 0);
		fails++;
	}
	assert_true(fails >= 1);
	rb_free(&a, buf);
	assert_int_equal(b.live, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_file),
		cmocka_unit_test(test_neither_file),
		cmocka_unit_test(test_plain_file_nomem),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
