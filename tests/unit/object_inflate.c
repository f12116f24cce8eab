// SPDX-License-Identifier: BSD-2-Clause
/* object_inflate.c - the gzip/DEFLATE reader behind .kconfig values (for
 * /proc/config.gz): round trips through the system's gzip for dynamic
 * Huffman (text), stored (random) and fixed Huffman (tiny) blocks, and
 * refusals of truncated, corrupt or too-large input. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"
#include "core/inflate.h"

/* gzip @in with the system's gzip (@level); malloc'd bytes into *@out. */
static size_t gzip(const void *in, size_t len, int level, uint8_t **out)
{
	char tmpl[] = "/tmp/rb_inflate_XXXXXX", cmd[128];
	size_t n = 0, cap = len + 1024;
	FILE *f;
	int fd = mkstemp(tmpl);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, in, len), (ssize_t)len);
	close(fd);
	snprintf(cmd, sizeof(cmd), "gzip -%d -c %s", level, tmpl);
	f = popen(cmd, "r");
	assert_non_null(f);
	*out = malloc(cap);
	n = fread(*out, 1, cap, f);
	pclose(f);
	unlink(tmpl);
	if (!n)
		skip();	/* no gzip on this machine */
	return n;
}

static void round_trip(const uint8_t *data, size_t len, int level)
{
	uint8_t *gz, *out;
	size_t n = gzip(data, len, level, &gz), start, size, got = 0;

	assert_int_equal(rb_gunzip_size(gz, n, &start, &size), 0);
	assert_int_equal(size, len);
	out = malloc(size + 1);
	assert_int_equal(rb_inflate(gz + start, n - start - 8, out, size, &got), 0);
	assert_int_equal(got, len);
	assert_memory_equal(out, data, len);
	/* one byte too little room */
	if (len)
		assert_int_equal(rb_inflate(gz + start, n - start - 8, out, size - 1,
					    &got), -EOVERFLOW);
	/* every truncation is refused (or, for stored data, short) cleanly */
	for (size_t cut = 0; cut < n - start - 8; cut += 1 + (n / 64)) {
		int err = rb_inflate(gz + start, cut, out, size, &got);

		assert_true(err == -EBADMSG || (err == 0 && got < len));
	}
	free(out);
	free(gz);
}

static void test_text(void **state)
{
	size_t len = 0, cap = 200000;
	char *text = malloc(cap);
	int i;

	(void)state;
	for (i = 0; len + 64 < cap; i++)
		len += (size_t)snprintf(text + len, cap - len,
					"CONFIG_OPTION_%d=%s\n# comment %d\n", i,
					i % 3 ? "y" : "\"a string\"", i * 7);
	round_trip((uint8_t *)text, len, 9);
	round_trip((uint8_t *)text, len, 1);
	free(text);
}

static void test_random(void **state)
{
	uint8_t *data = malloc(70000);
	size_t i;

	(void)state;
	srand(42);
	for (i = 0; i < 70000; i++)
		data[i] = (uint8_t)rand();
	round_trip(data, 70000, 6);	/* incompressible: stored blocks */
	free(data);
}

static void test_tiny(void **state)
{
	(void)state;
	round_trip((const uint8_t *)"y\n", 2, 9);	/* fixed Huffman */
	round_trip((const uint8_t *)"", 0, 9);
}

static void test_bad_header(void **state)
{
	static const uint8_t junk[32] = { 0x1f, 0x8c };
	size_t start, size;
	uint8_t out[8];

	(void)state;
	assert_int_equal(rb_gunzip_size(junk, sizeof(junk), &start, &size), -EBADMSG);
	assert_int_equal(rb_gunzip_size(junk, 10, &start, &size), -EBADMSG);
	/* block type 3 does not exist */
	assert_int_equal(rb_inflate("\x07", 1, out, sizeof(out), &size), -EBADMSG);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text),
		cmocka_unit_test(test_random),
		cmocka_unit_test(test_tiny),
		cmocka_unit_test(test_bad_header),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
