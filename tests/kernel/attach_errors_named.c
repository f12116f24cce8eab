// SPDX-License-Identifier: BSD-2-Clause
/* attach_errors_named.c - every -ENOENT from an attach names what was
 * missing, in the log hook's warn message and, for auto-attach, in
 * err_msg: the file, the symbol, the library, the tracepoint, the raw
 * tracepoint. A program that was never loaded and a bare SEC("tc") get
 * -EINVAL/-EOPNOTSUPP with a message that says what to do. */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"
#include "logcap.h"
#include "trace_progs.h"
#include "rawbpf/attach_auto.h"
#include "rawbpf/attach_trace.h"
#include "rawbpf/object.h"

#define exe rb_self_exe

static int prog(uint32_t type, uint32_t attach_type)
{
	struct rb_tcount_prog p = { .prog_type = type,
				    .attach_type = attach_type,
				    .map_fd = rb_tcount_map() };
	int fd = rb_tcount_load(&p);

	close(p.map_fd);
	assert_true(fd > 2);
	return fd;
}

/* @c has a warn message with @want; else fail showing what came. */
static void warned(const struct rb_logcap *c, const char *want)
{
	if (!rb_logcap_has(c, RAWBPF_LOG_WARN, want))
		fail_msg("no warning '%s' in:\n%s", want, c->text);
}

static void test_uprobe_names_file_symbol_library(void **state)
{
	struct rawbpf_attachment *at = NULL;
	struct rb_logcap c;
	char want[700];
	int fd;

	(void)state;
	rb_require_kernel();
	fd = prog(BPF_PROG_TYPE_KPROBE, 0);
	rb_logcap_start(&c, RAWBPF_LOG_WARN);
	assert_int_equal(rawbpf_attach_uprobe(fd, "/nonexistent-rb/x", "f", 0,
					      NULL, &at), -ENOENT);
	warned(&c, "uprobe: cannot open /nonexistent-rb/x: no such file");
	assert_int_equal(rawbpf_attach_uprobe(fd, exe, "rb_no_such_fn", 0, NULL,
					      &at), -ENOENT);
	snprintf(want, sizeof(want), "uprobe: symbol 'rb_no_such_fn' not found in %s",
		 exe);
	warned(&c, want);
	assert_int_equal(rawbpf_attach_uprobe(fd, "librb_nosuch", "f", 0, NULL,
					      &at), -ENOENT);
	warned(&c, "uprobe: library 'librb_nosuch' is neither mapped in process");
	/* an offset only: the kernel opens the file itself */
	assert_int_equal(rawbpf_attach_uprobe(fd, "/nonexistent-rb/y", NULL, 16,
					      NULL, &at), -ENOENT);
	warned(&c, "uprobe: /nonexistent-rb/y+0x10: the kernel found no such file");
	assert_null(at);
	close(fd);
}

static void test_uprobe_multi_names_symbol_and_pattern(void **state)
{
	const char *f[] = { "rb_no_such_fn" };
	struct rawbpf_attachment *at = NULL;
	struct rb_logcap c;
	char want[700];
	int fd;

	(void)state;
	rb_require_kernel();
	fd = prog(BPF_PROG_TYPE_KPROBE, RAWBPF_TRACE_UPROBE_MULTI);
	rb_logcap_start(&c, RAWBPF_LOG_WARN);
	assert_int_equal(rawbpf_attach_uprobe_multi(fd, exe, f, 1, NULL, &at),
			 -ENOENT);
	snprintf(want, sizeof(want), "uprobe: symbol 'rb_no_such_fn' not found in %s",
		 exe);
	warned(&c, want);
	assert_int_equal(rawbpf_attach_uprobe_multi_glob(fd, exe, "rb_zz_*", NULL,
							 &at), -ENOENT);
	snprintf(want, sizeof(want), "uprobe.multi: no function in %s matches 'rb_zz_*'",
		 exe);
	warned(&c, want);
	assert_null(at);
	close(fd);
}

static void test_tracepoints_named(void **state)
{
	RAWBPF_OPTS(rawbpf_attach_tracepoint_opts, o, .tracefs = "/nonexistent-rb");
	struct rawbpf_attachment *at = NULL;
	struct rb_logcap c;
	char want[300];
	int tp, raw;

	(void)state;
	rb_require_kernel();
	tp = prog(BPF_PROG_TYPE_TRACEPOINT, 0);
	raw = prog(BPF_PROG_TYPE_RAW_TRACEPOINT, 0);
	rb_logcap_start(&c, RAWBPF_LOG_WARN);
	assert_int_equal(rawbpf_attach_tracepoint(tp, "syscalls", "sys_enter_rb_nosuch",
						  NULL, &at), -ENOENT);
	snprintf(want, sizeof(want),
		 "tracepoint syscalls:sys_enter_rb_nosuch not found (no events/syscalls/sys_enter_rb_nosuch/id in %s)",
		 rb_tracefs());
	warned(&c, want);
	assert_int_equal(rawbpf_attach_tracepoint(tp, "sched", "sched_switch", &o,
						  &at), -ENOENT);
	warned(&c, "tracepoint sched:sched_switch not found (no events/sched/sched_switch/id in /nonexistent-rb)");
	assert_int_equal(rawbpf_attach_raw_tracepoint(raw, "rb_nosuch_tp", NULL,
						      &at), -ENOENT);
	warned(&c, "raw tracepoint 'rb_nosuch_tp' not found in the kernel");
	assert_null(at);
	close(tp);
	close(raw);
}

/* Auto-attach: the section's reason in err_msg, not strerror's. */
static void test_auto_attach_err_msg(void **state)
{
	char msg[512], sec[700], want[1400];
	RAWBPF_OPTS(rawbpf_attach_section_opts, o, .err_msg = msg,
		    .err_msg_size = sizeof(msg));
	struct rawbpf_attachment *at = NULL;
	int up, tp;

	(void)state;
	rb_require_kernel();
	up = prog(BPF_PROG_TYPE_KPROBE, 0);
	tp = prog(BPF_PROG_TYPE_TRACEPOINT, 0);
	snprintf(sec, sizeof(sec), "uprobe/%s:rb_no_such_fn", exe);
	assert_int_equal(rawbpf_attach_section(up, sec, 0, &o, &at), -ENOENT);
	snprintf(want, sizeof(want), "section %s: uprobe: symbol 'rb_no_such_fn' not found in %s",
		 sec, exe);
	assert_string_equal(msg, want);
	assert_null(strstr(msg, "No such file"));
	assert_int_equal(rawbpf_attach_section(tp, "tp/syscalls/sys_enter_rb_nosuch",
					       0, &o, &at), -ENOENT);
	assert_non_null(strstr(msg, "section tp/syscalls/sys_enter_rb_nosuch: tracepoint syscalls:sys_enter_rb_nosuch not found"));
	/* a later success leaves no stale message */
	assert_int_equal(rawbpf_attach_section(tp, "tp/syscalls/sys_enter_getppid",
					       0, &o, &at), 0);
	assert_string_equal(msg, "");
	rawbpf_attachment_destroy(at);
	close(up);
	close(tp);
}

static void test_not_loaded_program(void **state)
{
	char msg[256];
	RAWBPF_OPTS(rawbpf_attach_section_opts, o, .err_msg = msg,
		    .err_msg_size = sizeof(msg));
	struct rawbpf_object *obj = NULL;
	struct rawbpf_attachment *at = NULL;
	struct rb_logcap c;

	(void)state;
	rb_logcap_start(&c, RAWBPF_LOG_WARN);
	assert_int_equal(rawbpf_object_open_file(RB_BPF_OBJ("obj_globals"), NULL,
						 &obj), 0);
	assert_int_equal(rawbpf_program_attach(
		rawbpf_object_find_program(obj, "globals_prog"), &o, &at), -EINVAL);
	assert_string_equal(msg, "program globals_prog (section socket) is not loaded: call rawbpf_object_load() first (with its autoload on)");
	warned(&c, "program globals_prog (section socket) is not loaded");
	/* without options the hook still hears it */
	assert_int_equal(rawbpf_program_attach(
		rawbpf_object_find_program(obj, "globals_prog"), NULL, &at), -EINVAL);
	assert_int_equal(c.count[RAWBPF_LOG_WARN], 2);
	assert_null(at);
	rawbpf_object_close(obj);
}

static void test_bare_tc_section_points_to_attach_tc(void **state)
{
	char msg[512];
	RAWBPF_OPTS(rawbpf_attach_section_opts, o, .err_msg = msg,
		    .err_msg_size = sizeof(msg));
	struct rawbpf_attachment *at = NULL;

	(void)state;
	assert_int_equal(rawbpf_attach_section(3, "tc", 0, &o, &at), -EOPNOTSUPP);
	assert_non_null(strstr(msg, "section tc names no interface or direction: attach it with rawbpf_attach_tc()"));
	assert_non_null(strstr(msg, "rawbpf_attach_tcx_prog()"));
	assert_int_equal(rawbpf_attach_section(3, "classifier", 0, &o, &at),
			 -EOPNOTSUPP);
	assert_non_null(strstr(msg, "rawbpf_attach_tc()"));
	assert_null(at);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_uprobe_names_file_symbol_library,
					  rb_fixture_teardown),
		cmocka_unit_test_teardown(test_uprobe_multi_names_symbol_and_pattern,
					  rb_fixture_teardown),
		cmocka_unit_test_teardown(test_tracepoints_named, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_auto_attach_err_msg,
					  rb_fixture_teardown),
		cmocka_unit_test_teardown(test_not_loaded_program, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_bare_tc_section_points_to_attach_tc,
					  rb_fixture_teardown),
	};

	return cmocka_run_group_tests(tests, rb_self_exe_setup, NULL);
}
