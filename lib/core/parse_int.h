/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * parse_int.h - whole-string integer parsing in C syntax (decimal, 0x
 * hex, 0-led octal), for text the library reads (USDT argument specs).
 * Pure: no syscalls, no locale, errno untouched, the same in the no-libc
 * build (where there is no strtoll).
 */
#ifndef RB_CORE_PARSE_INT_H
#define RB_CORE_PARSE_INT_H

#include <stddef.h>
#include <stdint.h>

/* rb_parse_u64 - the @len bytes at @s, all of them, as an unsigned C
 * integer (an optional '+', then 123, 0x7b or 0173) into *@out.
 * 0; -EINVAL for no digits, a sign '-', a space or any other byte that is
 * not a digit of the base; -ERANGE above UINT64_MAX. *@out is only
 * written on success. */
int rb_parse_u64(const char *s, size_t len, uint64_t *out);
/* rb_parse_i64 - rb_parse_u64 with an optional '-' or '+' in front, into
 * *@out: -ERANGE outside INT64_MIN..INT64_MAX. */
int rb_parse_i64(const char *s, size_t len, int64_t *out);

#endif
