/* SPDX-License-Identifier: BSD-2-Clause */
/* kconfig.h - .kconfig externs and reading the kernel config (internal). */
#ifndef RB_OBJECT_KCONFIG_H
#define RB_OBJECT_KCONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rawbpf/common.h"

struct rawbpf_object;
struct rb_extern;

/* rb_obj_collect_externs - lay out the .kconfig externs in one read-only
 * data map (open; no values yet). */
int rb_obj_collect_externs(struct rawbpf_object *obj);
/* rb_obj_extern_by_sym - the .kconfig extern of ELF symbol @sym, or NULL. */
const struct rb_extern *rb_obj_extern_by_sym(const struct rawbpf_object *obj,
					     uint32_t sym);
/* rb_obj_fixup_kconfig_btf - DATASEC .kconfig size, VAR offsets and
 * linkage as laid out. */
int rb_obj_fixup_kconfig_btf(struct rawbpf_object *obj);
/* rb_kconfig_store - @num as a @size-byte integer (1, 2, 4, 8) at @dst in
 * host byte order: 0, -ERANGE when it does not fit (@is_signed: as a two's
 * complement value), -EINVAL for another size. */
int rb_kconfig_store(void *dst, uint32_t size, bool is_signed, uint64_t num);

/* rb_obj_fill_kconfig - the externs' values (load). */
int rb_obj_fill_kconfig(struct rawbpf_object *obj);

#endif
