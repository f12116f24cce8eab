// SPDX-License-Identifier: BSD-2-Clause
/* strbuf.c - growable text buffer (see strbuf.h). */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/mem.h"
#include "core/strbuf.h"

/* Room for @n more bytes plus the NUL; false (and ->err) when out of memory. */
static int reserve(struct rb_sb *sb, size_t n)
{
	size_t cap = sb->cap ? sb->cap : 256;
	char *p;

	if (sb->err)
		return 0;
	if (sb->len + n + 1 <= sb->cap)
		return 1;
	while (cap < sb->len + n + 1)
		cap *= 2;
	p = sb->buf ? rb_resize(sb->a, sb->buf, cap) : rb_alloc(sb->a, cap);
	if (!p) {
		sb->err = -ENOMEM;
		return 0;
	}
	sb->buf = p;
	sb->cap = cap;
	return 1;
}

void rb_sb_put(struct rb_sb *sb, const char *s, size_t n)
{
	if (!reserve(sb, n))
		return;
	memcpy(sb->buf + sb->len, s, n);
	sb->len += n;
	sb->buf[sb->len] = 0;
}

void rb_sb_puts(struct rb_sb *sb, const char *s)
{
	rb_sb_put(sb, s, strlen(s));
}

void rb_sb_printf(struct rb_sb *sb, const char *fmt, ...)
{
	size_t room;
	va_list ap;
	int n;

	if (!reserve(sb, 64))
		return;
	/* format once into the room there is; again only if it did not fit */
	room = sb->cap - sb->len;
	va_start(ap, fmt);
	n = vsnprintf(sb->buf + sb->len, room, fmt, ap);
	va_end(ap);
	if (n < 0) {
		sb->buf[sb->len] = 0;
		return;
	}
	if ((size_t)n >= room) {
		if (!reserve(sb, (size_t)n))
			return;
		va_start(ap, fmt);
		vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	sb->len += (size_t)n;
}

void rb_sb_prepend(struct rb_sb *sb, const char *s)
{
	size_t n = strlen(s);

	if (!reserve(sb, n))
		return;
	memmove(sb->buf + n, sb->buf, sb->len + 1);
	memcpy(sb->buf, s, n);
	sb->len += n;
}

const char *rb_sb_str(const struct rb_sb *sb)
{
	return sb->buf && !sb->err ? sb->buf : "";
}

void rb_sb_free(struct rb_sb *sb)
{
	rb_free(sb->a, sb->buf);
	sb->buf = NULL;
	sb->len = sb->cap = 0;
	sb->err = 0;
}
