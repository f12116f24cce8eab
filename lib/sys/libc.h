/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * libc.h - the libc boundary: every libc call of rawbpf that can fail with
 * errno goes through one of these thin wrappers (liburing's __sys_* style).
 * Each returns >= 0 or -errno and leaves the caller's errno as it was, and
 * each passes the one test hook (rb_sys_set_hook in sys/raw.h), which can
 * count, record and fail calls of every kind. Nothing outside lib/sys calls
 * these libc functions itself (tests/check_libc_boundary.sh checks it).
 */
#ifndef RB_SYS_LIBC_H
#define RB_SYS_LIBC_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

struct statfs;
struct sockaddr;
struct epoll_event;
struct utsname;

/* rb_sys_openat - openat(@dir_fd, @path, @flags | O_CLOEXEC, @mode). */
int rb_sys_openat(int dir_fd, const char *path, int flags, unsigned int mode);
/* rb_sys_open - rb_sys_openat relative to the current directory. */
int rb_sys_open(const char *path, int flags);
/* rb_sys_read - read(2): bytes read or -errno. */
long rb_sys_read(int fd, void *buf, size_t len);
/* rb_sys_write - write(2): bytes written or -errno. */
long rb_sys_write(int fd, const void *buf, size_t len);
/* rb_sys_close - close(2); @fd < 0 is ignored. 0 or -errno. */
int rb_sys_close(int fd);
/* rb_sys_mmap - mmap(NULL, ...) into *@out; 0 or -errno. */
int rb_sys_mmap(size_t len, int prot, int flags, int fd, off_t off,
		void **out);
/* rb_sys_mmap_at - mmap(@addr, ...): an arena's fixed user address. */
int rb_sys_mmap_at(void *addr, size_t len, int prot, int flags, int fd,
		   off_t off, void **out);
/* rb_sys_munmap - munmap(2); NULL is ignored. */
int rb_sys_munmap(void *addr, size_t len);
/* What rawbpf asks of a file: its type and mode bits (S_ISREG() etc.)
 * and size. */
struct rb_stat {
	uint32_t mode;
	uint64_t size;
};
/* rb_sys_fstat / rb_sys_stat - statx(2) of @fd / @path (following links):
 * one layout on every architecture (4.11); 0 or -errno. */
int rb_sys_fstat(int fd, struct rb_stat *st);
int rb_sys_stat(const char *path, struct rb_stat *st);
/* rb_sys_statfs / rb_sys_fstatfs - statfs(2) / fstatfs(2). */
int rb_sys_statfs(const char *path, struct statfs *st);
int rb_sys_fstatfs(int fd, struct statfs *st);
/* rb_sys_readlink - readlink(2): bytes (not NUL-terminated) or -errno. */
long rb_sys_readlink(const char *path, char *buf, size_t size);
/* rb_sys_dupfd - fcntl(@fd, F_DUPFD_CLOEXEC, @min): the new fd. */
int rb_sys_dupfd(int fd, int min);
/* rb_sys_socket - socket(@domain, @type | SOCK_CLOEXEC, @proto). */
int rb_sys_socket(int domain, int type, int proto);
/* rb_sys_bind - bind(2). */
int rb_sys_bind(int fd, const struct sockaddr *sa, unsigned int len);
/* rb_sys_setsockopt - setsockopt(2). */
int rb_sys_setsockopt(int fd, int level, int name, const void *val,
		      unsigned int len);
/* rb_sys_sendto - sendto(2): bytes sent or -errno. */
long rb_sys_sendto(int fd, const void *buf, size_t len, int flags,
		   const struct sockaddr *sa, unsigned int sa_len);
/* rb_sys_recv - recv(2): bytes received (with MSG_TRUNC: the real
 * length) or -errno. */
long rb_sys_recv(int fd, void *buf, size_t len, int flags);
/* rb_sys_fsopen / rb_sys_fsconfig / rb_sys_fsmount - the new mount API
 * (5.2): a filesystem context, its options, a detached mount; fd or
 * 0 / -errno. */
int rb_sys_fsopen(const char *fstype, unsigned int flags);
int rb_sys_fsconfig(int fd, unsigned int cmd, const char *key,
		    const char *value, int aux);
int rb_sys_fsmount(int fd, unsigned int flags, unsigned int attr_flags);
/* rb_sys_mount - mount(2). */
int rb_sys_mount(const char *src, const char *target, const char *fstype,
		 unsigned long flags, const void *data);
/* rb_sys_mkdirat - mkdirat(2). */
int rb_sys_mkdirat(int dir_fd, const char *path, unsigned int mode);
/* rb_sys_unlinkat - unlinkat(2) (AT_REMOVEDIR for rmdir). */
int rb_sys_unlinkat(int dir_fd, const char *path, int flags);
/* rb_sys_epoll_create - epoll_create1(EPOLL_CLOEXEC). */
int rb_sys_epoll_create(void);
/* rb_sys_epoll_ctl - epoll_ctl(2). */
int rb_sys_epoll_ctl(int epfd, int op, int fd, struct epoll_event *ev);
/* rb_sys_epoll_wait - epoll_wait(2): events ready or -errno. */
int rb_sys_epoll_wait(int epfd, struct epoll_event *ev, int max,
		      int timeout_ms);
/* rb_sys_getdents - getdents64(2): the directory entries of @fd into
 * @buf (struct rb_dirent records); bytes, 0 at the end, or -errno. */
long rb_sys_getdents(int fd, void *buf, size_t len);
/* One record of rb_sys_getdents (struct linux_dirent64). */
struct rb_dirent {
	uint64_t ino;
	int64_t off;
	uint16_t reclen;
	uint8_t type;
	char name[];
};
/* rb_sys_uname - uname(2). */
int rb_sys_uname(struct utsname *u);
/* rb_sys_clock_ns - clock_gettime(@clock) in nanoseconds into *@ns;
 * 0 or -errno. */
int rb_sys_clock_ns(int clock, int64_t *ns);

#endif
