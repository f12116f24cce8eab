// SPDX-License-Identifier: BSD-2-Clause
/* child.c - forked helper processes for lifetime tests; see child.h. */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "child.h"
#include "fixture.h"
#include "progs.h"

struct rb_child {
	pid_t pid;
	int sock;
};

static void child_main(int sock, rb_child_fn fn, void *arg)
{
	struct rb_child_report r;
	char cbuf[CMSG_SPACE(sizeof(int))];
	struct iovec iov = { .iov_base = &r, .iov_len = sizeof(r) };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1 };
	char c;

	memset(&r, 0, sizeof(r));
	r.fd = -1;
	fn(arg, &r);
	if (r.fd >= 0) {
		struct cmsghdr *cm;

		memset(cbuf, 0, sizeof(cbuf));
		msg.msg_control = cbuf;
		msg.msg_controllen = sizeof(cbuf);
		cm = CMSG_FIRSTHDR(&msg);
		cm->cmsg_level = SOL_SOCKET;
		cm->cmsg_type = SCM_RIGHTS;
		cm->cmsg_len = CMSG_LEN(sizeof(int));
		memcpy(CMSG_DATA(cm), &r.fd, sizeof(int));
	}
	if (sendmsg(sock, &msg, 0) < 0)
		_exit(2);
	/* Wait for the parent: EOF when it lets us go. */
	while (read(sock, &c, 1) < 0 && errno == EINTR)
		;
	/* _exit: no atexit handlers (those are the parent's fixtures). */
	_exit(0);
}

static int reap(struct rb_child *c)
{
	int status = -1;

	if (c->pid > 0) {
		while (waitpid(c->pid, &status, 0) < 0 && errno == EINTR)
			;
		c->pid = 0;
	}
	if (c->sock >= 0) {
		close(c->sock);
		c->sock = -1;
	}
	return status;
}

static void cleanup_child(void *arg)
{
	struct rb_child *c = arg;

	if (c->pid > 0)
		kill(c->pid, SIGKILL);
	reap(c);
	free(c);
}

struct rb_child *rb_child_start(rb_child_fn fn, void *arg,
				struct rb_child_report *r)
{
	char cbuf[CMSG_SPACE(sizeof(int))];
	struct iovec iov = { .iov_base = r, .iov_len = sizeof(*r) };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1,
			      .msg_control = cbuf,
			      .msg_controllen = sizeof(cbuf) };
	struct rb_child *c = calloc(1, sizeof(*c));
	struct cmsghdr *cm;
	int sv[2];
	ssize_t n;

	if (!c)
		return NULL;
	c->sock = -1;
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv)) {
		free(c);
		return NULL;
	}
	fflush(NULL);
	c->pid = fork();
	if (c->pid < 0) {
		close(sv[0]);
		close(sv[1]);
		free(c);
		return NULL;
	}
	if (c->pid == 0) {
		free(c);	/* the parent's handle (memcheck counts it lost) */
		close(sv[0]);
		child_main(sv[1], fn, arg);
	}
	close(sv[1]);
	c->sock = sv[0];
	rb_fixture_add_cleanup(cleanup_child, c);
	memset(r, 0, sizeof(*r));
	do
		n = recvmsg(c->sock, &msg, MSG_CMSG_CLOEXEC);
	while (n < 0 && errno == EINTR);
	if (n != (ssize_t)sizeof(*r)) {
		r->err = n < 0 ? -errno : -EPIPE;
		r->fd = -1;
		return c;
	}
	r->fd = -1;
	cm = CMSG_FIRSTHDR(&msg);
	if (cm && cm->cmsg_type == SCM_RIGHTS)
		memcpy(&r->fd, CMSG_DATA(cm), sizeof(int));
	return c;
}

int rb_child_exit(struct rb_child *c)
{
	shutdown(c->sock, SHUT_RDWR);
	return reap(c);
}

int rb_child_kill(struct rb_child *c)
{
	kill(c->pid, SIGKILL);
	return reap(c);
}

void rb_expect_gone_and_silent(uint32_t link_id, uint32_t prog_id,
			       int map_fd, void (*fire)(void))
{
	uint64_t before;

	if (link_id)
		assert_int_equal(rb_wait_id_gone(rb_link_id_exists, link_id,
						 2000), 0);
	assert_int_equal(rb_wait_id_gone(rb_prog_id_exists, prog_id, 2000), 0);
	before = rb_counter_read(map_fd);
	fire();
	assert_int_equal(rb_counter_read(map_fd), before);
}
