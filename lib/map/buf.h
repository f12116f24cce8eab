/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * buf.h - what the ring buffer and perf buffer readers share, and their
 * record walkers, which touch only memory (no system call) so unit tests
 * run them on fake rings.
 */
#ifndef RB_MAP_BUF_H
#define RB_MAP_BUF_H

#include <stddef.h>
#include <stdint.h>
#include <linux/perf_event.h>

#include "rawbpf/perfbuf.h"
#include "rawbpf/ringbuf.h"

/* rb_buf_map_info - type and max_entries of map @fd; 0 or -errno. */
int rb_buf_map_info(int fd, uint32_t *type, uint32_t *max_entries);
/* rb_buf_epoll - a close-on-exec epoll fd above stdio; -errno. */
int rb_buf_epoll(void);
/* rb_buf_epoll_add - watch @fd for EPOLLIN, reporting @tag; 0 or -errno. */
int rb_buf_epoll_add(int epfd, int fd, uint32_t tag);
/* rb_buf_mmap - mmap(NULL, @len, @prot, MAP_SHARED, @fd, @off): the
 * mapping, or NULL with -errno in *@err. */
void *rb_buf_mmap(size_t len, int prot, int fd, size_t off, int *err);

/* rb_buf_add_count - @total + @res records (capped at INT_MAX), or @res
 * when it is an error. */
int rb_buf_add_count(int total, int res);
/* rb_buf_page_size - the system page size. */
size_t rb_buf_page_size(void);

/* One ring buffer map as the consumer sees it. */
struct rb_ring {
	rawbpf_ring_buffer_fn fn;
	void *ctx;
	unsigned long *consumer_pos;	/* RW page */
	unsigned long *producer_pos;	/* RO page, followed by data */
	const uint8_t *data;		/* 2 * (mask + 1) bytes */
	unsigned long mask;		/* data size - 1 */
	size_t map_size;		/* bytes mapped at producer_pos */
};

/* rb_ring_walk - deliver the committed records between the consumer and
 * producer positions, skipping discarded ones, stopping at a busy one;
 * records delivered, the callback's negative return, or -EBADMSG for a
 * record longer than what the producer reserved or than the ring (skipped
 * to the producer position). */
int rb_ring_walk(struct rb_ring *r);

/* One CPU's perf ring as the reader sees it. */
struct rb_perf_ring {
	struct perf_event_mmap_page *hdr;
	uint8_t *data;			/* data pages */
	size_t size;			/* bytes, a power of 2 */
	int cpu;
};

/* Callbacks and the wrap scratch buffer of a perf walk. */
struct rb_perf_sink {
	rawbpf_perf_buffer_sample_fn sample_fn;
	rawbpf_perf_buffer_lost_fn lost_fn;
	void *ctx;
	const struct rawbpf_allocator *alloc;
	void *scratch;
	size_t scratch_size;
};

/* rb_perf_walk - deliver the records between data_tail and data_head
 * (copying one that wraps the end into the sink's scratch buffer); records
 * delivered, a callback's negative return, -ENOMEM (scratch) or -EBADMSG (a
 * malformed record (shorter than its header, past the head, larger than the
 * ring) or a tail not 8-aligned: the ring is skipped to its
 * head). */
int rb_perf_walk(struct rb_perf_ring *r, struct rb_perf_sink *s);

/* One user ring buffer map as its producer sees it. */
struct rb_uring {
	const unsigned long *consumer_pos;	/* RO page, written by the kernel */
	unsigned long *producer_pos;	/* RW page, followed by data */
	uint8_t *data;			/* 2 * (mask + 1) bytes */
	unsigned long mask;		/* data size - 1 */
};

/* rb_uring_reserve - reserve a record of @size bytes at the producer
 * position, its header marked busy, and publish the new position; the
 * payload in *@sample. 0, -E2BIG (record larger than the ring), -ENOSPC
 * (not enough free space) or -EBADMSG (positions further apart than the
 * ring). Memory only. */
int rb_uring_reserve(struct rb_uring *r, uint32_t size, void **sample);
/* rb_uring_commit - clear the busy bit of @sample's header, setting the
 * discard bit when @discard; 0 or -EINVAL (not a busy record inside the
 * ring). Memory only. */
int rb_uring_commit(struct rb_uring *r, void *sample, int discard);

#endif
