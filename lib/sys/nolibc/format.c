// SPDX-License-Identifier: BSD-2-Clause
/* nolibc/format.c - snprintf and vsnprintf for the library's messages in
 * the no-libc build: flags - 0 + space #, width and precision (also *),
 * lengths hh h l ll z j t, conversions d i u x X o c s p %. No floating
 * point (rawbpf prints none). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* The output so far: @buf of @size, @len bytes asked for. */
struct out {
	char *buf;
	size_t size, len;
};

static void put(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void pad(struct out *o, char c, int n)
{
	while (n-- > 0)
		put(o, c);
}

/* One conversion's flags, width and precision (-1: none). */
struct spec {
	int left, zero, plus, space, alt, width, prec;
};

/* @s (@n bytes) padded to the spec's width. */
static void put_str(struct out *o, const struct spec *sp, const char *s,
		    size_t n)
{
	int fill = sp->width > (int)n ? sp->width - (int)n : 0;

	if (!sp->left)
		pad(o, ' ', fill);
	while (n--)
		put(o, *s++);
	if (sp->left)
		pad(o, ' ', fill);
}

/* The number @v in @base, with @sign ("-", "+", " " or "") and the spec. */
static void put_num(struct out *o, const struct spec *sp, uintmax_t v,
		    unsigned base, int upper, const char *sign)
{
	const char *dig = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	const char *pre = sign;
	int n = 0, zeros, fill, plen;

	while (v) {
		tmp[n++] = dig[v % base];
		v /= base;
	}
	if (sp->alt && base == 16 && n)
		pre = upper ? "0X" : "0x";
	if (sp->alt && base == 8)
		pre = "0";
	zeros = sp->prec > n ? sp->prec - n : 0;
	if (!n && sp->prec < 0 && !(sp->alt && base == 8))
		zeros = 1;
	plen = (int)strlen(pre);
	fill = sp->width - plen - zeros - n;
	if (sp->zero && !sp->left && sp->prec < 0) {
		zeros += fill > 0 ? fill : 0;
		fill = 0;
	}
	if (!sp->left)
		pad(o, ' ', fill);
	while (*pre)
		put(o, *pre++);
	pad(o, '0', zeros);
	while (n)
		put(o, tmp[--n]);
	if (sp->left)
		pad(o, ' ', fill);
}

/* Read a number or '*' (from @ap) at *@f. */
static int read_int(const char **f, va_list *ap)
{
	int v = 0;

	if (**f == '*') {
		(*f)++;
		return va_arg(*ap, int);
	}
	while (**f >= '0' && **f <= '9')
		v = v * 10 + *(*f)++ - '0';
	return v;
}

/* The next integer argument of length @len ('H' hh, 'h', 'l', 'L' ll,
 * 'z', 'j', 't', 0 int), signed or not. */
static uintmax_t int_arg(va_list *ap, char len, int is_signed)
{
	switch (len) {
	case 'L': return is_signed ? (uintmax_t)va_arg(*ap, long long)
				   : va_arg(*ap, unsigned long long);
	case 'l': return is_signed ? (uintmax_t)va_arg(*ap, long)
				   : va_arg(*ap, unsigned long);
	case 'z': return is_signed ? (uintmax_t)va_arg(*ap, ptrdiff_t)
				   : va_arg(*ap, size_t);
	case 't': return (uintmax_t)va_arg(*ap, ptrdiff_t);
	case 'j': return is_signed ? (uintmax_t)va_arg(*ap, intmax_t)
				   : va_arg(*ap, uintmax_t);
	case 'H': return is_signed ? (uintmax_t)(signed char)va_arg(*ap, int)
				   : (unsigned char)va_arg(*ap, unsigned);
	case 'h': return is_signed ? (uintmax_t)(short)va_arg(*ap, int)
				   : (unsigned short)va_arg(*ap, unsigned);
	default: return is_signed ? (uintmax_t)va_arg(*ap, int)
				  : va_arg(*ap, unsigned);
	}
}

/* The length modifier at *@f, as one letter (see int_arg). */
static char read_len(const char **f)
{
	char c = **f;

	if (c != 'h' && c != 'l' && c != 'z' && c != 'j' && c != 't')
		return 0;
	(*f)++;
	if ((c == 'h' || c == 'l') && **f == c) {
		(*f)++;
		return c == 'h' ? 'H' : 'L';
	}
	return c;
}

/* One conversion (after the '%' and its flags, width, precision). */
static void convert(struct out *o, struct spec *sp, char len, char conv,
		    va_list *ap)
{
	const char *s;
	uintmax_t v;
	char c;

	switch (conv) {
	case 'd': case 'i':
		v = int_arg(ap, len, 1);
		if ((intmax_t)v < 0)
			put_num(o, sp, -v, 10, 0, "-");
		else
			put_num(o, sp, v, 10, 0,
				sp->plus ? "+" : sp->space ? " " : "");
		return;
	case 'u': case 'x': case 'X': case 'o':
		v = int_arg(ap, len, 0);
		put_num(o, sp, v, conv == 'u' ? 10 : conv == 'o' ? 8 : 16,
			conv == 'X', "");
		return;
	case 'p':
		sp->alt = 1;
		put_num(o, sp, (uintptr_t)va_arg(*ap, void *), 16, 0, "");
		return;
	case 'c':
		c = (char)va_arg(*ap, int);
		put_str(o, sp, &c, 1);
		return;
	case 's':
		s = va_arg(*ap, const char *);
		if (!s)
			s = "(null)";
		put_str(o, sp, s, sp->prec >= 0 ? strnlen(s, (size_t)sp->prec)
						: strlen(s));
		return;
	default:	/* %% and anything unknown: the character itself */
		put(o, conv);
	}
}

int vsnprintf(char *restrict buf, size_t size, const char *restrict fmt,
	      va_list ap_in)
{
	const char *f = fmt;
	struct out o = { buf, size, 0 };
	struct spec sp;
	va_list ap;
	char len;

	va_copy(ap, ap_in);
	while (*f) {
		if (*f != '%') {
			put(&o, *f++);
			continue;
		}
		f++;
		memset(&sp, 0, sizeof(sp));
		sp.prec = -1;
		for (;; f++) {
			if (*f == '-') sp.left = 1;
			else if (*f == '0') sp.zero = 1;
			else if (*f == '+') sp.plus = 1;
			else if (*f == ' ') sp.space = 1;
			else if (*f == '#') sp.alt = 1;
			else break;
		}
		sp.width = read_int(&f, &ap);
		if (sp.width < 0) {
			sp.left = 1;
			sp.width = -sp.width;
		}
		if (*f == '.') {
			f++;
			sp.prec = read_int(&f, &ap);
		}
		len = read_len(&f);
		if (!*f)
			break;
		convert(&o, &sp, len, *f++, &ap);
	}
	va_end(ap);
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return (int)o.len;
}

int snprintf(char *restrict buf, size_t size, const char *restrict f, ...)
{
	va_list ap;
	int n;

	va_start(ap, f);
	n = vsnprintf(buf, size, f, ap);
	va_end(ap);
	return n;
}
