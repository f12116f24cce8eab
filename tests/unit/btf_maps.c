// SPDX-License-Identifier: BSD-2-Clause
/* btf_maps.c - libbpf-style BTF map definitions decoded from a clang-built
 * object (tests/bpf/btf_maps.bpf.c), its .BTF.ext records, and the errors
 * for malformed definitions (hand-built BTF). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "btf_blob.h"
#include "btf/btf.h"
#include "btf/btf_ext.h"
#include "btf/map_def_parse.h"
#include "elf/elf.h"

struct obj {
	void *file;
	size_t size;
	struct rb_elf elf;
	const struct rb_elf_shdr *btf_sec, *ext_sec;
	struct rb_btf *btf;
};

static void obj_open_path(struct obj *o, const char *path, bool swapped)
{
	static uint8_t sw[65536];
	const void *data;
	int idx;

	memset(o, 0, sizeof(*o));
	o->file = rb_read_file(path, &o->size);
	assert_non_null(o->file);
	assert_int_equal(rb_elf_open(&o->elf, o->file, o->size, NULL), 0);
	idx = rb_elf_section_by_name(&o->elf, ".BTF");
	assert_true(idx > 0);
	o->btf_sec = rb_elf_section(&o->elf, (uint32_t)idx);
	idx = rb_elf_section_by_name(&o->elf, ".BTF.ext");
	assert_true(idx > 0);
	o->ext_sec = rb_elf_section(&o->elf, (uint32_t)idx);
	data = o->btf_sec->data;
	if (swapped) {
		assert_true(o->btf_sec->size <= sizeof(sw));
		memcpy(sw, data, o->btf_sec->size);
		rb_tb_swap_blob(sw, o->btf_sec->size);
		data = sw;
	}
	assert_int_equal(rb_btf_parse(data, o->btf_sec->size, RB_BTF_F_COPY, NULL,
				      &o->btf, NULL), 0);
	assert_int_equal(rb_btf_swapped(o->btf), swapped);
}

static void obj_open(struct obj *o, bool swapped)
{
	obj_open_path(o, RB_BPF_OBJ("btf_maps"), swapped);
}

static void obj_close(struct obj *o)
{
	rb_btf_free(o->btf);
	rb_elf_close(&o->elf);
	free(o->file);
}

static void decode(const struct rb_btf *btf, const char *name,
		   struct rb_btf_map_def *def, struct rb_btf_map_def *inner)
{
	struct rb_btf_error err;
	int id = rb_btf_find(btf, name, RB_BTF_KIND_VAR);

	assert_true(id > 0);
	if (rb_btf_map_def_parse(btf, (uint32_t)id, def, inner, &err))
		fail_msg("%s: %s", name, err.msg);
	assert_string_equal(def->name, name);
	assert_int_equal(def->var_id, id);
}

static void check_maps(const struct rb_btf *btf)
{
	struct rb_btf_map_def d, in;
	const struct rb_btf_type *sec;
	int id;

	/* All seven maps are in the .maps DATASEC. */
	id = rb_btf_find(btf, ".maps", RB_BTF_KIND_DATASEC);
	assert_true(id > 0);
	sec = rb_btf_type_by_id(btf, (uint32_t)id);
	assert_int_equal(rb_btf_vlen(sec), 7);

	decode(btf, "sized_hash", &d, NULL);
	assert_int_equal(d.map_type, BPF_MAP_TYPE_HASH);
	assert_int_equal(d.key_size, 4);
	assert_int_equal(d.value_size, 16);
	assert_int_equal(d.max_entries, 128);
	assert_int_equal(d.map_flags, BPF_F_NO_PREALLOC);
	assert_int_equal(d.numa_node, 0);
	assert_int_equal(d.key_type_id, 0);
	assert_int_equal(d.fields, RB_MAPDEF_TYPE | RB_MAPDEF_KEY_SIZE |
			 RB_MAPDEF_VALUE_SIZE | RB_MAPDEF_MAX_ENTRIES |
			 RB_MAPDEF_MAP_FLAGS | RB_MAPDEF_NUMA_NODE);

	decode(btf, "typed_array", &d, NULL);
	assert_int_equal(d.map_type, BPF_MAP_TYPE_ARRAY);
	assert_int_equal(d.key_size, 4);
	assert_int_equal(d.value_size, 16);
	assert_string_equal(rb_btf_name(btf, d.key_type_id), "__u32");
	assert_string_equal(rb_btf_name(btf, d.value_type_id), "pair");
	assert_int_equal(d.max_entries, 4);
	assert_int_equal(d.pinning, RB_MAPDEF_PIN_NONE);
	assert_false(d.fields & RB_MAPDEF_PINNING);

	decode(btf, "pinned", &d, NULL);
	assert_int_equal(d.pinning, RB_MAPDEF_PIN_BY_NAME);
	assert_true(d.fields & RB_MAPDEF_PINNING);
	assert_int_equal(d.key_size, 8);
	assert_int_equal(d.value_size, 8);

	decode(btf, "bloom", &d, NULL);
	assert_int_equal(d.map_type, BPF_MAP_TYPE_BLOOM_FILTER);
	assert_int_equal(d.map_extra, 3);
	assert_int_equal(d.value_size, 4);
	assert_false(d.fields & RB_MAPDEF_KEY_SIZE);

	decode(btf, "outer", &d, &in);
	assert_int_equal(d.map_type, BPF_MAP_TYPE_ARRAY_OF_MAPS);
	assert_int_equal(d.max_entries, 3);
	assert_int_equal(d.key_size, 4);
	assert_int_equal(d.value_size, 4);
	assert_true(d.fields & RB_MAPDEF_VALUES);
	assert_string_equal(rb_btf_name(btf, d.values_type_id), "inner_map");
	assert_int_equal(d.values_off, 24);
	assert_int_equal(in.map_type, BPF_MAP_TYPE_ARRAY);
	assert_int_equal(in.key_size, 4);
	assert_int_equal(in.value_size, 8);
	assert_int_equal(in.max_entries, 2);
	assert_int_equal(in.var_id, 0);
	assert_int_equal(in.def_id, d.values_type_id);
	/* Without room for it the inner definition is not decoded. */
	decode(btf, "outer", &d, NULL);
	assert_int_equal(d.values_type_id, in.def_id);

	decode(btf, "inner0", &d, &in);
	assert_int_equal(d.max_entries, 2);
	assert_int_equal(in.fields, 0);

	decode(btf, "jumps", &d, &in);
	assert_int_equal(d.map_type, BPF_MAP_TYPE_PROG_ARRAY);
	assert_int_equal(d.key_size, 4);
	assert_int_equal(d.value_size, 4);
	assert_int_equal(d.max_entries, 2);
	assert_int_equal(rb_btf_kind(rb_btf_type_by_id(btf, d.values_type_id)),
			 RB_BTF_KIND_FUNC_PROTO);
	assert_int_equal(in.fields, 0);
}

static void test_clang_maps(void **state)
{
	struct obj o;

	(void)state;
	obj_open(&o, false);
	check_maps(o.btf);
	obj_close(&o);
}

static void test_clang_maps_swapped(void **state)
{
	struct obj o;

	(void)state;
	obj_open(&o, true);
	check_maps(o.btf);
	obj_close(&o);
}

/* The same definitions compiled by bpf-gcc (when it is installed). */
static void test_gcc_maps(void **state)
{
	struct rb_btf_ext *ext;
	struct rb_btf_error err;
	struct obj o;
	size_t size;
	void *probe;

	(void)state;
	probe = rb_read_file(RB_BPF_OBJ("gcc_btf_maps"), &size);
	if (!probe)
		skip(); /* no bpf-gcc on this machine: nothing was built */
	free(probe);
	obj_open_path(&o, RB_BPF_OBJ("gcc_btf_maps"), false);
	check_maps(o.btf);
	if (rb_btf_ext_parse(o.btf, o.ext_sec->data, o.ext_sec->size, NULL, &ext, &err))
		fail_msg("gcc .BTF.ext: %s", err.msg);
	/* gcc 12 writes a .BTF.ext without func/line records; later ones do */
	if (rb_btf_ext_sec_cnt(ext, RB_BTF_EXT_FUNC))
		assert_non_null(rb_btf_ext_sec(ext, RB_BTF_EXT_FUNC, "socket"));
	rb_btf_ext_free(ext);
	obj_close(&o);
}

/* .BTF.ext of the clang object: records per section, and the per-program
 * arrays after "appending" the tail program behind entry. */
static void test_clang_ext(void **state)
{
	const struct rb_btf_ext_sec *fi, *li;
	struct rb_btf_ext_out out = { 0 };
	const struct rb_bpf_func_info *f;
	struct rb_btf_ext *ext;
	struct rb_btf_error err;
	uint32_t entry_insn, i;
	struct obj o;
	int n;

	(void)state;
	obj_open(&o, false);
	assert_int_equal(rb_btf_ext_parse(o.btf, o.ext_sec->data, o.ext_sec->size,
					  NULL, &ext, &err), 0);
	assert_int_equal(rb_btf_ext_sec_cnt(ext, RB_BTF_EXT_FUNC), 1);
	fi = rb_btf_ext_sec(ext, RB_BTF_EXT_FUNC, "socket");
	assert_non_null(fi);
	assert_ptr_equal(fi, rb_btf_ext_sec_at(ext, RB_BTF_EXT_FUNC, 0));
	assert_null(rb_btf_ext_sec_at(ext, RB_BTF_EXT_FUNC, 1));
	assert_null(rb_btf_ext_sec(ext, RB_BTF_EXT_FUNC, ".text"));
	assert_int_equal(fi->nr, 2);
	assert_int_equal(fi->rec_size, 8);
	f = (const void *)fi->recs;
	assert_int_equal(f[0].insn_off, 0);
	assert_string_equal(rb_btf_name(o.btf, f[0].type_id), "tail");
	assert_string_equal(rb_btf_name(o.btf, f[1].type_id), "entry");
	entry_insn = f[1].insn_off / 8;
	assert_true(entry_insn >= 2);
	li = rb_btf_ext_sec(ext, RB_BTF_EXT_LINE, "socket");
	assert_non_null(li);
	assert_int_equal(li->rec_size, 16);
	assert_true(li->nr >= 4);
	for (i = 0, n = 0; i < li->nr; i++) {
		const struct rb_bpf_line_info *l = (const void *)(li->recs + i * 16);

		assert_non_null(strstr(rb_btf_str(o.btf, l->file_name_off), "btf_maps.bpf.c"));
		/* "return 1;" of tail() is the first line of the section. */
		if (i == 0)
			assert_non_null(strstr(rb_btf_str(o.btf, l->line_off), "return 1"));
		n += RB_BPF_LINE_NUM(l->line_col) > 70;
	}
	assert_true(n >= 3);
	assert_int_equal(rb_btf_ext_sec_cnt(ext, RB_BTF_EXT_CORE), 0);

	/* Program "entry" = insns [entry_insn, end) at 0, then "tail" appended at 10. */
	n = rb_btf_ext_append(ext, RB_BTF_EXT_FUNC, "socket", entry_insn, 1000, 0, &out);
	assert_int_equal(n, 1);
	n = rb_btf_ext_append(ext, RB_BTF_EXT_FUNC, "socket", 0, entry_insn, 10, &out);
	assert_int_equal(n, 1);
	n = rb_btf_ext_append(ext, RB_BTF_EXT_FUNC, ".text", 0, 1000, 50, &out);
	assert_int_equal(n, 0);
	assert_int_equal(out.cnt, 2);
	assert_int_equal(out.rec_size, 8);
	f = (const void *)out.data;
	assert_int_equal(f[0].insn_off, 0);
	assert_string_equal(rb_btf_name(o.btf, f[0].type_id), "entry");
	assert_int_equal(f[1].insn_off, 10);
	assert_string_equal(rb_btf_name(o.btf, f[1].type_id), "tail");
	/* Line info of a different record size cannot join this array. */
	assert_int_equal(rb_btf_ext_append(ext, RB_BTF_EXT_LINE, "socket", 0, 1000, 0,
					   &out), -EINVAL);
	rb_btf_ext_out_free(&out);
	n = rb_btf_ext_append(ext, RB_BTF_EXT_LINE, "socket", 0, entry_insn, 7, &out);
	assert_true(n >= 1);
	assert_int_equal(((const struct rb_bpf_line_info *)out.data)[0].insn_off, 7);
	rb_btf_ext_out_free(&out);
	rb_btf_ext_free(ext);
	obj_close(&o);
}

/* ---- malformed definitions, hand-built ---- */

static uint32_t blob[4096];

/* int, __ARRAY_SIZE_TYPE__, and "int (*)[n]" types for n = 1, 3, 12, 99. */
struct mb {
	struct rb_tb b;
	uint32_t t_int, u1, u3, u12, u99, pint;
};

static uint32_t mb_uint(struct mb *m, uint32_t n)
{
	uint32_t arr = rb_tb_type(&m->b, NULL, RB_BTF_KIND_ARRAY, 0, 0, 0);

	rb_tb_word(&m->b, m->t_int);
	rb_tb_word(&m->b, m->t_int);
	rb_tb_word(&m->b, n);
	return rb_tb_type(&m->b, NULL, RB_BTF_KIND_PTR, 0, 0, arr);
}

static void mb_init(struct mb *m)
{
	rb_tb_init(&m->b);
	m->t_int = rb_tb_type(&m->b, "int", RB_BTF_KIND_INT, 0, 0, 4);
	rb_tb_word(&m->b, RB_BTF_INT_ENC(RB_BTF_INT_SIGNED, 0, 32));
	m->u1 = mb_uint(m, 1);
	m->u3 = mb_uint(m, 3);
	m->u12 = mb_uint(m, 12);
	m->u99 = mb_uint(m, 99);
	m->pint = rb_tb_type(&m->b, NULL, RB_BTF_KIND_PTR, 0, 0, m->t_int);
}

/* struct { fields } name; returns the VAR id. */
static uint32_t mb_map(struct mb *m, const char *name, unsigned n,
		       const char *const *fields, const uint32_t *types)
{
	uint32_t s = rb_tb_type(&m->b, NULL, RB_BTF_KIND_STRUCT, 0, n, n * 8);
	unsigned i;

	for (i = 0; i < n; i++) {
		rb_tb_word(&m->b, rb_tb_str(&m->b, fields[i]));
		rb_tb_word(&m->b, types[i]);
		rb_tb_word(&m->b, i * 64);
	}
	rb_tb_type(&m->b, name, RB_BTF_KIND_VAR, 0, 0, s);
	rb_tb_word(&m->b, RB_BTF_VAR_GLOBAL_ALLOCATED);
	return m->b.ntypes;
}

static void expect_bad(struct mb *m, uint32_t var, int want, const char *needle)
{
	struct rb_btf_map_def d, in;
	struct rb_btf_error err;
	struct rb_btf *btf;
	size_t len = rb_tb_blob(&m->b, blob, sizeof(blob));

	assert_int_equal(rb_btf_parse(blob, len, 0, NULL, &btf, &err), 0);
	assert_int_equal(rb_btf_map_def_parse(btf, var, &d, &in, &err), want);
	assert_int_equal(err.reason, RB_BTF_ERR_MAPDEF);
	if (!strstr(err.msg, needle))
		fail_msg("message '%s' lacks '%s'", err.msg, needle);
	rb_btf_free(btf);
}

static void test_bad_defs(void **state)
{
	struct mb m;
	uint32_t v, arr, p, s;

	(void)state;
	mb_init(&m);
	v = mb_map(&m, "m1", 2, (const char *const[]){ "type", "colour" },
		   (const uint32_t[]){ m.u1, m.u1 });
	expect_bad(&m, v, -ENOTSUP, "map 'm1': unknown field 'colour'");

	mb_init(&m);
	v = mb_map(&m, "m2", 1, (const char *const[]){ "max_entries" },
		   (const uint32_t[]){ m.t_int });
	expect_bad(&m, v, -EINVAL, "map 'm2': field 'max_entries': expected a pointer");

	mb_init(&m);
	v = mb_map(&m, "m3", 1, (const char *const[]){ "max_entries" },
		   (const uint32_t[]){ m.pint });
	expect_bad(&m, v, -EINVAL, "map 'm3': field 'max_entries': expected an array");

	mb_init(&m);
	v = mb_map(&m, "m4", 2, (const char *const[]){ "key_size", "key" },
		   (const uint32_t[]){ m.u3, m.pint });
	expect_bad(&m, v, -EINVAL, "map 'm4': field 'key': size 4 conflicts");

	mb_init(&m);
	v = mb_map(&m, "m5", 1, (const char *const[]){ "pinning" },
		   (const uint32_t[]){ m.u3 });
	expect_bad(&m, v, -EINVAL, "map 'm5': field 'pinning': value 3");

	mb_init(&m);
	v = mb_map(&m, "m6", 1, (const char *const[]){ "value" },
		   (const uint32_t[]){ m.t_int });
	expect_bad(&m, v, -EINVAL, "map 'm6': field 'value': expected a pointer");

	/* values on a hash map (type 1) */
	mb_init(&m);
	arr = rb_tb_type(&m.b, NULL, RB_BTF_KIND_ARRAY, 0, 0, 0);
	rb_tb_word(&m.b, m.pint);
	rb_tb_word(&m.b, m.t_int);
	rb_tb_word(&m.b, 0);
	v = mb_map(&m, "m7", 2, (const char *const[]){ "type", "values" },
		   (const uint32_t[]){ m.u1, arr });
	expect_bad(&m, v, -EINVAL, "map 'm7': field 'values': needs a map-in-map");

	/* prog_array values that are not functions */
	v = mb_map(&m, "m8", 2, (const char *const[]){ "type", "values" },
		   (const uint32_t[]){ m.u3, arr });
	expect_bad(&m, v, -EINVAL, "map 'm8': field 'values': prog_array values must be functions");

	/* array of maps whose inner is not a struct; then an inner that pins */
	v = mb_map(&m, "m9", 2, (const char *const[]){ "type", "values" },
		   (const uint32_t[]){ m.u12, arr });
	expect_bad(&m, v, -EINVAL, "map 'm9': field 'values': inner map definition must be a struct");
	s = rb_tb_type(&m.b, NULL, RB_BTF_KIND_STRUCT, 0, 1, 8);
	rb_tb_word(&m.b, rb_tb_str(&m.b, "pinning"));
	rb_tb_word(&m.b, m.u1);
	rb_tb_word(&m.b, 0);
	p = rb_tb_type(&m.b, NULL, RB_BTF_KIND_PTR, 0, 0, s);
	arr = rb_tb_type(&m.b, NULL, RB_BTF_KIND_ARRAY, 0, 0, 0);
	rb_tb_word(&m.b, p);
	rb_tb_word(&m.b, m.t_int);
	rb_tb_word(&m.b, 0);
	v = mb_map(&m, "m10", 2, (const char *const[]){ "type", "values" },
		   (const uint32_t[]){ m.u12, arr });
	expect_bad(&m, v, -EINVAL, "map 'm10': field 'pinning': an inner map cannot be pinned");
	/* a non-empty values array */
	arr = rb_tb_type(&m.b, NULL, RB_BTF_KIND_ARRAY, 0, 0, 0);
	rb_tb_word(&m.b, p);
	rb_tb_word(&m.b, m.t_int);
	rb_tb_word(&m.b, 2);
	v = mb_map(&m, "m11", 2, (const char *const[]){ "type", "values" },
		   (const uint32_t[]){ m.u12, arr });
	expect_bad(&m, v, -EINVAL, "map 'm11': field 'values': expected a zero-length array");

	/* not a VAR; a VAR of an int */
	expect_bad(&m, m.t_int, -EINVAL, "is not a variable");
	rb_tb_type(&m.b, "m12", RB_BTF_KIND_VAR, 0, 0, m.t_int);
	rb_tb_word(&m.b, 1);
	expect_bad(&m, m.b.ntypes, -EINVAL, "map 'm12': definition is a int, not a struct");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_clang_maps),
		cmocka_unit_test(test_clang_maps_swapped),
		cmocka_unit_test(test_clang_ext),
		cmocka_unit_test(test_gcc_maps),
		cmocka_unit_test(test_bad_defs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
