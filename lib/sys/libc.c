// SPDX-License-Identifier: BSD-2-Clause
/* libc.c - the libc boundary of libc.h. Most wrappers are a system call
 * through rb_sys_call (raw.c: the hook, syscall(), errno kept); mmap and
 * statfs go through libc, whose structs and offsets differ from the
 * kernel's on 32-bit hosts, with the same hook and errno rule; stat is
 * statx, the same everywhere. clock_gettime is libc's too: the vDSO
 * where there is one, the right one of clock_gettime64 / clock_gettime
 * on 32-bit hosts (the no-libc build brings its own, nolibc/unistd.c). */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "sys/libc.h"
#include "sys/raw.h"

#define CALL(kind, nr, a, b, c, d, e, f)                                 \
	rb_sys_call(kind, nr, (long)(a), (long)(b), (long)(c), (long)(d), \
		    (long)(e), (long)(f))

/* The end of a libc wrapper: @ret as libc gave it (< 0: see errno) turned
 * into -errno, the caller's errno (@saved) put back, the hook told. */
static long done(const struct rb_sys_call *c, long ret, int saved)
{
	if (ret < 0)
		ret = -errno;
	errno = saved;
	rb_sys_after(c, ret);
	return ret;
}

/* Declare call @c of @kind with arguments ... and let the hook answer. */
#define HOOK(kind_, ...)                                                  \
	const struct rb_sys_call c = { (kind_), { __VA_ARGS__ } };        \
	long ret;                                                         \
	int saved = errno;                                                \
	if (rb_sys_before(&c, &ret))                                      \
		return ret

int rb_sys_openat(int dir_fd, const char *path, int flags, unsigned int mode)
{
	return (int)CALL(RB_SYS_OPEN, __NR_openat, dir_fd, path,
			 flags | O_CLOEXEC, mode, 0, 0);
}

int rb_sys_open(const char *path, int flags)
{
	return rb_sys_openat(AT_FDCWD, path, flags, 0);
}

long rb_sys_read(int fd, void *buf, size_t len)
{
	return CALL(RB_SYS_READ, __NR_read, fd, buf, len, 0, 0, 0);
}

long rb_sys_write(int fd, const void *buf, size_t len)
{
	return CALL(RB_SYS_WRITE, __NR_write, fd, buf, len, 0, 0, 0);
}

int rb_sys_close(int fd)
{
	if (fd < 0)
		return 0;
	return (int)CALL(RB_SYS_CLOSE, __NR_close, fd, 0, 0, 0, 0, 0);
}

/* Where mmap(2) takes its arguments as the C call does (64-bit offset, no
 * argument block) and an address is never negative: straight through. */
#if (defined(__x86_64__) || defined(__aarch64__) || \
     (defined(__riscv) && __riscv_xlen == 64)) && !defined(RB_SYS_MMAP_LIBC)
int rb_sys_mmap_at(void *addr, size_t len, int prot, int flags, int fd,
		   off_t off, void **out)
{
	long ret = CALL(RB_SYS_MMAP, __NR_mmap, (long)addr, len, prot, flags, fd, off);

	*out = ret < 0 ? NULL : (void *)ret;
	return ret < 0 ? (int)ret : 0;
}
#else
/* Elsewhere (mmap2's page offsets, s390's argument block) libc knows.
 * (-DRB_SYS_MMAP_LIBC takes this path anywhere, to test it.) */
int rb_sys_mmap_at(void *addr, size_t len, int prot, int flags, int fd,
		   off_t off, void **out)
{
	const struct rb_sys_call c = { RB_SYS_MMAP, { (long)addr, (long)len, prot,
						      flags, fd, (long)off } };
	int saved = errno;
	long ret;

	*out = NULL;
	if (rb_sys_before(&c, &ret)) {	/* -errno, or a fake address */
		*out = ret < 0 ? NULL : (void *)ret;
		return ret < 0 ? (int)ret : 0;
	}
	/* the hook's after sees 0 (an address may not fit a long) */
	*out = mmap(addr, len, prot, flags, fd, off);
	if (*out != MAP_FAILED)
		return (int)done(&c, 0, saved);
	*out = NULL;
	return (int)done(&c, -1, saved);
}
#endif

int rb_sys_mmap(size_t len, int prot, int flags, int fd, off_t off,
		void **out)
{
	return rb_sys_mmap_at(NULL, len, prot, flags, fd, off, out);
}

int rb_sys_munmap(void *addr, size_t len)
{
	if (!addr)
		return 0;
	return (int)CALL(RB_SYS_MUNMAP, __NR_munmap, addr, len, 0, 0, 0, 0);
}

/* statx(@dir_fd, @path, @flags) into @st. The uapi struct statx is 256
 * bytes: mode (u16) at 28, size (u64) at 40. */
static int statx_to(int dir_fd, const char *path, int flags,
		    struct rb_stat *st)
{
	uint64_t sx[32];
	uint16_t mode;
	long err;

	err = CALL(RB_SYS_STAT, __NR_statx, dir_fd, path, flags,
		   0x203 /* STATX_TYPE | STATX_MODE | STATX_SIZE */, sx, 0);
	if (err)
		return (int)err;
	memcpy(&mode, (const char *)sx + 28, sizeof(mode));
	st->mode = mode;
	st->size = sx[5];
	return 0;
}

int rb_sys_fstat(int fd, struct rb_stat *st)
{
	return statx_to(fd, "", AT_EMPTY_PATH, st);
}

int rb_sys_stat(const char *path, struct rb_stat *st)
{
	return statx_to(AT_FDCWD, path, 0, st);
}

int rb_sys_statfs(const char *path, struct statfs *st)
{
	HOOK(RB_SYS_STATFS, -1, (long)path, (long)st);
	return (int)done(&c, statfs(path, st), saved);
}

int rb_sys_fstatfs(int fd, struct statfs *st)
{
	HOOK(RB_SYS_STATFS, fd, 0, (long)st);
	return (int)done(&c, fstatfs(fd, st), saved);
}

long rb_sys_readlink(const char *path, char *buf, size_t size)
{
	return CALL(RB_SYS_READLINK, __NR_readlinkat, AT_FDCWD, path, buf,
		    size, 0, 0);
}

int rb_sys_dupfd(int fd, int min)
{
	return (int)CALL(RB_SYS_DUP, __NR_fcntl, fd, F_DUPFD_CLOEXEC, min, 0, 0,
			 0);
}

int rb_sys_socket(int domain, int type, int proto)
{
	return (int)CALL(RB_SYS_SOCKET, __NR_socket, domain,
			 type | SOCK_CLOEXEC, proto, 0, 0, 0);
}

int rb_sys_bind(int fd, const struct sockaddr *sa, unsigned int len)
{
	return (int)CALL(RB_SYS_BIND, __NR_bind, fd, sa, len, 0, 0, 0);
}

int rb_sys_setsockopt(int fd, int level, int name, const void *val,
		      unsigned int len)
{
	return (int)CALL(RB_SYS_SETSOCKOPT, __NR_setsockopt, fd, level, name,
			 val, len, 0);
}

long rb_sys_sendto(int fd, const void *buf, size_t len, int flags,
		   const struct sockaddr *sa, unsigned int sa_len)
{
	return CALL(RB_SYS_SEND, __NR_sendto, fd, buf, len, flags, sa, sa_len);
}

long rb_sys_recv(int fd, void *buf, size_t len, int flags)
{
	return CALL(RB_SYS_RECV, __NR_recvfrom, fd, buf, len, flags, 0, 0);
}

int rb_sys_mount(const char *src, const char *target, const char *fstype,
		 unsigned long flags, const void *data)
{
	return (int)CALL(RB_SYS_MOUNT, __NR_mount, src, target, fstype, flags,
			 data, 0);
}

#ifndef __NR_fsopen	/* the same number on every architecture */
#define __NR_fsopen 430
#define __NR_fsconfig 431
#define __NR_fsmount 432
#endif

int rb_sys_fsopen(const char *fstype, unsigned int flags)
{
	return (int)CALL(RB_SYS_FSOPEN, __NR_fsopen, fstype, flags, 0, 0, 0, 0);
}

int rb_sys_fsconfig(int fd, unsigned int cmd, const char *key,
		    const char *value, int aux)
{
	return (int)CALL(RB_SYS_FSCONFIG, __NR_fsconfig, fd, cmd, key, value,
			 aux, 0);
}

int rb_sys_fsmount(int fd, unsigned int flags, unsigned int attr_flags)
{
	return (int)CALL(RB_SYS_FSMOUNT, __NR_fsmount, fd, flags, attr_flags,
			 0, 0, 0);
}

int rb_sys_mkdirat(int dir_fd, const char *path, unsigned int mode)
{
	return (int)CALL(RB_SYS_MKDIR, __NR_mkdirat, dir_fd, path, mode, 0, 0,
			 0);
}

int rb_sys_unlinkat(int dir_fd, const char *path, int flags)
{
	return (int)CALL(RB_SYS_UNLINK, __NR_unlinkat, dir_fd, path, flags, 0,
			 0, 0);
}

int rb_sys_epoll_create(void)
{
	return (int)CALL(RB_SYS_EPOLL_CREATE, __NR_epoll_create1, EPOLL_CLOEXEC,
			 0, 0, 0, 0, 0);
}

int rb_sys_epoll_ctl(int epfd, int op, int fd, struct epoll_event *ev)
{
	return (int)CALL(RB_SYS_EPOLL_CTL, __NR_epoll_ctl, epfd, op, fd, ev, 0,
			 0);
}

/* epoll_pwait without a mask: some architectures have no epoll_wait. */
int rb_sys_epoll_wait(int epfd, struct epoll_event *ev, int max,
		      int timeout_ms)
{
	return (int)CALL(RB_SYS_EPOLL_WAIT, __NR_epoll_pwait, epfd, ev, max,
			 timeout_ms, 0, 8);
}

long rb_sys_getdents(int fd, void *buf, size_t len)
{
	return CALL(RB_SYS_GETDENTS, __NR_getdents64, fd, buf, len, 0, 0, 0);
}

int rb_sys_uname(struct utsname *u)
{
	return (int)CALL(RB_SYS_UNAME, __NR_uname, u, 0, 0, 0, 0, 0);
}

int rb_sys_clock_ns(int clock, int64_t *ns)
{
	struct timespec ts;

	HOOK(RB_SYS_CLOCK, clock, (long)&ts);
	ret = done(&c, clock_gettime((clockid_t)clock, &ts), saved);
	if (!ret)
		*ns = (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
	return (int)ret;
}
