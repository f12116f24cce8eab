/* SPDX-License-Identifier: BSD-2-Clause */
/* arch/x86_64/syscall.h - one system call with up to six arguments on
 * x86-64: number in rax, arguments in rdi rsi rdx r10 r8 r9, `syscall`
 * clobbers rcx and r11. The kernel's result (-errno on failure). */
#ifndef RB_SYS_ARCH_SYSCALL_H
#define RB_SYS_ARCH_SYSCALL_H

static inline long rb_arch_syscall6(long nr, long a, long b, long c, long d,
				    long e, long f)
{
	register long r10 __asm__("r10") = d;
	register long r8 __asm__("r8") = e;
	register long r9 __asm__("r9") = f;
	long ret;

	__asm__ volatile("syscall"
			 : "=a"(ret)
			 : "a"(nr), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8),
			   "r"(r9)
			 : "rcx", "r11", "memory");
	return ret;
}

#endif
