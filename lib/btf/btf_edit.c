// SPDX-License-Identifier: BSD-2-Clause
/* btf_edit.c - changes to a private BTF copy that the loader makes before
 * BTF_LOAD: DATASEC sizes and VAR offsets, appended strings and types. */
#include <errno.h>
#include <string.h>

#include "btf/btf_internal.h"
#include "core/mem.h"

static struct rb_btf_header *hdr(struct rb_btf *btf)
{
	return (struct rb_btf_header *)btf->data;
}

int rb_btf_datasec_set_size(struct rb_btf *btf, uint32_t id, uint32_t size)
{
	struct rb_btf_type *t;

	if (!rb_btf_editable(btf))
		return -EPERM;
	t = rb_btf_type_mut(btf, id);
	if (!t || rb_btf_kind(t) != RB_BTF_KIND_DATASEC)
		return -EINVAL;
	t->size = size;
	return 0;
}

int rb_btf_datasec_set_var_offset(struct rb_btf *btf, uint32_t id, uint32_t var_id,
				  uint32_t offset, uint32_t size)
{
	struct rb_btf_var_secinfo *s;
	struct rb_btf_type *t;
	unsigned i;

	if (!rb_btf_editable(btf))
		return -EPERM;
	t = rb_btf_type_mut(btf, id);
	if (!t || rb_btf_kind(t) != RB_BTF_KIND_DATASEC)
		return -EINVAL;
	s = (struct rb_btf_var_secinfo *)(t + 1);
	for (i = 0; i < rb_btf_vlen(t); i++) {
		if (s[i].type != var_id)
			continue;
		s[i].offset = offset;
		if (size)
			s[i].size = size;
		return 0;
	}
	return -ENOENT;
}

/* Make room for @more bytes at the end of the private buffer. */
static int reserve(struct rb_btf *btf, size_t more)
{
	size_t need = btf->size + more, ncap;
	uint8_t *n;

	if (need > UINT32_MAX)
		return -E2BIG;
	if (need <= btf->cap)
		return 0;
	ncap = btf->cap * 2 > need ? btf->cap * 2 : need;
	n = rb_resize(btf->a, btf->data, ncap);
	if (!n)
		return -ENOMEM;
	btf->data = n;
	btf->cap = ncap;
	return 0;
}

int64_t rb_btf_add_str(struct rb_btf *btf, const char *s)
{
	size_t len = strlen(s) + 1;
	const char *strs = (const char *)btf->data + btf->strs_start;
	uint32_t off;
	int ret;

	if (!rb_btf_editable(btf))
		return -EPERM;
	/* Reuse an existing copy (also a suffix of a longer string). */
	for (off = 0; off + len <= btf->strs_len; off++)
		if (!memcmp(strs + off, s, len))
			return off;
	if (btf->strs_len + len > RB_BTF_MAX_NAME_OFFSET)
		return -E2BIG;
	ret = reserve(btf, len);
	if (ret)
		return ret;
	off = btf->strs_len;
	memcpy(btf->data + btf->strs_start + off, s, len);
	btf->strs_len += (uint32_t)len;
	btf->size += len;
	hdr(btf)->str_len = btf->strs_len;
	return off;
}

int rb_btf_add_type(struct rb_btf *btf, const void *rec, uint32_t len)
{
	const struct rb_btf_type *t = rec;
	uint32_t first = btf->nr_types, at;
	struct rb_btf_error err;
	int ret;

	if (!rb_btf_editable(btf))
		return -EPERM;
	if (len < sizeof(*t) || rb_btf_rec_len(t) != len)
		return -EINVAL;
	ret = reserve(btf, len);
	if (ret)
		return ret;
	/* The strings follow the types: move them up by @len. */
	at = btf->types_len;
	memmove(btf->data + btf->strs_start + len, btf->data + btf->strs_start,
		btf->strs_len);
	memcpy(btf->data + btf->types_start + at, rec, len);
	btf->strs_start += len;
	btf->types_len += len;
	btf->size += len;
	hdr(btf)->type_len = btf->types_len;
	hdr(btf)->str_off = btf->types_len;
	ret = 0;
	if (btf->nr_types == btf->offs_cap) {
		uint32_t *n = rb_resize(btf->a, btf->offs,
					(size_t)btf->offs_cap * 8);
		if (!n)
			ret = -ENOMEM;
		else {
			btf->offs = n;
			btf->offs_cap *= 2;
		}
	}
	if (!ret) {
		btf->offs[btf->nr_types++] = at;
		ret = rb_btf_check_types(btf, first, &err);
	}
	if (ret) {
		/* Undo: drop the record again. */
		btf->nr_types = first;
		btf->types_len -= len;
		btf->strs_start -= len;
		btf->size -= len;
		memmove(btf->data + btf->strs_start, btf->data + btf->strs_start + len,
			btf->strs_len);
		hdr(btf)->type_len = btf->types_len;
		hdr(btf)->str_off = btf->types_len;
		return ret;
	}
	rb_btf_index_drop(btf);
	return (int)first;
}
