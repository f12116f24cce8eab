// SPDX-License-Identifier: BSD-2-Clause
/* object_globals.c - global variables by name without a kernel: section,
 * offset, size and BTF type of each variable of skel_test.bpf.c (checked
 * against the compiler's own layout of the same declarations), the
 * enumeration, and size-checked get/set on the object's copy. */
#include <errno.h>
#include <stddef.h>
#include <string.h>

#include "fixture.h"
#include "btf/btf.h"
#include "object/object.h"

/* The same declarations as the BPF object: the host compiler lays them
 * out as clang -target bpf does (same sizes and alignments on 64-bit). */
struct skel_cfg {
	uint32_t mult;
	uint64_t add __attribute__((aligned(8)));	/* as in BPF (i386: 4) */
	char tag[6];
	struct {
		int16_t lo, hi;
	} range;
};

static struct rawbpf_object *open_skel(void)
{
	struct rawbpf_object *obj = NULL;

	assert_int_equal(rawbpf_object_open_file(RB_BPF_OBJ("skel_test"), NULL,
						 &obj), 0);
	return obj;
}

static void check(struct rawbpf_object *obj, const char *name,
		  const char *sec, uint32_t size, const char *type_name,
		  unsigned kind)
{
	struct rawbpf_global_info gi;
	const struct rb_btf_type *t;
	int id;

	assert_int_equal(rawbpf_object_find_global(obj, name, &gi), 0);
	assert_string_equal(gi.name, name);
	assert_string_equal(gi.section, sec);
	assert_int_equal(gi.size, size);
	assert_false(gi.local);
	/* the BTF type is the variable's own (modifiers and typedefs skipped) */
	assert_true(gi.btf_type_id > 0);
	assert_true(gi.btf_var_id > 0);
	assert_string_equal(rb_btf_name(obj->btf, gi.btf_var_id), name);
	id = rb_btf_resolve(obj->btf, gi.btf_type_id);
	assert_true(id > 0);
	t = rb_btf_type_by_id(obj->btf, (uint32_t)id);
	assert_int_equal(rb_btf_kind(t), kind);
	if (type_name)
		assert_string_equal(rb_btf_name(obj->btf, (uint32_t)id), type_name);
	assert_int_equal(rb_btf_size(obj->btf, gi.btf_type_id), size);
}

static void test_find(void **state)
{
	struct rawbpf_object *obj = open_skel();
	struct rawbpf_global_info gi;

	(void)state;
	check(obj, "cfg", ".rodata", sizeof(struct skel_cfg), "skel_cfg",
	      RB_BTF_KIND_STRUCT);
	check(obj, "mode", ".rodata", 4, "skel_mode", RB_BTF_KIND_ENUM);
	check(obj, "small_ro", ".rodata", 1, NULL, RB_BTF_KIND_INT);
	check(obj, "data_counter", ".data", 8, NULL, RB_BTF_KIND_INT);
	check(obj, "data_arr", ".data", 12, NULL, RB_BTF_KIND_ARRAY);
	check(obj, "bss_result", ".bss", 8, NULL, RB_BTF_KIND_INT);
	check(obj, "bss_tag", ".bss", 6, NULL, RB_BTF_KIND_ARRAY);
	check(obj, "custom_val", ".data.custom", 4, NULL, RB_BTF_KIND_INT);
	check(obj, "custom_ro", ".rodata.custom", 4, NULL, RB_BTF_KIND_INT);
	/* offsets are the symbols': data_arr follows the 8-byte counter */
	assert_int_equal(rawbpf_object_find_global(obj, "data_arr", &gi), 0);
	assert_int_equal(gi.offset, 8);
	assert_int_equal(rawbpf_object_find_global(obj, "data_counter", &gi), 0);
	assert_int_equal(gi.offset, 0);
	/* maps, programs and unknown names are not global variables */
	assert_int_equal(rawbpf_object_find_global(obj, "outer", &gi), -ENOENT);
	assert_int_equal(rawbpf_object_find_global(obj, "skel_run", &gi), -ENOENT);
	assert_int_equal(rawbpf_object_find_global(obj, "LICENSE", &gi), -ENOENT);
	assert_int_equal(rawbpf_object_find_global(obj, "nope", &gi), -ENOENT);
	assert_int_equal(rawbpf_object_find_global(NULL, "cfg", &gi), -EINVAL);
	assert_int_equal(rawbpf_object_find_global(obj, NULL, &gi), -EINVAL);
	assert_int_equal(rawbpf_object_find_global(obj, "cfg", NULL), -EINVAL);
	rawbpf_object_close(obj);
}

static void test_enumerate(void **state)
{
	struct rawbpf_object *obj = open_skel();
	struct rawbpf_global_info gi;
	uint32_t it = 0, n = 0, rodata = 0;
	size_t sec_size;

	(void)state;
	while (!rawbpf_object_next_global(obj, &it, &gi)) {
		n++;
		rodata += !strcmp(gi.section, ".rodata");
		/* every variable fits inside its section */
		assert_non_null(rawbpf_object_global_data(obj, gi.section,
							  &sec_size));
		assert_true(gi.offset + gi.size <= sec_size);
	}
	assert_int_equal(n, 12);	/* 4 .rodata, 2 .data, 4 .bss, 2 custom */
	assert_int_equal(rodata, 4);
	assert_int_equal(rawbpf_object_next_global(obj, &it, &gi), -ENOENT);
	assert_int_equal(rawbpf_object_next_global(obj, NULL, &gi), -EINVAL);
	rawbpf_object_close(obj);
}

static void test_set_get(void **state)
{
	struct rawbpf_object *obj = open_skel();
	struct skel_cfg cfg, back;
	struct rawbpf_global_info gi;
	uint64_t counter = 0;
	uint32_t small = 0;
	uint8_t *rodata;
	size_t size;

	(void)state;
	/* the initial values from the ELF */
	assert_int_equal(rawbpf_object_get_global(obj, "cfg", &cfg, sizeof(cfg)), 0);
	assert_int_equal(cfg.mult, 2);
	assert_int_equal(cfg.add, 3);
	assert_string_equal(cfg.tag, "abc");
	assert_int_equal(rawbpf_object_get_global(obj, "data_counter", &counter,
						  sizeof(counter)), 0);
	assert_int_equal(counter, 5);
	/* a set lands at the variable's offset in the section's bytes */
	cfg.mult = 11;
	assert_int_equal(rawbpf_object_set_global(obj, "cfg", &cfg, sizeof(cfg)), 0);
	assert_int_equal(rawbpf_object_find_global(obj, "cfg", &gi), 0);
	rodata = rawbpf_object_global_data(obj, ".rodata", &size);
	assert_memory_equal(rodata + gi.offset, &cfg, sizeof(cfg));
	assert_int_equal(rawbpf_object_get_global(obj, "cfg", &back, sizeof(back)), 0);
	assert_int_equal(back.mult, 11);
	/* .bss: zero before load, writable */
	counter = 77;
	assert_int_equal(rawbpf_object_set_global(obj, "bss_result", &counter, 8), 0);
	counter = 0;
	assert_int_equal(rawbpf_object_get_global(obj, "bss_result", &counter, 8), 0);
	assert_int_equal(counter, 77);
	/* the wrong size is refused, and nothing is written */
	assert_int_equal(rawbpf_object_set_global(obj, "small_ro", &small,
						  sizeof(small)), -EINVAL);
	assert_non_null(strstr(rawbpf_object_error(obj),
			       "global variable small_ro (.rodata+36) is 1 bytes, not 4"));
	assert_int_equal(rodata[36], 1);
	assert_int_equal(rawbpf_object_get_global(obj, "cfg", &counter,
						  sizeof(counter)), -EINVAL);
	assert_int_equal(rawbpf_object_set_global(obj, "nope", &small, 4), -ENOENT);
	assert_non_null(strstr(rawbpf_object_error(obj), "nope"));
	assert_int_equal(rawbpf_object_set_global(obj, "cfg", NULL, 4), -EINVAL);
	assert_int_equal(rawbpf_object_set_global(NULL, "cfg", &cfg, 4), -EINVAL);
	rawbpf_object_close(obj);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_find),
		cmocka_unit_test(test_enumerate),
		cmocka_unit_test(test_set_get),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
