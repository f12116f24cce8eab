// SPDX-License-Identifier: BSD-2-Clause
/* sock.c - programs on one socket: SO_ATTACH_BPF socket filters and
 * SO_ATTACH_REUSEPORT_EBPF group selectors (the SOCKOPT kind). */
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>

#include "rawbpf/attach_net.h"
#include "rawbpf/sys.h"
#include "attach/netcommon.h"

#ifndef SO_ATTACH_BPF
#define SO_ATTACH_BPF 50
#endif
#ifndef SO_DETACH_FILTER
#define SO_DETACH_FILTER 27
#endif
#ifndef SO_ATTACH_REUSEPORT_EBPF
#define SO_ATTACH_REUSEPORT_EBPF 52
#endif
#ifndef SO_DETACH_REUSEPORT_BPF
#define SO_DETACH_REUSEPORT_BPF 68
#endif

static int sock_set(int sock_fd, int opt, int prog_fd)
{
	int saved = errno, err;

	err = setsockopt(sock_fd, SOL_SOCKET, opt, &prog_fd,
			 sizeof(prog_fd)) ? -errno : 0;
	errno = saved;
	return err;
}

static int sock_detach(struct rawbpf_attachment *at)
{
	int opt = at->attach_type == SO_ATTACH_BPF ? SO_DETACH_FILTER
						   : SO_DETACH_REUSEPORT_BPF;

	/* The value is ignored but must be int-sized. */
	return sock_set(at->target_fd, opt, 0);
}

/* The kernel swaps the program atomically but cannot check the old one:
 * only the program this handle attached is accepted as "expected". */
static int sock_replace(struct rawbpf_attachment *at, int new_prog_fd,
			int expected_fd)
{
	int err = rb_expect_own(at, expected_fd);

	if (err)
		return err;
	return sock_set(at->target_fd, (int)at->attach_type, new_prog_fd);
}

static int sock_update(struct rawbpf_attachment *at, int new_prog_fd,
		       int old_prog_fd)
{
	return rb_replace_prog(at, new_prog_fd, old_prog_fd, sock_replace);
}

static const struct rb_attach_ops sock_ops = {
	.detach = sock_detach,
	.update = sock_update,
};

static int sock_attach(int prog_fd, int sock_fd, int opt,
		       const struct rawbpf_allocator *alloc,
		       struct rawbpf_attachment **out)
{
	struct rawbpf_attachment *at;
	int err;

	if (!out)
		return -EINVAL;
	at = rb_older_new(RAWBPF_ATTACH_KIND_SOCKOPT, &sock_ops, alloc, prog_fd, &err);
	if (!at)
		return err;
	at->attach_type = (uint32_t)opt;
	at->target_fd = rb_dup_fd(sock_fd);
	if (at->target_fd < 0)
		return rb_older_fail(at, at->target_fd);
	err = sock_set(sock_fd, opt, prog_fd);
	if (err)
		return rb_older_fail(at, err);
	*out = at;
	return 0;
}

int rawbpf_attach_socket(int prog_fd, int sock_fd,
			 const struct rawbpf_allocator *alloc,
			 struct rawbpf_attachment **out)
{
	return sock_attach(prog_fd, sock_fd, SO_ATTACH_BPF, alloc, out);
}

int rawbpf_attach_reuseport(int prog_fd, int sock_fd,
			    const struct rawbpf_allocator *alloc,
			    struct rawbpf_attachment **out)
{
	return sock_attach(prog_fd, sock_fd, SO_ATTACH_REUSEPORT_EBPF, alloc,
			   out);
}
