// SPDX-License-Identifier: BSD-2-Clause
/* link_or_older.c - what every hook family's link-or-older choice needs:
 * the link handle, the handle of an older kind (made before the kernel is
 * asked) and its checked program swap. */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "rawbpf/sys.h"
#include "attach/link_or_older.h"
#include "sys/libc.h"

int rb_link_attachment(int fd, const struct rawbpf_allocator *alloc,
		       struct rawbpf_attachment **out)
{
	if (fd < 0)
		return fd;
	return rb_attachment_from_link_fd(fd, alloc, out);
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
		rb_sys_close(fd);
		return err;
	}
	rb_sys_close(at->prog_fd);
	at->prog_fd = fd;
	return 0;
}

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
