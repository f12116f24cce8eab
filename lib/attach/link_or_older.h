/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * link_or_older.h - the attach policy every hook family follows: try the
 * bpf_link, fall back to the older mechanism (AUTO on -EINVAL/-EOPNOTSUPP),
 * and the handle helpers of the older kinds (made before the kernel is
 * asked, updated by a checked swap). Code: link_or_older.c.
 */
#ifndef RB_ATTACH_LINK_OR_OLDER_H
#define RB_ATTACH_LINK_OR_OLDER_H

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

#endif
