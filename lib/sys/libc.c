// SPDX-License-Identifier: BSD-2-Clause
/* libc.c - the libc boundary of libc.h: each wrapper passes the test hook,
 * makes the call, turns -1/errno into -errno and restores errno. */
#include <errno.h>
#include <stdint.h>
#include <fcntl.h>
#include <sys/epoll.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "sys/libc.h"
#include "sys/raw.h"

/* The end of every wrapper: @ret as libc gave it (< 0: see errno) turned
 * into -errno, the caller's errno (@saved) put back, the hook told. */
static long done(const struct rb_sys_call *c, long ret, int saved)
{
	if (ret < 0)
		ret = errno ? -errno : -EIO;
	errno = saved;
	rb_sys_after(c, ret);
	return ret;
}

/* Declare call @c of @kind on @fd and let the hook answer it. */
#define HOOK(kind_, fd_, ...)                                             \
	struct rb_sys_call c = { .kind = (kind_), .fd = (fd_), __VA_ARGS__ }; \
	long ret;                                                         \
	int saved = errno;                                                \
	if (rb_sys_before(&c, &ret))                                      \
		return ret

int rb_sys_openat(int dir_fd, const char *path, int flags, unsigned int mode)
{
	HOOK(RB_SYS_OPEN, dir_fd, .op = flags, .path = path);
	return (int)done(&c, openat(dir_fd, path, flags | O_CLOEXEC,
				    (mode_t)mode), saved);
}

int rb_sys_open(const char *path, int flags)
{
	return rb_sys_openat(AT_FDCWD, path, flags, 0);
}

long rb_sys_read(int fd, void *buf, size_t len)
{
	HOOK(RB_SYS_READ, fd, .buf = buf, .size = len);
	return done(&c, read(fd, buf, len), saved);
}

long rb_sys_write(int fd, const void *buf, size_t len)
{
	HOOK(RB_SYS_WRITE, fd, .buf = (void *)buf, .size = len);
	return done(&c, write(fd, buf, len), saved);
}

int rb_sys_close(int fd)
{
	if (fd < 0)
		return 0;
	HOOK(RB_SYS_CLOSE, fd, .op = 0);
	return (int)done(&c, close(fd), saved);
}

int rb_sys_mmap(size_t len, int prot, int flags, int fd, off_t off,
		void **out)
{
	struct rb_sys_call c = { .kind = RB_SYS_MMAP, .op = prot, .fd = fd,
				 .size = len };
	int saved = errno;
	long ret;
	void *p;

	*out = NULL;
	if (rb_sys_before(&c, &ret)) {
		/* a hook that plays the kernel answers with an address */
		*out = ret < 0 ? NULL : (void *)ret;
		return ret < 0 ? (int)ret : 0;
	}
	/* the hook's after sees 0 (an address may not fit a long) */
	p = mmap(NULL, len, prot, flags, fd, off);
	ret = done(&c, p == MAP_FAILED ? -1 : 0, saved);
	if (ret < 0)
		return (int)ret;
	*out = p;
	return 0;
}

int rb_sys_munmap(void *addr, size_t len)
{
	if (!addr)
		return 0;
	HOOK(RB_SYS_MUNMAP, -1, .buf = addr, .size = len);
	return (int)done(&c, munmap(addr, len), saved);
}

int rb_sys_fstat(int fd, struct stat *st)
{
	HOOK(RB_SYS_STAT, fd, .buf = st);
	return (int)done(&c, fstat(fd, st), saved);
}

int rb_sys_stat(const char *path, struct stat *st)
{
	HOOK(RB_SYS_STAT, -1, .path = path, .buf = st);
	return (int)done(&c, stat(path, st), saved);
}

int rb_sys_statfs(const char *path, struct statfs *st)
{
	HOOK(RB_SYS_STATFS, -1, .path = path, .buf = st);
	return (int)done(&c, statfs(path, st), saved);
}

int rb_sys_fstatfs(int fd, struct statfs *st)
{
	HOOK(RB_SYS_STATFS, fd, .buf = st);
	return (int)done(&c, fstatfs(fd, st), saved);
}

long rb_sys_readlink(const char *path, char *buf, size_t size)
{
	HOOK(RB_SYS_READLINK, -1, .path = path, .buf = buf, .size = size);
	return done(&c, readlink(path, buf, size), saved);
}

int rb_sys_dupfd(int fd, int min)
{
	HOOK(RB_SYS_DUP, fd, .op = min);
	return (int)done(&c, fcntl(fd, F_DUPFD_CLOEXEC, min), saved);
}

int rb_sys_socket(int domain, int type, int proto)
{
	HOOK(RB_SYS_SOCKET, -1, .op = domain);
	return (int)done(&c, socket(domain, type | SOCK_CLOEXEC, proto), saved);
}

int rb_sys_bind(int fd, const struct sockaddr *sa, unsigned int len)
{
	HOOK(RB_SYS_BIND, fd, .buf = (void *)sa, .size = len);
	return (int)done(&c, bind(fd, sa, (socklen_t)len), saved);
}

int rb_sys_setsockopt(int fd, int level, int name, const void *val,
		      unsigned int len)
{
	HOOK(RB_SYS_SETSOCKOPT, fd, .op = name, .buf = (void *)val, .size = len);
	return (int)done(&c, setsockopt(fd, level, name, val, (socklen_t)len),
			 saved);
}

long rb_sys_sendto(int fd, const void *buf, size_t len, int flags,
		   const struct sockaddr *sa, unsigned int sa_len)
{
	HOOK(RB_SYS_SEND, fd, .buf = (void *)buf, .size = len);
	return done(&c, sendto(fd, buf, len, flags, sa, (socklen_t)sa_len),
		    saved);
}

long rb_sys_recv(int fd, void *buf, size_t len, int flags)
{
	HOOK(RB_SYS_RECV, fd, .op = flags, .buf = buf, .size = len);
	return done(&c, recv(fd, buf, len, flags), saved);
}

int rb_sys_mount(const char *src, const char *target, const char *fstype,
		 unsigned long flags, const void *data)
{
	HOOK(RB_SYS_MOUNT, -1, .path = target);
	return (int)done(&c, mount(src, target, fstype, flags, data), saved);
}

int rb_sys_mkdirat(int dir_fd, const char *path, unsigned int mode)
{
	HOOK(RB_SYS_MKDIR, dir_fd, .path = path);
	return (int)done(&c, mkdirat(dir_fd, path, (mode_t)mode), saved);
}

int rb_sys_unlinkat(int dir_fd, const char *path, int flags)
{
	HOOK(RB_SYS_UNLINK, dir_fd, .op = flags, .path = path);
	return (int)done(&c, unlinkat(dir_fd, path, flags), saved);
}

int rb_sys_epoll_create(void)
{
	HOOK(RB_SYS_EPOLL_CREATE, -1, .op = 0);
	return (int)done(&c, epoll_create1(EPOLL_CLOEXEC), saved);
}

int rb_sys_epoll_ctl(int epfd, int op, int fd, struct epoll_event *ev)
{
	HOOK(RB_SYS_EPOLL_CTL, epfd, .op = op, .buf = ev);
	(void)fd;
	return (int)done(&c, epoll_ctl(epfd, op, fd, ev), saved);
}

int rb_sys_epoll_wait(int epfd, struct epoll_event *ev, int max,
		      int timeout_ms)
{
	HOOK(RB_SYS_EPOLL_WAIT, epfd, .buf = ev, .size = (size_t)max);
	return (int)done(&c, epoll_wait(epfd, ev, max, timeout_ms), saved);
}

int rb_sys_uname(struct utsname *u)
{
	HOOK(RB_SYS_UNAME, -1, .buf = u);
	return (int)done(&c, uname(u), saved);
}
