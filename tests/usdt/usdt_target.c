// SPDX-License-Identifier: BSD-2-Clause
/* usdt_target.c - a process with USDT probes (systemtap's sys/sdt.h) for
 * the USDT tests: built as a PIE at -O2, so rbtest:regs has register
 * arguments and rbtest:consts constants; rbtest:mem (stack memory, -O0)
 * and rbtest:sema (semaphore-guarded) sit in their own files, rbtestlib:lib
 * in a shared library. It waits for a byte on stdin, fires each probe
 * once with values derived from argc (argc 1: the values the tests
 * expect), then prints the semaphore's value it saw and exits. */
#include <stdio.h>
#include <unistd.h>
#include <sys/sdt.h>

#include "usdt_values.h"

void rb_usdt_fire_mem(int a, long b, short c);
int rb_usdt_fire_sema(int v);
void rb_usdt_lib_fire(int x, long y);

int main(int argc, char **argv)
{
	long a = argc + 6, b = -1000L * argc, c = (long)argc << RB_USDT_WIDE_SHIFT;
	char go;
	int sema;

	(void)argv;
	if (read(0, &go, 1) != 1)
		return 1;
	STAP_PROBE3(rbtest, regs, a, b, c);		/* 7, -1000, 1 << 33 (20) */
	STAP_PROBE2(rbtest, consts, 42, -7);
	rb_usdt_fire_mem(10 + argc, -21L - argc, (short)(32 + argc));	/* 11 -22 33 */
	sema = rb_usdt_fire_sema(98 + argc);		/* 99 */
	rb_usdt_lib_fire(4 + argc, RB_USDT_LIB_Y - 1 + argc);
	printf("%d\n", sema);
	return 0;
}
