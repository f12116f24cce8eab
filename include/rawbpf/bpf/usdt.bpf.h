/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * usdt.bpf.h - the BPF side of USDT probes, with libbpf's names and map
 * layouts so that a program written with libbpf's <bpf/usdt.bpf.h> and
 * BPF_USDT compiles and runs unchanged under rawbpf's USDT attach.
 *
 * The contract with the loader (rawbpf_attach_usdt, lib/attach/usdt.c):
 * - __bpf_usdt_specs: ARRAY, key int spec id, value struct __bpf_usdt_spec,
 *   one spec per distinct (argument string, cookie) of the attached sites;
 * - __bpf_usdt_ip_to_spec_id: HASH, key long absolute ip, value spec id,
 *   read only on kernels without BPF cookies (LINUX_HAS_BPF_COOKIE false);
 * - the BPF cookie of each attached site is its spec id; the caller's own
 *   cookie is the spec's usdt_cookie (bpf_usdt_cookie).
 * Both maps are __weak: several objects linked together share one.
 */
#ifndef __USDT_BPF_H__
#define __USDT_BPF_H__

#include <linux/errno.h>
#include "bpf_helpers.h"
#include "bpf_tracing.h"

/* Spec slots; define larger before including for more distinct probes. */
#ifndef BPF_USDT_MAX_SPEC_CNT
#define BPF_USDT_MAX_SPEC_CNT 256
#endif
/* ip -> spec id slots (kernels without cookies). */
#ifndef BPF_USDT_MAX_IP_CNT
#define BPF_USDT_MAX_IP_CNT (4 * BPF_USDT_MAX_SPEC_CNT)
#endif

enum __bpf_usdt_arg_type {
	BPF_USDT_ARG_CONST,	/* val_off is the value */
	BPF_USDT_ARG_REG,	/* the register at reg_off of pt_regs */
	BPF_USDT_ARG_REG_DEREF,	/* user memory at that register + val_off */
};

struct __bpf_usdt_arg_spec {
	__u64 val_off;		/* constant, or offset from the register */
	enum __bpf_usdt_arg_type arg_type;
	short reg_off;		/* offsetof(struct pt_regs, <register>) */
	_Bool arg_signed;	/* sign-extend from the argument's size */
	char arg_bitshift;	/* 64 - 8 * size: clears or extends the rest */
};

#define BPF_USDT_MAX_ARG_CNT 12
struct __bpf_usdt_spec {
	struct __bpf_usdt_arg_spec args[BPF_USDT_MAX_ARG_CNT];
	__u64 usdt_cookie;
	short arg_cnt;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, BPF_USDT_MAX_SPEC_CNT);
	__type(key, int);
	__type(value, struct __bpf_usdt_spec);
} __bpf_usdt_specs SEC(".maps") __weak;

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, BPF_USDT_MAX_IP_CNT);
	__type(key, long);
	__type(value, __u32);
} __bpf_usdt_ip_to_spec_id SEC(".maps") __weak;

extern const _Bool LINUX_HAS_BPF_COOKIE __kconfig;

/* The spec id of the probe that fired: its cookie, or by its address. */
static __always_inline int __bpf_usdt_spec_id(struct pt_regs *ctx)
{
	if (LINUX_HAS_BPF_COOKIE)
		return (int)bpf_get_attach_cookie(ctx);
	{
		long ip = PT_REGS_IP(ctx);
		int *id = bpf_map_lookup_elem(&__bpf_usdt_ip_to_spec_id, &ip);

		return id ? *id : -ESRCH;
	}
}

/* The spec of the probe that fired, or NULL. */
static __always_inline struct __bpf_usdt_spec *__bpf_usdt_spec(struct pt_regs *ctx)
{
	int id = __bpf_usdt_spec_id(ctx);

	if (id < 0)
		return NULL;
	return bpf_map_lookup_elem(&__bpf_usdt_specs, &id);
}

/* bpf_usdt_arg_cnt - how many arguments the probe that fired has, or
 * -ESRCH when no spec is known for it. */
__weak __hidden int bpf_usdt_arg_cnt(struct pt_regs *ctx)
{
	struct __bpf_usdt_spec *spec = __bpf_usdt_spec(ctx);

	return spec ? spec->arg_cnt : -ESRCH;
}

/* bpf_usdt_arg - argument @arg_num (from 0) of the probe that fired into
 * *@res, widened to long with its own signedness. 0, -ESRCH (no spec),
 * -ENOENT (no such argument), -EINVAL, or a probe-read error. */
__weak __hidden int bpf_usdt_arg(struct pt_regs *ctx, __u64 arg_num, long *res)
{
	struct __bpf_usdt_spec *spec = __bpf_usdt_spec(ctx);
	struct __bpf_usdt_arg_spec *a;
	unsigned long val;
	int err;

	*res = 0;
	if (!spec)
		return -ESRCH;
	if (arg_num >= BPF_USDT_MAX_ARG_CNT || arg_num >= (__u64)spec->arg_cnt)
		return -ENOENT;
	a = &spec->args[arg_num];
	switch (a->arg_type) {
	case BPF_USDT_ARG_CONST:
		val = a->val_off;
		break;
	case BPF_USDT_ARG_REG:
		err = bpf_probe_read_kernel(&val, sizeof(val), (void *)ctx + a->reg_off);
		if (err)
			return err;
		break;
	case BPF_USDT_ARG_REG_DEREF:
		err = bpf_probe_read_kernel(&val, sizeof(val), (void *)ctx + a->reg_off);
		if (err)
			return err;
		err = bpf_probe_read_user(&val, sizeof(val), (void *)val + a->val_off);
		if (err)
			return err;
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
		/* the argument is the first bytes read: move it down */
		val >>= a->arg_bitshift;
#endif
		break;
	default:
		return -EINVAL;
	}
	/* keep the low 64 - bitshift bits, sign- or zero-extended */
	val <<= a->arg_bitshift;
	if (a->arg_signed)
		val = (unsigned long)((long)val >> a->arg_bitshift);
	else
		val >>= a->arg_bitshift;
	*res = (long)val;
	return 0;
}

/* bpf_usdt_cookie - the cookie the caller gave when attaching this probe
 * (0 if none or unknown). */
__weak __hidden long bpf_usdt_cookie(struct pt_regs *ctx)
{
	struct __bpf_usdt_spec *spec = __bpf_usdt_spec(ctx);

	return spec ? (long)spec->usdt_cookie : 0;
}

/* Argument i of BPF_USDT, read with bpf_usdt_arg. */
#define ___rb_usdt_arg(i) ({ long _x; bpf_usdt_arg(ctx, i, &_x); (void *)_x; })
#define ___bpf_usdt_args0() ctx
#define ___bpf_usdt_args1(x) ___bpf_usdt_args0(), ___rb_usdt_arg(0)
#define ___bpf_usdt_args2(x, args...) ___bpf_usdt_args1(args), ___rb_usdt_arg(1)
#define ___bpf_usdt_args3(x, args...) ___bpf_usdt_args2(args), ___rb_usdt_arg(2)
#define ___bpf_usdt_args4(x, args...) ___bpf_usdt_args3(args), ___rb_usdt_arg(3)
#define ___bpf_usdt_args5(x, args...) ___bpf_usdt_args4(args), ___rb_usdt_arg(4)
#define ___bpf_usdt_args6(x, args...) ___bpf_usdt_args5(args), ___rb_usdt_arg(5)
#define ___bpf_usdt_args7(x, args...) ___bpf_usdt_args6(args), ___rb_usdt_arg(6)
#define ___bpf_usdt_args8(x, args...) ___bpf_usdt_args7(args), ___rb_usdt_arg(7)
#define ___bpf_usdt_args9(x, args...) ___bpf_usdt_args8(args), ___rb_usdt_arg(8)
#define ___bpf_usdt_args10(x, args...) ___bpf_usdt_args9(args), ___rb_usdt_arg(9)
#define ___bpf_usdt_args11(x, args...) ___bpf_usdt_args10(args), ___rb_usdt_arg(10)
#define ___bpf_usdt_args12(x, args...) ___bpf_usdt_args11(args), ___rb_usdt_arg(11)
#define ___bpf_usdt_args(args...) \
	___bpf_apply(___bpf_usdt_args, ___bpf_narg(args))(args)

/*
 * BPF_USDT(name, args...) - a USDT handler taking the probe's arguments
 * as typed parameters (like BPF_KPROBE); `ctx` stays the pt_regs.
 */
#define BPF_USDT(name, args...)						\
name(struct pt_regs *ctx);						\
static __always_inline typeof(name(0))					\
____##name(struct pt_regs *ctx, ##args);				\
typeof(name(0)) name(struct pt_regs *ctx)				\
{									\
	_Pragma("GCC diagnostic push")					\
	_Pragma("GCC diagnostic ignored \"-Wint-conversion\"")		\
	return ____##name(___bpf_usdt_args(args));			\
	_Pragma("GCC diagnostic pop")					\
}									\
static __always_inline typeof(name(0))					\
____##name(struct pt_regs *ctx, ##args)

#endif /* __USDT_BPF_H__ */
