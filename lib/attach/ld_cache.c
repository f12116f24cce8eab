// SPDX-License-Identifier: BSD-2-Clause
/*
 * ld_cache.c - libraries by name for uprobes: ld.so.cache, read as glibc's
 * ldconfig writes it, and the standard library directories.
 *
 * The cache (new format): a 48-byte header ("glibc-ld.so.cache" "1.1",
 * nlibs, len_strings, flags, extension offset, reserved) then nlibs
 * 24-byte entries (int32 flags, uint32 key, uint32 value, uint32
 * osversion, uint64 hwcap); key (the soname) and value (the path) are
 * offsets of NUL-terminated strings from the start of the new header. An
 * old-format table ("ld.so-1.7.0", nlibs, 12-byte entries) may precede it,
 * the new header then starting at the next 8-byte boundary.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "rawbpf/attach_trace.h"
#include "attach/ld_cache.h"
#include "core/mem.h"
#include "core/slurp.h"
#include "sys/libc.h"

#define NEW_MAGIC "glibc-ld.so.cache1.1"
#define OLD_MAGIC "ld.so-1.7.0"
#define NEW_HDR 48
#define NEW_ENTRY 24
#define OLD_HDR 16
#define OLD_ENTRY 12

static uint32_t u32_at(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

/* The NUL-terminated string at @off of @base/@len, or NULL. */
static const char *str_at(const uint8_t *base, size_t len, uint32_t off)
{
	if (off >= len || !memchr(base + off, '\0', len - off))
		return NULL;
	return (const char *)base + off;
}

static int name_matches(const char *soname, const char *name)
{
	size_t n = strlen(name);

	return !strncmp(soname, name, n) &&
	       (soname[n] == '\0' || soname[n] == '.' || soname[n] == '-');
}

int rb_ld_cache_find(const void *buf, size_t len, int32_t flags,
		     const char *name, char *out, size_t size)
{
	const uint8_t *p = buf;
	size_t start = 0;
	uint32_t nlibs;

	if (len >= OLD_HDR && !memcmp(p, OLD_MAGIC, strlen(OLD_MAGIC))) {
		uint64_t end = OLD_HDR + (uint64_t)u32_at(p + 12) * OLD_ENTRY;

		start = (size_t)((end + 7) & ~7ULL);
		if (end > len)
			return -EBADMSG;
	}
	if (start > len || len - start < NEW_HDR ||
	    memcmp(p + start, NEW_MAGIC, strlen(NEW_MAGIC)))
		return -EBADMSG;
	p += start;
	len -= start;
	nlibs = u32_at(p + 20);
	if (nlibs > (len - NEW_HDR) / NEW_ENTRY)
		return -EBADMSG;
	for (uint32_t i = 0; i < nlibs; i++) {
		const uint8_t *e = p + NEW_HDR + (size_t)i * NEW_ENTRY;
		const char *key = str_at(p, len, u32_at(e + 4));
		const char *val = str_at(p, len, u32_at(e + 8));

		if (!key || !val)
			return -EBADMSG;
		if ((int32_t)u32_at(e) != flags || !name_matches(key, name))
			continue;
		if (strlen(val) >= size)
			return -ENAMETOOLONG;
		strcpy(out, val);
		return 0;
	}
	return -ENOENT;
}

int32_t rb_ld_cache_host_flags(void)
{
#if defined(__x86_64__) && !defined(__ILP32__)
	return RB_LDC_ELF_LIBC6 | RB_LDC_X8664_LIB64;
#elif defined(__aarch64__)
	return RB_LDC_ELF_LIBC6 | RB_LDC_AARCH64_LIB64;
#elif defined(__s390x__)
	return RB_LDC_ELF_LIBC6 | RB_LDC_S390_LIB64;
#elif defined(__powerpc64__)
	return RB_LDC_ELF_LIBC6 | RB_LDC_POWERPC_LIB64;
#elif defined(__riscv) && __riscv_xlen == 64 && defined(__riscv_float_abi_double)
	return RB_LDC_ELF_LIBC6 | RB_LDC_RISCV_DOUBLE;
#elif defined(__arm__) && defined(__ARM_PCS_VFP)
	return RB_LDC_ELF_LIBC6 | RB_LDC_ARM_LIBHF;
#else
	return RB_LDC_ELF_LIBC6;
#endif
}

/* The standard directories, the multiarch one of this ABI first. */
static const char *const std_dirs[] = {
#if defined(__x86_64__)
	"/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu",
#elif defined(__aarch64__)
	"/lib/aarch64-linux-gnu", "/usr/lib/aarch64-linux-gnu",
#elif defined(__s390x__)
	"/lib/s390x-linux-gnu", "/usr/lib/s390x-linux-gnu",
#elif defined(__i386__)	/* Debian's multiarch names, not the gcc triplets */
	"/lib/i386-linux-gnu", "/usr/lib/i386-linux-gnu",
#elif defined(__arm__) && defined(__ARM_PCS_VFP)
	"/lib/arm-linux-gnueabihf", "/usr/lib/arm-linux-gnueabihf",
#elif defined(__arm__)
	"/lib/arm-linux-gnueabi", "/usr/lib/arm-linux-gnueabi",
#elif defined(__powerpc64__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	"/lib/powerpc64le-linux-gnu", "/usr/lib/powerpc64le-linux-gnu",
#elif defined(__riscv) && __riscv_xlen == 64
	"/lib/riscv64-linux-gnu", "/usr/lib/riscv64-linux-gnu",
#elif defined(__mips__) && !defined(__LP64__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	"/lib/mipsel-linux-gnu", "/usr/lib/mipsel-linux-gnu",
#elif defined(__mips__) && !defined(__LP64__)
	"/lib/mips-linux-gnu", "/usr/lib/mips-linux-gnu",
#endif
#if defined(__LP64__)
	"/lib64", "/usr/lib64",
#endif
	"/lib", "/usr/lib", "/usr/local/lib",
};

/* @dir/@name, or @dir/@name.so, when it is a regular file. */
static int try_dir(const char *dir, const char *name, char *out, size_t size)
{
	static const char *const suffix[] = { "", ".so" };
	struct rb_stat st;

	for (size_t i = 0; i < 2; i++) {
		int n = snprintf(out, size, "%s/%s%s", dir, name, suffix[i]);

		if (n < 0 || (size_t)n >= size)
			return -ENAMETOOLONG;
		if (!rb_sys_stat(out, &st) && (st.mode & S_IFMT) == S_IFREG)
			return 0;
	}
	return -ENOENT;
}

int rawbpf_uprobe_find_library_file(const char *name, char *buf, size_t size,
				    const struct rawbpf_allocator *alloc)
{
	char *cache = NULL;
	size_t len = 0, cap = 0;
	int err;

	if (!name || !*name || strchr(name, '/') || !buf)
		return -EINVAL;
	err = rb_slurp_path(alloc, "/etc/ld.so.cache", 0, &cache, &len, &cap);
	if (!err) {
		err = rb_ld_cache_find(cache, len, rb_ld_cache_host_flags(),
				       name, buf, size);
		rb_free(alloc, cache);
		if (err != -ENOENT && err != -EBADMSG)
			return err;
	} else if (err == -ENOMEM) {
		return err;
	}
	/* no cache (musl, containers), an odd one, or not in it */
	for (size_t i = 0; i < sizeof(std_dirs) / sizeof(std_dirs[0]); i++) {
		err = try_dir(std_dirs[i], name, buf, size);
		if (err != -ENOENT)
			return err;
	}
	return -ENOENT;
}
