// SPDX-License-Identifier: BSD-2-Clause
/* obj.c - objects by id and by path: *_GET_NEXT_ID, *_GET_FD_BY_ID,
 * OBJ_GET_INFO_BY_FD, OBJ_PIN and OBJ_GET. */
#include <errno.h>
#include <string.h>

#include "rawbpf/sys.h"
#include "core/mem.h"
#include "sys/abi.h"
#include "sys/raw.h"

static int get_next_id(int cmd, uint32_t start_id, uint32_t *next_id)
{
	struct rb_attr_get_id a;
	long ret;

	if (!next_id)
		return -EINVAL;
	memset(&a, 0, sizeof(a));
	a.start_id = start_id;
	ret = rb_sys_bpf(cmd, &a, offsetofend(struct rb_attr_get_id, next_id));
	if (!ret)
		*next_id = a.next_id;
	return (int)ret;
}

int rawbpf_sys_prog_get_next_id(uint32_t start_id, uint32_t *next_id)
{
	return get_next_id(RB_PROG_GET_NEXT_ID, start_id, next_id);
}

int rawbpf_sys_map_get_next_id(uint32_t start_id, uint32_t *next_id)
{
	return get_next_id(RB_MAP_GET_NEXT_ID, start_id, next_id);
}

int rawbpf_sys_btf_get_next_id(uint32_t start_id, uint32_t *next_id)
{
	return get_next_id(RB_BTF_GET_NEXT_ID, start_id, next_id);
}

int rawbpf_sys_link_get_next_id(uint32_t start_id, uint32_t *next_id)
{
	return get_next_id(RB_LINK_GET_NEXT_ID, start_id, next_id);
}

static int get_fd_by_id(int cmd, uint32_t id, uint32_t open_flags)
{
	struct rb_attr_get_id a;

	memset(&a, 0, sizeof(a));
	a.start_id = id;
	a.open_flags = open_flags;
	return rb_sys_bpf_fd(cmd, &a,
			     offsetofend(struct rb_attr_get_id, open_flags));
}

int rawbpf_sys_prog_get_fd_by_id(uint32_t id)
{
	return get_fd_by_id(RB_PROG_GET_FD_BY_ID, id, 0);
}

int rawbpf_sys_map_get_fd_by_id(uint32_t id, uint32_t open_flags)
{
	return get_fd_by_id(RB_MAP_GET_FD_BY_ID, id, open_flags);
}

int rawbpf_sys_btf_get_fd_by_id(uint32_t id)
{
	return get_fd_by_id(RB_BTF_GET_FD_BY_ID, id, 0);
}

int rawbpf_sys_btf_get_fd_by_id_opts(uint32_t id,
				     const struct rawbpf_sys_get_fd_by_id_opts *uopts)
{
	struct rawbpf_sys_get_fd_by_id_opts o;
	struct rb_attr_get_id a;
	int err = rb_opts_copy(&o, sizeof(o), uopts);

	if (err)
		return err;
	if (!o.token_fd)
		return get_fd_by_id(RB_BTF_GET_FD_BY_ID, id, o.open_flags);
	if (o.token_fd < 0)
		return -EBADF;
	memset(&a, 0, sizeof(a));
	a.btf_id = id;
	a.open_flags = o.open_flags | RAWBPF_F_TOKEN_FD;
	a.fd_by_id_token_fd = o.token_fd;
	return rb_sys_bpf_fd(RB_BTF_GET_FD_BY_ID, &a,
			     offsetofend(struct rb_attr_get_id, fd_by_id_token_fd));
}

int rawbpf_sys_link_get_fd_by_id(uint32_t id, uint32_t open_flags)
{
	return get_fd_by_id(RB_LINK_GET_FD_BY_ID, id, open_flags);
}

int rawbpf_sys_obj_get_info_by_fd(int fd, void *info, uint32_t *info_len)
{
	struct rb_attr_info a;
	long ret;

	if (!info || !info_len)
		return -EINVAL;
	memset(&a, 0, sizeof(a));
	a.bpf_fd = (uint32_t)fd;
	a.info_len = *info_len;
	a.info = ptr_to_u64(info);
	ret = rb_sys_bpf(RB_OBJ_GET_INFO_BY_FD, &a,
			 offsetofend(struct rb_attr_info, info));
	if (!ret)
		*info_len = a.info_len;
	return (int)ret;
}

static int obj_cmd(int cmd, int fd, const char *path,
		   const struct rawbpf_sys_obj_opts *uopts)
{
	struct rawbpf_sys_obj_opts o;
	struct rb_attr_obj a;
	unsigned int size = offsetofend(struct rb_attr_obj, file_flags);
	int err = rb_opts_copy(&o, sizeof(o), uopts);

	if (err)
		return err;
	if (!path)
		return -EINVAL;
	memset(&a, 0, sizeof(a));
	a.pathname = ptr_to_u64(path);
	a.bpf_fd = cmd == RB_OBJ_PIN ? (uint32_t)fd : 0;
	a.file_flags = o.file_flags;
	if (o.use_path_fd) {
		a.file_flags |= RAWBPF_F_PATH_FD;
		a.path_fd = o.path_fd;
		size = offsetofend(struct rb_attr_obj, path_fd);
	}
	if (cmd == RB_OBJ_PIN)
		return (int)rb_sys_bpf(cmd, &a, size);
	return rb_sys_bpf_fd(cmd, &a, size);
}

int rawbpf_sys_obj_pin(int fd, const char *path,
		       const struct rawbpf_sys_obj_opts *opts)
{
	return obj_cmd(RB_OBJ_PIN, fd, path, opts);
}

int rawbpf_sys_obj_get(const char *path,
		       const struct rawbpf_sys_obj_opts *opts)
{
	return obj_cmd(RB_OBJ_GET, -1, path, opts);
}
