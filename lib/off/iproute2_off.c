// SPDX-License-Identifier: BSD-2-Clause
/* iproute2_off.c - stands in for object/maps_iproute2.c in a build with
 * RAWBPF_WITH_IPROUTE2=OFF: legacy `maps` entries still load as struct
 * bpf_map_def, and an entry that sets any of iproute2's bpf_elf_map fields
 * (id, pinning, inner_id, inner_idx) is refused by name rather than read
 * without them. */
#include <errno.h>

#include "object/object.h"
#include "object/maps_iproute2.h"

int rb_obj_elf_map_ext(struct rawbpf_object *obj, struct rawbpf_map *m,
		       const uint8_t *d, uint64_t def_size,
		       struct rb_elf_map_ext *x)
{
	uint64_t k, end = def_size < RB_ELF_MAP_SIZE ? def_size : RB_ELF_MAP_SIZE;

	(void)x;
	for (k = 20; k < end; k++)
		if (d[k])
			return rb_obj_err(obj, -EOPNOTSUPP,
					  "map %s: sets iproute2's struct bpf_elf_map fields (id, pinning, inner_id, inner_idx); this rawbpf was built with RAWBPF_WITH_IPROUTE2=OFF",
					  m->name);
	return 0;
}

int rb_obj_elf_map_link(struct rawbpf_object *obj,
			const struct rb_elf_map_ext *x, uint32_t n)
{
	uint32_t i;

	/* with no fields set, an outer map has no inner_id */
	for (i = 0; i < n; i++)
		if (obj->maps[x[i].map].def.type == BPF_MAP_TYPE_ARRAY_OF_MAPS ||
		    obj->maps[x[i].map].def.type == BPF_MAP_TYPE_HASH_OF_MAPS)
			return rb_obj_err(obj, -EOPNOTSUPP,
					  "map %s: a legacy map-in-map needs iproute2's inner_id; this rawbpf was built with RAWBPF_WITH_IPROUTE2=OFF",
					  obj->maps[x[i].map].name);
	return 0;
}

int rb_obj_tc_pin_path(struct rawbpf_map *m, const char *root, char *buf,
		       size_t size, bool mkdir)
{
	(void)root, (void)buf, (void)size, (void)mkdir;
	return rb_obj_err(m->obj, -EOPNOTSUPP,
			  "map %s: iproute2 pinning needs RAWBPF_WITH_IPROUTE2=ON",
			  m->name);
}
