// SPDX-License-Identifier: BSD-2-Clause
/* map.c - BPF_MAP_* commands: create, element access, freeze, batches. */
#include <errno.h>
#include <string.h>

#include "rawbpf/sys.h"
#include "core/mem.h"
#include "sys/abi.h"
#include "sys/raw.h"

/* Copy a name into a kernel name field: at most 15 bytes plus NUL. */
void rb_copy_obj_name(char dst[RB_OBJ_NAME_LEN], const char *name)
{
	size_t n;

	if (!name)
		return;
	n = strlen(name);
	if (n >= RB_OBJ_NAME_LEN)
		n = RB_OBJ_NAME_LEN - 1;
	memcpy(dst, name, n);
}

int rawbpf_sys_map_create(uint32_t map_type, const char *name, uint32_t key_size,
		      uint32_t value_size, uint32_t max_entries,
		      const struct rawbpf_sys_map_create_opts *uopts)
{
	struct rawbpf_sys_map_create_opts o;
	struct rb_attr_map_create a;
	unsigned int size = offsetofend(struct rb_attr_map_create,
					btf_vmlinux_value_type_id);
	int err = rb_opts_copy(&o, sizeof(o), uopts);

	if (err)
		return err;
	memset(&a, 0, sizeof(a));
	a.map_type = map_type;
	a.key_size = key_size;
	a.value_size = value_size;
	a.max_entries = max_entries;
	a.map_flags = o.map_flags;
	a.inner_map_fd = o.inner_map_fd;
	a.numa_node = o.numa_node;
	rb_copy_obj_name(a.map_name, name);
	a.map_ifindex = o.map_ifindex;
	a.btf_fd = o.btf_fd;
	a.btf_key_type_id = o.btf_key_type_id;
	a.btf_value_type_id = o.btf_value_type_id;
	a.btf_vmlinux_value_type_id = o.btf_vmlinux_value_type_id;
	/* Newer parts only when asked; zero fields before them are fine
	 * for any kernel. */
	a.map_extra = o.map_extra;
	if (o.map_extra)
		size = offsetofend(struct rb_attr_map_create, map_extra);
	if (o.value_type_btf_obj_fd) {
		a.map_flags |= RAWBPF_F_VTYPE_BTF_OBJ_FD;
		a.value_type_btf_obj_fd = o.value_type_btf_obj_fd;
	}
	if (o.token_fd) {
		a.map_flags |= RAWBPF_F_TOKEN_FD;
		a.map_token_fd = o.token_fd;
	}
	if (o.value_type_btf_obj_fd || o.token_fd)
		size = offsetofend(struct rb_attr_map_create, map_token_fd);
	if (o.excl_prog_hash) {
		a.excl_prog_hash = ptr_to_u64(o.excl_prog_hash);
		a.excl_prog_hash_size = o.excl_prog_hash_size;
		size = offsetofend(struct rb_attr_map_create, excl_prog_hash_size);
	}
	return rb_sys_bpf_fd(RB_MAP_CREATE, &a, size);
}

#define ME(member) offsetofend(struct rb_attr_map_elem, member)

/* All element commands share one attr; @size ends at the last field the
 * command takes. */
static int map_elem(int cmd, int fd, const void *key, const void *value,
		    uint64_t flags, unsigned int size)
{
	struct rb_attr_map_elem a;

	memset(&a, 0, sizeof(a));
	a.map_fd = (uint32_t)fd;
	a.key = ptr_to_u64(key);
	a.value = ptr_to_u64(value);
	a.flags = flags;
	return (int)rb_sys_bpf(cmd, &a, size);
}

int rawbpf_sys_map_lookup_elem(int fd, const void *key, void *value)
{
	return map_elem(RB_MAP_LOOKUP_ELEM, fd, key, value, 0, ME(flags));
}

int rawbpf_sys_map_lookup_elem_flags(int fd, const void *key, void *value,
				 uint64_t flags)
{
	return map_elem(RB_MAP_LOOKUP_ELEM, fd, key, value, flags, ME(flags));
}

int rawbpf_sys_map_update_elem(int fd, const void *key, const void *value,
			   uint64_t flags)
{
	return map_elem(RB_MAP_UPDATE_ELEM, fd, key, value, flags, ME(flags));
}

int rawbpf_sys_map_delete_elem(int fd, const void *key)
{
	return map_elem(RB_MAP_DELETE_ELEM, fd, key, NULL, 0, ME(key));
}

int rawbpf_sys_map_delete_elem_flags(int fd, const void *key, uint64_t flags)
{
	/* Mainline kernels take no flags for delete (up to key only). */
	return map_elem(RB_MAP_DELETE_ELEM, fd, key, NULL, flags,
			flags ? ME(flags) : ME(key));
}

int rawbpf_sys_map_get_next_key(int fd, const void *key, void *next_key)
{
	return map_elem(RB_MAP_GET_NEXT_KEY, fd, key, next_key, 0, ME(next_key));
}

int rawbpf_sys_map_lookup_and_delete_elem(int fd, const void *key, void *value,
				      uint64_t flags)
{
	return map_elem(RB_MAP_LOOKUP_AND_DELETE_ELEM, fd, key, value, flags,
			ME(flags));
}

int rawbpf_sys_map_freeze(int fd)
{
	return map_elem(RB_MAP_FREEZE, fd, NULL, NULL, 0, ME(map_fd));
}

static int map_batch(int cmd, int fd, void *in_batch, void *out_batch,
		     const void *keys, const void *values, uint32_t *count,
		     const struct rawbpf_sys_map_batch_opts *uopts)
{
	struct rawbpf_sys_map_batch_opts o;
	struct rb_attr_map_batch a;
	long ret;
	int err;

	if (!count)
		return -EINVAL;
	err = rb_opts_copy(&o, sizeof(o), uopts);
	if (err)
		return err;
	memset(&a, 0, sizeof(a));
	a.in_batch = ptr_to_u64(in_batch);
	a.out_batch = ptr_to_u64(out_batch);
	a.keys = ptr_to_u64(keys);
	a.values = ptr_to_u64(values);
	a.count = *count;
	a.map_fd = (uint32_t)fd;
	a.elem_flags = o.elem_flags;
	a.flags = o.flags;
	ret = rb_sys_bpf(cmd, &a, offsetofend(struct rb_attr_map_batch, flags));
	/* The kernel reports how many entries it handled, also on error. */
	*count = a.count;
	return (int)ret;
}

int rawbpf_sys_map_lookup_batch(int fd, void *in_batch, void *out_batch,
			    void *keys, void *values, uint32_t *count,
			    const struct rawbpf_sys_map_batch_opts *opts)
{
	return map_batch(RB_MAP_LOOKUP_BATCH, fd, in_batch, out_batch, keys,
			 values, count, opts);
}

int rawbpf_sys_map_lookup_and_delete_batch(int fd, void *in_batch,
				       void *out_batch, void *keys,
				       void *values, uint32_t *count,
				       const struct rawbpf_sys_map_batch_opts *opts)
{
	return map_batch(RB_MAP_LOOKUP_AND_DELETE_BATCH, fd, in_batch,
			 out_batch, keys, values, count, opts);
}

int rawbpf_sys_map_update_batch(int fd, const void *keys, const void *values,
			    uint32_t *count,
			    const struct rawbpf_sys_map_batch_opts *opts)
{
	return map_batch(RB_MAP_UPDATE_BATCH, fd, NULL, NULL, keys, values,
			 count, opts);
}

int rawbpf_sys_map_delete_batch(int fd, const void *keys, uint32_t *count,
			    const struct rawbpf_sys_map_batch_opts *opts)
{
	return map_batch(RB_MAP_DELETE_BATCH, fd, NULL, NULL, keys, NULL,
			 count, opts);
}
