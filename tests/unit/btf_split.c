// SPDX-License-Identifier: BSD-2-Clause
/* btf_split.c - split BTF (a kernel module's) on top of a base: type ids
 * and string offsets continue the base's, queries see both, name lookups
 * search only the split part, CO-RE matches on it; the trusted (kernel)
 * parse gives the same; split BTF that cannot sit on its base is refused
 * with the reason named. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "btf_blob.h"
#include "btf/btf.h"
#include "btf/btf_names.h"
#include "btf/core.h"

static uint32_t bblob[512], sblob[512];
static size_t bn, sn;
static struct rb_tb *bb, *sb;
static uint32_t b_int, b_task, b_ptr, pid_name;	/* base ids, a base string */
static uint32_t s_mod, s_proto, s_fn;		/* split ids */

static void member(struct rb_tb *b, uint32_t name_off, uint32_t type, uint32_t off)
{
	rb_tb_word(b, name_off);
	rb_tb_word(b, type);
	rb_tb_word(b, off);
}

/* base: int, struct task { int pid; }, task *; split: struct mod_s
 * { int a; struct task *t; int pid (named by the base's string) },
 * int mod_fn(void) */
static int setup(void **state)
{
	(void)state;
	bb = calloc(1, sizeof(*bb));
	sb = calloc(1, sizeof(*sb));
	rb_tb_init(bb);
	b_int = rb_tb_type(bb, "int", RB_BTF_KIND_INT, 0, 0, 4);
	rb_tb_word(bb, RB_BTF_INT_ENC(RB_BTF_INT_SIGNED, 0, 32));
	b_task = rb_tb_type(bb, "task", RB_BTF_KIND_STRUCT, 0, 1, 4);
	pid_name = rb_tb_str(bb, "pid");
	member(bb, pid_name, b_int, 0);
	b_ptr = rb_tb_type(bb, NULL, RB_BTF_KIND_PTR, 0, 0, b_task);
	bn = rb_tb_blob(bb, bblob, sizeof(bblob));

	rb_tb_init_split(sb, bb);
	s_mod = rb_tb_type(sb, "mod_s", RB_BTF_KIND_STRUCT, 0, 3, 24);
	member(sb, rb_tb_str(sb, "a"), b_int, 0);
	member(sb, rb_tb_str(sb, "t"), b_ptr, 64);
	member(sb, pid_name, b_int, 128);
	s_proto = rb_tb_type(sb, NULL, RB_BTF_KIND_FUNC_PROTO, 0, 0, b_int);
	s_fn = rb_tb_type(sb, "mod_fn", RB_BTF_KIND_FUNC, 0, RB_BTF_FUNC_GLOBAL, s_proto);
	sn = rb_tb_blob(sb, sblob, sizeof(sblob));
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	free(bb);
	free(sb);
	return 0;
}

/* What a split BTF on @base answers, trusted parse or not. */
static void check_split(const struct rb_btf *base, const struct rb_btf *s)
{
	const char *names[] = { "mod_fn", "task", "mod_s", "nope" };
	const struct rb_btf_type *t;
	struct rb_btf_names r;

	assert_int_equal(rb_btf_type_cnt(s), 7);
	assert_int_equal(rb_btf_first_id(s), 4);
	assert_int_equal(rb_btf_first_id(base), 1);
	assert_ptr_equal(rb_btf_type_by_id(s, b_task), rb_btf_type_by_id(base, b_task));
	assert_null(rb_btf_type_by_id(s, 7));
	assert_string_equal(rb_btf_name(s, b_task), "task");
	assert_string_equal(rb_btf_name(s, s_mod), "mod_s");
	assert_string_equal(rb_btf_name(s, s_fn), "mod_fn");
	t = rb_btf_type_by_id(s, s_mod);
	assert_string_equal(rb_btf_str(s, rb_btf_members(t)[0].name_off), "a");
	assert_string_equal(rb_btf_str(s, rb_btf_members(t)[2].name_off), "pid");
	assert_int_equal(rb_btf_size(s, s_mod), 24);
	assert_int_equal(rb_btf_size(s, rb_btf_members(t)[1].type), 8);
	assert_int_equal(rb_btf_resolve(s, b_ptr), b_ptr);
	assert_int_equal(rb_btf_member_by_name(s, s_mod, "pid"), 2);
	/* lookups: the split part, and the base's names through it */
	assert_int_equal(rb_btf_find(s, "mod_fn", RB_BTF_KIND_FUNC), s_fn);
	assert_int_equal(rb_btf_find(s, "task", -1), b_task);
	assert_int_equal(rb_btf_find(s, "nope", -1), -ENOENT);
	assert_int_equal(rb_btf_find(base, "mod_fn", -1), -ENOENT);
	/* the batch lookup searches the split part only (vmlinux came first) */
	assert_int_equal(rb_btf_names_find(s, names, 4, NULL, &r), 0);
	assert_int_equal(rb_btf_names_get(&r, s, 0, RB_BTF_KIND_FUNC, 0), s_fn);
	assert_int_equal(rb_btf_names_get(&r, s, 1, -1, 0), -ENOENT);
	assert_int_equal(rb_btf_names_get(&r, s, 2, -1, 0), s_mod);
	assert_int_equal(rb_btf_names_get(&r, s, 3, -1, 0), -ENOENT);
	rb_btf_names_free(&r);
	/* a split BTF is never edited */
	assert_false(rb_btf_mutable(s));
}

static void test_split_view(void **state)
{
	struct rb_btf *base, *s, *st;

	(void)state;
	assert_int_equal(rb_btf_parse(bblob, bn, 0, NULL, &base, NULL), 0);
	assert_int_equal(rb_btf_parse_split(sblob, sn, base, 0, NULL, &s, NULL), 0);
	check_split(base, s);
	/* the kernel's modules: trusted, like vmlinux */
	assert_int_equal(rb_btf_parse_split(sblob, sn, base, RB_BTF_F_TRUSTED, NULL,
					    &st, NULL), 0);
	check_split(base, st);
	/* a private copy (unaligned input) answers the same */
	rb_btf_free(st);
	assert_int_equal(rb_btf_parse_split(sblob, sn, base, RB_BTF_F_COPY, NULL,
					    &st, NULL), 0);
	check_split(base, st);
	/* no base: plain parse */
	rb_btf_free(st);
	assert_int_equal(rb_btf_parse_split(bblob, bn, NULL, 0, NULL, &st, NULL), 0);
	assert_int_equal(rb_btf_type_cnt(st), 4);
	rb_btf_free(st);
	rb_btf_free(s);
	rb_btf_free(base);
}

/* CO-RE against a module's type: a local struct mod_s { int pid; } finds
 * pid at byte 16 of the module's struct. */
static void test_split_core(void **state)
{
	struct rb_tb *lb = calloc(1, sizeof(*lb));
	uint32_t lblob[128], l_int, l_mod, acc, cand;
	struct rb_btf *base, *s, *local;
	struct rb_core_res res;
	struct rb_bpf_core_relo r;
	char msg[200] = "";
	size_t n;

	(void)state;
	rb_tb_init(lb);
	l_int = rb_tb_type(lb, "int", RB_BTF_KIND_INT, 0, 0, 4);
	rb_tb_word(lb, RB_BTF_INT_ENC(RB_BTF_INT_SIGNED, 0, 32));
	l_mod = rb_tb_type(lb, "mod_s___local", RB_BTF_KIND_STRUCT, 0, 1, 4);
	member(lb, rb_tb_str(lb, "pid"), l_int, 0);
	acc = rb_tb_str(lb, "0:0");
	n = rb_tb_blob(lb, lblob, sizeof(lblob));
	free(lb);
	assert_int_equal(rb_btf_parse(lblob, n, 0, NULL, &local, NULL), 0);
	assert_int_equal(rb_btf_parse(bblob, bn, 0, NULL, &base, NULL), 0);
	assert_int_equal(rb_btf_parse_split(sblob, sn, base, RB_BTF_F_TRUSTED, NULL,
					    &s, NULL), 0);
	r = (struct rb_bpf_core_relo){ .type_id = l_mod, .access_str_off = acc,
				       .kind = RB_CORE_FIELD_BYTE_OFFSET };
	cand = s_mod;
	assert_int_equal(rb_core_calc(local, &r, s, &cand, 1, &res, msg, sizeof(msg)), 0);
	assert_false(res.poison);
	assert_int_equal(res.orig_val, 0);
	assert_int_equal(res.new_val, 16);
	rb_btf_free(s);
	rb_btf_free(base);
	rb_btf_free(local);
}

/* Parse @blob (@n) on @base; the error reason (0 if it parsed). */
static int split_reason(const void *blob, size_t n, const struct rb_btf *base)
{
	struct rb_btf_error e;
	struct rb_btf *s = NULL;
	int err = rb_btf_parse_split(blob, n, base, 0, NULL, &s, &e);

	if (!err) {
		rb_btf_free(s);
		return 0;
	}
	assert_int_equal(err, -EINVAL);
	assert_null(s);
	assert_true(e.msg[0] != '\0');
	return e.reason;
}

static void test_split_malformed(void **state)
{
	struct rb_tb *b = calloc(1, sizeof(*b));
	uint32_t blob[512], hdr[6];
	struct rb_btf *base, *s;
	size_t n;

	(void)state;
	assert_int_equal(rb_btf_parse(bblob, bn, 0, NULL, &base, NULL), 0);
	/* a type id past the base's and its own */
	rb_tb_init_split(b, bb);
	rb_tb_type(b, NULL, RB_BTF_KIND_PTR, 0, 0, 9);
	n = rb_tb_blob(b, blob, sizeof(blob));
	assert_int_equal(split_reason(blob, n, base), RB_BTF_ERR_TYPE_ID);
	/* a name past the base's and its own strings */
	rb_tb_init_split(b, bb);
	rb_tb_type(b, "x", RB_BTF_KIND_STRUCT, 0, 0, 4);
	b->words[0] = (uint32_t)(bn + 100);
	n = rb_tb_blob(b, blob, sizeof(blob));
	assert_int_equal(split_reason(blob, n, base), RB_BTF_ERR_NAME_OFF);
	/* read without its base, its names point nowhere */
	assert_int_equal(split_reason(sblob, sn, NULL), RB_BTF_ERR_NAME_OFF);
	/* split on split: refused */
	assert_int_equal(rb_btf_parse_split(sblob, sn, base, 0, NULL, &s, NULL), 0);
	assert_int_equal(split_reason(sblob, sn, s), RB_BTF_ERR_SPLIT);
	rb_btf_free(s);
	/* the other byte order than its base */
	memcpy(blob, sblob, sn);
	rb_tb_swap_blob(blob, sn);
	assert_int_equal(split_reason(blob, sn, base), RB_BTF_ERR_SPLIT);
	/* no strings of its own (all from the base): fine for split BTF,
	 * refused for a base */
	rb_tb_init_split(b, bb);
	rb_tb_type(b, NULL, RB_BTF_KIND_PTR, 0, 0, b_int);
	n = rb_tb_blob(b, blob, sizeof(blob));
	memcpy(hdr, blob, sizeof(hdr));
	hdr[5] = 0;		/* str_len */
	memcpy(blob, hdr, sizeof(hdr));
	assert_int_equal(split_reason(blob, n - 1, base), 0);
	assert_int_equal(split_reason(blob, n - 1, NULL), RB_BTF_ERR_STR_EMPTY);
	rb_btf_free(base);
	free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_split_view),
		cmocka_unit_test(test_split_core),
		cmocka_unit_test(test_split_malformed),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
