// SPDX-License-Identifier: BSD-2-Clause
/* buf_ringbuf.c - the ring buffer reader on real BPF_MAP_TYPE_RINGBUF maps
 * filled by a libbpf-style object run through BPF_PROG_TEST_RUN: records
 * arrive complete and in order (also across the ring's end), discarded
 * ones are skipped, a callback's error stops the walk, one manager reads
 * two maps, and every failure and the final free leave no fd, mapping or
 * memory behind. */
#include <errno.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "budget.h"
#include "buftest.h"
#include "faults.h"
#include "fixture.h"
#include "map/buf.h"
#include "rawbpf/object.h"
#include "rawbpf/ringbuf.h"

/* The libc calls of a buffer reader a walk fails in turn. */
static const int sys_ops[] = { RB_SYS_MMAP, RB_SYS_EPOLL_CTL,
				RB_SYS_EPOLL_CREATE };

struct got {
	int n;
	int stop_at;		/* return -42 on this record (1-based); 0 never */
	uint32_t seq[512];
	int tag;		/* which callback */
	int tags[512];
};

static int collect(struct got *g, const void *data, size_t size, int tag)
{
	assert_int_equal(size, sizeof(struct rb_buf_event));
	assert_true(g->n < 512);
	g->tags[g->n] = tag;
	g->seq[g->n++] = rb_buf_check_event(data, size);
	return g->stop_at && g->n == g->stop_at ? -42 : 0;
}

static int on_rec(void *ctx, const void *data, size_t size)
{
	return collect(ctx, data, size, 1);
}

static int on_rec2(void *ctx, const void *data, size_t size)
{
	return collect(ctx, data, size, 2);
}

/* Run @name @n times; its output helper must have succeeded. */
static void run(struct rawbpf_object *obj, const char *name, uint32_t n)
{
	assert_int_equal(rb_buf_run(obj, name, n), 0);
}

static void test_records_in_order(void **state)
{
	struct rawbpf_ring_buffer *rb = NULL;
	struct rawbpf_object *obj;
	struct got g = { 0 };
	int fds;

	(void)state;
	rb_require_kernel();
	obj = rb_buf_load();
	fds = rb_count_fds();
	assert_int_equal(rawbpf_ring_buffer_new(rb_buf_map_fd(obj, "rb"), on_rec, &g,
						NULL, &rb), 0);
	assert_true(rawbpf_ring_buffer_epoll_fd(rb) > 2);
	assert_int_equal(rawbpf_ring_buffer_poll(rb, 0), 0);	/* empty */
	run(obj, "output_prog", 10);
	assert_int_equal(rawbpf_ring_buffer_poll(rb, 1000), 10);
	for (int i = 0; i < 10; i++)
		assert_int_equal(g.seq[i], i);
	assert_int_equal(rawbpf_ring_buffer_consume(rb), 0);
	/* 40 bytes a record in a 4096-byte ring: 300 records wrap it twice */
	for (int batch = 0; batch < 6; batch++) {
		run(obj, "output_prog", 50);
		assert_int_equal(rawbpf_ring_buffer_consume(rb), 50);
	}
	assert_int_equal(g.n, 310);
	for (int i = 0; i < 310; i++)
		assert_int_equal(g.seq[i], i);
	rawbpf_ring_buffer_free(rb);
	assert_int_equal(rb_count_fds(), fds);
	rawbpf_object_close(obj);
}

static void test_discard_skipped(void **state)
{
	struct rawbpf_ring_buffer *rb = NULL;
	struct rawbpf_object *obj;
	struct got g = { 0 };
	const uint32_t want[] = { 1, 2, 4, 5, 7, 8 };

	(void)state;
	rb_require_kernel();
	obj = rb_buf_load();
	rb_buf_globals(obj)->discard_every = 3;	/* seq 0, 3, 6 discarded */
	assert_int_equal(rawbpf_ring_buffer_new(rb_buf_map_fd(obj, "rb"), on_rec, &g,
						NULL, &rb), 0);
	run(obj, "reserve_prog", 9);
	assert_int_equal(rawbpf_ring_buffer_poll(rb, 1000), 6);
	assert_int_equal(g.n, 6);
	for (int i = 0; i < 6; i++)
		assert_int_equal(g.seq[i], want[i]);
	rawbpf_ring_buffer_free(rb);
	rawbpf_object_close(obj);
}

static void test_callback_stops(void **state)
{
	struct rawbpf_ring_buffer *rb = NULL;
	struct rawbpf_object *obj;
	struct got g = { .stop_at = 3 };

	(void)state;
	rb_require_kernel();
	obj = rb_buf_load();
	assert_int_equal(rawbpf_ring_buffer_new(rb_buf_map_fd(obj, "rb"), on_rec, &g,
						NULL, &rb), 0);
	run(obj, "output_prog", 8);
	assert_int_equal(rawbpf_ring_buffer_consume(rb), -42);
	assert_int_equal(g.n, 3);		/* the third is consumed */
	g.stop_at = 0;
	assert_int_equal(rawbpf_ring_buffer_poll(rb, 1000), 5);
	for (int i = 0; i < 8; i++)
		assert_int_equal(g.seq[i], i);
	rawbpf_ring_buffer_free(rb);
	rawbpf_object_close(obj);
}

static void test_two_maps(void **state)
{
	struct rawbpf_ring_buffer *rb = NULL;
	struct rawbpf_object *obj;
	struct got g = { 0 };
	int fds, maps, ones = 0, twos = 0;

	(void)state;
	rb_require_kernel();
	obj = rb_buf_load();
	fds = rb_count_fds();
	maps = rb_buf_mappings("bpf-map");
	assert_int_equal(rawbpf_ring_buffer_new(rb_buf_map_fd(obj, "rb"), on_rec, &g,
						NULL, &rb), 0);
	assert_int_equal(rawbpf_ring_buffer_add(rb, rb_buf_map_fd(obj, "rb2"),
						on_rec2, &g), 0);
	/* not a ring buffer: refused, the manager unchanged */
	assert_int_equal(rawbpf_ring_buffer_add(rb, rb_buf_map_fd(obj, "pb"),
						on_rec, &g), -EINVAL);
	assert_int_equal(rawbpf_ring_buffer_add(rb, 999, on_rec, &g), -EBADFD);
	/* the same fd twice: epoll refuses, the mapping made is undone */
	assert_int_equal(rawbpf_ring_buffer_add(rb, rb_buf_map_fd(obj, "rb"),
						on_rec, &g), -EEXIST);
	assert_int_equal(rb_buf_mappings("bpf-map"), maps + 4);
	run(obj, "output_prog", 2);
	run(obj, "output2_prog", 3);
	assert_int_equal(rawbpf_ring_buffer_consume(rb), 5);
	for (int i = 0; i < g.n; i++) {
		ones += g.tags[i] == 1;
		twos += g.tags[i] == 2;
	}
	assert_int_equal(ones, 2);
	assert_int_equal(twos, 3);
	run(obj, "output2_prog", 1);
	assert_int_equal(rawbpf_ring_buffer_poll(rb, 1000), 1);
	assert_int_equal(g.tags[5], 2);
	assert_int_equal(g.seq[5], 5);
	rawbpf_ring_buffer_free(rb);
	assert_int_equal(rb_count_fds(), fds);
	assert_int_equal(rb_buf_mappings("bpf-map"), maps);
	rawbpf_object_close(obj);
}

static void test_refusals(void **state)
{
	struct rawbpf_ring_buffer *rb = NULL;
	struct rawbpf_object *obj;
	struct got g = { 0 };
	int fds;

	(void)state;
	rb_require_kernel();
	obj = rb_buf_load();
	fds = rb_count_fds();
	assert_int_equal(rawbpf_ring_buffer_new(rb_buf_map_fd(obj, "pb"), on_rec, &g,
						NULL, &rb), -EINVAL);
	assert_int_equal(rawbpf_ring_buffer_new(999, on_rec, &g, NULL, &rb),
			 -EBADFD);
	assert_int_equal(rawbpf_ring_buffer_new(rb_buf_map_fd(obj, "rb"), NULL, &g,
						NULL, &rb), -EINVAL);
	assert_null(rb);
	assert_int_equal(rb_count_fds(), fds);
	rawbpf_ring_buffer_free(NULL);
	rawbpf_object_close(obj);
}

/* Every allocation, bpf(2) call and new fd fails in turn: the injected
 * error comes back and nothing is left; then it works. */
static void test_faults(void **state)
{
	struct rawbpf_ring_buffer *rb;
	struct rawbpf_object *obj;
	struct got g = { 0 };
	int fds, maps, err, k;

	(void)state;
	rb_require_kernel();
	obj = rb_buf_load();
	fds = rb_count_fds();
	maps = rb_buf_mappings("bpf-map");
	for (k = 0;; k++) {		/* allocations */
		struct budget b = { .left = k };
		struct rawbpf_allocator a = rb_budget_allocator(&b);
		RAWBPF_OPTS(rawbpf_ring_buffer_opts, o, .alloc = &a);

		rb = NULL;
		err = rawbpf_ring_buffer_new(rb_buf_map_fd(obj, "rb"), on_rec, &g, &o,
					     &rb);
		if (!err) {
			/* add: each of its allocations fails in turn too */
			for (int j = 0;; j++) {
				b.left = j;
				err = rawbpf_ring_buffer_add(rb, rb_buf_map_fd(obj, "rb2"),
							     on_rec2, &g);
				if (!err)
					break;
				assert_int_equal(err, -ENOMEM);
			}
			b.left = -1;
			run(obj, "output2_prog", 1);
			assert_int_equal(rawbpf_ring_buffer_consume(rb), 1);
			rawbpf_ring_buffer_free(rb);
			assert_int_equal(b.live, 0);
			break;
		}
		assert_int_equal(err, -ENOMEM);
		assert_null(rb);
		assert_int_equal(b.live, 0);
		assert_int_equal(rb_count_fds(), fds);
	}
	assert_true(k >= 3);		/* manager, rings, events */
	for (k = 1;; k++) {		/* bpf(2) calls */
		rb_buf_fail_at(k, 0);
		rb = NULL;
		err = rawbpf_ring_buffer_new(rb_buf_map_fd(obj, "rb"), on_rec, &g, NULL,
					     &rb);
		rb_buf_fail_at(0, 0);
		if (!err)
			break;
		assert_int_equal(err, RB_FAULT_ERR);
		assert_int_equal(rb_count_fds(), fds);
	}
	assert_int_equal(k, 2);		/* one call: map info */
	rawbpf_ring_buffer_free(rb);
	for (k = 0;; k++) {		/* new fds */
		struct rlimit saved;

		rb_fds_allow(k, &saved);
		rb = NULL;
		err = rawbpf_ring_buffer_new(rb_buf_map_fd(obj, "rb"), on_rec, &g, NULL,
					     &rb);
		rb_fds_restore(&saved);
		if (!err)
			break;
		assert_int_equal(err, -EMFILE);
		assert_int_equal(rb_count_fds(), fds);
	}
	assert_int_equal(k, 1);		/* the epoll fd */
	rawbpf_ring_buffer_free(rb);
	for (int i = 0; i < 3; i++) {
		int op = sys_ops[i];

		for (k = 1;; k++) {	/* mmap: consumer, producer; epoll */
			rb_buf_fail_op(op, k);
			rb = NULL;
			err = rawbpf_ring_buffer_new(rb_buf_map_fd(obj, "rb"),
						     on_rec, &g, NULL, &rb);
			rb_buf_fail_op(op, 0);
			if (!err)
				break;
			assert_int_equal(err, -ENOTRECOVERABLE);
			assert_int_equal(rb_count_fds(), fds);
			assert_int_equal(rb_buf_mappings("bpf-map"), maps);
		}
		assert_int_equal(k, op == RB_SYS_MMAP ? 3 : 2);
		rawbpf_ring_buffer_free(rb);
	}
	assert_int_equal(rb_buf_mappings("bpf-map"), maps);
	assert_int_equal(rb_count_fds(), fds);
	rawbpf_object_close(obj);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_records_in_order, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_discard_skipped, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_callback_stops, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_two_maps, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_refusals, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_faults, rb_fixture_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
