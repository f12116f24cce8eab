/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * sys_view.h - what a call through the choke point's test hook means: its
 * op, fd, path, buffer and size, decoded from the raw arguments per kind
 * (the library passes arguments only; the table of which is which lives
 * here, with the tests).
 */
#ifndef RB_TEST_SYS_VIEW_H
#define RB_TEST_SYS_VIEW_H

#include <stddef.h>

#include "sys/raw.h"

/* rb_call_op - the kind's operation: bpf command, ioctl request, open or
 * unlink flags, socket domain, setsockopt name, epoll op, mmap prot, recv
 * flags; 0 for none. */
long rb_call_op(const struct rb_sys_call *c);
/* rb_call_fd - the fd (or dir fd) it works on; -1 for none. */
int rb_call_fd(const struct rb_sys_call *c);
/* rb_call_path - the path it names; NULL for none. */
const char *rb_call_path(const struct rb_sys_call *c);
/* rb_call_buf / rb_call_size - its buffer (bpf attr, data, address) and
 * length; NULL / 0 for none. */
void *rb_call_buf(const struct rb_sys_call *c);
size_t rb_call_size(const struct rb_sys_call *c);

#endif
