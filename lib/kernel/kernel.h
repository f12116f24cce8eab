/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * kernel.h - what the target kernel is, as lib/object asks for it: its BTF
 * (vmlinux, parsed once per process; see kernel_btf.c for the thread-safety
 * rules), its build configuration and its symbol addresses. lib/object
 * reads no /proc or /sys file itself.
 */
#ifndef RB_KERNEL_KERNEL_H
#define RB_KERNEL_KERNEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "btf/btf.h"

/* ---- files (kernel_btf.c) ---- */

/* A file's bytes: mapped read-only, or read (sysfs before 6.16 refuses
 * mmap) into memory from @a. */
struct rb_kfile {
	void *data;
	size_t size;
	bool mapped;
	const struct rawbpf_allocator *a;
};

/* rb_kernel_file_open - map or read the file at @path into @f; 0 or -errno
 * (-EISDIR, -ENODATA for an empty file). */
int rb_kernel_file_open(const char *path, const struct rawbpf_allocator *a,
			struct rb_kfile *f);
/* rb_kernel_file_close - unmap or free @f (a zeroed @f is fine). */
void rb_kernel_file_close(struct rb_kfile *f);

/* ---- the running kernel's BTF (kernel_btf.c) ---- */

/* rb_kernel_btf - vmlinux BTF (mapped and parsed on first use, then cached
 * for the process); 0 and *@out, or -errno (-ENOENT: no kernel BTF). */
int rb_kernel_btf(const struct rb_btf **out);

struct rb_btf_names;
/* rb_kernel_btf_names - the ids of @names[0..@n) in vmlinux BTF, among
 * the types of @kinds (RB_BTF_KINDS mask), into @res (from @a;
 * rb_btf_names_free), and that BTF in *@btf. The first call of the
 * process finds them while parsing; 0 or -errno. */
int rb_kernel_btf_names(const char *const *names, uint32_t n, uint32_t kinds,
			const struct rawbpf_allocator *a,
			const struct rb_btf **btf, struct rb_btf_names *res);

/* ---- module BTF (module_btf.c) ---- */

/* One module's split BTF on top of vmlinux BTF. */
struct rb_kmod {
	const char *name;	/* module name, or the caller's file path */
	const struct rb_btf *btf;
	bool from_file;		/* the caller's file: no kernel BTF object */
};

/* rb_kernel_modules - every /sys/kernel/btf/<module>, parsed on top of
 * vmlinux BTF on the first call of the process and cached (released with
 * rawbpf_kernel_btf_release); 0 (also with none) or -errno. */
int rb_kernel_modules(const struct rb_kmod **mods, uint32_t *n);
/* rb_kernel_modules_release - drop the cache (kernel_btf.c's release). */
void rb_kernel_modules_release(void);
/* rb_kernel_module_btf_fd - a new fd of the kernel's BTF object of module
 * @name (BTF_GET_NEXT_ID, BTF_GET_FD_BY_ID, OBJ_GET_INFO_BY_FD); -ENOENT. */
int rb_kernel_module_btf_fd(const char *name);

/* ---- the target an object's kernel names are looked up in (target_btf.c) ---- */

/* Where the caller's target BTF comes from (all NULL: the running kernel). */
struct rb_ktarget_src {
	const char *path;		/* raw BTF or ELF with .BTF */
	const void *data;		/* or bytes (raw BTF or ELF) */
	size_t size;
	const char *module_path;	/* split BTF on top of the target */
};

struct rb_ktarget {
	const struct rawbpf_allocator *a;
	const struct rb_btf *vmlinux;	/* NULL until looked up */
	bool custom;			/* the caller's, not the running kernel's */
	struct rb_btf *own, *own_mod;	/* parsed from the caller's sources */
	struct rb_kfile file, mod_file;
	struct rb_kmod file_mod;
	const char *module_path;
	char what[96];			/* "kernel BTF (/sys/kernel/btf/vmlinux)" ... */
};

/* rb_btf_parse_target - parse @data as raw BTF, or as an ELF64 file whose
 * .BTF section is parsed, on top of @base if that is not NULL (split BTF);
 * fully checked (it is not the kernel's). 0 or -errno with @msg. Pure. */
int rb_btf_parse_target(const void *data, size_t size, const struct rb_btf *base,
			const struct rawbpf_allocator *a, struct rb_btf **out,
			char *msg, size_t msg_size);
/* rb_ktarget_open - read and parse the caller's target BTF (@src), or
 * prepare to use the running kernel's; 0 or -errno with @msg. */
int rb_ktarget_open(struct rb_ktarget *t, const struct rb_ktarget_src *src,
		    const struct rawbpf_allocator *a, char *msg, size_t msg_size);
/* rb_ktarget_names - the ids of @names in the target's vmlinux BTF, among
 * the types of @kinds, into @res (rb_btf_names_free); sets t->vmlinux.
 * 0 or -errno. */
int rb_ktarget_names(struct rb_ktarget *t, const char *const *names, uint32_t n,
		     uint32_t kinds, struct rb_btf_names *res);
/* rb_ktarget_modules - the module BTFs to search for names vmlinux lacks:
 * the caller's split file, else (running kernel only) every
 * /sys/kernel/btf/<module>. Parsed on the first call. 0 or -errno with @msg. */
int rb_ktarget_modules(struct rb_ktarget *t, const struct rb_kmod **mods,
		       uint32_t *n, char *msg, size_t msg_size);
/* rb_ktarget_close - release what rb_ktarget_open and the lookups took. */
void rb_ktarget_close(struct rb_ktarget *t);

/* ---- configuration and symbols (kconfig_read.c, kallsyms.c) ---- */

/* rb_kernel_config_read - the kernel config text from @plain, else
 * gunzipped from @gz; *@buf (NUL-terminated, *@len bytes + 1) from @a. */
int rb_kernel_config_read(const struct rawbpf_allocator *a, const char *plain,
			  const char *gz, char **buf, size_t *len);
/* rb_kernel_kallsyms_addr - address of kernel symbol @name from
 * /proc/kallsyms; 0, -ENOENT or the read's -errno. */
int rb_kernel_kallsyms_addr(const struct rawbpf_allocator *a, const char *name,
			    uint64_t *addr);

#endif
