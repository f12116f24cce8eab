// SPDX-License-Identifier: BSD-2-Clause
/*
 * start.c - the entry point of the no-libc firmware example: no crt, no
 * libc. _start hands the initial stack (argc, argv..., NULL, envp...) to
 * fw_main() and exits with its result through the raw exit_group system
 * call; nothing runs before or after (no constructors, no atexit).
 */
__asm__(
	".text\n"
	".global _start\n"
	".type _start, %function\n"
	"_start:\n"
#if defined(__x86_64__)
	"	xor %ebp, %ebp\n"
	"	mov %rsp, %rdi\n"
	"	and $-16, %rsp\n"
	"	call fw_main\n"
	"	mov %eax, %edi\n"
	"	mov $231, %eax\n"	/* exit_group */
	"	syscall\n"
	"	hlt\n"
#elif defined(__aarch64__)
	"	mov x29, #0\n"
	"	mov x30, #0\n"
	"	mov x0, sp\n"
	"	bl fw_main\n"
	"	mov x8, #94\n"		/* exit_group */
	"	svc #0\n"
#elif defined(__riscv) && __riscv_xlen == 64
	"	.option push\n"
	"	.option norelax\n"
	"	la gp, __global_pointer$\n"	/* gp-relative data */
	"	.option pop\n"
	"	mv a0, sp\n"
	"	andi sp, sp, -16\n"
	"	call fw_main\n"
	"	li a7, 94\n"		/* exit_group */
	"	ecall\n"
#elif defined(__i386__)
	"	xor %ebp, %ebp\n"
	"	mov %esp, %eax\n"
	"	and $-16, %esp\n"
	"	sub $12, %esp\n"	/* 16-byte aligned at the call */
	"	push %eax\n"
	"	call fw_main\n"
	"	mov %eax, %ebx\n"
	"	mov $252, %eax\n"	/* exit_group */
	"	int $0x80\n"
	"	hlt\n"
#else
#error "examples/firmware: no _start for this architecture"
#endif
);
