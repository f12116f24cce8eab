// SPDX-License-Identifier: BSD-2-Clause
/*
 * user_ringbuf.c - the user-space producer of BPF_MAP_TYPE_USER_RINGBUF
 * maps (6.1), drained by BPF programs with bpf_user_ringbuf_drain().
 *
 * The map is mapped as a ring buffer map is, with the roles swapped:
 *
 *   0          consumer page   RO: consumer_pos, written by the kernel
 *   page       producer page   RW: producer_pos, written by us
 *   2 * page   data, N bytes   RW, mapped twice by the kernel (2 * N)
 *
 * A record is an 8-byte header (length | BUSY | DISCARD, then a zero word)
 * and the payload, the whole rounded up to 8 bytes. Reserve writes the
 * header with BUSY set and publishes producer_pos with a release store;
 * the kernel stops draining at a busy record. Submit and discard clear
 * BUSY (discard also sets DISCARD) with a release store, so the kernel
 * sees the payload written before it sees the record committed. The
 * kernel reports the map writable (EPOLLOUT) when the ring is not full.
 */
#include <errno.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/mman.h>
#include <time.h>
#include <linux/bpf.h>

#include "rawbpf/ringbuf.h"
#include "core/mem.h"
#include "map/buf.h"
#include "sys/libc.h"

struct rawbpf_user_ring_buffer {
	const struct rawbpf_allocator *alloc;
	struct rb_uring ring;
	void *cons_map;		/* consumer page */
	void *prod_map;		/* producer page + 2 * data */
	size_t page, prod_size;
	int epfd;
};

int rb_uring_reserve(struct rb_uring *r, uint32_t size, void **sample)
{
	uint64_t total = ((uint64_t)size + RAWBPF_RINGBUF_HDR_SZ + 7) & ~7ULL;
	uint64_t ring = (uint64_t)r->mask + 1;
	unsigned long cons, prod;
	uint32_t *hdr;

	/* the length shares its word with the BUSY and DISCARD bits */
	if (total > ring || size >= RAWBPF_RINGBUF_DISCARD_BIT)
		return -E2BIG;
	cons = __atomic_load_n(r->consumer_pos, __ATOMIC_ACQUIRE);
	prod = __atomic_load_n(r->producer_pos, __ATOMIC_RELAXED);
	if (prod - cons > ring || (prod & 7))
		return -EBADMSG;
	if (ring - (prod - cons) < total)
		return -ENOSPC;
	hdr = (uint32_t *)(r->data + (prod & r->mask));
	hdr[0] = size | RAWBPF_RINGBUF_BUSY_BIT;
	hdr[1] = 0;
	__atomic_store_n(r->producer_pos, prod + (unsigned long)total,
			 __ATOMIC_RELEASE);
	*sample = hdr + 2;
	return 0;
}

int rb_uring_commit(struct rb_uring *r, void *sample, int discard)
{
	uint8_t *p = sample;
	uint32_t *hdr, len;

	/* the header lies in the first copy of the data, 8-byte aligned */
	if (!p || p < r->data + RAWBPF_RINGBUF_HDR_SZ ||
	    p > r->data + r->mask + 1 ||
	    ((size_t)(p - r->data) & 7))
		return -EINVAL;
	hdr = (uint32_t *)(p - RAWBPF_RINGBUF_HDR_SZ);
	len = __atomic_load_n(hdr, __ATOMIC_RELAXED);
	if (!(len & RAWBPF_RINGBUF_BUSY_BIT))
		return -EINVAL;
	len &= ~RAWBPF_RINGBUF_BUSY_BIT;
	if (discard)
		len |= RAWBPF_RINGBUF_DISCARD_BIT;
	__atomic_store_n(hdr, len, __ATOMIC_RELEASE);
	return 0;
}

/* Map @map_fd into @rb. 0 or -errno (nothing left mapped). */
static int uring_map(struct rawbpf_user_ring_buffer *rb, int map_fd)
{
	uint32_t type, max;
	int err = rb_buf_map_info(map_fd, &type, &max);

	if (err)
		return err;
	if (type != BPF_MAP_TYPE_USER_RINGBUF || !max || (max & (max - 1)))
		return -EINVAL;
	if ((size_t)max > (SIZE_MAX - rb->page) / 2)
		return -E2BIG;
	rb->cons_map = rb_buf_mmap(rb->page, PROT_READ, map_fd, 0, &err);
	if (!rb->cons_map)
		return err;
	rb->prod_size = rb->page + 2 * (size_t)max;
	rb->prod_map = rb_buf_mmap(rb->prod_size, PROT_READ | PROT_WRITE,
				   map_fd, rb->page, &err);
	if (!rb->prod_map) {
		rb_sys_munmap(rb->cons_map, rb->page);
		rb->cons_map = NULL;
		return err;
	}
	rb->ring.consumer_pos = rb->cons_map;
	rb->ring.producer_pos = rb->prod_map;
	rb->ring.data = (uint8_t *)rb->prod_map + rb->page;
	rb->ring.mask = max - 1;
	return 0;
}

int rawbpf_user_ring_buffer_new(int map_fd,
				const struct rawbpf_user_ring_buffer_opts *uopts,
				struct rawbpf_user_ring_buffer **out)
{
	struct rawbpf_user_ring_buffer_opts o;
	struct rawbpf_user_ring_buffer *rb;
	struct epoll_event ev;
	int err = rb_opts_copy(&o, sizeof(o), uopts);

	if (err)
		return err;
	if (!out || map_fd < 0)
		return -EINVAL;
	rb = rb_alloc(o.alloc, sizeof(*rb));
	if (!rb)
		return -ENOMEM;
	memset(rb, 0, sizeof(*rb));
	rb->alloc = o.alloc;
	rb->page = rb_buf_page_size();
	rb->epfd = rb_buf_epoll();
	if (rb->epfd < 0) {
		err = rb->epfd;
		rb_free(o.alloc, rb);
		return err;
	}
	err = uring_map(rb, map_fd);
	if (!err) {
		memset(&ev, 0, sizeof(ev));
		ev.events = EPOLLOUT;
		err = rb_sys_epoll_ctl(rb->epfd, EPOLL_CTL_ADD, map_fd, &ev);
	}
	if (err) {
		rawbpf_user_ring_buffer_free(rb);
		return err;
	}
	*out = rb;
	return 0;
}

int rawbpf_user_ring_buffer_reserve(struct rawbpf_user_ring_buffer *rb,
				    uint32_t size, void **sample)
{
	if (!rb || !sample)
		return -EINVAL;
	return rb_uring_reserve(&rb->ring, size, sample);
}

/* Milliseconds on the monotonic clock into *@ms; 0 or -errno. */
static int now_ms(int64_t *ms)
{
	int64_t ns;
	int err = rb_sys_clock_ns(CLOCK_MONOTONIC, &ns);

	if (!err)
		*ms = ns / 1000000;
	return err;
}

int rawbpf_user_ring_buffer_reserve_blocking(struct rawbpf_user_ring_buffer *rb,
					     uint32_t size, int timeout_ms,
					     void **sample)
{
	int64_t deadline = 0, now = 0;
	struct epoll_event ev;
	int err;

	if (!rb || !sample)
		return -EINVAL;
	if (timeout_ms > 0) {
		err = now_ms(&deadline);
		if (err)
			return err;
		deadline += timeout_ms;
	}
	for (;;) {
		int64_t left = -1;

		err = rb_uring_reserve(&rb->ring, size, sample);
		if (err != -ENOSPC)
			return err;
		if (timeout_ms > 0) {
			err = now_ms(&now);
			if (err)
				return err;
		}
		if (timeout_ms >= 0) {
			left = timeout_ms ? deadline - now : 0;
			if (left <= 0)
				return -ETIMEDOUT;
		}
		/* EPOLLOUT means "not full", maybe not room enough: retry */
		err = rb_sys_epoll_wait(rb->epfd, &ev, 1, (int)left);
		if (err < 0 && err != -EINTR)
			return err;
	}
}

int rawbpf_user_ring_buffer_submit(struct rawbpf_user_ring_buffer *rb,
				   void *sample)
{
	return rb ? rb_uring_commit(&rb->ring, sample, 0) : -EINVAL;
}

int rawbpf_user_ring_buffer_discard(struct rawbpf_user_ring_buffer *rb,
				    void *sample)
{
	return rb ? rb_uring_commit(&rb->ring, sample, 1) : -EINVAL;
}

void rawbpf_user_ring_buffer_free(struct rawbpf_user_ring_buffer *rb)
{
	if (!rb)
		return;
	if (rb->prod_map)
		rb_sys_munmap(rb->prod_map, rb->prod_size);
	if (rb->cons_map)
		rb_sys_munmap(rb->cons_map, rb->page);
	if (rb->epfd >= 0)
		rb_sys_close(rb->epfd);
	rb_free(rb->alloc, rb);
}
