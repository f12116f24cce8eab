// SPDX-License-Identifier: BSD-2-Clause
/*
 * lifetime_perf_event.c - lifetime row "tracepoint/kprobe/uprobe via
 * perf_event + ioctl": the perf event fd holds the program
 * (PERF_EVENT_IOC_SET_BPF). When the process that opened it exits, the
 * event closes and the program is freed. A perf link (BPF_LINK_CREATE on
 * the perf event fd, 5.15) instead holds the event itself, so a pinned
 * perf link keeps the whole chain alive.
 * Hooks: the syscalls/sys_enter_getppid tracepoint, a uprobe on a function
 * of this test, a kprobe (skipped where kprobes are compiled out). The test
 * process runs on CPU 0 and the events count on CPU 0.
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/perf_event.h>

#include "child.h"
#include "env.h"
#include "fixture.h"
#include "progs.h"
#include "rawbpf/attach_trace.h"
#include "rawbpf/pin.h"
#include "rawbpf/sys.h"

static cpu_set_t old_cpus;

static void restore_cpus(void *arg)
{
	(void)arg;
	sched_setaffinity(0, sizeof(old_cpus), &old_cpus);
}

static int setup(void **state)
{
	cpu_set_t one;

	if (rb_setup_pins(state))
		return -1;
	if (sched_getaffinity(0, sizeof(old_cpus), &old_cpus))
		return -1;
	CPU_ZERO(&one);
	CPU_SET(0, &one);
	if (sched_setaffinity(0, sizeof(one), &one))
		return -1;
	rb_fixture_add_cleanup(restore_cpus, NULL);
	return 0;
}

/* the function the uprobe watches */
__attribute__((noinline)) int rb_uprobe_target(int x);
__attribute__((noinline)) int rb_uprobe_target(int x)
{
	__asm__ volatile("" : : : "memory");
	return x + 1;
}

/* the file offset of @addr in this executable, from /proc/self/maps */
static long file_offset(const void *addr)
{
	unsigned long start, end, pgoff, a = (unsigned long)(uintptr_t)addr;
	char line[512], perms[8];
	long off = -ENOENT;
	FILE *f = fopen("/proc/self/maps", "r");

	if (!f)
		return -errno;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "%lx-%lx %7s %lx", &start, &end, perms,
			   &pgoff) == 4 && a >= start && a < end) {
			off = (long)(a - start + pgoff);
			break;
		}
	fclose(f);
	return off;
}

enum hook { TP, UPROBE, KPROBE };

struct how {
	enum hook hook;
	int link;	/* perf link + pin instead of IOC_SET_BPF */
};

static char exe[4096];

static int open_event(enum hook hook, struct rb_child_report *r)
{
	struct perf_event_attr a;
	int type;

	memset(&a, 0, sizeof(a));
	a.size = sizeof(a);
	a.sample_period = 1;
	a.wakeup_events = 1;
	if (hook == TP) {
		a.type = PERF_TYPE_TRACEPOINT;
		a.config = (uint64_t)RB_CHILD_TRY(r, rb_tracepoint_id(
			"syscalls", "sys_enter_getppid"));
	} else {
		char buf[16] = { 0 };
		int fd = open(hook == UPROBE ?
			"/sys/bus/event_source/devices/uprobe/type" :
			"/sys/bus/event_source/devices/kprobe/type",
			O_RDONLY | O_CLOEXEC);

		if (fd < 0)
			RB_CHILD_TRY(r, -errno);
		type = (int)read(fd, buf, sizeof(buf) - 1);
		close(fd);
		if (type <= 0)
			RB_CHILD_TRY(r, -EIO);
		a.type = (uint32_t)atoi(buf);
		if (hook == UPROBE) {
			a.config1 = (uint64_t)(uintptr_t)exe;
			a.config2 = (uint64_t)RB_CHILD_TRY(r,
				file_offset((const void *)rb_uprobe_target));
		} else {
			static char fn[64];	/* __x64_sys_getppid, ... */

			RB_CHILD_TRY(r, rawbpf_ksyscall_name("getppid", fn, sizeof(fn)));
			a.config1 = (uint64_t)(uintptr_t)fn;
		}
	}
	return RB_CHILD_TRY(r, rawbpf_sys_perf_event_open(&a, -1, 0, -1, 0));
}

/* child: counter program on the hook, attached by ioctl or by a pinned
 * perf link; val = { prog id, map id, link id }. */
static int attach_perf(void *arg, struct rb_child_report *r)
{
	const struct how *how = arg;
	int map = RB_CHILD_TRY(r, rb_counter_map("rb_perf"));
	uint32_t type = how->hook == TP ? BPF_PROG_TYPE_TRACEPOINT :
					  BPF_PROG_TYPE_KPROBE;
	int prog = RB_CHILD_TRY(r, rb_load_counter(type, 0, map, 0));
	int pfd = open_event(how->hook, r);

	if (pfd < 0)
		return pfd;
	r->val[0] = rb_obj_id(prog);
	r->val[1] = rb_obj_id(map);
	if (how->link) {
		char path[256];
		int link = RB_CHILD_TRY(r, rawbpf_sys_link_create(prog, pfd,
						BPF_PERF_EVENT, NULL));

		rb_pin_path(path, sizeof(path), "perf_link");
		RB_CHILD_TRY(r, rawbpf_bpffs_pin(link, path));
		r->val[2] = rb_obj_id(link);
		return 0;
	}
	if (ioctl(pfd, PERF_EVENT_IOC_SET_BPF, prog) ||
	    ioctl(pfd, PERF_EVENT_IOC_ENABLE, 0))
		RB_CHILD_TRY(r, -errno);
	return 0;
}

static void fire(enum hook hook)
{
	if (hook == UPROBE)
		rb_uprobe_target(1);
	else
		syscall(SYS_getppid);
}

/* Start the child, prove the hook counts, let the child exit. Returns the
 * parent's map fd; ids in *r. */
static int child_attaches(const struct how *how, struct rb_child_report *r)
{
	struct rb_child *c;
	uint64_t before;
	int map;

	if (how->hook == UPROBE) {
		ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);

		assert_true(n > 0);
		exe[n] = '\0';
	}
	c = rb_child_start(attach_perf, (void *)how, r);
	assert_non_null(c);
	if (how->hook == KPROBE && r->err == -ENOENT &&
	    access("/sys/bus/event_source/devices/kprobe/type", F_OK)) {
		rb_child_exit(c);
		rb_skip_feature("kprobes (no kprobe PMU: CONFIG_KPROBES off)");
	}
	if (r->err)
		fail_msg("child failed at line %d: %s", r->line,
			 strerror(-r->err));
	map = rb_map_fd_by_id(r->val[1]);
	assert_true(map > 2);
	before = rb_counter_read(map);
	fire(how->hook);
	assert_true(rb_counter_read(map) > before);
	assert_int_equal(rb_child_exit(c), 0);
	return map;
}

static void fire_tp(void)
{
	fire(TP);
}

static void fire_uprobe(void)
{
	fire(UPROBE);
}

static void gone_with_the_fd(enum hook hook)
{
	struct how how = { .hook = hook };
	struct rb_child_report r;
	int map = child_attaches(&how, &r);

	/* the opener exited: the perf fd closed, the program went with it */
	rb_expect_gone_and_silent(0, r.val[0], map,
				  hook == UPROBE ? fire_uprobe : fire_tp);
	close(map);
}

static void test_tracepoint_ioctl_dies_with_perf_fd(void **state)
{
	(void)state;
	gone_with_the_fd(TP);
}

static void test_uprobe_ioctl_dies_with_perf_fd(void **state)
{
	(void)state;
	rb_skip_uprobe_under_valgrind();
	gone_with_the_fd(UPROBE);
}

static void test_kprobe_ioctl_dies_with_perf_fd(void **state)
{
	(void)state;
	gone_with_the_fd(KPROBE);
}

static void test_pinned_perf_link_survives(void **state)
{
	struct how how = { .hook = TP, .link = 1 };
	struct rawbpf_link_info info;
	struct rb_child_report r;
	char path[256];
	uint64_t before;
	int map;

	(void)state;
	map = child_attaches(&how, &r);
	/* the pin holds the link, the link the perf event and the program */
	assert_int_equal(rb_id_stays(rb_prog_id_exists, r.val[0], 200), 1);
	before = rb_counter_read(map);
	fire(TP);
	assert_true(rb_counter_read(map) > before);
	assert_int_equal(rb_link_info_by_id(r.val[2], &info), 0);
	assert_int_equal(info.type, BPF_LINK_TYPE_PERF_EVENT);
	assert_int_equal(info.prog_id, r.val[0]);
	rb_pin_path(path, sizeof(path), "perf_link");
	assert_int_equal(rawbpf_bpffs_unpin(path), 0);
	rb_expect_gone_and_silent(r.val[2], r.val[0], map, fire_tp);
	close(map);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_tracepoint_ioctl_dies_with_perf_fd, setup, rb_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_uprobe_ioctl_dies_with_perf_fd, setup, rb_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_kprobe_ioctl_dies_with_perf_fd, setup, rb_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_pinned_perf_link_survives, setup, rb_fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
