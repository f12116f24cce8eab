/* SPDX-License-Identifier: BSD-2-Clause */
/* arch/aarch64/syscall.h - one system call with up to six arguments on
 * aarch64: number in x8, arguments in x0-x5, `svc #0`, result in x0
 * (-errno on failure). */
#ifndef RB_SYS_ARCH_SYSCALL_H
#define RB_SYS_ARCH_SYSCALL_H

static inline long rb_arch_syscall6(long nr, long a, long b, long c, long d,
				    long e, long f)
{
	register long x8 __asm__("x8") = nr;
	register long x0 __asm__("x0") = a;
	register long x1 __asm__("x1") = b;
	register long x2 __asm__("x2") = c;
	register long x3 __asm__("x3") = d;
	register long x4 __asm__("x4") = e;
	register long x5 __asm__("x5") = f;

	__asm__ volatile("svc #0"
			 : "+r"(x0)
			 : "r"(x8), "r"(x1), "r"(x2), "r"(x3), "r"(x4), "r"(x5)
			 : "memory");
	return x0;
}

#endif
