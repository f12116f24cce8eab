// SPDX-License-Identifier: BSD-2-Clause
/* btf_names_walk.c - the kernel-BTF walk that finds an object's names
 * while recording where each type lives (btf.c's scan): on the running
 * kernel's vmlinux it finds exactly what a search of every type finds,
 * for long and short names, with and without a kind mask; on section
 * sizes past its unchecked stretch it still refuses an unknown kind and
 * finds names in both stretches. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "fixture.h"
#include "btf/btf.h"
#include "btf/btf_names.h"

/* Parse @blob trusted, finding @names of @kinds on the way. */
static int walk(const void *blob, size_t size, const char *const *names, uint32_t n,
		uint32_t kinds, struct rb_btf **out, struct rb_btf_names *r)
{
	struct rb_btf_name_filter *f = malloc(sizeof(*f));
	bool filtered = false;
	int err;

	assert_non_null(f);
	assert_int_equal(rb_btf_filter_init(f, names, n, kinds, NULL, r), 0);
	err = rb_btf_parse_filtered(blob, size, RB_BTF_F_TRUSTED, NULL, out, NULL, f,
				    &filtered);
	if (!err) {
		assert_true(filtered);
		assert_int_equal(rb_btf_filter_finish(f), 0);
	} else {
		rb_btf_filter_fini(f);
		rb_btf_names_free(r);
	}
	free(f);
	return err;
}

/* Every id of @full named @name with a kind in @kinds, in order, is what
 * @r holds for name index @i. */
static void assert_same(const struct rb_btf *full, const struct rb_btf *v,
			const struct rb_btf_names *r, uint32_t i, const char *name,
			uint32_t kinds)
{
	uint32_t id, nth = 0;

	for (id = 1; id < rb_btf_type_cnt(full); id++) {
		const struct rb_btf_type *t = rb_btf_type_by_id(full, id);

		if (!(kinds >> rb_btf_kind(t) & 1) || strcmp(rb_btf_name(full, id), name))
			continue;
		assert_int_equal(rb_btf_names_get(r, v, i, -1, nth), (int)id);
		nth++;
	}
	assert_int_equal(rb_btf_names_get(r, v, i, -1, nth), -ENOENT);
}

static void test_vmlinux(void **state)
{
	/* long names sharing long prefixes with hundreds of others, short
	 * ones (the two classes of the second filter), a FUNC, a typedef */
	const char *names[] = { "trace_event_raw_sys_enter", "trace_event_raw_sys_exit",
				"task_struct", "sock", "u8", "int", "do_unlinkat",
				"btf_trace_sched_switch", "rb_nope_nope", "x" };
	const uint32_t n = sizeof(names) / sizeof(names[0]);
	const uint32_t masks[] = {
		RB_BTF_KINDS_ALL,
		~RB_BTF_KINDS(RB_BTF_KIND_FUNC),
		RB_BTF_KINDS(RB_BTF_KIND_FUNC) | RB_BTF_KINDS(RB_BTF_KIND_TYPEDEF),
	};
	struct rb_btf *full = NULL;
	size_t size;
	void *blob = rb_read_file("/sys/kernel/btf/vmlinux", &size);
	unsigned m, i;

	(void)state;
	if (!blob)
		rb_skip_feature("/sys/kernel/btf/vmlinux (CONFIG_DEBUG_INFO_BTF)");
	if (*(uint16_t *)blob != RB_BTF_MAGIC) {
		free(blob);	/* the filtered walk takes native BTF only */
		rb_skip_feature("vmlinux BTF in this host's byte order (qemu-user)");
	}
	assert_int_equal(rb_btf_parse(blob, size, 0, NULL, &full, NULL), 0);
	for (m = 0; m < sizeof(masks) / sizeof(masks[0]); m++) {
		struct rb_btf *v = NULL;
		struct rb_btf_names r;

		assert_int_equal(walk(blob, size, names, n, masks[m], &v, &r), 0);
		assert_int_equal(rb_btf_type_cnt(v), rb_btf_type_cnt(full));
		for (i = 0; i < n; i++)
			assert_same(full, v, &r, i, names[i], masks[m]);
		/* the kernel has these, so the test can fail */
		if (m == 0) {
			assert_true(rb_btf_names_get(&r, v, 0, -1, 0) > 0);
			assert_true(rb_btf_names_get(&r, v, 3, -1, 0) > 0);
		}
		rb_btf_names_free(&r);
		rb_btf_free(v);
	}
	rb_btf_free(full);
	free(blob);
}

/* A type section longer than the walk's unchecked stretch (a DATASEC of
 * 65535 entries, 786 KB): ints, named "a" or "bb" now and then. Its
 * strings are 6 bytes, or with @padded 8 more: the walk checks every
 * record near the end, or none (a record running past is seen after). */
#define BIG_TYPES 70000u
#define STRS "\0a\0bb\0padding"

static uint32_t *big_blob(bool padded, size_t *size)
{
	size_t tlen = (size_t)BIG_TYPES * 16, slen = padded ? sizeof(STRS) : 6;
	uint32_t *b = calloc(1, 24 + tlen + sizeof(STRS) + 4), *t = b + 6, i;
	struct rb_btf_header h = { RB_BTF_MAGIC, RB_BTF_VERSION, 0, 24, 0,
				   (uint32_t)tlen, (uint32_t)tlen, (uint32_t)slen };

	memcpy(b, &h, sizeof(h));
	for (i = 0; i < BIG_TYPES; i++, t += 4) {
		t[0] = i % 1000 == 7 ? 1 : i % 1000 == 9 ? 3 : 0;	/* "a", "bb" */
		t[1] = (uint32_t)RB_BTF_KIND_INT << 24;
		t[2] = 4;
		t[3] = 32;
	}
	memcpy(b + 6 + BIG_TYPES * 4, STRS, slen);
	*size = 24 + tlen + slen;
	return b;
}

static void big_section(bool padded)
{
	const char *names[] = { "bb", "a" };
	struct rb_btf_names r;
	struct rb_btf *v = NULL;
	size_t size;
	uint32_t *b = big_blob(padded, &size), at[] = { 3, BIG_TYPES / 2 + 1, BIG_TYPES - 2 };
	uint32_t i, nth = 0, *last = b + 6 + (BIG_TYPES - 1) * 4;

	/* the walk starts with room for fewer (records of 22 bytes): it grows */
	assert_int_equal(walk(b, size, names, 2, RB_BTF_KINDS_ALL, &v, &r), 0);
	assert_int_equal(rb_btf_type_cnt(v), BIG_TYPES + 1);
	for (i = 0; i < BIG_TYPES; i++)
		if (i % 1000 == 7)
			assert_int_equal(rb_btf_names_get(&r, v, 1, -1, nth++), (int)i + 1);
	assert_int_equal(rb_btf_names_get(&r, v, 1, -1, nth), -ENOENT);
	assert_int_equal(rb_btf_names_get(&r, v, 0, -1, BIG_TYPES / 1000 - 1),
			 (int)((BIG_TYPES / 1000 - 1) * 1000 + 10));
	/* offsets read back through the 3-byte array */
	assert_int_equal(rb_btf_type_by_id(v, BIG_TYPES)->size, 4);
	assert_ptr_equal(rb_btf_type_by_id(v, BIG_TYPES), (const void *)last);
	rb_btf_names_free(&r);
	rb_btf_free(v);
	/* a kind the walk does not know, early (unchecked stretch), in the
	 * middle and near the end: refused, nothing left behind */
	for (i = 0; i < sizeof(at) / sizeof(at[0]); i++) {
		uint32_t *t = b + 6 + at[i] * 4, info = t[1];

		t[1] = 25u << 24;
		v = NULL;
		assert_int_equal(walk(b, size, names, 2, RB_BTF_KINDS_ALL, &v, &r), -EINVAL);
		assert_null(v);
		t[1] = info;
	}
	/* the last record runs past the section (a struct of one member) */
	last[1] = (uint32_t)RB_BTF_KIND_STRUCT << 24 | 1;
	assert_int_equal(walk(b, size, names, 2, RB_BTF_KINDS_ALL, &v, &r), -EINVAL);
	assert_null(v);
	free(b);
}

static void test_big_section(void **state)
{
	(void)state;
	big_section(false);
}

static void test_big_section_padded(void **state)
{
	(void)state;
	big_section(true);
}

/* A type section of 2 GiB or more is refused before any walk (the walk's
 * REC_BAD is 2 GiB): a sparse mapping, untouched but for the header. */
static void test_2gib_section(void **state)
{
	const size_t tlen = 0x80000000u, size = 24 + tlen + 2;
	struct rb_btf_header h = { RB_BTF_MAGIC, RB_BTF_VERSION, 0, 24, 0,
				   (uint32_t)tlen, (uint32_t)tlen, 2 };
	struct rb_btf_error e;
	struct rb_btf *v = NULL;
	void *b;

	(void)state;
	if (sizeof(size_t) < 8) {
		print_message("[  SKIP    ] a 2 GiB mapping on a 32-bit host\n");
		skip();
	}
	b = mmap(NULL, size, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (b == MAP_FAILED) {
		print_message("[  SKIP    ] a 2 GiB sparse mapping: %s\n", strerror(errno));
		skip();
	}
	memcpy(b, &h, sizeof(h));
	assert_int_equal(rb_btf_parse(b, size, RB_BTF_F_TRUSTED, NULL, &v, &e), -EINVAL);
	assert_null(v);
	assert_int_equal(e.reason, RB_BTF_ERR_SECTION_BOUNDS);
	assert_non_null(strstr(e.msg, "type section of 2147483648 bytes too large"));
	h.type_len = 8;	/* the same blob with a small section: past that check */
	memcpy(b, &h, sizeof(h));
	assert_int_equal(rb_btf_parse(b, size, RB_BTF_F_TRUSTED, NULL, &v, &e), -EINVAL);
	assert_null(strstr(e.msg, "too large"));
	munmap(b, size);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vmlinux),
		cmocka_unit_test(test_big_section),
		cmocka_unit_test(test_big_section_padded),
		cmocka_unit_test(test_2gib_section),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
