// SPDX-License-Identifier: BSD-2-Clause
/* attach_uprobe_pid.c - the uprobe pid convention is libbpf's: pid 0
 * probes this process only (a forked child calling the function is not
 * counted), -1 probes every process (the child is counted), for uprobes
 * and uprobe_multi; section auto-attach without a pid probes every
 * process, as libbpf's auto-attach does; a pid below -1 is -EINVAL. */
#include <errno.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fixture.h"
#include "trace_progs.h"
#include "rawbpf/attach_auto.h"
#include "rawbpf/attach_trace.h"
#include "rawbpf/sys.h"

__attribute__((noinline)) int rb_pid_target(int x)
{
	__asm__ volatile("" : "+r"(x));
	return x + 1;
}

#define exe rb_self_exe

/* A counting program on @map slot 0 that counts every process. */
static int counter(int map, uint32_t attach_type)
{
	struct rb_tcount_prog p = {
		.prog_type = BPF_PROG_TYPE_KPROBE, .attach_type = attach_type,
		.map_fd = map,
	};
	int fd = rb_tcount_load(&p);

	assert_true(fd > 2);
	return fd;
}

/* Call the target 3 times here and 5 times in a child; the count. */
static uint64_t parent_3_child_5(int map)
{
	int status;
	pid_t pid;

	for (int i = 0; i < 3; i++)
		rb_pid_target(i);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		for (int i = 0; i < 5; i++)
			rb_pid_target(i);
		_exit(0);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_int_equal(WEXITSTATUS(status), 0);
	return rb_tcount_get(map, 0);
}

static uint64_t uprobe_count(int32_t pid)
{
	RAWBPF_OPTS(rawbpf_attach_uprobe_opts, o, .pid = pid);
	struct rawbpf_attachment *at = NULL;
	int map = rb_tcount_map(), prog = counter(map, 0);
	uint64_t n;

	assert_int_equal(rawbpf_attach_uprobe(prog, exe, "rb_pid_target", 0, &o,
					      &at), 0);
	n = parent_3_child_5(map);
	rawbpf_attachment_destroy(at);
	close(prog);
	close(map);
	return n;
}

static void test_uprobe_pid_0_is_this_process(void **state)
{
	(void)state;
	rb_require_kernel();
	rb_skip_uprobe_under_valgrind();
	assert_int_equal(uprobe_count(0), 3);
}

static void test_uprobe_pid_minus_1_is_every_process(void **state)
{
	(void)state;
	rb_require_kernel();
	rb_skip_uprobe_under_valgrind();
	assert_int_equal(uprobe_count(-1), 8);
}

static void test_uprobe_own_pid_given(void **state)
{
	(void)state;
	rb_require_kernel();
	rb_skip_uprobe_under_valgrind();
	/* our own pid given explicitly is the same as 0 */
	assert_int_equal(uprobe_count(getpid()), 3);
}

static uint64_t multi_count(int32_t pid)
{
	RAWBPF_OPTS(rawbpf_attach_uprobe_multi_opts, o, .pid = pid);
	const char *f = "rb_pid_target";
	struct rawbpf_attachment *at = NULL;
	int map = rb_tcount_map(), prog, err;
	uint64_t n;

	prog = counter(map, RAWBPF_TRACE_UPROBE_MULTI);
	err = rawbpf_attach_uprobe_multi(prog, exe, &f, 1, &o, &at);
	if (err == -EOPNOTSUPP || err == -EINVAL) {
		close(prog);
		close(map);
		rb_skip_feature("uprobe_multi links (6.6)");
	}
	assert_int_equal(err, 0);
	n = parent_3_child_5(map);
	rawbpf_attachment_destroy(at);
	close(prog);
	close(map);
	return n;
}

static void test_uprobe_multi_pid(void **state)
{
	(void)state;
	rb_require_kernel();
	rb_skip_uprobe_under_valgrind();
	assert_int_equal(multi_count(0), 3);
	assert_int_equal(multi_count(-1), 8);
}

/* rawbpf_attach_section with no options: every process, as libbpf. */
static void test_auto_attach_default_is_every_process(void **state)
{
	RAWBPF_OPTS(rawbpf_attach_section_opts, self, .pid = getpid());
	struct rawbpf_attachment *at = NULL;
	char sec[600];
	int map = rb_tcount_map(), prog = counter(map, 0);

	(void)state;
	rb_require_kernel();
	rb_skip_uprobe_under_valgrind();
	snprintf(sec, sizeof(sec), "uprobe/%s:rb_pid_target", exe);
	assert_int_equal(rawbpf_attach_section(prog, sec, 0, NULL, &at), 0);
	assert_int_equal(parent_3_child_5(map), 8);
	rawbpf_attachment_destroy(at);
	rb_tcount_set(map, 0, 0);
	assert_int_equal(rawbpf_attach_section(prog, sec, 0, &self, &at), 0);
	assert_int_equal(parent_3_child_5(map), 3);
	rawbpf_attachment_destroy(at);
	close(prog);
	close(map);
}

static void test_bad_pid(void **state)
{
	RAWBPF_OPTS(rawbpf_attach_uprobe_opts, o, .pid = -2);
	RAWBPF_OPTS(rawbpf_attach_uprobe_multi_opts, mo, .pid = -2);
	const char *f = "rb_pid_target";
	struct rawbpf_attachment *at = NULL;

	(void)state;
	assert_int_equal(rawbpf_attach_uprobe(3, exe, f, 0, &o, &at), -EINVAL);
	assert_int_equal(rawbpf_attach_uprobe_multi(3, exe, &f, 1, &mo, &at),
			 -EINVAL);
	assert_int_equal(rawbpf_attach_uprobe_multi_glob(3, exe, "rb_pid_*", &mo,
							 &at), -EINVAL);
	assert_null(at);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_uprobe_pid_0_is_this_process,
					  rb_fixture_teardown),
		cmocka_unit_test_teardown(test_uprobe_pid_minus_1_is_every_process,
					  rb_fixture_teardown),
		cmocka_unit_test_teardown(test_uprobe_own_pid_given,
					  rb_fixture_teardown),
		cmocka_unit_test_teardown(test_uprobe_multi_pid,
					  rb_fixture_teardown),
		cmocka_unit_test_teardown(test_auto_attach_default_is_every_process,
					  rb_fixture_teardown),
		cmocka_unit_test_teardown(test_bad_pid, rb_fixture_teardown),
	};

	return cmocka_run_group_tests(tests, rb_self_exe_setup, NULL);
}
