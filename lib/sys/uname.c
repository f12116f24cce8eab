// SPDX-License-Identifier: BSD-2-Clause
/* uname.c - uname(2) returning -errno (see uname.h). */
#include <errno.h>

#include "sys/uname.h"

int rb_sys_uname(struct utsname *u)
{
	int saved = errno, err = 0;

	if (uname(u))
		err = -errno;
	errno = saved;
	return err;
}
