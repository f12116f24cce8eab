// SPDX-License-Identifier: BSD-2-Clause
/*
 * tests/nolibc/libc.c - the no-libc build's own libc (lib/sys/nolibc)
 * against the real one: the same sources compiled here under nl_* names
 * (the #defines below), each function given the inputs the library gives
 * it and edge cases, and its answer compared with glibc's.
 */
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

/* ---- the no-libc sources, renamed ---- */
#define memcpy nl_memcpy
#define memmove nl_memmove
#define memset nl_memset
#define memcmp nl_memcmp
#define memchr nl_memchr
#define strlen nl_strlen
#define strnlen nl_strnlen
#define strcmp nl_strcmp
#define strncmp nl_strncmp
#define strcpy nl_strcpy
#define strchrnul nl_strchrnul
#define strchr nl_strchr
#define strrchr nl_strrchr
#define strcspn nl_strcspn
#define strpbrk nl_strpbrk
#define strstr nl_strstr
#define vsnprintf nl_vsnprintf
#define snprintf nl_snprintf
#define calloc nl_calloc
#define malloc nl_malloc
#define realloc nl_realloc
#define free nl_free
#define qsort nl_qsort
#define bsearch nl_bsearch
#define strtoull nl_strtoull
#define strtoul nl_strtoul
#define fnmatch nl_fnmatch
#define syscall nl_syscall
#define statfs(p, s) nl_statfs(p, s)
#define fstatfs nl_fstatfs
#define getpid nl_getpid
#define sysconf nl_sysconf
#define clock_gettime nl_clock_gettime
#define mmap nl_mmap	/* i386 only: mmap2 */
#include "sys/nolibc/string.c"
#include "sys/nolibc/format.c"
#include "sys/nolibc/stdlib.c"	/* sets the real errno, as it does libc's */
#undef errno
#define __errno_location nl_errno_location
#include "sys/nolibc/unistd.c"
#define errno (*__errno_location())
#undef memcpy
#undef memmove
#undef memset
#undef memcmp
#undef memchr
#undef strlen
#undef strnlen
#undef strcmp
#undef strncmp
#undef strcpy
#undef strchrnul
#undef strchr
#undef strrchr
#undef strcspn
#undef strpbrk
#undef strstr
#undef vsnprintf
#undef snprintf
#undef calloc
#undef malloc
#undef realloc
#undef free
#undef qsort
#undef bsearch
#undef strtoull
#undef strtoul
#undef fnmatch
#undef syscall
#undef statfs
#undef fstatfs
#undef getpid
#undef sysconf
#undef clock_gettime
#undef mmap
#undef __errno_location

/* FMT(size, fmt, ...): both snprintfs into @size bytes agree on the text
 * and the length they would have written. */
#define FMT(size, ...)                                                 \
	do {                                                           \
		char want[128], got[128];                              \
		int w, g;                                              \
		memset(want, 'X', sizeof(want));                       \
		memset(got, 'X', sizeof(got));                         \
		w = snprintf(want, size, __VA_ARGS__);                 \
		g = nl_snprintf(got, size, __VA_ARGS__);               \
		assert_int_equal(g, w);                                \
		assert_memory_equal(got, want, sizeof(want));          \
	} while (0)

static void test_snprintf(void **state)
{
	const char *null = NULL;
	char out[16];

	(void)state;
	/* NULL for %s: "(null)", as glibc prints it */
	assert_int_equal(nl_snprintf(out, sizeof(out), "<%s>", null), 8);
	assert_string_equal(out, "<(null)>");
	FMT(128, "plain");
	FMT(128, "%s=%d %u %x %X %o %c %%", "k", -42, 42u, 0xbeefu, 0xbeefu,
	    8u, 'z');
	FMT(128, "[%5d|%-5d|%05d|%+d|% d|%.3d|%8.3d]", 42, 42, -42, 7, 7, 7, -7);
	FMT(128, "[%#x|%#o|%#x|%#X]", 255u, 8u, 0u, 0xabu);
	FMT(128, "[%ld|%lu|%lld|%llu|%zu|%zd|%jd|%td]", LONG_MIN, ULONG_MAX,
	    LLONG_MIN, ULLONG_MAX, (size_t)123, (ptrdiff_t)-5,
	    (intmax_t)INTMAX_MAX, (ptrdiff_t)9);
	FMT(128, "[%hhd|%hhu|%hd|%hu]", (signed char)-100, (unsigned char)200,
	    (short)-30000, (unsigned short)60000);
	FMT(128, "[%.3s|%10s|%-10s|%.*s|%*d|%-*d]", "abcdef", "ab", "ab", 2,
	    "xyz", 6, 1, 6, 1);
	FMT(128, "[%.0d|%.0u|%d|%u|%x]", 0, 0u, 0, 0u, 0u);
	FMT(128, "%p %p", (void *)0x1234, (void *)&state);
	FMT(128, "%02x%02x:%.8s", 0xa, 0xbc, "0123456789");
	/* truncation: the length asked for, the text cut, NUL at the end */
	FMT(1, "%s", "abc");
	FMT(4, "%d-%s", 12345, "tail");
	FMT(0, "%d", 7);
}

static void test_strtoull(void **state)
{
	static const struct {
		const char *s;
		int base;
	} cases[] = {
		{ "0", 0 }, { "42", 10 }, { "  +17x", 10 }, { "-1", 10 },
		{ "0x1f", 0 }, { "0X1F", 16 }, { "1f", 16 }, { "0x", 0 },
		{ "0x", 16 }, { "017", 0 }, { "019", 0 }, { "zz", 36 },
		{ "", 10 }, { "abc", 10 }, { "18446744073709551615", 10 },
		{ "18446744073709551616", 10 }, { "99999999999999999999999", 0 },
		{ "ffffffffffffffff", 16 }, { "4294967296", 10 },
		{ "-18446744073709551615", 10 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *we, *ge;
		unsigned long long w, g;
		int werr, gerr;

		errno = 0;
		w = strtoull(cases[i].s, &we, cases[i].base);
		werr = errno;
		errno = 0;
		g = nl_strtoull(cases[i].s, &ge, cases[i].base);
		gerr = errno;
		print_message("strtoull(\"%s\", %d)\n", cases[i].s, cases[i].base);
		assert_int_equal(g, w);
		assert_ptr_equal(ge, we);
		assert_int_equal(gerr, werr);
		errno = 0;
		assert_int_equal(nl_strtoul(cases[i].s, NULL, cases[i].base),
				 strtoul(cases[i].s, NULL, cases[i].base));
	}
}

static void test_fnmatch(void **state)
{
	static const char *const pats[] = {
		"*", "foo", "f*", "*o", "f?o", "*oo*", "[fg]oo", "[!f]oo",
		"[a-f]o?", "\\*oo", "sys_*_read", "a*b*c", "*[0-9]", "[]",
		"*.isra.*", "", "[]]", "[!]]x", "[", "a[", "\\?", "[z-a]",
		"[a-]o*", "*\\*",
	};
	static const char *const strs[] = {
		"foo", "goo", "fo", "*oo", "sys_x_read", "sys_read", "abxbc",
		"acb", "x9", "do_sys_open.isra.0", "", "]", "[", "a[", "?",
		"a", "-oo", "]x", "ax", "a*",
	};
	size_t i, j;

	(void)state;
	for (i = 0; i < sizeof(pats) / sizeof(pats[0]); i++)
		for (j = 0; j < sizeof(strs) / sizeof(strs[0]); j++) {
			print_message("fnmatch(\"%s\", \"%s\")\n", pats[i],
				      strs[j]);
			assert_int_equal(nl_fnmatch(pats[i], strs[j], 0) == 0,
					 fnmatch(pats[i], strs[j], 0) == 0);
		}
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

static void test_qsort_bsearch(void **state)
{
	int v[257], ref[257], key;
	size_t n, i;

	(void)state;
	for (n = 0; n <= 257; n += 64) {
		for (i = 0; i < n; i++)
			v[i] = ref[i] = (int)((i * 7919u) % 101) - 50;
		nl_qsort(v, n, sizeof(v[0]), cmp_int);
		qsort(ref, n, sizeof(ref[0]), cmp_int);
		assert_memory_equal(v, ref, n * sizeof(v[0]));
		for (i = 0; i < n; i++)
			assert_int_equal(*(int *)nl_bsearch(&v[i], v, n, sizeof(v[0]),
							    cmp_int), v[i]);
		key = 1000;
		assert_null(nl_bsearch(&key, v, n, sizeof(v[0]), cmp_int));
	}
}

static void test_strings(void **state)
{
	char buf[32] = "0123456789";
	char ref[32] = "0123456789";

	(void)state;
	nl_memmove(buf + 2, buf, 8);
	memmove(ref + 2, ref, 8);
	assert_memory_equal(buf, ref, sizeof(buf));
	nl_memmove(buf, buf + 3, 7);
	memmove(ref, ref + 3, 7);
	assert_memory_equal(buf, ref, sizeof(buf));
	assert_true(nl_memcmp("ab\xff", "ab\x01", 3) > 0);
	assert_int_equal(nl_memcmp("abc", "abc", 3), 0);
	assert_ptr_equal(nl_memchr(ref, '9', 10), memchr(ref, '9', 10));
	assert_null(nl_memchr(ref, 'z', 10));
	assert_int_equal(nl_strlen(""), 0);
	assert_int_equal(nl_strnlen("abcdef", 3), 3);
	assert_true(nl_strcmp("abc", "abd") < 0);
	assert_true(nl_strcmp("b", "abc") > 0);
	assert_true(nl_strcmp("ab", "abc") < 0);
	assert_int_equal(nl_strncmp("abcx", "abcy", 3), 0);
	assert_true(nl_strncmp("ab", "abc", 5) < 0);
	assert_ptr_equal(nl_strchr("a/b/c", '/'), strchr("a/b/c", '/') );
	assert_null(nl_strchr("abc", 'z'));
	assert_non_null(nl_strchr("abc", '\0'));
	assert_ptr_equal(nl_strrchr(ref, ref[4]), strrchr(ref, ref[4]));
	assert_int_equal(nl_strcspn("sec/name", "/."), strcspn("sec/name", "/."));
	assert_null(nl_strpbrk("abc", "xyz"));
	assert_string_equal(nl_strstr("kprobe.multi/x", ".multi"), ".multi/x");
	assert_null(nl_strstr("abc", "abcd"));
	assert_string_equal(nl_strstr("abc", ""), "abc");
	assert_string_equal(nl_strcpy(buf, "copy"), "copy");
}

static void test_alloc(void **state)
{
	unsigned char *p, *q;
	size_t i;
	int want;

	(void)state;
	p = nl_calloc(100, 3);
	assert_non_null(p);
	for (i = 0; i < 300; i++)
		assert_int_equal(p[i], 0);
	memset(p, 0x5a, 300);
	q = nl_realloc(p, 10000);
	assert_non_null(q);
	for (i = 0; i < 300; i++)
		assert_int_equal(q[i], 0x5a);
	assert_int_equal(q[9999], 0);
	p = nl_realloc(q, 10);
	assert_non_null(p);
	assert_int_equal(p[9], 0x5a);
	nl_free(p);
	nl_free(NULL);
	/* malloc is calloc (anonymous memory comes zeroed) */
	p = nl_malloc(64);
	assert_non_null(p);
	assert_int_equal(p[63], 0);
	nl_free(p);
	errno = 0;
	assert_null(nl_calloc(SIZE_MAX / 2, 4));
	assert_int_equal(errno, ENOMEM);
	/* a size the kernel refuses: mmap(2)'s errno (ENOMEM; valgrind's
	 * mmap says EINVAL) */
	errno = 0;
	assert_ptr_equal(mmap(NULL, SIZE_MAX - 48, PROT_READ | PROT_WRITE,
			      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), MAP_FAILED);
	want = errno;
	assert_int_not_equal(want, 0);
	errno = 0;
	assert_null(nl_calloc(1, SIZE_MAX - 64));
	assert_int_equal(errno, want);
}

static void test_unistd(void **state)
{
	struct statfs a, b;

	(void)state;
	assert_int_equal(nl_syscall(__NR_getpid), getpid());
	assert_int_equal(nl_getpid(), getpid());
	*nl_errno_location() = 0;
	assert_int_equal(nl_syscall(__NR_close, -1), -1);
	assert_int_equal(*nl_errno_location(), EBADF);
	assert_int_equal(nl_statfs("/", &a), 0);
	assert_int_equal(statfs("/", &b), 0);
	assert_int_equal(a.f_type, b.f_type);
	assert_int_equal(nl_fstatfs(-1, &a), -1);
	assert_int_equal(*nl_errno_location(), EBADF);
	assert_int_equal(nl_sysconf(_SC_PAGESIZE), sysconf(_SC_PAGESIZE));
	assert_int_equal(nl_sysconf(_SC_OPEN_MAX), -1);
	assert_int_equal(*nl_errno_location(), EINVAL);
}

/* The monotonic clock read between two of libc's readings lies between
 * them; a clock that does not exist is EINVAL. */
static void test_clock(void **state)
{
	struct timespec t0, t = { 0, 0 }, t1;
	int64_t n0, n, n1;

	(void)state;
	assert_int_equal(clock_gettime(CLOCK_MONOTONIC, &t0), 0);
	assert_int_equal(nl_clock_gettime(CLOCK_MONOTONIC, &t), 0);
	assert_int_equal(clock_gettime(CLOCK_MONOTONIC, &t1), 0);
	n0 = (int64_t)t0.tv_sec * 1000000000 + t0.tv_nsec;
	n = (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
	n1 = (int64_t)t1.tv_sec * 1000000000 + t1.tv_nsec;
	assert_true(n0 <= n && n <= n1);
	assert_true(t.tv_nsec >= 0 && t.tv_nsec < 1000000000);
	*nl_errno_location() = 0;
	assert_int_equal(nl_clock_gettime((clockid_t)1234, &t), -1);
	assert_int_equal(*nl_errno_location(), EINVAL);
}

#ifdef __NR_mmap2
/* i386's mmap (mmap2): a file mapped at an offset shows that page; an
 * offset that is no page multiple is EINVAL. */
static void test_mmap2(void **state)
{
	int fd = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
	char want[4];
	char *p;

	(void)state;
	assert_true(fd >= 0);
	assert_int_equal(pread(fd, want, sizeof(want), 4096), sizeof(want));
	p = nl_mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, 4096);
	assert_true(p != MAP_FAILED);
	assert_memory_equal(p, want, sizeof(want));
	munmap(p, 4096);
	*nl_errno_location() = 0;
	assert_true(nl_mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, 100) ==
		    MAP_FAILED);
	assert_int_equal(*nl_errno_location(), EINVAL);
	close(fd);
}
#endif

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_snprintf),
		cmocka_unit_test(test_strtoull),
		cmocka_unit_test(test_fnmatch),
		cmocka_unit_test(test_qsort_bsearch),
		cmocka_unit_test(test_strings),
		cmocka_unit_test(test_alloc),
		cmocka_unit_test(test_unistd),
		cmocka_unit_test(test_clock),
#ifdef __NR_mmap2
		cmocka_unit_test(test_mmap2),
#endif
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
