// SPDX-License-Identifier: BSD-2-Clause
/* object_conventions.c - libbpf's silent conventions, without a kernel:
 * a hidden global subprogram's BTF FUNC becomes static, a visible global
 * subprogram and the programs keep global linkage; "?" sections; exception
 * callback tags found, and bad ones refused at open. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "core/mem.h"
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

/* SEC("?socket"): section socket, known type, autoload off. */
static void test_question_prefix(void **state)
{
	struct rawbpf_object *obj;
	struct rawbpf_program *p;

	(void)state;
	assert_int_equal(rawbpf_object_open_file(RB_BPF_OBJ("obj_exception"), NULL, &obj), 0);
	p = rawbpf_object_find_program(obj, "optional_prog");
	assert_non_null(p);
	assert_false(rawbpf_program_autoload(p));
	assert_string_equal(rawbpf_program_section(p), "socket");
	assert_int_equal(rawbpf_program_type(p), BPF_PROG_TYPE_SOCKET_FILTER);
	p = rawbpf_object_find_program(obj, "throwing");
	assert_true(rawbpf_program_autoload(p));
	rawbpf_object_close(obj);
}

/* The tag names exc_cb: it is appended after the program's code. */
static void test_exception_cb_appended(void **state)
{
	struct rawbpf_object *obj;
	struct rawbpf_program *p;
	struct bpf_insn *insns;
	uint32_t cnt, *base;
	int cb;

	(void)state;
	assert_int_equal(rawbpf_object_open_file(RB_BPF_OBJ("obj_exception"), NULL, &obj), 0);
	p = rawbpf_object_find_program(obj, "throwing");
	assert_int_not_equal(p->exc_cb, 0);
	cb = (int)p->exc_cb - 1;
	assert_string_equal(obj->funcs[cb].name, "exc_cb");
	base = calloc(obj->nfuncs, sizeof(*base));
	assert_non_null(base);
	assert_int_equal(rb_obj_relocate(obj, p, &insns, &cnt, base, obj->nfuncs), 0);
	assert_int_equal(base[cb], obj->funcs[p->func].cnt);
	assert_int_equal(cnt, obj->funcs[p->func].cnt + obj->funcs[cb].cnt);
	rb_free(obj->alloc, insns);
	free(base);
	rawbpf_object_close(obj);
}

static void keep_msg(void *ctx, enum rawbpf_log_level level, const char *msg)
{
	(void)level;
	snprintf(ctx, 512, "%s", msg);
}

/* Object @name is refused at open with @err and a message with @msg. */
static void bad_cb(const char *name, int err, const char *msg)
{
	struct rawbpf_object *obj = NULL;
	char path[512], got[512] = "";
	RAWBPF_OPTS(rawbpf_object_open_opts, o, .log = keep_msg, .log_ctx = got);

	snprintf(path, sizeof(path), "%s/%s.o", RAWBPF_BPF_DIR, name);
	assert_int_equal(rawbpf_object_open_file(path, &o, &obj), err);
	assert_null(obj);
	if (!strstr(got, msg))
		fail_msg("message '%s' lacks '%s'", got, msg);
}

static void test_exception_cb_refused(void **state)
{
	(void)state;
	bad_cb("obj_exception_missing", -ENOENT, "exception callback 'nosuch' is not a function");
	bad_cb("obj_exception_prog", -EINVAL, "'other' is a program (section tc)");
	bad_cb("obj_exception_two", -EINVAL, "more than one exception callback (exc_cb and exc_cb2)");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hidden_static),
		cmocka_unit_test(test_question_prefix),
		cmocka_unit_test(test_exception_cb_appended),
		cmocka_unit_test(test_exception_cb_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
