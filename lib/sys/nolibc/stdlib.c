// SPDX-License-Identifier: BSD-2-Clause
/* nolibc/stdlib.c - the rest of libc that rawbpf uses, for the no-libc
 * build: the default allocator (one anonymous mapping per block: a
 * firmware that allocates often passes its own rawbpf_allocator),
 * qsort, bsearch, strtoul/strtoull and fnmatch (uprobe symbol globs). */
#include <errno.h>
#include <fnmatch.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>

#include "sys/arch/syscall.h"

/* mmap2 where the architecture has it (32-bit: i386's old mmap takes an
 * argument block); offset 0 either way. */
#ifdef __NR_mmap2
#define NOLIBC_NR_MMAP __NR_mmap2
#else
#define NOLIBC_NR_MMAP __NR_mmap
#endif

/* Each block: its mapping's length in front, 16 bytes kept for
 * alignment. */
#define BLOCK_HDR 16

void *calloc(size_t n, size_t size)
{
	size_t len;
	long p;

	if (size && n > (SIZE_MAX - BLOCK_HDR) / size) {
		errno = ENOMEM;
		return NULL;
	}
	len = n * size + BLOCK_HDR;
	p = rb_arch_syscall6(NOLIBC_NR_MMAP, 0, (long)len, PROT_READ | PROT_WRITE,
			     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p < 0 && p > -4096) {
		errno = (int)-p;
		return NULL;
	}
	*(size_t *)p = len;	/* anonymous memory comes zeroed */
	return (char *)p + BLOCK_HDR;
}

void *malloc(size_t size)
{
	return calloc(1, size);
}

void free(void *ptr)
{
	char *h = (char *)ptr - BLOCK_HDR;

	if (ptr)
		rb_arch_syscall6(__NR_munmap, (long)h, (long)*(size_t *)h, 0, 0,
				 0, 0);
}

void *realloc(void *ptr, size_t size)
{
	size_t old;
	void *p;

	if (!ptr)
		return calloc(1, size);
	old = *(size_t *)((char *)ptr - BLOCK_HDR) - BLOCK_HDR;
	p = calloc(1, size);
	if (!p)
		return NULL;
	memcpy(p, ptr, old < size ? old : size);
	free(ptr);
	return p;
}

/* Swap @n bytes of @a and @b. */
static void swap_bytes(char *a, char *b, size_t n)
{
	char t;

	while (n--) {
		t = *a;
		*a++ = *b;
		*b++ = t;
	}
}

/* Move element @i of @base down the heap of @n elements. */
static void sift_down(char *base, size_t i, size_t n, size_t size,
		      int (*cmp)(const void *, const void *))
{
	size_t child;

	while ((child = 2 * i + 1) < n) {
		if (child + 1 < n &&
		    cmp(base + child * size, base + (child + 1) * size) < 0)
			child++;
		if (cmp(base + i * size, base + child * size) >= 0)
			return;
		swap_bytes(base + i * size, base + child * size, size);
		i = child;
	}
}

/* Heapsort: no recursion, no allocation, O(n log n). */
void qsort(void *base, size_t n, size_t size,
	   int (*cmp)(const void *, const void *))
{
	char *b = base;
	size_t i;

	for (i = n / 2; i-- > 0;)
		sift_down(b, i, n, size, cmp);
	for (i = n; i-- > 1;) {
		swap_bytes(b, b + i * size, size);
		sift_down(b, 0, i, size, cmp);
	}
}

void *bsearch(const void *key, const void *base, size_t n, size_t size,
	      int (*cmp)(const void *, const void *))
{
	const char *b = base;
	size_t lo = 0, hi = n, mid;
	int c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = cmp(key, b + mid * size);
		if (!c)
			return (void *)(b + mid * size);
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

static int is_space(int c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

static int digit_value(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	return 99;
}

unsigned long long strtoull(const char *restrict s, char **restrict end,
			    int base)
{
	const char *p = s, *digits;
	unsigned long long v = 0;
	int neg = 0, over = 0, d;

	while (is_space(*p))
		p++;
	if (*p == '-' || *p == '+')
		neg = *p++ == '-';
	if ((base == 0 || base == 16) && p[0] == '0' &&
	    (p[1] == 'x' || p[1] == 'X') && digit_value(p[2]) < 16) {
		p += 2;
		base = 16;
	} else if (base == 0) {
		base = *p == '0' ? 8 : 10;
	}
	digits = p;
	for (; (d = digit_value(*p)) < base; p++) {
		if (v > (ULLONG_MAX - (unsigned)d) / (unsigned)base)
			over = 1;
		v = v * (unsigned)base + (unsigned)d;
	}
	if (end)
		*end = (char *)(p == digits ? s : p);
	if (over) {
		errno = ERANGE;
		return ULLONG_MAX;
	}
	return neg ? -v : v;
}

/* The range check is on the magnitude before the minus: on 32-bit,
 * "-18446744073709551615" is ERANGE (strtoull's answer, 1, is not). */
unsigned long strtoul(const char *restrict s, char **restrict end, int base)
{
	unsigned long long v = strtoull(s, end, base);
	const char *p = s;

	while (is_space(*p))
		p++;
	if ((*p == '-' ? -v : v) > ULONG_MAX) {
		errno = ERANGE;
		return ULONG_MAX;
	}
	return (unsigned long)v;
}

/* The bracket expression at @p (after '['): -1 when unterminated (then
 * '[' is an ordinary character), else whether @c matches, with *@next
 * the pattern after its ']'. A ']' first in the set is a member. */
static int bracket(const char *p, char c, const char **next)
{
	int neg = *p == '!' || *p == '^', hit = 0;
	const char *end;

	p += neg;
	end = p + (*p == ']');
	while (*end && *end != ']')
		end++;
	if (!*end)
		return -1;
	do {
		if (p[1] == '-' && p + 2 < end) {
			hit |= c >= p[0] && c <= p[2];
			p += 3;
		} else {
			hit |= c == *p++;
		}
	} while (p < end);
	*next = end + 1;
	return hit != neg;
}

/* fnmatch - shell glob match: *, ?, [...] and \ escapes (flags ignored:
 * rawbpf passes 0). 0 on a match, FNM_NOMATCH otherwise. */
int fnmatch(const char *pat, const char *s, int flags)
{
	const char *star = NULL, *retry = NULL, *next = NULL;
	int m;

	(void)flags;
	while (*s) {
		if (*pat == '*') {
			star = ++pat;
			retry = s;
			continue;
		}
		m = *pat == '[' ? bracket(pat + 1, *s, &next) : -1;
		if (m == 1 || *pat == '?') {
			pat = m == 1 ? next : pat + 1;
			s++;
			continue;
		}
		if (*pat == '\\' && pat[1])
			pat++;
		if (m == -1 && *pat && *pat == *s) {
			pat++;
			s++;
			continue;
		}
		if (!star)
			return FNM_NOMATCH;
		pat = star;
		s = ++retry;
	}
	while (*pat == '*')
		pat++;
	return *pat ? FNM_NOMATCH : 0;
}
