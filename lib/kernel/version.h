/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * version.h - the running kernel's LINUX_VERSION_CODE (a << 16 | b << 8 |
 * c, c clamped at 255 as the kernel clamps it), which kernels before 5.0
 * demand in kern_version of kprobe programs and which .kconfig's
 * LINUX_KERNEL_VERSION reports. Internal.
 *
 * uname's release is not always it: Debian's says "6.1.0-18-amd64" while
 * its version string says "... Debian 6.1.76-1 ..."; Ubuntu keeps the
 * upstream version in /proc/version_signature ("Ubuntu 5.15.0-91.101-generic
 * 5.15.131"). The same order of preference as libbpf: Ubuntu's file, then
 * Debian's version string, then the release.
 */
#ifndef RB_KERNEL_VERSION_H
#define RB_KERNEL_VERSION_H

#include <stdint.h>

#include "rawbpf/common.h"

/* rb_kver_parse - the code of the "a.b[.c]" at the start of @s; 0 if none. */
uint32_t rb_kver_parse(const char *s);
/* rb_kver_from - the code from uname's @release and @version and the text of
 * /proc/version_signature (@signature, NULL if absent); 0 if none parses.
 * Pure. */
uint32_t rb_kver_from(const char *release, const char *version, const char *signature);
/* rb_kernel_version - the running kernel's code, worked out once per process
 * (uname through lib/sys, the Ubuntu file read with @a and freed); -errno if
 * uname fails, -EINVAL if nothing parses. */
int64_t rb_kernel_version(const struct rawbpf_allocator *a);

#endif
