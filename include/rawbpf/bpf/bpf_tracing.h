/* SPDX-License-Identifier: BSD-2-Clause */
/* bpf_tracing.h - tracing-program conveniences with libbpf's names:
 * PT_REGS_* (a probed function's arguments, return value and registers,
 * per architecture), BPF_KPROBE / BPF_KRETPROBE / BPF_UPROBE /
 * BPF_URETPROBE / BPF_KSYSCALL (typed arguments from struct pt_regs) and
 * BPF_PROG / BPF_PROG2 (typed arguments from the u64 array of BTF-typed
 * programs: fentry, tp_btf, lsm, ...).
 *
 * The architecture is the kernel's, chosen with -D__TARGET_ARCH_<arch>
 * (x86, arm, arm64, s390, mips, powerpc, sparc, riscv, arc, loongarch);
 * compiled for a host (not -target bpf) it defaults to the host's. */
#ifndef __BPF_TRACING_H__
#define __BPF_TRACING_H__

#include "bpf_helpers.h"
#include "bpf_core_read.h"

/* ---- which architecture ------------------------------------------------- */
#if defined(__TARGET_ARCH_x86)
#define bpf_target_x86
#elif defined(__TARGET_ARCH_s390)
#define bpf_target_s390
#elif defined(__TARGET_ARCH_arm)
#define bpf_target_arm
#elif defined(__TARGET_ARCH_arm64)
#define bpf_target_arm64
#elif defined(__TARGET_ARCH_mips)
#define bpf_target_mips
#elif defined(__TARGET_ARCH_powerpc)
#define bpf_target_powerpc
#elif defined(__TARGET_ARCH_sparc)
#define bpf_target_sparc
#elif defined(__TARGET_ARCH_riscv)
#define bpf_target_riscv
#elif defined(__TARGET_ARCH_arc)
#define bpf_target_arc
#elif defined(__TARGET_ARCH_loongarch)
#define bpf_target_loongarch
#elif defined(__x86_64__) || defined(__i386__)
#define bpf_target_x86
#elif defined(__s390__)
#define bpf_target_s390
#elif defined(__aarch64__)
#define bpf_target_arm64
#elif defined(__arm__)
#define bpf_target_arm
#elif defined(__mips__)
#define bpf_target_mips
#elif defined(__powerpc__)
#define bpf_target_powerpc
#elif defined(__sparc__)
#define bpf_target_sparc
#elif defined(__riscv) && __riscv_xlen == 64
#define bpf_target_riscv
#elif defined(__arc__)
#define bpf_target_arc
#elif defined(__loongarch__)
#define bpf_target_loongarch
#endif

#if defined(bpf_target_x86) || defined(bpf_target_s390) ||		\
	defined(bpf_target_arm) || defined(bpf_target_arm64) ||		\
	defined(bpf_target_mips) || defined(bpf_target_powerpc) ||	\
	defined(bpf_target_sparc) || defined(bpf_target_riscv) ||	\
	defined(bpf_target_arc) || defined(bpf_target_loongarch)
#define bpf_target_defined
#endif

#ifndef __BPF_TARGET_MISSING
#define __BPF_TARGET_MISSING \
	"GCC error \"set the kernel architecture: -D__TARGET_ARCH_<arch>\""
#endif

/* ---- struct pt_regs member names, per architecture -----------------------
 * ___rb_reg_parmN: the Nth argument of a function (calling convention);
 * ___rb_reg_sys_parmN: of a system call where it differs; ret: where the
 * return address is on entry; fp, rc (return value), sp, ip. A register
 * an architecture cannot give is a member name that does not exist, so a
 * use fails to compile. ___rb_regs(x) casts to the type that has them. */
#if defined(bpf_target_x86)
#if defined(__KERNEL__) || defined(__VMLINUX_H__)
/* the kernel's struct pt_regs (vmlinux.h) */
#define ___rb_reg_parm1 di
#define ___rb_reg_parm2 si
#define ___rb_reg_parm3 dx
#define ___rb_reg_parm4 cx
#define ___rb_reg_parm5 r8
#define ___rb_reg_parm6 r9
#define ___rb_reg_ret sp
#define ___rb_reg_fp bp
#define ___rb_reg_rc ax
#define ___rb_reg_sp sp
#define ___rb_reg_ip ip
#define ___rb_reg_sys_parm4 r10
#elif defined(__i386__)
/* the uapi struct pt_regs of a 32-bit host: regparm(3) */
#define ___rb_reg_parm1 eax
#define ___rb_reg_parm2 edx
#define ___rb_reg_parm3 ecx
#define ___rb_reg_parm4 __rawbpf_no_such_register__
#define ___rb_reg_parm5 __rawbpf_no_such_register__
#define ___rb_reg_ret esp
#define ___rb_reg_fp ebp
#define ___rb_reg_rc eax
#define ___rb_reg_sp esp
#define ___rb_reg_ip eip
#else
/* the uapi <asm/ptrace.h> struct pt_regs of x86-64 */
#define ___rb_reg_parm1 rdi
#define ___rb_reg_parm2 rsi
#define ___rb_reg_parm3 rdx
#define ___rb_reg_parm4 rcx
#define ___rb_reg_parm5 r8
#define ___rb_reg_parm6 r9
#define ___rb_reg_ret rsp
#define ___rb_reg_fp rbp
#define ___rb_reg_rc rax
#define ___rb_reg_sp rsp
#define ___rb_reg_ip rip
#define ___rb_reg_sys_parm4 r10
#endif

#elif defined(bpf_target_s390)
/* user_pt_regs is a typedef on s390; the first syscall argument is
 * overwritten by the return value, orig_gpr2 keeps it. */
struct pt_regs___s390 {
	unsigned long orig_gpr2;
};
#define ___rb_regs(x) ((const user_pt_regs *)(x))
#define ___rb_reg_parm1 gprs[2]
#define ___rb_reg_parm2 gprs[3]
#define ___rb_reg_parm3 gprs[4]
#define ___rb_reg_parm4 gprs[5]
#define ___rb_reg_parm5 gprs[6]
#define ___rb_reg_ret gprs[14]
#define ___rb_reg_fp gprs[11]		/* with CONFIG_FRAME_POINTER only */
#define ___rb_reg_rc gprs[2]
#define ___rb_reg_sp gprs[15]
#define ___rb_reg_ip psw.addr
#define ___rb_reg_sys_parm6 gprs[7]
#define PT_REGS_PARM1_CORE_SYSCALL(x) \
	BPF_CORE_READ((const struct pt_regs___s390 *)(x), orig_gpr2)
#define PT_REGS_PARM1_SYSCALL(x) PT_REGS_PARM1_CORE_SYSCALL(x)

#elif defined(bpf_target_arm)
/* r0-r3 carry function arguments, r0-r6 system call arguments */
#define ___rb_reg_parm1 uregs[0]
#define ___rb_reg_parm2 uregs[1]
#define ___rb_reg_parm3 uregs[2]
#define ___rb_reg_parm4 uregs[3]
#define ___rb_reg_parm5 uregs[4]
#define ___rb_reg_sys_parm6 uregs[5]
#define ___rb_reg_ret uregs[14]		/* lr */
#define ___rb_reg_fp uregs[11]		/* with CONFIG_FRAME_POINTER only */
#define ___rb_reg_rc uregs[0]
#define ___rb_reg_sp uregs[13]
#define ___rb_reg_ip uregs[15]		/* pc (libbpf reads uregs[12], ip) */

#elif defined(bpf_target_arm64)
/* struct user_pt_regs is the head of the kernel's struct pt_regs; the first
 * syscall argument survives in orig_x0. */
struct pt_regs___arm64 {
	unsigned long orig_x0;
};
#define ___rb_regs(x) ((const struct user_pt_regs *)(x))
#define ___rb_reg_parm1 regs[0]
#define ___rb_reg_parm2 regs[1]
#define ___rb_reg_parm3 regs[2]
#define ___rb_reg_parm4 regs[3]
#define ___rb_reg_parm5 regs[4]
#define ___rb_reg_parm6 regs[5]
#define ___rb_reg_parm7 regs[6]
#define ___rb_reg_parm8 regs[7]
#define ___rb_reg_ret regs[30]		/* lr */
#define ___rb_reg_fp regs[29]		/* with CONFIG_FRAME_POINTER only */
#define ___rb_reg_rc regs[0]
#define ___rb_reg_sp sp
#define ___rb_reg_ip pc
#define PT_REGS_PARM1_CORE_SYSCALL(x) \
	BPF_CORE_READ((const struct pt_regs___arm64 *)(x), orig_x0)
#define PT_REGS_PARM1_SYSCALL(x) PT_REGS_PARM1_CORE_SYSCALL(x)

#elif defined(bpf_target_mips)
/* n64: a0-a7 are $4-$11 */
#define ___rb_reg_parm1 regs[4]
#define ___rb_reg_parm2 regs[5]
#define ___rb_reg_parm3 regs[6]
#define ___rb_reg_parm4 regs[7]
#define ___rb_reg_parm5 regs[8]
#define ___rb_reg_parm6 regs[9]
#define ___rb_reg_parm7 regs[10]
#define ___rb_reg_parm8 regs[11]
#define ___rb_reg_ret regs[31]		/* ra */
#define ___rb_reg_fp regs[30]		/* with CONFIG_FRAME_POINTER only */
#define ___rb_reg_rc regs[2]		/* v0 */
#define ___rb_reg_sp regs[29]
#define ___rb_reg_ip cp0_epc

#elif defined(bpf_target_powerpc)
/* r3-r10 carry arguments; r1 is the stack pointer; no frame pointer */
#define ___rb_reg_parm1 gpr[3]
#define ___rb_reg_parm2 gpr[4]
#define ___rb_reg_parm3 gpr[5]
#define ___rb_reg_parm4 gpr[6]
#define ___rb_reg_parm5 gpr[7]
#define ___rb_reg_parm6 gpr[8]
#define ___rb_reg_parm7 gpr[9]
#define ___rb_reg_parm8 gpr[10]
#define ___rb_reg_ret link
#define ___rb_reg_fp __rawbpf_no_such_register__
#define ___rb_reg_rc gpr[3]
#define ___rb_reg_sp gpr[1]
#define ___rb_reg_ip nip
#define ___rb_reg_sys_parm1 orig_gpr3
#define PT_REGS_SYSCALL_REGS(ctx) ctx
#define BPF_KPROBE_READ_RET_IP(ip, ctx) ({ (ip) = (ctx)->link; })
#define BPF_KRETPROBE_READ_RET_IP BPF_KPROBE_READ_RET_IP

#elif defined(bpf_target_sparc)
/* the callee sees its arguments in %i0-%i5 */
#define ___rb_reg_parm1 u_regs[UREG_I0]
#define ___rb_reg_parm2 u_regs[UREG_I1]
#define ___rb_reg_parm3 u_regs[UREG_I2]
#define ___rb_reg_parm4 u_regs[UREG_I3]
#define ___rb_reg_parm5 u_regs[UREG_I4]
#define ___rb_reg_parm6 u_regs[UREG_I5]
#define ___rb_reg_ret u_regs[UREG_I7]
#define ___rb_reg_fp __rawbpf_no_such_register__
#define ___rb_reg_rc u_regs[UREG_I0]
#define ___rb_reg_sp u_regs[UREG_FP]
#if defined(__sparc__) && !defined(__arch64__)
#define ___rb_reg_ip pc			/* a 32-bit host build */
#else
#define ___rb_reg_ip tpc		/* sparc64, the BPF JIT's */
#endif
#define BPF_KPROBE_READ_RET_IP(ip, ctx) ({ (ip) = PT_REGS_RET(ctx); })
#define BPF_KRETPROBE_READ_RET_IP BPF_KPROBE_READ_RET_IP

#elif defined(bpf_target_riscv)
#define ___rb_regs(x) ((const struct user_regs_struct *)(x))
#define ___rb_reg_parm1 a0
#define ___rb_reg_parm2 a1
#define ___rb_reg_parm3 a2
#define ___rb_reg_parm4 a3
#define ___rb_reg_parm5 a4
#define ___rb_reg_parm6 a5
#define ___rb_reg_parm7 a6
#define ___rb_reg_parm8 a7
#define ___rb_reg_ret ra
#define ___rb_reg_fp s0
#define ___rb_reg_rc a0
#define ___rb_reg_sp sp
#define ___rb_reg_ip pc
#define PT_REGS_SYSCALL_REGS(ctx) ctx

#elif defined(bpf_target_arc)
#define ___rb_regs(x) ((const struct user_regs_struct *)(x))
#define ___rb_reg_parm1 scratch.r0
#define ___rb_reg_parm2 scratch.r1
#define ___rb_reg_parm3 scratch.r2
#define ___rb_reg_parm4 scratch.r3
#define ___rb_reg_parm5 scratch.r4
#define ___rb_reg_ret scratch.blink
#define ___rb_reg_fp __rawbpf_no_such_register__
#define ___rb_reg_rc scratch.r0
#define ___rb_reg_sp scratch.sp
#define ___rb_reg_ip scratch.ret
#define PT_REGS_SYSCALL_REGS(ctx) ctx

#elif defined(bpf_target_loongarch)
/* a0-a7 are r4-r11; the first syscall argument survives in orig_a0 */
#define ___rb_reg_parm1 regs[4]
#define ___rb_reg_parm2 regs[5]
#define ___rb_reg_parm3 regs[6]
#define ___rb_reg_parm4 regs[7]
#define ___rb_reg_parm5 regs[8]
#define ___rb_reg_parm6 regs[9]
#define ___rb_reg_parm7 regs[10]
#define ___rb_reg_parm8 regs[11]
#define ___rb_reg_ret regs[1]		/* ra */
#define ___rb_reg_fp regs[22]
#define ___rb_reg_rc regs[4]
#define ___rb_reg_sp regs[3]
#define ___rb_reg_ip csr_era
#define ___rb_reg_sys_parm1 orig_a0
#endif

#if defined(bpf_target_defined)

struct pt_regs;

#ifndef ___rb_regs
#define ___rb_regs(x) (x)
#endif
#define ___rb_reg(x, r) (___rb_regs(x)->r)
#define ___rb_reg_core(x, r) BPF_CORE_READ(___rb_regs(x), r)

/* ---- PT_REGS_*: direct reads (kprobe/uprobe context) and _CORE reads
 * (through a kernel pointer, with bpf_probe_read_kernel) ---------------- */
#define PT_REGS_PARM1(x) ___rb_reg(x, ___rb_reg_parm1)
#define PT_REGS_PARM2(x) ___rb_reg(x, ___rb_reg_parm2)
#define PT_REGS_PARM3(x) ___rb_reg(x, ___rb_reg_parm3)
#define PT_REGS_PARM4(x) ___rb_reg(x, ___rb_reg_parm4)
#define PT_REGS_PARM5(x) ___rb_reg(x, ___rb_reg_parm5)
#define PT_REGS_RET(x) ___rb_reg(x, ___rb_reg_ret)
#define PT_REGS_FP(x) ___rb_reg(x, ___rb_reg_fp)
#define PT_REGS_RC(x) ___rb_reg(x, ___rb_reg_rc)
#define PT_REGS_SP(x) ___rb_reg(x, ___rb_reg_sp)
#define PT_REGS_IP(x) ___rb_reg(x, ___rb_reg_ip)

#define PT_REGS_PARM1_CORE(x) ___rb_reg_core(x, ___rb_reg_parm1)
#define PT_REGS_PARM2_CORE(x) ___rb_reg_core(x, ___rb_reg_parm2)
#define PT_REGS_PARM3_CORE(x) ___rb_reg_core(x, ___rb_reg_parm3)
#define PT_REGS_PARM4_CORE(x) ___rb_reg_core(x, ___rb_reg_parm4)
#define PT_REGS_PARM5_CORE(x) ___rb_reg_core(x, ___rb_reg_parm5)
#define PT_REGS_RET_CORE(x) ___rb_reg_core(x, ___rb_reg_ret)
#define PT_REGS_FP_CORE(x) ___rb_reg_core(x, ___rb_reg_fp)
#define PT_REGS_RC_CORE(x) ___rb_reg_core(x, ___rb_reg_rc)
#define PT_REGS_SP_CORE(x) ___rb_reg_core(x, ___rb_reg_sp)
#define PT_REGS_IP_CORE(x) ___rb_reg_core(x, ___rb_reg_ip)

/* Arguments 6-8 exist where the calling convention passes them in
 * registers. */
#ifdef ___rb_reg_parm6
#define PT_REGS_PARM6(x) ___rb_reg(x, ___rb_reg_parm6)
#define PT_REGS_PARM6_CORE(x) ___rb_reg_core(x, ___rb_reg_parm6)
#endif
#ifdef ___rb_reg_parm7
#define PT_REGS_PARM7(x) ___rb_reg(x, ___rb_reg_parm7)
#define PT_REGS_PARM7_CORE(x) ___rb_reg_core(x, ___rb_reg_parm7)
#endif
#ifdef ___rb_reg_parm8
#define PT_REGS_PARM8(x) ___rb_reg(x, ___rb_reg_parm8)
#define PT_REGS_PARM8_CORE(x) ___rb_reg_core(x, ___rb_reg_parm8)
#endif

/* ---- system call arguments: the same registers unless the architecture
 * says otherwise (x86-64 uses r10 for the 4th) ------------------------- */
#ifndef ___rb_reg_sys_parm1
#define ___rb_reg_sys_parm1 ___rb_reg_parm1
#endif
#ifndef ___rb_reg_sys_parm4
#define ___rb_reg_sys_parm4 ___rb_reg_parm4
#endif
#if !defined(___rb_reg_sys_parm6) && defined(___rb_reg_parm6)
#define ___rb_reg_sys_parm6 ___rb_reg_parm6
#endif
#ifndef PT_REGS_PARM1_SYSCALL
#define PT_REGS_PARM1_SYSCALL(x) ___rb_reg(x, ___rb_reg_sys_parm1)
#define PT_REGS_PARM1_CORE_SYSCALL(x) ___rb_reg_core(x, ___rb_reg_sys_parm1)
#endif
#define PT_REGS_PARM2_SYSCALL(x) PT_REGS_PARM2(x)
#define PT_REGS_PARM3_SYSCALL(x) PT_REGS_PARM3(x)
#define PT_REGS_PARM4_SYSCALL(x) ___rb_reg(x, ___rb_reg_sys_parm4)
#define PT_REGS_PARM5_SYSCALL(x) PT_REGS_PARM5(x)
#define PT_REGS_PARM2_CORE_SYSCALL(x) PT_REGS_PARM2_CORE(x)
#define PT_REGS_PARM3_CORE_SYSCALL(x) PT_REGS_PARM3_CORE(x)
#define PT_REGS_PARM4_CORE_SYSCALL(x) ___rb_reg_core(x, ___rb_reg_sys_parm4)
#define PT_REGS_PARM5_CORE_SYSCALL(x) PT_REGS_PARM5_CORE(x)
#ifdef ___rb_reg_sys_parm6
#define PT_REGS_PARM6_SYSCALL(x) ___rb_reg(x, ___rb_reg_sys_parm6)
#define PT_REGS_PARM6_CORE_SYSCALL(x) ___rb_reg_core(x, ___rb_reg_sys_parm6)
#endif

/* A kprobe on a syscall's entry sees the wrapper's regs, whose first
 * argument points to the user's regs, where the kernel has the wrapper. */
#ifndef PT_REGS_SYSCALL_REGS
#define PT_REGS_SYSCALL_REGS(ctx) ((struct pt_regs *)PT_REGS_PARM1(ctx))
#endif

/* The caller's address: at *sp on entry (kprobe), next to the saved frame
 * pointer on return (kretprobe, needs frame pointers). */
#ifndef BPF_KPROBE_READ_RET_IP
#define BPF_KPROBE_READ_RET_IP(ip, ctx) ({				\
	bpf_probe_read_kernel(&(ip), sizeof(ip), (void *)PT_REGS_RET(ctx)); })
#define BPF_KRETPROBE_READ_RET_IP(ip, ctx) ({				\
	bpf_probe_read_kernel(&(ip), sizeof(ip),			\
			      (void *)(PT_REGS_FP(ctx) + sizeof(ip))); })
#endif

#else /* !bpf_target_defined: every use stops the build with the reason */

#define ___rb_no_target ({ _Pragma(__BPF_TARGET_MISSING); 0l; })
#define PT_REGS_PARM1(x) ___rb_no_target
#define PT_REGS_PARM2(x) ___rb_no_target
#define PT_REGS_PARM3(x) ___rb_no_target
#define PT_REGS_PARM4(x) ___rb_no_target
#define PT_REGS_PARM5(x) ___rb_no_target
#define PT_REGS_RET(x) ___rb_no_target
#define PT_REGS_FP(x) ___rb_no_target
#define PT_REGS_RC(x) ___rb_no_target
#define PT_REGS_SP(x) ___rb_no_target
#define PT_REGS_IP(x) ___rb_no_target
#define PT_REGS_PARM1_CORE(x) ___rb_no_target
#define PT_REGS_PARM2_CORE(x) ___rb_no_target
#define PT_REGS_PARM3_CORE(x) ___rb_no_target
#define PT_REGS_PARM4_CORE(x) ___rb_no_target
#define PT_REGS_PARM5_CORE(x) ___rb_no_target
#define PT_REGS_RET_CORE(x) ___rb_no_target
#define PT_REGS_FP_CORE(x) ___rb_no_target
#define PT_REGS_RC_CORE(x) ___rb_no_target
#define PT_REGS_SP_CORE(x) ___rb_no_target
#define PT_REGS_IP_CORE(x) ___rb_no_target
#define PT_REGS_PARM1_SYSCALL(x) ___rb_no_target
#define PT_REGS_PARM2_SYSCALL(x) ___rb_no_target
#define PT_REGS_PARM3_SYSCALL(x) ___rb_no_target
#define PT_REGS_PARM4_SYSCALL(x) ___rb_no_target
#define PT_REGS_PARM5_SYSCALL(x) ___rb_no_target
#define PT_REGS_PARM1_CORE_SYSCALL(x) ___rb_no_target
#define PT_REGS_PARM2_CORE_SYSCALL(x) ___rb_no_target
#define PT_REGS_PARM3_CORE_SYSCALL(x) ___rb_no_target
#define PT_REGS_PARM4_CORE_SYSCALL(x) ___rb_no_target
#define PT_REGS_PARM5_CORE_SYSCALL(x) ___rb_no_target
#define PT_REGS_SYSCALL_REGS(ctx) ___rb_no_target
#define BPF_KPROBE_READ_RET_IP(ip, ctx) ___rb_no_target
#define BPF_KRETPROBE_READ_RET_IP(ip, ctx) ___rb_no_target

#endif /* bpf_target_defined */

/* ---- typed program wrappers ---------------------------------------------
 * Each expands `int BPF_xxx(name, args...) { body }` into the program
 * `int name(<ctx>)`, which fetches the arguments and calls the inline
 * function `____name(ctx, args...)` that holds the body. The argument
 * values are passed as integers whatever the declared type, hence the
 * -Wint-conversion silence. */
#define ___rb_quiet_begin						\
	_Pragma("GCC diagnostic push")					\
	_Pragma("GCC diagnostic ignored \"-Wint-conversion\"")
#define ___rb_quiet_end _Pragma("GCC diagnostic pop")

#define ___rb_wrapper(name, ctx_t, fetch, ...)				\
name(ctx_t ctx);							\
static __always_inline typeof(name(0))					\
____##name(ctx_t ctx, ##__VA_ARGS__);					\
typeof(name(0)) name(ctx_t ctx)						\
{									\
	___rb_quiet_begin						\
	return ____##name(fetch);					\
	___rb_quiet_end							\
}									\
static __always_inline typeof(name(0))					\
____##name(ctx_t ctx, ##__VA_ARGS__)

/* BPF_PROG: argument i is ctx[i]. */
#define ___bpf_ctx_cast0() ctx
#define ___bpf_ctx_cast1(x) ___bpf_ctx_cast0(), (void *)ctx[0]
#define ___bpf_ctx_cast2(x, ...) ___bpf_ctx_cast1(__VA_ARGS__), (void *)ctx[1]
#define ___bpf_ctx_cast3(x, ...) ___bpf_ctx_cast2(__VA_ARGS__), (void *)ctx[2]
#define ___bpf_ctx_cast4(x, ...) ___bpf_ctx_cast3(__VA_ARGS__), (void *)ctx[3]
#define ___bpf_ctx_cast5(x, ...) ___bpf_ctx_cast4(__VA_ARGS__), (void *)ctx[4]
#define ___bpf_ctx_cast6(x, ...) ___bpf_ctx_cast5(__VA_ARGS__), (void *)ctx[5]
#define ___bpf_ctx_cast7(x, ...) ___bpf_ctx_cast6(__VA_ARGS__), (void *)ctx[6]
#define ___bpf_ctx_cast8(x, ...) ___bpf_ctx_cast7(__VA_ARGS__), (void *)ctx[7]
#define ___bpf_ctx_cast9(x, ...) ___bpf_ctx_cast8(__VA_ARGS__), (void *)ctx[8]
#define ___bpf_ctx_cast10(x, ...) ___bpf_ctx_cast9(__VA_ARGS__), (void *)ctx[9]
#define ___bpf_ctx_cast11(x, ...) ___bpf_ctx_cast10(__VA_ARGS__), (void *)ctx[10]
#define ___bpf_ctx_cast12(x, ...) ___bpf_ctx_cast11(__VA_ARGS__), (void *)ctx[11]
#define ___bpf_ctx_cast(...) \
	___bpf_apply(___bpf_ctx_cast, ___bpf_narg(__VA_ARGS__))(__VA_ARGS__)

/* BPF_PROG(name, type1 arg1, ...): fentry/fexit/fmod_ret/tp_btf/lsm/
 * struct_ops/iter/raw_tp; every argument fits in one u64. */
#define BPF_PROG(name, ...) \
	___rb_wrapper(name, unsigned long long *, ___bpf_ctx_cast(__VA_ARGS__), ##__VA_ARGS__)

/* BPF_PROG2(name, type1, arg1, type2, arg2, ...): as BPF_PROG, but an
 * argument may be a struct of up to 16 bytes, which takes two u64 slots.
 * Each value is rebuilt from its slots through a union of the right width
 * (so it is right on both endians); up to 6 arguments. */
#define ___rb_slots(t) ((sizeof(t) + 7) / 8)
#define ___rb_as(i, t, w) \
	({ union { w z; t v; } ___rb_u = { .z = (w)ctx[i] }; ___rb_u.v; })
#define ___rb_as2(i, t) \
	({ union { unsigned long long z[2]; t v; } ___rb_u = { .z = { ctx[i], ctx[(i) + 1] } }; ___rb_u.v; })
#define ___rb_slot_arg(i, t)						\
	__builtin_choose_expr(sizeof(t) == 1, ___rb_as(i, t, unsigned char), \
	__builtin_choose_expr(sizeof(t) == 2, ___rb_as(i, t, unsigned short), \
	__builtin_choose_expr(sizeof(t) == 4, ___rb_as(i, t, unsigned int), \
	__builtin_choose_expr(sizeof(t) == 8, ___rb_as(i, t, unsigned long long), \
	___rb_as2(i, t)))))
#define ___rb_p2_fetch0(i)
#define ___rb_p2_fetch2(i, t, x) , ___rb_slot_arg(i, t)
#define ___rb_p2_fetch4(i, t, x, ...) , ___rb_slot_arg(i, t) ___rb_p2_fetch2((i) + ___rb_slots(t), __VA_ARGS__)
#define ___rb_p2_fetch6(i, t, x, ...) , ___rb_slot_arg(i, t) ___rb_p2_fetch4((i) + ___rb_slots(t), __VA_ARGS__)
#define ___rb_p2_fetch8(i, t, x, ...) , ___rb_slot_arg(i, t) ___rb_p2_fetch6((i) + ___rb_slots(t), __VA_ARGS__)
#define ___rb_p2_fetch10(i, t, x, ...) , ___rb_slot_arg(i, t) ___rb_p2_fetch8((i) + ___rb_slots(t), __VA_ARGS__)
#define ___rb_p2_fetch12(i, t, x, ...) , ___rb_slot_arg(i, t) ___rb_p2_fetch10((i) + ___rb_slots(t), __VA_ARGS__)
#define ___rb_p2_decl0()
#define ___rb_p2_decl2(t, x) , t x
#define ___rb_p2_decl4(t, x, ...) , t x ___rb_p2_decl2(__VA_ARGS__)
#define ___rb_p2_decl6(t, x, ...) , t x ___rb_p2_decl4(__VA_ARGS__)
#define ___rb_p2_decl8(t, x, ...) , t x ___rb_p2_decl6(__VA_ARGS__)
#define ___rb_p2_decl10(t, x, ...) , t x ___rb_p2_decl8(__VA_ARGS__)
#define ___rb_p2_decl12(t, x, ...) , t x ___rb_p2_decl10(__VA_ARGS__)

#define BPF_PROG2(name, ...)						\
name(unsigned long long *ctx);						\
static __always_inline typeof(name(0))					\
____##name(unsigned long long *ctx					\
	___bpf_apply(___rb_p2_decl, ___bpf_narg(__VA_ARGS__))(__VA_ARGS__)); \
typeof(name(0)) name(unsigned long long *ctx)				\
{									\
	return ____##name(ctx						\
		___bpf_apply(___rb_p2_fetch, ___bpf_narg(__VA_ARGS__))(0, ##__VA_ARGS__)); \
}									\
static __always_inline typeof(name(0))					\
____##name(unsigned long long *ctx					\
	___bpf_apply(___rb_p2_decl, ___bpf_narg(__VA_ARGS__))(__VA_ARGS__))

/* BPF_KPROBE / BPF_UPROBE: the probed function's arguments. */
#define ___bpf_kprobe_args0() ctx
#define ___bpf_kprobe_args1(x) ___bpf_kprobe_args0(), (void *)PT_REGS_PARM1(ctx)
#define ___bpf_kprobe_args2(x, ...) ___bpf_kprobe_args1(__VA_ARGS__), (void *)PT_REGS_PARM2(ctx)
#define ___bpf_kprobe_args3(x, ...) ___bpf_kprobe_args2(__VA_ARGS__), (void *)PT_REGS_PARM3(ctx)
#define ___bpf_kprobe_args4(x, ...) ___bpf_kprobe_args3(__VA_ARGS__), (void *)PT_REGS_PARM4(ctx)
#define ___bpf_kprobe_args5(x, ...) ___bpf_kprobe_args4(__VA_ARGS__), (void *)PT_REGS_PARM5(ctx)
#define ___bpf_kprobe_args6(x, ...) ___bpf_kprobe_args5(__VA_ARGS__), (void *)PT_REGS_PARM6(ctx)
#define ___bpf_kprobe_args7(x, ...) ___bpf_kprobe_args6(__VA_ARGS__), (void *)PT_REGS_PARM7(ctx)
#define ___bpf_kprobe_args8(x, ...) ___bpf_kprobe_args7(__VA_ARGS__), (void *)PT_REGS_PARM8(ctx)
#define ___bpf_kprobe_args(...) \
	___bpf_apply(___bpf_kprobe_args, ___bpf_narg(__VA_ARGS__))(__VA_ARGS__)

#define BPF_KPROBE(name, ...) \
	___rb_wrapper(name, struct pt_regs *, ___bpf_kprobe_args(__VA_ARGS__), ##__VA_ARGS__)

/* BPF_KRETPROBE / BPF_URETPROBE: at most one argument, the return value. */
#define ___bpf_kretprobe_args0() ctx
#define ___bpf_kretprobe_args1(x) ___bpf_kretprobe_args0(), (void *)PT_REGS_RC(ctx)
#define ___bpf_kretprobe_args(...) \
	___bpf_apply(___bpf_kretprobe_args, ___bpf_narg(__VA_ARGS__))(__VA_ARGS__)

#define BPF_KRETPROBE(name, ...) \
	___rb_wrapper(name, struct pt_regs *, ___bpf_kretprobe_args(__VA_ARGS__), ##__VA_ARGS__)

#define BPF_UPROBE(name, ...) BPF_KPROBE(name, ##__VA_ARGS__)
#define BPF_URETPROBE(name, ...) BPF_KRETPROBE(name, ##__VA_ARGS__)

/* BPF_KSYSCALL(name, args...): a kprobe on a syscall (SEC("ksyscall/..."))
 * with the syscall's own arguments, whether or not the kernel routes
 * syscalls through a pt_regs wrapper (the loader answers
 * LINUX_HAS_SYSCALL_WRAPPER from the running kernel). */
#define ___bpf_syscall_args0() ctx
#define ___bpf_syscall_args1(x) ___bpf_syscall_args0(), (void *)PT_REGS_PARM1_SYSCALL(ctx)
#define ___bpf_syscall_args2(x, ...) ___bpf_syscall_args1(__VA_ARGS__), (void *)PT_REGS_PARM2_SYSCALL(ctx)
#define ___bpf_syscall_args3(x, ...) ___bpf_syscall_args2(__VA_ARGS__), (void *)PT_REGS_PARM3_SYSCALL(ctx)
#define ___bpf_syscall_args4(x, ...) ___bpf_syscall_args3(__VA_ARGS__), (void *)PT_REGS_PARM4_SYSCALL(ctx)
#define ___bpf_syscall_args5(x, ...) ___bpf_syscall_args4(__VA_ARGS__), (void *)PT_REGS_PARM5_SYSCALL(ctx)
#define ___bpf_syscall_args6(x, ...) ___bpf_syscall_args5(__VA_ARGS__), (void *)PT_REGS_PARM6_SYSCALL(ctx)
#define ___bpf_syscall_args(...) \
	___bpf_apply(___bpf_syscall_args, ___bpf_narg(__VA_ARGS__))(__VA_ARGS__)

#define ___bpf_syswrap_args0() ctx
#define ___bpf_syswrap_args1(x) ___bpf_syswrap_args0(), (void *)PT_REGS_PARM1_CORE_SYSCALL(regs)
#define ___bpf_syswrap_args2(x, ...) ___bpf_syswrap_args1(__VA_ARGS__), (void *)PT_REGS_PARM2_CORE_SYSCALL(regs)
#define ___bpf_syswrap_args3(x, ...) ___bpf_syswrap_args2(__VA_ARGS__), (void *)PT_REGS_PARM3_CORE_SYSCALL(regs)
#define ___bpf_syswrap_args4(x, ...) ___bpf_syswrap_args3(__VA_ARGS__), (void *)PT_REGS_PARM4_CORE_SYSCALL(regs)
#define ___bpf_syswrap_args5(x, ...) ___bpf_syswrap_args4(__VA_ARGS__), (void *)PT_REGS_PARM5_CORE_SYSCALL(regs)
#define ___bpf_syswrap_args6(x, ...) ___bpf_syswrap_args5(__VA_ARGS__), (void *)PT_REGS_PARM6_CORE_SYSCALL(regs)
#define ___bpf_syswrap_args(...) \
	___bpf_apply(___bpf_syswrap_args, ___bpf_narg(__VA_ARGS__))(__VA_ARGS__)

#define BPF_KSYSCALL(name, ...)						\
name(struct pt_regs *ctx);						\
extern _Bool LINUX_HAS_SYSCALL_WRAPPER __kconfig;			\
static __always_inline typeof(name(0))					\
____##name(struct pt_regs *ctx, ##__VA_ARGS__);				\
typeof(name(0)) name(struct pt_regs *ctx)				\
{									\
	struct pt_regs *regs = LINUX_HAS_SYSCALL_WRAPPER ?		\
		(struct pt_regs *)PT_REGS_PARM1(ctx) : ctx;		\
	(void)regs;	/* unused when there are no arguments */	\
	___rb_quiet_begin						\
	if (LINUX_HAS_SYSCALL_WRAPPER)					\
		return ____##name(___bpf_syswrap_args(__VA_ARGS__));	\
	return ____##name(___bpf_syscall_args(__VA_ARGS__));		\
	___rb_quiet_end							\
}									\
static __always_inline typeof(name(0))					\
____##name(struct pt_regs *ctx, ##__VA_ARGS__)

/* The older name of BPF_KSYSCALL. */
#define BPF_KPROBE_SYSCALL BPF_KSYSCALL

#endif /* __BPF_TRACING_H__ */
