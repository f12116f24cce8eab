// SPDX-License-Identifier: BSD-2-Clause
/* map_create.c - create an object's maps (or reuse compatible pins),
 * give global data its initial value (freezing .rodata) and mmap it,
 * fill prog_array / map-in-map slots and struct_ops values, and undo all
 * of it on failure. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "rawbpf/pin.h"
#include "object/object.h"
#include "object/maps_iproute2.h"
#include "sys/cpus.h"
#include "sys/libc.h"
#include "core/errname.h"

/* The kernel-visible name: "<obj prefix><section>" for data, else the
 * map's own; only [A-Za-z0-9_.] survive. */
static void kernel_name(const struct rawbpf_map *m, char out[16])
{
	char tmp[64];
	size_t i;

	if (m->kind == RB_MAP_DATA)
		snprintf(tmp, sizeof(tmp), "%.8s%s", m->obj->name, m->name);
	else
		snprintf(tmp, sizeof(tmp), "%s", m->name);
	for (i = 0; i < 15 && tmp[i]; i++) {
		char c = tmp[i];

		out[i] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			 (c >= '0' && c <= '9') || c == '.' ? c : '_';
	}
	out[i] = '\0';
}

int rb_obj_check_compat(struct rawbpf_map *m, int fd, const char *what,
			const char *path)
{
	struct bpf_map_info info;
	uint32_t len = sizeof(info);
	int err;

	memset(&info, 0, sizeof(info));
	err = rawbpf_sys_obj_get_info_by_fd(fd, &info, &len);
	if (err)
		return rb_obj_err(m->obj, err,
				  "map %s: cannot read the %s%s", m->name, what,
				  path);
#define CMP(field, label)                                                  \
	if (info.field != m->def.field)                                    \
		return rb_obj_err(m->obj, -EINVAL,                         \
				  "map %s: %s%s is incompatible: " \
				  label " %u there, %u here", m->name, what,  \
				  path,                                        \
				  info.field, m->def.field)
	CMP(type, "type");
	CMP(key_size, "key size");
	CMP(value_size, "value size");
	CMP(max_entries, "max_entries");
	CMP(map_flags, "map_flags");
	if (info.map_extra != m->def.map_extra)
		return rb_obj_err(m->obj, -EINVAL,
				  "map %s: %s%s is incompatible: map_extra differs",
				  m->name, what, path);
#undef CMP
	return 0;
}

/* The pin path of @m by its pinning kind (RB_PIN_*) into @buf; with @dir,
 * first make its directory (iproute2's tc/globals or tc/<object name>). */
static int pin_path(struct rawbpf_map *m, char *buf, size_t size, bool dir)
{
	const char *root = m->obj->pin_root ? m->obj->pin_root : RAWBPF_BPFFS_DEFAULT;

	if (m->user_pin) {	/* length checked when set */
		snprintf(buf, size, "%s", m->user_pin);
		return 0;
	}
	if (m->def.pinning != RB_PIN_BY_NAME)
		return rb_obj_tc_pin_path(m, root, buf, size, dir);
	if ((size_t)snprintf(buf, size, "%s/%s", root, m->name) >= size)
		return rb_obj_err(m->obj, -ENAMETOOLONG,
				  "map %s: pin path under %s too long", m->name,
				  root);
	return 0;
}

static int create_one(struct rawbpf_object *obj, struct rawbpf_map *m)
{
	RAWBPF_OPTS(rawbpf_sys_map_create_opts, o);
	char name[16];
	int fd;

	if (m->def.type == BPF_MAP_TYPE_PERF_EVENT_ARRAY && !m->def.max_entries) {
		int n = rb_possible_cpus();

		if (n < 0)
			return rb_obj_err(obj, n, "map %s: cannot count possible CPUs",
					  m->name);
		m->def.max_entries = (uint32_t)n;
	}
	if (m->def.type == BPF_MAP_TYPE_RINGBUF) {
		uint32_t sz = m->def.max_entries;
		long page = sysconf(_SC_PAGESIZE);

		if (!sz || (sz & (sz - 1)) || sz % (uint32_t)page)
			return rb_obj_err(obj, -EINVAL,
					  "map %s: ring buffer size %u is not a power of two multiple of the page size (%ld)",
					  m->name, sz, page);
	}
	o.map_flags = m->def.map_flags;
	o.token_fd = obj->token;
	o.numa_node = m->def.numa_node;
	o.map_extra = m->def.map_extra;
	if (m->inner_fd >= 0)
		o.inner_map_fd = (uint32_t)m->inner_fd;
	else if (m->inner >= 0)
		o.inner_map_fd = (uint32_t)obj->maps[m->inner].fd;
	if (m->st_ops) {	/* the kernel's wrapper type is the value */
		if (obj->btf_fd < 0)
			return rb_obj_err(obj, -EINVAL,
					  "struct_ops %s: needs the object's BTF loaded in the kernel",
					  m->name);
		o.btf_fd = (uint32_t)obj->btf_fd;
		o.btf_vmlinux_value_type_id = m->st_ops->kern_vtype_id;
		o.value_type_btf_obj_fd = m->st_ops->mod_fd;
	} else if (obj->btf_fd >= 0 && m->def.btf_value_type_id) {
		o.btf_fd = (uint32_t)obj->btf_fd;
		o.btf_key_type_id = m->def.btf_key_type_id;
		o.btf_value_type_id = m->def.btf_value_type_id;
	}
	kernel_name(m, name);
	fd = rawbpf_sys_map_create(m->def.type, name, m->def.key_size,
			       m->def.value_size, m->def.max_entries, &o);
	if (fd == -EINVAL && (o.map_flags & BPF_F_MMAPABLE) &&
	    m->kind == RB_MAP_DATA) {
		/* before 5.5: global data without mmap */
		o.map_flags &= ~BPF_F_MMAPABLE;
		fd = rawbpf_sys_map_create(m->def.type, name, m->def.key_size,
				       m->def.value_size, m->def.max_entries, &o);
		if (fd >= 0)
			m->def.map_flags = o.map_flags;
	}
	if (fd < 0 && o.btf_fd && !m->st_ops) {
		rb_obj_log(obj, RAWBPF_LOG_INFO,
			   "map %s: kernel refused its BTF types (%d), retrying without",
			   m->name, fd);
		o.btf_fd = o.btf_key_type_id = o.btf_value_type_id = 0;
		fd = rawbpf_sys_map_create(m->def.type, name, m->def.key_size,
				       m->def.value_size, m->def.max_entries, &o);
	}
	if (fd < 0)
		return rb_obj_err(obj, fd,
				  "map %s: BPF_MAP_CREATE (type %u, key %u, value %u, max_entries %u, flags 0x%x) failed: %s%s",
				  m->name, m->def.type, m->def.key_size,
				  m->def.value_size, m->def.max_entries,
				  m->def.map_flags, RB_ERRSTR(fd),
				  /* objects often leave sizes to their loader */
				  !m->def.max_entries || !m->def.value_size ?
				  " (a size of 0 is meant to be set before load: rawbpf_map_set_max_entries/_value_size)" :
				  m->st_ops && m->st_ops->link && fd == -EINVAL ?
				  " (a .struct_ops.link map, BPF_F_LINK, needs 6.4)" : "");
	m->fd = fd;
	rb_obj_log(obj, RAWBPF_LOG_DEBUG,
		   "map %s: created (type %u, key %u, value %u, max_entries %u, flags 0x%x), fd %d",
		   m->name, m->def.type, m->def.key_size, m->def.value_size,
		   m->def.max_entries, m->def.map_flags, fd);
	return 0;
}

/* Give new global data @m its value (@fresh) and mmap it. */
static int init_data(struct rawbpf_object *obj, struct rawbpf_map *m,
		     bool fresh)
{
	uint32_t key = 0;
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	void *p;
	int err;

	/* a new array is zeroed: .bss nobody wrote needs no update */
	err = m->data && fresh ?
	      rawbpf_sys_map_update_elem(m->fd, &key, m->data, BPF_ANY) : 0;
	if (err)
		return rb_obj_err(obj, err, "map %s: setting the initial value failed",
				  m->name);
	if (m->rodata && fresh) {
		err = rawbpf_sys_map_freeze(m->fd);
		if (err)
			return rb_obj_err(obj, err, "map %s: BPF_MAP_FREEZE failed",
					  m->name);
	}
	if (!(m->def.map_flags & BPF_F_MMAPABLE))
		return 0;
	m->mmap_size = (m->def.value_size + page - 1) / page * page;
	err = rb_sys_mmap(m->mmap_size,
			  PROT_READ | (m->rodata ? 0 : PROT_WRITE), MAP_SHARED,
			  m->fd, 0, &p);
	if (err) {
		m->mmap_size = 0;
		return rb_obj_err(obj, err, "map %s: mmap failed", m->name);
	}
	m->mmaped = p;
	return 0;
}

static int create_or_reuse(struct rawbpf_object *obj, struct rawbpf_map *m)
{
	char path[4096];
	int fd, err;

	if (m->reuse_fd >= 0) {	/* the caller's map, as it is */
		err = rb_obj_check_compat(m, m->reuse_fd, "reused map fd", "");
		if (err)
			return err;
		fd = rb_sys_dupfd(m->reuse_fd, 3);
		if (fd < 0)
			return rb_obj_err(obj, fd, "map %s: dup of the reused fd failed",
					  m->name);
		m->fd = fd;
		m->pin_reused = true;
		if (m->def.type == RAWBPF_MAP_TYPE_ARENA)
			return rb_obj_arena_map(obj, m, false);
		return m->kind == RB_MAP_DATA ? init_data(obj, m, false) : 0;
	}
	if (m->def.pinning != RB_PIN_NONE || m->user_pin) {
		err = pin_path(m, path, sizeof(path), false);
		if (err)
			return err;
		fd = rawbpf_sys_obj_get(path, NULL);
		if (fd >= 0) {
			err = rb_obj_check_compat(m, fd, "pinned map at ", path);
			if (err) {
				rb_sys_close(fd);
				return err;
			}
			m->pin_path = rb_strdup(obj->alloc, path);
			if (!m->pin_path) {
				rb_sys_close(fd);
				return -ENOMEM;
			}
			m->fd = fd;
			m->pin_reused = true;
			rb_obj_log(obj, RAWBPF_LOG_INFO,
				   "map %s: reused the map pinned at %s",
				   m->name, path);
			return m->def.type == RAWBPF_MAP_TYPE_ARENA ?
			       rb_obj_arena_map(obj, m, false) : 0;
		}
		if (fd != -ENOENT)
			return rb_obj_err(obj, fd, "map %s: opening pin %s failed",
					  m->name, path);
	}
	err = create_one(obj, m);
	if (!err && m->kind == RB_MAP_DATA)
		err = init_data(obj, m, true);
	if (!err && m->def.type == RAWBPF_MAP_TYPE_ARENA)
		err = rb_obj_arena_map(obj, m, true);
	if (err || (m->def.pinning == RB_PIN_NONE && !m->user_pin))
		return err;
	err = pin_path(m, path, sizeof(path), true);
	if (err)
		return err;
	err = rawbpf_sys_obj_pin(m->fd, path, NULL);
	if (err)
		return rb_obj_err(obj, err, "map %s: pinning at %s failed", m->name,
				  path);
	m->pin_path = rb_strdup(obj->alloc, path);
	if (!m->pin_path) {
		rb_sys_unlinkat(AT_FDCWD, path, 0);
		return -ENOMEM;
	}
	rb_obj_log(obj, RAWBPF_LOG_INFO, "map %s: created and pinned at %s",
		   m->name, path);
	return 0;
}

int rb_obj_create_maps(struct rawbpf_object *obj)
{
	uint32_t i;
	int err;

	/* inner templates first: outer maps need their fd */
	for (i = 0; i < obj->nmaps; i++) {
		if (!obj->maps[i].is_inner)
			continue;
		err = create_one(obj, &obj->maps[i]);
		if (err)
			return err;
	}
	for (i = 0; i < obj->nmaps; i++) {
		if (obj->maps[i].is_inner)
			continue;
		err = create_or_reuse(obj, &obj->maps[i]);
		if (err)
			return err;
	}
	/* templates have served; the kernel copied what it needs */
	for (i = 0; i < obj->nmaps; i++) {
		if (obj->maps[i].is_inner && obj->maps[i].fd >= 0) {
			rb_sys_close(obj->maps[i].fd);
			obj->maps[i].fd = -1;
		}
	}
	return 0;
}

int rb_obj_fill_map_inits(struct rawbpf_object *obj)
{
	uint32_t i, j;
	int err;

	for (i = 0; i < obj->nmaps; i++) {
		struct rawbpf_map *m = &obj->maps[i];

		if (m->pin_reused)
			continue;
		for (j = 0; j < m->init_cnt; j++) {
			const struct rb_map_init *in = &m->init[j];
			int fd;
			const char *what;

			if (m->init_progs) {
				fd = obj->progs[in->target].fd;
				what = obj->progs[in->target].name;
				if (fd < 0)	/* not loaded (autoload off) */
					continue;
			} else {
				fd = obj->maps[in->target].fd;
				what = obj->maps[in->target].name;
			}
			err = rawbpf_sys_map_update_elem(m->fd, &in->slot, &fd, BPF_ANY);
			if (err)
				return rb_obj_err(obj, err,
						  "map %s: setting slot %u to %s failed",
						  m->name, in->slot, what);
		}
	}
	return 0;
}

void rb_obj_release_maps(struct rawbpf_object *obj, bool unpin)
{
	uint32_t i;

	for (i = 0; i < obj->nmaps; i++) {
		struct rawbpf_map *m = &obj->maps[i];

		if (m->mmaped)
			rb_sys_munmap(m->mmaped, m->mmap_size);
		m->mmaped = NULL;
		m->mmap_size = 0;
		if (m->pin_path) {
			if (unpin && !m->pin_reused)	/* only pins we made */
				rb_sys_unlinkat(AT_FDCWD, m->pin_path, 0);
			rb_free(obj->alloc, m->pin_path);
			m->pin_path = NULL;
		}
		if (m->fd >= 0)
			rb_sys_close(m->fd);
		m->fd = -1;
		m->pin_reused = false;
	}
}
