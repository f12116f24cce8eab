// SPDX-License-Identifier: BSD-2-Clause
/* kallsyms.c - kernel symbol addresses from /proc/kallsyms (typeless
 * .ksyms externs): one read of the file per call, a line scan. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/kernel.h"
#include "core/mem.h"
#include "core/slurp.h"

int rb_kernel_kallsyms_addr(const struct rawbpf_allocator *a, const char *name,
			    uint64_t *addr)
{
	size_t n, cap, len = strlen(name);
	char *buf, *p;
	int err = rb_slurp_path(a, "/proc/kallsyms", 1 << 20, &buf, &n, &cap);

	if (err)
		return err;
	err = -ENOENT;
	/* lines: "ffffffff81000000 T name [module]" */
	for (p = buf; err == -ENOENT && p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
		const char *s = strchr(p, ' ');

		if (!s || !s[1] || s[2] != ' ')
			continue;
		s += 3;
		if (strncmp(s, name, len) || (s[len] && s[len] != '\n' &&
					      s[len] != ' ' && s[len] != '\t'))
			continue;
		*addr = strtoull(p, NULL, 16);
		err = 0;
	}
	rb_free(a, buf);
	return err;
}
