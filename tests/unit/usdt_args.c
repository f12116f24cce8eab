// SPDX-License-Identifier: BSD-2-Clause
/* usdt_args.c - USDT argument strings per architecture, as compilers
 * write them into .note.stapsdt, parsed into usdt.bpf.h's spec: type,
 * register offset in that architecture's pt_regs, offset or constant,
 * size (bitshift) and signedness; and malformed ones refused by reason. */
#include <elf.h>
#include <errno.h>
#include <string.h>

#include "fixture.h"
#include "attach/usdt_args.h"

#ifndef EM_AARCH64
#define EM_AARCH64 183
#endif
#ifndef EM_RISCV
#define EM_RISCV 243
#endif

struct want { uint32_t type; int16_t reg_off; int64_t val; bool sign; int8_t shift; };

static void check(uint16_t machine, const char *s, const struct want *w, int n)
{
	struct rb_usdt_spec spec;
	char why[160];
	int i, err;

	memset(&spec, 0xa5, sizeof(spec));
	err = rb_usdt_parse_args(machine, s, &spec, why, sizeof(why));
	if (err)
		fail_msg("'%s': %d %s", s, err, why);
	assert_int_equal(spec.arg_cnt, n);
	for (i = 0; i < n; i++) {
		const struct rb_usdt_arg *a = &spec.args[i];

		assert_int_equal(a->type, w[i].type);
		if (w[i].type != RB_USDT_ARG_CONST)
			assert_int_equal(a->reg_off, w[i].reg_off);
		assert_int_equal((int64_t)a->val_off, w[i].val);
		assert_int_equal(a->is_signed, w[i].sign);
		assert_int_equal(a->bitshift, w[i].shift);
	}
}

#define C RB_USDT_ARG_CONST
#define R RB_USDT_ARG_REG
#define D RB_USDT_ARG_REG_DEREF

static void test_x86_64(void **state)
{
	/* gcc -O2 output of sys/sdt.h probes (this machine's libc, too) */
	const struct want w[] = {
		{ R, 104, 0, true, 32 },	/* -4@%esi */
		{ D, 32, -24, true, 32 },	/* -4@-24(%rbp) */
		{ R, 88, 0, true, 32 },		/* -4@%ecx */
		{ R, 80, 0, false, 48 },	/* 2@%ax */
		{ R, 96, 0, false, 0 },		/* 8@%rdx */
		{ C, 0, -9, true, 32 },		/* -4@$-9 */
		{ D, 152, 0, false, 0 },	/* 8@(%rsp) */
		{ R, 72, 0, false, 56 },	/* 1@%r8b */
		{ D, 0, 0x10, false, 0 },	/* 8@0x10(%r15) */
	};

	(void)state;
	check(EM_X86_64, "-4@%esi -4@-24(%rbp) -4@%ecx 2@%ax 8@%rdx -4@$-9 8@(%rsp) 1@%r8b 8@0x10(%r15)", w, 9);
	check(EM_X86_64, "", w, 0);
	check(EM_X86_64, "  ", w, 0);
}

static void test_i386(void **state)
{
	const struct want w[] = {
		{ R, 24, 0, true, 32 },		/* -4@%eax */
		{ D, 20, 8, false, 32 },	/* 4@8(%ebp) */
		{ C, 0, 5, false, 32 },		/* 4@$5 */
		{ R, 60, 0, false, 32 },	/* 4@%esp */
	};

	(void)state;
	check(EM_386, "-4@%eax 4@8(%ebp) 4@$5 4@%esp", w, 4);
}

static void test_aarch64(void **state)
{
	const struct want w[] = {
		{ R, 0, 0, true, 32 },		/* -4@x0 */
		{ D, 248, 16, false, 0 },	/* 8@[sp, 16] */
		{ D, 8 * 19, 0, false, 0 },	/* 8@[x19] */
		{ C, 0, 7, true, 32 },		/* -4@7 */
		{ R, 8 * 30, 0, false, 32 },	/* 4@w30 */
		{ D, 8 * 29, -8, true, 0 },	/* -8@[x29, -8] */
	};

	(void)state;
	check(EM_AARCH64, "-4@x0 8@[sp, 16] 8@[x19] -4@7 4@w30 -8@[x29, -8]", w, 6);
}

static void test_arm(void **state)
{
	const struct want w[] = {
		{ R, 0, 0, true, 32 },		/* -4@r0 */
		{ D, 52, 4, false, 32 },	/* 4@[sp, #4] */
		{ D, 44, 0, false, 32 },	/* 4@[fp] */
		{ C, 0, 3, false, 32 },		/* 4@#3 */
		{ R, 36, 0, false, 56 },	/* 1@r9 */
	};

	(void)state;
	check(EM_ARM, "-4@r0 4@[sp, #4] 4@[fp] 4@#3 1@r9", w, 5);
}

static void test_s390x(void **state)
{
	const struct want w[] = {
		{ R, 24 + 16, 0, true, 32 },	/* -4@%r2 */
		{ D, 24 + 120, 16, false, 0 },	/* 8@16(%r15) */
		{ C, 0, -1, true, 0 },		/* -8@-1 */
		{ D, 24 + 88, -160, true, 48 },	/* -2@-160(%r11) */
	};

	(void)state;
	check(EM_S390, "-4@%r2 8@16(%r15) -8@-1 -2@-160(%r11)", w, 4);
}

static void test_riscv64(void **state)
{
	const struct want w[] = {
		{ R, 80, 0, true, 32 },		/* -4@a0 */
		{ D, 64, -20, true, 32 },	/* -4@-20(s0) */
		{ C, 0, 42, false, 0 },		/* 8@42 */
		{ D, 16, 8, false, 0 },		/* 8@8(sp) */
		{ R, 248, 0, false, 56 },	/* 1@t6 */
	};

	(void)state;
	check(EM_RISCV, "-4@a0 -4@-20(s0) 8@42 8@8(sp) 1@t6", w, 5);
}

static void test_powerpc64(void **state)
{
	const struct want w[] = {
		{ R, 24, 0, true, 32 },		/* -4@3 (r3) */
		{ R, 32, 0, false, 0 },		/* 8@%r4 */
		{ D, 8 * 31, -16, true, 32 },	/* -4@-16(31) */
		{ D, 8, 112, false, 0 },	/* 8@112(%r1) */
		{ C, 0, 9, false, 0 },		/* 8@$9 */
	};

	(void)state;
	check(EM_PPC64, "-4@3 8@%r4 -4@-16(31) 8@112(%r1) 8@$9", w, 5);
}

static void bad(uint16_t machine, const char *s, int err, const char *msg)
{
	struct rb_usdt_spec spec;
	char why[160];

	assert_int_equal(rb_usdt_parse_args(machine, s, &spec, why, sizeof(why)), err);
	if (!strstr(why, msg))
		fail_msg("'%s': '%s' lacks '%s'", s, why, msg);
}

static void test_refused(void **state)
{
	(void)state;
	bad(EM_X86_64, "%eax", -EINVAL, "no SIZE@");
	bad(EM_X86_64, "3@%eax", -EINVAL, "size is not 1, 2, 4 or 8");
	bad(EM_X86_64, "x@%eax", -EINVAL, "bad size");
	bad(EM_X86_64, "4@%xmm0", -EOPNOTSUPP, "unknown register");
	bad(EM_X86_64, "4@%ah", -EOPNOTSUPP, "unknown register");
	bad(EM_X86_64, "4@eax", -EINVAL, "without '%'");
	bad(EM_X86_64, "8@(%rax,%rbx,8)", -EOPNOTSUPP, "indexed");
	bad(EM_X86_64, "8@sym(%rip)", -EOPNOTSUPP, "not a number");
	bad(EM_X86_64, "8@-8(%rbp", -EINVAL, "unclosed '('");
	bad(EM_X86_64, "4@$", -EINVAL, "bad number");
	bad(EM_X86_64, "4@", -EINVAL, "no operand");
	bad(EM_X86_64, "4@%eax 4@%eax 4@%eax 4@%eax 4@%eax 4@%eax 4@%eax 4@%eax 4@%eax 4@%eax 4@%eax 4@%eax 4@%eax",
	    -E2BIG, "argument 13");
	bad(EM_AARCH64, "8@[sp, 16", -EINVAL, "unclosed '['");
	bad(EM_AARCH64, "8@x31", -EOPNOTSUPP, "unknown register");
	bad(EM_AARCH64, "8@8(x1)", -EOPNOTSUPP, "'(' operand");
	bad(EM_S390, "8@[r1]", -EOPNOTSUPP, "'[' operand");
	bad(EM_S390, "8@%r16", -EOPNOTSUPP, "unknown register");
	bad(EM_RISCV, "8@zero", -EOPNOTSUPP, "unknown register");
	bad(EM_MIPS, "8@$1", -EOPNOTSUPP, "machine 8");
	/* the message names the argument */
	bad(EM_X86_64, "4@%eax 8@%bogus", -EOPNOTSUPP, "argument 2 '8@%bogus'");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_x86_64),
		cmocka_unit_test(test_i386),
		cmocka_unit_test(test_aarch64),
		cmocka_unit_test(test_arm),
		cmocka_unit_test(test_s390x),
		cmocka_unit_test(test_riscv64),
		cmocka_unit_test(test_powerpc64),
		cmocka_unit_test(test_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
