// SPDX-License-Identifier: BSD-2-Clause
/* buf_user_ringbuf.c - the user ring buffer producer on a real
 * BPF_MAP_TYPE_USER_RINGBUF map drained by bpf_user_ringbuf_drain in a tc
 * program run through BPF_PROG_TEST_RUN: every submitted record arrives
 * with its bytes and in order (also across the ring's end), discarded ones
 * are skipped, a full ring makes reserve fail with -ENOSPC and the blocking
 * reserve time out with -ETIMEDOUT (and succeed once a drain made room),
 * and refusals and failures leave no fd, mapping or memory behind. */
#include <errno.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "budget.h"
#include "buftest.h"
#include "fixture.h"
#include "kernel_features.h"
#include "rawbpf/object.h"
#include "rawbpf/ringbuf.h"
#include "rawbpf/sys.h"
#include "sys/raw.h"

#define MAGIC 0x5eedf00du
#define RING 4096

struct rec {
	uint32_t seq;
	uint32_t magic;
	uint8_t bytes[24];
};

struct globals {
	uint32_t n;
	uint32_t bad;
	long ret;
	struct rec recs[128];
};

static struct rawbpf_object *load(void)
{
	struct rawbpf_object *obj = NULL;

	rb_need(RB_FEAT_JIT);	/* the drain is a callback: JIT only */
	assert_int_equal(rawbpf_object_open_file(RB_BPF_OBJ("user_ringbuf"),
						 NULL, &obj), 0);
	if (rawbpf_object_load(obj))
		fail_msg("load: %s", rawbpf_object_error(obj));
	return obj;
}

static struct globals *globals(struct rawbpf_object *obj)
{
	size_t size;
	struct globals *g = rawbpf_object_global_data(obj, ".bss", &size);

	assert_non_null(g);
	assert_true(size >= sizeof(*g));
	return g;
}

/* Run the drain program once; its globals, the counts reset first. */
static struct globals *drain(struct rawbpf_object *obj)
{
	unsigned char pkt[64] = { 0 };
	RAWBPF_OPTS(rawbpf_sys_prog_test_run_opts, o, .data_in = pkt,
		    .data_size_in = sizeof(pkt), .repeat = 1);
	struct rawbpf_program *p = rawbpf_object_find_program(obj, "drain_prog");
	struct globals *g = globals(obj);

	g->n = 0;
	g->bad = 0;
	assert_non_null(p);
	assert_int_equal(rawbpf_sys_prog_test_run(rawbpf_program_fd(p), &o), 0);
	assert_int_equal(g->bad, 0);
	return g;
}

static int map_fd(struct rawbpf_object *obj, const char *name)
{
	return rawbpf_map_fd(rawbpf_object_find_map(obj, name));
}

static void fill(struct rec *r, uint32_t seq)
{
	r->seq = seq;
	r->magic = MAGIC;
	for (size_t i = 0; i < sizeof(r->bytes); i++)
		r->bytes[i] = (uint8_t)(seq * 7 + i);
}

static void check(const struct rec *r, uint32_t seq)
{
	struct rec want;

	fill(&want, seq);
	assert_memory_equal(r, &want, sizeof(want));
}

static int64_t ms_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Reserve, fill and submit (or discard) record @seq. */
static void put(struct rawbpf_user_ring_buffer *rb, uint32_t seq, int discard)
{
	void *s = NULL;

	assert_int_equal(rawbpf_user_ring_buffer_reserve(rb, sizeof(struct rec),
							 &s), 0);
	assert_int_equal((uintptr_t)s & 7, 0);
	fill(s, seq);
	if (discard)
		assert_int_equal(rawbpf_user_ring_buffer_discard(rb, s), 0);
	else
		assert_int_equal(rawbpf_user_ring_buffer_submit(rb, s), 0);
}

static void test_records_arrive(void **state)
{
	struct rawbpf_user_ring_buffer *rb = NULL;
	struct rawbpf_object *obj;
	struct globals *g;
	uint32_t seq = 0, want = 0;
	int fds, maps;

	(void)state;
	rb_require_kernel();
	obj = load();
	fds = rb_count_fds();
	maps = rb_buf_mappings("bpf-map");
	assert_int_equal(rawbpf_user_ring_buffer_new(map_fd(obj, "urb"), NULL,
						     &rb), 0);
	assert_int_equal(rb_buf_mappings("bpf-map"), maps + 2);
	g = drain(obj);		/* empty */
	assert_int_equal(g->n, 0);
	assert_int_equal(g->ret, 0);
	/* 10 records, 0, 3, 6 and 9 discarded: the 6 others arrive in order */
	for (; seq < 10; seq++)
		put(rb, seq, seq % 3 == 0);
	g = drain(obj);
	assert_int_equal(g->n, 6);
	assert_int_equal(g->ret, 6);	/* discarded ones are not counted */
	for (uint32_t i = 0, s = 0; s < 10; s++)
		if (s % 3)
			check(&g->recs[i++], s);
	/* a record reserved and not yet submitted stops the drain there */
	{
		void *held = NULL;

		put(rb, seq++, 0);
		assert_int_equal(rawbpf_user_ring_buffer_reserve(
					 rb, sizeof(struct rec), &held), 0);
		fill(held, seq++);
		put(rb, seq++, 0);
		g = drain(obj);
		assert_int_equal(g->n, 1);
		check(&g->recs[0], 10);
		assert_int_equal(rawbpf_user_ring_buffer_submit(rb, held), 0);
		/* a record is committed once */
		assert_int_equal(rawbpf_user_ring_buffer_submit(rb, held),
				 -EINVAL);
		g = drain(obj);
		assert_int_equal(g->n, 2);
		check(&g->recs[0], 11);
		check(&g->recs[1], 12);
	}
	/* 40 bytes a record in a 4096-byte ring: 400 records wrap it 4 times */
	want = seq;
	for (int batch = 0; batch < 8; batch++) {
		for (int i = 0; i < 50; i++)
			put(rb, seq++, 0);
		g = drain(obj);
		assert_int_equal(g->n, 50);
		for (int i = 0; i < 50; i++)
			check(&g->recs[i], want++);
	}
	rawbpf_user_ring_buffer_free(rb);
	assert_int_equal(rb_buf_mappings("bpf-map"), maps);
	assert_int_equal(rb_count_fds(), fds);
	rawbpf_object_close(obj);
}

/* Submit records 0, 1, ... until the ring is full: how many. */
static uint32_t fill_up(struct rawbpf_user_ring_buffer *rb)
{
	uint32_t n = 0;
	void *s = NULL;
	int err;

	while ((err = rawbpf_user_ring_buffer_reserve(rb, sizeof(struct rec),
						      &s)) == 0) {
		fill(s, n++);
		assert_int_equal(rawbpf_user_ring_buffer_submit(rb, s), 0);
	}
	assert_int_equal(err, -ENOSPC);
	return n;
}

static void test_full_ring(void **state)
{
	struct rawbpf_user_ring_buffer *rb = NULL;
	const uint32_t per = (sizeof(struct rec) + RAWBPF_RINGBUF_HDR_SZ + 7) & ~7u;
	struct rawbpf_object *obj;
	struct globals *g;
	uint32_t n = 0;
	int64_t t0, took;
	void *s = NULL;

	(void)state;
	rb_require_kernel();
	obj = load();
	assert_int_equal(rawbpf_user_ring_buffer_new(map_fd(obj, "urb"), NULL,
						     &rb), 0);
	/* a record longer than the ring can never fit */
	assert_int_equal(rawbpf_user_ring_buffer_reserve(rb, RING, &s), -E2BIG);
	assert_int_equal(rawbpf_user_ring_buffer_reserve_blocking(rb, RING, 10,
								  &s), -E2BIG);
	n = fill_up(rb);
	assert_int_equal(n, RING / per);
	/* the space left takes a smaller record exactly, then nothing */
	assert_int_equal(rawbpf_user_ring_buffer_reserve(rb, RING % per - 8,
							 &s), 0);
	assert_int_equal(rawbpf_user_ring_buffer_discard(rb, s), 0);
	assert_int_equal(rawbpf_user_ring_buffer_reserve(rb, 1, &s), -ENOSPC);
	assert_int_equal(rawbpf_user_ring_buffer_reserve_blocking(
				 rb, sizeof(struct rec), 0, &s), -ETIMEDOUT);
	t0 = ms_now();
	assert_int_equal(rawbpf_user_ring_buffer_reserve_blocking(
				 rb, sizeof(struct rec), 200, &s), -ETIMEDOUT);
	took = ms_now() - t0;
	assert_true(took >= 200 && took < 5000);
	/* the drain frees the ring; the blocking reserve succeeds at once */
	g = drain(obj);
	assert_int_equal(g->n, n > 128 ? 128 : n);
	for (uint32_t i = 0; i < g->n; i++)
		check(&g->recs[i], i);
	assert_int_equal(rawbpf_user_ring_buffer_reserve_blocking(
				 rb, sizeof(struct rec), -1, &s), 0);
	fill(s, n);
	assert_int_equal(rawbpf_user_ring_buffer_submit(rb, s), 0);
	g = drain(obj);
	assert_int_equal(g->n, 1);
	check(&g->recs[0], n);
	rawbpf_user_ring_buffer_free(rb);
	rawbpf_object_close(obj);
}

/* The test hook's answer to the clock: -EFAULT, counted; else through. */
static int clock_calls;
static int fail_clock(void *ctx, const struct rb_sys_call *c, long *ret)
{
	(void)ctx;
	if (c->kind != RB_SYS_CLOCK)
		return 0;
	clock_calls++;
	*ret = -EFAULT;
	return 1;
}

/* A blocking reserve with a timeout reads the monotonic clock through
 * lib/sys: a failing clock is its error, not a wait without end. */
static void test_clock_fails(void **state)
{
	const struct rb_sys_hook hook = { .before = fail_clock };
	struct rawbpf_user_ring_buffer *rb = NULL;
	struct rawbpf_object *obj;
	void *s = NULL;
	int err;

	(void)state;
	rb_require_kernel();
	obj = load();
	assert_int_equal(rawbpf_user_ring_buffer_new(map_fd(obj, "urb"), NULL,
						     &rb), 0);
	fill_up(rb);
	rb_sys_set_hook(&hook);
	err = rawbpf_user_ring_buffer_reserve_blocking(rb, sizeof(struct rec),
						       50, &s);
	rb_sys_set_hook(NULL);
	assert_int_equal(err, -EFAULT);
	assert_int_equal(clock_calls, 1);
	/* without a timeout the clock is not read: a plain -ETIMEDOUT */
	rb_sys_set_hook(&hook);
	err = rawbpf_user_ring_buffer_reserve_blocking(rb, sizeof(struct rec),
						       0, &s);
	rb_sys_set_hook(NULL);
	assert_int_equal(err, -ETIMEDOUT);
	assert_int_equal(clock_calls, 1);
	rawbpf_user_ring_buffer_free(rb);
	rawbpf_object_close(obj);
}

static void test_refusals(void **state)
{
	struct rawbpf_user_ring_buffer *rb = NULL;
	struct rawbpf_object *obj;
	struct rec outside;
	void *s = NULL;
	int fds, maps;

	(void)state;
	rb_require_kernel();
	obj = load();
	fds = rb_count_fds();
	maps = rb_buf_mappings("bpf-map");
	/* a ring buffer map that is not a user ring buffer */
	{
		RAWBPF_OPTS(rawbpf_sys_map_create_opts, mo);
		int fd = rawbpf_sys_map_create(BPF_MAP_TYPE_RINGBUF, "krb", 0, 0,
					       RING, &mo);

		assert_true(fd > 2);
		assert_int_equal(rawbpf_user_ring_buffer_new(fd, NULL, &rb),
				 -EINVAL);
		close(fd);
	}
	assert_int_equal(rawbpf_user_ring_buffer_new(999, NULL, &rb), -EBADFD);
	assert_int_equal(rawbpf_user_ring_buffer_new(map_fd(obj, "urb"), NULL,
						     NULL), -EINVAL);
	assert_null(rb);
	/* failing mmaps and epoll calls leave nothing behind */
	for (int op = 0; op < 3; op++) {
		static const int kinds[] = { RB_SYS_MMAP, RB_SYS_EPOLL_CTL,
					     RB_SYS_EPOLL_CREATE };

		for (int k = 1; k <= 2; k++) {
			int err;

			rb_buf_fail_op(kinds[op], k);
			err = rawbpf_user_ring_buffer_new(map_fd(obj, "urb"),
							  NULL, &rb);
			rb_buf_fail_op(0, 0);
			if (err == 0) {
				/* fewer calls of that kind than k */
				assert_true(kinds[op] != RB_SYS_MMAP || k > 2);
				rawbpf_user_ring_buffer_free(rb);
				rb = NULL;
				continue;
			}
			assert_int_equal(err, -ENOTRECOVERABLE);
			assert_null(rb);
			assert_int_equal(rb_buf_mappings("bpf-map"), maps);
			assert_int_equal(rb_count_fds(), fds);
		}
	}
	assert_int_equal(rawbpf_user_ring_buffer_new(map_fd(obj, "urb"), NULL,
						     &rb), 0);
	/* pointers that are no reserved record of this ring */
	assert_int_equal(rawbpf_user_ring_buffer_submit(rb, &outside), -EINVAL);
	assert_int_equal(rawbpf_user_ring_buffer_discard(rb, NULL), -EINVAL);
	assert_int_equal(rawbpf_user_ring_buffer_reserve(rb, 8, &s), 0);
	assert_int_equal(rawbpf_user_ring_buffer_submit(rb, (char *)s + 4),
			 -EINVAL);
	assert_int_equal(rawbpf_user_ring_buffer_discard(rb, s), 0);
	assert_int_equal(rawbpf_user_ring_buffer_discard(rb, s), -EINVAL);
	assert_int_equal(drain(obj)->n, 0);
	rawbpf_user_ring_buffer_free(rb);
	rawbpf_user_ring_buffer_free(NULL);
	assert_int_equal(rb_buf_mappings("bpf-map"), maps);
	assert_int_equal(rb_count_fds(), fds);
	rawbpf_object_close(obj);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_records_arrive, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_full_ring, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_refusals, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_clock_fails, rb_fixture_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
