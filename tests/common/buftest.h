/* SPDX-License-Identifier: BSD-2-Clause */
/* buftest.h - what the ring buffer and perf buffer kernel tests share: the
 * buf_events object (tests/bpf/buf_events.bpf.c), its record and globals,
 * running its programs, and a bpf(2)/perf hook that fails the k-th call. */
#ifndef RB_TEST_BUFTEST_H
#define RB_TEST_BUFTEST_H

#include <stdint.h>

struct rawbpf_object;

#define RB_BUF_MAGIC 0xb0f5eed5u

/* One record as buf_events.bpf.c writes it (32 bytes). */
struct rb_buf_event {
	uint32_t seq;
	uint32_t magic;
	uint8_t pad[24];	/* pad[0] == (uint8_t)seq */
};

/* Its single .bss variable. */
struct rb_buf_globals {
	uint32_t seq;
	uint32_t discard_every;
	int last_err;
};

/* rb_buf_load - open and load buf_events (asserting). */
struct rawbpf_object *rb_buf_load(void);
/* rb_buf_map_fd - fd of map @name of @obj. */
int rb_buf_map_fd(struct rawbpf_object *obj, const char *name);
/* rb_buf_globals - the loaded object's globals (mmap'd .bss). */
struct rb_buf_globals *rb_buf_globals(struct rawbpf_object *obj);
/* rb_buf_run - run program @name @n times in one BPF_PROG_TEST_RUN (so on
 * one CPU); the output helper's last result. */
int rb_buf_run(struct rawbpf_object *obj, const char *name, uint32_t n);
/* rb_buf_check_event - assert @data/@size is an intact event; its seq. */
uint32_t rb_buf_check_event(const void *data, size_t size);

/* rb_buf_mappings - lines of /proc/self/maps containing @what
 * ("bpf-map": a ring buffer makes two; "perf_event": one per CPU). */
int rb_buf_mappings(const char *what);

/* rb_buf_fail_at - from now on, the @k-th bpf(2) call fails with
 * RB_FAULT_ERR (@perf 0) or the k-th perf call with -EXDEV (@perf 1);
 * k 0 removes the hook. */
void rb_buf_fail_at(int k, int perf);

/* rb_buf_fail_op - from now on the @k-th call of kind @op (an enum
 * rb_sys_kind: RB_SYS_MMAP, RB_SYS_EPOLL_CTL, ...) fails with
 * -ENOTRECOVERABLE; k 0 removes the hook. */
void rb_buf_fail_op(int op, int k);

#endif
