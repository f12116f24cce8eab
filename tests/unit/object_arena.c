// SPDX-License-Identifier: BSD-2-Clause
/*
 * object_arena.c - __arena globals at open, without a kernel: the
 * object's copy of .addr_space.1 through rawbpf_object_global_data, and
 * the objects refused by name (globals and no arena map; two arena maps),
 * leaking nothing. The objects need clang 18+ (tests/bpf/arena); without
 * one the tests skip, naming it. Loading: kernel/object_arena.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"
#include "logcap.h"
#include "rawbpf/object.h"

static void need_objects(void)
{
	if (access(RB_BPF_OBJ("arena_globals"), F_OK)) {
		print_message("[  SKIP    ] toolchain lacks: clang 18+ to build tests/bpf/arena\n");
		skip();
	}
}

static void test_arena_copy(void **state)
{
	struct rawbpf_object *obj;
	size_t size = 0;
	int *g;

	(void)state;
	need_objects();
	assert_int_equal(rawbpf_object_open_file(RB_BPF_OBJ("arena_globals"), NULL, &obj), 0);
	g = rawbpf_object_global_data(obj, ".addr_space.1", &size);
	assert_non_null(g);
	assert_int_equal(size, 36);	/* int[4], char[16], int */
	assert_int_equal(g[0], 1);
	assert_int_equal(g[3], 40);
	assert_string_equal((char *)&g[4], "rawbpf");
	assert_int_equal(g[8], 0);
	/* the arena map is a map of the object; the section is not */
	assert_non_null(rawbpf_object_find_map(obj, "arena"));
	assert_null(rawbpf_object_find_map(obj, ".addr_space.1"));
	rawbpf_object_close(obj);
}

static void refused(const char *name, const char *why)
{
	static struct rb_logcap log;
	struct rawbpf_object *obj = NULL;
	char path[512];

	snprintf(path, sizeof(path), "%s/%s.o", RAWBPF_BPF_DIR, name);
	rb_logcap_start(&log, RAWBPF_LOG_WARN);
	assert_int_equal(rawbpf_object_open_file(path, NULL, &obj), -EINVAL);
	assert_null(obj);
	if (!rb_logcap_has(&log, RAWBPF_LOG_WARN, why))
		fail_msg("%s: no '%s' in: %s", name, why, log.text);
}

static void test_arena_refused(void **state)
{
	(void)state;
	need_objects();
	refused("arena_nomap", "no arena map (BPF_MAP_TYPE_ARENA in .maps)");
	refused("arena_two", "two arena maps (arena_a, arena_b)");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_arena_copy, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_arena_refused, rb_fixture_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
