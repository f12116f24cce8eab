// SPDX-License-Identifier: BSD-2-Clause
/* usdt_args.c - parse USDT argument strings per architecture (pure).
 *
 * An argument is SIZE@OPERAND, SIZE one of 1 2 4 8, negative when signed.
 * Operands, as each architecture's assembler prints them:
 *   x86-64, i386  %reg   $imm    off(%reg)  (%reg)
 *   aarch64       xN wN sp       [reg]  [reg, off]   imm
 *   arm           rN fp ip sp lr pc   [reg]  [reg, #off]   #imm
 *   s390x         %rN            off(%rN)   imm
 *   riscv64       a0 s1 sp ...   off(reg)   imm
 *   powerpc64     %rN or N       off(%rN) or off(N)   $imm
 * A register becomes its offset in the kernel's pt_regs for uprobes of
 * that architecture (user_pt_regs on arm64 and s390, user_regs_struct on
 * riscv): the byte offsets are uapi layout facts. */
#include <elf.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "attach/usdt_args.h"
#include "core/parse_int.h"

#ifndef EM_AARCH64
#define EM_AARCH64 183
#endif
#ifndef EM_RISCV
#define EM_RISCV 243
#endif

struct reg { const char *name; int16_t off; };

/* x86-64 struct pt_regs: every name of a register's low parts too. */
static const struct reg x86_64_regs[] = {
	{ "rip", 128 },
	{ "rax", 80 }, { "eax", 80 }, { "ax", 80 }, { "al", 80 },
	{ "rbx", 40 }, { "ebx", 40 }, { "bx", 40 }, { "bl", 40 },
	{ "rcx", 88 }, { "ecx", 88 }, { "cx", 88 }, { "cl", 88 },
	{ "rdx", 96 }, { "edx", 96 }, { "dx", 96 }, { "dl", 96 },
	{ "rsi", 104 }, { "esi", 104 }, { "si", 104 }, { "sil", 104 },
	{ "rdi", 112 }, { "edi", 112 }, { "di", 112 }, { "dil", 112 },
	{ "rbp", 32 }, { "ebp", 32 }, { "bp", 32 }, { "bpl", 32 },
	{ "rsp", 152 }, { "esp", 152 }, { "sp", 152 }, { "spl", 152 },
	{ "r8", 72 }, { "r8d", 72 }, { "r8w", 72 }, { "r8b", 72 },
	{ "r9", 64 }, { "r9d", 64 }, { "r9w", 64 }, { "r9b", 64 },
	{ "r10", 56 }, { "r10d", 56 }, { "r10w", 56 }, { "r10b", 56 },
	{ "r11", 48 }, { "r11d", 48 }, { "r11w", 48 }, { "r11b", 48 },
	{ "r12", 24 }, { "r12d", 24 }, { "r12w", 24 }, { "r12b", 24 },
	{ "r13", 16 }, { "r13d", 16 }, { "r13w", 16 }, { "r13b", 16 },
	{ "r14", 8 }, { "r14d", 8 }, { "r14w", 8 }, { "r14b", 8 },
	{ "r15", 0 }, { "r15d", 0 }, { "r15w", 0 }, { "r15b", 0 },
	{ NULL, 0 }
};

/* i386 struct pt_regs. */
static const struct reg i386_regs[] = {
	{ "ebx", 0 }, { "bx", 0 }, { "bl", 0 },
	{ "ecx", 4 }, { "cx", 4 }, { "cl", 4 },
	{ "edx", 8 }, { "dx", 8 }, { "dl", 8 },
	{ "esi", 12 }, { "si", 12 }, { "edi", 16 }, { "di", 16 },
	{ "ebp", 20 }, { "bp", 20 },
	{ "eax", 24 }, { "ax", 24 }, { "al", 24 },
	{ "eip", 48 }, { "esp", 60 }, { "sp", 60 },
	{ NULL, 0 }
};

/* arm struct pt_regs: uregs[16], 4 bytes each; the named aliases. */
static const struct reg arm_regs[] = {
	{ "fp", 44 }, { "ip", 48 }, { "sp", 52 }, { "lr", 56 }, { "pc", 60 },
	{ NULL, 0 }
};

/* riscv64 user_regs_struct: pc, then x1..x31 by ABI name. */
static const struct reg riscv_regs[] = {
	{ "ra", 8 }, { "sp", 16 }, { "gp", 24 }, { "tp", 32 },
	{ "t0", 40 }, { "t1", 48 }, { "t2", 56 }, { "s0", 64 }, { "fp", 64 },
	{ "s1", 72 }, { "a0", 80 }, { "a1", 88 }, { "a2", 96 }, { "a3", 104 },
	{ "a4", 112 }, { "a5", 120 }, { "a6", 128 }, { "a7", 136 },
	{ "s2", 144 }, { "s3", 152 }, { "s4", 160 }, { "s5", 168 },
	{ "s6", 176 }, { "s7", 184 }, { "s8", 192 }, { "s9", 200 },
	{ "s10", 208 }, { "s11", 216 }, { "t3", 224 }, { "t4", 232 },
	{ "t5", 240 }, { "t6", 248 },
	{ NULL, 0 }
};

struct parser {
	uint16_t machine;
	char *why;
	size_t why_size;
	const char *arg;	/* the whole argument, for messages */
	int alen;
	int idx;
};

static int fail(struct parser *p, int err, const char *what)
{
	snprintf(p->why, p->why_size, "USDT argument %d '%.*s': %s", p->idx + 1,
		 p->alen, p->arg, what);
	return err;
}

static int16_t lookup(const struct reg *t, const char *n, size_t len)
{
	for (; t->name; t++)
		if (strlen(t->name) == len && !memcmp(t->name, n, len))
			return t->off;
	return -1;
}

/* A decimal number of @len bytes at @n in [0, @max], or -1. */
static int small_num(const char *n, size_t len, int max)
{
	int v = 0;
	size_t i;

	if (!len || len > 3)
		return -1;
	for (i = 0; i < len; i++) {
		if (n[i] < '0' || n[i] > '9')
			return -1;
		v = v * 10 + (n[i] - '0');
	}
	return v <= max ? v : -1;
}

/* Offset in pt_regs of register @n (@len bytes, without any '%'). */
static int reg_off(struct parser *p, const char *n, size_t len)
{
	int v;

	switch (p->machine) {
	case EM_X86_64:
		return lookup(x86_64_regs, n, len);
	case EM_386:
		return lookup(i386_regs, n, len);
	case EM_AARCH64:	/* user_pt_regs: regs[31], sp */
		if (len == 2 && !memcmp(n, "sp", 2))
			return 248;
		v = len > 1 && (n[0] == 'x' || n[0] == 'w') ?
			small_num(n + 1, len - 1, 30) : -1;
		return v < 0 ? -1 : 8 * v;
	case EM_ARM:
		v = len > 1 && n[0] == 'r' ? small_num(n + 1, len - 1, 15) : -1;
		return v >= 0 ? 4 * v : lookup(arm_regs, n, len);
	case EM_S390:		/* user_pt_regs: args[1], psw (16), gprs[16] */
		v = len > 1 && n[0] == 'r' ? small_num(n + 1, len - 1, 15) : -1;
		return v < 0 ? -1 : 24 + 8 * v;
	case EM_RISCV:
		return lookup(riscv_regs, n, len);
	case EM_PPC64:		/* pt_regs: gpr[32] first */
		if (len > 1 && n[0] == 'r')
			n++, len--;
		v = small_num(n, len, 31);
		return v < 0 ? -1 : 8 * v;
	}
	return -1;
}

/* Parse a whole signed number (C syntax: decimal, 0x hex, 0 octal) of
 * @s..@end. */
static int number(struct parser *p, const char *s, const char *end,
		  int64_t *out)
{
	int err = rb_parse_i64(s, (size_t)(end - s), out);

	if (err == -ERANGE)
		return fail(p, -EINVAL, "number out of range");
	return err ? fail(p, -EINVAL, "bad number") : 0;
}

/* Register at @s..@end (with its '%' if the syntax has one) into @a. */
static int reg(struct parser *p, const char *s, const char *end,
	       struct rb_usdt_arg *a)
{
	bool pct = p->machine == EM_X86_64 || p->machine == EM_386 ||
		   p->machine == EM_S390;
	int off;

	while (s < end && *s == ' ')
		s++;
	while (end > s && end[-1] == ' ')
		end--;
	if (s < end && *s == '%')
		s++;
	else if (pct)
		return fail(p, -EINVAL, "register without '%'");
	off = reg_off(p, s, (size_t)(end - s));
	if (off < 0)
		return fail(p, -EOPNOTSUPP, "unknown register for this architecture");
	a->reg_off = (int16_t)off;
	return 0;
}

/* OPERAND of @s..@end into @a. */
static int operand(struct parser *p, const char *s, const char *end,
		   struct rb_usdt_arg *a)
{
	const char *open, *comma;
	int64_t v = 0;
	int err;
	bool x86 = p->machine == EM_X86_64 || p->machine == EM_386;
	char imm = x86 || p->machine == EM_PPC64 ? '$' :
		   p->machine == EM_ARM ? '#' : 0;

	if (s == end)
		return fail(p, -EINVAL, "no operand after '@'");
	/* constant */
	if ((imm && *s == imm) ||
	    (!imm && (*s == '-' || (*s >= '0' && *s <= '9')) && !memchr(s, '(', (size_t)(end - s)))) {
		err = number(p, s + (imm ? 1 : 0), end, &v);
		a->type = RB_USDT_ARG_CONST;
		a->val_off = (uint64_t)v;
		return err;
	}
	/* arm, aarch64: [reg] or [reg, off] */
	if (*s == '[') {
		if (p->machine != EM_AARCH64 && p->machine != EM_ARM)
			return fail(p, -EOPNOTSUPP, "'[' operand on this architecture");
		if (end[-1] != ']')
			return fail(p, -EINVAL, "unclosed '['");
		comma = memchr(s, ',', (size_t)(end - s));
		a->type = RB_USDT_ARG_REG_DEREF;
		if (comma) {
			const char *o = comma + 1;

			while (*o == ' ')
				o++;
			if (p->machine == EM_ARM && *o == '#')
				o++;
			err = number(p, o, end - 1, &v);
			if (err)
				return err;
		}
		a->val_off = (uint64_t)v;
		return reg(p, s + 1, comma ? comma : end - 1, a);
	}
	/* off(reg) or (reg) */
	open = memchr(s, '(', (size_t)(end - s));
	if (open) {
		if (p->machine == EM_AARCH64 || p->machine == EM_ARM)
			return fail(p, -EOPNOTSUPP, "'(' operand on this architecture");
		if (end[-1] != ')')
			return fail(p, -EINVAL, "unclosed '('");
		if (memchr(open, ',', (size_t)(end - open)))
			return fail(p, -EOPNOTSUPP, "indexed memory operands are not supported");
		if (open > s) {
			err = number(p, s, open, &v);
			if (err)
				return fail(p, -EOPNOTSUPP, "offset is not a number (a symbol?)");
		}
		a->type = RB_USDT_ARG_REG_DEREF;
		a->val_off = (uint64_t)v;
		return reg(p, open + 1, end - 1, a);
	}
	a->type = RB_USDT_ARG_REG;
	return reg(p, s, end, a);
}

/* One argument @s..@end (SIZE@OPERAND) into @a. */
static int one(struct parser *p, const char *s, const char *end,
	       struct rb_usdt_arg *a)
{
	const char *at = memchr(s, '@', (size_t)(end - s));
	int64_t size;
	int err;

	memset(a, 0, sizeof(*a));
	if (!at)
		return fail(p, -EINVAL, "no SIZE@ before the operand");
	err = number(p, s, at, &size);
	if (err)
		return fail(p, -EINVAL, "bad size");
	a->is_signed = size < 0;
	if (size < 0)
		size = -size;
	if (size != 1 && size != 2 && size != 4 && size != 8)
		return fail(p, -EINVAL, "size is not 1, 2, 4 or 8");
	a->bitshift = (int8_t)(64 - 8 * size);
	return operand(p, at + 1, end, a);
}

int rb_usdt_parse_args(uint16_t machine, const char *s,
		       struct rb_usdt_spec *spec, char *why, size_t why_size)
{
	struct parser p = { .machine = machine, .why = why, .why_size = why_size };
	int err;

	if (why_size)
		why[0] = '\0';
	if (machine != EM_X86_64 && machine != EM_386 && machine != EM_AARCH64 &&
	    machine != EM_ARM && machine != EM_S390 && machine != EM_RISCV &&
	    machine != EM_PPC64) {
		snprintf(why, why_size, "USDT arguments of ELF machine %u are not supported",
			 machine);
		return -EOPNOTSUPP;
	}
	spec->arg_cnt = 0;
	while (*s) {
		const char *e;
		int depth = 0;

		while (*s == ' ' || *s == '\t')
			s++;
		if (!*s)
			break;
		/* an argument ends at a blank outside brackets */
		for (e = s; *e && (depth || (*e != ' ' && *e != '\t')); e++)
			depth += (*e == '[' || *e == '(') - (*e == ']' || *e == ')');
		p.arg = s;
		p.alen = (int)(e - s);
		p.idx = spec->arg_cnt;
		if (spec->arg_cnt == RB_USDT_MAX_ARGS)
			return fail(&p, -E2BIG, "more than 12 arguments");
		err = one(&p, s, e, &spec->args[spec->arg_cnt]);
		if (err)
			return err;
		spec->arg_cnt++;
		s = e;
	}
	return 0;
}
