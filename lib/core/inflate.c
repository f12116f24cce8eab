// SPDX-License-Identifier: BSD-2-Clause
/* inflate.c - a small DEFLATE (RFC 1951) decoder and gzip (RFC 1952)
 * unwrapper, enough to read /proc/config.gz without zlib. Pure: buffer in,
 * buffer out; every read and write is bounds-checked. Slow and simple:
 * canonical Huffman codes decoded a bit at a time. */
#include <errno.h>
#include <string.h>

#include "core/inflate.h"

#define MAXBITS 15
#define MAXLCODES 286
#define MAXDCODES 30

struct inflater {
	const uint8_t *in;
	size_t in_len, in_pos;
	uint32_t bitbuf;
	int bitcnt;
	uint8_t *out;
	size_t out_cap, out_pos;
};

struct huffman {
	uint16_t count[MAXBITS + 1];	/* codes of each length */
	uint16_t symbol[MAXLCODES];	/* symbols ordered by code */
};

/* @n bits, least significant first; -1 past the end of the input. */
static int bits(struct inflater *s, int n)
{
	uint32_t v = s->bitbuf;

	while (s->bitcnt < n) {
		if (s->in_pos >= s->in_len)
			return -1;
		v |= (uint32_t)s->in[s->in_pos++] << s->bitcnt;
		s->bitcnt += 8;
	}
	s->bitbuf = v >> n;
	s->bitcnt -= n;
	return (int)(v & ((1u << n) - 1));
}

/* Build canonical codes from @n code lengths; 0, or -1 if over-subscribed. */
static int build(struct huffman *h, const uint8_t *length, int n)
{
	uint16_t offs[MAXBITS + 1];
	int left = 1, len, sym;

	memset(h->count, 0, sizeof(h->count));
	for (sym = 0; sym < n; sym++)
		h->count[length[sym]]++;
	for (len = 1; len <= MAXBITS; len++) {
		left = left * 2 - h->count[len];
		if (left < 0)
			return -1;
	}
	offs[1] = 0;
	for (len = 1; len < MAXBITS; len++)
		offs[len + 1] = (uint16_t)(offs[len] + h->count[len]);
	for (sym = 0; sym < n; sym++)
		if (length[sym])
			h->symbol[offs[length[sym]]++] = (uint16_t)sym;
	return 0;
}

/* One symbol: walk the code lengths, comparing against the first code of
 * each length. -1 on bad input. */
static int decode(struct inflater *s, const struct huffman *h)
{
	int code = 0, first = 0, index = 0, len, b;

	for (len = 1; len <= MAXBITS; len++) {
		b = bits(s, 1);
		if (b < 0)
			return -1;
		code |= b;
		if (code - h->count[len] < first)
			return h->symbol[index + (code - first)];
		index += h->count[len];
		first = (first + h->count[len]) << 1;
		code <<= 1;
	}
	return -1;
}

static const uint16_t len_base[29] = { 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15,
	17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227,
	258 };
static const uint8_t len_extra[29] = { 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2,
	2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0 };
static const uint16_t dist_base[30] = { 1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33,
	49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097,
	6145, 8193, 12289, 16385, 24577 };
static const uint8_t dist_extra[30] = { 0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4,
	5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13 };

static int codes(struct inflater *s, const struct huffman *lc,
		 const struct huffman *dc)
{
	for (;;) {
		int sym = decode(s, lc), e, len, dist;

		if (sym < 0)
			return -EBADMSG;
		if (sym < 256) {
			if (s->out_pos >= s->out_cap)
				return -EOVERFLOW;
			s->out[s->out_pos++] = (uint8_t)sym;
			continue;
		}
		if (sym == 256)
			return 0;
		sym -= 257;
		if (sym >= 29)
			return -EBADMSG;
		e = bits(s, len_extra[sym]);
		if (e < 0)
			return -EBADMSG;
		len = len_base[sym] + e;
		sym = decode(s, dc);
		if (sym < 0 || sym >= 30)
			return -EBADMSG;
		e = bits(s, dist_extra[sym]);
		if (e < 0)
			return -EBADMSG;
		dist = dist_base[sym] + e;
		if ((size_t)dist > s->out_pos)
			return -EBADMSG;
		if ((size_t)len > s->out_cap - s->out_pos)
			return -EOVERFLOW;
		while (len--) {
			s->out[s->out_pos] = s->out[s->out_pos - (size_t)dist];
			s->out_pos++;
		}
	}
}

static int stored(struct inflater *s)
{
	unsigned int len;

	s->bitbuf = 0;		/* to a byte boundary */
	s->bitcnt = 0;
	if (s->in_len - s->in_pos < 4)
		return -EBADMSG;
	len = s->in[s->in_pos] | (unsigned int)s->in[s->in_pos + 1] << 8;
	if ((unsigned int)(s->in[s->in_pos + 2] | s->in[s->in_pos + 3] << 8) !=
	    (~len & 0xffff))
		return -EBADMSG;
	s->in_pos += 4;
	if (len > s->in_len - s->in_pos)
		return -EBADMSG;
	if (len > s->out_cap - s->out_pos)
		return -EOVERFLOW;
	memcpy(s->out + s->out_pos, s->in + s->in_pos, len);
	s->in_pos += len;
	s->out_pos += len;
	return 0;
}

static int fixed(struct inflater *s)
{
	struct huffman lc, dc;
	uint8_t l[288];
	int i;

	for (i = 0; i < 144; i++)
		l[i] = 8;
	for (; i < 256; i++)
		l[i] = 9;
	for (; i < 280; i++)
		l[i] = 7;
	for (; i < 288; i++)
		l[i] = 8;
	build(&lc, l, 288 > MAXLCODES ? MAXLCODES : 288);
	memset(l, 5, MAXDCODES);
	build(&dc, l, MAXDCODES);
	return codes(s, &lc, &dc);
}

static int dynamic(struct inflater *s)
{
	static const uint8_t order[19] = { 16, 17, 18, 0, 8, 7, 9, 6, 10, 5,
					   11, 4, 12, 3, 13, 2, 14, 1, 15 };
	uint8_t l[MAXLCODES + MAXDCODES];
	struct huffman lc, dc;
	int nlen, ndist, ncode, i, sym, rep, b;

	nlen = bits(s, 5);
	ndist = bits(s, 5);
	ncode = bits(s, 4);
	if (nlen < 0 || ndist < 0 || ncode < 0)
		return -EBADMSG;
	nlen += 257;
	ndist += 1;
	ncode += 4;
	if (nlen > MAXLCODES || ndist > MAXDCODES)
		return -EBADMSG;
	memset(l, 0, sizeof(l));
	for (i = 0; i < ncode; i++) {
		b = bits(s, 3);
		if (b < 0)
			return -EBADMSG;
		l[order[i]] = (uint8_t)b;
	}
	if (build(&lc, l, 19))
		return -EBADMSG;
	for (i = 0; i < nlen + ndist;) {
		sym = decode(s, &lc);
		if (sym < 0)
			return -EBADMSG;
		if (sym < 16) {
			l[i++] = (uint8_t)sym;
			continue;
		}
		if (sym == 16) {
			if (!i)
				return -EBADMSG;
			b = bits(s, 2);
			rep = 3 + b;
			sym = l[i - 1];
		} else {
			b = bits(s, sym == 17 ? 3 : 7);
			rep = (sym == 17 ? 3 : 11) + b;
			sym = 0;
		}
		if (b < 0 || i + rep > nlen + ndist)
			return -EBADMSG;
		while (rep--)
			l[i++] = (uint8_t)sym;
	}
	if (!l[256] || build(&lc, l, nlen) || build(&dc, l + nlen, ndist))
		return -EBADMSG;
	return codes(s, &lc, &dc);
}

int rb_inflate(const void *in, size_t in_len, void *out, size_t out_cap,
	       size_t *out_len)
{
	struct inflater s = { .in = in, .in_len = in_len, .out = out,
			      .out_cap = out_cap };
	int last, type, err;

	do {
		last = bits(&s, 1);
		type = bits(&s, 2);
		if (last < 0 || type < 0)
			return -EBADMSG;
		err = type == 0 ? stored(&s) : type == 1 ? fixed(&s) :
		      type == 2 ? dynamic(&s) : -EBADMSG;
		if (err)
			return err;
	} while (!last);
	*out_len = s.out_pos;
	return 0;
}

int rb_gunzip_size(const void *in, size_t len, size_t *start, size_t *out_size)
{
	const uint8_t *p = in;
	size_t pos = 10;
	uint8_t flg;

	if (len < 18 || p[0] != 0x1f || p[1] != 0x8b || p[2] != 8)
		return -EBADMSG;
	flg = p[3];
	if (flg & 4) {			/* FEXTRA */
		size_t x = p[10] | (size_t)p[11] << 8;

		if (x + 12 > len - 8)
			return -EBADMSG;
		pos = 12 + x;
	}
	for (int f = 8; f <= 16; f <<= 1) {	/* FNAME, FCOMMENT */
		const uint8_t *z;

		if (!(flg & f))
			continue;
		z = memchr(p + pos, 0, len - 8 - pos);
		if (!z)
			return -EBADMSG;
		pos = (size_t)(z - p) + 1;
	}
	if (flg & 2)			/* FHCRC */
		pos += 2;
	if (pos >= len - 8)
		return -EBADMSG;
	*start = pos;
	*out_size = p[len - 4] | (size_t)p[len - 3] << 8 |
		    (size_t)p[len - 2] << 16 | (size_t)p[len - 1] << 24;
	return 0;
}
