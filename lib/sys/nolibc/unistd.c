// SPDX-License-Identifier: BSD-2-Clause
/* nolibc/unistd.c - the libc entry points of lib/sys in the no-libc build
 * (RAWBPF_NOLIBC): syscall() is the architecture's inline-asm system call
 * (sys/arch/syscall.h), so raw.c and libc.c and their one test hook stay
 * as they are; errno is one process-wide int (the library saves and puts
 * it back around every call, and never reads it for a result). statfs
 * and fstatfs are the kernel's calls: on the 64-bit targets of this build
 * libc's struct statfs is the kernel's; on i386 (_FILE_OFFSET_BITS=64)
 * it is the kernel's struct statfs64, which statfs64 fills, and mmap
 * (libc.c calls libc's there) is mmap2 with its 4096-byte offset unit.
 * clock_gettime is the system call
 * (no vDSO): clock_gettime64 first where the architecture has it (32-bit,
 * 5.1), the old call on ENOSYS, each read into the kernel's own layout. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <sys/mman.h>
#include <sys/statfs.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "sys/arch/syscall.h"

static int nolibc_errno;

int *__errno_location(void)
{
	return &nolibc_errno;
}

/* The kernel's -errno into errno and -1, as libc's wrappers return. */
static long set_errno(long ret)
{
	if (ret < 0 && ret > -4096) {
		nolibc_errno = (int)-ret;
		return -1;
	}
	return ret;
}

long syscall(long nr, ...)
{
	long a[6];
	va_list ap;
	int i;

	va_start(ap, nr);
	for (i = 0; i < 6; i++)
		a[i] = va_arg(ap, long);
	va_end(ap);
	return set_errno(rb_arch_syscall6(nr, a[0], a[1], a[2], a[3], a[4],
					  a[5]));
}

#ifdef __NR_statfs64	/* 32-bit: the size goes along */
int statfs(const char *path, struct statfs *st)
{
	return (int)set_errno(rb_arch_syscall6(__NR_statfs64, (long)path,
					       sizeof(*st), (long)st, 0, 0, 0));
}

int fstatfs(int fd, struct statfs *st)
{
	return (int)set_errno(rb_arch_syscall6(__NR_fstatfs64, fd,
					       sizeof(*st), (long)st, 0, 0, 0));
}
#else
int statfs(const char *path, struct statfs *st)
{
	return (int)set_errno(rb_arch_syscall6(__NR_statfs, (long)path,
					       (long)st, 0, 0, 0, 0));
}

int fstatfs(int fd, struct statfs *st)
{
	return (int)set_errno(rb_arch_syscall6(__NR_fstatfs, fd, (long)st, 0,
					       0, 0, 0));
}
#endif

#ifdef __NR_mmap2
void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
	long ret = -EINVAL;

	if (!(off & 4095) && off >= 0 && (off >> 12) <= LONG_MAX)
		ret = rb_arch_syscall6(__NR_mmap2, (long)addr, (long)len, prot,
				       flags, fd, (long)(off >> 12));
	if (ret < 0 && ret > -4096) {
		nolibc_errno = (int)-ret;
		return MAP_FAILED;
	}
	return (void *)ret;
}
#endif

int clock_gettime(clockid_t clock, struct timespec *ts)
{
	long ret = -ENOSYS;
	long t[2];	/* the old call's struct timespec: two longs */
#ifdef __NR_clock_gettime64
	int64_t t64[2];	/* struct __kernel_timespec */

	ret = rb_arch_syscall6(__NR_clock_gettime64, clock, (long)t64, 0, 0,
			       0, 0);
	if (!ret) {
		ts->tv_sec = (time_t)t64[0];
		ts->tv_nsec = (long)t64[1];
	}
#endif
	if (ret == -ENOSYS) {
		ret = rb_arch_syscall6(__NR_clock_gettime, clock, (long)t, 0, 0,
				       0, 0);
		if (!ret) {
			ts->tv_sec = (time_t)t[0];
			ts->tv_nsec = t[1];
		}
	}
	return (int)set_errno(ret);
}

pid_t getpid(void)
{
	return (pid_t)rb_arch_syscall6(__NR_getpid, 0, 0, 0, 0, 0, 0);
}

/* The page size from the kernel's auxiliary vector (AT_PAGESZ, 6) in
 * /proc/self/auxv, read once; 4096 where /proc is not mounted. */
static long page_size(void)
{
	static long cached;
	unsigned long av[64];
	long fd, n, i;

	if (cached)
		return cached;
	cached = 4096;
	fd = rb_arch_syscall6(__NR_openat, AT_FDCWD, (long)"/proc/self/auxv",
			      O_RDONLY | O_CLOEXEC, 0, 0, 0);
	if (fd < 0)
		return cached;
	n = rb_arch_syscall6(__NR_read, fd, (long)av, sizeof(av), 0, 0, 0);
	rb_arch_syscall6(__NR_close, fd, 0, 0, 0, 0, 0);
	for (i = 0; i + 1 < n / (long)sizeof(av[0]); i += 2)
		if (av[i] == 6 && av[i + 1])
			cached = (long)av[i + 1];
	return cached;
}

long sysconf(int name)
{
	if (name == _SC_PAGESIZE)
		return page_size();
	nolibc_errno = EINVAL;
	return -1;
}
