// SPDX-License-Identifier: BSD-2-Clause
/* arena_off.c - stands in for object/arena.c in a build with
 * RAWBPF_WITH_ARENA=OFF: an object with __arena globals (.addr_space.1) is
 * refused at open, naming the option; an arena map without globals is
 * created like any map (and not mmapped). */
#include <errno.h>
#include <string.h>

#include "object/object.h"

int rb_obj_collect_arena(struct rawbpf_object *obj)
{
	const struct rb_elf *e = &obj->elf;

	for (uint32_t i = 1; i < e->shnum; i++)
		if (!strcmp(e->sh[i].name, ".addr_space.1") && e->sh[i].size)
			return rb_obj_err(obj, -EOPNOTSUPP,
					  "section .addr_space.1: __arena globals; this rawbpf was built with RAWBPF_WITH_ARENA=OFF");
	return 0;
}

int rb_obj_arena_map(struct rawbpf_object *obj, struct rawbpf_map *m, bool fresh)
{
	(void)obj;
	(void)m;
	(void)fresh;
	return 0;
}

void *rb_obj_arena_globals(struct rawbpf_object *obj, size_t *size)
{
	(void)obj;
	(void)size;
	return NULL;
}
