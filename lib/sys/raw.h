/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * raw.h - the syscall choke point. Every bpf(2) and perf_event_open(2)
 * call in rawbpf goes through these functions, so that tests can count
 * calls, record attrs and inject failures, and a firmware build can swap the
 * libc syscall() for its own.
 */
#ifndef RB_SYS_RAW_H
#define RB_SYS_RAW_H

#include <stddef.h>

struct perf_event_attr;

/*
 * rb_sys_bpf - issue bpf(@cmd, @attr, @size). Returns the kernel's result or
 * -errno. Never touches the caller's errno on success.
 */
long rb_sys_bpf(int cmd, void *attr, unsigned int size);

/* rb_sys_bpf_fd - rb_sys_bpf for commands that return an fd: the fd is moved
 * above 2 (so a closed stdio slot never receives a bpf object). */
int rb_sys_bpf_fd(int cmd, void *attr, unsigned int size);

/* rb_sys_perf_event_open - perf_event_open(2), O_CLOEXEC, fd moved above 2. */
int rb_sys_perf_event_open(struct perf_event_attr *attr, int pid, int cpu,
			   int group_fd, unsigned long flags);

/* RB_SET_OUT - store an output into a caller's options struct @u of @type,
 * only if the caller's struct (u->size) reaches @field. */
#define RB_SET_OUT(u, type, field, val)                              \
	do {                                                         \
		if ((u)->size >= offsetofend(struct type, field))    \
			(u)->field = (val);                          \
	} while (0)

/* rb_copy_obj_name - a kernel object name: at most 15 bytes, NUL-padded. */
void rb_copy_obj_name(char dst[16], const char *name);

/* rb_sys_perf_ioctl - ioctl(@fd, PERF_EVENT_IOC_*, @arg); 0 or -errno. */
int rb_sys_perf_ioctl(int fd, unsigned long request, unsigned long arg);

/* rb_fd_above_stdio - move @fd above 2 (close-on-exec kept); -errno. */
int rb_fd_above_stdio(int fd);

/*
 * Test hook: when set, called before every bpf(2). Return 1 to swallow the
 * call and return *@ret instead; 0 to let it through. @after is called with
 * the real result. @perf, likewise, before every perf_event_open(2)
 * (@request 0) and perf ioctl (@request PERF_EVENT_IOC_*). Not thread safe
 * by design: tests only.
 */
struct rb_sys_hook {
	int (*before)(void *ctx, int cmd, void *attr, unsigned int size,
		      long *ret);
	void (*after)(void *ctx, int cmd, void *attr, unsigned int size,
		      long ret);
	void *ctx;
	int (*perf)(void *ctx, unsigned long request, long *ret);
};
void rb_sys_set_hook(const struct rb_sys_hook *hook);

#endif
