// SPDX-License-Identifier: BSD-2-Clause
/* sanitize_off.c - stands in for btf/btf_sanitize.c in a build with
 * RAWBPF_WITH_SANITIZE=OFF: BTF an older kernel refuses is not rewritten;
 * btf_load.c says so (naming the option) and loads without BTF. */
#include <errno.h>

#include "btf/btf.h"

uint32_t rb_btf_sanitize_needed(const struct rb_btf *btf)
{
	(void)btf;
	return 0;
}

uint32_t rb_btf_sanitize_guess(const struct rb_btf *btf, const char *log)
{
	(void)btf, (void)log;
	return RB_BTF_SAN_FUNC;	/* any flag: rb_btf_sanitize refuses it */
}

int rb_btf_sanitize(struct rb_btf *btf, uint32_t flags)
{
	(void)btf, (void)flags;
	return -EOPNOTSUPP;
}
