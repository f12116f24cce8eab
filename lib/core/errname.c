// SPDX-License-Identifier: BSD-2-Clause
/* errname.c - the error names of errname.h: the errnos rawbpf and the
 * kernel's bpf paths produce, each with its symbol and a short text. Two
 * packed tables (numbers, and one string of texts in the same order)
 * instead of a table of pointers: a few hundred bytes less in a static
 * firmware build, and no relocations. */
#include <errno.h>
#include <stdio.h>

#include "core/errname.h"

#ifndef ENOTSUPP
#define ENOTSUPP 524	/* kernel-internal, seen from bpf() */
#endif

static const unsigned short codes[] = {
	EPERM,
	ENOENT,
	ESRCH,
	EIO,
	ENXIO,
	E2BIG,
	ENOEXEC,
	EBADF,
	EAGAIN,
	ENOMEM,
	EACCES,
	EFAULT,
	EBUSY,
	EEXIST,
	ENODEV,
	ENOTDIR,
	EISDIR,
	EINVAL,
	EMFILE,
	ENOSPC,
	ERANGE,
	ENAMETOOLONG,
	ENOSYS,
	ELOOP,
	ENODATA,
	EOVERFLOW,
	EBADMSG,
	EMSGSIZE,
	EOPNOTSUPP,
	ETIMEDOUT,
	ENOTSUPP
};

static const char texts[] =
	"not permitted (EPERM)\0"
	"no such entry (ENOENT)\0"
	"no such process (ESRCH)\0"
	"I/O error (EIO)\0"
	"no such device (ENXIO)\0"
	"too big (E2BIG)\0"
	"bad format (ENOEXEC)\0"
	"bad fd (EBADF)\0"
	"try again (EAGAIN)\0"
	"out of memory (ENOMEM)\0"
	"permission denied (EACCES)\0"
	"bad address (EFAULT)\0"
	"busy (EBUSY)\0"
	"exists (EEXIST)\0"
	"no such device (ENODEV)\0"
	"not a directory (ENOTDIR)\0"
	"is a directory (EISDIR)\0"
	"invalid argument (EINVAL)\0"
	"too many open files (EMFILE)\0"
	"no space (ENOSPC)\0"
	"out of range (ERANGE)\0"
	"name too long (ENAMETOOLONG)\0"
	"not implemented (ENOSYS)\0"
	"too many links (ELOOP)\0"
	"no data (ENODATA)\0"
	"overflow (EOVERFLOW)\0"
	"bad message (EBADMSG)\0"
	"message too long (EMSGSIZE)\0"
	"not supported (EOPNOTSUPP)\0"
	"timed out (ETIMEDOUT)\0"
	"not supported by the kernel (ENOTSUPP)\0";

const char *rb_errstr(int err, char *buf, unsigned int size)
{
	const char *t = texts;

	if (err < 0)
		err = -err;
	for (unsigned int i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
		if (codes[i] == err)
			return t;
		while (*t++)
			;
	}
	snprintf(buf, size, "error %d", err);
	return buf;
}
