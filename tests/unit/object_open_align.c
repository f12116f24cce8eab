// SPDX-License-Identifier: BSD-2-Clause
/* object_open_align.c - rawbpf_object_open_mem takes a buffer at any
 * address: at an odd offset the object parses exactly as from an aligned
 * buffer (same programs, instruction counts, maps and global data), and
 * running out of memory for the aligned copy is a clear -ENOMEM that
 * leaks nothing. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "budget.h"
#include "fixture.h"
#include "rawbpf/object.h"

struct blob {
	char *raw;	/* malloc'd, 8-aligned */
	size_t size;
};

static void read_obj(struct blob *b)
{
	b->raw = rb_read_file(RB_BPF_OBJ("obj_globals"), &b->size);
	assert_non_null(b->raw);
	assert_true(b->size > 64);
}

/* The same content at @shift bytes past an 8-aligned address. */
static char *shifted(const struct blob *b, size_t shift, char **base)
{
	*base = aligned_alloc(8, (b->size + shift + 7) / 8 * 8);
	assert_non_null(*base);
	memcpy(*base + shift, b->raw, b->size);
	return *base + shift;
}

static void test_odd_offset_parses_the_same(void **state)
{
	struct rawbpf_object *a = NULL, *u = NULL;
	struct rawbpf_program *pa, *pu;
	uint32_t *ra, *ru;
	size_t sa, su;
	struct blob b;
	char *base, *buf;

	(void)state;
	read_obj(&b);
	buf = shifted(&b, 1, &base);
	assert_int_equal(rawbpf_object_open_mem(b.raw, b.size, NULL, &a), 0);
	assert_int_equal(rawbpf_object_open_mem(buf, b.size, NULL, &u), 0);
	assert_string_equal(rawbpf_object_error(u), "");
	for (pa = rawbpf_object_next_program(a, NULL),
	     pu = rawbpf_object_next_program(u, NULL);
	     pa && pu; pa = rawbpf_object_next_program(a, pa),
	     pu = rawbpf_object_next_program(u, pu)) {
		assert_string_equal(rawbpf_program_name(pa),
				    rawbpf_program_name(pu));
		assert_int_equal(rawbpf_program_insn_count(pa),
				 rawbpf_program_insn_count(pu));
		assert_true(rawbpf_program_insn_count(pu) > 0);
	}
	assert_null(pa);
	assert_null(pu);
	assert_non_null(rawbpf_object_find_program(u, "globals_prog"));
	ra = rawbpf_object_global_data(a, ".rodata", &sa);
	ru = rawbpf_object_global_data(u, ".rodata", &su);
	assert_non_null(ru);
	assert_int_equal(sa, su);
	assert_int_equal(*ra, *ru);
	rawbpf_object_close(a);
	rawbpf_object_close(u);
	free(base);
	free(b.raw);
}

static void test_every_shift(void **state)
{
	struct rawbpf_object *o;
	struct blob b;
	char *base;
	size_t shift;

	(void)state;
	read_obj(&b);
	for (shift = 0; shift < 8; shift++) {
		o = NULL;
		assert_int_equal(rawbpf_object_open_mem(shifted(&b, shift, &base),
							b.size, NULL, &o), 0);
		assert_non_null(rawbpf_object_find_program(o, "globals_prog"));
		rawbpf_object_close(o);
		free(base);
	}
	free(b.raw);
}

static void test_copy_out_of_memory(void **state)
{
	struct budget bud = { .left = 1 };
	struct rawbpf_allocator al = rb_budget_allocator(&bud);
	RAWBPF_OPTS(rawbpf_object_open_opts, o, .alloc = &al);
	struct rawbpf_object *obj = NULL;
	struct blob b;
	char *base;

	(void)state;
	read_obj(&b);
	/* the object itself gets the one allocation, the copy none */
	assert_int_equal(rawbpf_object_open_mem(shifted(&b, 3, &base), b.size,
						&o, &obj), -ENOMEM);
	assert_null(obj);
	assert_int_equal(bud.refused, 1);
	assert_int_equal(bud.live, 0);
	free(base);
	free(b.raw);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_odd_offset_parses_the_same),
		cmocka_unit_test(test_every_shift),
		cmocka_unit_test(test_copy_out_of_memory),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
