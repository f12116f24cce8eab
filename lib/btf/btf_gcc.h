/* SPDX-License-Identifier: BSD-2-Clause */
/* btf_gcc.h - rewrite gcc 12's kernel-refused BTF details (internal). */
#ifndef RB_BTF_BTF_GCC_H
#define RB_BTF_BTF_GCC_H

#include "btf/btf.h"

/* rb_btf_fix_gcc - INTs encoded SIGNED|CHAR become SIGNED, FWD types get
 * a zero type word, anonymous TYPEDEFs/FUNCs a name (private copy only); the number of types changed, or
 * -EPERM for a view. */
int rb_btf_fix_gcc(struct rb_btf *btf);

#endif
