// SPDX-License-Identifier: BSD-2-Clause
/* parse_int.c - rb_parse_u64 / rb_parse_i64 (parse_int.h): the base from
 * the prefix as a C compiler reads it, every byte a digit, overflow an
 * error instead of strtoll's silent clamp. */
#include <errno.h>
#include <stdbool.h>

#include "core/parse_int.h"

/* The value of digit @c, or 36 for a byte that is no digit. */
static unsigned int digit(char c)
{
	if (c >= '0' && c <= '9')
		return (unsigned int)(c - '0');
	if (c >= 'a' && c <= 'z')
		return (unsigned int)(c - 'a' + 10);
	if (c >= 'A' && c <= 'Z')
		return (unsigned int)(c - 'A' + 10);
	return 36;
}

/* The unsigned number @s..@s+@len, no sign, into *@out. */
static int magnitude(const char *s, size_t len, uint64_t *out)
{
	unsigned int base = 10, d;
	uint64_t v = 0;
	size_t i = 0;

	if (len > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		i = 2;
	} else if (len > 1 && s[0] == '0') {
		base = 8;
		i = 1;
	}
	if (i == len)
		return -EINVAL;
	for (; i < len; i++) {
		d = digit(s[i]);
		if (d >= base)
			return -EINVAL;
		if (v > (UINT64_MAX - d) / base)
			return -ERANGE;
		v = v * base + d;
	}
	*out = v;
	return 0;
}

int rb_parse_u64(const char *s, size_t len, uint64_t *out)
{
	if (len && s[0] == '+')
		s++, len--;
	return magnitude(s, len, out);
}

int rb_parse_i64(const char *s, size_t len, int64_t *out)
{
	bool neg = len && s[0] == '-';
	uint64_t v;
	int err;

	if (len && (s[0] == '-' || s[0] == '+'))
		s++, len--;
	err = magnitude(s, len, &v);
	if (err)
		return err;
	if (v > (uint64_t)INT64_MAX + neg)
		return -ERANGE;
	/* v - 1 first: INT64_MIN's magnitude is no int64_t */
	*out = neg && v ? -(int64_t)(v - 1) - 1 : (int64_t)v;
	return 0;
}
