/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * netcommon.h - what the network hook families share: the link-or-legacy
 * decision and the BPF_PROG_ATTACH attachment kind (tcx, netkit, netns,
 * sockmap), whose detach and update go through PROG_DETACH / PROG_ATTACH
 * with BPF_F_REPLACE.
 */
#ifndef RB_ATTACH_NETCOMMON_H
#define RB_ATTACH_NETCOMMON_H

#include <errno.h>

#include "attach/attachment.h"

/* rb_link_fallback - after LINK_CREATE failed with @err: use the older path? */
static inline int rb_link_fallback(enum rawbpf_attach_mode mode, int err)
{
	return mode == RAWBPF_ATTACH_MODE_AUTO && (err == -EINVAL || err == -EOPNOTSUPP);
}

/* rb_mode_valid - 0 for a known mode, else -EINVAL. */
static inline int rb_mode_valid(enum rawbpf_attach_mode mode)
{
	return mode == RAWBPF_ATTACH_MODE_AUTO || mode == RAWBPF_ATTACH_MODE_LINK ||
	       mode == RAWBPF_ATTACH_MODE_LEGACY ? 0 : -EINVAL;
}

/* rb_link_attachment - LINK_CREATE result @fd wrapped in a handle; passes
 * a negative @fd through. */
int rb_link_attachment(int fd, const struct rawbpf_allocator *alloc,
		       struct rawbpf_attachment **out);

struct rawbpf_sys_prog_attach_opts;

/*
 * rb_prog_attach_new - BPF_PROG_ATTACH @prog_fd with @ao to @target_fd
 * (>= 0; the handle keeps a dup) or else to @ifindex (0: the caller's
 * netns), as a PROG_ATTACH kind handle with @ops (NULL: the generic ones).
 * The handle is made before the kernel is asked, so a failure leaves the
 * hook as it was. 0 and *@out, or -errno.
 */
int rb_prog_attach_new(int prog_fd, int target_fd, int ifindex,
		       uint32_t attach_type,
		       const struct rawbpf_sys_prog_attach_opts *ao,
		       const struct rb_attach_ops *ops,
		       const struct rawbpf_allocator *alloc,
		       struct rawbpf_attachment **out);

/*
 * rb_replace_prog - the update of the older kinds: @set swaps the kernel's
 * program for @new_prog_fd only if @expected_fd (@old_prog_fd, or the one
 * this handle attached) is there; then the handle keeps a dup of the new
 * program. -ENOENT once detached.
 */
int rb_replace_prog(struct rawbpf_attachment *at, int new_prog_fd,
		    int old_prog_fd,
		    int (*set)(struct rawbpf_attachment *at, int new_prog_fd,
			       int expected_fd));

/* rb_expect_own - 0 when @expected_fd is the program @at attached (same
 * fd or same id), -EEXIST when another, -errno if an id is unknown: the
 * check of the older kinds whose kernel swap cannot compare. */
int rb_expect_own(const struct rawbpf_attachment *at, int expected_fd);

/* rb_fd_prog_id - the id of program @prog_fd into *@id; 0 or -errno. */
int rb_fd_prog_id(int prog_fd, uint32_t *id);

/*
 * rb_older_new - a handle of an older @kind holding a dup of @prog_fd;
 * NULL with *@err set on failure. Undo with rb_older_fail().
 */
struct rawbpf_attachment *rb_older_new(enum rawbpf_attach_kind kind,
				       const struct rb_attach_ops *ops,
				       const struct rawbpf_allocator *alloc,
				       int prog_fd, int *err);
/* rb_older_fail - free a handle whose attachment was not made; @err. */
int rb_older_fail(struct rawbpf_attachment *at, int err);

struct rawbpf_attach_net_opts;

/* rb_net_args - copy the caller's net options into @o and check the
 * mode; 0 or -errno. */
int rb_net_args(const struct rawbpf_attach_net_opts *opts, struct rawbpf_attach_net_opts *o);

/* What the older path of a hook attaches to. */
enum rb_legacy {
	RB_LEGACY_NONE,		/* there is none: -EOPNOTSUPP */
	RB_LEGACY_TARGET,	/* PROG_ATTACH to the link's target fd */
	RB_LEGACY_CURRENT_NETNS,	/* PROG_ATTACH with target 0 */
};

/*
 * rb_link_or_prog_attach - the policy for hooks whose older path is
 * BPF_PROG_ATTACH (netns, sockmap): LINK_CREATE to @target_fd, then (AUTO
 * on -EINVAL/-EOPNOTSUPP, or LEGACY) the @legacy path. @opts is the
 * copied options.
 */
int rb_link_or_prog_attach(int prog_fd, int target_fd, uint32_t attach_type,
			   const struct rawbpf_attach_net_opts *opts,
			   enum rb_legacy legacy,
			   struct rawbpf_attachment **out);

#endif
