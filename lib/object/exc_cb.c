// SPDX-License-Identifier: BSD-2-Clause
/* exc_cb.c - exception callbacks (bpf_throw, kernel 6.7): a program whose
 * BTF FUNC carries the decl tag "exception_callback:<name>" gets subprogram
 * <name> appended at load even though no call reaches it, so the kernel
 * finds it through its func_info (libbpf's convention, __exception_cb). */
#include <errno.h>
#include <string.h>

#include "object/object.h"

#define TAG "exception_callback:"

/* The program whose function is named @name, or NULL. */
static struct rawbpf_program *prog_named(struct rawbpf_object *obj,
					 const char *name)
{
	uint32_t i;

	for (i = 0; i < obj->nprogs; i++)
		if (!strcmp(obj->progs[i].name, name))
			return &obj->progs[i];
	return NULL;
}

/* The subprogram or program named @name: its index in funcs, or -1. */
static int func_named(const struct rawbpf_object *obj, const char *name)
{
	uint32_t i;

	for (i = 0; i < obj->nfuncs; i++)
		if (!strcmp(obj->funcs[i].name, name))
			return (int)i;
	return -1;
}

/* One decl tag @t on a FUNC: give its program the callback it names. */
static int assign(struct rawbpf_object *obj, const struct rb_btf_type *t,
		  const char *tag)
{
	const struct rb_btf_type *fn = rb_btf_type_by_id(obj->btf, t->type);
	const char *cb = tag + strlen(TAG);
	struct rawbpf_program *p;
	int fi;

	if (!fn || rb_btf_kind(fn) != RB_BTF_KIND_FUNC)
		return 0;	/* a tag on something else is not ours */
	p = prog_named(obj, rb_btf_str(obj->btf, fn->name_off));
	if (!p)
		return 0;	/* a subprogram's tag: libbpf ignores it too */
	fi = func_named(obj, cb);
	if (fi < 0 || !*cb)
		return rb_obj_err(obj, -ENOENT,
				  "program %s: exception callback '%s' is not a function of the object",
				  p->name, cb);
	if (obj->funcs[fi].prog >= 0)
		return rb_obj_err(obj, -EINVAL,
				  "program %s: exception callback '%s' is a program (section %s), not a subprogram",
				  p->name, cb, obj->progs[obj->funcs[fi].prog].sec_name);
	if (p->exc_cb && p->exc_cb != (uint32_t)fi + 1)
		return rb_obj_err(obj, -EINVAL,
				  "program %s: more than one exception callback (%s and %s)",
				  p->name, obj->funcs[p->exc_cb - 1].name, cb);
	p->exc_cb = (uint32_t)fi + 1;
	return 0;
}

int rb_obj_collect_exc_cbs(struct rawbpf_object *obj)
{
	uint32_t id, n;
	int err;

	if (!obj->btf || !obj->nprogs)
		return 0;
	n = rb_btf_type_cnt(obj->btf);
	for (id = rb_btf_first_id(obj->btf); id < n; id++) {
		const struct rb_btf_type *t = rb_btf_type_by_id(obj->btf, id);
		const char *name;

		if (!t || rb_btf_kind(t) != RB_BTF_KIND_DECL_TAG ||
		    rb_btf_decl_tag_info(t)->component_idx != -1)
			continue;
		name = rb_btf_str(obj->btf, t->name_off);
		if (!name || strncmp(name, TAG, strlen(TAG)))
			continue;
		err = assign(obj, t, name);
		if (err)
			return err;
	}
	return 0;
}
