// SPDX-License-Identifier: BSD-2-Clause
/* raw.c - the one place rawbpf enters the kernel: bpf(2),
 * perf_event_open(2), the perf event ioctls and the system calls behind
 * sys/libc.h all pass rb_sys_call, its one test hook, and syscall(). */
#include <errno.h>
#include <stdint.h>
#include <linux/perf_event.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "sys/libc.h"
#include "sys/raw.h"

static const struct rb_sys_hook *sys_hook;

void rb_sys_set_hook(const struct rb_sys_hook *hook)
{
	sys_hook = hook;
}

int rb_sys_before(const struct rb_sys_call *c, long *ret)
{
	return sys_hook && sys_hook->before &&
	       sys_hook->before(sys_hook->ctx, c, ret);
}

void rb_sys_after(const struct rb_sys_call *c, long ret)
{
	if (sys_hook && sys_hook->after)
		sys_hook->after(sys_hook->ctx, c, ret);
}

/* Which syscall argument (1-6; 0: none) the hook is shown as the call's
 * op, fd, path, buf and size, per kind. */
static const struct {
	uint8_t op, fd, path, buf, size;
} shapes[RB_SYS_NKINDS] = {
	[RB_SYS_BPF] = { .op = 1, .buf = 2, .size = 3 },
	[RB_SYS_PERF_OPEN] = { .buf = 1, .fd = 4 },
	[RB_SYS_PERF_IOCTL] = { .fd = 1, .op = 2 },
	[RB_SYS_OPEN] = { .fd = 1, .path = 2, .op = 3 },
	[RB_SYS_READ] = { .fd = 1, .buf = 2, .size = 3 },
	[RB_SYS_WRITE] = { .fd = 1, .buf = 2, .size = 3 },
	[RB_SYS_CLOSE] = { .fd = 1 },
	[RB_SYS_MUNMAP] = { .buf = 1, .size = 2 },
	[RB_SYS_READLINK] = { .path = 2, .buf = 3, .size = 4 },
	[RB_SYS_DUP] = { .fd = 1, .op = 3 },
	[RB_SYS_SOCKET] = { .op = 1 },
	[RB_SYS_BIND] = { .fd = 1, .buf = 2, .size = 3 },
	[RB_SYS_SETSOCKOPT] = { .fd = 1, .op = 3, .buf = 4, .size = 5 },
	[RB_SYS_SEND] = { .fd = 1, .buf = 2, .size = 3 },
	[RB_SYS_RECV] = { .fd = 1, .buf = 2, .size = 3, .op = 4 },
	[RB_SYS_MOUNT] = { .path = 2 },
	[RB_SYS_MKDIR] = { .fd = 1, .path = 2 },
	[RB_SYS_UNLINK] = { .fd = 1, .path = 2, .op = 3 },
	[RB_SYS_EPOLL_CTL] = { .fd = 1, .op = 2, .buf = 4 },
	[RB_SYS_EPOLL_WAIT] = { .fd = 1, .buf = 2, .size = 3 },
	[RB_SYS_UNAME] = { .buf = 1 },
};

long rb_sys_call(enum rb_sys_kind kind, long nr, long a, long b, long c,
		 long d, long e, long f)
{
	const long arg[7] = { 0, a, b, c, d, e, f };
	struct rb_sys_call call = {
		.kind = kind,
		.op = arg[shapes[kind].op],
		.fd = shapes[kind].fd ? (int)arg[shapes[kind].fd] : -1,
		.path = (const char *)arg[shapes[kind].path],
		.buf = (void *)arg[shapes[kind].buf],
		.size = (size_t)arg[shapes[kind].size],
	};
	int saved = errno;
	long ret;

	if (rb_sys_before(&call, &ret))
		return ret;
	ret = syscall(nr, a, b, c, d, e, f);
	if (ret < 0)
		ret = -errno;
	errno = saved;
	rb_sys_after(&call, ret);
	return ret;
}

long rb_sys_bpf(int cmd, void *attr, unsigned int size)
{
	return rb_sys_call(RB_SYS_BPF, __NR_bpf, cmd, (long)attr, size, 0, 0,
			   0);
}

int rb_fd_above_stdio(int fd)
{
	int nfd;

	if (fd < 0 || fd > 2)
		return fd;
	nfd = rb_sys_dupfd(fd, 3);
	rb_sys_close(fd);
	return nfd;
}

int rb_sys_bpf_fd(int cmd, void *attr, unsigned int size)
{
	long ret = rb_sys_bpf(cmd, attr, size);

	return ret < 0 ? (int)ret : rb_fd_above_stdio((int)ret);
}

int rb_sys_perf_event_open(struct perf_event_attr *attr, int pid, int cpu,
			   int group_fd, unsigned long flags)
{
	long ret = rb_sys_call(RB_SYS_PERF_OPEN, __NR_perf_event_open,
			       (long)attr, pid, cpu, group_fd,
			       (long)(flags | PERF_FLAG_FD_CLOEXEC), 0);

	return ret < 0 ? (int)ret : rb_fd_above_stdio((int)ret);
}

/* Through syscall(): <sys/ioctl.h> and the kernel's ioctl macros clash
 * under musl, and this keeps perf events at the choke point too. */
int rb_sys_perf_ioctl(int fd, unsigned long request, unsigned long arg)
{
	return (int)rb_sys_call(RB_SYS_PERF_IOCTL, __NR_ioctl, fd,
				(long)request, (long)arg, 0, 0, 0);
}
