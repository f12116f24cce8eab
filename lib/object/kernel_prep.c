// SPDX-License-Identifier: BSD-2-Clause
/* kernel_prep.c - before programs load, collect every name the object
 * needs from the kernel's BTF (attach targets, CO-RE candidates, ksyms),
 * map vmlinux BTF (once per process) only when there is one, and find
 * them all in one pass; then set each program's attach_btf_id. */
#include <errno.h>
#include <string.h>

#include "object/object.h"
#include "object/attach_btf.h"
#include "object/kernel_btf.h"
#include "object/kernel_prep.h"
#include "object/core_obj.h"
#include "object/ksyms.h"
#include "core/errname.h"

int rb_kprep_add(struct rb_kprep *k, const char *name, size_t len)
{
	uint32_t i;
	char *copy;

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
	if (!k->kbtf || idx < 0)
		return -ENOENT;
	return rb_btf_names_get(&k->res, k->kbtf, (uint32_t)idx, kind, nth);
}

void rb_kprep_free(struct rb_kprep *k)
{
	uint32_t i;

	for (i = 0; i < k->n; i++)
		rb_free(k->a, k->names[i]);
	rb_free(k->a, k->names);
	rb_btf_names_free(&k->res);
	memset(k, 0, sizeof(*k));
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
	return rb_kprep_add(k, name, strlen(name));
}

int rb_obj_prepare_kernel(struct rawbpf_object *obj, struct rb_kprep *k)
{
	int *att = NULL, err = 0, id, kind;
	uint32_t i;

	memset(k, 0, sizeof(*k));
	k->a = obj->alloc;
	if (!obj->nprogs)
		return 0;
	att = rb_alloc_array(obj->alloc, obj->nprogs, sizeof(*att));
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
	if (err)
		goto out;
	if (!k->n) {
		err = rb_obj_ksyms_resolve(obj, k);	/* typeless ones only */
		goto out;
	}
	err = rb_kernel_btf_names((const char *const *)k->names, k->n,
				  obj->alloc, &k->kbtf, &k->res);
	if (err) {
		k->kbtf = NULL;
		if (err != -ENOMEM)
			err = rb_obj_err(obj, err,
					 "kernel BTF (/sys/kernel/btf/vmlinux) needed for %s: %s",
					 k->names[0], RB_ERRSTR(err));
		goto out;
	}
	err = rb_obj_ksyms_resolve(obj, k);
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
					 "program %s (section %s): the kernel's BTF has no %s %s",
					 p->name, p->sec_name, rb_btf_kind_str((unsigned)kind),
					 k->names[att[i]]);
			p->err = err;
			goto out;
		}
		p->attach_btf_id = (uint32_t)id;
		p->attach_resolved = true;
	}
out:
	rb_free(obj->alloc, att);
	if (err)
		rb_kprep_free(k);
	return err;
}
