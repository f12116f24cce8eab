// SPDX-License-Identifier: BSD-2-Clause
/* fuzz_buf.c - libFuzzer target for the record walkers of the perf buffer
 * and the ring buffer (lib/map/), which read what the kernel wrote into a
 * mapped ring. Input: u64 tail, u64 head (little-endian), then the data
 * area, zero-padded to 256 bytes; the same bytes feed both walkers (for the
 * ring buffer mapped twice, as the kernel does). Every record handed out
 * must lie inside the ring (the callbacks read all of it). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "map/buf.h"

#define DSIZE 256u

static int on_sample(void *ctx, int cpu, const void *data, uint32_t size)
{
	volatile uint8_t sum = 0;

	(void)ctx; (void)cpu;
	for (uint32_t i = 0; i < size; i++)
		sum += ((const uint8_t *)data)[i];
	return sum == 7 ? -1 : 0;
}

static int on_lost(void *ctx, int cpu, uint64_t cnt)
{
	(void)ctx; (void)cpu;
	return cnt == 7 ? -1 : 0;
}

static int on_record(void *ctx, const void *data, size_t size)
{
	return on_sample(ctx, 0, data, (uint32_t)size);
}

/* The ring buffer walker on @ring (DSIZE bytes) between @cons and @prod. */
static void ring_walk(const uint8_t *ring, uint64_t cons, uint64_t prod)
{
	uint8_t *twice = malloc(2 * DSIZE);
	unsigned long c = (unsigned long)cons, p = (unsigned long)prod;
	struct rb_ring r = { .fn = on_record, .consumer_pos = &c,
			     .producer_pos = &p, .mask = DSIZE - 1 };

	if (!twice)
		abort();
	memcpy(twice, ring, DSIZE);
	memcpy(twice + DSIZE, ring, DSIZE);
	r.data = twice;
	/* aligned positions, as the kernel keeps them */
	c &= ~7UL;
	p &= ~7UL;
	for (int i = 0; i < 3 && c < p; i++)
		(void)rb_ring_walk(&r);
	free(twice);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct perf_event_mmap_page *hdr = calloc(1, sizeof(*hdr));
	uint8_t *ring = calloc(1, DSIZE);
	struct rb_perf_ring r = { .hdr = hdr, .data = ring, .size = DSIZE };
	struct rb_perf_sink s = { .sample_fn = on_sample, .lost_fn = on_lost };
	uint64_t tail = 0, head = 0;

	if (!hdr || !ring)
		abort();
	if (size >= 16) {
		memcpy(&tail, data, 8);
		memcpy(&head, data + 8, 8);
		data += 16;
		size -= 16;
	}
	/* at most a few rings' worth, so a run stays short */
	if (head > tail && head - tail > 4 * DSIZE)
		head = tail + 4 * DSIZE;
	memcpy(ring, data, size < DSIZE ? size : DSIZE);
	ring_walk(ring, tail, head);
	hdr->data_tail = tail;
	hdr->data_head = head;
	for (int i = 0; i < 3 && hdr->data_tail < head; i++)
		(void)rb_perf_walk(&r, &s);
	free(s.scratch);
	free(ring);
	free(hdr);
	return 0;
}
