/* SPDX-License-Identifier: BSD-2-Clause */
/* kconfig.h - .kconfig externs and reading the kernel config (internal). */
#ifndef RB_OBJECT_KCONFIG_H
#define RB_OBJECT_KCONFIG_H

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
/* rb_obj_fill_kconfig - the externs' values (load). */
int rb_obj_fill_kconfig(struct rawbpf_object *obj);

/* rb_kconfig_read - the kernel config text from @plain, else gunzipped
 * from @gz; *@buf (NUL-terminated, *@len bytes + 1) from @a. */
int rb_kconfig_read(const struct rawbpf_allocator *a, const char *plain,
		    const char *gz, char **buf, size_t *len);

/* rb_inflate - raw DEFLATE @in into @out (@out_cap bytes); *@out_len.
 * -EBADMSG for bad input, -EOVERFLOW when @out is too small. */
int rb_inflate(const void *in, size_t in_len, void *out, size_t out_cap,
	       size_t *out_len);
/* rb_gunzip_size - where the DEFLATE data of gzip @in starts and the size
 * its trailer announces. */
int rb_gunzip_size(const void *in, size_t len, size_t *start, size_t *out_size);

#endif
