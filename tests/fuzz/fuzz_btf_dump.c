// SPDX-License-Identifier: BSD-2-Clause
/* fuzz_btf_dump.c - libFuzzer target for rawbpf_btf_dump: any input (raw
 * BTF, ELF, garbage) in both formats; whatever parses must be written out
 * without a crash, a leak or a sanitizer report, and the C text must hold
 * no NUL byte. */
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "rawbpf/btf.h"

static int sink(void *ctx, const char *buf, size_t len)
{
	if (memchr(buf, 0, len))
		__builtin_trap();
	*(size_t *)ctx += len;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	RAWBPF_OPTS(rawbpf_btf_dump_opts, o);
	size_t n = 0;
	int c, r;

	c = rawbpf_btf_dump(data, size, sink, &n, &o);
	o.format = RAWBPF_BTF_FORMAT_RAW;
	r = rawbpf_btf_dump(data, size, sink, &n, &o);
	/* both formats accept the same inputs (C may also refuse deep nesting
	 * or text far larger than the input) */
	if ((c == 0) != (r == 0) && c != -ELOOP && c != -E2BIG)
		__builtin_trap();
	return 0;
}
