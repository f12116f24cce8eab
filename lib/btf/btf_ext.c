// SPDX-License-Identifier: BSD-2-Clause
/* btf_ext.c - .BTF.ext parsing (func_info, line_info, core_relo grouped per
 * section) and per-program record arrays for PROG_LOAD. */
#include <errno.h>
#include <string.h>

#include "btf/btf_ext.h"
#include "core/mem.h"

struct rb_btf_ext {
	const struct rawbpf_allocator *a;
	const struct rb_btf *btf;	/* the section names' strings */
	uint8_t *data;		/* private, native-endian copy */
	size_t size;
	uint32_t rec_size[RB_BTF_EXT_NR];
	struct rb_btf_ext_sec *secs[RB_BTF_EXT_NR];
	uint32_t nsecs[RB_BTF_EXT_NR];
	uint32_t caps[RB_BTF_EXT_NR];	/* allocated entries of secs[] */
};

static const char *const kind_names[RB_BTF_EXT_NR] = {
	"func_info", "line_info", "core_relo"
};
static const uint32_t min_rec[RB_BTF_EXT_NR] = {
	sizeof(struct rb_bpf_func_info), sizeof(struct rb_bpf_line_info),
	sizeof(struct rb_bpf_core_relo)
};

#define E(...) rb_btf_set_error(err, -EINVAL, RB_BTF_ERR_EXT, 0, __VA_ARGS__)

static uint32_t bswap32(uint32_t v)
{
	return (v >> 24) | ((v >> 8) & 0xff00) | ((v << 8) & 0xff0000) | (v << 24);
}

static uint32_t rd32(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, 4);
	return v;
}

/* Check one record against the BTF. */
static int check_rec(const struct rb_btf *btf, int kind, const char *sec,
		     uint32_t i, const uint8_t *r, struct rb_btf_error *err)
{
	const char *kn = kind_names[kind];
	uint32_t insn_off = rd32(r);
	const struct rb_btf_type *t;

	if (insn_off % 8)
		return E(".BTF.ext %s '%s' record %u: insn_off %u not a multiple of 8",
			 kn, sec, i, insn_off);
	if (kind == RB_BTF_EXT_FUNC) {
		t = rb_btf_type_by_id(btf, rd32(r + 4));
		if (!t || rb_btf_kind(t) != RB_BTF_KIND_FUNC)
			return E(".BTF.ext %s '%s' record %u: type id %u is not a func",
				 kn, sec, i, rd32(r + 4));
	} else if (kind == RB_BTF_EXT_LINE) {
		if (!rb_btf_str(btf, rd32(r + 4)) || !rb_btf_str(btf, rd32(r + 8)))
			return E(".BTF.ext %s '%s' record %u: file/line string offset out of range",
				 kn, sec, i);
	} else {
		if (!rb_btf_type_by_id(btf, rd32(r + 4)))
			return E(".BTF.ext %s '%s' record %u: type id %u out of range",
				 kn, sec, i, rd32(r + 4));
		if (!rb_btf_str(btf, rd32(r + 8)))
			return E(".BTF.ext %s '%s' record %u: access string offset %u out of range",
				 kn, sec, i, rd32(r + 8));
		if (rd32(r + 12) > RB_BPF_CORE_KIND_MAX)
			return E(".BTF.ext %s '%s' record %u: relocation kind %u unknown",
				 kn, sec, i, rd32(r + 12));
	}
	return 0;
}

/* Parse the info block @p of @len bytes for @kind. */
static int parse_info(struct rb_btf_ext *ext, const struct rb_btf *btf, int kind,
		      const uint8_t *p, uint32_t len, struct rb_btf_error *err)
{
	const char *kn = kind_names[kind];
	uint32_t rec_size, off, n = 0, cap = 0, i;
	struct rb_btf_ext_sec *secs = NULL, *s;
	int ret = 0;

	if (!len)
		return 0;
	if (len < 4)
		return E(".BTF.ext %s block of %u bytes has no record size", kn, len);
	rec_size = rd32(p);
	if (rec_size < min_rec[kind] || rec_size % 4 || rec_size > 1024)
		return E(".BTF.ext %s record size %u invalid (at least %u, 4-aligned)",
			 kn, rec_size, min_rec[kind]);
	for (off = 4; off < len && !ret; ) {
		uint32_t name_off, nr;
		const char *name;

		if (len - off < 8) {
			ret = E(".BTF.ext %s section header at %u truncated", kn, off);
			break;
		}
		name_off = rd32(p + off);
		nr = rd32(p + off + 4);
		name = rb_btf_str(btf, name_off);
		off += 8;
		if (!name || !*name) {
			ret = E(".BTF.ext %s section name offset %u out of range", kn, name_off);
			break;
		}
		if (!nr || (uint64_t)nr * rec_size > len - off) {
			ret = E(".BTF.ext %s section '%s': %u records of %u bytes do not fit",
				kn, name, nr, rec_size);
			break;
		}
		for (i = 0; i < nr && !ret; i++)
			ret = check_rec(btf, kind, name, i, p + off + i * rec_size, err);
		if (ret)
			break;
		if (n == cap) {
			uint32_t ncap = cap ? cap * 2 : 8;

			s = rb_resize(ext->a, secs, ncap * sizeof(*s));
			if (!s) {
				ret = rb_btf_set_error(err, -ENOMEM, RB_BTF_ERR_NOMEM, 0,
						       "out of memory");
				break;
			}
			secs = s;
			cap = ncap;
		}
		secs[n++] = (struct rb_btf_ext_sec){ name_off, rec_size, nr, p + off };
		off += nr * rec_size;
	}
	if (ret) {
		rb_free(ext->a, secs);
		return ret;
	}
	ext->secs[kind] = secs;
	ext->nsecs[kind] = n;
	ext->caps[kind] = cap;
	ext->rec_size[kind] = rec_size;
	return 0;
}

int rb_btf_ext_parse(const struct rb_btf *btf, const void *data, size_t size,
		     const struct rawbpf_allocator *a, struct rb_btf_ext **out,
		     struct rb_btf_error *err)
{
	const uint8_t *raw = data;
	uint32_t h[8] = { 0 }, hdr_len, i, k;
	struct rb_btf_ext *ext;
	uint16_t magic;
	bool swap = false;
	int ret = 0;

	*out = NULL;
	if (err)
		memset(err, 0, sizeof(*err));
	if (!data || size < 24)
		return E(".BTF.ext of %zu bytes is shorter than its header", data ? size : 0);
	if (size > UINT32_MAX)
		return E(".BTF.ext larger than 4 GiB");
	memcpy(&magic, raw, 2);
	if (magic != RB_BTF_MAGIC) {
		if (magic != 0x9feb)
			return E(".BTF.ext magic 0x%04x is not 0xeb9f", magic);
		swap = true;
	}
	if (raw[2] != 1 || raw[3] != 0)
		return E(".BTF.ext version %u flags %u not supported", raw[2], raw[3]);
	hdr_len = rd32(raw + 4);
	if (swap)
		hdr_len = bswap32(hdr_len);
	if (hdr_len < 24 || hdr_len > size || hdr_len % 4)
		return E(".BTF.ext hdr_len %u invalid", hdr_len);
	for (i = 1; i < 8 && i * 4 < hdr_len; i++)
		h[i] = swap ? bswap32(rd32(raw + i * 4)) : rd32(raw + i * 4);
	for (k = 0; k < RB_BTF_EXT_NR; k++) {
		uint32_t off = h[2 + 2 * k], len = h[3 + 2 * k];

		if ((uint64_t)hdr_len + off + len > size)
			return E(".BTF.ext %s [%u+%u] past the %zu-byte section",
				 kind_names[k], off, len, size);
		if (off % 4 || len % 4)
			return E(".BTF.ext %s offset %u length %u not 4-aligned",
				 kind_names[k], off, len);
	}

	ext = rb_alloc(a, sizeof(*ext));
	if (!ext)
		return rb_btf_set_error(err, -ENOMEM, RB_BTF_ERR_NOMEM, 0, "out of memory");
	ext->a = a;
	ext->btf = btf;
	ext->size = size;
	ext->data = rb_alloc(a, size);
	if (!ext->data) {
		rb_free(a, ext);
		return rb_btf_set_error(err, -ENOMEM, RB_BTF_ERR_NOMEM, 0, "out of memory");
	}
	memcpy(ext->data, raw, size);
	for (k = 0; k < RB_BTF_EXT_NR && !ret; k++) {
		uint8_t *p = ext->data + hdr_len + h[2 + 2 * k];
		uint32_t len = h[3 + 2 * k], w;

		/* Every word of an info block is a 32-bit field. */
		if (swap)
			for (i = 0; i < len; i += 4) {
				w = bswap32(rd32(p + i));
				memcpy(p + i, &w, 4);
			}
		ret = parse_info(ext, btf, (int)k, p, len, err);
	}
	if (ret) {
		rb_btf_ext_free(ext);
		return ret;
	}
	*out = ext;
	return 0;
}

void rb_btf_ext_free(struct rb_btf_ext *ext)
{
	int k;

	if (!ext)
		return;
	for (k = 0; k < RB_BTF_EXT_NR; k++)
		rb_free(ext->a, ext->secs[k]);
	rb_free(ext->a, ext->data);
	rb_free(ext->a, ext);
}

uint32_t rb_btf_ext_sec_cnt(const struct rb_btf_ext *ext, int kind)
{
	return kind >= 0 && kind < RB_BTF_EXT_NR ? ext->nsecs[kind] : 0;
}

const struct rb_btf_ext_sec *rb_btf_ext_sec_at(const struct rb_btf_ext *ext,
					       int kind, uint32_t i)
{
	if (kind < 0 || kind >= RB_BTF_EXT_NR || i >= ext->nsecs[kind])
		return NULL;
	return &ext->secs[kind][i];
}

const char *rb_btf_ext_sec_name(const struct rb_btf_ext *ext,
				const struct rb_btf_ext_sec *s)
{
	const char *n = rb_btf_str(ext->btf, s->name_off);

	return n ? n : "";
}

const struct rb_btf_ext_sec *rb_btf_ext_sec(const struct rb_btf_ext *ext,
					    int kind, const char *name)
{
	uint32_t i;

	for (i = 0; i < rb_btf_ext_sec_cnt(ext, kind); i++)
		if (!strcmp(rb_btf_ext_sec_name(ext, &ext->secs[kind][i]), name))
			return &ext->secs[kind][i];
	return NULL;
}

uint32_t rb_btf_ext_rec_size(const struct rb_btf_ext *ext, int kind)
{
	return kind >= 0 && kind < RB_BTF_EXT_NR ? ext->rec_size[kind] : 0;
}

int rb_btf_ext_append(const struct rb_btf_ext *ext, int kind, const char *sec,
		      uint32_t first, uint32_t count, uint32_t at,
		      struct rb_btf_ext_out *out)
{
	const struct rb_btf_ext_sec *s = ext ? rb_btf_ext_sec(ext, kind, sec) : NULL;
	uint32_t i, added = 0;

	if (!s)
		return 0;
	if (out->rec_size && out->rec_size != s->rec_size)
		return -EINVAL;
	out->rec_size = s->rec_size;
	for (i = 0; i < s->nr; i++) {
		const uint8_t *r = s->recs + (size_t)i * s->rec_size;
		uint32_t insn = rd32(r) / 8, v;
		uint8_t *dst;

		if (insn < first || insn - first >= count)
			continue;
		if (out->cnt == out->cap) {
			uint32_t ncap = out->cap ? out->cap * 2 : 16;
			uint8_t *n = rb_resize(out->a, out->data,
					       (size_t)ncap * out->rec_size);
			if (!n)
				return -ENOMEM;
			out->data = n;
			out->cap = ncap;
		}
		dst = out->data + (size_t)out->cnt++ * out->rec_size;
		memcpy(dst, r, s->rec_size);
		v = insn - first + at;
		if (kind == RB_BTF_EXT_CORE)
			v *= 8;
		memcpy(dst, &v, 4);
		added++;
	}
	return (int)added;
}

void rb_btf_ext_out_free(struct rb_btf_ext_out *out)
{
	rb_free(out->a, out->data);
	memset(out, 0, sizeof(*out));
}
