// SPDX-License-Identifier: BSD-2-Clause
/* map_ops.c - size-checked element access on an object's map: the caller
 * says how big its key and value buffers are, and a mismatch with the
 * map's definition is -EINVAL before any kernel call (a per-CPU lookup
 * into a one-CPU buffer would otherwise overrun it). */
#include <errno.h>

#include "rawbpf/sys.h"
#include "object/object.h"
#include "sys/cpus.h"

int rawbpf_kernel_possible_cpus(void)
{
	return rb_possible_cpus();
}

static bool is_percpu(uint32_t type)
{
	return type == BPF_MAP_TYPE_PERCPU_HASH ||
	       type == BPF_MAP_TYPE_PERCPU_ARRAY ||
	       type == BPF_MAP_TYPE_LRU_PERCPU_HASH ||
	       type == BPF_MAP_TYPE_PERCPU_CGROUP_STORAGE;
}

uint32_t rawbpf_map_value_stride(const struct rawbpf_map *m)
{
	if (!m)
		return 0;
	if (is_percpu(m->def.type))
		return (m->def.value_size + 7) & ~7u;
	return m->def.value_size;
}

/* A key buffer of the map's key size (NULL only for maps without keys,
 * or where @may_null allows: the first get_next_key). */
static int check_key(const struct rawbpf_map *m, const void *key,
		     size_t key_sz, bool may_null)
{
	if (!m)
		return -EINVAL;
	if (!key && (may_null || !m->def.key_size) && !key_sz)
		return 0;
	if (!key || key_sz != m->def.key_size)
		return -EINVAL;
	return 0;
}

/* The value buffer: value_size, or the per-CPU stride times the
 * possible CPUs. */
static int check_value(const struct rawbpf_map *m, const void *value,
		       size_t value_sz)
{
	size_t want = rawbpf_map_value_stride(m);
	int cpus;

	if (is_percpu(m->def.type)) {
		cpus = rb_possible_cpus();
		if (cpus < 0)
			return cpus;
		want *= (size_t)cpus;
	}
	return value && value_sz == want ? 0 : -EINVAL;
}

/* After the size checks: the map must exist in the kernel. */
static int created(const struct rawbpf_map *m)
{
	return m->fd < 0 ? -EBADF : 0;
}

/* Key and value buffers of the right sizes, on a created map. */
static int check_elem(const struct rawbpf_map *m, const void *key,
		      size_t key_sz, const void *value, size_t value_sz)
{
	int err = check_key(m, key, key_sz, false);

	if (!err)
		err = check_value(m, value, value_sz);
	return err ? err : created(m);
}

int rawbpf_map_lookup_elem(const struct rawbpf_map *m, const void *key,
			   size_t key_sz, void *value, size_t value_sz,
			   uint64_t flags)
{
	int err = check_elem(m, key, key_sz, value, value_sz);

	return err ? err : rawbpf_sys_map_lookup_elem_flags(m->fd, key, value,
							    flags);
}

int rawbpf_map_update_elem(const struct rawbpf_map *m, const void *key,
			   size_t key_sz, const void *value, size_t value_sz,
			   uint64_t flags)
{
	int err = check_elem(m, key, key_sz, value, value_sz);

	return err ? err : rawbpf_sys_map_update_elem(m->fd, key, value, flags);
}

int rawbpf_map_delete_elem(const struct rawbpf_map *m, const void *key,
			   size_t key_sz, uint64_t flags)
{
	int err = check_key(m, key, key_sz, false);

	if (!err)
		err = created(m);
	if (err)
		return err;
	return rawbpf_sys_map_delete_elem_flags(m->fd, key, flags);
}

int rawbpf_map_get_next_key(const struct rawbpf_map *m, const void *cur_key,
			    void *next_key, size_t key_sz)
{
	int err = check_key(m, cur_key, cur_key ? key_sz : 0, true);

	if (!err)
		err = check_key(m, next_key, key_sz, false);
	if (!err)
		err = created(m);
	if (err)
		return err;
	return rawbpf_sys_map_get_next_key(m->fd, cur_key, next_key);
}
