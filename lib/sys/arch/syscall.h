/* SPDX-License-Identifier: BSD-2-Clause */
/* arch/syscall.h - rb_arch_syscall6(nr, a..f) for the architecture being
 * built: the inline-asm system call of the no-libc build (RAWBPF_NOLIBC),
 * one header per architecture as liburing has them. It returns what the
 * kernel returns: >= 0, or -errno. */
#if defined(__x86_64__)
#include "sys/arch/x86_64/syscall.h"
#elif defined(__aarch64__)
#include "sys/arch/aarch64/syscall.h"
#elif defined(__riscv) && __riscv_xlen == 64
#include "sys/arch/riscv64/syscall.h"
#elif defined(__i386__)
#include "sys/arch/i386/syscall.h"
#else
#error "RAWBPF_NOLIBC: no inline-asm system call for this architecture (x86-64, aarch64, riscv64, i386)"
#endif
