/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * raw.h - the syscall choke point. Every bpf(2) and perf_event_open(2)
 * call in rawbpf goes through these functions (the other libc calls through
 * sys/libc.h), so that one test hook can count calls, record attrs and
 * inject failures, and a firmware build can swap the libc syscall() for its
 * own.
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

/* The kinds of call that pass the choke point (raw.c, libc.c); each with
 * the arguments the hook sees, as the system call takes them. */
enum rb_sys_kind {
	RB_SYS_BPF,		/* cmd, attr, size */
	RB_SYS_PERF_OPEN,	/* attr, pid, cpu, group_fd, flags */
	RB_SYS_PERF_IOCTL,	/* fd, request, arg */
	RB_SYS_OPEN,		/* dir_fd, path, flags, mode (openat) */
	RB_SYS_READ,		/* fd, buf, len */
	RB_SYS_WRITE,		/* fd, buf, len */
	RB_SYS_CLOSE,		/* fd */
	RB_SYS_MMAP,		/* addr, len, prot, flags, fd, off */
	RB_SYS_MUNMAP,		/* addr, len */
	RB_SYS_STAT,		/* dir_fd, path, flags, mask, buf (statx) */
	RB_SYS_STATFS,		/* fd (-1: by path), path, struct statfs * */
	RB_SYS_READLINK,	/* dir_fd, path, buf, size (readlinkat) */
	RB_SYS_DUP,		/* fd, F_DUPFD_CLOEXEC, min (fcntl) */
	RB_SYS_SOCKET,		/* domain, type, protocol */
	RB_SYS_BIND,		/* fd, addr, addr_len */
	RB_SYS_SETSOCKOPT,	/* fd, level, name, val, len */
	RB_SYS_SEND,		/* fd, buf, len, flags, addr, addr_len (sendto) */
	RB_SYS_RECV,		/* fd, buf, len, flags (recvfrom) */
	RB_SYS_MOUNT,		/* source, target, fstype, flags, data */
	RB_SYS_MKDIR,		/* dir_fd, path, mode (mkdirat) */
	RB_SYS_UNLINK,		/* dir_fd, path, flags (unlinkat) */
	RB_SYS_EPOLL_CREATE,	/* flags */
	RB_SYS_EPOLL_CTL,	/* epfd, op, fd, event */
	RB_SYS_EPOLL_WAIT,	/* epfd, events, max, timeout (epoll_pwait) */
	RB_SYS_UNAME,		/* struct utsname * */
	RB_SYS_GETDENTS,	/* fd, buf, len (getdents64) */
	RB_SYS_FSOPEN,		/* fstype, flags */
	RB_SYS_FSCONFIG,	/* fd, cmd, key, value, aux */
	RB_SYS_FSMOUNT,		/* fd, flags, attr_flags */
	RB_SYS_CLOCK,		/* clock id, struct timespec * (clock_gettime) */
	RB_SYS_NKINDS
};

/* One call as the test hook sees it: its kind and arguments (tests decode
 * them: tests/common/sys_view.h). */
struct rb_sys_call {
	enum rb_sys_kind kind;
	long arg[6];
};

/*
 * The one test hook: when set, @before sees every call of every kind;
 * returning 1 swallows the call and returns *@ret instead (-errno, or the
 * result a fake kernel gives; for mmap an address), 0 lets it through. @after sees the real
 * result. Not thread safe by design: tests only.
 */
struct rb_sys_hook {
	int (*before)(void *ctx, const struct rb_sys_call *c, long *ret);
	void (*after)(void *ctx, const struct rb_sys_call *c, long ret);
	void *ctx;
};
void rb_sys_set_hook(const struct rb_sys_hook *hook);

/*
 * rb_sys_call - system call @nr(@a..@f) as a call of @kind: through the
 * test hook, then syscall(). The result or -errno; errno kept.
 */
long rb_sys_call(enum rb_sys_kind kind, long nr, long a, long b, long c,
		 long d, long e, long f);

/* rb_sys_before / rb_sys_after - the hook's two ends, for the wrappers
 * that call libc itself (mmap, stat, statfs: layouts that differ from the
 * kernel's on 32-bit hosts):
 * rb_sys_before returns 1 when the hook answered in *@ret. */
int rb_sys_before(const struct rb_sys_call *c, long *ret);
void rb_sys_after(const struct rb_sys_call *c, long ret);

#endif
