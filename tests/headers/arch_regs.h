/* SPDX-License-Identifier: BSD-2-Clause */
/* arch_regs.h - the register-holding structs of each kernel architecture,
 * reduced to the members bpf_tracing.h's PT_REGS_* name, as a vmlinux.h of
 * that architecture would declare them. Lets compat.bpf.c compile for
 * every __TARGET_ARCH_* on this (x86-64) machine. x86 without
 * __VMLINUX_H__ uses the real uapi <asm/ptrace.h> instead. */
#ifndef RAWBPF_TEST_ARCH_REGS_H
#define RAWBPF_TEST_ARCH_REGS_H

#define RB_KSTRUCT __attribute__((preserve_access_index))

#if defined(__TARGET_ARCH_x86) && defined(__VMLINUX_H__)
struct pt_regs {
	unsigned long r15, r14, r13, r12, bp, bx, r11, r10, r9, r8;
	unsigned long ax, cx, dx, si, di, orig_ax, ip, cs, flags, sp, ss;
} RB_KSTRUCT;
#elif defined(__TARGET_ARCH_x86)
#include <asm/ptrace.h>
#elif defined(__TARGET_ARCH_s390)
typedef struct {
	struct { unsigned long mask, addr; } psw;
	unsigned long gprs[16];
} RB_KSTRUCT user_pt_regs;
struct pt_regs {
	union { user_pt_regs user_regs; };
	unsigned long orig_gpr2;
} RB_KSTRUCT;
#elif defined(__TARGET_ARCH_arm)
struct pt_regs { unsigned long uregs[18]; } RB_KSTRUCT;
#elif defined(__TARGET_ARCH_arm64)
struct user_pt_regs {
	unsigned long long regs[31], sp, pc, pstate;
} RB_KSTRUCT;
struct pt_regs {
	union { struct user_pt_regs user_regs; };
	unsigned long long orig_x0;
} RB_KSTRUCT;
#elif defined(__TARGET_ARCH_mips)
struct pt_regs {
	unsigned long regs[32], cp0_status, hi, lo, cp0_badvaddr, cp0_cause, cp0_epc;
} RB_KSTRUCT;
#elif defined(__TARGET_ARCH_powerpc)
struct pt_regs {
	unsigned long gpr[32], nip, msr, orig_gpr3, ctr, link;
} RB_KSTRUCT;
#elif defined(__TARGET_ARCH_sparc)
#define UREG_I0 8
#define UREG_I1 9
#define UREG_I2 10
#define UREG_I3 11
#define UREG_I4 12
#define UREG_I5 13
#define UREG_FP 14
#define UREG_I7 15
struct pt_regs {
	unsigned long u_regs[16], tstate, tpc, tnpc;
} RB_KSTRUCT;
#elif defined(__TARGET_ARCH_riscv)
struct user_regs_struct {
	unsigned long pc, ra, sp, gp, tp, t0, t1, t2, s0, s1;
	unsigned long a0, a1, a2, a3, a4, a5, a6, a7;
} RB_KSTRUCT;
struct pt_regs { unsigned long epc, ra, sp, orig_a0; } RB_KSTRUCT;
#elif defined(__TARGET_ARCH_arc)
struct user_regs_struct {
	struct { long pad, bta, lp_start, lp_end, lp_count, status32, ret, blink,
		fp, gp, r12, r11, r10, r9, r8, r7, r6, r5, r4, r3, r2, r1, r0,
		sp; } scratch;
} RB_KSTRUCT;
struct pt_regs { long orig_r0; } RB_KSTRUCT;
#elif defined(__TARGET_ARCH_loongarch)
struct pt_regs {
	unsigned long regs[32], orig_a0, csr_era;
} RB_KSTRUCT;
#endif

#endif /* RAWBPF_TEST_ARCH_REGS_H */
