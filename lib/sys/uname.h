/* SPDX-License-Identifier: BSD-2-Clause */
/* uname.h - uname(2) behind the syscall boundary. Internal. */
#ifndef RB_SYS_UNAME_H
#define RB_SYS_UNAME_H

#include <sys/utsname.h>

/* rb_sys_uname - uname(2) into @u; 0 or -errno, errno left alone. */
int rb_sys_uname(struct utsname *u);

#endif
