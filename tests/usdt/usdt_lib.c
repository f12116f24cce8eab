// SPDX-License-Identifier: BSD-2-Clause
/* usdt_lib.c - a shared library with probe rbtestlib:lib. */
#include <sys/sdt.h>

void rb_usdt_lib_fire(int x, long y);

void rb_usdt_lib_fire(int x, long y)
{
	STAP_PROBE2(rbtestlib, lib, x, y);
}
