// SPDX-License-Identifier: BSD-2-Clause
/* btf_reader.c - the BTF reader on hand-built blobs of every kind, in both
 * byte orders, as a view and as a private copy, and on the running kernel's
 * vmlinux BTF when it is there. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "btf_blob.h"
#include "btf/btf.h"

static uint32_t blob[4096];

static void check_all_kinds(const struct rb_btf *btf)
{
	const struct rb_btf_type *t;
	unsigned k;

	assert_int_equal(rb_btf_type_cnt(btf), TB_COUNT);
	for (k = RB_BTF_KIND_INT; k <= RB_BTF_KIND_ENUM64; k++)
		assert_int_equal(rb_btf_kind(rb_btf_type_by_id(btf, k)), k);
	assert_null(rb_btf_type_by_id(btf, TB_COUNT));
	assert_int_equal(rb_btf_kind(rb_btf_type_by_id(btf, 0)), RB_BTF_KIND_UNKN);

	assert_int_equal(rb_btf_find(btf, "pt", RB_BTF_KIND_STRUCT), TB_STRUCT);
	assert_int_equal(rb_btf_find(btf, "pt", RB_BTF_KIND_UNION), -ENOENT);
	assert_int_equal(rb_btf_find(btf, "f", -1), TB_FUNC);
	assert_int_equal(rb_btf_find(btf, "nothere", -1), -ENOENT);
	assert_string_equal(rb_btf_name(btf, TB_DATASEC), ".data");
	assert_string_equal(rb_btf_name(btf, TB_PTR), "");

	/* typedef -> const -> volatile -> int */
	assert_int_equal(rb_btf_resolve(btf, TB_TDEF), TB_INT);
	assert_int_equal(rb_btf_skip_mods(btf, TB_TDEF), TB_TDEF);
	assert_int_equal(rb_btf_skip_mods(btf, TB_CONST), TB_INT);
	assert_int_equal(rb_btf_skip_mods(btf, TB_TYPE_TAG), TB_INT);
	assert_int_equal(rb_btf_resolve(btf, TB_COUNT), -EINVAL);

	assert_int_equal(rb_btf_size(btf, TB_INT), 4);
	assert_int_equal(rb_btf_size(btf, TB_TDEF), 4);
	assert_int_equal(rb_btf_size(btf, TB_ARR), 12);
	assert_int_equal(rb_btf_size(btf, TB_TDEF2), 12);
	assert_int_equal(rb_btf_size(btf, TB_PTR), 8);
	assert_int_equal(rb_btf_size(btf, TB_STRUCT), 24);
	assert_int_equal(rb_btf_size(btf, TB_VAR), 24);
	assert_int_equal(rb_btf_size(btf, TB_ENUM64), 8);
	assert_int_equal(rb_btf_size(btf, TB_FLOAT), 8);
	assert_int_equal(rb_btf_size(btf, TB_FUNC), -EINVAL);
	assert_int_equal(rb_btf_size(btf, TB_FWD), -EINVAL);
	assert_int_equal(rb_btf_align(btf, TB_STRUCT), 8);
	assert_int_equal(rb_btf_align(btf, TB_ARR), 4);
	assert_int_equal(rb_btf_align(btf, TB_CHAR), 1);
	assert_int_equal(rb_btf_align(btf, TB_BITS), 4);
	assert_int_equal(rb_btf_align(btf, TB_PROTO), -EINVAL);

	t = rb_btf_type_by_id(btf, TB_STRUCT);
	assert_int_equal(rb_btf_vlen(t), 3);
	assert_string_equal(rb_btf_str(btf, rb_btf_members(t)[1].name_off), "next");
	assert_int_equal(rb_btf_member_bit_offset(t, 1), 64);
	assert_int_equal(rb_btf_member_by_name(btf, TB_STRUCT, "c"), 2);
	assert_int_equal(rb_btf_member_by_name(btf, TB_STRUCT, "zz"), -ENOENT);
	assert_int_equal(rb_btf_member_by_name(btf, TB_INT, "c"), -EINVAL);
	t = rb_btf_type_by_id(btf, TB_BITS);
	assert_int_equal(rb_btf_member_bit_offset(t, 1), 3);
	assert_int_equal(rb_btf_member_bitfield_size(t, 1), 5);
	t = rb_btf_type_by_id(btf, TB_ARR);
	assert_int_equal(rb_btf_array_info(t)->nelems, 3);
	assert_int_equal(rb_btf_array_info(t)->type, TB_TDEF);
	t = rb_btf_type_by_id(btf, TB_ENUM);
	assert_int_equal(rb_btf_enums(t)[1].val, -1);
	t = rb_btf_type_by_id(btf, TB_ENUM64);
	assert_true(rb_btf_kflag(t));
	assert_true(rb_btf_enum64_value(&rb_btf_enums64(t)[0]) == 0x0123456789abcdefull);
	t = rb_btf_type_by_id(btf, TB_FUNC);
	assert_int_equal(rb_btf_vlen(t), RB_BTF_FUNC_GLOBAL);
	t = rb_btf_type_by_id(btf, TB_PROTO);
	assert_int_equal(rb_btf_params(t)[1].type, TB_RESTRICT);
	t = rb_btf_type_by_id(btf, TB_DECL_TAG);
	assert_int_equal(rb_btf_decl_tag_info(t)->component_idx, 1);
	t = rb_btf_type_by_id(btf, TB_DATASEC);
	assert_int_equal(rb_btf_secinfos(t)[0].size, 24);
	assert_int_equal(rb_btf_var_info(rb_btf_type_by_id(btf, TB_VAR))->linkage,
			 RB_BTF_VAR_GLOBAL_ALLOCATED);
	assert_int_equal(RB_BTF_INT_ENCODING(rb_btf_int_info(
		rb_btf_type_by_id(btf, TB_CHAR))), RB_BTF_INT_CHAR);
}

static void test_all_kinds_view(void **state)
{
	size_t len = rb_tb_all_kinds(blob, sizeof(blob));
	struct rb_btf_error err;
	struct rb_btf *btf;
	uint32_t rlen;

	(void)state;
	assert_int_equal(rb_btf_parse(blob, len, 0, NULL, &btf, &err), 0);
	assert_int_equal(err.reason, RB_BTF_OK);
	check_all_kinds(btf);
	/* A view: no copy, not writable. */
	assert_ptr_equal(rb_btf_raw(btf, &rlen), blob);
	assert_int_equal(rlen, len);
	assert_false(rb_btf_mutable(btf));
	assert_null(rb_btf_type_mut(btf, TB_DATASEC));
	assert_int_equal(rb_btf_datasec_set_size(btf, TB_DATASEC, 8), -EPERM);
	rb_btf_free(btf);
}

static void test_all_kinds_copy_and_edit(void **state)
{
	size_t len = rb_tb_all_kinds(blob, sizeof(blob));
	const struct rb_btf_type *t;
	struct rb_btf *btf;
	uint32_t rlen, rec[4];
	const uint8_t *raw;
	int64_t off;
	int id;

	(void)state;
	assert_int_equal(rb_btf_parse(blob, len, RB_BTF_F_COPY, NULL, &btf, NULL), 0);
	check_all_kinds(btf);
	raw = rb_btf_raw(btf, &rlen);
	assert_ptr_not_equal(raw, blob);
	assert_int_equal(rlen, len);
	assert_memory_equal(raw, blob, len);
	assert_true(rb_btf_mutable(btf));

	assert_int_equal(rb_btf_datasec_set_size(btf, TB_DATASEC, 32), 0);
	assert_int_equal(rb_btf_datasec_set_size(btf, TB_VAR, 32), -EINVAL);
	assert_int_equal(rb_btf_datasec_set_var_offset(btf, TB_DATASEC, TB_VAR, 8, 0), 0);
	assert_int_equal(rb_btf_datasec_set_var_offset(btf, TB_DATASEC, TB_INT, 8, 0),
			 -ENOENT);
	t = rb_btf_type_by_id(btf, TB_DATASEC);
	assert_int_equal(t->size, 32);
	assert_int_equal(rb_btf_secinfos(t)[0].offset, 8);
	assert_int_equal(rb_btf_secinfos(t)[0].size, 24);

	/* Appending a string and a type keeps the blob consistent. */
	off = rb_btf_add_str(btf, "pt");
	assert_true(off > 0);
	assert_int_equal(rb_btf_add_str(btf, "t"), 3); /* suffix of "int" at 1 */
	off = rb_btf_add_str(btf, "brand_new");
	assert_true(off > 0);
	rec[0] = (uint32_t)off;
	rec[1] = RB_BTF_INFO(RB_BTF_KIND_INT, 0, 0);
	rec[2] = 2;
	rec[3] = RB_BTF_INT_ENC(0, 0, 16);
	id = rb_btf_add_type(btf, rec, sizeof(rec));
	assert_int_equal(id, TB_COUNT);
	assert_int_equal(rb_btf_find(btf, "brand_new", RB_BTF_KIND_INT), TB_COUNT);
	assert_int_equal(rb_btf_size(btf, TB_COUNT), 2);
	rec[2] = 3; /* bad int size: refused, nothing changes */
	assert_int_equal(rb_btf_add_type(btf, rec, sizeof(rec)), -EINVAL);
	assert_int_equal(rb_btf_type_cnt(btf), TB_COUNT + 1);
	rec[1] = RB_BTF_INFO(RB_BTF_KIND_PTR, 0, 0);
	rec[2] = 9999;
	assert_int_equal(rb_btf_add_type(btf, rec, 12), -EINVAL);
	assert_int_equal(rb_btf_add_type(btf, rec, 16), -EINVAL); /* wrong length */
	/* The result re-parses. */
	{
		struct rb_btf *again;

		raw = rb_btf_raw(btf, &rlen);
		assert_int_equal(rb_btf_parse(raw, rlen, 0, NULL, &again, NULL), 0);
		assert_int_equal(rb_btf_type_cnt(again), TB_COUNT + 1);
		assert_int_equal(rb_btf_find(again, "brand_new", -1), TB_COUNT);
		assert_int_equal(rb_btf_type_by_id(again, TB_DATASEC)->size, 32);
		rb_btf_free(again);
	}
	rb_btf_free(btf);
}

static void test_swapped(void **state)
{
	static uint32_t sw[4096];
	size_t len = rb_tb_all_kinds(blob, sizeof(blob));
	struct rb_btf *btf, *native;
	const void *a, *b;
	uint32_t la, lb;

	(void)state;
	memcpy(sw, blob, len);
	rb_tb_swap_blob(sw, len);
	assert_memory_not_equal(sw, blob, 16);
	assert_int_equal(rb_btf_parse(sw, len, 0, NULL, &btf, NULL), 0);
	assert_true(rb_btf_swapped(btf));
	assert_true(rb_btf_mutable(btf));
	check_all_kinds(btf);
	assert_int_equal(rb_btf_parse(blob, len, RB_BTF_F_COPY, NULL, &native, NULL), 0);
	assert_false(rb_btf_swapped(native));
	a = rb_btf_raw(btf, &la);
	b = rb_btf_raw(native, &lb);
	assert_int_equal(la, lb);
	assert_memory_equal(a, b, la);
	rb_btf_free(native);
	rb_btf_free(btf);
}

static void test_unaligned_view_is_copied(void **state)
{
	static uint8_t buf[16384];
	size_t len = rb_tb_all_kinds(blob, sizeof(blob));
	struct rb_btf *btf;
	uint32_t rlen;

	(void)state;
	memcpy(buf + 1, blob, len);
	assert_int_equal(rb_btf_parse(buf + 1, len, 0, NULL, &btf, NULL), 0);
	assert_ptr_not_equal(rb_btf_raw(btf, &rlen), buf + 1);
	check_all_kinds(btf);
	rb_btf_free(btf);
}

/* vmlinux BTF of the running kernel (skipped when absent). */
static void test_vmlinux(void **state)
{
	size_t size;
	void *data = rb_read_file("/sys/kernel/btf/vmlinux", &size);
	struct rb_btf_error err;
	struct rb_btf *btf;
	int id, mid;

	(void)state;
	if (!data)
		rb_skip_feature("/sys/kernel/btf/vmlinux");
	assert_int_equal(rb_btf_parse(data, size, 0, NULL, &btf, &err), 0);
	assert_true(rb_btf_type_cnt(btf) > 10000);
	id = rb_btf_find(btf, "task_struct", RB_BTF_KIND_STRUCT);
	assert_true(id > 0);
	assert_true(rb_btf_size(btf, id) > 1000);
	/* BTF has no aligned attribute: the largest member alignment. */
	assert_int_equal(rb_btf_align(btf, id), 8);
	mid = rb_btf_member_by_name(btf, id, "pid");
	assert_true(mid >= 0);
	assert_int_equal(rb_btf_size(btf, rb_btf_members(rb_btf_type_by_id(btf, id))[mid].type), 4);
	id = rb_btf_find(btf, "bpf_iter__task", RB_BTF_KIND_STRUCT);
	assert_true(id > 0);
	assert_int_equal(rb_btf_size(btf, id), 16);
	id = rb_btf_find(btf, "list_head", RB_BTF_KIND_STRUCT);
	assert_int_equal(rb_btf_size(btf, id), 16);
	assert_int_equal(rb_btf_align(btf, id), 8);
	id = rb_btf_find(btf, "u32", RB_BTF_KIND_TYPEDEF);
	assert_true(id > 0);
	assert_int_equal(rb_btf_kind(rb_btf_type_by_id(btf, rb_btf_resolve(btf, id))),
			 RB_BTF_KIND_INT);
	assert_int_equal(rb_btf_size(btf, id), 4);
	rb_btf_free(btf);
	free(data);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_all_kinds_view),
		cmocka_unit_test(test_all_kinds_copy_and_edit),
		cmocka_unit_test(test_swapped),
		cmocka_unit_test(test_unaligned_view_is_copied),
		cmocka_unit_test(test_vmlinux),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
