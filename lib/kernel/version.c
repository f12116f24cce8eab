// SPDX-License-Identifier: BSD-2-Clause
/* version.c - LINUX_VERSION_CODE of the running kernel; see version.h. */
#include <errno.h>
#include <string.h>
#include <sys/utsname.h>

#include "core/mem.h"
#include "core/slurp.h"
#include "kernel/version.h"
#include "sys/libc.h"

#define UBUNTU_SIGNATURE "/proc/version_signature"

/* digits - a decimal number at *@p (advanced past it); -1 if none. */
static long digits(const char **p)
{
	long v = 0;

	if (**p < '0' || **p > '9')
		return -1;
	/* by hand: sscanf would pull ~40 KB of libc into static builds */
	while (**p >= '0' && **p <= '9' && v < 100000)
		v = v * 10 + (*(*p)++ - '0');
	return v;
}

uint32_t rb_kver_parse(const char *s)
{
	long a, b, c = 0;

	if (!s)
		return 0;
	a = digits(&s);
	if (a < 0 || a > 255 || *s++ != '.')
		return 0;
	b = digits(&s);
	if (b < 0 || b > 255)
		return 0;
	if (*s == '.') {
		s++;
		c = digits(&s);
		if (c < 0)
			c = 0;
	}
	return (uint32_t)a << 16 | (uint32_t)b << 8 | (uint32_t)(c > 255 ? 255 : c);
}

/* word - the @n-th (0-based) blank-separated word of @s; NULL if fewer. */
static const char *word(const char *s, int n)
{
	while (*s == ' ' || *s == '\t')
		s++;
	while (n-- > 0) {
		while (*s && *s != ' ' && *s != '\t' && *s != '\n')
			s++;
		while (*s == ' ' || *s == '\t')
			s++;
	}
	return *s && *s != '\n' ? s : NULL;
}

uint32_t rb_kver_from(const char *release, const char *version, const char *signature)
{
	const char *deb;
	uint32_t v;

	/* "Ubuntu 5.15.0-91.101-generic 5.15.131": the third word */
	if (signature && (v = rb_kver_parse(word(signature, 2))))
		return v;
	/* "#1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1 (2024-02-01)" */
	for (deb = version; deb && (deb = strstr(deb, "Debian ")); deb += 7)
		if ((v = rb_kver_parse(deb + 7)))
			return v;
	return rb_kver_parse(release);
}

int64_t rb_kernel_version(const struct rawbpf_allocator *a)
{
	static uint32_t cached;		/* 0: not yet; the same value from any thread */
	uint32_t v = __atomic_load_n(&cached, __ATOMIC_RELAXED);
	struct utsname u;
	char *sig = NULL;
	size_t len, cap;
	int err;

	if (v)
		return v;
	err = rb_sys_uname(&u);
	if (err)
		return err;
	/* absent outside Ubuntu: then only uname counts */
	err = rb_slurp_path(a, UBUNTU_SIGNATURE, 128, &sig, &len, &cap);
	if (err == -ENOENT)
		sig = NULL;
	else if (err)
		return err;	/* not cached: the next try may read it */
	v = rb_kver_from(u.release, u.version, sig);
	if (sig)
		rb_free(a, sig);
	if (!v)
		return -EINVAL;
	__atomic_store_n(&cached, v, __ATOMIC_RELAXED);
	return v;
}
