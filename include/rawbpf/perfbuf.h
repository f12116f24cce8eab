/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * rawbpf/perfbuf.h - read BPF_MAP_TYPE_PERF_EVENT_ARRAY maps from user
 * space (what bpf_perf_event_output() writes).
 *
 * rawbpf_perf_buffer_new opens one PERF_COUNT_SW_BPF_OUTPUT event per
 * possible CPU (CPUs that are offline are left out), maps 1 + page_cnt
 * pages of it, stores its fd in the map at the CPU's index and enables it.
 * poll() waits on all of them through one epoll fd and walks the new
 * records: samples go to the sample callback, PERF_RECORD_LOST to the lost
 * callback. A manager is used from one thread at a time.
 */
#ifndef RAWBPF_PERFBUF_H
#define RAWBPF_PERFBUF_H

#include <stddef.h>
#include <stdint.h>

#include "rawbpf/common.h"

#ifdef __cplusplus
extern "C" {
#endif

struct rawbpf_perf_buffer;

/* A sample: @data/@size as the program passed it (padded by the kernel to a
 * multiple of 8 minus 4), valid during the call. Negative: stop (see poll). */
typedef int (*rawbpf_perf_buffer_sample_fn)(void *ctx, int cpu,
					    const void *data, uint32_t size);
/* @cnt samples were dropped on @cpu because the buffer was full. */
typedef int (*rawbpf_perf_buffer_lost_fn)(void *ctx, int cpu, uint64_t cnt);

struct rawbpf_perf_buffer_opts {
	uint32_t size;
	const struct rawbpf_allocator *alloc;	/* NULL: libc; must outlive */
	rawbpf_perf_buffer_lost_fn lost_fn;	/* NULL: losses not reported */
};

/*
 * rawbpf_perf_buffer_new - a manager for perf event array @map_fd (4.4;
 * the raw sample event 4.3) with @page_cnt data pages per CPU (a power of
 * 2), calling @sample_fn(@ctx, ...). Returns 0 and *@out or -errno
 * (-EINVAL: bad page_cnt or not a perf event array); on failure every event
 * it opened is closed and removed from the map.
 */
RAWBPF_API int
rawbpf_perf_buffer_new(int map_fd, size_t page_cnt,
		       rawbpf_perf_buffer_sample_fn sample_fn, void *ctx,
		       const struct rawbpf_perf_buffer_opts *opts,
		       struct rawbpf_perf_buffer **out);
/*
 * rawbpf_perf_buffer_poll - wait up to @timeout_ms (-1: forever; epoll, any
 * kernel with perf buffers, 4.4) and read the CPUs that have data; records
 * delivered (samples and lost records), a callback's negative return,
 * -EINVAL (NULL @pb), -EINTR, or -EBADMSG (a corrupt record).
 */
RAWBPF_API int rawbpf_perf_buffer_poll(struct rawbpf_perf_buffer *pb,
				       int timeout_ms);
/* rawbpf_perf_buffer_consume - read every CPU's buffer without waiting; no
 * system call. Records delivered, a callback's negative return, -EINVAL
 * (NULL @pb) or -EBADMSG (a corrupt record). */
RAWBPF_API int rawbpf_perf_buffer_consume(struct rawbpf_perf_buffer *pb);
/* rawbpf_perf_buffer_epoll_fd - the epoll fd, readable when a CPU has data
 * (no kernel call); -EINVAL for NULL. */
RAWBPF_API int rawbpf_perf_buffer_epoll_fd(const struct rawbpf_perf_buffer *pb);
/* rawbpf_perf_buffer_cpu_count - how many CPUs' events the manager holds (no
 * kernel call); -EINVAL for NULL. */
RAWBPF_API int
rawbpf_perf_buffer_cpu_count(const struct rawbpf_perf_buffer *pb);
/* rawbpf_perf_buffer_free - remove the events from the map
 * (BPF_MAP_DELETE_ELEM, 3.18), unmap and close them, close the epoll fd,
 * free the manager; NULL is ignored. */
RAWBPF_API void rawbpf_perf_buffer_free(struct rawbpf_perf_buffer *pb);

#ifdef __cplusplus
}
#endif
#endif
