// SPDX-License-Identifier: BSD-2-Clause
/* buf_rate.c - ring buffer and perf buffer consume rate, rawbpf's readers
 * against libbpf's, draining the same maps in the same process.
 *
 *   bench_buf_rate BUF_EVENTS_O            both lines, records per second
 *   bench_buf_rate BUF_EVENTS_O ONE N      one burst of N records drained
 *       once by ONE (ringbuf-rawbpf, ringbuf-libbpf, perfbuf-rawbpf,
 *       perfbuf-libbpf): run under callgrind --toggle-collect for the
 *       instructions per record.
 *
 * rawbpf loads buf_events.o; a burst is one BPF_PROG_TEST_RUN with repeat N
 * of a tc program writing one 32-byte record per run. Only the drain
 * (consume, no waiting) is timed, and the median drain reported. libbpf is
 * linked here for comparison only; the library never links it. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <bpf/libbpf.h>

#include "rawbpf/object.h"
#include "rawbpf/perfbuf.h"
#include "rawbpf/ringbuf.h"
#include "rawbpf/sys.h"

#define BURST 4096		/* records per trigger */
#define ROUNDS 16		/* bursts per reader (a multiple of 8) */
#define RING_BYTES (256 * 1024)	/* 4096 * (32 + 8 header) fits */
#define PERF_PAGES 64		/* 256 KiB per CPU: 4096 * 48 fits */

struct counter {
	unsigned long n;
	unsigned long sum;	/* reads each record, as a real consumer would */
};

static int raw_ring_cb(void *ctx, const void *data, size_t size)
{
	struct counter *c = ctx;

	(void)size;
	c->n++;
	c->sum += *(const unsigned int *)data;
	return 0;
}

static int lib_ring_cb(void *ctx, void *data, size_t size)
{
	return raw_ring_cb(ctx, data, size);
}

static int raw_perf_cb(void *ctx, int cpu, const void *data, uint32_t size)
{
	(void)cpu;
	return raw_ring_cb(ctx, data, size);
}

static void lib_perf_cb(void *ctx, int cpu, void *data, __u32 size)
{
	(void)cpu;
	raw_ring_cb(ctx, data, size);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* burst - run @prog_fd @n times: @n records written on this CPU. */
static int burst(int prog_fd, unsigned int n)
{
	unsigned char pkt[64] = { 0 };
	struct rawbpf_sys_prog_test_run_opts o = {
		.size = sizeof(o), .data_in = pkt, .data_size_in = sizeof(pkt),
		.repeat = n,
	};
	int err = rawbpf_sys_prog_test_run(prog_fd, &o);

	if (err)
		fprintf(stderr, "test_run: %s\n", strerror(-err));
	return err;
}

struct readers {
	struct rawbpf_ring_buffer *rrb;
	struct ring_buffer *lrb;
	struct rawbpf_perf_buffer *rpb;
	struct perf_buffer *lpb;
};

/* Seconds each drain took; the median is reported, as the machine may be
 * shared and one preempted drain would skew a sum. */
struct timing {
	double t[ROUNDS];
	int n;
};

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* rate - records per second of the median drain of @burst records. */
static double rate(struct timing *t, unsigned int burst)
{
	qsort(t->t, (size_t)t->n, sizeof(t->t[0]), cmp_double);
	return burst / t->t[t->n / 2];
}

/* drain - one timed consume by reader @which, its time recorded in @t. */
static int drain(struct readers *r, const char *which, struct timing *t)
{
	double t0 = now();
	int err;

	if (!strcmp(which, "ringbuf-rawbpf"))
		err = rawbpf_ring_buffer_consume(r->rrb);
	else if (!strcmp(which, "ringbuf-libbpf"))
		err = ring_buffer__consume(r->lrb);
	else if (!strcmp(which, "perfbuf-rawbpf"))
		err = rawbpf_perf_buffer_consume(r->rpb);
	else
		err = perf_buffer__consume(r->lpb);
	if (t->n < ROUNDS)
		t->t[t->n++] = now() - t0;
	return err < 0 ? err : 0;
}

/* perf_open - a perf buffer of @which on @fd (only one may own the map's
 * CPU slots at a time). */
static int perf_open(struct readers *r, const char *which, int fd,
		     struct counter *c)
{
	if (!strcmp(which, "perfbuf-rawbpf"))
		return rawbpf_perf_buffer_new(fd, PERF_PAGES, raw_perf_cb, c,
					      NULL, &r->rpb);
	r->lpb = perf_buffer__new(fd, PERF_PAGES, lib_perf_cb, NULL, c, NULL);
	return r->lpb ? 0 : -1;
}

static void perf_close(struct readers *r)
{
	rawbpf_perf_buffer_free(r->rpb);
	perf_buffer__free(r->lpb);
	r->rpb = NULL;
	r->lpb = NULL;
}

int main(int argc, char **argv)
{
	struct readers r = { 0 };
	struct counter craw = { 0 }, clib = { 0 };
	struct rawbpf_object *obj;
	int ring_fd, perf_fd, out_prog, perf_prog, err = 1;
	struct timing traw = { .n = 0 }, tlib = { .n = 0 };
	cpu_set_t cpus;

	if (argc != 2 && argc != 4)
		return 2;
	/* BPF_F_CURRENT_CPU: every record on the CPU the burst runs on */
	CPU_ZERO(&cpus);
	CPU_SET(0, &cpus);
	if (sched_setaffinity(0, sizeof(cpus), &cpus))
		return perror("sched_setaffinity"), 1;
	libbpf_set_print(NULL);
	if (rawbpf_object_open_file(argv[1], NULL, &obj))
		return 1;
	rawbpf_map_set_max_entries(rawbpf_object_find_map(obj, "rb"), RING_BYTES);
	if (rawbpf_object_load(obj)) {
		fprintf(stderr, "load: %s\n", rawbpf_object_error(obj));
		goto out;
	}
	ring_fd = rawbpf_map_fd(rawbpf_object_find_map(obj, "rb"));
	perf_fd = rawbpf_map_fd(rawbpf_object_find_map(obj, "pb"));
	out_prog = rawbpf_program_fd(rawbpf_object_find_program(obj, "output_prog"));
	perf_prog = rawbpf_program_fd(rawbpf_object_find_program(obj, "perf_prog"));
	/* both ring readers on the one map; the one that consumes takes all */
	if (rawbpf_ring_buffer_new(ring_fd, raw_ring_cb, &craw, NULL, &r.rrb))
		goto out;
	r.lrb = ring_buffer__new(ring_fd, lib_ring_cb, &clib, NULL);
	if (!r.lrb)
		goto out;

	if (argc == 4) {	/* one burst, one drain, for callgrind */
		const char *one = argv[2];
		struct counter *c = strstr(one, "rawbpf") ? &craw : &clib;
		unsigned int n = (unsigned int)strtoul(argv[3], NULL, 0);
		int perf = !strncmp(one, "perfbuf", 7);

		if (perf && perf_open(&r, one, perf_fd, c))
			goto out;
		if (burst(perf ? perf_prog : out_prog, n) || drain(&r, one, &traw))
			goto out;
		printf("%s: %lu records\n", one, c->n);
		err = c->n != n;
		goto out;
	}

	/* ring buffer: the two readers take turns, burst by burst */
	for (int i = 0; i < ROUNDS; i++) {
		if (burst(out_prog, BURST) || drain(&r, "ringbuf-rawbpf", &traw) ||
		    burst(out_prog, BURST) || drain(&r, "ringbuf-libbpf", &tlib))
			goto out;
	}
	if (craw.n != ROUNDS * BURST || clib.n != ROUNDS * BURST) {
		fprintf(stderr, "ringbuf: lost records (%lu, %lu)\n", craw.n, clib.n);
		goto out;
	}
	printf("ringbuf: rawbpf %.0f rec/s, libbpf %.0f rec/s, ratio %.3f\n",
	       rate(&traw, BURST), rate(&tlib, BURST),
	       rate(&traw, BURST) / rate(&tlib, BURST));

	/* perf buffer: one owner at a time, so turns of several bursts */
	craw = clib = (struct counter){ 0 };
	traw.n = tlib.n = 0;
	for (int i = 0; i < ROUNDS; i += 8) {
		static const char *const who[] = { "perfbuf-rawbpf", "perfbuf-libbpf" };

		for (int w = 0; w < 2; w++) {
			if (perf_open(&r, who[w], perf_fd, w ? &clib : &craw))
				goto out;
			for (int j = 0; j < 8; j++)
				if (burst(perf_prog, BURST) ||
				    drain(&r, who[w], w ? &tlib : &traw))
					goto out;
			perf_close(&r);
		}
	}
	if (craw.n != ROUNDS * BURST || clib.n != ROUNDS * BURST) {
		fprintf(stderr, "perfbuf: lost records (%lu, %lu)\n", craw.n, clib.n);
		goto out;
	}
	printf("perfbuf: rawbpf %.0f rec/s, libbpf %.0f rec/s, ratio %.3f\n",
	       rate(&traw, BURST), rate(&tlib, BURST),
	       rate(&traw, BURST) / rate(&tlib, BURST));
	err = 0;
out:
	perf_close(&r);
	ring_buffer__free(r.lrb);
	rawbpf_ring_buffer_free(r.rrb);
	rawbpf_object_close(obj);
	return err;
}
