// SPDX-License-Identifier: BSD-2-Clause
/* example_porting.c - the "after" program of docs/porting-from-libbpf.md
 * (examples/porting/exec_snoop.c) runs: with its .rodata set to its own
 * pid, its tracepoint program sends the exec of its /bin/true child
 * through the ring buffer, and no exec of another parent. */
#include <stdio.h>
#include <string.h>

#include "fixture.h"
#include "kernel_features.h"
#include "cli_run.h"

#define EXEC_SNOOP RAWBPF_BUILD_DIR "/examples/rawbpf-exec-snoop"

static void test_exec_snoop_sees_its_child(void **state)
{
	char out[4096], want[128];
	int self = 0, child = 0;
	const char *line;

	(void)state;
	rb_require_kernel();
	rb_need(RB_FEAT_KERNEL_BTF);	/* the example is CO-RE */
	rb_tracefs();	/* tracepoints need tracefs mounted */
	assert_int_equal(rb_run_built(EXEC_SNOOP, "--self", out, sizeof(out)), 0);
	line = strstr(out, "self pid=");
	assert_non_null(line);
	assert_int_equal(sscanf(line, "self pid=%d child pid=%d", &self, &child), 2);
	assert_true(self > 0 && child > 0);
	snprintf(want, sizeof(want), "exec pid=%d ppid=%d comm=true\n", child, self);
	if (!strstr(out, want))
		fail_msg("no '%s' in:\n%s", want, out);
	/* the .rodata filter: only children of the tool */
	for (line = strstr(out, "exec pid="); line;
	     line = strstr(line + 1, "exec pid=")) {
		int pid, ppid;

		assert_int_equal(sscanf(line, "exec pid=%d ppid=%d", &pid, &ppid), 2);
		assert_int_equal(ppid, self);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_exec_snoop_sees_its_child,
					  rb_fixture_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
