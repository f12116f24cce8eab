// SPDX-License-Identifier: BSD-2-Clause
/* map_settings.c - what a caller may change on an object's maps before
 * load besides sizes: an existing map to use instead (reuse fd), a pin
 * path of its own, and the inner map of a map-in-map. */
#include <errno.h>
#include <string.h>
#include <linux/bpf.h>

#include "object/object.h"
#include "sys/libc.h"

/* Replace *@slot by a close-on-exec dup of @fd above stdio. */
static int keep_dup(int *slot, int fd)
{
	int dup = rb_sys_dupfd(fd, 3);

	if (dup < 0)
		return dup;
	rb_sys_close(*slot);
	*slot = dup;
	return 0;
}

int rawbpf_map_set_reuse_fd(struct rawbpf_map *m, int fd)
{
	int err;

	if (!m || fd < 0 || m->is_inner)
		return -EINVAL;
	if (m->obj->loaded)
		return -EBUSY;
	err = rb_obj_check_compat(m, fd, "map fd to reuse", "");
	if (err)
		return err == -EBADFD ? err : -EINVAL;
	return keep_dup(&m->reuse_fd, fd);
}

int rawbpf_map_set_pin_path(struct rawbpf_map *m, const char *path)
{
	char *copy = NULL;

	if (!m || m->is_inner)
		return -EINVAL;
	if (m->obj->loaded)
		return -EBUSY;
	if (path) {
		if (!*path)
			return -EINVAL;
		if (strlen(path) >= 4096)
			return -ENAMETOOLONG;
		copy = rb_strdup(m->obj->alloc, path);
		if (!copy)
			return -ENOMEM;
	}
	rb_free(m->obj->alloc, m->user_pin);
	m->user_pin = copy;
	return 0;
}

int rawbpf_map_set_inner_map_fd(struct rawbpf_map *m, int fd)
{
	if (!m || fd < 0 || (m->def.type != BPF_MAP_TYPE_ARRAY_OF_MAPS &&
			     m->def.type != BPF_MAP_TYPE_HASH_OF_MAPS))
		return -EINVAL;
	if (m->obj->loaded)
		return -EBUSY;
	return keep_dup(&m->inner_fd, fd);
}
