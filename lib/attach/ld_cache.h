/* SPDX-License-Identifier: BSD-2-Clause */
/* ld_cache.h - find a shared library by name the way the dynamic linker
 * would: in /etc/ld.so.cache, then in the standard library directories. */
#ifndef RB_ATTACH_LD_CACHE_H
#define RB_ATTACH_LD_CACHE_H

#include <stddef.h>
#include <stdint.h>

/* ldconfig's entry flags (glibc's ldconfig.h): the ELF libc6 type in the
 * low byte, the ABI a 64-bit or float-ABI variant requires in the next. */
#define RB_LDC_ELF_LIBC6	0x0003
#define RB_LDC_X8664_LIB64	0x0300
#define RB_LDC_S390_LIB64	0x0400
#define RB_LDC_POWERPC_LIB64	0x0500
#define RB_LDC_ARM_LIBHF	0x0900
#define RB_LDC_AARCH64_LIB64	0x0a00
#define RB_LDC_RISCV_DOUBLE	0x1000

/* rb_ld_cache_find - the path of the first library in ld.so.cache image
 * @buf/@len (the "glibc-ld.so.cache1.1" format, alone or after the old
 * "ld.so-1.7.0" table) whose flags are @flags and whose name is @name or
 * starts with @name followed by '.' or '-' ("libc" finds libc.so.6), into
 * @out. 0, -ENOENT (no such library), -EBADMSG (not a cache or truncated),
 * -ENAMETOOLONG. Memory only. */
int rb_ld_cache_find(const void *buf, size_t len, int32_t flags,
		     const char *name, char *out, size_t size);

/* rb_ld_cache_host_flags - the entry flags of this build's ABI. */
int32_t rb_ld_cache_host_flags(void);

#endif
