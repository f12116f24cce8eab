// SPDX-License-Identifier: BSD-2-Clause
/* prog_attach.c - the BPF_PROG_ATTACH attachment kind shared by the network
 * hooks (tcx, netkit, netns flow_dissector, sockmap): detach with
 * PROG_DETACH naming our program, update with BPF_F_REPLACE (tcx, netkit)
 * or, where PROG_ATTACH takes no flags (netns, sockmap), by attaching the
 * new program over ours. */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "rawbpf/attach_net.h"
#include "rawbpf/sys.h"
#include "attach/netcommon.h"
#include "core/mem.h"

static int pa_target(const struct rawbpf_attachment *at)
{
	return at->target_fd >= 0 ? at->target_fd : at->ifindex;
}

static int pa_detach(struct rawbpf_attachment *at)
{
	RAWBPF_OPTS(rawbpf_sys_prog_attach_opts, o, .prog_fd = at->prog_fd);

	return rawbpf_sys_prog_detach(pa_target(at), at->attach_type, &o);
}

int rb_replace_prog(struct rawbpf_attachment *at, int new_prog_fd,
		    int old_prog_fd,
		    int (*set)(struct rawbpf_attachment *at, int new_prog_fd,
			       int expected_fd))
{
	int fd, err;

	if (at->detached)
		return -ENOENT;
	/* Dup first so that success is never followed by a failure. */
	fd = rb_dup_fd(new_prog_fd);
	if (fd < 0)
		return fd;
	err = set(at, new_prog_fd, old_prog_fd >= 0 ? old_prog_fd : at->prog_fd);
	if (err) {
		close(fd);
		return err;
	}
	close(at->prog_fd);
	at->prog_fd = fd;
	return 0;
}

static int pa_replace(struct rawbpf_attachment *at, int new_prog_fd,
		      int expected_fd)
{
	RAWBPF_OPTS(rawbpf_sys_prog_attach_opts, o, .flags = BPF_F_REPLACE,
		    .replace_prog_fd = expected_fd);

	return rawbpf_sys_prog_attach(new_prog_fd, pa_target(at), at->attach_type,
				  &o);
}

static int pa_update(struct rawbpf_attachment *at, int new_prog_fd,
		     int old_prog_fd)
{
	return rb_replace_prog(at, new_prog_fd, old_prog_fd, pa_replace);
}

static const struct rb_attach_ops pa_ops = {
	.detach = pa_detach,
	.update = pa_update,
};

int rb_expect_own(const struct rawbpf_attachment *at, int expected_fd)
{
	uint32_t want, have;
	int err;

	if (expected_fd == at->prog_fd)
		return 0;
	if ((err = rb_fd_prog_id(expected_fd, &want)) ||
	    (err = rb_fd_prog_id(at->prog_fd, &have)))
		return err;
	return want == have ? 0 : -EEXIST;
}

/* netns and sockmap refuse attach flags (-EINVAL) and swap their one
 * program in place: check the expected program against ours, then attach
 * over it. */
static int pa_swap(struct rawbpf_attachment *at, int new_prog_fd,
		   int expected_fd)
{
	int err = rb_expect_own(at, expected_fd);

	return err ? err : rawbpf_sys_prog_attach(new_prog_fd, pa_target(at),
					      at->attach_type, NULL);
}

static int pa_swap_update(struct rawbpf_attachment *at, int new_prog_fd,
			  int old_prog_fd)
{
	return rb_replace_prog(at, new_prog_fd, old_prog_fd, pa_swap);
}

static const struct rb_attach_ops pa_swap_ops = {
	.detach = pa_detach,
	.update = pa_swap_update,
};

int rb_link_attachment(int fd, const struct rawbpf_allocator *alloc,
		       struct rawbpf_attachment **out)
{
	if (fd < 0)
		return fd;
	return rb_attachment_from_link_fd(fd, alloc, out);
}

int rb_prog_attach_new(int prog_fd, int target_fd, int ifindex,
		       uint32_t attach_type,
		       const struct rawbpf_sys_prog_attach_opts *ao,
		       const struct rb_attach_ops *ops,
		       const struct rawbpf_allocator *alloc,
		       struct rawbpf_attachment **out)
{
	struct rawbpf_attachment *at;
	int err;

	/* Handle and dups first: once the kernel has swapped or added the
	 * program, nothing may fail (undoing a replace would lose the
	 * program it replaced). */
	at = rb_older_new(RAWBPF_ATTACH_KIND_PROG_ATTACH, ops ? ops : &pa_ops,
			  alloc, prog_fd, &err);
	if (!at)
		return err;
	at->ifindex = ifindex;
	at->attach_type = attach_type;
	at->flags = ao ? ao->flags : 0;
	if (target_fd >= 0) {
		at->target_fd = rb_dup_fd(target_fd);
		if (at->target_fd < 0)
			return rb_older_fail(at, at->target_fd);
	}
	err = rawbpf_sys_prog_attach(prog_fd, target_fd >= 0 ? target_fd : ifindex,
				 attach_type, ao);
	if (err)
		return rb_older_fail(at, err);
	*out = at;
	return 0;
}

int rb_fd_prog_id(int prog_fd, uint32_t *id)
{
	struct bpf_prog_info info;
	uint32_t len = sizeof(info);
	int err;

	memset(&info, 0, sizeof(info));
	err = rawbpf_sys_obj_get_info_by_fd(prog_fd, &info, &len);
	if (!err)
		*id = info.id;
	return err;
}

struct rawbpf_attachment *rb_older_new(enum rawbpf_attach_kind kind,
				       const struct rb_attach_ops *ops,
				       const struct rawbpf_allocator *alloc,
				       int prog_fd, int *err)
{
	struct rawbpf_attachment *at = rb_attachment_new(kind, ops, alloc);

	if (!at) {
		*err = -ENOMEM;
		return NULL;
	}
	at->prog_fd = rb_dup_fd(prog_fd);
	if (at->prog_fd < 0) {
		*err = rb_older_fail(at, at->prog_fd);
		return NULL;
	}
	return at;
}

int rb_older_fail(struct rawbpf_attachment *at, int err)
{
	at->owned = 0;		/* nothing in the kernel to undo */
	rawbpf_attachment_destroy(at);
	return err;
}

int rb_net_args(const struct rawbpf_attach_net_opts *opts, struct rawbpf_attach_net_opts *o)
{
	int err = rb_opts_copy(o, sizeof(*o), opts);

	return err ? err : rb_mode_valid(o->mode);
}

int rb_link_or_prog_attach(int prog_fd, int target_fd, uint32_t attach_type,
			   const struct rawbpf_attach_net_opts *o,
			   enum rb_legacy legacy,
			   struct rawbpf_attachment **out)
{
	RAWBPF_OPTS(rawbpf_sys_prog_attach_opts, ao, .flags = o->flags);
	int err;

	if (o->mode != RAWBPF_ATTACH_MODE_LEGACY) {
		RAWBPF_OPTS(rawbpf_sys_link_create_opts, lo, .flags = o->flags);

		err = rawbpf_sys_link_create(prog_fd, target_fd, attach_type, &lo);
		if (err >= 0 || !rb_link_fallback(o->mode, err) ||
		    legacy == RB_LEGACY_NONE)
			return rb_link_attachment(err, o->alloc, out);
	}
	if (legacy == RB_LEGACY_NONE)
		return -EOPNOTSUPP;
	/* The netns PROG_ATTACH wants target 0: it acts on current's netns. */
	if (legacy == RB_LEGACY_CURRENT_NETNS)
		target_fd = -1;
	return rb_prog_attach_new(prog_fd, target_fd, 0, attach_type, &ao,
				  &pa_swap_ops, o->alloc, out);
}
