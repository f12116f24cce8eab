/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * rawbpf/btf.h - BTF as text: `rawbpf btf dump`. No kernel needed; the
 * caller reads the file (raw BTF such as /sys/kernel/btf/vmlinux, or a BPF
 * ELF object whose .BTF section is used) and gets text through a callback.
 */
#ifndef RAWBPF_BTF_H
#define RAWBPF_BTF_H

#include "rawbpf/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A sink for text: write @len bytes; return 0, or a -errno that stops the dump. */
typedef int (*rawbpf_write_fn)(void *ctx, const char *buf, size_t len);

enum rawbpf_btf_format {
	RAWBPF_BTF_FORMAT_C = 0,	/* a C header that compiles (vmlinux.h) */
	RAWBPF_BTF_FORMAT_RAW = 1,	/* "[id] KIND 'name' ..." lines, as bpftool */
};

struct rawbpf_btf_dump_opts {
	uint32_t size;			/* sizeof(struct rawbpf_btf_dump_opts) */
	const struct rawbpf_allocator *alloc;	/* NULL: libc */
	uint32_t format;		/* enum rawbpf_btf_format */
	const char *guard;		/* C include guard; default __VMLINUX_H__ */
	rawbpf_log_fn log;		/* optional: why the input was refused */
	void *log_ctx;
};

/*
 * rawbpf_btf_dump - write the BTF in @data (@size bytes: raw BTF of either
 * byte order, or an ELF file with a .BTF section) through @write. Pure: no
 * syscalls. Returns 0, -EINVAL (not BTF, or malformed: the log says which
 * type), -ENOENT (an ELF file without .BTF), -ELOOP (C: types nested more
 * than 1024 deep), -E2BIG (C: the text would pass 1 MiB + 64 times the BTF's
 * size), -ENOMEM, or @write's error.
 */
RAWBPF_API int rawbpf_btf_dump(const void *data, size_t size, rawbpf_write_fn write,
			       void *ctx, const struct rawbpf_btf_dump_opts *opts);

struct rawbpf_object;

struct rawbpf_btf_min_opts {
	uint32_t size;			/* sizeof(struct rawbpf_btf_min_opts) */
	const struct rawbpf_allocator *alloc;	/* NULL: libc */
	rawbpf_log_fn log;		/* optional: why an input was refused */
	void *log_ctx;
	uint32_t flags;			/* RAWBPF_BTF_MIN_* */
};

/* Number every kept type densely, also those whose ids the kernel sees
 * (attach targets, typed ksyms, kfuncs, bpf_core_type_id_kernel): smaller,
 * but those ids then are the file's, not the kernel's -- only for kernels
 * whose BTF the kernel itself lacks, where such programs cannot load. */
#define RAWBPF_BTF_MIN_RENUMBER 1u

/*
 * rawbpf_btf_min - write, through @write, the smallest raw BTF (`rawbpf btf
 * min`, the BTFGen idea) that answers every CO-RE relocation, typed ksym,
 * kfunc and attach target of the opened objects @objs[0..@n) exactly as the
 * target BTF in @btf (@btf_size bytes: raw BTF or an ELF file's .BTF)
 * does, absent names staying absent. Types whose ids the kernel sees keep
 * their ids, so a load against the output gives the kernel the same
 * instructions and attach ids. Pure: no syscalls. 0, -EINVAL (bad BTF or
 * relocation record: the log says which), -ENOMEM, or @write's error.
 */
RAWBPF_API int rawbpf_btf_min(const void *btf, size_t btf_size,
			      struct rawbpf_object *const *objs, size_t n,
			      rawbpf_write_fn write, void *ctx,
			      const struct rawbpf_btf_min_opts *opts);
#ifdef __cplusplus
}
#endif
#endif
