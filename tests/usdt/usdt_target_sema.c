// SPDX-License-Identifier: BSD-2-Clause
/* usdt_target_sema.c - rbtest:sema, guarded by its semaphore (in
 * .probes): fired only while a tracer holds the semaphore up. Returns the
 * semaphore's value, so the test sees the kernel incremented it. */
#define _SDT_HAS_SEMAPHORES 1
#include <sys/sdt.h>

int rb_usdt_fire_sema(int v);

__extension__ unsigned short rbtest_sema_semaphore
	__attribute__((unused, section(".probes")));

int rb_usdt_fire_sema(int v)
{
	if (rbtest_sema_semaphore)
		STAP_PROBE1(rbtest, sema, v);
	return rbtest_sema_semaphore;
}
