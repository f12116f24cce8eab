/* SPDX-License-Identifier: BSD-2-Clause */
/* arch/i386/syscall.h - one system call with up to six arguments on
 * i386: number in eax, arguments in ebx ecx edx esi edi ebp, `int $0x80`
 * (slow but present everywhere; no vDSO lookup without libc), result in
 * eax (-errno on failure). ebx may be the PIC register and ebp the frame
 * pointer, neither an operand the compiler hands out: the first, fifth
 * and sixth arguments travel in a block that edi points to, and both
 * registers are saved around the call. */
#ifndef RB_SYS_ARCH_SYSCALL_H
#define RB_SYS_ARCH_SYSCALL_H

static inline long rb_arch_syscall6(long nr, long a, long b, long c, long d,
				    long e, long f)
{
	long blk[3] = { a, e, f };
	long *p = blk;
	long ret;

	__asm__ volatile("push %%ebp\n\t"
			 "push %%ebx\n\t"
			 "mov 0(%%edi), %%ebx\n\t"
			 "mov 8(%%edi), %%ebp\n\t"
			 "mov 4(%%edi), %%edi\n\t"
			 "int $0x80\n\t"
			 "pop %%ebx\n\t"
			 "pop %%ebp"
			 : "=a"(ret), "+D"(p)
			 : "a"(nr), "c"(b), "d"(c), "S"(d), "m"(blk)
			 : "memory", "cc");
	return ret;
}

#endif
