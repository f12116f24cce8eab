/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * rawbpf/ringbuf.h - read BPF_MAP_TYPE_RINGBUF maps from user space.
 *
 * One rawbpf_ring_buffer manages one or more ring buffer maps behind one
 * epoll fd. Each map's consumer page is mapped read-write, its producer
 * page and data read-only (the kernel maps the data twice in a row, so a
 * record that wraps the end is still contiguous). poll() waits for any of
 * them and consume() reads what is there; both call the map's callback once
 * per committed record, skip discarded ones and stop at the first record
 * still being written. A manager is used from one thread at a time.
 */
#ifndef RAWBPF_RINGBUF_H
#define RAWBPF_RINGBUF_H

#include <stddef.h>
#include <stdint.h>

#include "rawbpf/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Record header bits (include/uapi/linux/bpf.h): the first 32-bit word of
 * each 8-byte header is the length, with these two flags on top. */
#define RAWBPF_RINGBUF_BUSY_BIT		(1U << 31)
#define RAWBPF_RINGBUF_DISCARD_BIT	(1U << 30)
#define RAWBPF_RINGBUF_HDR_SZ		8

struct rawbpf_ring_buffer;

/*
 * A record callback: @data/@size is one record, valid only during the call.
 * Return >= 0 to go on; a negative value stops the walk (the record counts as
 * consumed) and is what poll()/consume() return.
 */
typedef int (*rawbpf_ring_buffer_fn)(void *ctx, const void *data,
				     size_t size);

struct rawbpf_ring_buffer_opts {
	uint32_t size;
	const struct rawbpf_allocator *alloc;	/* NULL: libc; must outlive */
};

/* rawbpf_ring_buffer_new - a manager reading ring buffer map @map_fd
 * (5.8) with @fn(@ctx, ...); the map fd must stay open while it is used.
 * Returns 0 and *@out, or -errno (-EINVAL: not a ring buffer map). */
RAWBPF_API int
rawbpf_ring_buffer_new(int map_fd, rawbpf_ring_buffer_fn fn, void *ctx,
		       const struct rawbpf_ring_buffer_opts *opts,
		       struct rawbpf_ring_buffer **out);
/* rawbpf_ring_buffer_add - read one more ring buffer map @map_fd (5.8) with
 * its own @fn/@ctx through the same manager; 0, -EINVAL (not a ring buffer
 * map), -ENOMEM, -errno (nothing changed). */
RAWBPF_API int rawbpf_ring_buffer_add(struct rawbpf_ring_buffer *rb, int map_fd,
				      rawbpf_ring_buffer_fn fn, void *ctx);
/*
 * rawbpf_ring_buffer_poll - wait up to @timeout_ms (-1: forever) for data
 * (epoll, any kernel with ring buffers, 5.8) and read the rings that have
 * some; records delivered, a callback's negative return, -EINVAL (NULL @rb),
 * -EINTR, or -EBADMSG (a corrupt record).
 */
RAWBPF_API int rawbpf_ring_buffer_poll(struct rawbpf_ring_buffer *rb,
				       int timeout_ms);
/* rawbpf_ring_buffer_consume - read every ring without waiting; no system
 * call. Records delivered, a callback's negative return, -EINVAL (NULL @rb)
 * or -EBADMSG (a corrupt record). */
RAWBPF_API int rawbpf_ring_buffer_consume(struct rawbpf_ring_buffer *rb);
/* rawbpf_ring_buffer_epoll_fd - the epoll fd (for the caller's own event
 * loop), readable when any ring has data (no kernel call); -EINVAL for NULL. */
RAWBPF_API int rawbpf_ring_buffer_epoll_fd(const struct rawbpf_ring_buffer *rb);
/* rawbpf_ring_buffer_free - unmap every ring, close the epoll fd and free
 * the manager (no kernel call besides munmap/close); NULL is ignored. The
 * maps' fds are the caller's. */
RAWBPF_API void rawbpf_ring_buffer_free(struct rawbpf_ring_buffer *rb);

/*
 * The producer side of BPF_MAP_TYPE_USER_RINGBUF maps (6.1): user space
 * reserves a record, fills it and submits (or discards) it; a BPF program
 * drains the ring with bpf_user_ringbuf_drain(). The consumer page is mapped
 * read-only (the kernel writes consumer_pos), the producer page and data
 * read-write. Reserve is for one thread at a time; submit and discard may
 * come from any thread.
 */
struct rawbpf_user_ring_buffer;

struct rawbpf_user_ring_buffer_opts {
	uint32_t size;
	const struct rawbpf_allocator *alloc;	/* NULL: libc; must outlive */
};

/* rawbpf_user_ring_buffer_new - a producer writing user ring buffer map
 * @map_fd (6.1); the map fd must stay open while it is used. Returns 0 and
 * *@out, or -errno (-EINVAL: not a user ring buffer map). */
RAWBPF_API int
rawbpf_user_ring_buffer_new(int map_fd,
			    const struct rawbpf_user_ring_buffer_opts *opts,
			    struct rawbpf_user_ring_buffer **out);
/* rawbpf_user_ring_buffer_reserve - reserve @size bytes (no system call)
 * and set *@sample to them, 8-byte aligned; the kernel skips the record
 * until it is submitted or discarded. 0, -EINVAL, -E2BIG (larger than the
 * ring), -ENOSPC (not enough free space now) or -EBADMSG (corrupt
 * positions). */
RAWBPF_API int rawbpf_user_ring_buffer_reserve(struct rawbpf_user_ring_buffer *rb,
					       uint32_t size, void **sample);
/* rawbpf_user_ring_buffer_reserve_blocking - reserve as above, waiting (epoll,
 * 6.1) up to @timeout_ms (-1: forever) for a BPF program to drain enough
 * space; 0, -ETIMEDOUT when the ring stays too full (also for 0 ms), or
 * the other errors of reserve and -errno of epoll_wait. */
RAWBPF_API int
rawbpf_user_ring_buffer_reserve_blocking(struct rawbpf_user_ring_buffer *rb,
					 uint32_t size, int timeout_ms,
					 void **sample);
/* rawbpf_user_ring_buffer_submit - hand a reserved @sample to the kernel (no
 * system call; the drainer sees it); 0 or -EINVAL (not a reserved record of
 * @rb). */
RAWBPF_API int rawbpf_user_ring_buffer_submit(struct rawbpf_user_ring_buffer *rb,
					      void *sample);
/* rawbpf_user_ring_buffer_discard - give a reserved @sample back unread (no
 * system call; the drainer skips it); 0 or -EINVAL (not a reserved record
 * of @rb). */
RAWBPF_API int rawbpf_user_ring_buffer_discard(struct rawbpf_user_ring_buffer *rb,
					       void *sample);
/* rawbpf_user_ring_buffer_free - unmap the ring, close the epoll fd and free
 * the producer (no kernel call besides munmap/close); records reserved and not submitted stay
 * busy. NULL is ignored; the map fd is the caller's. */
RAWBPF_API void rawbpf_user_ring_buffer_free(struct rawbpf_user_ring_buffer *rb);

#ifdef __cplusplus
}
#endif
#endif
