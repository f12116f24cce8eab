// SPDX-License-Identifier: BSD-2-Clause
/* btf_ptr_size.c - a pointer in BTF is as wide as that BTF's long (libbpf's
 * rule): 4 in a 32-bit kernel's BTF (pahole's output for Debian's i386
 * kernel), 8 in BPF's and a 64-bit kernel's, 8 without a long. Sizes,
 * alignment, split BTF on such a base, and a CO-RE field size relocation
 * of a pointer member from an object (8) to a 32-bit target (4). */
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "btf_blob.h"
#include "btf/btf.h"
#include "btf/btf_ext.h"
#include "btf/core.h"

/* Built BTF: INT @long_name (@long_size bytes; none when NULL), a pointer
 * to it, an array of 3 pointers and struct node { long v; node *next; }. */
struct built {
	uint32_t blob[1024];
	size_t len;
	uint32_t ptr, arr, node, acc;
	struct rb_btf *btf;
};

static void build(struct built *o, const char *long_name, uint32_t long_size)
{
	struct rb_tb *b = calloc(1, sizeof(*b));
	uint32_t lng, fwd;

	assert_non_null(b);
	rb_tb_init(b);
	lng = rb_tb_type(b, long_name ? long_name : "int", RB_BTF_KIND_INT, 0, 0,
			 long_size);
	rb_tb_word(b, RB_BTF_INT_ENC(RB_BTF_INT_SIGNED, 0, long_size * 8));
	o->ptr = rb_tb_type(b, NULL, RB_BTF_KIND_PTR, 0, 0, lng);
	o->arr = rb_tb_type(b, NULL, RB_BTF_KIND_ARRAY, 0, 0, 0);
	rb_tb_word(b, o->ptr); rb_tb_word(b, lng); rb_tb_word(b, 3);
	o->node = rb_tb_type(b, "node", RB_BTF_KIND_STRUCT, 0, 2, long_size * 2);
	fwd = o->node + 1;	/* the pointer to node comes next */
	rb_tb_word(b, rb_tb_str(b, "v")); rb_tb_word(b, lng); rb_tb_word(b, 0);
	rb_tb_word(b, rb_tb_str(b, "next")); rb_tb_word(b, fwd);
	rb_tb_word(b, long_size * 8);
	assert_int_equal(rb_tb_type(b, NULL, RB_BTF_KIND_PTR, 0, 0, o->node), fwd);
	o->acc = rb_tb_str(b, "0:1");	/* node.next */
	o->len = rb_tb_blob(b, o->blob, sizeof(o->blob));
	free(b);
	assert_int_equal(rb_btf_parse(o->blob, o->len, 0, NULL, &o->btf, NULL), 0);
}

static void test_sizes(void **state)
{
	static const struct { const char *name; uint32_t size, ptr; } cases[] = {
		{ "long int", 4, 4 },		/* gcc/pahole, 32-bit kernel */
		{ "long unsigned int", 4, 4 },
		{ "long", 4, 4 },		/* clang's spelling */
		{ "long int", 8, 8 },		/* 64-bit kernel, BPF */
		{ NULL, 4, 8 },			/* no long: BPF's 8 */
	};
	struct built *o = calloc(1, sizeof(*o));
	size_t i;

	(void)state;
	assert_non_null(o);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		build(o, cases[i].name, cases[i].size);
		assert_int_equal(rb_btf_size(o->btf, o->ptr), cases[i].ptr);
		assert_int_equal(rb_btf_align(o->btf, o->ptr), cases[i].ptr);
		assert_int_equal(rb_btf_size(o->btf, o->arr), 3 * cases[i].ptr);
		rb_btf_free(o->btf);
	}
	free(o);
}

static void test_split_on_32bit_base(void **state)
{
	struct rb_tb *base = calloc(1, sizeof(*base)), *b = calloc(1, sizeof(*b));
	uint32_t bblob[256], sblob[256], lng, ptr;
	struct rb_btf *bb, *split;
	size_t n;

	(void)state;
	assert_true(base && b);
	rb_tb_init(base);
	lng = rb_tb_type(base, "long int", RB_BTF_KIND_INT, 0, 0, 4);
	rb_tb_word(base, RB_BTF_INT_ENC(RB_BTF_INT_SIGNED, 0, 32));
	n = rb_tb_blob(base, bblob, sizeof(bblob));
	assert_int_equal(rb_btf_parse(bblob, n, 0, NULL, &bb, NULL), 0);
	/* a module's pointer to the base's long: as wide as the base's long */
	rb_tb_init_split(b, base);
	ptr = rb_tb_type(b, NULL, RB_BTF_KIND_PTR, 0, 0, lng);
	n = rb_tb_blob(b, sblob, sizeof(sblob));
	assert_int_equal(rb_btf_parse_split(sblob, n, bb, 0, NULL, &split, NULL), 0);
	assert_int_equal(rb_btf_size(split, ptr), 4);
	rb_btf_free(split);
	rb_btf_free(bb);
	free(base);
	free(b);
}

static void test_core_field_size(void **state)
{
	struct built *local = calloc(1, sizeof(*local));
	struct built *targ = calloc(1, sizeof(*targ));
	struct rb_core_res res;
	char msg[200] = "";

	(void)state;
	assert_true(local && targ);
	build(local, "long int", 8);	/* the object: BPF's 8-byte long */
	build(targ, "long int", 4);	/* an i386 kernel */
	{
		struct rb_bpf_core_relo r = { .type_id = local->node,
					      .access_str_off = local->acc,
					      .kind = RB_CORE_FIELD_BYTE_SIZE };

		assert_int_equal(rb_core_calc(local->btf, &r, targ->btf, &targ->node,
					      1, &res, msg, sizeof(msg)), 0);
		assert_int_equal(res.orig_val, 8);
		assert_int_equal(res.new_val, 4);
		r.kind = RB_CORE_FIELD_BYTE_OFFSET;
		assert_int_equal(rb_core_calc(local->btf, &r, targ->btf, &targ->node,
					      1, &res, msg, sizeof(msg)), 0);
		assert_int_equal(res.orig_val, 8);
		assert_int_equal(res.new_val, 4);
		/* a load of the member shrinks with it */
		assert_int_equal(res.orig_sz, 8);
		assert_int_equal(res.new_sz, 4);
	}
	rb_btf_free(local->btf);
	rb_btf_free(targ->btf);
	free(local);
	free(targ);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sizes),
		cmocka_unit_test(test_split_on_32bit_base),
		cmocka_unit_test(test_core_field_size),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
