// SPDX-License-Identifier: BSD-2-Clause
/* usdt_target_mem.c - rbtest:mem, built at -O0: its arguments are read
 * from the stack (off(%rbp) operands). */
#include <sys/sdt.h>

void rb_usdt_fire_mem(int a, long b, short c);

void rb_usdt_fire_mem(int a, long b, short c)
{
	STAP_PROBE3(rbtest, mem, a, b, c);
}
