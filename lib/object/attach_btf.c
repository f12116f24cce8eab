// SPDX-License-Identifier: BSD-2-Clause
/* attach_btf.c - attach_btf_id of programs fixed to a BTF target at load:
 * fentry/fexit/fmod_ret (FUNC named by the section), tp_btf (TYPEDEF
 * btf_trace_<name>), lsm/lsm_cgroup (FUNC bpf_lsm_<name>), iter (FUNC
 * bpf_iter_<name>) in the kernel's BTF, and freplace (or any of them with
 * rawbpf_program_set_attach_target) in a loaded program's BTF. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "object/object.h"
#include "object/attach_btf.h"

int rb_attach_btf_name(uint32_t prog_type, uint32_t attach_type,
		       const char *sec, const char *func, bool in_prog,
		       char *buf, size_t size, int *kind)
{
	const char *prefix = "", *target = func;
	int n;

	*kind = RB_BTF_KIND_FUNC;
	switch (prog_type) {
	case BPF_PROG_TYPE_TRACING:
		if (attach_type == BPF_TRACE_RAW_TP) {
			prefix = "btf_trace_";
			*kind = RB_BTF_KIND_TYPEDEF;
		} else if (attach_type == BPF_TRACE_ITER) {
			prefix = "bpf_iter_";
		} else if (attach_type != BPF_TRACE_FENTRY &&
			   attach_type != BPF_TRACE_FEXIT &&
			   attach_type != BPF_MODIFY_RETURN) {
			return 0;
		}
		break;
	case BPF_PROG_TYPE_LSM:
		prefix = "bpf_lsm_";
		break;
	case BPF_PROG_TYPE_EXT:
		break;
	default:
		return 0;
	}
	if (!target) {
		target = sec ? strchr(sec, '/') : NULL;
		if (!target || !target[1])
			return -EINVAL;
		target++;
	}
	/* prefixes (tp_btf/x -> btf_trace_x) name kernel targets only */
	if (in_prog)
		prefix = "";
	n = snprintf(buf, size, "%s%s", prefix, target);
	if (n < 0 || (size_t)n >= size)
		return -ENAMETOOLONG;
	return 1;
}

int rb_obj_attach_name(const struct rawbpf_program *p, char *buf,
		       size_t size, int *kind)
{
	return rb_attach_btf_name(p->type, p->expected_attach_type, p->sec_name,
				  p->attach_func, p->attach_prog_fd != 0, buf,
				  size, kind);
}

/* The BTF of loaded program @prog_fd, as a private parse (caller frees
 * with the returned buffer). */
static int prog_btf(struct rawbpf_object *obj, int prog_fd, struct rb_btf **out,
		    void **raw, uint32_t *raw_size)
{
	struct bpf_prog_info pi;
	struct bpf_btf_info bi;
	uint32_t len = sizeof(pi);
	int fd, err;

	memset(&pi, 0, sizeof(pi));
	err = rawbpf_sys_obj_get_info_by_fd(prog_fd, &pi, &len);
	if (err)
		return err;
	if (!pi.btf_id)
		return -ENOENT;
	fd = rawbpf_sys_btf_get_fd_by_id(pi.btf_id);
	if (fd < 0)
		return fd;
	memset(&bi, 0, sizeof(bi));
	len = sizeof(bi);
	err = rawbpf_sys_obj_get_info_by_fd(fd, &bi, &len);
	*raw_size = bi.btf_size;
	*raw = err ? NULL : rb_alloc(obj->alloc, *raw_size ? *raw_size : 1);
	if (!err && !*raw)
		err = -ENOMEM;
	if (!err) {
		memset(&bi, 0, sizeof(bi));
		bi.btf = (uint64_t)(uintptr_t)*raw;
		bi.btf_size = *raw_size;
		len = sizeof(bi);
		err = rawbpf_sys_obj_get_info_by_fd(fd, &bi, &len);
	}
	close(fd);
	if (!err)
		err = rb_btf_parse(*raw, *raw_size, 0, obj->alloc, out, NULL);
	if (err) {
		rb_free(obj->alloc, *raw, *raw_size ? *raw_size : 1);
		*raw = NULL;
	}
	return err;
}

int rb_obj_attach_prog_target(struct rawbpf_object *obj,
			      struct rawbpf_program *p)
{
	struct rb_btf *btf = NULL;
	void *raw = NULL;
	uint32_t raw_size = 0;
	char name[128];
	int kind, id, err;

	err = rb_obj_attach_name(p, name, sizeof(name), &kind);
	if (err <= 0)
		return err ? rb_obj_err(obj, err,
					"program %s: section %s names no attach target",
					p->name, p->sec_name) : 0;
	err = prog_btf(obj, (int)p->attach_prog_fd, &btf, &raw, &raw_size);
	if (err)
		return rb_obj_err(obj, err,
				  "program %s: BTF of target program fd %u: %s",
				  p->name, p->attach_prog_fd, strerror(-err));
	id = rb_btf_find(btf, name, RB_BTF_KIND_FUNC);
	rb_btf_free(btf);
	rb_free(obj->alloc, raw, raw_size ? raw_size : 1);
	if (id == -ENOMEM)
		return id;
	if (id < 0)
		return rb_obj_err(obj, -ESRCH,
				  "program %s: function %s not found in the BTF of target program fd %u",
				  p->name, name, p->attach_prog_fd);
	p->attach_btf_id = (uint32_t)id;
	p->attach_resolved = true;
	return 0;
}

int rawbpf_program_set_attach_func(struct rawbpf_program *prog,
				   int target_prog_fd, const char *func_name)
{
	char *copy = NULL;

	if (!prog || target_prog_fd < 0 || (!target_prog_fd && !func_name))
		return -EINVAL;
	if (prog->obj->loaded)
		return -EBUSY;
	if (func_name) {
		copy = rb_strdup(prog->obj->alloc, func_name);
		if (!copy)
			return -ENOMEM;
	}
	rb_obj_free_attach_target(prog);
	prog->attach_func = copy;
	prog->attach_prog_fd = (uint32_t)target_prog_fd;
	prog->attach_btf_id = 0;
	prog->attach_btf_obj_fd = 0;
	prog->attach_resolved = true;	/* looked up at load */
	return 0;
}

void rb_obj_free_attach_target(struct rawbpf_program *prog)
{
	if (prog->attach_func)
		rb_free(prog->obj->alloc, prog->attach_func,
			strlen(prog->attach_func) + 1);
	prog->attach_func = NULL;
}
