// SPDX-License-Identifier: BSD-2-Clause
/* btf_gcc.c - gcc 12 writes two things the kernel refuses: plain char as
 * an INT encoded SIGNED|CHAR ("Unsupported encoding") and FWD types with a
 * non-zero type/size word ("type != 0"), and anonymous TYPEDEFs and FUNCs
 * ("Invalid name", named "__gcc_anon" here). Rewritten in a private copy,
 * only after the kernel refused them. */
#include <errno.h>
#include <string.h>

#include "btf/btf_gcc.h"

int rb_btf_fix_gcc(struct rb_btf *btf)
{
	uint32_t id, n = rb_btf_type_cnt(btf);
	int64_t anon = -1;
	int changed = 0;

	if (!rb_btf_mutable(btf))
		return -EPERM;
	for (id = 1; id < n; id++) {
		struct rb_btf_type *t = rb_btf_type_mut(btf, id);
		uint32_t v;

		if (!t)
			continue;
		if ((rb_btf_kind(t) == RB_BTF_KIND_TYPEDEF ||
		     rb_btf_kind(t) == RB_BTF_KIND_FUNC) && !t->name_off) {
			if (anon < 0)
				anon = rb_btf_add_str(btf, "__gcc_anon");
			if (anon < 0)
				return (int)anon;
			t = rb_btf_type_mut(btf, id);
			t->name_off = (uint32_t)anon;
			changed++;
			continue;
		}
		if (rb_btf_kind(t) == RB_BTF_KIND_FWD && t->type) {
			t->type = 0;
			changed++;
			continue;
		}
		if (rb_btf_kind(t) != RB_BTF_KIND_INT)
			continue;
		memcpy(&v, t + 1, sizeof(v));
		if (RB_BTF_INT_ENCODING(v) != (RB_BTF_INT_SIGNED | RB_BTF_INT_CHAR))
			continue;
		v = (v & ~0x0f000000u) | ((uint32_t)RB_BTF_INT_SIGNED << 24);
		memcpy(t + 1, &v, sizeof(v));
		changed++;
	}
	return changed;
}
