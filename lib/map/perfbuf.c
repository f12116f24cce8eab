// SPDX-License-Identifier: BSD-2-Clause
/*
 * perfbuf.c - the user-space reader of BPF_MAP_TYPE_PERF_EVENT_ARRAY maps.
 *
 * Per CPU: a PERF_COUNT_SW_BPF_OUTPUT event (sample_type PERF_SAMPLE_RAW,
 * woken on every sample), mapped as one control page (struct
 * perf_event_mmap_page) and 2^n data pages, its fd stored in the map at the
 * CPU's index so bpf_perf_event_output(BPF_F_CURRENT_CPU) finds it.
 *
 * The kernel advances data_head (we read it with an acquire load) and we
 * advance data_tail (release store, after our reads). Records are 8-byte
 * aligned, so a header never straddles the end of the data area, but a
 * record's body may: such a record is copied into a scratch buffer.
 *
 *   PERF_RECORD_SAMPLE: header, u32 size, size bytes of raw data
 *   PERF_RECORD_LOST:   header, u64 id, u64 lost
 */
#include <errno.h>
#include <limits.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/mman.h>
#include <unistd.h>

#include "rawbpf/perfbuf.h"
#include "rawbpf/sys.h"
#include "core/mem.h"
#include "map/buf.h"
#include "sys/cpus.h"
#include "sys/raw.h"
#include "sys/libc.h"

struct perf_cpu {
	struct rb_perf_ring ring;
	void *base;		/* mapping: control page + data */
	size_t map_size;
	int fd;
	uint32_t key;		/* index in the map (the CPU) */
	int in_map;		/* the map holds fd at key */
};

struct rawbpf_perf_buffer {
	struct rb_perf_sink sink;
	struct perf_cpu *cpus;
	struct epoll_event *events;
	int n, cap;		/* CPUs opened; length of both arrays */
	int map_fd;
	int epfd;
};

/* Hand one complete record @rec of @size bytes to the sink. */
static int deliver(const struct rb_perf_ring *r, struct rb_perf_sink *s,
		   const uint8_t *rec, size_t size)
{
	const struct perf_event_header *eh = (const void *)rec;
	int err;

	if (eh->type == PERF_RECORD_SAMPLE) {
		uint32_t len;

		if (size < sizeof(*eh) + 4)
			return -EBADMSG;
		memcpy(&len, rec + sizeof(*eh), 4);
		if (len > size - sizeof(*eh) - 4)
			return -EBADMSG;
		err = s->sample_fn(s->ctx, r->cpu, rec + sizeof(*eh) + 4, len);
		return err < 0 ? err : 0;
	}
	if (eh->type == PERF_RECORD_LOST) {
		uint64_t lost;

		if (size < sizeof(*eh) + 16)
			return -EBADMSG;
		memcpy(&lost, rec + sizeof(*eh) + 8, 8);
		err = s->lost_fn ? s->lost_fn(s->ctx, r->cpu, lost) : 0;
		return err < 0 ? err : 0;
	}
	return 1;	/* another record type: skipped, not counted */
}

/*
 * data_head and data_tail are u64 on every host. Where 64-bit atomics are
 * not lock-free (32-bit MIPS and PowerPC: they would need libatomic), read
 * and write them as perf's own tools do there: a plain load then an
 * acquire fence, a release fence then a plain store. The kernel masks the
 * positions with the ring size, so a torn high word cannot mislead it.
 */
static uint64_t head_load(const struct perf_event_mmap_page *hdr)
{
#if __GCC_ATOMIC_LLONG_LOCK_FREE == 2
	return __atomic_load_n(&hdr->data_head, __ATOMIC_ACQUIRE);
#else
	uint64_t head = *(const volatile uint64_t *)&hdr->data_head;

	__atomic_thread_fence(__ATOMIC_ACQUIRE);
	return head;
#endif
}

static void tail_store(struct perf_event_mmap_page *hdr, uint64_t tail)
{
#if __GCC_ATOMIC_LLONG_LOCK_FREE == 2
	__atomic_store_n(&hdr->data_tail, tail, __ATOMIC_RELEASE);
#else
	__atomic_thread_fence(__ATOMIC_RELEASE);
	*(volatile uint64_t *)&hdr->data_tail = tail;
#endif
}

int rb_perf_walk(struct rb_perf_ring *r, struct rb_perf_sink *s)
{
	uint64_t head = head_load(r->hdr);
	uint64_t tail = r->hdr->data_tail;
	int cnt = 0, err = 0;

	while (tail < head) {
		size_t off = (size_t)(tail & (r->size - 1));
		const struct perf_event_header *eh = (const void *)(r->data + off);
		const uint8_t *rec = r->data + off;
		size_t size;

		if (tail & 7) {		/* the kernel keeps records 8-aligned */
			err = -EBADMSG;
			tail = head;
			break;
		}
		size = eh->size;
		if (size < sizeof(*eh) || size > head - tail || size > r->size) {
			err = -EBADMSG;
			tail = head;
			break;
		}
		if (off + size > r->size) {
			size_t first = r->size - off;

			if (s->scratch_size < size) {
				void *p = rb_resize(s->alloc, s->scratch, size);

				if (!p) {
					err = -ENOMEM;	/* retried next time */
					break;
				}
				s->scratch = p;
				s->scratch_size = size;
			}
			memcpy(s->scratch, rec, first);
			memcpy((uint8_t *)s->scratch + first, r->data, size - first);
			rec = s->scratch;
		}
		err = deliver(r, s, rec, size);
		tail += size;
		if (err < 0)
			break;
		if (err == 0 && cnt < INT_MAX)
			cnt++;
		err = 0;
	}
	tail_store(r->hdr, tail);
	return err < 0 ? err : cnt;
}

/* Undo one CPU: out of the map, unmapped, closed. */
static void cpu_close(struct rawbpf_perf_buffer *pb, struct perf_cpu *c)
{
	if (c->in_map)
		rawbpf_sys_map_delete_elem(pb->map_fd, &c->key);
	if (c->base)
		rb_sys_munmap(c->base, c->map_size);
	if (c->fd >= 0)
		rb_sys_close(c->fd);
	c->in_map = 0;
	c->base = NULL;
	c->fd = -1;
}

/* Open, map, publish and enable CPU @cpu's event into @c. 0, 1 when the
 * CPU is offline (skipped), or -errno with nothing left behind. */
static int cpu_open(struct rawbpf_perf_buffer *pb, struct perf_cpu *c,
		    int cpu, size_t page, size_t page_cnt)
{
	struct perf_event_attr attr;
	void *p;
	int err;

	memset(&attr, 0, sizeof(attr));
	attr.size = sizeof(attr);
	attr.type = PERF_TYPE_SOFTWARE;
	attr.config = PERF_COUNT_SW_BPF_OUTPUT;
	attr.sample_type = PERF_SAMPLE_RAW;
	attr.sample_period = 1;
	attr.wakeup_events = 1;
	*c = (struct perf_cpu){ .fd = -1, .key = (uint32_t)cpu };
	c->fd = rb_sys_perf_event_open(&attr, -1, cpu, -1, 0);
	if (c->fd == -ENODEV)
		return 1;	/* possible but offline */
	if (c->fd < 0)
		return c->fd;
	c->map_size = page * (page_cnt + 1);
	p = rb_buf_mmap(c->map_size, PROT_READ | PROT_WRITE, c->fd, 0, &err);
	if (!p)
		goto fail;
	c->base = p;
	c->ring = (struct rb_perf_ring){ .hdr = p, .data = (uint8_t *)p + page,
					 .size = page * page_cnt, .cpu = cpu };
	err = rawbpf_sys_map_update_elem(pb->map_fd, &c->key, &c->fd, BPF_ANY);
	if (err)
		goto fail;
	c->in_map = 1;
	err = rb_sys_perf_ioctl(c->fd, PERF_EVENT_IOC_ENABLE, 0);
	if (!err)
		err = rb_buf_epoll_add(pb->epfd, c->fd, (uint32_t)pb->n);
	if (!err)
		return 0;
fail:
	cpu_close(pb, c);
	return err;
}

int rawbpf_perf_buffer_new(int map_fd, size_t page_cnt,
			   rawbpf_perf_buffer_sample_fn sample_fn, void *ctx,
			   const struct rawbpf_perf_buffer_opts *uopts,
			   struct rawbpf_perf_buffer **out)
{
	struct rawbpf_perf_buffer_opts o;
	struct rawbpf_perf_buffer *pb;
	uint32_t type, max;
	size_t page = rb_buf_page_size();
	int err = rb_opts_copy(&o, sizeof(o), uopts), ncpu;

	if (err)
		return err;
	if (!out || !sample_fn || map_fd < 0 || !page_cnt ||
	    (page_cnt & (page_cnt - 1)) || page_cnt > (SIZE_MAX / page) - 1)
		return -EINVAL;
	err = rb_buf_map_info(map_fd, &type, &max);
	if (err)
		return err;
	if (type != BPF_MAP_TYPE_PERF_EVENT_ARRAY)
		return -EINVAL;
	ncpu = rb_possible_cpus();
	if (ncpu < 0)
		return ncpu;
	if ((uint32_t)ncpu > max)
		ncpu = (int)max;
	pb = rb_alloc(o.alloc, sizeof(*pb));
	if (!pb)
		return -ENOMEM;
	pb->sink = (struct rb_perf_sink){ .sample_fn = sample_fn,
					  .lost_fn = o.lost_fn, .ctx = ctx,
					  .alloc = o.alloc };
	pb->map_fd = map_fd;
	pb->epfd = -1;
	pb->cpus = rb_alloc_array(o.alloc, (size_t)ncpu, sizeof(*pb->cpus));
	pb->events = rb_alloc_array(o.alloc, (size_t)ncpu, sizeof(*pb->events));
	pb->cap = ncpu;		/* what free() gives back (NULL is skipped) */
	if (!pb->cpus || !pb->events) {
		err = -ENOMEM;
		goto fail;
	}
	pb->epfd = rb_buf_epoll();
	if (pb->epfd < 0) {
		err = pb->epfd;
		goto fail;
	}
	for (int cpu = 0; cpu < ncpu; cpu++) {
		err = cpu_open(pb, &pb->cpus[pb->n], cpu, page, page_cnt);
		if (err < 0)
			goto fail;
		if (err == 0)
			pb->n++;
	}
	if (!pb->n) {
		err = -ENODEV;
		goto fail;
	}
	*out = pb;
	return 0;
fail:
	rawbpf_perf_buffer_free(pb);
	return err;
}

int rawbpf_perf_buffer_consume(struct rawbpf_perf_buffer *pb)
{
	int total = 0;

	if (!pb)
		return -EINVAL;
	for (int i = 0; i < pb->n; i++) {
		total = rb_buf_add_count(total, rb_perf_walk(&pb->cpus[i].ring,
						      &pb->sink));
		if (total < 0)
			return total;
	}
	return total;
}

int rawbpf_perf_buffer_poll(struct rawbpf_perf_buffer *pb, int timeout_ms)
{
	int n, total = 0;

	if (!pb)
		return -EINVAL;
	n = rb_sys_epoll_wait(pb->epfd, pb->events, pb->n, timeout_ms);
	if (n < 0)
		return n;
	for (int i = 0; i < n; i++) {
		uint32_t idx = pb->events[i].data.u32;

		if (idx >= (uint32_t)pb->n)
			continue;
		total = rb_buf_add_count(total, rb_perf_walk(&pb->cpus[idx].ring,
						      &pb->sink));
		if (total < 0)
			return total;
	}
	return total;
}

int rawbpf_perf_buffer_epoll_fd(const struct rawbpf_perf_buffer *pb)
{
	return pb ? pb->epfd : -EINVAL;
}

int rawbpf_perf_buffer_cpu_count(const struct rawbpf_perf_buffer *pb)
{
	return pb ? pb->n : -EINVAL;
}

void rawbpf_perf_buffer_free(struct rawbpf_perf_buffer *pb)
{
	const struct rawbpf_allocator *a;

	if (!pb)
		return;
	a = pb->sink.alloc;
	for (int i = 0; i < pb->n; i++)
		cpu_close(pb, &pb->cpus[i]);
	if (pb->epfd >= 0)
		rb_sys_close(pb->epfd);
	rb_free(a, pb->cpus);
	rb_free(a, pb->events);
	rb_free(a, pb->sink.scratch);
	rb_free(a, pb);
}
