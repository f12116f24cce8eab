// SPDX-License-Identifier: BSD-2-Clause
/* kernel_prep.c - before programs load, collect every name the object
 * needs from the kernel's BTF (attach targets, CO-RE candidates, ksyms),
 * map vmlinux BTF (once per process; or the caller's target BTF) only when
 * there is one, and find them all in one pass; names vmlinux lacks are
 * looked for in module BTF. Then set each program's attach_btf_id (and
 * attach_btf_obj_fd for a module's function). */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "object/object.h"
#include "object/attach_btf.h"
#include "kernel/kernel.h"
#include "object/kernel_prep.h"
#include "object/core_obj.h"
#include "object/ksyms.h"
#include "object/struct_ops_load.h"
#include "core/errname.h"
#include "sys/libc.h"

int rb_kprep_add(struct rb_kprep *k, const char *name, size_t len, uint32_t kinds)
{
	uint32_t i;
	char *copy;

	k->kinds |= kinds;
	for (i = 0; i < k->n; i++)
		if (!strncmp(k->names[i], name, len) && !k->names[i][len])
			return (int)i;
	if (k->n == k->cap) {
		uint32_t cap = k->cap ? k->cap * 2 : 16;
		char **n = rb_resize(k->a, k->names,
				     sizeof(*n) * cap);

		if (!n)
			return -ENOMEM;
		k->names = n;
		k->cap = cap;
	}
	copy = rb_alloc(k->a, len + 1);
	if (!copy)
		return -ENOMEM;
	memcpy(copy, name, len);
	copy[len] = '\0';
	k->names[k->n] = copy;
	return (int)k->n++;
}

int rb_kprep_get(const struct rb_kprep *k, int idx, int kind, uint32_t nth)
{
	const struct rb_kprep_mod *m;

	if (!k->kbtf || idx < 0)
		return -ENOENT;
	if (!k->mod_of || k->mod_of[idx] < 0)
		return rb_btf_names_get(&k->res, k->kbtf, (uint32_t)idx, kind, nth);
	m = &k->mods[k->mod_of[idx]];
	return rb_btf_names_get(&m->res, m->mod->btf, (uint32_t)idx, kind, nth);
}

const struct rb_btf *rb_kprep_btf(const struct rb_kprep *k, int idx)
{
	if (idx < 0 || !k->mod_of || k->mod_of[idx] < 0)
		return k->kbtf;
	return k->mods[k->mod_of[idx]].mod->btf;
}

int rb_kprep_obj_fd(struct rawbpf_object *obj, struct rb_kprep *k, int idx,
		    const char *user, int *fd, int *slot)
{
	struct rb_kprep_mod *m;
	int *fa;

	*fd = 0;
	*slot = 0;
	if (idx < 0 || !k->mod_of || k->mod_of[idx] < 0)
		return 0;	/* vmlinux: no object fd needed */
	m = &k->mods[k->mod_of[idx]];
	if (m->mod->from_file)
		return rb_obj_err(obj, -EOPNOTSUPP,
				  "%s: %s is in module BTF from the file %s; the kernel needs that module's loaded BTF object (an fd), which a file cannot supply",
				  user, k->names[idx], m->mod->name);
	if (m->fd < 0) {
		fa = rb_resize(k->a, k->fd_array,
			       sizeof(*fa) * (k->fd_cnt ? k->fd_cnt + 1 : 2));
		if (!fa)
			return -ENOMEM;
		k->fd_array = fa;
		if (!k->fd_cnt)
			fa[k->fd_cnt++] = -1;	/* slot 0 means vmlinux */
		m->fd = rb_kernel_module_btf_fd(m->mod->name);
		if (m->fd < 0) {
			int err = m->fd;

			m->fd = -1;
			return rb_obj_err(obj, err,
					  "%s: %s is in module %s, whose BTF object the kernel does not list: %s",
					  user, k->names[idx], m->mod->name, RB_ERRSTR(err));
		}
		m->slot = (int)k->fd_cnt;
		fa[k->fd_cnt++] = m->fd;
	}
	*fd = m->fd;
	*slot = m->slot;
	return 0;
}

void rb_kprep_free(struct rb_kprep *k)
{
	uint32_t i;

	for (i = 0; i < k->nmods; i++) {
		rb_btf_names_free(&k->mods[i].res);
		if (k->mods[i].fd >= 0)
			rb_sys_close(k->mods[i].fd);
	}
	rb_free(k->a, k->mods);
	rb_free(k->a, k->mod_of);
	rb_free(k->a, k->fd_array);
	for (i = 0; i < k->n; i++)
		rb_free(k->a, k->names[i]);
	rb_free(k->a, k->names);
	rb_btf_names_free(&k->res);
	rb_ktarget_close(&k->tgt);
	memset(k, 0, sizeof(*k));
}

/* Names vmlinux lacks: the first module whose BTF has each. */
static int find_in_modules(struct rawbpf_object *obj, struct rb_kprep *k)
{
	const struct rb_kmod *mods;
	uint32_t i, m, nm, missing = 0;
	char msg[300] = "";
	int err;

	for (i = 0; i < k->n; i++)
		missing += rb_btf_names_get(&k->res, k->kbtf, i, -1, 0) < 0;
	if (!missing)
		return 0;
	err = rb_ktarget_modules(&k->tgt, &mods, &nm, msg, sizeof(msg));
	if (err)
		return err == -ENOMEM ? err : rb_obj_err(obj, err, "%s", msg);
	if (!nm)
		return 0;
	k->mod_of = rb_alloc_array(k->a, k->cap, sizeof(*k->mod_of));
	k->mods = rb_alloc_array(k->a, nm, sizeof(*k->mods));
	k->mods_cap = k->mods ? nm : 0;
	if (!k->mod_of || !k->mods)
		return -ENOMEM;	/* both are freed with k */
	for (i = 0; i < k->n; i++)
		k->mod_of[i] = -1;
	for (m = 0; m < nm && missing; m++) {
		struct rb_kprep_mod *km = &k->mods[k->nmods];
		bool used = false;

		err = rb_btf_names_find_kinds(mods[m].btf, (const char *const *)k->names,
					      k->n, k->kinds, k->a, &km->res);
		if (err)
			return err;
		for (i = 0; i < k->n; i++) {
			if (k->mod_of[i] >= 0 ||
			    rb_btf_names_get(&k->res, k->kbtf, i, -1, 0) >= 0 ||
			    rb_btf_names_get(&km->res, mods[m].btf, i, -1, 0) < 0)
				continue;
			k->mod_of[i] = (int)k->nmods;
			missing--;
			used = true;
		}
		if (!used) {
			rb_btf_names_free(&km->res);
			continue;
		}
		km->mod = &mods[m];
		km->fd = -1;
		k->nmods++;
	}
	return 0;
}

/* Kernel attach target of @p: its name index in @k, -1 if none. */
static int want_attach(struct rawbpf_object *obj, struct rawbpf_program *p,
		       struct rb_kprep *k)
{
	char name[160];
	int kind, err;

	if (p->attach_prog_fd || (p->type == BPF_PROG_TYPE_EXT && !p->attach_func))
		return -1;	/* a program's BTF; freplace without one: load says */
	err = rb_obj_attach_name(p, name, sizeof(name), &kind);
	if (err < 0)
		return rb_obj_err(obj, err,
				  "program %s: section %s names no attach target",
				  p->name, p->sec_name);
	if (!err)
		return -1;
	return rb_kprep_add(k, name, strlen(name), RB_BTF_KINDS(kind));
}

/* The BTF to look names up in: the caller's (read now), or the kernel's. */
static int open_target(struct rawbpf_object *obj, struct rb_kprep *k)
{
	struct rb_ktarget_src src = { .path = obj->btf_path, .data = obj->btf_data,
				      .size = obj->btf_size,
				      .module_path = obj->btf_module_path };
	char msg[300] = "";
	int err = rb_ktarget_open(&k->tgt, &src, k->a, msg, sizeof(msg));

	return err && err != -ENOMEM ? rb_obj_err(obj, err, "%s", msg) : err;
}

int rb_obj_prepare_kernel(struct rawbpf_object *obj, struct rb_kprep *k)
{
	int *att = NULL, err = 0, id, kind, fd, slot;
	char user[256];
	uint32_t i;

	memset(k, 0, sizeof(*k));
	k->a = obj->alloc;
	for (i = 0; i < obj->nmaps && obj->maps[i].kind != RB_MAP_STRUCT_OPS; i++)
		;
	if (!obj->nprogs && i == obj->nmaps)
		return 0;
	att = rb_alloc_array(obj->alloc, obj->nprogs ? obj->nprogs : 1, sizeof(*att));
	if (!att)
		return -ENOMEM;
	for (i = 0; i < obj->nprogs; i++) {
		struct rawbpf_program *p = &obj->progs[i];

		att[i] = -1;
		if (!p->autoload || !p->type)
			continue;
		/* rawbpf_program_set_attach_target gave the id itself */
		if (!p->attach_resolved && (p->attach_btf_id || p->attach_prog_fd))
			continue;
		p->attach_btf_id = 0;
		if (p->attach_resolved)
			p->attach_btf_obj_fd = 0;	/* a module fd of an earlier load */
		att[i] = want_attach(obj, p, k);
		if (att[i] < -1) {
			err = p->err = att[i];	/* the program to blame */
			goto out;
		}
		if (p->attach_prog_fd) {
			err = rb_obj_attach_prog_target(obj, p);
			if (err) {
				p->err = err;
				goto out;
			}
		}
	}
	err = rb_obj_core_want(obj, k);
	if (!err)
		err = rb_obj_ksyms_want(obj, k);
	if (!err)
		err = rb_obj_struct_ops_want(obj, k);
	if (err)
		goto out;
	if (!k->n) {
		err = rb_obj_ksyms_resolve(obj, k);	/* typeless ones only */
		goto out;
	}
	err = open_target(obj, k);
	if (err)
		goto out;
	err = rb_ktarget_names(&k->tgt, (const char *const *)k->names, k->n, k->kinds,
			       &k->res);
	k->kbtf = k->tgt.vmlinux;
	if (err) {
		k->kbtf = NULL;
		if (err != -ENOMEM)
			err = rb_obj_err(obj, err, "%s needed for %s: %s", k->tgt.what,
					 k->names[0], RB_ERRSTR(err));
		goto out;
	}
	err = find_in_modules(obj, k);
	if (!err)
		err = rb_obj_ksyms_resolve(obj, k);
	if (!err)
		err = rb_obj_struct_ops_resolve(obj, k);
	for (i = 0; !err && i < obj->nprogs; i++) {
		struct rawbpf_program *p = &obj->progs[i];

		if (att[i] < 0)
			continue;
		kind = p->type == BPF_PROG_TYPE_TRACING &&
		       p->expected_attach_type == BPF_TRACE_RAW_TP ?
			RB_BTF_KIND_TYPEDEF : RB_BTF_KIND_FUNC;
		id = rb_kprep_get(k, att[i], kind, 0);
		if (id < 0) {
			err = rb_obj_err(obj, -ESRCH,
					 "program %s (section %s): the %s has no %s %s",
					 p->name, p->sec_name, k->tgt.what,
					 rb_btf_kind_str((unsigned)kind), k->names[att[i]]);
			p->err = err;
			goto out;
		}
		snprintf(user, sizeof(user), "program %s (section %s)", p->name, p->sec_name);
		err = rb_kprep_obj_fd(obj, k, att[i], user, &fd, &slot);
		if (err) {
			p->err = err;
			goto out;
		}
		p->attach_btf_id = (uint32_t)id;
		p->attach_btf_obj_fd = (uint32_t)fd;
		p->attach_resolved = true;
	}
out:
	rb_free(obj->alloc, att);
	if (err)
		rb_kprep_free(k);
	return err;
}
