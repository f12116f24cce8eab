// SPDX-License-Identifier: BSD-2-Clause
/* errname.c - the error names of errname.h: the errnos rawbpf and the
 * kernel's bpf paths produce, each with its symbol and a short text. */
#include <errno.h>
#include <stdio.h>

#include "core/errname.h"

#ifndef ENOTSUPP
#define ENOTSUPP 524	/* kernel-internal, seen from bpf() */
#endif

static const struct {
	int err;
	const char *text;
} names[] = {
	{ EPERM, "operation not permitted (EPERM)" },
	{ ENOENT, "no such file or directory (ENOENT)" },
	{ ESRCH, "no such process (ESRCH)" },
	{ EINTR, "interrupted (EINTR)" },
	{ EIO, "input/output error (EIO)" },
	{ ENXIO, "no such device or address (ENXIO)" },
	{ E2BIG, "argument too big (E2BIG)" },
	{ ENOEXEC, "not an executable format (ENOEXEC)" },
	{ EBADF, "bad file descriptor (EBADF)" },
	{ EAGAIN, "try again (EAGAIN)" },
	{ ENOMEM, "out of memory (ENOMEM)" },
	{ EACCES, "permission denied (EACCES)" },
	{ EFAULT, "bad address (EFAULT)" },
	{ EBUSY, "busy (EBUSY)" },
	{ EEXIST, "exists (EEXIST)" },
	{ EXDEV, "cross-device link (EXDEV)" },
	{ ENODEV, "no such device (ENODEV)" },
	{ ENOTDIR, "not a directory (ENOTDIR)" },
	{ EISDIR, "is a directory (EISDIR)" },
	{ EINVAL, "invalid argument (EINVAL)" },
	{ ENFILE, "too many open files in system (ENFILE)" },
	{ EMFILE, "too many open files (EMFILE)" },
	{ ENOSPC, "no space left (ENOSPC)" },
	{ EDOM, "argument out of domain (EDOM)" },
	{ ERANGE, "result out of range (ERANGE)" },
	{ ENAMETOOLONG, "name too long (ENAMETOOLONG)" },
	{ ENOSYS, "function not implemented (ENOSYS)" },
	{ ELOOP, "too many symbolic links (ELOOP)" },
	{ ENODATA, "no data (ENODATA)" },
	{ EOVERFLOW, "value too large (EOVERFLOW)" },
	{ EBADMSG, "bad message (EBADMSG)" },
	{ EMSGSIZE, "message too long (EMSGSIZE)" },
	{ EPROTO, "protocol error (EPROTO)" },
	{ ENOTSOCK, "not a socket (ENOTSOCK)" },
	{ EOPNOTSUPP, "not supported (EOPNOTSUPP)" },
	{ EAFNOSUPPORT, "address family not supported (EAFNOSUPPORT)" },
	{ EADDRINUSE, "address in use (EADDRINUSE)" },
	{ ENETDOWN, "network is down (ENETDOWN)" },
	{ ETIMEDOUT, "timed out (ETIMEDOUT)" },
	{ EHOSTDOWN, "host is down (EHOSTDOWN)" },
	{ EALREADY, "already in progress (EALREADY)" },
	{ ESTALE, "stale handle (ESTALE)" },
	{ ECANCELED, "canceled (ECANCELED)" },
	{ ENOTSUPP, "not supported by the kernel (ENOTSUPP)" },
};

const char *rb_errstr(int err, char *buf, unsigned int size)
{
	if (err < 0)
		err = -err;
	for (unsigned int i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (names[i].err == err)
			return names[i].text;
	snprintf(buf, size, "error %d", err);
	return buf;
}
