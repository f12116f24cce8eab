// SPDX-License-Identifier: BSD-2-Clause
/* attachment.c - the attachment handle: generic operations, bpf_link ops,
 * and opening existing links by id or pin. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "rawbpf/pin.h"
#include "rawbpf/sys.h"
#include "attach/attachment.h"
#include "core/mem.h"
#include "sys/libc.h"

int rb_dup_fd(int fd)
{
	return rb_sys_dupfd(fd, 3);
}

struct rawbpf_attachment *rb_attachment_new(enum rawbpf_attach_kind kind,
					    const struct rb_attach_ops *ops,
					    const struct rawbpf_allocator *alloc)
{
	struct rawbpf_attachment *at = rb_alloc(alloc, sizeof(*at));

	if (!at)
		return NULL;
	at->kind = kind;
	at->ops = ops;
	at->alloc = alloc;
	at->fd = -1;
	at->prog_fd = -1;
	at->target_fd = -1;
	at->owned = 1;
	return at;
}

static int link_detach(struct rawbpf_attachment *at)
{
	return rawbpf_sys_link_detach(at->fd);
}

static int link_update(struct rawbpf_attachment *at, int new_prog_fd,
		       int old_prog_fd)
{
	RAWBPF_OPTS(rawbpf_sys_link_update_opts, o);

	if (old_prog_fd >= 0) {
		o.flags = BPF_F_REPLACE;
		o.old_prog_fd = old_prog_fd;
	}
	return rawbpf_sys_link_update(at->fd, new_prog_fd, &o);
}

const struct rb_attach_ops rb_link_ops = {
	.detach = link_detach,
	.update = link_update,
};

int rb_attachment_from_link_fd(int link_fd, const struct rawbpf_allocator *alloc,
			       struct rawbpf_attachment **out)
{
	struct rawbpf_attachment *at;

	at = rb_attachment_new(RAWBPF_ATTACH_KIND_LINK, &rb_link_ops, alloc);
	if (!at) {
		rb_sys_close(link_fd);
		return -ENOMEM;
	}
	at->fd = link_fd;
	*out = at;
	return 0;
}

enum rawbpf_attach_kind
rawbpf_attachment_kind(const struct rawbpf_attachment *at)
{
	return at ? at->kind : (enum rawbpf_attach_kind)0;
}

int rawbpf_attachment_fd(const struct rawbpf_attachment *at)
{
	if (!at)
		return -EINVAL;
	return at->fd >= 0 ? at->fd : -EBADF;
}

int rawbpf_attachment_pin(struct rawbpf_attachment *at, const char *path)
{
	char *copy;
	int err;

	if (!at || !path)
		return -EINVAL;
	/* a group of links (USDT's per-site uprobes) has no one link to pin */
	if (at->kind != RAWBPF_ATTACH_KIND_LINK || at->fd < 0)
		return -EOPNOTSUPP;
	if (at->pin_path)
		return -EBUSY;
	copy = rb_strdup(at->alloc, path);
	if (!copy)
		return -ENOMEM;
	err = rawbpf_bpffs_pin(at->fd, path);	/* -ENOTSUP off bpffs */
	if (err) {
		rb_free(at->alloc, copy);
		return err;
	}
	at->pin_path = copy;
	return 0;
}

int rawbpf_attachment_unpin(struct rawbpf_attachment *at)
{
	int err;

	if (!at)
		return -EINVAL;
	if (!at->pin_path)
		return -ENOENT;
	err = rawbpf_bpffs_unpin(at->pin_path);
	if (err)
		return err;
	rb_free(at->alloc, at->pin_path);
	at->pin_path = NULL;
	return 0;
}

int rawbpf_attachment_update(struct rawbpf_attachment *at, int new_prog_fd,
			     int old_prog_fd)
{
	if (!at)
		return -EINVAL;
	if (!at->ops || !at->ops->update)
		return -EOPNOTSUPP;
	return at->ops->update(at, new_prog_fd, old_prog_fd);
}

int rawbpf_attachment_detach(struct rawbpf_attachment *at)
{
	int err;

	if (!at)
		return -EINVAL;
	if (at->detached)
		return -ENOENT;
	if (!at->ops || !at->ops->detach)
		return -EOPNOTSUPP;
	err = at->ops->detach(at);
	if (!err)
		at->detached = 1;
	return err;
}

int rawbpf_attachment_info(const struct rawbpf_attachment *at,
			   struct rawbpf_link_info *info)
{
	uint32_t len = sizeof(*info);

	if (!at)
		return -EINVAL;
	if (at->kind != RAWBPF_ATTACH_KIND_LINK)
		return -EOPNOTSUPP;
	if (!info)
		return -EINVAL;
	return rawbpf_sys_obj_get_info_by_fd(at->fd, info, &len);
}

void rawbpf_attachment_disown(struct rawbpf_attachment *at)
{
	if (at)
		at->owned = 0;
}

void rawbpf_attachment_destroy(struct rawbpf_attachment *at)
{
	if (!at)
		return;
	/* Older kinds live in the kernel by themselves: detach them unless
	 * the caller chose to leave them. Links and perf events end when
	 * their fd closes (and no pin remains). */
	if (at->owned && !at->detached && at->kind != RAWBPF_ATTACH_KIND_LINK &&
	    at->kind != RAWBPF_ATTACH_KIND_PERF_EVENT && at->ops && at->ops->detach)
		at->ops->detach(at);
	if (at->ops && at->ops->release)
		at->ops->release(at);
	if (at->fd >= 0)
		rb_sys_close(at->fd);
	if (at->prog_fd >= 0)
		rb_sys_close(at->prog_fd);
	if (at->target_fd >= 0)
		rb_sys_close(at->target_fd);
	if (at->pin_path)
		rb_free(at->alloc, at->pin_path);
	if (at->event_name)
		rb_free(at->alloc, at->event_name);
	rb_free(at->alloc, at);
}

int rawbpf_link_open_id(uint32_t id, struct rawbpf_attachment **out,
			const struct rawbpf_allocator *alloc)
{
	int fd = rawbpf_sys_link_get_fd_by_id(id, 0);

	if (fd < 0)
		return fd;
	return rb_attachment_from_link_fd(fd, alloc, out);
}

int rawbpf_link_open_pinned(const char *path, struct rawbpf_attachment **out,
			    const struct rawbpf_allocator *alloc)
{
	int fd = rawbpf_sys_obj_get(path, NULL);

	if (fd < 0)
		return fd;
	return rb_attachment_from_link_fd(fd, alloc, out);
}
