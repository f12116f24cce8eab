// SPDX-License-Identifier: BSD-2-Clause
/* btf_ext.c - .BTF.ext on hand-built blobs: records grouped per section,
 * larger record sizes honoured, both byte orders, and a specific error for
 * each malformed header, block and record. */
#include <errno.h>
#include <string.h>

#include "fixture.h"
#include "btf_blob.h"
#include "btf/btf_ext.h"

static uint32_t btf_buf[1024];
static struct rb_btf *btf;
static uint32_t s_sec, s_sec2, s_file, s_line, s_acc, f_id;

static int setup(void **state)
{
	struct rb_tb b;
	size_t len;

	(void)state;
	rb_tb_init(&b);
	s_sec = rb_tb_str(&b, "socket");
	s_sec2 = rb_tb_str(&b, "xdp");
	s_file = rb_tb_str(&b, "a.c");
	s_line = rb_tb_str(&b, "return 0;");
	s_acc = rb_tb_str(&b, "0:1");
	rb_tb_type(&b, NULL, RB_BTF_KIND_FUNC_PROTO, 0, 0, 0);
	f_id = rb_tb_type(&b, "prog", RB_BTF_KIND_FUNC, 0, 1, 1);
	len = rb_tb_blob(&b, btf_buf, sizeof(btf_buf));
	return rb_btf_parse(btf_buf, len, 0, NULL, &btf, NULL);
}

static int teardown(void **state)
{
	(void)state;
	rb_btf_free(btf);
	return 0;
}

/* An ext blob: 32-byte header, func_info (rec 12: one extra word),
 * line_info, core_relo blocks. Word indexes are noted for damage. */
static uint32_t ext[256];
static size_t ext_len;
enum { W_FI = 8, W_LI = W_FI + 1 + 2 + 6 + 2 + 3, W_CR = W_LI + 1 + 2 + 8 };

static void build(void)
{
	uint32_t *w = ext, n = 0, fi, li, cr;

	memset(ext, 0, sizeof(ext));
	w[0] = rb_tb_hdr_word(0xeB9F, 1, 0);
	w[1] = 32;
	n = 8;
	fi = n;
	w[n++] = 12;				/* func_info rec_size */
	w[n++] = s_sec; w[n++] = 2;
	w[n++] = 0; w[n++] = f_id; w[n++] = 0xaaaa;
	w[n++] = 40; w[n++] = f_id; w[n++] = 0xbbbb;
	w[n++] = s_sec2; w[n++] = 1;
	w[n++] = 8; w[n++] = f_id; w[n++] = 0xcccc;
	li = n;
	w[n++] = 16;				/* line_info rec_size */
	w[n++] = s_sec; w[n++] = 2;
	w[n++] = 0; w[n++] = s_file; w[n++] = s_line; w[n++] = 7 << 10 | 2;
	w[n++] = 16; w[n++] = s_file; w[n++] = s_line; w[n++] = 8 << 10;
	cr = n;
	w[n++] = 16;				/* core_relo rec_size */
	w[n++] = s_sec2; w[n++] = 1;
	w[n++] = 24; w[n++] = f_id; w[n++] = s_acc; w[n++] = 0;
	w[2] = (fi - 8) * 4; w[3] = (li - fi) * 4;
	w[4] = (li - 8) * 4; w[5] = (cr - li) * 4;
	w[6] = (cr - 8) * 4; w[7] = (n - cr) * 4;
	assert_int_equal(fi, W_FI);
	assert_int_equal(li, W_LI);
	assert_int_equal(cr, W_CR);
	ext_len = n * 4;
}

static void check(const struct rb_btf_ext *e)
{
	const struct rb_btf_ext_sec *s;
	const uint32_t *r;

	assert_int_equal(rb_btf_ext_sec_cnt(e, RB_BTF_EXT_FUNC), 2);
	assert_int_equal(rb_btf_ext_sec_cnt(e, RB_BTF_EXT_LINE), 1);
	assert_int_equal(rb_btf_ext_sec_cnt(e, RB_BTF_EXT_CORE), 1);
	assert_int_equal(rb_btf_ext_sec_cnt(e, 7), 0);
	assert_int_equal(rb_btf_ext_rec_size(e, RB_BTF_EXT_FUNC), 12);
	s = rb_btf_ext_sec(e, RB_BTF_EXT_FUNC, "xdp");
	assert_non_null(s);
	assert_int_equal(s->nr, 1);
	r = (const uint32_t *)s->recs;
	assert_int_equal(r[0], 8);
	assert_int_equal(r[2], 0xcccc);
	s = rb_btf_ext_sec(e, RB_BTF_EXT_LINE, "socket");
	r = (const uint32_t *)s->recs;
	assert_int_equal(RB_BPF_LINE_NUM(r[7]), 8);
	assert_int_equal(RB_BPF_LINE_COL(r[3]), 2);
	s = rb_btf_ext_sec(e, RB_BTF_EXT_CORE, "xdp");
	assert_string_equal(rb_btf_str(btf, ((const uint32_t *)s->recs)[2]), "0:1");
}

static void test_good(void **state)
{
	struct rb_btf_ext_out out = { 0 };
	struct rb_btf_ext *e;
	const uint32_t *r;

	(void)state;
	build();
	assert_int_equal(rb_btf_ext_parse(btf, ext, ext_len, NULL, &e, NULL), 0);
	check(e);
	/* Larger records keep their extra word; insn_off becomes an index. */
	assert_int_equal(rb_btf_ext_append(e, RB_BTF_EXT_FUNC, "socket", 0, 100, 0, &out), 2);
	assert_int_equal(rb_btf_ext_append(e, RB_BTF_EXT_FUNC, "xdp", 1, 1, 9, &out), 1);
	assert_int_equal(out.rec_size, 12);
	r = (const uint32_t *)out.data;
	assert_int_equal(r[3], 5);
	assert_int_equal(r[5], 0xbbbb);
	assert_int_equal(r[6], 9);
	rb_btf_ext_out_free(&out);
	/* A window that only holds the second record. */
	assert_int_equal(rb_btf_ext_append(e, RB_BTF_EXT_FUNC, "socket", 3, 5, 100, &out), 1);
	assert_int_equal(((const uint32_t *)out.data)[0], 102);
	rb_btf_ext_out_free(&out);
	/* CO-RE offsets stay in bytes. */
	assert_int_equal(rb_btf_ext_append(e, RB_BTF_EXT_CORE, "xdp", 0, 10, 4, &out), 1);
	assert_int_equal(((const uint32_t *)out.data)[0], (3 + 4) * 8);
	rb_btf_ext_out_free(&out);
	assert_int_equal(rb_btf_ext_append(NULL, RB_BTF_EXT_CORE, "xdp", 0, 10, 4, &out), 0);
	rb_btf_ext_free(e);
}

static void test_swapped(void **state)
{
	struct rb_btf_ext *e;
	size_t i;

	(void)state;
	build();
	for (i = 0; i < ext_len / 4; i++)
		ext[i] = __builtin_bswap32(ext[i]);
	/* magic/version/flags word: swap only the u16 magic back into place */
	ext[0] = rb_tb_hdr_word(0x9FeB, 1, 0);
	assert_int_equal(rb_btf_ext_parse(btf, ext, ext_len, NULL, &e, NULL), 0);
	check(e);
	rb_btf_ext_free(e);
}

static void bad(unsigned word, uint32_t val, size_t len, const char *needle)
{
	struct rb_btf_error err;
	struct rb_btf_ext *e = (void *)1;
	void *copy;

	build();
	ext[word] = val;
	if (!len)
		len = ext_len;
	copy = test_malloc(len);
	memcpy(copy, ext, len);
	assert_int_equal(rb_btf_ext_parse(btf, copy, len, NULL, &e, &err), -EINVAL);
	test_free(copy);
	assert_null(e);
	assert_int_equal(err.reason, RB_BTF_ERR_EXT);
	if (!strstr(err.msg, needle))
		fail_msg("message '%s' lacks '%s'", err.msg, needle);
}

static void test_bad(void **state)
{
	(void)state;
	bad(0, 0, 20, "shorter than its header");
	bad(0, 0x1234, 0, "magic");
	bad(0, rb_tb_hdr_word(0xeB9F, 2, 0), 0, "version 2");
	bad(1, 30, 0, "hdr_len 30");
	bad(1, 4096, 0, "hdr_len 4096");
	bad(3, 4096, 0, "func_info [0+4096] past");
	bad(6, 2, 0, "core_relo offset 2");
	bad(W_FI, 4, 0, "func_info record size 4 invalid");
	bad(W_FI, 10, 0, "func_info record size 10 invalid");
	bad(W_LI, 12, 0, "line_info record size 12 invalid");
	bad(W_FI + 1, 9999, 0, "func_info section name offset 9999");
	bad(W_FI + 2, 0, 0, "func_info section 'socket': 0 records");
	bad(W_FI + 2, 1000, 0, "func_info section 'socket': 1000 records");
	bad(W_FI + 3, 4, 0, "func_info 'socket' record 0: insn_off 4");
	bad(W_FI + 4, 1, 0, "func_info 'socket' record 0: type id 1 is not a func");
	bad(W_FI + 4, 77, 0, "type id 77 is not a func");
	bad(W_LI + 4, 5000, 0, "line_info 'socket' record 0: file/line string offset");
	bad(W_LI + 9, 5000, 0, "line_info 'socket' record 1: file/line string offset");
	bad(W_CR + 4, 50, 0, "core_relo 'xdp' record 0: type id 50 out of range");
	bad(W_CR + 5, 5000, 0, "access string offset 5000");
	bad(W_CR + 6, 13, 0, "relocation kind 13 unknown");
	/* a section header cut short: shrink the core_relo block by 4 */
	bad(7, 8, 0, "core_relo section header at 4 truncated");
	bad(7, 20, 0, "core_relo section 'xdp': 1 records of 16 bytes do not fit");
	bad(7, 2, 0, "not 4-aligned");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_swapped),
		cmocka_unit_test(test_bad),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
