// SPDX-License-Identifier: BSD-2-Clause
/* struct_ops_off.c - stands in for struct_ops maps (object/struct_ops.c,
 * object/struct_ops_load.c, attach/struct_ops.c) in a build with
 * RAWBPF_WITH_STRUCT_OPS=OFF: an object with a .struct_ops or
 * .struct_ops.link section is refused at open naming the option, and
 * rawbpf_attach_struct_ops returns -EOPNOTSUPP. */
#include <errno.h>
#include <string.h>

#include "rawbpf/attach_auto.h"
#include "object/object.h"
#include "object/struct_ops_load.h"

int rb_obj_collect_struct_ops(struct rawbpf_object *obj)
{
	const struct rb_elf *e = &obj->elf;
	uint32_t i;

	for (i = 1; i < e->shnum; i++)
		if (!strcmp(e->sh[i].name, ".struct_ops") ||
		    !strcmp(e->sh[i].name, ".struct_ops.link"))
			return rb_obj_err(obj, -EOPNOTSUPP,
					  "section %s: struct_ops maps; this rawbpf was built with RAWBPF_WITH_STRUCT_OPS=OFF",
					  e->sh[i].name);
	return 0;
}

void rb_obj_free_struct_ops(struct rawbpf_object *obj, struct rb_st_ops *so)
{
	(void)obj, (void)so;	/* never made */
}

/* with KERNEL_BTF but no struct_ops: no map asks for kernel types */
int rb_obj_struct_ops_want(struct rawbpf_object *obj, struct rb_kprep *k)
{
	(void)obj, (void)k;
	return 0;
}

int rb_obj_struct_ops_resolve(struct rawbpf_object *obj, struct rb_kprep *k)
{
	(void)obj, (void)k;
	return 0;
}

int rb_obj_fill_struct_ops(struct rawbpf_object *obj)
{
	(void)obj;	/* no struct_ops map was made */
	return 0;
}

int rawbpf_attach_struct_ops(const struct rawbpf_map *map,
			     struct rawbpf_attachment **out)
{
	if (!map || !out)
		return -EINVAL;
	return -EOPNOTSUPP;
}
