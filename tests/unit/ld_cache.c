// SPDX-License-Identifier: BSD-2-Clause
/* ld_cache.c - libraries by name: the ld.so.cache reader on caches built
 * here (new format alone and after an old table; names, prefixes and ABI
 * flags; truncated headers, entries and strings), and the lookup on this
 * machine: the cache's libc is the libc this process maps, and a file only
 * in a library directory is found there. */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "fixture.h"
#include "attach/ld_cache.h"
#include "rawbpf/attach_trace.h"

#define X64 (RB_LDC_ELF_LIBC6 | RB_LDC_X8664_LIB64)

struct img {
	uint8_t b[1024];
	size_t len;
	size_t hdr;	/* where the new header starts */
	uint32_t n;
};

static void put32(uint8_t *p, uint32_t v) { memcpy(p, &v, 4); }

/* Start a new-format cache at @at (after @old_n old-format entries). */
static void img_init(struct img *im, uint32_t old_n)
{
	memset(im, 0, sizeof(*im));
	if (old_n) {
		memcpy(im->b, "ld.so-1.7.0", 11);
		put32(im->b + 12, old_n);
		im->hdr = (16 + 12 * old_n + 7) & ~7u;
	}
	memcpy(im->b + im->hdr, "glibc-ld.so.cache1.1", 20);
	im->len = im->hdr + 48 + 4 * 24;	/* room for 4 entries */
}

/* Add an entry; its strings go at the end. */
static void img_add(struct img *im, int32_t flags, const char *key,
		    const char *val)
{
	uint8_t *e = im->b + im->hdr + 48 + im->n * 24;

	put32(e, (uint32_t)flags);
	put32(e + 4, (uint32_t)(im->len - im->hdr));
	strcpy((char *)im->b + im->len, key);
	im->len += strlen(key) + 1;
	put32(e + 8, (uint32_t)(im->len - im->hdr));
	strcpy((char *)im->b + im->len, val);
	im->len += strlen(val) + 1;
	put32(im->b + im->hdr + 20, ++im->n);
}

static void test_cache_lookup(void **state)
{
	struct img im;
	char out[64];

	(void)state;
	for (uint32_t old = 0; old <= 3; old += 3) {
		img_init(&im, old);
		img_add(&im, RB_LDC_ELF_LIBC6, "libc.so.6", "/lib32/libc.so.6");
		img_add(&im, X64, "libcrypto.so.3", "/lib/libcrypto.so.3");
		img_add(&im, X64, "libc.so.6", "/lib/x86_64/libc.so.6");
		img_add(&im, X64, "libz-ng.so.2", "/lib/libz-ng.so.2");
		/* a prefix up to '.' or '-', the ABI's entry, not libcrypto */
		assert_int_equal(rb_ld_cache_find(im.b, im.len, X64, "libc", out,
						  sizeof(out)), 0);
		assert_string_equal(out, "/lib/x86_64/libc.so.6");
		assert_int_equal(rb_ld_cache_find(im.b, im.len, RB_LDC_ELF_LIBC6,
						  "libc.so.6", out, sizeof(out)), 0);
		assert_string_equal(out, "/lib32/libc.so.6");
		assert_int_equal(rb_ld_cache_find(im.b, im.len, X64, "libz", out,
						  sizeof(out)), 0);
		assert_string_equal(out, "/lib/libz-ng.so.2");
		assert_int_equal(rb_ld_cache_find(im.b, im.len, X64, "libcr", out,
						  sizeof(out)), -ENOENT);
		assert_int_equal(rb_ld_cache_find(im.b, im.len,
						  RB_LDC_ELF_LIBC6 | RB_LDC_AARCH64_LIB64,
						  "libc", out, sizeof(out)), -ENOENT);
		assert_int_equal(rb_ld_cache_find(im.b, im.len, X64, "libc", out,
						  10), -ENAMETOOLONG);
	}
}

static void test_cache_malformed(void **state)
{
	struct img im;
	char out[64];

	(void)state;
	img_init(&im, 0);
	img_add(&im, X64, "libc.so.6", "/lib/libc.so.6");
	/* not a cache; a header cut short; more entries than bytes */
	assert_int_equal(rb_ld_cache_find("hello", 5, X64, "libc", out,
					  sizeof(out)), -EBADMSG);
	assert_int_equal(rb_ld_cache_find(im.b, 40, X64, "libc", out,
					  sizeof(out)), -EBADMSG);
	put32(im.b + 20, 1000);
	assert_int_equal(rb_ld_cache_find(im.b, im.len, X64, "libc", out,
					  sizeof(out)), -EBADMSG);
	put32(im.b + 20, 1);
	/* a string past the end, or without its NUL inside the image */
	assert_int_equal(rb_ld_cache_find(im.b, im.len - 1, X64, "libc", out,
					  sizeof(out)), -EBADMSG);
	put32(im.b + 48 + 4, 5000);
	assert_int_equal(rb_ld_cache_find(im.b, im.len, X64, "libc", out,
					  sizeof(out)), -EBADMSG);
	/* an old table longer than the image */
	img_init(&im, 3);
	put32(im.b + 12, 100);
	assert_int_equal(rb_ld_cache_find(im.b, im.len, X64, "libc", out,
					  sizeof(out)), -EBADMSG);
}

static void same_file(const char *a, const char *b)
{
	struct stat sa, sb;

	assert_int_equal(stat(a, &sa), 0);
	assert_int_equal(stat(b, &sb), 0);
	assert_int_equal(sa.st_dev, sb.st_dev);
	assert_int_equal(sa.st_ino, sb.st_ino);
}

static void test_host_lookup(void **state)
{
	char mapped[4096], found[4096];
	struct stat st;
	int err;

	(void)state;
	/* the libc this test maps (none when linked statically, as in the
	 * VM's initramfs) is the one the cache names; under qemu-user it
	 * comes from a cross root (/usr/<triplet>/lib) and this machine's
	 * cache and library directories are another architecture's */
	if (rawbpf_uprobe_find_library(0, "libc", mapped, sizeof(mapped)) == 0 &&
	    strncmp(mapped, "/lib", 4) && strncmp(mapped, "/usr/lib", 8)) {
		print_message("libc mapped from %s, not a system library directory: the host lookup is not this architecture's\n",
			      mapped);
		skip();
	}
	if (rawbpf_uprobe_find_library(0, "libc", mapped, sizeof(mapped)) == 0 &&
	    stat("/etc/ld.so.cache", &st) == 0) {
		assert_int_equal(rawbpf_uprobe_find_library_file("libc", found,
								 sizeof(found),
								 NULL), 0);
		same_file(found, mapped);
	}
	/* libc.a is in a library directory (with libc6-dev), never in the
	 * cache */
	err = rawbpf_uprobe_find_library_file("libc.a", found, sizeof(found),
					      NULL);
	if (err == 0) {
		assert_non_null(strstr(found, "/libc.a"));
		assert_int_equal(stat(found, &st), 0);
		assert_int_equal(rawbpf_uprobe_find_library_file("libc.a", found,
								 12, NULL),
				 -ENAMETOOLONG);
	} else {
		assert_int_equal(err, -ENOENT);
		assert_int_not_equal(stat("/usr/lib/libc.a", &st), 0);
#if defined(__x86_64__)
		assert_int_not_equal(stat("/usr/lib/x86_64-linux-gnu/libc.a", &st), 0);
#endif
	}
	assert_int_equal(rawbpf_uprobe_find_library_file("librawbpf-none", found,
							 sizeof(found), NULL),
			 -ENOENT);
	assert_int_equal(rawbpf_uprobe_find_library_file("a/b", found,
							 sizeof(found), NULL),
			 -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cache_lookup),
		cmocka_unit_test(test_cache_malformed),
		cmocka_unit_test(test_host_lookup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
