// SPDX-License-Identifier: BSD-2-Clause
/* object_log_hook.c - the process-wide log hook (rawbpf_log_set): a load
 * tells at info level that BTF was loaded, maps were created, pinned or
 * reused and programs loaded with their instruction counts; at debug
 * also each map's creation and a guarded CO-RE poison, which never
 * reaches warn; levels above the hook's maximum are not delivered; an
 * object's own callback still takes its messages instead of the hook. */
#include <string.h>

#include "fixture.h"
#include "kernel_features.h"
#include "logcap.h"
#include "rawbpf/object.h"

static struct rawbpf_object *load(const char *name,
				  const struct rawbpf_object_open_opts *o)
{
	struct rawbpf_object *obj = NULL;

	assert_int_equal(rawbpf_object_open_file(name, o, &obj), 0);
	if (rawbpf_object_load(obj))
		fail_msg("load %s: %s", name, rawbpf_object_error(obj));
	return obj;
}

static void test_info_during_load(void **state)
{
	struct rb_logcap c;
	struct rawbpf_object *obj;
	char want[128];

	(void)state;
	rb_require_kernel();
	rb_logcap_start(&c, RAWBPF_LOG_INFO);
	obj = load(RB_BPF_OBJ("obj_globals"), NULL);
	assert_true(rb_logcap_has(&c, RAWBPF_LOG_INFO, "BTF: loaded "));
	snprintf(want, sizeof(want), "program globals_prog (section %s): loaded, %u insns",
		 rawbpf_program_section(rawbpf_object_find_program(obj, "globals_prog")),
		 rawbpf_program_insn_count(rawbpf_object_find_program(obj, "globals_prog")));
	if (!rb_logcap_has(&c, RAWBPF_LOG_INFO, want))
		fail_msg("no '%s' in:\n%s", want, c.text);
	/* debug messages are not delivered to an info hook */
	assert_int_equal(c.count[RAWBPF_LOG_DEBUG], 0);
	assert_int_equal(c.count[RAWBPF_LOG_WARN], 0);
	rawbpf_object_close(obj);
}

static void test_debug_map_creation(void **state)
{
	struct rb_logcap c;
	struct rawbpf_object *obj;

	(void)state;
	rb_require_kernel();
	rb_logcap_start(&c, RAWBPF_LOG_DEBUG);
	obj = load(RB_BPF_OBJ("obj_globals"), NULL);
	if (!rb_logcap_has(&c, RAWBPF_LOG_DEBUG, "map .rodata: created (type 2, key 4, value 4"))
		fail_msg("no .rodata creation in:\n%s", c.text);
	assert_true(c.count[RAWBPF_LOG_INFO] > 0);
	rawbpf_object_close(obj);
}

static void test_pin_created_then_reused(void **state)
{
	char dir[256], want[512];
	struct rb_logcap c;
	struct rawbpf_object *a, *b;

	(void)state;
	rb_require_kernel();
	assert_int_equal(rb_bpffs_dir(dir, sizeof(dir)), 0);
	{
		RAWBPF_OPTS(rawbpf_object_open_opts, o, .pin_root = dir);

		rb_logcap_start(&c, RAWBPF_LOG_INFO);
		a = load(RB_BPF_OBJ("obj_pin"), &o);
		snprintf(want, sizeof(want), "map rb_shared: created and pinned at %s/rb_shared", dir);
		if (!rb_logcap_has(&c, RAWBPF_LOG_INFO, want))
			fail_msg("no '%s' in:\n%s", want, c.text);
		b = load(RB_BPF_OBJ("obj_pin"), &o);
		snprintf(want, sizeof(want), "map rb_shared: reused the map pinned at %s/rb_shared", dir);
		if (!rb_logcap_has(&c, RAWBPF_LOG_INFO, want))
			fail_msg("no '%s' in:\n%s", want, c.text);
	}
	rawbpf_object_close(b);
	rawbpf_object_close(a);
}

/* bpf_core_field_exists() guards a read the kernel lacks: poisoned, said
 * at debug, nothing at warn, and the load works. */
static void test_guarded_poison_is_debug(void **state)
{
	struct rb_logcap c;
	struct rawbpf_object *obj = NULL;

	(void)state;
	rb_require_kernel();
	rb_need(RB_FEAT_KERNEL_BTF);	/* the guarded relocation is CO-RE */
	rb_logcap_start(&c, RAWBPF_LOG_DEBUG);
	assert_int_equal(rawbpf_object_open_file(RB_BPF_OBJ("core_poison"), NULL,
						 &obj), 0);
	assert_int_equal(rawbpf_program_set_autoload(
		rawbpf_object_find_program(obj, "rb_unguarded"), false), 0);
	if (rawbpf_object_load(obj))
		fail_msg("load: %s", rawbpf_object_error(obj));
	if (!rb_logcap_has(&c, RAWBPF_LOG_DEBUG,
			   "program rb_guarded: CO-RE relocation") ||
	    !rb_logcap_has(&c, RAWBPF_LOG_DEBUG, "instruction poisoned"))
		fail_msg("no poison at debug in:\n%s", c.text);
	assert_int_equal(c.count[RAWBPF_LOG_WARN], 0);
	rawbpf_object_close(obj);
}

/* An object's own callback takes its messages (every level); the
 * process's hook then hears nothing of that object. */
static void test_object_callback_wins(void **state)
{
	struct rb_logcap hook, own;
	RAWBPF_OPTS(rawbpf_object_open_opts, o, .log = rb_logcap_fn,
		    .log_ctx = &own);
	struct rawbpf_object *obj;

	(void)state;
	rb_require_kernel();
	memset(&own, 0, sizeof(own));
	rb_logcap_start(&hook, RAWBPF_LOG_DEBUG);
	obj = load(RB_BPF_OBJ("obj_globals"), &o);
	assert_true(rb_logcap_has(&own, RAWBPF_LOG_INFO, "program globals_prog"));
	assert_true(rb_logcap_has(&own, RAWBPF_LOG_DEBUG, "map .rodata: created"));
	assert_int_equal(hook.len, 0);
	rawbpf_object_close(obj);
}

static void test_set_log_returns_previous(void **state)
{
	struct rb_logcap c;
	struct rawbpf_object *obj;

	(void)state;
	rb_require_kernel();
	rb_logcap_start(&c, RAWBPF_LOG_DEBUG);
	assert_ptr_equal(rawbpf_log_set(NULL, NULL, RAWBPF_LOG_DEBUG),
			 rb_logcap_fn);
	obj = load(RB_BPF_OBJ("obj_globals"), NULL);
	assert_int_equal(c.len, 0);	/* silenced */
	rawbpf_object_close(obj);
	assert_null(rawbpf_log_set(rb_logcap_fn, &c, RAWBPF_LOG_WARN));
	obj = load(RB_BPF_OBJ("obj_globals"), NULL);
	assert_int_equal(c.len, 0);	/* a clean load says nothing at warn */
	rawbpf_object_close(obj);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_info_during_load, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_debug_map_creation, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_pin_created_then_reused,
					  rb_fixture_teardown),
		cmocka_unit_test_teardown(test_guarded_poison_is_debug,
					  rb_fixture_teardown),
		cmocka_unit_test_teardown(test_object_callback_wins,
					  rb_fixture_teardown),
		cmocka_unit_test_teardown(test_set_log_returns_previous,
					  rb_fixture_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
