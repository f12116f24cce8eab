// SPDX-License-Identifier: BSD-2-Clause
/* cgroup.c - cgroup v2 hooks: LINK_CREATE, or PROG_ATTACH/DETACH with
 * none/override/multi/replace, and the attach type -> program type table. */
#include <errno.h>
#include <unistd.h>

#include "rawbpf/attach_cgroup.h"
#include "rawbpf/sys.h"
#include "attach/attachment.h"
#include "attach/netcommon.h"
#include "core/mem.h"

#define LEGACY_FLAGS (BPF_F_ALLOW_OVERRIDE | BPF_F_ALLOW_MULTI | BPF_F_REPLACE)
#define ORDER_FLAGS (RAWBPF_F_BEFORE | RAWBPF_F_AFTER | RAWBPF_F_ID | RAWBPF_F_LINK)

static const struct {
	uint32_t attach_type;
	uint32_t prog_type;
} cgroup_types[] = {
	{ BPF_CGROUP_INET_INGRESS, BPF_PROG_TYPE_CGROUP_SKB },
	{ BPF_CGROUP_INET_EGRESS, BPF_PROG_TYPE_CGROUP_SKB },
	{ BPF_CGROUP_INET_SOCK_CREATE, BPF_PROG_TYPE_CGROUP_SOCK },
	{ BPF_CGROUP_INET_SOCK_RELEASE, BPF_PROG_TYPE_CGROUP_SOCK },
	{ BPF_CGROUP_INET4_POST_BIND, BPF_PROG_TYPE_CGROUP_SOCK },
	{ BPF_CGROUP_INET6_POST_BIND, BPF_PROG_TYPE_CGROUP_SOCK },
	{ BPF_CGROUP_SOCK_OPS, BPF_PROG_TYPE_SOCK_OPS },
	{ BPF_CGROUP_DEVICE, BPF_PROG_TYPE_CGROUP_DEVICE },
	{ BPF_CGROUP_SYSCTL, BPF_PROG_TYPE_CGROUP_SYSCTL },
	{ BPF_CGROUP_GETSOCKOPT, BPF_PROG_TYPE_CGROUP_SOCKOPT },
	{ BPF_CGROUP_SETSOCKOPT, BPF_PROG_TYPE_CGROUP_SOCKOPT },
	{ BPF_CGROUP_INET4_BIND, BPF_PROG_TYPE_CGROUP_SOCK_ADDR },
	{ BPF_CGROUP_INET6_BIND, BPF_PROG_TYPE_CGROUP_SOCK_ADDR },
	{ BPF_CGROUP_INET4_CONNECT, BPF_PROG_TYPE_CGROUP_SOCK_ADDR },
	{ BPF_CGROUP_INET6_CONNECT, BPF_PROG_TYPE_CGROUP_SOCK_ADDR },
	{ BPF_CGROUP_UDP4_SENDMSG, BPF_PROG_TYPE_CGROUP_SOCK_ADDR },
	{ BPF_CGROUP_UDP6_SENDMSG, BPF_PROG_TYPE_CGROUP_SOCK_ADDR },
	{ BPF_CGROUP_UDP4_RECVMSG, BPF_PROG_TYPE_CGROUP_SOCK_ADDR },
	{ BPF_CGROUP_UDP6_RECVMSG, BPF_PROG_TYPE_CGROUP_SOCK_ADDR },
	{ BPF_CGROUP_INET4_GETPEERNAME, BPF_PROG_TYPE_CGROUP_SOCK_ADDR },
	{ BPF_CGROUP_INET6_GETPEERNAME, BPF_PROG_TYPE_CGROUP_SOCK_ADDR },
	{ BPF_CGROUP_INET4_GETSOCKNAME, BPF_PROG_TYPE_CGROUP_SOCK_ADDR },
	{ BPF_CGROUP_INET6_GETSOCKNAME, BPF_PROG_TYPE_CGROUP_SOCK_ADDR },
	{ RAWBPF_CGROUP_UNIX_CONNECT, BPF_PROG_TYPE_CGROUP_SOCK_ADDR },
	{ RAWBPF_CGROUP_UNIX_SENDMSG, BPF_PROG_TYPE_CGROUP_SOCK_ADDR },
	{ RAWBPF_CGROUP_UNIX_RECVMSG, BPF_PROG_TYPE_CGROUP_SOCK_ADDR },
	{ RAWBPF_CGROUP_UNIX_GETPEERNAME, BPF_PROG_TYPE_CGROUP_SOCK_ADDR },
	{ RAWBPF_CGROUP_UNIX_GETSOCKNAME, BPF_PROG_TYPE_CGROUP_SOCK_ADDR },
	{ BPF_LSM_CGROUP, BPF_PROG_TYPE_LSM },
};

int rawbpf_cgroup_prog_type(uint32_t attach_type)
{
	for (size_t i = 0; i < RB_ARRAY_SIZE(cgroup_types); i++)
		if (cgroup_types[i].attach_type == attach_type)
			return (int)cgroup_types[i].prog_type;
	return -EINVAL;
}

static int cg_detach(struct rawbpf_attachment *at)
{
	RAWBPF_OPTS(rawbpf_sys_prog_attach_opts, o, .prog_fd = at->prog_fd);

	return rawbpf_sys_prog_detach(at->target_fd, at->attach_type, &o);
}

/* A single (non-MULTI) attachment: is @expected_fd what is attached? */
static int cg_check_single(struct rawbpf_attachment *at, int expected_fd)
{
	RAWBPF_OPTS(rawbpf_sys_prog_query_opts, q);
	uint32_t ids[1], old_id;
	int err = rb_fd_prog_id(expected_fd, &old_id);

	if (err)
		return err;
	q.prog_ids = ids;
	q.count = 1;
	err = rawbpf_sys_prog_query(at->target_fd, at->attach_type, &q);
	if (err)
		return err;
	return q.count == 1 && ids[0] == old_id ? 0 : -ENOENT;
}

/* MULTI: PROG_ATTACH with BPF_F_REPLACE; single: the kernel replaces the
 * one program in place when attached again with the same flags. */
static int cg_replace(struct rawbpf_attachment *at, int new_prog_fd,
		      int expected_fd)
{
	RAWBPF_OPTS(rawbpf_sys_prog_attach_opts, o, .flags = at->flags & ~BPF_F_REPLACE);
	int err;

	if (at->flags & BPF_F_ALLOW_MULTI) {
		o.flags |= BPF_F_REPLACE;
		o.replace_prog_fd = expected_fd;
	} else {
		err = cg_check_single(at, expected_fd);
		if (err)
			return err;
	}
	return rawbpf_sys_prog_attach(new_prog_fd, at->target_fd, at->attach_type,
				  &o);
}

static int cg_update(struct rawbpf_attachment *at, int new_prog_fd,
		     int old_prog_fd)
{
	return rb_replace_prog(at, new_prog_fd, old_prog_fd, cg_replace);
}

static const struct rb_attach_ops cg_ops = {
	.detach = cg_detach,
	.update = cg_update,
};

static int cg_legacy(int prog_fd, int cgroup_fd, uint32_t type,
		     const struct rawbpf_attach_cgroup_opts *o, uint32_t flags,
		     struct rawbpf_attachment **out)
{
	RAWBPF_OPTS(rawbpf_sys_prog_attach_opts, ao, .flags = flags,
		    .replace_prog_fd = o->replace_prog_fd,
		    .relative_fd = o->relative_fd,
		    .expected_revision = o->expected_revision);

	return rb_prog_attach_new(prog_fd, cgroup_fd, 0, type, &ao, &cg_ops,
				  o->alloc, out);
}

int rawbpf_attach_cgroup(int prog_fd, int cgroup_fd, uint32_t attach_type,
			 const struct rawbpf_attach_cgroup_opts *uopts,
			 struct rawbpf_attachment **out)
{
	struct rawbpf_attach_cgroup_opts o;
	uint32_t mode;
	int fd, err = rb_opts_copy(&o, sizeof(o), uopts);

	if (err)
		return err;
	if (!out || rb_mode_valid(o.mode) || cgroup_fd < 0 ||
	    rawbpf_cgroup_prog_type(attach_type) < 0 ||
	    (o.flags & ~(LEGACY_FLAGS | ORDER_FLAGS)))
		return -EINVAL;
	mode = o.mode;
	if (o.flags & LEGACY_FLAGS) {
		if (mode == RAWBPF_ATTACH_MODE_LINK)
			return -EINVAL;
		mode = RAWBPF_ATTACH_MODE_LEGACY;
	}
	if (mode == RAWBPF_ATTACH_MODE_LEGACY)
		return cg_legacy(prog_fd, cgroup_fd, attach_type, &o, o.flags,
				 out);
	RAWBPF_OPTS(rawbpf_sys_link_create_opts, lo, .flags = o.flags,
		    .relative_fd = o.relative_fd,
		    .expected_revision = o.expected_revision);
	fd = rawbpf_sys_link_create(prog_fd, cgroup_fd, attach_type, &lo);
	if (!rb_link_fallback(mode, fd) || attach_type == BPF_LSM_CGROUP)
		return rb_link_attachment(fd, o.alloc, out);
	return cg_legacy(prog_fd, cgroup_fd, attach_type, &o,
			 o.flags | BPF_F_ALLOW_MULTI, out);
}
