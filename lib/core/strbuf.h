/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * strbuf.h - a growable text buffer from the library allocator, for code
 * that writes text (the BTF dumpers). The first allocation failure sticks
 * in ->err and later calls do nothing, so writers check once at the end.
 */
#ifndef RB_CORE_STRBUF_H
#define RB_CORE_STRBUF_H

#include <stddef.h>

#include "rawbpf/common.h"

struct rb_sb {
	const struct rawbpf_allocator *a;
	char *buf;	/* NUL-terminated once anything was written */
	size_t len;
	size_t cap;
	int err;	/* 0 or -ENOMEM */
};

/* rb_sb_put - append @n bytes at @s. */
void rb_sb_put(struct rb_sb *sb, const char *s, size_t n);
/* rb_sb_puts - append the string @s. */
void rb_sb_puts(struct rb_sb *sb, const char *s);
/* rb_sb_printf - append printf-style text. */
void rb_sb_printf(struct rb_sb *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* rb_sb_prepend - insert the string @s at the start. */
void rb_sb_prepend(struct rb_sb *sb, const char *s);
/* rb_sb_str - the text so far ("" when empty). */
const char *rb_sb_str(const struct rb_sb *sb);
/* rb_sb_free - release the buffer; the builder is empty and reusable. */
void rb_sb_free(struct rb_sb *sb);

#endif
