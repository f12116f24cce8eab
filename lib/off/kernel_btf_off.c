// SPDX-License-Identifier: BSD-2-Clause
/* kernel_btf_off.c - stands in for the kernel's BTF (object/kernel_btf.c,
 * kernel_prep.c) in a build with RAWBPF_WITH_KERNEL_BTF=OFF (CO-RE and
 * externs are then off too): programs whose attach target is named in
 * vmlinux BTF (fentry/fexit/fmod_ret, tp_btf, lsm, iter) are refused at
 * load by name (struct_ops maps, whose kernel types are looked up there,
 * are refused at open: RAWBPF_WITH_STRUCT_OPS needs this part); freplace
 * against a program's BTF, and targets given by id, still work. */
#include <errno.h>
#include <string.h>

#include "object/object.h"
#include "object/attach_btf.h"
#include "object/core_obj.h"
#include "object/kernel_prep.h"

static int prepare(struct rawbpf_object *obj, struct rawbpf_program *p)
{
	char name[160];
	int kind, err;

	/* rawbpf_program_set_attach_target gave the id itself */
	if (!p->attach_resolved && (p->attach_btf_id || p->attach_prog_fd))
		return 0;
	p->attach_btf_id = 0;
	if (p->attach_prog_fd)
		return rb_obj_attach_prog_target(obj, p);
	if (p->type == BPF_PROG_TYPE_EXT && !p->attach_func)
		return 0;	/* rb_obj_attach_target says what is missing */
	err = rb_obj_attach_name(p, name, sizeof(name), &kind);
	if (err <= 0)
		return err ? rb_obj_err(obj, err,
					"program %s: section %s names no attach target",
					p->name, p->sec_name) : 0;
	return rb_obj_err(obj, -EOPNOTSUPP,
			  "program %s (section %s) attaches to %s in the kernel's BTF; this rawbpf was built with RAWBPF_WITH_KERNEL_BTF=OFF",
			  p->name, p->sec_name, name);
}

int rb_obj_prepare_kernel(struct rawbpf_object *obj, struct rb_kprep *k)
{
	uint32_t i;
	int err;

	memset(k, 0, sizeof(*k));
	if (obj->btf_path || obj->btf_data || obj->btf_module_path)
		return rb_obj_err(obj, -EOPNOTSUPP,
				  "a target BTF (%s) was given; this rawbpf was built with RAWBPF_WITH_KERNEL_BTF=OFF",
				  obj->btf_path ? obj->btf_path : obj->btf_module_path ?
				  obj->btf_module_path : "caller's buffer");
	/* no struct_ops map here: RAWBPF_WITH_STRUCT_OPS needs this part, and
	 * struct_ops_off.c refuses them at open */
	for (i = 0; i < obj->nprogs; i++) {
		struct rawbpf_program *p = &obj->progs[i];

		if (!p->autoload || !p->type)
			continue;
		err = prepare(obj, p);
		if (err)
			return p->err = err;
	}
	return rb_obj_core_want(obj, k);	/* core_off.c: refuses CO-RE */
}

void rb_kprep_free(struct rb_kprep *k)
{
	(void)k;
}

void rawbpf_kernel_btf_release(void)
{
}
