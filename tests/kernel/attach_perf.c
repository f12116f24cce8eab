// SPDX-License-Identifier: BSD-2-Clause
/* attach_perf.c - a perf_event program sampling cpu-clock on every online
 * CPU (one perf event and one link or SET_BPF per CPU, one handle) counts
 * samples while the test spins; detach stops them; the link carries a
 * cookie; a single perf event fd is attached with rawbpf_attach_perf_event. */
#include <errno.h>
#include <fcntl.h>
#include <linux/perf_event.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "fixture.h"
#include "trace_progs.h"
#include "rawbpf/attach_trace.h"
#include "rawbpf/sys.h"

static long ms_since(clockid_t clk, const struct timespec *a)
{
	struct timespec b;

	clock_gettime(clk, &b);
	return (b.tv_sec - a->tv_sec) * 1000 + (b.tv_nsec - a->tv_nsec) / 1000000;
}

/* Run on the CPU for @ms of this thread's own time (what the task clock
 * counts: on a busy machine, or in a qemu VM, wall time gives it less),
 * for at most 20 * @ms of wall time. */
static void spin_ms(int ms)
{
	struct timespec cpu, wall;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &cpu);
	clock_gettime(CLOCK_MONOTONIC, &wall);
	while (ms_since(CLOCK_THREAD_CPUTIME_ID, &cpu) < ms &&
	       ms_since(CLOCK_MONOTONIC, &wall) < 20L * ms)
		;
}

static int prog_load(int map, uint32_t slot, bool cookie)
{
	struct rb_tcount_prog p = { .prog_type = BPF_PROG_TYPE_PERF_EVENT,
				    .map_fd = map, .slot = slot,
				    .store_cookie = cookie };
	int fd = rb_tcount_load(&p);

	assert_true(fd > 2);
	return fd;
}

static void sampling(uint32_t mode, enum rawbpf_attach_kind kind)
{
	RAWBPF_OPTS(rawbpf_attach_perf_sampling_opts, o, .mode = mode, .freq = 1000);
	struct rawbpf_attachment *at = NULL;
	uint64_t n;
	int map, prog;

	rb_require_kernel();
	map = rb_tcount_map();
	prog = prog_load(map, 0, false);
	assert_int_equal(rawbpf_attach_perf_sampling(prog, &o, &at), 0);
	assert_int_equal(rawbpf_attachment_kind(at), kind);
	assert_int_equal(rawbpf_attachment_cpu_count(at),
			 sysconf(_SC_NPROCESSORS_ONLN));
	spin_ms(200);
	n = rb_tcount_get(map, 0);
	assert_true(n >= 20);	/* ~200 at 1 kHz on this CPU alone */
	assert_int_equal(rawbpf_attachment_detach(at), 0);
	n = rb_tcount_get(map, 0);
	spin_ms(50);
	assert_int_equal(rb_tcount_get(map, 0), n);
	rawbpf_attachment_destroy(at);
	close(prog);
	close(map);
}

static void test_sampling_link(void **state)
{
	(void)state;
	sampling(RAWBPF_ATTACH_MODE_LINK, RAWBPF_ATTACH_KIND_LINK);
}

static void test_sampling_legacy(void **state)
{
	(void)state;
	sampling(RAWBPF_ATTACH_MODE_LEGACY, RAWBPF_ATTACH_KIND_PERF_EVENT);
}

static void test_sampling_cookie(void **state)
{
	RAWBPF_OPTS(rawbpf_attach_perf_sampling_opts, o, .cookie = 0xabcdef);
	struct rawbpf_attachment *at = NULL;
	struct rawbpf_link_info info;
	int map, prog;

	(void)state;
	rb_require_kernel();
	map = rb_tcount_map();
	prog = prog_load(map, 1, true);
	assert_int_equal(rawbpf_attach_perf_sampling(prog, &o, &at), 0);
	spin_ms(100);
	assert_int_equal(rb_tcount_get(map, 1), 0xabcdef);
	memset(&info, 0, sizeof(info));
	assert_int_equal(rawbpf_attachment_info(at, &info), 0);
	assert_int_equal(info.type, BPF_LINK_TYPE_PERF_EVENT);
	rawbpf_attachment_destroy(at);
	/* cookies only travel with links */
	o.mode = RAWBPF_ATTACH_MODE_LEGACY;
	assert_int_equal(rawbpf_attach_perf_sampling(prog, &o, &at), -EOPNOTSUPP);
	close(prog);
	close(map);
}

/* A caller's event instead of the default: cpu-clock every 1 ms. */
static void test_sampling_custom_attr(void **state)
{
	struct perf_event_attr attr;
	RAWBPF_OPTS(rawbpf_attach_perf_sampling_opts, o, .attr = &attr);
	struct rawbpf_attachment *at = NULL;
	int map, prog;

	(void)state;
	rb_require_kernel();
	memset(&attr, 0, sizeof(attr));
	attr.type = PERF_TYPE_SOFTWARE;
	attr.config = PERF_COUNT_SW_CPU_CLOCK;
	attr.sample_period = 1000000;
	map = rb_tcount_map();
	prog = prog_load(map, 0, false);
	assert_int_equal(rawbpf_attach_perf_sampling(prog, &o, &at), 0);
	spin_ms(100);
	assert_true(rb_tcount_get(map, 0) >= 10);
	rawbpf_attachment_destroy(at);
	/* an event the kernel refuses: nothing is left behind */
	attr.type = 0x7fff;
	assert_true(rawbpf_attach_perf_sampling(prog, &o, &at) < 0);
	close(prog);
	close(map);
}

static void test_one_perf_event(void **state)
{
	struct perf_event_attr attr;
	struct rawbpf_attachment *at = NULL;
	int map, prog, pfd;

	(void)state;
	rb_require_kernel();
	map = rb_tcount_map();
	prog = prog_load(map, 0, false);
	memset(&attr, 0, sizeof(attr));
	attr.size = sizeof(attr);
	attr.type = PERF_TYPE_SOFTWARE;
	attr.config = PERF_COUNT_SW_TASK_CLOCK;
	attr.sample_period = 1000000;	/* every 1 ms of this task's time */
	attr.disabled = 1;
	pfd = rawbpf_sys_perf_event_open(&attr, 0, -1, -1, 0);
	assert_true(pfd > 2);
	assert_int_equal(rawbpf_attach_perf_event(prog, pfd, NULL, &at), 0);
	spin_ms(100);
	assert_true(rb_tcount_get(map, 0) >= 10);
	rawbpf_attachment_destroy(at);
	/* the caller's fd was duplicated, not taken */
	assert_int_equal(fcntl(pfd, F_GETFD) >= 0, 1);
	close(pfd);
	close(prog);
	close(map);
}

#define T(name) cmocka_unit_test_teardown(name, rb_fixture_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_sampling_link), T(test_sampling_legacy),
		T(test_sampling_cookie), T(test_sampling_custom_attr),
		T(test_one_perf_event),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
