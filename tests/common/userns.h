/* SPDX-License-Identifier: BSD-2-Clause */
/* userns.h - what the token tests share: a child enters a user and mount
 * namespace (root mapped to root) and opens a bpffs context, passes it to
 * the privileged parent over a socket, which delegates everything. */
#ifndef RB_TEST_USERNS_H
#define RB_TEST_USERNS_H

#include <stddef.h>
#include <sys/types.h>

/* rb_send_fd / rb_recv_fd - pass @fd over unix socket @sock (SCM_RIGHTS);
 * 0 / the fd, or -1. */
int rb_send_fd(int sock, int fd);
int rb_recv_fd(int sock);
/* rb_userns_enter - unshare a user and mount namespace, mapping uid and gid
 * 0 to 0; 0 or -1. */
int rb_userns_enter(void);
/* rb_bpffs_delegate_all - on bpffs context @fsfd: every delegate_* option
 * "any", then create the superblock (asserting). */
void rb_bpffs_delegate_all(int fsfd);

/* rb_userns_fork - fork a child running @child(its end of a socket pair),
 * which must _exit; the parent's end in *@sock, the child's pid. */
pid_t rb_userns_fork(void (*child)(int sock), int *sock);
/* rb_userns_wait - read the child's @size bytes of results from @sock
 * (closed), reap it and check it exited 0 (asserting). */
void rb_userns_wait(pid_t pid, int sock, void *results, size_t size);

#endif
