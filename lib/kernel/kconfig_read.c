// SPDX-License-Identifier: BSD-2-Clause
/* kconfig_read.c - the kernel's build configuration as text: the plain
 * file (/boot/config-<release>) or, failing that, /proc/config.gz
 * unwrapped with the library's own inflate. */
#include <errno.h>

#include "kernel/kernel.h"
#include "core/inflate.h"
#include "core/mem.h"
#include "core/slurp.h"

int rb_kernel_config_read(const struct rawbpf_allocator *a, const char *plain,
		    const char *gz, char **buf, size_t *len)
{
	size_t zlen, zcap, start, size, got;
	char *z, *out;
	int err;

	err = rb_slurp_path(a, plain, 64 * 1024, buf, len, &zcap);
	if (!err) {
		/* callers free len + 1: make the buffer exactly that */
		out = rb_resize(a, *buf, *len + 1);
		if (!out) {
			rb_free(a, *buf);
			*buf = NULL;	/* the caller frees what it finds here */
			return -ENOMEM;
		}
		*buf = out;
		return 0;
	}
	/* Only a missing or unreadable file sends us to @gz: out of memory
	 * reading it must not turn into @gz's -ENOENT. */
	if (err == -ENOMEM)
		return err;
	err = rb_slurp_path(a, gz, 64 * 1024, &z, &zlen, &zcap);
	if (err)
		return err;
	err = rb_gunzip_size(z, zlen, &start, &size);
	if (!err && size > 64u << 20)
		err = -EFBIG;
	out = err ? NULL : rb_alloc(a, size + 1);
	if (!err && !out)
		err = -ENOMEM;
	if (!err)
		err = rb_inflate(z + start, zlen - start - 8, out, size, &got);
	rb_free(a, z);
	if (err) {
		rb_free(a, out);
		return err;
	}
	out[got] = '\0';
	*buf = out;
	*len = size;
	return 0;
}
