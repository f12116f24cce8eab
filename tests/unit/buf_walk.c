// SPDX-License-Identifier: BSD-2-Clause
/* buf_walk.c - the ring buffer and perf buffer record walkers on fake
 * rings in memory: records in order, across the end of the ring, discarded
 * and busy records, a callback that stops the walk, positions published,
 * perf records copied when they wrap (and what happens when that copy
 * cannot be allocated), lost records, unknown and malformed records. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "budget.h"
#include "fixture.h"
#include "core/mem.h"
#include "map/buf.h"

/* ---- ring buffer ---------------------------------------------------- */

#define RSIZE 64u	/* data bytes; mapped twice like the kernel does */

struct fake_ring {
	unsigned long cons, prod;
	uint8_t data[2 * RSIZE];
	struct rb_ring r;
};

struct seen {
	int n;
	int stop_at;
	uint8_t first[16];	/* first payload byte of each record */
	size_t size[16];
};

static int on_rec(void *ctx, const void *data, size_t size)
{
	struct seen *s = ctx;

	assert_true(s->n < 16);
	s->first[s->n] = size ? *(const uint8_t *)data : 0;
	s->size[s->n++] = size;
	return s->stop_at && s->n == s->stop_at ? -7 : 1;
}

static void ring_init(struct fake_ring *f, struct seen *s, unsigned long pos)
{
	memset(f, 0, sizeof(*f));
	f->cons = f->prod = pos;
	f->r = (struct rb_ring){ .fn = on_rec, .ctx = s, .consumer_pos = &f->cons,
				 .producer_pos = &f->prod, .data = f->data,
				 .mask = RSIZE - 1 };
}

/* Write byte @b at position @pos in both copies of the data. */
static void put(struct fake_ring *f, unsigned long pos, uint8_t b)
{
	f->data[pos & (RSIZE - 1)] = b;
	f->data[(pos & (RSIZE - 1)) + RSIZE] = b;
}

/* Append a record of @len payload bytes (each @fill) with @flags. */
static void append(struct fake_ring *f, uint32_t len, uint32_t flags,
		   uint8_t fill)
{
	uint32_t hdr = len | flags;	/* the kernel writes it in host order */
	uint8_t b[4];

	memcpy(b, &hdr, 4);
	for (int i = 0; i < 4; i++)
		put(f, f->prod + i, b[i]);
	for (int i = 4; i < 8; i++)
		put(f, f->prod + i, 0);
	for (uint32_t i = 0; i < len; i++)
		put(f, f->prod + 8 + i, fill);
	f->prod += (len + 8 + 7) & ~7u;
}

static void test_ring_in_order(void **state)
{
	struct fake_ring f;
	struct seen s = { 0 };

	(void)state;
	ring_init(&f, &s, 0);
	assert_int_equal(rb_ring_walk(&f.r), 0);	/* empty */
	append(&f, 4, 0, 0xa1);
	append(&f, 13, 0, 0xa2);
	append(&f, 0, 0, 0);
	assert_int_equal(rb_ring_walk(&f.r), 3);
	assert_int_equal(s.first[0], 0xa1);
	assert_int_equal(s.size[0], 4);
	assert_int_equal(s.first[1], 0xa2);
	assert_int_equal(s.size[1], 13);
	assert_int_equal(s.size[2], 0);
	assert_int_equal(f.cons, 16 + 24 + 8);
	assert_int_equal(f.cons, f.prod);
}

static void test_ring_wraps(void **state)
{
	struct fake_ring f;
	struct seen s = { 0 };

	(void)state;
	ring_init(&f, &s, 3 * RSIZE - 16);	/* 16 bytes before the end */
	append(&f, 20, 0, 0xb1);		/* header + 20 cross the end */
	append(&f, 8, 0, 0xb2);
	assert_int_equal(rb_ring_walk(&f.r), 2);
	assert_int_equal(s.first[0], 0xb1);
	assert_int_equal(s.size[0], 20);
	assert_int_equal(s.first[1], 0xb2);
	assert_int_equal(f.cons, 3 * RSIZE - 16 + 32 + 16);
}

static void test_ring_discard_and_busy(void **state)
{
	struct fake_ring f;
	struct seen s = { 0 };
	unsigned long busy_at;

	(void)state;
	ring_init(&f, &s, 0);
	append(&f, 4, RAWBPF_RINGBUF_DISCARD_BIT, 0xc0);
	append(&f, 4, 0, 0xc1);
	busy_at = f.prod;
	append(&f, 4, RAWBPF_RINGBUF_BUSY_BIT, 0xc2);
	append(&f, 4, 0, 0xc3);
	assert_int_equal(rb_ring_walk(&f.r), 1);	/* c0 skipped, stop at c2 */
	assert_int_equal(s.first[0], 0xc1);
	assert_int_equal(f.cons, busy_at);
	assert_int_equal(rb_ring_walk(&f.r), 0);	/* still busy */
	{	/* committed: BUSY cleared in the host-order header */
		uint32_t hdr = 4;
		uint8_t b[4];

		memcpy(b, &hdr, 4);
		for (int i = 0; i < 4; i++)
			put(&f, busy_at + (unsigned long)i, b[i]);
	}
	assert_int_equal(rb_ring_walk(&f.r), 2);
	assert_int_equal(s.first[1], 0xc2);
	assert_int_equal(s.first[2], 0xc3);
	assert_int_equal(f.cons, f.prod);
}

static void test_ring_corrupt_length(void **state)
{
	struct fake_ring f;
	struct seen s = { 0 };

	(void)state;
	ring_init(&f, &s, 0);
	append(&f, 4, 0, 0xf1);
	append(&f, 4, 0, 0xf2);
	put(&f, 16, 40);		/* the second claims 40 bytes: past prod */
	assert_int_equal(rb_ring_walk(&f.r), -EBADMSG);
	assert_int_equal(s.n, 1);
	assert_int_equal(f.cons, f.prod);
	/* longer than the whole ring, even with prod that far ahead */
	append(&f, 4, 0, 0xf3);
	put(&f, f.cons, 100);
	f.prod = f.cons + 200;
	assert_int_equal(rb_ring_walk(&f.r), -EBADMSG);
	assert_int_equal(s.n, 1);
	assert_int_equal(f.cons, f.prod);
	/* a producer more than a ring ahead: refused before any record;
	 * exactly a ring ahead is a full ring, read */
	append(&f, 4, 0, 0xf4);
	f.prod = f.cons + RSIZE + 8;
	assert_int_equal(rb_ring_walk(&f.r), -EBADMSG);
	assert_int_equal(s.n, 1);
	assert_int_equal(f.cons, f.prod);
	while (f.prod - f.cons < RSIZE)
		append(&f, 4, 0, 0xf5);
	assert_int_equal(f.prod - f.cons, RSIZE);
	assert_int_equal(rb_ring_walk(&f.r), RSIZE / 16);
	assert_int_equal(s.n, 1 + RSIZE / 16);
	assert_int_equal(f.cons, f.prod);
}

static void test_ring_callback_stops(void **state)
{
	struct fake_ring f;
	struct seen s = { .stop_at = 2 };

	(void)state;
	ring_init(&f, &s, 0);
	append(&f, 1, 0, 1);
	append(&f, 1, 0, 2);
	append(&f, 1, 0, 3);
	assert_int_equal(rb_ring_walk(&f.r), -7);
	assert_int_equal(s.n, 2);
	assert_int_equal(f.cons, 32);		/* the stopping record consumed */
	s.stop_at = 0;
	assert_int_equal(rb_ring_walk(&f.r), 1);
	assert_int_equal(s.first[2], 3);
}

/* ---- perf buffer ----------------------------------------------------- */

#define PSIZE 128u

struct fake_perf {
	struct perf_event_mmap_page hdr;
	uint8_t data[PSIZE];
	struct rb_perf_ring r;
	uint64_t lost;
	int samples, stop_at;
	uint8_t first[16];
	uint32_t size[16];
};

static int on_sample(void *ctx, int cpu, const void *data, uint32_t size)
{
	struct fake_perf *f = ctx;

	assert_int_equal(cpu, 5);
	assert_true(f->samples < 16);
	f->first[f->samples] = size ? *(const uint8_t *)data : 0;
	/* the whole payload is contiguous and intact */
	for (uint32_t i = 0; i < size; i++)
		assert_int_equal(((const uint8_t *)data)[i], f->first[f->samples]);
	f->size[f->samples++] = size;
	return f->stop_at && f->samples == f->stop_at ? -9 : 3;
}

static int on_lost(void *ctx, int cpu, uint64_t cnt)
{
	struct fake_perf *f = ctx;

	assert_int_equal(cpu, 5);
	f->lost += cnt;
	return 0;
}

static struct fake_perf *perf_init(uint64_t pos)
{
	struct fake_perf *f = calloc(1, sizeof(*f));

	assert_non_null(f);
	f->hdr.data_head = f->hdr.data_tail = pos;
	f->r = (struct rb_perf_ring){ .hdr = &f->hdr, .data = f->data,
				      .size = PSIZE, .cpu = 5 };
	return f;
}

static void pput(struct fake_perf *f, uint64_t pos, const void *src, size_t n)
{
	for (size_t i = 0; i < n; i++)
		f->data[(pos + i) & (PSIZE - 1)] = ((const uint8_t *)src)[i];
}

/* Append a record of @type with @body of @n bytes. */
static void precord(struct fake_perf *f, uint32_t type, const void *body,
		    size_t n)
{
	struct perf_event_header eh = { .type = type,
					.size = (uint16_t)(sizeof(eh) + n) };

	pput(f, f->hdr.data_head, &eh, sizeof(eh));
	pput(f, f->hdr.data_head + sizeof(eh), body, n);
	f->hdr.data_head += eh.size;
}

static void psample(struct fake_perf *f, uint32_t len, uint8_t fill)
{
	uint8_t body[64];

	memcpy(body, &len, 4);
	memset(body + 4, fill, len);
	precord(f, PERF_RECORD_SAMPLE, body, 4 + len);
}

static void test_perf_records(void **state)
{
	struct fake_perf *f = perf_init(PSIZE - 24);	/* near the end */
	struct budget b = { .left = -1 };
	struct rawbpf_allocator a = rb_budget_allocator(&b);
	struct rb_perf_sink s = { .sample_fn = on_sample, .lost_fn = on_lost,
				  .ctx = f, .alloc = &a };
	uint64_t lost[2] = { 77, 3 };
	uint8_t other[8] = { 0 };

	(void)state;
	assert_int_equal(rb_perf_walk(&f->r, &s), 0);		/* empty */
	psample(f, 4, 0xd1);		/* 16 bytes, fits before the end */
	psample(f, 36, 0xd2);		/* 48 bytes, wraps */
	precord(f, PERF_RECORD_LOST, lost, sizeof(lost));
	precord(f, PERF_RECORD_MMAP, other, sizeof(other));	/* skipped */
	psample(f, 4, 0xd3);
	assert_int_equal(rb_perf_walk(&f->r, &s), 4);	/* 3 samples + lost */
	assert_int_equal(f->samples, 3);
	assert_int_equal(f->first[0], 0xd1);
	assert_int_equal(f->first[1], 0xd2);
	assert_int_equal(f->size[1], 36);
	assert_int_equal(f->first[2], 0xd3);
	assert_int_equal(f->lost, 3);
	assert_int_equal(f->hdr.data_tail, f->hdr.data_head);
	assert_int_equal(s.scratch_size, 48);
	rb_free(&a, s.scratch);
	assert_int_equal(b.live, 0);
	free(f);
}

static void test_perf_scratch_fails(void **state)
{
	struct fake_perf *f = perf_init(PSIZE - 8);
	struct budget b = { .left = 0 };
	struct rawbpf_allocator a = rb_budget_allocator(&b);
	struct rb_perf_sink s = { .sample_fn = on_sample, .ctx = f,
				  .alloc = &a };

	(void)state;
	psample(f, 12, 0xe1);			/* wraps: needs the scratch */
	assert_int_equal(rb_perf_walk(&f->r, &s), -ENOMEM);
	assert_int_equal(f->samples, 0);
	assert_int_equal(f->hdr.data_tail, PSIZE - 8);	/* kept for later */
	b.left = -1;
	assert_int_equal(rb_perf_walk(&f->r, &s), 1);
	assert_int_equal(f->first[0], 0xe1);
	rb_free(&a, s.scratch);
	assert_int_equal(b.live, 0);
	free(f);
}

static void test_perf_stop_and_malformed(void **state)
{
	struct fake_perf *f = perf_init(0);
	struct rb_perf_sink s = { .sample_fn = on_sample, .ctx = f };
	struct perf_event_header bad = { .type = PERF_RECORD_SAMPLE, .size = 4 };
	uint64_t lost[2] = { 1, 9 };

	(void)state;
	f->stop_at = 1;
	psample(f, 4, 1);
	psample(f, 4, 2);
	precord(f, PERF_RECORD_LOST, lost, sizeof(lost));	/* no lost_fn */
	assert_int_equal(rb_perf_walk(&f->r, &s), -9);
	assert_int_equal(f->hdr.data_tail, 16);
	f->stop_at = 0;
	assert_int_equal(rb_perf_walk(&f->r, &s), 2);
	/* a header shorter than itself: the ring is skipped to its head */
	pput(f, f->hdr.data_head, &bad, sizeof(bad));
	f->hdr.data_head += 8;
	psample(f, 4, 3);
	assert_int_equal(rb_perf_walk(&f->r, &s), -EBADMSG);
	assert_int_equal(f->hdr.data_tail, f->hdr.data_head);
	/* a sample whose size field overruns its record */
	{
		uint32_t big = 100;

		precord(f, PERF_RECORD_SAMPLE, &big, 4);
	}
	assert_int_equal(rb_perf_walk(&f->r, &s), -EBADMSG);
	assert_int_equal(f->samples, 2);
	/* a record larger than the whole ring (head moved past it) */
	{
		struct perf_event_header huge = { .type = PERF_RECORD_SAMPLE,
						  .size = 2 * PSIZE };

		pput(f, f->hdr.data_head, &huge, sizeof(huge));
		f->hdr.data_head += 2 * PSIZE;
	}
	assert_int_equal(rb_perf_walk(&f->r, &s), -EBADMSG);
	assert_int_equal(f->hdr.data_tail, f->hdr.data_head);
	/* a tail that is not 8-aligned */
	f->hdr.data_tail += 4;
	psample(f, 4, 4);
	assert_int_equal(rb_perf_walk(&f->r, &s), -EBADMSG);
	assert_int_equal(f->hdr.data_tail, f->hdr.data_head);
	assert_int_equal(f->samples, 2);
	free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ring_in_order),
		cmocka_unit_test(test_ring_wraps),
		cmocka_unit_test(test_ring_discard_and_busy),
		cmocka_unit_test(test_ring_corrupt_length),
		cmocka_unit_test(test_ring_callback_stops),
		cmocka_unit_test(test_perf_records),
		cmocka_unit_test(test_perf_scratch_fails),
		cmocka_unit_test(test_perf_stop_and_malformed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
