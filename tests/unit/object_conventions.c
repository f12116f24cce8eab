// SPDX-License-Identifier: BSD-2-Clause
/* object_conventions.c - libbpf's silent conventions, without a kernel:
 * a hidden global subprogram's BTF FUNC becomes static, a visible global
 * subprogram and the programs keep global linkage. */
#include <errno.h>
#include <string.h>

#include "fixture.h"
#include "object/object.h"

static unsigned linkage(struct rawbpf_object *obj, const char *name)
{
	int id = rb_btf_find(obj->btf, name, RB_BTF_KIND_FUNC);

	assert_true(id > 0);
	return rb_btf_vlen(rb_btf_type_by_id(obj->btf, (uint32_t)id));
}

static void test_hidden_static(void **state)
{
	struct rawbpf_object *obj;

	(void)state;
	assert_int_equal(rawbpf_object_open_file(RB_BPF_OBJ("obj_hidden"), NULL, &obj), 0);
	/* as compiled: all global */
	assert_int_equal(linkage(obj, "set_zero"), RB_BTF_FUNC_GLOBAL);
	assert_int_equal(linkage(obj, "keep_global"), RB_BTF_FUNC_GLOBAL);
	assert_int_equal(rb_obj_btf_conventions(obj), 0);
	assert_int_equal(linkage(obj, "set_zero"), RB_BTF_FUNC_STATIC);
	assert_int_equal(linkage(obj, "keep_global"), RB_BTF_FUNC_GLOBAL);
	assert_int_equal(linkage(obj, "prog"), RB_BTF_FUNC_GLOBAL);
	assert_int_equal(linkage(obj, "hidden_sock"), RB_BTF_FUNC_GLOBAL);
	/* twice is the same */
	assert_int_equal(rb_obj_btf_conventions(obj), 0);
	assert_int_equal(linkage(obj, "set_zero"), RB_BTF_FUNC_STATIC);
	rawbpf_object_close(obj);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hidden_static),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
