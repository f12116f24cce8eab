/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * maps_iproute2.h - iproute2's struct bpf_elf_map in a legacy `maps`
 * section (internal): the fields after map_flags (id, pinning, inner_id,
 * inner_idx) read as iproute2 reads them, and where its pins go. Code:
 * maps_iproute2.c; lib/off/iproute2_off.c in a RAWBPF_WITH_IPROUTE2=OFF
 * build, which refuses any of those fields set.
 */
#ifndef RB_OBJECT_MAPS_IPROUTE2_H
#define RB_OBJECT_MAPS_IPROUTE2_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct rawbpf_object;
struct rawbpf_map;

#define RB_ELF_MAP_PIN_SIZE 28	/* struct bpf_elf_map up to pinning */
#define RB_ELF_MAP_SIZE 36	/* struct bpf_elf_map */

/* What iproute2's fields say about one map (index in obj->maps). */
struct rb_elf_map_ext {
	uint32_t map;
	uint32_t id, pinning, inner_id, inner_idx;
};

/*
 * rb_obj_elf_map_ext - read iproute2's fields of map @m from its entry @d
 * of @def_size (>= RB_ELF_MAP_PIN_SIZE) bytes into @x, check them and set
 * m->def.pinning (RB_PIN_TC_*). 0 or -errno with the message naming the
 * map and field.
 */
int rb_obj_elf_map_ext(struct rawbpf_object *obj, struct rawbpf_map *m,
		       const uint8_t *d, uint64_t def_size,
		       struct rb_elf_map_ext *x);

/*
 * rb_obj_elf_map_link - map-in-map the iproute2 way over the @n legacy maps
 * in @x: each outer map gets as inner template a copy of the map whose id is
 * its inner_id, and a map with an id fills slot inner_idx of the outer maps
 * naming it. 0 or -errno with the message set.
 */
int rb_obj_elf_map_link(struct rawbpf_object *obj,
			const struct rb_elf_map_ext *x, uint32_t n);

/*
 * rb_obj_tc_pin_path - the pin path of an iproute2-pinned map into @buf:
 * <root>/tc/globals/<name> or <root>/tc/<object name>/<name>; with @mkdir,
 * first make its directory (on bpffs only). 0 or -errno, message set.
 */
int rb_obj_tc_pin_path(struct rawbpf_map *m, const char *root, char *buf,
		       size_t size, bool mkdir);

#endif
