// SPDX-License-Identifier: BSD-2-Clause
/* buf_perfbuf.c - the perf buffer reader on a real perf event array filled
 * by bpf_perf_event_output() from a libbpf-style object run through
 * BPF_PROG_TEST_RUN: samples arrive complete and in order (also across the
 * ring's end), a full buffer reports its losses, a callback's error stops
 * the walk, and every failure and the final free leave no fd, mapping,
 * memory or map entry behind (the program then finds no event: -ENOENT). */
#include <errno.h>
#include <sched.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "budget.h"
#include "buftest.h"
#include "faults.h"
#include "fixture.h"
#include "map/buf.h"
#include "rawbpf/object.h"
#include "rawbpf/perfbuf.h"

/* The libc calls of a buffer reader a walk fails in turn. */
static const int sys_ops[] = { RB_SYS_MMAP, RB_SYS_EPOLL_CTL,
				RB_SYS_EPOLL_CREATE };

struct got {
	int n;
	int stop_at;		/* return -42 on this sample (1-based) */
	uint32_t seq[512];
	uint64_t lost;
	int lost_records;
};

static int on_sample(void *ctx, int cpu, const void *data, uint32_t size)
{
	struct got *g = ctx;

	assert_true(cpu >= 0);
	/* the kernel pads raw data to 8 bytes with its u32 size: 32 -> 36 */
	assert_int_equal(size, 36);
	assert_true(g->n < 512);
	g->seq[g->n++] = rb_buf_check_event(data, size);
	return g->stop_at && g->n == g->stop_at ? -42 : 0;
}

static int on_lost(void *ctx, int cpu, uint64_t cnt)
{
	struct got *g = ctx;

	assert_true(cpu >= 0);
	g->lost += cnt;
	g->lost_records++;
	return 0;
}

static int pb_fd(struct rawbpf_object *obj)
{
	return rb_buf_map_fd(obj, "pb");
}

/* Run perf_prog @n times (on one CPU); the helper's last result. */
static int run(struct rawbpf_object *obj, uint32_t n)
{
	return rb_buf_run(obj, "perf_prog", n);
}

static void test_samples_in_order(void **state)
{
	struct rawbpf_perf_buffer *pb = NULL;
	struct rawbpf_object *obj;
	struct got g = { 0 };
	RAWBPF_OPTS(rawbpf_perf_buffer_opts, o, .lost_fn = on_lost);
	int fds;

	(void)state;
	rb_require_kernel();
	obj = rb_buf_load();
	assert_int_equal(run(obj, 1), -ENOENT);		/* no reader yet */
	fds = rb_count_fds();
	assert_int_equal(rawbpf_perf_buffer_new(pb_fd(obj), 1, on_sample, &g,
						&o, &pb), 0);
	assert_true(rawbpf_perf_buffer_cpu_count(pb) >= 1);
	assert_int_equal(rb_buf_mappings("perf_event"),
			 rawbpf_perf_buffer_cpu_count(pb));
	assert_true(rawbpf_perf_buffer_epoll_fd(pb) > 2);
	assert_int_equal(rawbpf_perf_buffer_poll(pb, 0), 0);
	assert_int_equal(run(obj, 10), 0);
	assert_int_equal(rawbpf_perf_buffer_poll(pb, 1000), 10);
	/* 48 bytes a sample in 4096: batches of 60 wrap the ring, some
	 * samples straddle its end and are read through the scratch copy */
	for (int batch = 0; batch < 5; batch++) {
		assert_int_equal(run(obj, 60), 0);
		assert_int_equal(rawbpf_perf_buffer_consume(pb), 60);
	}
	assert_int_equal(g.n, 310);
	for (int i = 0; i < 310; i++)
		assert_int_equal(g.seq[i], i + 1);
	assert_int_equal(g.lost_records, 0);
	rawbpf_perf_buffer_free(pb);
	assert_int_equal(rb_count_fds(), fds);
	assert_int_equal(rb_buf_mappings("perf_event"), 0);
	assert_int_equal(run(obj, 1), -ENOENT);	/* events left the map */
	rawbpf_object_close(obj);
}

static void test_lost_and_stop(void **state)
{
	struct rawbpf_perf_buffer *pb = NULL;
	struct rawbpf_object *obj;
	struct got g = { 0 };
	RAWBPF_OPTS(rawbpf_perf_buffer_opts, o, .lost_fn = on_lost);
	int n;

	(void)state;
	rb_require_kernel();
	obj = rb_buf_load();
	assert_int_equal(rawbpf_perf_buffer_new(pb_fd(obj), 1, on_sample, &g,
						&o, &pb), 0);
	/* 200 * 48 bytes into 4096: the later ones are dropped */
	assert_int_equal(run(obj, 200), -ENOSPC);
	n = rawbpf_perf_buffer_consume(pb);
	assert_true(n > 10 && n < 200);
	assert_int_equal(g.n, n);
	assert_int_equal(g.lost_records, 0);
	/* the next sample that fits is preceded by a PERF_RECORD_LOST */
	assert_int_equal(run(obj, 1), 0);
	assert_int_equal(rawbpf_perf_buffer_poll(pb, 1000), 2);
	assert_int_equal(g.lost_records, 1);
	assert_int_equal(g.lost, 200 - n);
	assert_int_equal(g.seq[g.n - 1], 200);
	/* a callback's error stops the walk; the rest stays for later */
	g.stop_at = g.n + 2;
	assert_int_equal(run(obj, 5), 0);
	assert_int_equal(rawbpf_perf_buffer_consume(pb), -42);
	g.stop_at = 0;
	assert_int_equal(rawbpf_perf_buffer_consume(pb), 3);
	assert_int_equal(g.seq[g.n - 1], 205);
	rawbpf_perf_buffer_free(pb);
	rawbpf_object_close(obj);
}

static void test_refusals(void **state)
{
	struct rawbpf_perf_buffer *pb = NULL;
	struct rawbpf_object *obj;
	struct got g = { 0 };
	int fds;

	(void)state;
	rb_require_kernel();
	obj = rb_buf_load();
	fds = rb_count_fds();
	assert_int_equal(rawbpf_perf_buffer_new(pb_fd(obj), 3, on_sample, &g,
						NULL, &pb), -EINVAL);
	assert_int_equal(rawbpf_perf_buffer_new(pb_fd(obj), 0, on_sample, &g,
						NULL, &pb), -EINVAL);
	assert_int_equal(rawbpf_perf_buffer_new(pb_fd(obj), 1, NULL, &g,
						NULL, &pb), -EINVAL);
	assert_int_equal(rawbpf_perf_buffer_new(
		rb_buf_map_fd(obj, "rb"), 1, on_sample,
		&g, NULL, &pb), -EINVAL);
	assert_int_equal(rawbpf_perf_buffer_new(999, 1, on_sample, &g, NULL,
						&pb), -EBADFD);
	assert_null(pb);
	assert_int_equal(rb_count_fds(), fds);
	rawbpf_perf_buffer_free(NULL);
	rawbpf_object_close(obj);
}

/* After a failure: nothing of ours is open and no event is in the map. */
static void nothing_left(struct rawbpf_object *obj, int fds)
{
	assert_int_equal(rb_count_fds(), fds);
	assert_int_equal(rb_buf_mappings("perf_event"), 0);
	assert_int_equal(run(obj, 1), -ENOENT);
}

static void test_faults(void **state)
{
	struct rawbpf_perf_buffer *pb;
	struct rawbpf_object *obj;
	struct got g = { 0 };
	int fds, err, k, ncpu = 0;

	(void)state;
	rb_require_kernel();
	obj = rb_buf_load();
	fds = rb_count_fds();
	for (k = 0;; k++) {		/* allocations */
		struct budget b = { .left = k };
		struct rawbpf_allocator a = rb_budget_allocator(&b);
		RAWBPF_OPTS(rawbpf_perf_buffer_opts, o, .alloc = &a);

		pb = NULL;
		err = rawbpf_perf_buffer_new(pb_fd(obj), 1, on_sample, &g, &o,
					     &pb);
		if (!err) {
			ncpu = rawbpf_perf_buffer_cpu_count(pb);
			assert_int_equal(run(obj, 1), 0);
			assert_int_equal(rawbpf_perf_buffer_consume(pb), 1);
			rawbpf_perf_buffer_free(pb);
			assert_int_equal(b.live, 0);
			break;
		}
		assert_int_equal(err, -ENOMEM);
		assert_null(pb);
		assert_int_equal(b.live, 0);
		nothing_left(obj, fds);
	}
	assert_int_equal(k, 3);		/* manager, cpus, events */
	for (k = 1;; k++) {		/* bpf(2): info, then one update per CPU */
		rb_buf_fail_at(k, 0);
		pb = NULL;
		err = rawbpf_perf_buffer_new(pb_fd(obj), 1, on_sample, &g, NULL,
					     &pb);
		rb_buf_fail_at(0, 0);
		if (!err)
			break;
		assert_int_equal(err, RB_FAULT_ERR);
		nothing_left(obj, fds);
	}
	assert_int_equal(k, 2 + ncpu);
	rawbpf_perf_buffer_free(pb);
	for (k = 1;; k++) {		/* perf: open + enable per CPU */
		rb_buf_fail_at(k, 1);
		pb = NULL;
		err = rawbpf_perf_buffer_new(pb_fd(obj), 1, on_sample, &g, NULL,
					     &pb);
		rb_buf_fail_at(0, 1);
		if (!err)
			break;
		assert_int_equal(err, -EXDEV);
		nothing_left(obj, fds);
	}
	assert_int_equal(k, 1 + 2 * ncpu);
	rawbpf_perf_buffer_free(pb);
	for (k = 0;; k++) {		/* new fds: epoll, one event per CPU */
		struct rlimit saved;

		rb_fds_allow(k, &saved);
		pb = NULL;
		err = rawbpf_perf_buffer_new(pb_fd(obj), 1, on_sample, &g, NULL,
					     &pb);
		rb_fds_restore(&saved);
		if (!err)
			break;
		assert_int_equal(err, -EMFILE);
		nothing_left(obj, fds);
	}
	assert_int_equal(k, 1 + ncpu);
	rawbpf_perf_buffer_free(pb);
	for (int i = 0; i < 3; i++) {
		int op = sys_ops[i];

		for (k = 1;; k++) {	/* one mmap and one epoll add per CPU */
			rb_buf_fail_op(op, k);
			pb = NULL;
			err = rawbpf_perf_buffer_new(pb_fd(obj), 1, on_sample,
						     &g, NULL, &pb);
			rb_buf_fail_op(op, 0);
			if (!err)
				break;
			assert_int_equal(err, -ENOTRECOVERABLE);
			nothing_left(obj, fds);
		}
		/* one epoll fd; one mmap and one epoll add per CPU */
		assert_int_equal(k, op == RB_SYS_EPOLL_CREATE ? 2 : 1 + ncpu);
		rawbpf_perf_buffer_free(pb);
	}
	nothing_left(obj, fds);
	rawbpf_object_close(obj);
}

int main(void)
{
	cpu_set_t one;
	/* A sample, and the lost record before it, go to the ring of the CPU
	 * the program runs on: every run stays on one CPU, or a migration
	 * between runs splits them over two rings (seen with -smp 2 in
	 * tests/vm). */
	CPU_ZERO(&one);
	CPU_SET(sched_getcpu(), &one);
	if (sched_setaffinity(0, sizeof(one), &one))
		return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_samples_in_order, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_lost_and_stop, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_refusals, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_faults, rb_fixture_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
