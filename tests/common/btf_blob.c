// SPDX-License-Identifier: BSD-2-Clause
/* btf_blob.c - hand-built BTF blobs for the BTF tests (see btf_blob.h). */
#include <string.h>

#include "btf_blob.h"

void rb_tb_init(struct rb_tb *b)
{
	memset(b, 0, sizeof(*b));
	b->slen = 1;
}

uint32_t rb_tb_str(struct rb_tb *b, const char *s)
{
	size_t n, off;

	if (!s || !*s)
		return 0;
	n = strlen(s) + 1;
	off = b->slen;
	memcpy(b->strs + off, s, n);
	b->slen += n;
	return (uint32_t)off;
}

uint32_t rb_tb_type(struct rb_tb *b, const char *name, unsigned kind,
		    unsigned kflag, unsigned vlen, uint32_t size_or_type)
{
	rb_tb_word(b, rb_tb_str(b, name));
	rb_tb_word(b, ((uint32_t)kflag << 31) | ((uint32_t)kind << 24) | vlen);
	rb_tb_word(b, size_or_type);
	return ++b->ntypes;
}

void rb_tb_word(struct rb_tb *b, uint32_t w)
{
	b->words[b->nw++] = w;
}

size_t rb_tb_blob(const struct rb_tb *b, void *out, size_t cap)
{
	uint32_t hdr[6];
	size_t tl = b->nw * 4, len = sizeof(hdr) + tl + b->slen;
	unsigned char *p = out;

	if (len > cap)
		return 0;
	hdr[0] = 0xeB9F | (1u << 16);	/* magic, version 1, flags 0 */
	hdr[1] = sizeof(hdr);
	hdr[2] = 0;
	hdr[3] = (uint32_t)tl;
	hdr[4] = (uint32_t)tl;
	hdr[5] = (uint32_t)b->slen;
	memcpy(p, hdr, sizeof(hdr));
	memcpy(p + sizeof(hdr), b->words, tl);
	memcpy(p + sizeof(hdr) + tl, b->strs, b->slen);
	return len;
}

static uint32_t sw32(uint32_t v)
{
	return (v >> 24) | ((v >> 8) & 0xff00) | ((v << 8) & 0xff0000) | (v << 24);
}

void rb_tb_swap_blob(void *blob, size_t len)
{
	unsigned char *p = blob;
	uint32_t w, tl, i;
	uint16_t m;

	(void)len;
	memcpy(&w, p + 12, 4);
	tl = w;
	memcpy(&m, p, 2);
	m = (uint16_t)((m >> 8) | (m << 8));
	memcpy(p, &m, 2);
	for (i = 4; i < 24; i += 4) {
		memcpy(&w, p + i, 4);
		w = sw32(w);
		memcpy(p + i, &w, 4);
	}
	for (i = 0; i < tl; i += 4) {
		memcpy(&w, p + 24 + i, 4);
		w = sw32(w);
		memcpy(p + 24 + i, &w, 4);
	}
}
