// SPDX-License-Identifier: BSD-2-Clause
/* object_maps_malformed.c - map definitions that must not be misread:
 * legacy `maps` entries larger than struct bpf_map_def, iproute2's struct
 * bpf_elf_map (pinning, inner_id, inner_idx) read as iproute2 reads it,
 * and BTF `.maps` definitions that initialize a member other than
 * `values`. Synthetic ELF files (tests/common/elfbuild) and clang-built
 * objects (tests/bpf/maps_init_*.bpf.c); no kernel. */
#include <elf.h>
#include <errno.h>
#include <string.h>

#include "fixture.h"
#include "elfbuild.h"
#include "object/object.h"

#define MAX_MAPS 4
#define MAX_WORDS 10

/* One entry of a legacy `maps` section as u32 words. */
struct def {
	const char *name;
	uint32_t w[MAX_WORDS];
};

static uint8_t maps_data[MAX_MAPS * MAX_WORDS * 4];

/* A file with only a `maps` section of @n entries of @size bytes. */
static void build(struct te_elf *t, uint32_t size, const struct def *d,
		  unsigned int n)
{
	unsigned int sec, i, k;

	te_init(t, false, EM_BPF);
	memset(maps_data, 0, sizeof(maps_data));
	for (i = 0; i < n; i++)
		for (k = 0; k < size / 4 && k < MAX_WORDS; k++)
			te_put32(t, maps_data + i * size + 4 * k, d[i].w[k]);
	sec = te_section(t, "maps", SHT_PROGBITS, SHF_ALLOC | SHF_WRITE,
			 maps_data, (size_t)size * n, 0, 0);
	te_section(t, "license", SHT_PROGBITS, SHF_ALLOC, "GPL", 4, 0, 0);
	for (i = 0; i < n; i++)
		te_sym(t, d[i].name, (uint64_t)i * size, size,
		       ELF64_ST_INFO(STB_GLOBAL, STT_OBJECT), (uint16_t)sec);
	te_finish(t);
}

static char last_msg[512];
static void grab(void *ctx, enum rawbpf_log_level l, const char *m)
{
	(void)ctx;
	(void)l;
	snprintf(last_msg, sizeof(last_msg), "%s", m);
}

/* Opening @t fails with @err and a message containing @msg. */
static void expect_msg(struct te_elf *t, const char *name, int err,
		       const char *msg)
{
	RAWBPF_OPTS(rawbpf_object_open_opts, o, .log = grab, .name = name);
	struct rawbpf_object *obj = (void *)1;

	last_msg[0] = '\0';
	assert_int_equal(rawbpf_object_open_mem(t->buf, t->size, &o, &obj), err);
	assert_null(obj);
	if (!strstr(last_msg, msg))
		fail_msg("message '%s' lacks '%s'", last_msg, msg);
}

static struct rawbpf_object *open_ok(struct te_elf *t, const char *name)
{
	RAWBPF_OPTS(rawbpf_object_open_opts, o, .log = grab, .name = name);
	struct rawbpf_object *obj = NULL;

	last_msg[0] = '\0';
	if (rawbpf_object_open_mem(t->buf, t->size, &o, &obj))
		fail_msg("open: %s", last_msg);
	return obj;
}

static const struct rawbpf_map *named(const struct rawbpf_object *obj,
				      const char *name, bool inner)
{
	for (uint32_t i = 0; i < obj->nmaps; i++)
		if (!strcmp(obj->maps[i].name, name) &&
		    obj->maps[i].is_inner == inner)
			return &obj->maps[i];
	fail_msg("no map %s", name);
	return NULL;
}

#define HASH BPF_MAP_TYPE_HASH
#define ARRAY BPF_MAP_TYPE_ARRAY
#define AOM BPF_MAP_TYPE_ARRAY_OF_MAPS

static void test_bpf_map_def_tail(void **state)
{
	struct def d[2] = {
		{ "a", { HASH, 4, 8, 16, 0 } },
		{ "b", { HASH, 4, 8, 16, 0, 0 } },
	};
	struct te_elf t;
	struct rawbpf_object *obj;

	(void)state;
	/* 24 bytes, the extra word zero: struct bpf_map_def, loads */
	build(&t, 24, d, 2);
	obj = open_ok(&t, NULL);
	assert_int_equal(named(obj, "b", false)->def.max_entries, 16);
	assert_int_equal(named(obj, "b", false)->def.pinning, RB_PIN_NONE);
	rawbpf_object_close(obj);
	/* the extra word of map b is not zero: refused, naming b */
	d[1].w[5] = 7;
	build(&t, 24, d, 2);
	expect_msg(&t, NULL, -EOPNOTSUPP,
		   "map b: its 24-byte definition has a non-zero byte at offset 20, past struct bpf_map_def (20 bytes)");
	/* past iproute2's 36-byte struct bpf_elf_map */
	d[1].w[5] = 0;
	d[0].w[9] = 1;
	build(&t, 40, d, 2);
	expect_msg(&t, NULL, -EOPNOTSUPP,
		   "map a: its 40-byte definition has a non-zero byte at offset 36, past iproute2's struct bpf_elf_map (36 bytes)");
	/* a size that is not whole words */
	d[0].w[9] = 0;
	build(&t, 22, d, 2);
	expect_msg(&t, NULL, -EBADMSG, "definitions of 22 bytes");
	/* 28 bytes with BPF_F_NUMA_NODE: samples/bpf or iproute2? */
	d[0].w[4] = BPF_F_NUMA_NODE;
	build(&t, 28, d, 2);
	expect_msg(&t, NULL, -EOPNOTSUPP, "map a: a 28-byte definition with BPF_F_NUMA_NODE is ambiguous");
}

static void test_elf_map_pinning(void **state)
{
	/* type, key, value, max, flags, id, pinning, inner_id, inner_idx */
	struct def d[3] = {
		{ "global", { HASH, 4, 8, 16, 0, 0, 2, 0, 0 } },
		{ "per_obj", { ARRAY, 4, 4, 2, 0, 0, 1, 0, 0 } },
		{ "plain", { ARRAY, 4, 4, 2, 0, 0, 0, 0, 0 } },
	};
	struct te_elf t;
	struct rawbpf_object *obj;

	(void)state;
	build(&t, 36, d, 3);
	obj = open_ok(&t, "myobj");
	assert_int_equal(named(obj, "global", false)->def.pinning, RB_PIN_TC_GLOBAL);
	assert_int_equal(named(obj, "global", false)->def.max_entries, 16);
	assert_int_equal(named(obj, "per_obj", false)->def.pinning, RB_PIN_TC_OBJECT);
	assert_int_equal(named(obj, "plain", false)->def.pinning, RB_PIN_NONE);
	rawbpf_object_close(obj);
	/* the older 28-byte bpf_elf_map (id, pinning) pins too */
	build(&t, 28, d, 3);
	obj = open_ok(&t, "myobj");
	assert_int_equal(named(obj, "global", false)->def.pinning, RB_PIN_TC_GLOBAL);
	assert_int_equal(named(obj, "per_obj", false)->def.pinning, RB_PIN_TC_OBJECT);
	rawbpf_object_close(obj);
	/* PIN_OBJECT_NS needs an object name that can be a directory */
	build(&t, 36, d, 3);
	expect_msg(&t, "globals", -EINVAL,
		   "map per_obj: PIN_OBJECT_NS pins under tc/<object name>/, and the object name 'globals'");
	expect_msg(&t, "a/b", -EINVAL, "object name 'a/b' cannot be a directory");
	/* a custom pinning (iproute2's /etc/iproute2/bpf_pinning): refused */
	d[2].w[6] = 7;
	build(&t, 36, d, 3);
	expect_msg(&t, NULL, -EOPNOTSUPP, "map plain: pinning 7 (an iproute2 custom pinning");
}

static void test_elf_map_in_map(void **state)
{
	struct def d[4] = {
		{ "outer", { AOM, 4, 4, 8, 0, 0, 0, 5, 0 } },
		{ "inner_a", { ARRAY, 4, 8, 1, 0, 5, 0, 0, 3 } },
		{ "other", { ARRAY, 4, 8, 1, 0, 6, 0, 0, 0xffffffff } },
		{ "outer2", { AOM, 4, 4, 8, 0, 0, 0, 6, 0 } },
	};
	const struct rawbpf_map *outer, *tmpl;
	struct te_elf t;
	struct rawbpf_object *obj;

	(void)state;
	build(&t, 36, d, 4);
	obj = open_ok(&t, NULL);
	outer = named(obj, "outer", false);
	/* the template is a copy of the map whose id is inner_id */
	assert_true(outer->inner >= 0);
	tmpl = &obj->maps[outer->inner];
	assert_true(tmpl->is_inner);
	assert_string_equal(tmpl->name, "inner_a");
	assert_int_equal(tmpl->def.value_size, 8);
	assert_int_equal(outer->def.value_size, 4);
	/* inner_a (id 5) fills slot 3 of outer */
	assert_int_equal(outer->init_cnt, 1);
	assert_int_equal(outer->init[0].slot, 3);
	assert_string_equal(obj->maps[outer->init[0].target].name, "inner_a");
	assert_false(obj->maps[outer->init[0].target].is_inner);
	/* NO_PREPOPULATE (-1): other (id 6) is outer2's template only */
	assert_string_equal(obj->maps[named(obj, "outer2", false)->inner].name, "other");
	assert_int_equal(named(obj, "outer2", false)->init_cnt, 0);
	rawbpf_object_close(obj);

	/* inner_id naming no map */
	d[3].w[7] = 9;
	build(&t, 36, d, 4);
	expect_msg(&t, NULL, -EINVAL, "map outer2: inner_id 9 names no map");
	/* a map-in-map without inner_id */
	d[3].w[7] = 0;
	build(&t, 36, d, 4);
	expect_msg(&t, NULL, -EINVAL, "map outer2: a map-in-map needs inner_id");
	/* a 20-byte struct bpf_map_def map-in-map: nothing names its inner */
	build(&t, 20, d, 4);
	expect_msg(&t, NULL, -EINVAL, "map outer: a map-in-map needs inner_id");
	/* inner_id on a map that holds no maps */
	d[3].w[7] = 6;
	d[2].w[7] = 5;
	build(&t, 36, d, 4);
	expect_msg(&t, NULL, -EINVAL,
		   "map other: inner_id 5 is set but the map (type 2) is not a map-in-map");
	/* two maps with one id */
	d[2].w[7] = 0;
	d[2].w[5] = 5;
	build(&t, 36, d, 4);
	expect_msg(&t, NULL, -EINVAL, "maps inner_a and other have the same id 5");
	/* the inner map is itself a map-in-map */
	d[2].w[5] = 6;
	d[0].w[7] = 7;
	d[3].w[5] = 7;
	build(&t, 36, d, 4);
	expect_msg(&t, NULL, -EOPNOTSUPP, "map outer: its inner map outer2 is itself a map-in-map");
}

static void open_file_msg(const char *path, int err, const char *msg)
{
	RAWBPF_OPTS(rawbpf_object_open_opts, o, .log = grab);
	struct rawbpf_object *obj = (void *)1;

	last_msg[0] = '\0';
	assert_int_equal(rawbpf_object_open_file(path, &o, &obj), err);
	assert_null(obj);
	if (!strstr(last_msg, msg))
		fail_msg("message '%s' lacks '%s'", last_msg, msg);
}

static void test_btf_map_initializers(void **state)
{
	(void)state;
	/* .key = (int *)8: a constant in a member other than values; its
	 * non-zero byte is the pointer's first (little endian) or last */
	open_file_msg(RB_BPF_OBJ("maps_init_key"), -EINVAL,
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
		      "map bad_key: member 'key' has an initializer (byte 15 is not zero); a .maps definition may only initialize `values`");
#else
		      "map bad_key: member 'key' has an initializer (byte 8 is not zero); a .maps definition may only initialize `values`");
#endif
	/* .value = &counter: a relocation in a member other than values */
	open_file_msg(RB_BPF_OBJ("maps_init_reloc"), -EINVAL,
		      "map bad_value: member 'value' is initialized with 'counter'");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bpf_map_def_tail),
		cmocka_unit_test(test_elf_map_pinning),
		cmocka_unit_test(test_elf_map_in_map),
		cmocka_unit_test(test_btf_map_initializers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
