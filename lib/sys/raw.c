// SPDX-License-Identifier: BSD-2-Clause
/* raw.c - the one place rawbpf enters the kernel: bpf(2),
 * perf_event_open(2), the perf event ioctls and the system calls behind
 * sys/libc.h all pass rb_sys_call, its one test hook, and syscall(). */
#include <errno.h>
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

long rb_sys_call(enum rb_sys_kind kind, long nr, long a, long b, long c,
		 long d, long e, long f)
{
	const struct rb_sys_call call = { kind, { a, b, c, d, e, f } };
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
