// SPDX-License-Identifier: BSD-2-Clause
/* buf_user_ring.c - the user ring buffer producer's reserve and commit on
 * a fake ring in memory: the header written busy with the length, the
 * producer position published past the 8-byte-rounded record, a record
 * at the ring's end contiguous in the second copy, submit and discard
 * bits, and the refusals (-E2BIG, -ENOSPC, -EBADMSG, -EINVAL). */
#include <errno.h>
#include <string.h>

#include "fixture.h"
#include "map/buf.h"
#include "rawbpf/ringbuf.h"

#define RSIZE 64u

struct fake {
	unsigned long cons, prod;
	uint64_t data[2 * RSIZE / 8];	/* 8-byte aligned, mapped twice */
	struct rb_uring r;
};

static void init(struct fake *f, unsigned long pos)
{
	memset(f, 0, sizeof(*f));
	f->cons = f->prod = pos;
	f->r = (struct rb_uring){ .consumer_pos = &f->cons,
				  .producer_pos = &f->prod,
				  .data = (uint8_t *)f->data, .mask = RSIZE - 1 };
}

static uint32_t hdr_len(struct fake *f, unsigned long pos)
{
	uint32_t v;

	memcpy(&v, (uint8_t *)f->data + (pos & (RSIZE - 1)), 4);
	return v;
}

static void test_reserve_layout(void **state)
{
	struct fake f;
	void *a = NULL, *b = NULL;

	(void)state;
	init(&f, 0);
	memset(f.data, 0xee, sizeof(f.data));
	assert_int_equal(rb_uring_reserve(&f.r, 5, &a), 0);
	assert_ptr_equal(a, (uint8_t *)f.data + 8);
	assert_int_equal(f.prod, 16);		/* 8 + 5 rounded up to 8 */
	assert_int_equal(hdr_len(&f, 0), 5 | RAWBPF_RINGBUF_BUSY_BIT);
	assert_int_equal(hdr_len(&f, 4), 0);	/* the second header word */
	assert_int_equal(rb_uring_reserve(&f.r, 16, &b), 0);
	assert_ptr_equal(b, (uint8_t *)f.data + 24);
	assert_int_equal(f.prod, 40);
	assert_int_equal(rb_uring_commit(&f.r, b, 1), 0);
	assert_int_equal(hdr_len(&f, 16), 16 | RAWBPF_RINGBUF_DISCARD_BIT);
	assert_int_equal(rb_uring_commit(&f.r, a, 0), 0);
	assert_int_equal(hdr_len(&f, 0), 5);
	/* committed once: a second commit is refused, bits unchanged */
	assert_int_equal(rb_uring_commit(&f.r, a, 1), -EINVAL);
	assert_int_equal(hdr_len(&f, 0), 5);
}

static void test_reserve_full_and_wrap(void **state)
{
	struct fake f;
	void *s = NULL;

	(void)state;
	/* 48 bytes in flight of 64: 16 left, a 9-byte payload needs 24 */
	init(&f, 1000 * RSIZE + 48);
	f.cons = 1000 * RSIZE;
	assert_int_equal(rb_uring_reserve(&f.r, 9, &s), -ENOSPC);
	assert_int_equal(f.prod, 1000 * RSIZE + 48);
	assert_int_equal(rb_uring_reserve(&f.r, 8, &s), 0);	/* 16: fits */
	assert_int_equal(f.prod, 1001 * RSIZE);
	assert_int_equal(rb_uring_reserve(&f.r, 0, &s), -ENOSPC);
	/* the kernel consumed 32: a 24-byte payload at 0 of the next lap */
	f.cons += 32;
	assert_int_equal(rb_uring_reserve(&f.r, 24, &s), 0);
	assert_ptr_equal(s, (uint8_t *)f.data + 8);
	/* a record starting 8 bytes before the end runs into the copy */
	init(&f, RSIZE - 8);
	assert_int_equal(rb_uring_reserve(&f.r, 32, &s), 0);
	assert_ptr_equal(s, (uint8_t *)f.data + RSIZE);
	memset(s, 0x5a, 32);	/* inside the fake's second copy */
	assert_int_equal(rb_uring_commit(&f.r, s, 0), 0);
	assert_int_equal(hdr_len(&f, RSIZE - 8), 32);
}

static void test_refusals(void **state)
{
	struct fake f;
	uint64_t elsewhere[2];
	void *s = NULL;

	(void)state;
	init(&f, 0);
	/* larger than the ring; a length reaching the flag bits */
	assert_int_equal(rb_uring_reserve(&f.r, RSIZE - 7, &s), -E2BIG);
	assert_int_equal(rb_uring_reserve(&f.r, RAWBPF_RINGBUF_DISCARD_BIT, &s),
			 -E2BIG);
	assert_int_equal(rb_uring_reserve(&f.r, RSIZE - 8, &s), 0);
	/* corrupt positions: further apart than the ring, misaligned */
	init(&f, 0);
	f.prod = RSIZE + 8;
	assert_int_equal(rb_uring_reserve(&f.r, 8, &s), -EBADMSG);
	f.prod = 4;
	assert_int_equal(rb_uring_reserve(&f.r, 8, &s), -EBADMSG);
	/* commits of what is no busy record of this ring */
	init(&f, 0);
	assert_int_equal(rb_uring_commit(&f.r, NULL, 0), -EINVAL);
	assert_int_equal(rb_uring_commit(&f.r, elsewhere, 0), -EINVAL);
	assert_int_equal(rb_uring_commit(&f.r, f.data, 0), -EINVAL);
	assert_int_equal(rb_uring_commit(&f.r, (uint8_t *)f.data + RSIZE + 8, 0),
			 -EINVAL);
	assert_int_equal(rb_uring_reserve(&f.r, 8, &s), 0);
	assert_int_equal(rb_uring_commit(&f.r, (uint8_t *)s + 4, 0), -EINVAL);
	assert_int_equal(rb_uring_commit(&f.r, (uint8_t *)s + 8, 0), -EINVAL);
	assert_int_equal(hdr_len(&f, 0), 8 | RAWBPF_RINGBUF_BUSY_BIT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reserve_layout),
		cmocka_unit_test(test_reserve_full_and_wrap),
		cmocka_unit_test(test_refusals),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
