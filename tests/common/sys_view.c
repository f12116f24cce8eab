// SPDX-License-Identifier: BSD-2-Clause
/* sys_view.c - the decoding of sys_view.h: which argument (1-6, 0 none)
 * of each kind is its op, fd, path, buffer and size (raw.h lists them). */
#include <stdint.h>

#include "sys_view.h"

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
	[RB_SYS_MMAP] = { .size = 2, .op = 3, .fd = 5 },
	[RB_SYS_MUNMAP] = { .buf = 1, .size = 2 },
	[RB_SYS_STAT] = { .fd = 1, .path = 2, .op = 3, .buf = 5 },
	[RB_SYS_STATFS] = { .fd = 1, .path = 2, .buf = 3 },
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
	[RB_SYS_GETDENTS] = { .fd = 1, .buf = 2, .size = 3 },
	[RB_SYS_FSOPEN] = { .path = 1 },
	[RB_SYS_FSCONFIG] = { .fd = 1, .op = 2, .path = 3 },
	[RB_SYS_FSMOUNT] = { .fd = 1 },
};

/* Argument @i (1-6) of @c; 0 for none. */
static long arg(const struct rb_sys_call *c, unsigned int i)
{
	return i ? c->arg[i - 1] : 0;
}

long rb_call_op(const struct rb_sys_call *c)
{
	return arg(c, shapes[c->kind].op);
}

int rb_call_fd(const struct rb_sys_call *c)
{
	return shapes[c->kind].fd ? (int)arg(c, shapes[c->kind].fd) : -1;
}

const char *rb_call_path(const struct rb_sys_call *c)
{
	return (const char *)arg(c, shapes[c->kind].path);
}

void *rb_call_buf(const struct rb_sys_call *c)
{
	return (void *)arg(c, shapes[c->kind].buf);
}

size_t rb_call_size(const struct rb_sys_call *c)
{
	return (size_t)arg(c, shapes[c->kind].size);
}
