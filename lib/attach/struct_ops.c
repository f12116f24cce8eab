// SPDX-License-Identifier: BSD-2-Clause
/* struct_ops.c - registering a loaded struct_ops map with the kernel
 * (rawbpf_attach_struct_ops). A `.struct_ops` map registers when its
 * value is written (BPF_MAP_UPDATE_ELEM, 5.6): the registration then holds
 * the map, not any fd, and BPF_MAP_DELETE_ELEM ends it. A
 * `.struct_ops.link` map (BPF_F_LINK, 6.4) got its value at load and
 * registers through a struct_ops link, which ends when the link does and
 * whose update swaps in another such map. */
#include <errno.h>

#include "rawbpf/attach_auto.h"
#include "attach/attachment.h"
#include "object/object.h"
#include "sys/libc.h"

static int map_unregister(struct rawbpf_attachment *at)
{
	uint32_t key = 0;

	return rawbpf_sys_map_delete_elem(at->target_fd, &key);
}

static const struct rb_attach_ops map_ops = {
	.detach = map_unregister,
};

/* A link update names maps, not programs. */
static int slink_update(struct rawbpf_attachment *at, int new_map_fd,
			int old_map_fd)
{
	RAWBPF_OPTS(rawbpf_sys_link_update_opts, o, .is_map = true);

	if (old_map_fd >= 0) {
		o.flags = BPF_F_REPLACE;
		o.old_map_fd = old_map_fd;
	}
	return rawbpf_sys_link_update(at->fd, new_map_fd, &o);
}

static int slink_detach(struct rawbpf_attachment *at)
{
	return rawbpf_sys_link_detach(at->fd);
}

static const struct rb_attach_ops slink_ops = {
	.detach = slink_detach,
	.update = slink_update,
};

int rawbpf_attach_struct_ops(const struct rawbpf_map *map,
				 struct rawbpf_attachment **out)
{
	const struct rawbpf_allocator *a;
	struct rawbpf_attachment *at;
	uint32_t key = 0;
	int err;

	if (!map || !out || map->kind != RB_MAP_STRUCT_OPS)
		return -EINVAL;
	if (map->fd < 0 || !map->st_ops->kvalue)
		return -ENOENT;	/* not loaded */
	a = map->obj->alloc;
	if (map->st_ops->link) {
		int fd = rawbpf_sys_link_create(map->fd, 0, RAWBPF_STRUCT_OPS, NULL);

		if (fd < 0)
			return fd;
		err = rb_attachment_from_link_fd(fd, a, &at);
		if (err)
			return err;	/* it closed @fd */
		at->ops = &slink_ops;
		*out = at;
		return 0;
	}
	at = rb_attachment_new(RAWBPF_ATTACH_KIND_STRUCT_OPS_MAP, &map_ops, a);
	if (!at)
		return -ENOMEM;
	at->target_fd = rb_dup_fd(map->fd);
	err = at->target_fd < 0 ? at->target_fd :
	      rawbpf_sys_map_update_elem(map->fd, &key, map->st_ops->kvalue, BPF_ANY);
	if (err) {
		at->detached = 1;	/* nothing registered: nothing to undo */
		rawbpf_attachment_destroy(at);
		return err;
	}
	*out = at;
	return 0;
}
