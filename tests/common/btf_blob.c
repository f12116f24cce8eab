// SPDX-License-Identifier: BSD-2-Clause
/* btf_blob.c - hand-built BTF blobs for the BTF tests (see btf_blob.h). */
#include <string.h>

#include "btf_blob.h"
#include "btf/btf.h"

void rb_tb_init(struct rb_tb *b)
{
	memset(b, 0, sizeof(*b));
	b->slen = 1;
}

void rb_tb_init_split(struct rb_tb *b, const struct rb_tb *base)
{
	rb_tb_init(b);
	b->ntypes = base->ntypes;
	b->str_bias = (uint32_t)base->slen;
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
	return (uint32_t)off + b->str_bias;
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

uint32_t rb_tb_hdr_word(uint16_t magic, uint8_t version, uint8_t flags)
{
	struct { uint16_t magic; uint8_t version, flags; } h = { magic, version, flags };
	uint32_t w;

	memcpy(&w, &h, sizeof(w));
	return w;
}

size_t rb_tb_blob(const struct rb_tb *b, void *out, size_t cap)
{
	/* field by field: in the host's byte order, whichever it is */
	struct rb_btf_header hdr = { .magic = RB_BTF_MAGIC, .version = 1 };
	size_t tl = b->nw * 4, len = sizeof(hdr) + tl + b->slen;
	unsigned char *p = out;

	if (len > cap)
		return 0;
	hdr.hdr_len = sizeof(hdr);
	hdr.type_off = 0;
	hdr.type_len = (uint32_t)tl;
	hdr.str_off = (uint32_t)tl;
	hdr.str_len = (uint32_t)b->slen;
	memcpy(p, &hdr, sizeof(hdr));
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

size_t rb_tb_all_kinds(void *out, size_t cap)
{
	struct rb_tb b;

	rb_tb_init(&b);
	rb_tb_type(&b, "int", RB_BTF_KIND_INT, 0, 0, 4);		/* 1 */
	rb_tb_word(&b, RB_BTF_INT_ENC(RB_BTF_INT_SIGNED, 0, 32));
	rb_tb_type(&b, NULL, RB_BTF_KIND_PTR, 0, 0, TB_STRUCT);	/* 2 */
	rb_tb_type(&b, NULL, RB_BTF_KIND_ARRAY, 0, 0, 0);		/* 3: int[3][..] */
	rb_tb_word(&b, TB_TDEF);
	rb_tb_word(&b, TB_INT);
	rb_tb_word(&b, 3);
	rb_tb_type(&b, "pt", RB_BTF_KIND_STRUCT, 0, 3, 24);		/* 4 */
	rb_tb_word(&b, rb_tb_str(&b, "x"));
	rb_tb_word(&b, TB_INT);
	rb_tb_word(&b, 0);
	rb_tb_word(&b, rb_tb_str(&b, "next"));
	rb_tb_word(&b, TB_PTR);
	rb_tb_word(&b, 64);
	rb_tb_word(&b, rb_tb_str(&b, "c"));
	rb_tb_word(&b, TB_CHAR);
	rb_tb_word(&b, 128);
	rb_tb_type(&b, "u", RB_BTF_KIND_UNION, 0, 1, 8);		/* 5 */
	rb_tb_word(&b, rb_tb_str(&b, "l"));
	rb_tb_word(&b, TB_ENUM64);
	rb_tb_word(&b, 0);
	rb_tb_type(&b, "color", RB_BTF_KIND_ENUM, 0, 2, 4);		/* 6 */
	rb_tb_word(&b, rb_tb_str(&b, "RED"));
	rb_tb_word(&b, 0);
	rb_tb_word(&b, rb_tb_str(&b, "BLUE"));
	rb_tb_word(&b, (uint32_t)-1);
	rb_tb_type(&b, "later", RB_BTF_KIND_FWD, 1, 0, 0);		/* 7: union fwd */
	rb_tb_type(&b, "myint", RB_BTF_KIND_TYPEDEF, 0, 0, TB_CONST);	/* 8 */
	rb_tb_type(&b, NULL, RB_BTF_KIND_VOLATILE, 0, 0, TB_INT);	/* 9 */
	rb_tb_type(&b, NULL, RB_BTF_KIND_CONST, 0, 0, TB_VOLATILE);	/* 10 */
	rb_tb_type(&b, NULL, RB_BTF_KIND_RESTRICT, 0, 0, TB_PTR);	/* 11 */
	rb_tb_type(&b, "f", RB_BTF_KIND_FUNC, 0, RB_BTF_FUNC_GLOBAL, TB_PROTO);/* 12 */
	rb_tb_type(&b, NULL, RB_BTF_KIND_FUNC_PROTO, 0, 2, TB_INT);	/* 13 */
	rb_tb_word(&b, rb_tb_str(&b, "a"));
	rb_tb_word(&b, TB_INT);
	rb_tb_word(&b, 0);
	rb_tb_word(&b, TB_RESTRICT);
	rb_tb_type(&b, "v", RB_BTF_KIND_VAR, 0, 0, TB_STRUCT);	/* 14 */
	rb_tb_word(&b, RB_BTF_VAR_GLOBAL_ALLOCATED);
	rb_tb_type(&b, ".data", RB_BTF_KIND_DATASEC, 0, 1, 0);	/* 15 */
	rb_tb_word(&b, TB_VAR);
	rb_tb_word(&b, 0);
	rb_tb_word(&b, 24);
	rb_tb_type(&b, "double", RB_BTF_KIND_FLOAT, 0, 0, 8);		/* 16 */
	rb_tb_type(&b, "tag", RB_BTF_KIND_DECL_TAG, 0, 0, TB_STRUCT);	/* 17 */
	rb_tb_word(&b, 1);
	rb_tb_type(&b, "user", RB_BTF_KIND_TYPE_TAG, 0, 0, TB_INT);	/* 18 */
	rb_tb_type(&b, "big", RB_BTF_KIND_ENUM64, 1, 1, 8);		/* 19 */
	rb_tb_word(&b, rb_tb_str(&b, "HUGE"));
	rb_tb_word(&b, 0x89abcdef);
	rb_tb_word(&b, 0x01234567);
	rb_tb_type(&b, "char", RB_BTF_KIND_INT, 0, 0, 1);		/* 20 */
	rb_tb_word(&b, RB_BTF_INT_ENC(RB_BTF_INT_CHAR, 0, 8));
	rb_tb_type(&b, "arr_t", RB_BTF_KIND_TYPEDEF, 0, 0, TB_ARR);	/* 21 */
	rb_tb_type(&b, "bits", RB_BTF_KIND_STRUCT, 1, 2, 4);		/* 22 */
	rb_tb_word(&b, rb_tb_str(&b, "lo"));
	rb_tb_word(&b, TB_INT);
	rb_tb_word(&b, 3u << 24 | 0);
	rb_tb_word(&b, rb_tb_str(&b, "hi"));
	rb_tb_word(&b, TB_INT);
	rb_tb_word(&b, 5u << 24 | 3);
	return rb_tb_blob(&b, out, cap);
}
