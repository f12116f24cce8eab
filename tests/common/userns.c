// SPDX-License-Identifier: BSD-2-Clause
/* userns.c - user namespaces and delegated bpffs for the token tests
 * (userns.h). */
#include <fcntl.h>
#include <sched.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fixture.h"
#include "userns.h"

int rb_send_fd(int sock, int fd)
{
	char c = 0, cbuf[CMSG_SPACE(sizeof(int))];
	struct iovec iov = { &c, 1 };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1,
			    .msg_control = cbuf, .msg_controllen = sizeof(cbuf) };
	struct cmsghdr *cm = CMSG_FIRSTHDR(&m);

	memset(cbuf, 0, sizeof(cbuf));
	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(cm), &fd, sizeof(int));
	return sendmsg(sock, &m, 0) == 1 ? 0 : -1;
}

int rb_recv_fd(int sock)
{
	char c, cbuf[CMSG_SPACE(sizeof(int))];
	struct iovec iov = { &c, 1 };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1,
			    .msg_control = cbuf, .msg_controllen = sizeof(cbuf) };
	struct cmsghdr *cm;
	int fd;

	if (recvmsg(sock, &m, 0) != 1)
		return -1;
	cm = CMSG_FIRSTHDR(&m);
	if (!cm || cm->cmsg_type != SCM_RIGHTS)
		return -1;
	memcpy(&fd, CMSG_DATA(cm), sizeof(int));
	return fd;
}

static int write_file(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC), ok;

	if (fd < 0)
		return -1;
	ok = write(fd, s, strlen(s)) == (ssize_t)strlen(s);
	close(fd);
	return ok ? 0 : -1;
}

int rb_userns_enter(void)
{
	if (unshare(CLONE_NEWUSER | CLONE_NEWNS))
		return -1;
	if (write_file("/proc/self/setgroups", "deny") ||
	    write_file("/proc/self/uid_map", "0 0 1") ||
	    write_file("/proc/self/gid_map", "0 0 1"))
		return -1;
	return 0;
}

void rb_bpffs_delegate_all(int fsfd)
{
	static const char *const opt[] = { "delegate_cmds", "delegate_maps",
					   "delegate_progs", "delegate_attachs" };

	/* only a process privileged in the initial namespace may set what a
	 * bpffs delegates */
	for (size_t i = 0; i < sizeof(opt) / sizeof(opt[0]); i++)
		assert_int_equal(fsconfig(fsfd, FSCONFIG_SET_STRING, opt[i],
					  "any", 0), 0);
	assert_int_equal(fsconfig(fsfd, FSCONFIG_CMD_CREATE, NULL, NULL, 0), 0);
}

pid_t rb_userns_fork(void (*child)(int sock), int *sock)
{
	int sv[2];
	pid_t pid;

	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		close(sv[0]);
		child(sv[1]);	/* exits */
		_exit(3);
	}
	close(sv[1]);
	*sock = sv[0];
	return pid;
}

void rb_userns_wait(pid_t pid, int sock, void *results, size_t size)
{
	int status;

	assert_int_equal(read(sock, results, size), (ssize_t)size);
	close(sock);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}
