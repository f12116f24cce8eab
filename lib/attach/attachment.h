/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * attachment.h - the internals of struct rawbpf_attachment. Each hook family
 * (lib/attach/<family>.c) creates attachments with rb_attachment_new() and
 * supplies the ops of its older mechanism; links share the generic ops.
 */
#ifndef RB_ATTACH_ATTACHMENT_H
#define RB_ATTACH_ATTACHMENT_H

#include "rawbpf/attach.h"

struct rb_attach_ops {
	/* stop the hook; the handle stays valid */
	int (*detach)(struct rawbpf_attachment *at);
	/* swap the program; NULL means -EOPNOTSUPP */
	int (*update)(struct rawbpf_attachment *at, int new_prog_fd,
		      int old_prog_fd);
	/* release kind-specific resources (after detach if owned) */
	void (*release)(struct rawbpf_attachment *at);
};

struct rawbpf_attachment {
	enum rawbpf_attach_kind kind;
	const struct rb_attach_ops *ops;
	const struct rawbpf_allocator *alloc;
	int fd;			/* link or perf event fd, else -1 */
	int prog_fd;		/* dup of the program (older kinds), else -1 */
	int target_fd;		/* dup of cgroup/netns/socket/map fd, else -1 */
	int ifindex;
	uint32_t attach_type;
	uint32_t flags;		/* attach flags used */
	uint32_t handle;	/* tc: filter handle */
	uint32_t priority;	/* tc: filter priority */
	uint32_t parent;	/* tc: parent (ingress/egress) */
	char *pin_path;
	char *event_name;	/* tracefs probe event to remove, if any */
	unsigned owned : 1;	/* detach on destroy */
	unsigned detached : 1;
	void *priv;		/* family state, freed by ops->release */
};

/* rb_attachment_new - allocate a handle of @kind; fds start at -1. */
struct rawbpf_attachment *rb_attachment_new(enum rawbpf_attach_kind kind,
					    const struct rb_attach_ops *ops,
					    const struct rawbpf_allocator *alloc);
/* rb_attachment_from_link_fd - wrap a bpf_link fd (takes ownership). */
int rb_attachment_from_link_fd(int link_fd, const struct rawbpf_allocator *alloc,
			       struct rawbpf_attachment **out);
/* rb_dup_fd - F_DUPFD_CLOEXEC above 2, or -errno. */
int rb_dup_fd(int fd);

extern const struct rb_attach_ops rb_link_ops;

#endif
