// SPDX-License-Identifier: BSD-2-Clause
/*
 * object_arena.c - __arena globals (tests/bpf/arena/arena_globals.bpf.c,
 * clang 18+): they live at the end of the object's arena map (6.9), with
 * their initial values; user space reads and writes them through
 * rawbpf_object_global_data(obj, ".addr_space.1") (the arena's mmap), the
 * program through ld_imm64 of the arena, and each sees the other's
 * writes. Before load the same call gives the object's copy.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"
#include "rawbpf/object.h"
#include "rawbpf/sys.h"

struct globals {		/* .addr_space.1 as clang 19 lays it out */
	int table[4];
	char note[16];
	int counter;
};

/* An arena map this kernel makes, or a skip naming why not. */
static void need_arena(void)
{
	int fd;

	rb_require_kernel();
	if (access(RB_BPF_OBJ("arena_globals"), F_OK)) {
		print_message("[  SKIP    ] toolchain lacks: clang 18+ to build tests/bpf/arena\n");
		skip();
	}
	RAWBPF_OPTS(rawbpf_sys_map_create_opts, o, .map_flags = BPF_F_MMAPABLE);
	fd = rawbpf_sys_map_create(RAWBPF_MAP_TYPE_ARENA, NULL, 0, 0, 1, &o);
	if (fd == -EINVAL)
		rb_skip_feature("arena maps (6.9)");
	if (fd == -EPERM)
		rb_skip_feature("arena maps: BPF_MAP_CREATE of one is refused with -EPERM here (a policy of this machine, as for fentry)");
	assert_true(fd > 2);
	close(fd);
}

static void test_arena_globals(void **state)
{
	RAWBPF_OPTS(rawbpf_sys_prog_test_run_opts, run);
	struct rawbpf_object *obj;
	struct globals *g;
	size_t size;
	int prog;

	(void)state;
	need_arena();
	assert_int_equal(rawbpf_object_open_file(RB_BPF_OBJ("arena_globals"), NULL, &obj), 0);
	/* before load: the object's copy, from the ELF */
	g = rawbpf_object_global_data(obj, ".addr_space.1", &size);
	assert_non_null(g);
	assert_int_equal(size, sizeof(*g));
	assert_int_equal(g->table[3], 40);
	assert_string_equal(g->note, "rawbpf");
	g->table[2] = 33;	/* changed before load: the arena starts so */
	assert_int_equal(rawbpf_object_load(obj), 0);
	g = rawbpf_object_global_data(obj, ".addr_space.1", &size);
	assert_non_null(g);
	/* at the end of the 4-page arena, never at its first byte */
	assert_true(((uintptr_t)g & 0xffffffffu) != 0);
	assert_int_equal(g->table[2], 33);
	assert_int_equal(g->counter, 0);
	g->table[1] = 1234;	/* user space writes, the program reads */
	prog = rawbpf_program_fd(rawbpf_object_find_program(obj, "arena_bump"));
	assert_int_equal(rawbpf_sys_prog_test_run(prog, &run), 0);
	assert_int_equal(run.retval, 40);
	assert_int_equal(rawbpf_sys_prog_test_run(prog, &run), 0);
	assert_int_equal(run.retval, 80);
	/* the program wrote, user space reads */
	assert_int_equal(g->counter, 80);
	assert_int_equal(g->table[0], 1234);
	assert_string_equal(g->note, "Rawbpf");
	rawbpf_object_close(obj);
}

/* map_extra names the arena's user address: it is mapped there */
static void test_arena_refusals(void **state)
{
	struct rawbpf_object *obj;
	struct rawbpf_map *m;

	(void)state;
	need_arena();
	/* an arena too small for its globals is refused at load, by name */
	assert_int_equal(rawbpf_object_open_file(RB_BPF_OBJ("arena_globals"), NULL, &obj), 0);
	m = rawbpf_object_find_map(obj, "arena");
	assert_non_null(m);
	assert_int_equal(rawbpf_map_set_max_entries(m, 0), 0);
	assert_true(rawbpf_object_load(obj) < 0);
	rawbpf_object_close(obj);
}

#define T(name) cmocka_unit_test_teardown(name, rb_fixture_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_arena_globals), T(test_arena_refusals),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
