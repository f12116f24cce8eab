// SPDX-License-Identifier: BSD-2-Clause
/* attach_uprobe.c - uprobes fire: on functions of this test binary (PIE,
 * exported with -rdynamic) and of libc (found through /proc/self/maps), as
 * uprobe and uretprobe, through the perf link, SET_BPF and uprobe_events;
 * with cookies; uprobe_multi on several functions with one cookie each. */
#include <dlfcn.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "faults.h"
#include "fixture.h"
#include "kernel_features.h"
#include "trace_progs.h"
#include "rawbpf/attach_trace.h"
#include "rawbpf/sys.h"

/* Probe targets: exported, never inlined, with a body. */
__attribute__((noinline)) int rb_uprobe_target(int x)
{
	__asm__ volatile("" : "+r"(x));
	return x + 1;
}

__attribute__((noinline)) int rb_uprobe_m1(int x)
{
	__asm__ volatile("" : "+r"(x));
	return x + 1;
}

__attribute__((noinline)) int rb_uprobe_m2(int x)
{
	__asm__ volatile("" : "+r"(x));
	return x + 2;
}

__attribute__((noinline)) int rb_uprobe_m3(int x)
{
	__asm__ volatile("" : "+r"(x));
	return x + 3;
}

/* Called through a volatile pointer so the compiler cannot skip libc. */
static pid_t (*volatile libc_getppid)(void) = getppid;

#define exe rb_self_exe

static int prog_load_as(uint32_t attach_type, int map, uint32_t slot,
			bool cookie)
{
	struct rb_tcount_prog p = {
		.prog_type = BPF_PROG_TYPE_KPROBE, .attach_type = attach_type,
		.map_fd = map, .slot = slot,
		.tgid = (uint32_t)getpid(), .store_cookie = cookie,
	};
	int fd = rb_tcount_load(&p);

	assert_true(fd > 2);
	return fd;
}

static int prog_load(int map, uint32_t slot, bool cookie)
{
	return prog_load_as(0, map, slot, cookie);
}

/* uprobe_multi links want programs loaded for them. */
static int multi_prog_load(int map, uint32_t slot, bool cookie)
{
	return prog_load_as(RAWBPF_TRACE_UPROBE_MULTI, map, slot, cookie);
}

static void call_target(int n)
{
	for (int i = 0; i < n; i++)
		rb_uprobe_target(i);
}

/* No uprobe_events line of this process is left behind (read line by
 * line: tracefs files report size 0, so a read by size saw nothing). */
static void assert_no_events_left(void)
{
	assert_non_null(rb_tracefs());
	assert_int_equal(rb_probe_events_of_self("uprobe_events"), 0);
}

static void exe_counts(uint32_t mode, bool retprobe, bool events,
		       enum rawbpf_attach_kind kind)
{
	RAWBPF_OPTS(rawbpf_attach_uprobe_opts, o, .mode = mode, .retprobe = retprobe,
		    .legacy_events = events);
	struct rawbpf_attachment *at = NULL;
	int map, prog;

	rb_require_kernel();
	assert_non_null(rb_tracefs());
	map = rb_tcount_map();
	prog = prog_load(map, 0, false);
	assert_int_equal(rawbpf_attach_uprobe(prog, exe, "rb_uprobe_target", 0,
					      &o, &at), 0);
	assert_int_equal(rawbpf_attachment_kind(at), kind);
	call_target(3);
	assert_int_equal(rb_tcount_get(map, 0), 3);
	if (kind == RAWBPF_ATTACH_KIND_PERF_EVENT) {
		/* detach ends it: the perf event and its uprobe_events line go
		 * (the line stayed until destroy before) */
		assert_int_equal(rawbpf_attachment_detach(at), 0);
		assert_no_events_left();
		call_target(1);
		assert_int_equal(rb_tcount_get(map, 0), 3);
	}
	rawbpf_attachment_destroy(at);
	call_target(2);
	assert_int_equal(rb_tcount_get(map, 0), 3);
	assert_no_events_left();
	close(prog);
	close(map);
}

static void test_uprobe_link(void **state)
{
	(void)state;
	rb_skip_uprobe_under_valgrind();
	exe_counts(RAWBPF_ATTACH_MODE_LINK, false, false, RAWBPF_ATTACH_KIND_LINK);
}

static void test_uprobe_legacy(void **state)
{
	(void)state;
	rb_skip_uprobe_under_valgrind();
	exe_counts(RAWBPF_ATTACH_MODE_LEGACY, false, false, RAWBPF_ATTACH_KIND_PERF_EVENT);
}

static void test_uprobe_events_link(void **state)
{
	(void)state;
	rb_skip_uprobe_under_valgrind();
	exe_counts(RAWBPF_ATTACH_MODE_LINK, false, true, RAWBPF_ATTACH_KIND_LINK);
}

static void test_uprobe_events_legacy(void **state)
{
	(void)state;
	rb_skip_uprobe_under_valgrind();
	exe_counts(RAWBPF_ATTACH_MODE_LEGACY, false, true, RAWBPF_ATTACH_KIND_PERF_EVENT);
}

static void test_uretprobe_link(void **state)
{
	(void)state;
	rb_skip_uprobe_under_valgrind();
	exe_counts(RAWBPF_ATTACH_MODE_LINK, true, false, RAWBPF_ATTACH_KIND_LINK);
}

static void test_uretprobe_legacy(void **state)
{
	(void)state;
	rb_skip_uprobe_under_valgrind();
	exe_counts(RAWBPF_ATTACH_MODE_LEGACY, true, false, RAWBPF_ATTACH_KIND_PERF_EVENT);
}

static void test_uretprobe_events(void **state)
{
	(void)state;
	rb_skip_uprobe_under_valgrind();
	exe_counts(RAWBPF_ATTACH_MODE_AUTO, true, true, RAWBPF_ATTACH_KIND_LINK);
}

static void libc_counts(uint32_t mode, bool retprobe)
{
	RAWBPF_OPTS(rawbpf_attach_uprobe_opts, o, .mode = mode, .retprobe = retprobe);
	struct rawbpf_attachment *at = NULL;
	char lib[512];
	int map, prog;

	rb_require_kernel();
	assert_int_equal(rawbpf_uprobe_find_library(0, "libc", lib, sizeof(lib)),
			 0);
	assert_non_null(strstr(lib, "/libc"));
	rb_need_uprobe_code(lib, "getppid");
	map = rb_tcount_map();
	prog = prog_load(map, 0, false);
	/* "libc" is looked up in /proc/self/maps by the constructor */
	assert_int_equal(rawbpf_attach_uprobe(prog, "libc", "getppid", 0, &o,
					      &at), 0);
	for (int i = 0; i < 4; i++)
		libc_getppid();
	assert_int_equal(rb_tcount_get(map, 0), 4);
	rawbpf_attachment_destroy(at);
	libc_getppid();
	assert_int_equal(rb_tcount_get(map, 0), 4);
	close(prog);
	close(map);
}

static void test_libc_uprobe_link(void **state)
{
	(void)state;
	rb_skip_uprobe_under_valgrind();
	libc_counts(RAWBPF_ATTACH_MODE_LINK, false);
}

static void test_libc_uprobe_legacy(void **state)
{
	(void)state;
	rb_skip_uprobe_under_valgrind();
	libc_counts(RAWBPF_ATTACH_MODE_LEGACY, false);
}

static void test_libc_uretprobe(void **state)
{
	(void)state;
	rb_skip_uprobe_under_valgrind();
	libc_counts(RAWBPF_ATTACH_MODE_AUTO, true);
}

static void test_uprobe_spec_and_cookie(void **state)
{
	RAWBPF_OPTS(rawbpf_attach_uprobe_opts, o, .cookie = 0xc0ffee);
	struct rawbpf_attachment *at = NULL;
	char spec[600];
	uint64_t off;
	int map, prog;

	(void)state;
	rb_skip_uprobe_under_valgrind();
	rb_require_kernel();
	map = rb_tcount_map();
	prog = prog_load(map, 1, true);
	snprintf(spec, sizeof(spec), "%s:rb_uprobe_target+0", exe);
	assert_int_equal(rawbpf_attach_uprobe_spec(prog, spec, &o, &at), 0);
	call_target(1);
	assert_int_equal(rb_tcount_get(map, 1), 0xc0ffee);
	rawbpf_attachment_destroy(at);
	/* path:0xoffset, the offset from the resolver */
	assert_int_equal(rawbpf_uprobe_resolve(exe, "rb_uprobe_target", &off,
					       NULL), 0);
	snprintf(spec, sizeof(spec), "%s:0x%llx", exe, (unsigned long long)off);
	o.cookie = 7;
	assert_int_equal(rawbpf_attach_uprobe_spec(prog, spec, &o, &at), 0);
	call_target(1);
	assert_int_equal(rb_tcount_get(map, 1), 7);
	rawbpf_attachment_destroy(at);
	close(prog);
	close(map);
}

/* opts->pid: the probe fires only in that process. */
static void test_uprobe_pid_filter(void **state)
{
	RAWBPF_OPTS(rawbpf_attach_uprobe_opts, mine, .pid = getpid());
	RAWBPF_OPTS(rawbpf_attach_uprobe_opts, other, .pid = 1);
	struct rawbpf_attachment *a1 = NULL, *a2 = NULL;
	int map, p1, p2;

	(void)state;
	rb_skip_uprobe_under_valgrind();
	rb_require_kernel();
	map = rb_tcount_map();
	p1 = prog_load(map, 0, false);
	p2 = prog_load(map, 1, false);
	assert_int_equal(rawbpf_attach_uprobe(p1, exe, "rb_uprobe_target", 0,
					      &mine, &a1), 0);
	assert_int_equal(rawbpf_attach_uprobe(p2, exe, "rb_uprobe_target", 0,
					      &other, &a2), 0);
	call_target(3);
	assert_int_equal(rb_tcount_get(map, 0), 3);
	assert_int_equal(rb_tcount_get(map, 1), 0);
	rawbpf_attachment_destroy(a1);
	rawbpf_attachment_destroy(a2);
	close(p1);
	close(p2);
	close(map);
}

/* A library the process has not mapped yet is found through ld.so.cache:
 * the probe fires once the process loads it and calls the function. */
static void test_library_not_mapped(void **state)
{
	RAWBPF_OPTS(rawbpf_attach_uprobe_opts, o);
	struct rawbpf_attachment *at = NULL;
	const char *(*version)(void);
	char lib[512];
	void *h;
	int map, prog;

	(void)state;
	rb_skip_uprobe_under_valgrind();
	rb_require_kernel();
	/* "libz.so.1": found through ld.so.cache on a full system, in the
	 * multiarch directory in the VM's initramfs (no cache there) */
	assert_int_equal(rawbpf_uprobe_find_library(0, "libz", lib, sizeof(lib)),
			 -ENOENT);
	if (rawbpf_uprobe_find_library_file("libz.so.1", lib, sizeof(lib),
					    NULL))
		fail_msg("libz.so.1 (zlib1g) is not installed");
	rb_need_uprobe_code(lib, "zlibVersion");
	map = rb_tcount_map();
	prog = prog_load(map, 0, false);
	assert_int_equal(rawbpf_attach_uprobe(prog, "libz.so.1", "zlibVersion", 0,
					      &o, &at), 0);
	h = dlopen(lib, RTLD_NOW);
	assert_non_null(h);
	*(void **)&version = dlsym(h, "zlibVersion");
	assert_non_null(version);
	for (int i = 0; i < 3; i++)
		assert_non_null(version());
	assert_int_equal(rb_tcount_get(map, 0), 3);
	rawbpf_attachment_destroy(at);
	dlclose(h);
	close(prog);
	close(map);
}

static void test_uprobe_errors(void **state)
{
	RAWBPF_OPTS(rawbpf_attach_uprobe_opts, o);
	struct rawbpf_attachment *at = NULL;
	char lib[64];
	int map, prog;

	(void)state;
	rb_require_kernel();
	map = rb_tcount_map();
	prog = prog_load(map, 0, false);
	assert_int_equal(rawbpf_attach_uprobe(prog, exe, "rb_no_such_func", 0,
					      &o, &at), -ENOENT);
	assert_int_equal(rawbpf_attach_uprobe(prog, "libnosuchlib", "f", 0, &o,
					      &at), -ENOENT);
	assert_int_equal(rawbpf_attach_uprobe(prog, "/nonexistent/bin", "f", 0,
					      &o, &at), -ENOENT);
	assert_int_equal(rawbpf_attach_uprobe(prog, exe, "rb_uprobe_target+", 0,
					      &o, &at), -EINVAL);
	assert_int_equal(rawbpf_attach_uprobe_spec(prog, "no_colon", &o, &at),
			 -EINVAL);
	assert_int_equal(rawbpf_attach_uprobe_spec(prog, "/bin/true:", &o, &at),
			 -EINVAL);
	assert_int_equal(rawbpf_uprobe_find_library(0, "libc", lib, 4),
			 -ENAMETOOLONG);
	/* cookies need the perf link */
	o.mode = RAWBPF_ATTACH_MODE_LEGACY;
	o.cookie = 1;
	assert_int_equal(rawbpf_attach_uprobe(prog, exe, "rb_uprobe_target", 0,
					      &o, &at), -EOPNOTSUPP);
	o.legacy_events = true;
	assert_int_equal(rawbpf_attach_uprobe(prog, exe, "rb_uprobe_target", 0,
					      &o, &at), -EOPNOTSUPP);
	assert_null(at);
	assert_no_events_left();
	close(prog);
	close(map);
}

static void test_uprobe_multi(void **state)
{
	static const char *const funcs[] = { "rb_uprobe_m1", "rb_uprobe_m2",
					     "rb_uprobe_m3" };
	static const uint64_t cookies[] = { 101, 202, 303 };
	RAWBPF_OPTS(rawbpf_attach_uprobe_multi_opts, o, .cookies = cookies);
	struct rawbpf_attachment *count = NULL, *cookie = NULL;
	struct rawbpf_link_info info;
	int map, p_count, p_cookie;

	(void)state;
	rb_skip_uprobe_under_valgrind();
	rb_require_kernel();
	rb_need(RB_FEAT_UPROBE_MULTI);
	map = rb_tcount_map();
	p_count = multi_prog_load(map, 0, false);
	p_cookie = multi_prog_load(map, 1, true);
	assert_int_equal(rawbpf_attach_uprobe_multi(p_count, exe, funcs, 3, NULL,
						    &count), 0);
	assert_int_equal(rawbpf_attach_uprobe_multi(p_cookie, exe, funcs, 3, &o,
						    &cookie), 0);
	memset(&info, 0, sizeof(info));
	assert_int_equal(rawbpf_attachment_info(count, &info), 0);
	assert_int_equal(info.type, RAWBPF_LINK_TYPE_UPROBE_MULTI);
	rb_uprobe_m1(1);
	rb_uprobe_m2(1);
	rb_uprobe_m3(1);
	rb_uprobe_m1(1);
	assert_int_equal(rb_tcount_get(map, 0), 4);
	assert_int_equal(rb_tcount_get(map, 1), 101);
	rb_uprobe_m3(1);
	assert_int_equal(rb_tcount_get(map, 1), 303);
	rb_uprobe_m2(1);
	assert_int_equal(rb_tcount_get(map, 1), 202);
	assert_int_equal(rb_tcount_get(map, 0), 6);
	rawbpf_attachment_destroy(count);
	rawbpf_attachment_destroy(cookie);
	rb_uprobe_m1(1);
	assert_int_equal(rb_tcount_get(map, 0), 6);
	/* a uretprobe_multi on libc through the maps lookup */
	{
		static const char *const lf[] = { "getppid" };
		RAWBPF_OPTS(rawbpf_attach_uprobe_multi_opts, r, .retprobe = true);

		assert_int_equal(rawbpf_attach_uprobe_multi(p_count, "libc", lf,
							    1, &r, &count), 0);
		libc_getppid();
		assert_int_equal(rb_tcount_get(map, 0), 7);
		rawbpf_attachment_destroy(count);
	}
	assert_int_equal(rawbpf_attach_uprobe_multi(p_count, exe, funcs, 0, NULL,
						    &count), -EINVAL);
	/* a shell pattern: rb_uprobe_m1..m3 */
	{
		RAWBPF_OPTS(rawbpf_attach_uprobe_multi_opts, g);

		assert_int_equal(rawbpf_attach_uprobe_multi_glob(p_count, exe,
				 "rb_uprobe_m[0-9]", &g, &count), 0);
		rb_uprobe_m1(1);
		rb_uprobe_m2(1);
		rb_uprobe_m3(1);
		rb_uprobe_target(1);
		assert_int_equal(rb_tcount_get(map, 0), 10);
		rawbpf_attachment_destroy(count);
		assert_int_equal(rawbpf_attach_uprobe_multi_glob(p_count, exe,
				 "rb_no_such_*", &g, &count), -ENOENT);
	}
	/* a program loaded for single uprobes: the kernel's EINVAL */
	{
		int plain = prog_load(map, 0, false);

		assert_int_equal(rawbpf_attach_uprobe_multi(plain, exe, funcs, 3,
							    NULL, &count), -EINVAL);
		close(plain);
	}
	close(p_count);
	close(p_cookie);
	close(map);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_uprobe_link, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_uprobe_legacy, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_uprobe_events_link, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_uprobe_events_legacy, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_uretprobe_link, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_uretprobe_legacy, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_uretprobe_events, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_libc_uprobe_link, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_libc_uprobe_legacy, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_libc_uretprobe, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_uprobe_spec_and_cookie, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_uprobe_pid_filter, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_library_not_mapped, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_uprobe_errors, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_uprobe_multi, rb_fixture_teardown),
	};
	return cmocka_run_group_tests(tests, rb_self_exe_setup, NULL);
}
