/* SPDX-License-Identifier: BSD-2-Clause */
/* inflate.h - raw DEFLATE and the gzip wrapper (pure, bounds-checked). */
#ifndef RB_CORE_INFLATE_H
#define RB_CORE_INFLATE_H

#include <stddef.h>
#include <stdint.h>

/* rb_inflate - raw DEFLATE @in into @out (@out_cap bytes); *@out_len.
 * -EBADMSG for bad input, -EOVERFLOW when @out is too small. */
int rb_inflate(const void *in, size_t in_len, void *out, size_t out_cap,
	       size_t *out_len);
/* rb_gunzip_size - where the DEFLATE data of gzip @in starts and the size
 * its trailer announces. */
int rb_gunzip_size(const void *in, size_t len, size_t *start, size_t *out_size);

#endif
