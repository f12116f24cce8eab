/* SPDX-License-Identifier: BSD-2-Clause */
/* usdt_values.h - the values the USDT test process passes that depend on
 * the width of long (tests/usdt/usdt_target.c fires them, kernel/attach_usdt
 * checks them): a value past 32 bits where long has 64, one that fits
 * where it has 32. */
#ifndef RB_USDT_VALUES_H
#define RB_USDT_VALUES_H

#if __SIZEOF_LONG__ == 8
#define RB_USDT_WIDE_SHIFT 33		/* regs' third argument: 1 << 33 */
#define RB_USDT_LIB_Y 123456789012L	/* the library probe's second */
#else
#define RB_USDT_WIDE_SHIFT 20
#define RB_USDT_LIB_Y 123456789L
#endif

#endif
