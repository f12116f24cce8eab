// SPDX-License-Identifier: BSD-2-Clause
/* api.c - the public object API: open from memory or a file, close,
 * errors, and accessors for programs, maps and global data. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/log.h"
#include "object/object.h"
#include "object/attach_btf.h"
#include "object/ksyms.h"
#include "sys/libc.h"


/* An object's own callback takes every level; else the process's hook. */
static void vlog(struct rawbpf_object *obj, enum rawbpf_log_level level,
		 const char *fmt, va_list ap)
{
	char msg[512];

	if (!obj->log) {
		rb_vlog(level, fmt, ap);
		return;
	}
	vsnprintf(msg, sizeof(msg), fmt, ap);
	obj->log(obj->log_ctx, level, msg);
}

void (rb_obj_log)(struct rawbpf_object *obj, enum rawbpf_log_level level,
		  const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog(obj, level, fmt, ap);
	va_end(ap);
}

int (rb_obj_err)(struct rawbpf_object *obj, int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(obj->err, sizeof(obj->err), fmt, ap);
	va_end(ap);
	rb_obj_log(obj, RAWBPF_LOG_WARN, "%s", obj->err);
	return err;
}

int rb_obj_err_at(struct rawbpf_object *obj, int err, const char *file, int line)
{
	rb_msg_at(obj->err, sizeof(obj->err), err, file, line);
	if (obj->log)
		obj->log(obj->log_ctx, RAWBPF_LOG_WARN, obj->err);
	else
		rb_log_str(RAWBPF_LOG_WARN, obj->err);
	return err;
}

/* The last non-empty line of a verifier log, for one-line messages. */
void rb_obj_last_line(const char *log, char *out, size_t size)
{
	const char *end = log + strlen(log), *start;
	size_t n;

	for (;;) {
		while (end > log && (end[-1] == '\n' || end[-1] == ' '))
			end--;
		start = end;
		while (start > log && start[-1] != '\n')
			start--;
		/* the verifier's statistics follow the reason: skip them */
		if (start == log || (strncmp(start, "processed ", 10) &&
				     strncmp(start, "verification time", 17) &&
				     strncmp(start, "stack depth", 11)))
			break;
		end = start;
	}
	n = (size_t)(end - start);
	if (n >= size)
		n = size - 1;
	memcpy(out, start, n);
	out[n] = '\0';
}

/* The object name: file name without directories and ".o"/".bpf.o". */
static void set_name(struct rawbpf_object *obj, const char *name,
		     const char *path)
{
	const char *s = name ? name : path ? path : "obj";
	const char *slash = name ? NULL : strrchr(s, '/');
	size_t n;

	if (slash)
		s = slash + 1;
	n = strcspn(s, name ? "" : ".");
	if (n >= sizeof(obj->name))
		n = sizeof(obj->name) - 1;
	memcpy(obj->name, s, n);
	obj->name[n] = '\0';
}

static void free_obj(struct rawbpf_object *obj)
{
	const struct rawbpf_allocator *a = obj->alloc;
	uint32_t i;

	rb_obj_unload(obj);
	for (i = 0; i < obj->nprogs; i++) {
		rb_free(a, obj->progs[i].log);
		rb_obj_free_attach_target(&obj->progs[i]);
	}
	for (i = 0; i < obj->nmaps; i++) {
		struct rawbpf_map *m = &obj->maps[i];

		if (m->data)
			rb_free(a, m->data);
		rb_free(a, m->init);
		rb_obj_free_struct_ops(obj, m->st_ops);
		rb_free(a, m->user_pin);
		rb_sys_close(m->reuse_fd);
		rb_sys_close(m->inner_fd);
	}
	rb_free(a, obj->maps);
	rb_free(a, obj->progs);
	rb_free(a, obj->funcs);
	rb_free(a, obj->relos);
	rb_free(a, obj->externs);
	rb_obj_free_ksyms(obj);
	rb_free(a, obj->sec_map);
	rb_free(a, obj->arena_data);
	rb_free(a, obj->map_index);
	rb_obj_free_btf(obj);
	rb_elf_close(&obj->elf);
	if (obj->pin_root_copy)
		rb_free(a, obj->pin_root_copy);
	if (obj->btf_path)
		rb_free(a, obj->btf_path);
	if (obj->btf_module_path)
		rb_free(a, obj->btf_module_path);
	rb_free(a, obj->token_path);
	if (obj->file_map)
		rb_sys_munmap(obj->file_map, obj->file_size);
	rb_free(a, obj->buf_copy);
	rb_free(a, obj);
}

static int open_common(const void *buf, size_t size, const char *path,
		       void *file_map, const struct rawbpf_object_open_opts *uopts,
		       struct rawbpf_object **out)
{
	struct rawbpf_object_open_opts o;
	struct rawbpf_object *obj;
	bool misaligned = (uintptr_t)buf % 8 != 0;
	int err;

	*out = NULL;
	err = rb_opts_copy(&o, sizeof(o), uopts);
	if (err) {
		if (file_map)
			rb_sys_munmap(file_map, size);
		return err;
	}
	obj = rb_alloc(o.alloc, sizeof(*obj));
	if (!obj) {
		if (file_map)
			rb_sys_munmap(file_map, size);
		return -ENOMEM;
	}
	obj->alloc = o.alloc;
	obj->log = o.log;
	obj->log_ctx = o.log_ctx;
	obj->log_level = o.verifier_log_level;
	obj->btf_fd = -1;
	obj->kconfig_map = -1;
	obj->file_map = file_map;
	obj->file_size = size;
	set_name(obj, o.name, path);
	if (o.pin_root) {
		obj->pin_root_copy = rb_strdup(obj->alloc, o.pin_root);
		if (!obj->pin_root_copy) {
			err = -ENOMEM;
			goto fail;
		}
		obj->pin_root = obj->pin_root_copy;
	}
	if (o.bpf_token_fd < 0 || (o.bpf_token_fd && o.bpf_token_path)) {
		err = rb_obj_err(obj, -EINVAL,
				 "open options: bpf_token_fd %d%s", (int)o.bpf_token_fd,
				 o.bpf_token_path ? " and bpf_token_path both set" : "");
		goto fail;
	}
	obj->token_user = o.bpf_token_fd;
	if ((o.bpf_token_path &&
	     !(obj->token_path = rb_strdup(obj->alloc, o.bpf_token_path))) ||
	    (o.btf_path && !(obj->btf_path = rb_strdup(obj->alloc, o.btf_path))) ||
	    (o.btf_module_path &&
	     !(obj->btf_module_path = rb_strdup(obj->alloc, o.btf_module_path)))) {
		err = -ENOMEM;
		goto fail;
	}
	if (o.btf_path && o.btf_data) {
		err = rb_obj_err(obj, -EINVAL, "open options: btf_path and btf_data both set");
		goto fail;
	}
	obj->btf_data = o.btf_data;
	obj->btf_size = o.btf_size;
	/* Instructions, BTF and relocations are read in place as structs,
	 * which needs the alignment the ELF file gives them: a buffer at an
	 * odd address is copied once (an mmap or malloc result never is). */
	if (misaligned && buf) {
		obj->buf_copy = rb_alloc(obj->alloc, size);
		if (!obj->buf_copy) {
			err = rb_obj_err(obj, -ENOMEM,
					 "misaligned buffer: no memory for an aligned copy of %zu bytes",
					 size);
			goto fail;
		}
		memcpy(obj->buf_copy, buf, size);
		buf = obj->buf_copy;
		rb_obj_log(obj, RAWBPF_LOG_DEBUG,
			   "buffer not 8-byte aligned: parsing an aligned copy");
	}
	err = rb_elf_open(&obj->elf, buf, size, obj->alloc);
	if (err) {
		rb_obj_err(obj, err, "%s", obj->elf.err ? obj->elf.err : "bad ELF");
		goto fail;
	}
	err = rb_obj_parse(obj);
	if (err)
		goto fail;
	*out = obj;
	return 0;
fail:
	free_obj(obj);
	return err;
}

int rawbpf_object_open_mem(const void *buf, size_t size,
			   const struct rawbpf_object_open_opts *opts,
			   struct rawbpf_object **out)
{
	if (!out)
		return -EINVAL;
	return open_common(buf, size, NULL, NULL, opts, out);
}

int rawbpf_object_open_file(const char *path,
			    const struct rawbpf_object_open_opts *opts,
			    struct rawbpf_object **out)
{
	struct rb_stat st;
	void *map;
	int fd, err;

	if (!out || !path)
		return -EINVAL;
	*out = NULL;
	fd = rb_sys_open(path, O_RDONLY);
	if (fd < 0)
		return fd;
	err = rb_sys_fstat(fd, &st);
	if (err) {
		rb_sys_close(fd);
		return err;
	}
	if (!S_ISREG(st.mode) || !st.size) {
		rb_sys_close(fd);
		return S_ISDIR(st.mode) ? -EISDIR : -ENOEXEC;
	}
	err = rb_sys_mmap((size_t)st.size, PROT_READ, MAP_PRIVATE, fd, 0,
			  &map);
	rb_sys_close(fd);
	if (err)
		return err;
	return open_common(map, (size_t)st.size, path, map, opts, out);
}

void rawbpf_object_close(struct rawbpf_object *obj)
{
	if (!obj)
		return;
	if (obj->detach_all)
		obj->detach_all(obj);
	free_obj(obj);
}

const char *rawbpf_object_error(const struct rawbpf_object *obj)
{
	return obj ? obj->err : "";
}

const char *rawbpf_object_name(const struct rawbpf_object *obj)
{
	return obj ? obj->name : NULL;
}

int rawbpf_object_btf_fd(const struct rawbpf_object *obj)
{
	if (!obj)
		return -EINVAL;
	return obj->btf_fd >= 0 ? obj->btf_fd : -ENOENT;
}

/* ---- programs ---- */

struct rawbpf_program *
rawbpf_object_next_program(const struct rawbpf_object *obj,
			   const struct rawbpf_program *prev)
{
	size_t i;

	if (!obj || (prev && prev->obj != obj))
		return NULL;
	i = prev ? (size_t)(prev - obj->progs) + 1 : 0;
	return i < obj->nprogs ? &obj->progs[i] : NULL;
}

struct rawbpf_program *
rawbpf_object_find_program(const struct rawbpf_object *obj, const char *name)
{
	uint32_t i;

	if (!obj || !name)
		return NULL;
	for (i = 0; i < obj->nprogs; i++)
		if (!strcmp(obj->progs[i].name, name))
			return &obj->progs[i];
	return NULL;
}

/* Every accessor answers NULL/0 or -EINVAL for a NULL handle, so that a
 * misspelt find_program/find_map name is an error, not a crash. */
const char *rawbpf_program_name(const struct rawbpf_program *p) { return p ? p->name : NULL; }
const char *rawbpf_program_section(const struct rawbpf_program *p) { return p ? p->sec_name : NULL; }
uint32_t rawbpf_program_type(const struct rawbpf_program *p) { return p ? p->type : 0; }
uint32_t rawbpf_program_flags(const struct rawbpf_program *p) { return p ? p->prog_flags : 0; }
bool rawbpf_program_autoload(const struct rawbpf_program *p) { return p && p->autoload; }
int rawbpf_program_error(const struct rawbpf_program *p) { return p ? p->err : -EINVAL; }
const char *rawbpf_program_log(const struct rawbpf_program *p) { return p && p->log ? p->log : ""; }
uint32_t rawbpf_program_insn_count(const struct rawbpf_program *p) { return p ? p->insn_cnt : 0; }

int rawbpf_program_fd(const struct rawbpf_program *p)
{
	if (!p)
		return -EINVAL;
	return p->fd >= 0 ? p->fd : -ENOENT;
}

uint32_t rawbpf_program_expected_attach_type(const struct rawbpf_program *p)
{
	return p ? p->expected_attach_type : 0;
}

int rawbpf_program_set_type(struct rawbpf_program *p, uint32_t prog_type,
			    uint32_t expected_attach_type)
{
	if (!p)
		return -EINVAL;
	if (p->obj->loaded)
		return -EBUSY;
	p->type = prog_type;
	p->expected_attach_type = expected_attach_type;
	return 0;
}

int rawbpf_program_set_attach_target(struct rawbpf_program *p,
				     int attach_prog_fd, uint32_t attach_btf_id,
				     int attach_btf_obj_fd)
{
	if (!p)
		return -EINVAL;
	if (p->obj->loaded)
		return -EBUSY;
	if (attach_prog_fd < 0 || attach_btf_obj_fd < 0)
		return -EINVAL;
	p->attach_prog_fd = (uint32_t)attach_prog_fd;
	p->attach_btf_id = attach_btf_id;
	p->attach_btf_obj_fd = (uint32_t)attach_btf_obj_fd;
	p->attach_resolved = false;
	return 0;
}

uint32_t rawbpf_program_attach_btf_id(const struct rawbpf_program *p)
{
	return p ? p->attach_btf_id : 0;
}

int rawbpf_program_set_flags(struct rawbpf_program *p, uint32_t prog_flags)
{
	if (!p)
		return -EINVAL;
	if (p->obj->loaded)
		return -EBUSY;
	p->prog_flags = prog_flags;
	return 0;
}

int rawbpf_program_set_autoload(struct rawbpf_program *p, bool autoload)
{
	if (!p)
		return -EINVAL;
	if (p->obj->loaded)
		return -EBUSY;
	p->autoload = autoload;
	p->autoload_user = true;
	return 0;
}

/* ---- maps ---- */

struct rawbpf_map *rawbpf_object_next_map(const struct rawbpf_object *obj,
					  const struct rawbpf_map *prev)
{
	size_t i;

	if (!obj || (prev && prev->obj != obj))
		return NULL;
	i = prev ? (size_t)(prev - obj->maps) + 1 : 0;
	while (i < obj->nmaps && obj->maps[i].is_inner)
		i++;
	return i < obj->nmaps ? &obj->maps[i] : NULL;
}

struct rawbpf_map *rawbpf_object_find_map(const struct rawbpf_object *obj,
					  const char *name)
{
	uint32_t i;

	if (!obj || !name)
		return NULL;
	for (i = 0; i < obj->nmaps; i++)
		if (!obj->maps[i].is_inner && !strcmp(obj->maps[i].name, name))
			return &obj->maps[i];
	return NULL;
}

const char *rawbpf_map_name(const struct rawbpf_map *m) { return m ? m->name : NULL; }
uint32_t rawbpf_map_type(const struct rawbpf_map *m) { return m ? m->def.type : 0; }
uint32_t rawbpf_map_key_size(const struct rawbpf_map *m) { return m ? m->def.key_size : 0; }
uint32_t rawbpf_map_value_size(const struct rawbpf_map *m) { return m ? m->def.value_size : 0; }
uint32_t rawbpf_map_max_entries(const struct rawbpf_map *m) { return m ? m->def.max_entries : 0; }
uint32_t rawbpf_map_flags(const struct rawbpf_map *m) { return m ? m->def.map_flags : 0; }
bool rawbpf_map_reused(const struct rawbpf_map *m) { return m && m->pin_reused; }
const char *rawbpf_map_pin_path(const struct rawbpf_map *m) { return m ? m->pin_path : NULL; }

int rawbpf_map_fd(const struct rawbpf_map *m)
{
	if (!m)
		return -EINVAL;
	return m->fd >= 0 ? m->fd : -ENOENT;
}

int rawbpf_map_set_max_entries(struct rawbpf_map *m, uint32_t max_entries)
{
	if (!m)
		return -EINVAL;
	if (m->obj->loaded)
		return -EBUSY;
	if (m->kind == RB_MAP_DATA || m->kind == RB_MAP_STRUCT_OPS)
		return -EINVAL;
	m->def.max_entries = max_entries;
	return 0;
}

int rawbpf_map_set_value_size(struct rawbpf_map *m, uint32_t value_size)
{
	if (!m)
		return -EINVAL;
	if (m->obj->loaded)
		return -EBUSY;
	if (m->kind == RB_MAP_DATA || m->kind == RB_MAP_STRUCT_OPS || !value_size)
		return -EINVAL;
	m->def.value_size = value_size;
	m->def.btf_value_type_id = 0;	/* its BTF type has the old size */
	m->def.btf_key_type_id = 0;
	return 0;
}

void *rawbpf_map_initial_value(struct rawbpf_map *map, size_t *size)
{
	if (!map)
		return NULL;
	if (map->kind == RB_MAP_STRUCT_OPS) {
		if (size)
			*size = map->st_ops->size;
		return map->data;
	}
	if (map->kind != RB_MAP_DATA)
		return NULL;
	return rawbpf_object_global_data(map->obj, map->name, size);
}

void *rawbpf_object_global_data(struct rawbpf_object *obj, const char *sec,
				size_t *size)
{
	struct rawbpf_map *m = rawbpf_object_find_map(obj, sec);

	if (obj && sec && !strcmp(sec, ".addr_space.1"))
		return rb_obj_arena_globals(obj, size);
	if (!m || m->kind != RB_MAP_DATA)
		return NULL;
	if (size)
		*size = m->def.value_size;
	if (obj->loaded)
		return m->mmaped;
	if (!m->data)	/* .bss: its zeroes are made when first asked for */
		m->data = rb_alloc(obj->alloc, m->def.value_size);
	return m->data;
}
