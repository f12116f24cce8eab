// SPDX-License-Identifier: BSD-2-Clause
/* object_cli.c - the rawbpf CLI keeps its contract: exact `list` and
 * `load` output lines, exit codes, --only, -v and --pin-dir. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fixture.h"
#include "kernel_features.h"
#include "rawbpf/object.h"
#include "rawbpf/sys.h"

#include "cli_run.h"

static void test_list(void **state)
{
	struct rawbpf_object *obj;
	char out[4096], expect[1024];

	(void)state;
	rb_require_kernel();
	assert_int_equal(rawbpf_object_open_file(RB_BPF_OBJ("obj_legacy"), NULL, &obj), 0);
	snprintf(expect, sizeof(expect),
		 "prog\tlegacy_count\tsocket\t%u\n"
		 "map\tlegacy_counts\tarray\t4\t8\t4\n",
		 rawbpf_program_insn_count(rawbpf_object_find_program(obj, "legacy_count")));
	rawbpf_object_close(obj);
	assert_int_equal(rb_cli("list " RB_BPF_OBJ("obj_legacy"), out, sizeof(out)), 0);
	assert_string_equal(out, expect);

	assert_int_equal(rb_cli("list " RB_BPF_OBJ("obj_globals"), out, sizeof(out)), 0);
	assert_non_null(strstr(out, "map\t.rodata\tarray\t4\t4\t1\n"));
	assert_non_null(strstr(out, "map\t.bss\tarray\t4\t4\t1\n"));
	assert_non_null(strstr(out, "prog\tglobals_prog\tsocket\t"));
	assert_int_equal(rb_cli("list " RB_BPF_OBJ("obj_maps"), out, sizeof(out)), 0);
	assert_non_null(strstr(out, "map\ttyped_hash\thash\t4\t16\t16\n"));
	assert_non_null(strstr(out, "map\touter\tarray_of_maps\t4\t4\t2\n"));
	assert_non_null(strstr(out, "map\tring\tringbuf\t0\t0\t4096\n"));
	assert_int_equal(rb_cli("list /nonexistent.o 2>/dev/null", out, sizeof(out)), 1);
	assert_string_equal(out, "");
}

static void test_load(void **state)
{
	char out[8192];
	const char *err_line;

	(void)state;
	rb_require_kernel();
	assert_int_equal(rb_cli("load " RB_BPF_OBJ("obj_maps"), out, sizeof(out)), 0);
	assert_string_equal(out, "tail_target\tsocket\tok\n"
				 "tail_entry\tsocket\tok\n"
				 "inner_reader\tsocket\tok\n"
				 "sub_caller\tsocket\tok\n"
				 "lock_user\ttc\tok\n");
	/* one program fails: the others still load, exit 1 */
	assert_int_equal(rb_cli("load " RB_BPF_OBJ("obj_bad") " 2>/dev/null", out,
			     sizeof(out)), 1);
	err_line = "good_prog\tsocket\tok\n"
		   "bad_prog\tsocket\terror\t13\tprogram bad_prog (section socket, ";
	if (strncmp(out, err_line, strlen(err_line)))
		fail_msg("output:\n%s", out);
	assert_int_equal(strchr(out + strlen(err_line), '\n')[1], '\0');
	assert_null(strchr(out + strlen(err_line), '\t'));
	/* -v: the verifier log follows on stderr */
	assert_int_equal(rb_cli("load -v " RB_BPF_OBJ("obj_bad") " 2>&1 >/dev/null",
			     out, sizeof(out)), 1);
	assert_non_null(strstr(out, "verifier log of bad_prog"));
	assert_non_null(strstr(out, "return *v + 1;"));
	/* --only */
	assert_int_equal(rb_cli("load " RB_BPF_OBJ("obj_bad") " --only good_prog",
			     out, sizeof(out)), 0);
	assert_string_equal(out, "good_prog\tsocket\tok\n");
	assert_int_equal(rb_cli("load " RB_BPF_OBJ("obj_bad") " --only nope 2>/dev/null",
			     out, sizeof(out)), 1);
	assert_string_equal(out, "");
	assert_int_equal(rb_cli("bogus 2>/dev/null", out, sizeof(out)), 2);
	/* a program whose kernel target is missing is the one named */
	assert_int_equal(rb_cli("load " RB_BPF_OBJ("obj_tracing")
				" --only iter_tasks --only on_nothing 2>/dev/null",
				out, sizeof(out)), 1);
	err_line = rb_have(RB_FEAT_KERNEL_BTF) ?
		"iter_tasks\titer/task\tok\n"
		"on_nothing\tfentry/rawbpf_no_such_function\terror\t3\tprogram on_nothing" :
		/* no kernel BTF: the first target named stops the load */
		"iter_tasks\titer/task\terror\t2\tkernel BTF (/sys/kernel/btf/vmlinux) "
		"needed for bpf_iter_task";
	if (strncmp(out, err_line, strlen(err_line)))
		fail_msg("output:\n%s", out);
}

static void test_load_pin_dir(void **state)
{
	char dir[256], args[512], path[512], out[1024];

	(void)state;
	rb_require_kernel();
	assert_int_equal(rb_bpffs_dir(dir, sizeof(dir)), 0);
	snprintf(args, sizeof(args), "load %s --pin-dir %s",
		 RB_BPF_OBJ("obj_globals"), dir);
	assert_int_equal(rb_cli(args, out, sizeof(out)), 0);
	assert_string_equal(out, "globals_prog\tsocket\tok\n");
	snprintf(path, sizeof(path), "%s/globals_prog", dir);
	assert_int_equal(access(path, F_OK), 0);
	snprintf(path, sizeof(path), "%s/_rodata", dir);
	assert_int_equal(access(path, F_OK), 0);
	snprintf(path, sizeof(path), "%s/_data_extra", dir);
	assert_int_equal(access(path, F_OK), 0);
	/* a map pinned by name lands in the pin dir once, no clash */
	snprintf(args, sizeof(args), "load %s --pin-dir %s",
		 RB_BPF_OBJ("obj_pin"), dir);
	assert_int_equal(rb_cli(args, out, sizeof(out)), 0);
	assert_string_equal(out, "pin_count\tsocket\tok\n");
	snprintf(path, sizeof(path), "%s/rb_shared", dir);
	assert_int_equal(access(path, F_OK), 0);
	snprintf(path, sizeof(path), "%s/pin_count", dir);
	assert_int_equal(access(path, F_OK), 0);
	/* the fixture removes the pins */
}

/* The id of the map pinned at @dir/@name. */
static uint32_t pinned_map_id(const char *dir, const char *name)
{
	struct bpf_map_info info;
	uint32_t len = sizeof(info);
	char path[512];
	int fd;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fd = rawbpf_sys_obj_get(path, NULL);
	assert_true(fd >= 0);
	memset(&info, 0, sizeof(info));
	assert_int_equal(rawbpf_sys_obj_get_info_by_fd(fd, &info, &len), 0);
	close(fd);
	return info.id;
}

static void test_load_maps_only(void **state)
{
	char dir[256], tmp[] = "/tmp/rb_cli_XXXXXX", args[512], want[1024],
	     out[1024];

	(void)state;
	rb_require_kernel();
	assert_int_equal(rb_bpffs_dir(dir, sizeof(dir)), 0);
	/* no programs: one line per map made, with its id and pin */
	snprintf(args, sizeof(args), "load %s --pin-dir %s",
		 RB_BPF_OBJ("maps_only"), dir);
	assert_int_equal(rb_cli(args, out, sizeof(out)), 0);
	snprintf(want, sizeof(want),
		 "map\tonly_hash\thash\tid %u\n"
		 "map\tonly_array\tarray\tid %u\n"
		 "map\tonly_pinned\tarray\tid %u\tpin %s/only_pinned\n",
		 pinned_map_id(dir, "only_hash"), pinned_map_id(dir, "only_array"),
		 pinned_map_id(dir, "only_pinned"), dir);
	assert_string_equal(out, want);
	/* a failed load says why on stderr and exits 1 (pins need bpffs) */
	assert_non_null(mkdtemp(tmp));
	snprintf(args, sizeof(args), "load %s --pin-dir %s 2>&1",
		 RB_BPF_OBJ("maps_only"), tmp);
	assert_int_equal(rb_cli(args, out, sizeof(out)), 1);
	if (!strstr(out, "map only_pinned: pinning at") || strstr(out, "\tid "))
		fail_msg("output:\n%s", out);
	assert_int_equal(rmdir(tmp), 0);	/* nothing was left in it */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_list, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_load, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_load_pin_dir, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_load_maps_only, rb_fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
