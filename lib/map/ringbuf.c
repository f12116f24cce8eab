// SPDX-License-Identifier: BSD-2-Clause
/*
 * ringbuf.c - the user-space consumer of BPF_MAP_TYPE_RINGBUF maps.
 *
 * A ring buffer map of N data bytes (N = max_entries, a power of 2 pages)
 * is mapped by offset:
 *
 *   0          consumer page   RW: consumer_pos, written by us
 *   page       producer page   RO: producer_pos, written by the kernel
 *   2 * page   data, N bytes   RO, mapped twice by the kernel (2 * N)
 *
 * Positions only grow; a record is at data + (pos & (N - 1)): an 8-byte
 * header (length | BUSY | DISCARD, then the kernel's page offset) and the
 * payload, the whole rounded up to 8 bytes. The kernel publishes
 * producer_pos and each header with release stores, so we read them with
 * acquire loads; we publish consumer_pos with a release store so the
 * kernel sees our reads done before it reuses the space.
 */
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <sys/epoll.h>
#include <sys/mman.h>
#include <unistd.h>

#include "rawbpf/ringbuf.h"
#include "rawbpf/sys.h"
#include "core/mem.h"
#include "map/buf.h"
#include "sys/libc.h"

struct rawbpf_ring_buffer {
	const struct rawbpf_allocator *alloc;
	struct rb_ring *rings;
	struct epoll_event *events;	/* one per ring, for epoll_wait */
	int n;
	int rings_cap, events_cap;	/* allocated lengths */
	int epfd;
	size_t page;
};

int rb_ring_walk(struct rb_ring *r)
{
	/* data and mask in locals: the callback could write anywhere, so
	 * fields read through @r are read again after every record (fn, ctx
	 * and consumer_pos are: six values fit the callee-saved registers) */
	const uint8_t *data = r->data;
	unsigned long mask = r->mask;
	unsigned long cons = __atomic_load_n(r->consumer_pos, __ATOMIC_RELAXED), prod;
	long cnt = 0;

	while (cons < (prod = __atomic_load_n(r->producer_pos, __ATOMIC_ACQUIRE))) {
		/* the kernel never reserves more than the ring: a producer
		 * further ahead, or a record longer than what it reserved
		 * before we read prod, is corruption */
		if (prod - cons > mask + 1)
			goto corrupt;
		do {
			const uint32_t *hdr = (const uint32_t *)(data + (cons & mask));
			uint32_t len = __atomic_load_n(hdr, __ATOMIC_ACQUIRE);
			uint32_t size = len & ~(RAWBPF_RINGBUF_BUSY_BIT |
						RAWBPF_RINGBUF_DISCARD_BIT);
			unsigned long step = (size + RAWBPF_RINGBUF_HDR_SZ + 7UL) & ~7UL;

			if (len & RAWBPF_RINGBUF_BUSY_BIT)
				goto out;	/* not committed yet */
			if (step > prod - cons)
				goto corrupt;
			cons += step;
			if (!(len & RAWBPF_RINGBUF_DISCARD_BIT)) {
				int err = r->fn(r->ctx, hdr + 2, size);

				if (err < 0) {
					__atomic_store_n(r->consumer_pos, cons, __ATOMIC_RELEASE);
					return err;
				}
				cnt++;
			}
			__atomic_store_n(r->consumer_pos, cons, __ATOMIC_RELEASE);
		} while (cons < prod);
	}
out:
	return cnt > INT_MAX ? INT_MAX : (int)cnt;
corrupt:
	__atomic_store_n(r->consumer_pos, prod, __ATOMIC_RELEASE);
	return -EBADMSG;
}

static void ring_unmap(struct rb_ring *r, size_t page)
{
	if (r->producer_pos)
		rb_sys_munmap(r->producer_pos, r->map_size);
	if (r->consumer_pos)
		rb_sys_munmap(r->consumer_pos, page);
	r->producer_pos = NULL;
	r->consumer_pos = NULL;
}

/* Map @map_fd's pages into @r. 0 or -errno (nothing left mapped). */
static int ring_map(struct rb_ring *r, int map_fd, size_t page)
{
	uint32_t type, max;
	void *p;
	int err = rb_buf_map_info(map_fd, &type, &max);

	if (err)
		return err;
	if (type != BPF_MAP_TYPE_RINGBUF || !max || (max & (max - 1)))
		return -EINVAL;
	if ((size_t)max > (SIZE_MAX - page) / 2)
		return -E2BIG;
	p = rb_buf_mmap(page, PROT_READ | PROT_WRITE, map_fd, 0, &err);
	if (!p)
		return err;
	r->consumer_pos = p;
	r->map_size = page + 2 * (size_t)max;
	p = rb_buf_mmap(r->map_size, PROT_READ, map_fd, page, &err);
	if (!p) {
		ring_unmap(r, page);
		return err;
	}
	r->producer_pos = p;
	r->data = (const uint8_t *)p + page;
	r->mask = max - 1;
	return 0;
}

int rawbpf_ring_buffer_add(struct rawbpf_ring_buffer *rb, int map_fd,
			   rawbpf_ring_buffer_fn fn, void *ctx)
{
	struct rb_ring *rings, *r;
	struct epoll_event *ev;
	int err;

	if (!rb || !fn || map_fd < 0)
		return -EINVAL;
	if (rb->n == INT_MAX)
		return -E2BIG;
	/* Grow both arrays first: after the ring is mapped nothing can fail
	 * but epoll_ctl. A slot grown for a failed add is reused. */
	if (rb->rings_cap == rb->n) {
		rings = rb_resize(rb->alloc, rb->rings,
				  (rb->n + 1) * sizeof(*rings));
		if (!rings)
			return -ENOMEM;
		rb->rings = rings;
		rb->rings_cap = rb->n + 1;
	}
	if (rb->events_cap == rb->n) {
		ev = rb_resize(rb->alloc, rb->events,
			       (rb->n + 1) * sizeof(*ev));
		if (!ev)
			return -ENOMEM;
		rb->events = ev;
		rb->events_cap = rb->n + 1;
	}
	rings = rb->rings;
	r = &rings[rb->n];
	*r = (struct rb_ring){ .fn = fn, .ctx = ctx };
	err = ring_map(r, map_fd, rb->page);
	if (!err)
		err = rb_buf_epoll_add(rb->epfd, map_fd, (uint32_t)rb->n);
	if (err) {
		ring_unmap(r, rb->page);
		return err;
	}
	rb->n++;
	return 0;
}

int rawbpf_ring_buffer_new(int map_fd, rawbpf_ring_buffer_fn fn, void *ctx,
			   const struct rawbpf_ring_buffer_opts *uopts,
			   struct rawbpf_ring_buffer **out)
{
	struct rawbpf_ring_buffer_opts o;
	struct rawbpf_ring_buffer *rb;
	int err = rb_opts_copy(&o, sizeof(o), uopts);

	if (err)
		return err;
	if (!out || !fn || map_fd < 0)
		return -EINVAL;
	rb = rb_alloc(o.alloc, sizeof(*rb));
	if (!rb)
		return -ENOMEM;
	rb->alloc = o.alloc;
	rb->page = rb_buf_page_size();
	rb->epfd = rb_buf_epoll();
	if (rb->epfd < 0) {
		err = rb->epfd;
		rb_free(o.alloc, rb);
		return err;
	}
	err = rawbpf_ring_buffer_add(rb, map_fd, fn, ctx);
	if (err) {
		rawbpf_ring_buffer_free(rb);
		return err;
	}
	*out = rb;
	return 0;
}

int rawbpf_ring_buffer_consume(struct rawbpf_ring_buffer *rb)
{
	int total = 0;

	if (!rb)
		return -EINVAL;
	for (int i = 0; i < rb->n; i++) {
		total = rb_buf_add_count(total, rb_ring_walk(&rb->rings[i]));
		if (total < 0)
			return total;
	}
	return total;
}

int rawbpf_ring_buffer_poll(struct rawbpf_ring_buffer *rb, int timeout_ms)
{
	int n, total = 0;

	if (!rb)
		return -EINVAL;
	n = rb_sys_epoll_wait(rb->epfd, rb->events, rb->n, timeout_ms);
	if (n < 0)
		return n;
	for (int i = 0; i < n; i++) {
		uint32_t idx = rb->events[i].data.u32;

		if (idx >= (uint32_t)rb->n)
			continue;
		total = rb_buf_add_count(total, rb_ring_walk(&rb->rings[idx]));
		if (total < 0)
			return total;
	}
	return total;
}

int rawbpf_ring_buffer_epoll_fd(const struct rawbpf_ring_buffer *rb)
{
	return rb ? rb->epfd : -EINVAL;
}

void rawbpf_ring_buffer_free(struct rawbpf_ring_buffer *rb)
{
	if (!rb)
		return;
	for (int i = 0; i < rb->n; i++)
		ring_unmap(&rb->rings[i], rb->page);
	rb_free(rb->alloc, rb->rings);
	rb_free(rb->alloc, rb->events);
	if (rb->epfd >= 0)
		rb_sys_close(rb->epfd);
	rb_free(rb->alloc, rb);
}
