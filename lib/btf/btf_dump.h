/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * btf_dump.h - writing parsed BTF as text (internal): a C header that
 * compiles (vmlinux.h) or bpftool-style raw lines. Output goes through the
 * caller's write callback in chunks; nothing here does I/O itself.
 */
#ifndef RB_BTF_DUMP_H
#define RB_BTF_DUMP_H

#include "btf/btf.h"
#include "rawbpf/btf.h"

/* rb_btf_dump_c - write @btf as a C header guarded by @guard (NULL:
 * __VMLINUX_H__); 0, -ENOMEM, or the first error @write returned. */
int rb_btf_dump_c(const struct rb_btf *btf, const char *guard,
		  const struct rawbpf_allocator *a, rawbpf_write_fn write, void *ctx);
/* rb_btf_dump_raw - write @btf one type a line ("[id] KIND 'name' ...",
 * members, entries and parameters on indented lines after it). */
int rb_btf_dump_raw(const struct rb_btf *btf, const struct rawbpf_allocator *a,
		    rawbpf_write_fn write, void *ctx);

#endif
