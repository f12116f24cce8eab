// SPDX-License-Identifier: BSD-2-Clause
/* attach_kprobe.c - kprobes, kretprobes, ksyscall and kprobe_multi fire on
 * the test's getpid() through the kprobe PMU or kprobe_events, as a perf
 * link or with SET_BPF. This machine's kernel has no kprobes: each test
 * skips naming that; tests/unit/attach_trace.c checks the attrs and the
 * kprobe_events lines instead. */
#include <errno.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "fixture.h"
#include "kernel_features.h"
#include "trace_progs.h"
#include "rawbpf/attach_trace.h"
#include "rawbpf/sys.h"

#define NO_KPROBES "kprobes (CONFIG_KPROBES / kprobe PMU absent)"

static int prog_load(int map, uint32_t attach_type)
{
	struct rb_tcount_prog p = {
		.prog_type = BPF_PROG_TYPE_KPROBE, .attach_type = attach_type,
		.map_fd = map, .tgid = (uint32_t)getpid(),
	};
	int fd = rb_tcount_load(&p);

	assert_true(fd > 2);
	return fd;
}

static void ksyscall_fires(uint32_t mode, bool retprobe, bool events)
{
	RAWBPF_OPTS(rawbpf_attach_kprobe_opts, o, .mode = mode, .retprobe = retprobe,
		    .legacy_events = events);
	struct rawbpf_attachment *at = NULL;
	int map, prog, err;

	rb_require_kernel();
	rb_tracefs();
	map = rb_tcount_map();
	prog = prog_load(map, 0);
	err = rawbpf_attach_ksyscall(prog, "getpid", &o, &at);
	if (err == -EOPNOTSUPP) {
		close(prog);
		close(map);
		rb_skip_feature(NO_KPROBES);
	}
	assert_int_equal(err, 0);
	for (int i = 0; i < 3; i++)
		syscall(SYS_getpid);
	assert_int_equal(rb_tcount_get(map, 0), 3);
	rawbpf_attachment_destroy(at);
	syscall(SYS_getpid);
	assert_int_equal(rb_tcount_get(map, 0), 3);
	close(prog);
	close(map);
}

static void test_kprobe_link(void **state)
{
	(void)state;
	ksyscall_fires(RAWBPF_ATTACH_MODE_LINK, false, false);
}

static void test_kprobe_legacy(void **state)
{
	(void)state;
	ksyscall_fires(RAWBPF_ATTACH_MODE_LEGACY, false, false);
}

static void test_kprobe_events(void **state)
{
	(void)state;
	ksyscall_fires(RAWBPF_ATTACH_MODE_AUTO, false, true);
}

static void test_kretprobe_link(void **state)
{
	(void)state;
	ksyscall_fires(RAWBPF_ATTACH_MODE_LINK, true, false);
}

static void test_kretprobe_events_legacy(void **state)
{
	(void)state;
	ksyscall_fires(RAWBPF_ATTACH_MODE_LEGACY, true, true);
}

static void test_kprobe_multi(void **state)
{
	char name[64];
	const char *syms[1] = { name };
	static const uint64_t cookies[] = { 5 };
	RAWBPF_OPTS(rawbpf_attach_kprobe_multi_opts, o, .cookies = cookies);
	struct rawbpf_attachment *at = NULL;
	int map, prog, err;

	(void)state;
	rb_require_kernel();
	if (!rb_have(RB_FEAT_KPROBE_MULTI)) {
		/* name the bigger absence where there are no kprobes at all */
		if (access("/sys/bus/event_source/devices/kprobe/type", F_OK))
			rb_skip_feature(NO_KPROBES);
		rb_need(RB_FEAT_KPROBE_MULTI);
	}
	assert_int_equal(rawbpf_ksyscall_name("getpid", name, sizeof(name)), 0);
	map = rb_tcount_map();
	prog = prog_load(map, BPF_TRACE_KPROBE_MULTI);
	err = rawbpf_attach_kprobe_multi(prog, syms, 1, &o, &at);
	assert_int_equal(err, 0);
	syscall(SYS_getpid);
	assert_int_equal(rb_tcount_get(map, 0), 1);
	rawbpf_attachment_destroy(at);
	close(prog);
	close(map);
}

#define T(name) cmocka_unit_test_teardown(name, rb_fixture_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_kprobe_link), T(test_kprobe_legacy), T(test_kprobe_events),
		T(test_kretprobe_link), T(test_kretprobe_events_legacy),
		T(test_kprobe_multi),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
