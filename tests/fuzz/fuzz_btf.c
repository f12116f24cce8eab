// SPDX-License-Identifier: BSD-2-Clause
/* fuzz_btf.c - libFuzzer target for the BTF reader, the .BTF.ext reader,
 * queries, sanitising and map-definition decoding; the second part also
 * as split BTF (a module's) on top of the first.
 * Input: u32 n (little-endian), then n bytes of BTF, then .BTF.ext bytes
 * (inputs shorter than 4 bytes, or with n too large, are all BTF). */
#include <stdint.h>
#include <string.h>

#include "btf/btf.h"
#include "btf/btf_ext.h"
#include "btf/btf_mapdef.h"
#include "btf/btf_names.h"

static void query(struct rb_btf *btf)
{
	uint32_t id, n = rb_btf_type_cnt(btf);

	for (id = 0; id < n; id++) {
		const struct rb_btf_type *t = rb_btf_type_by_id(btf, id);
		struct rb_btf_map_def def, inner;
		const char *name = rb_btf_name(btf, id);

		(void)rb_btf_resolve(btf, id);
		(void)rb_btf_skip_mods(btf, id);
		(void)rb_btf_size(btf, id);
		(void)rb_btf_align(btf, id);
		if (*name && rb_btf_find(btf, name, (int)rb_btf_kind(t)) <= 0)
			__builtin_trap(); /* every named type is found */
		if (rb_btf_is_composite(t) && rb_btf_vlen(t))
			(void)rb_btf_member_by_name(btf, id,
				rb_btf_str(btf, rb_btf_members(t)[0].name_off));
		if (rb_btf_kind(t) == RB_BTF_KIND_VAR)
			(void)rb_btf_map_def_parse(btf, id, &def, &inner, NULL);
		if (rb_btf_kind(t) == RB_BTF_KIND_DATASEC && rb_btf_vlen(t))
			(void)rb_btf_datasec_find_var(btf, id,
				rb_btf_name(btf, rb_btf_secinfos(t)[0].type));
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *b = data, *e = NULL;
	size_t blen = size, elen = 0;
	struct rb_btf *btf, *copy, *again;
	struct rb_btf_ext *ext;
	struct rb_btf_error err;
	uint32_t n, rlen;
	const void *raw;

	if (size >= 4) {
		memcpy(&n, data, 4);
		if (n <= size - 4) {
			b = data + 4;
			blen = n;
			e = b + n;
			elen = size - 4 - n;
		}
	}
	if (rb_btf_parse(b, blen, 0, NULL, &btf, &err))
		return 0;
	query(btf);
	if (e && !rb_btf_ext_parse(btf, e, elen, NULL, &ext, &err)) {
		struct rb_btf_ext_out out = { 0 };
		uint32_t i;

		for (i = 0; i < rb_btf_ext_sec_cnt(ext, RB_BTF_EXT_LINE); i++)
			(void)rb_btf_ext_append(ext, RB_BTF_EXT_LINE,
				rb_btf_ext_sec_at(ext, RB_BTF_EXT_LINE, i)->name,
				0, 1000, 5, &out);
		rb_btf_ext_out_free(&out);
		rb_btf_ext_free(ext);
	}
	/* The .BTF.ext bytes double as split BTF on top of it: checked and
	 * queried; trusted (a kernel module's), only walked and searched. */
	if (e) {
		static const char *const names[] = { "task_struct", "a", "int" };
		struct rb_btf *split;
		struct rb_btf_names r;

		if (!rb_btf_parse_split(e, elen, btf, 0, NULL, &split, &err)) {
			query(split);
			rb_btf_free(split);
		}
		if (!rb_btf_parse_split(e, elen, btf, RB_BTF_F_TRUSTED, NULL, &split,
					&err)) {
			if (!rb_btf_names_find(split, names, 3, NULL, &r))
				rb_btf_names_free(&r);
			rb_btf_free(split);
		}
	}
	/* The .BTF.ext bytes double as a BTF_LOAD log for the guess. */
	if (e) {
		char log[256];
		size_t l = elen < sizeof(log) - 1 ? elen : sizeof(log) - 1;

		memcpy(log, e, l);
		log[l] = 0;
		(void)rb_btf_sanitize_guess(btf, log);
	}
	/* A private copy survives sanitising and re-parses. */
	if (!rb_btf_parse(b, blen, RB_BTF_F_COPY, NULL, &copy, &err)) {
		if (rb_btf_sanitize(copy, RB_BTF_SAN_ALL) >= 0) {
			raw = rb_btf_raw(copy, &rlen);
			if (rb_btf_parse(raw, rlen, 0, NULL, &again, &err))
				__builtin_trap();
			query(again);
			rb_btf_free(again);
		}
		rb_btf_free(copy);
	}
	rb_btf_free(btf);
	return 0;
}
