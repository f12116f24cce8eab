/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * prog_attach.h - the BPF_PROG_ATTACH attachment kind (tcx, netkit, cgroup,
 * netns, sockmap), whose detach and update go through PROG_DETACH /
 * PROG_ATTACH with BPF_F_REPLACE, and the link-or-PROG_ATTACH path of the
 * network hooks. Code: prog_attach.c.
 */
#ifndef RB_ATTACH_PROG_ATTACH_H
#define RB_ATTACH_PROG_ATTACH_H

#include "attach/link_or_older.h"

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
