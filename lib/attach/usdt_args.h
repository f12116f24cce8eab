/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * usdt_args.h - USDT argument strings ("-4@%eax 8@-8(%rbp) -4@$5") parsed
 * into the spec that usdt.bpf.h reads (pure). The layouts below are
 * usdt.bpf.h's struct __bpf_usdt_arg_spec / struct __bpf_usdt_spec byte
 * for byte: the spec is written into __bpf_usdt_specs as is.
 */
#ifndef RB_ATTACH_USDT_ARGS_H
#define RB_ATTACH_USDT_ARGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum { RB_USDT_ARG_CONST, RB_USDT_ARG_REG, RB_USDT_ARG_REG_DEREF };

#define RB_USDT_MAX_ARGS 12

struct rb_usdt_arg {
	uint64_t val_off;	/* CONST: the value; DEREF: the offset */
	uint32_t type;		/* RB_USDT_ARG_* (an enum on the BPF side) */
	int16_t reg_off;	/* offsetof(struct pt_regs, register) */
	bool is_signed;
	int8_t bitshift;	/* 64 - 8 * size */
} __attribute__((aligned(8)));	/* u64 is 8-aligned in BPF, 4 on i386 */

struct rb_usdt_spec {
	struct rb_usdt_arg args[RB_USDT_MAX_ARGS];
	uint64_t cookie;	/* the caller's (bpf_usdt_cookie) */
	int16_t arg_cnt;
} __attribute__((aligned(8)));

/* usdt.bpf.h's sizes on every host: 16-byte args, 208-byte specs */
_Static_assert(sizeof(struct rb_usdt_arg) == 16, "struct __bpf_usdt_arg_spec");
_Static_assert(sizeof(struct rb_usdt_spec) == 208, "struct __bpf_usdt_spec");

/* rb_usdt_parse_args - parse argument string @s of a probe in an ELF of
 * machine @machine (EM_X86_64, EM_386, EM_AARCH64, EM_ARM, EM_S390,
 * EM_RISCV, EM_PPC64) into @spec (cookie untouched). 0, or -EINVAL /
 * -EOPNOTSUPP (unknown machine or operand form) with the reason in @why. */
int rb_usdt_parse_args(uint16_t machine, const char *s,
		       struct rb_usdt_spec *spec, char *why, size_t why_size);

#endif
