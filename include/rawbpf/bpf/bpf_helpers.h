/* SPDX-License-Identifier: BSD-2-Clause */
/* bpf_helpers.h - rawbpf's BPF-side base header, for programs compiled with
 * clang -target bpf or bpf-gcc. The names are libbpf's (SEC, __uint,
 * __type, bpf_printk, ...) so a program written for libbpf compiles
 * unchanged with -I<prefix>/include/rawbpf; the text is rawbpf's own.
 *
 * Include <linux/bpf.h> (or a vmlinux.h) first: the helper declarations
 * use __u32/__u64 and the uapi structs. */
#ifndef __BPF_HELPERS__
#define __BPF_HELPERS__
#define RAWBPF_BPF_HELPERS_H 1

#include "bpf_helper_defs.h"

#ifndef __has_builtin
#define __has_builtin(x) 0
#endif
#ifndef __has_attribute
#define __has_attribute(x) 0
#endif

/* ---- map definitions (BTF-described, in SEC(".maps")) ------------------
 * The loader reads each member's BTF type, never its value: __uint encodes
 * a number as an array size, __type a type as a pointer's target, __array
 * the inner map (or program) of a map-in-map, __ulong a 64-bit number as
 * an enumerator (map_extra). */
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name
#define __array(name, val) typeof(val) *name[]
#define __ulong(name, val) \
	enum { ___bpf_concat(___rb_ulong_, __COUNTER__) = (val) } name

/* Map pinning (the `pinning` member) and the tristate kconfig values. */
enum libbpf_pin_type {
	LIBBPF_PIN_NONE,
	LIBBPF_PIN_BY_NAME,	/* pin at <pin root>/<map name> */
};

enum libbpf_tristate {
	TRI_NO = 0,
	TRI_YES = 1,
	TRI_MODULE = 2,
};

/* ---- placement and linkage -------------------------------------------- */
/* SEC puts a program, map or variable in a named ELF section; the section
 * name tells the loader the program type. clang warns that `used` is
 * ignored on some declarations; that warning says nothing useful here. */
#if defined(__clang__)
#define SEC(name)							\
	_Pragma("GCC diagnostic push")					\
	_Pragma("GCC diagnostic ignored \"-Wignored-attributes\"")	\
	__attribute__((section(name), used))				\
	_Pragma("GCC diagnostic pop")
#else
#define SEC(name) __attribute__((section(name), used))
#endif

/* linux/stddef.h defines __always_inline without `inline`. */
#undef __always_inline
#define __always_inline inline __attribute__((always_inline))
#ifndef __noinline
#define __noinline __attribute__((noinline))
#endif
#ifndef __weak
#define __weak __attribute__((weak))
#endif
/* Hidden: not visible to other objects linked with this one. bpf-gcc 12
 * ignores (and warns about) visibility, so it gets nothing. */
#ifndef __hidden
#if defined(__clang__) || __GNUC__ >= 13
#define __hidden __attribute__((visibility("hidden")))
#else
#define __hidden
#endif
#endif

/* Externs the loader resolves: __kconfig from the kernel config (and
 * LINUX_KERNEL_VERSION, LINUX_HAS_*), __ksym from kernel symbols/BTF. Add
 * __weak to let a missing one resolve to 0 instead of failing the load. */
#define __kconfig __attribute__((section(".kconfig")))
#define __ksym __attribute__((section(".ksyms")))

/* BTF type and declaration tags the verifier reads. Compilers without the
 * attributes (bpf-gcc 12) get nothing, so a header use still compiles. */
#if __has_attribute(btf_type_tag)
#define __kptr_untrusted __attribute__((btf_type_tag("kptr_untrusted")))
#define __kptr __attribute__((btf_type_tag("kptr")))
#define __kptr_ref __attribute__((btf_type_tag("kptr_ref")))
#define __percpu_kptr __attribute__((btf_type_tag("percpu_kptr")))
#define __uptr __attribute__((btf_type_tag("uptr")))
#else
#define __kptr_untrusted
#define __kptr
#define __kptr_ref
#define __percpu_kptr
#define __uptr
#endif
#if __has_attribute(btf_decl_tag)
#define __arg_ctx __attribute__((btf_decl_tag("arg:ctx")))
#define __arg_nonnull __attribute__((btf_decl_tag("arg:nonnull")))
#define __arg_nullable __attribute__((btf_decl_tag("arg:nullable")))
#define __arg_trusted __attribute__((btf_decl_tag("arg:trusted")))
#define __arg_untrusted __attribute__((btf_decl_tag("arg:untrusted")))
#define __arg_arena __attribute__((btf_decl_tag("arg:arena")))
#define __contains(name, node) \
	__attribute__((btf_decl_tag("contains:" #name ":" #node)))
#else
#define __arg_ctx
#define __arg_nonnull
#define __arg_nullable
#define __arg_trusted
#define __arg_untrusted
#define __arg_arena
#define __contains(name, node)
#endif

/* A weak __ksym is NULL when the running kernel lacks it; this asks. */
#define bpf_ksym_exists(sym) ({						\
	_Static_assert(!__builtin_constant_p(!!(sym)),			\
		       #sym " must be declared __weak");		\
	!!(sym);							\
})

/* ---- what vmlinux.h users miss from libc/kernel headers ---------------- */
#ifndef NULL
#define NULL ((void *)0)
#endif
#ifndef KERNEL_VERSION
/* The kernel packs a.b.c as a<<16 | b<<8 | c, the sublevel capped at 255. */
#define KERNEL_VERSION(a, b, c) \
	(((a) << 16) + ((b) << 8) + ((c) > 255 ? 255 : (c)))
#endif
#ifndef offsetof
#define offsetof(type, member) __builtin_offsetof(type, member)
#endif
#ifndef container_of
#define container_of(ptr, type, member) ({				\
	void *___rb_mptr = (void *)(ptr);				\
	((type *)((char *)___rb_mptr - offsetof(type, member)));	\
})
#endif

/* ---- compiler control --------------------------------------------------- */
#ifndef barrier
#define barrier() asm volatile("" ::: "memory")
#endif
/* Make the compiler forget what it knows about var (its range, that it is
 * a constant), e.g. to keep a bounds check the verifier must see. */
#ifndef barrier_var
#define barrier_var(var) asm volatile("" : "+r"(var))
#endif
#ifndef likely
#define likely(x) __builtin_expect(!!(x), 1)
#endif
#ifndef unlikely
#define unlikely(x) __builtin_expect(!!(x), 0)
#endif
/* The BPF back ends cannot emit a trap: a __bpf_unreachable() the
 * optimiser did not remove is a build error, which is the point. */
#ifndef __bpf_unreachable
#define __bpf_unreachable() __builtin_trap()
#endif

/* Counting and pasting for the variadic macros (names as in libbpf, which
 * BPF headers of other projects also rely on). Up to 12 arguments. */
#ifndef ___bpf_concat
#define ___bpf_concat(a, b) a##b
#endif
#ifndef ___bpf_apply
#define ___bpf_apply(fn, n) ___bpf_concat(fn, n)
#endif
#ifndef ___bpf_nth
#define ___bpf_nth(_, _1, _2, _3, _4, _5, _6, _7, _8, _9, _a, _b, _c, N, ...) N
#endif
#ifndef ___bpf_narg
#define ___bpf_narg(...) \
	___bpf_nth(_, ##__VA_ARGS__, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0)
#endif

/* ---- tail calls --------------------------------------------------------- */
/* bpf_tail_call_static: a tail call whose slot is a compile-time constant
 * and reaches the call instruction in r3 on every path, which lets the
 * x86-64 JIT patch a direct jump. The pseudo-C asm is clang's syntax;
 * other compilers get a plain bpf_tail_call (same behaviour, no direct
 * jump). */
#if defined(__clang__) && defined(__bpf__)
static __always_inline void
bpf_tail_call_static(void *ctx, const void *map, const __u32 slot)
{
	if (!__builtin_constant_p(slot))
		__bpf_unreachable();
	/* r0-r5 are clobbered by any BPF call. */
	asm volatile("r1 = %[ctx]\n\t"
		     "r2 = %[map]\n\t"
		     "r3 = %[slot]\n\t"
		     "call 12"
		     :: [ctx]"r"(ctx), [map]"r"(map), [slot]"i"(slot)
		     : "r0", "r1", "r2", "r3", "r4", "r5");
}
#else
#define bpf_tail_call_static(ctx, map, slot) \
	((void)bpf_tail_call((ctx), (void *)(map), (slot)))
#endif

/* ---- formatted output --------------------------------------------------- */
/* The array-argument helpers (seq_printf, snprintf, trace_vprintk) take the
 * arguments as an array of u64; ___bpf_fill stores them, any type cast to
 * u64 (pointers included, hence the -Wint-conversion silence). */
#define ___bpf_fill0(arr, i, ...) do {} while (0)
#define ___bpf_fill1(arr, i, x) (arr)[i] = (x)
#define ___bpf_fill2(arr, i, x, ...) (arr)[i] = (x); ___bpf_fill1(arr, (i) + 1, __VA_ARGS__)
#define ___bpf_fill3(arr, i, x, ...) (arr)[i] = (x); ___bpf_fill2(arr, (i) + 1, __VA_ARGS__)
#define ___bpf_fill4(arr, i, x, ...) (arr)[i] = (x); ___bpf_fill3(arr, (i) + 1, __VA_ARGS__)
#define ___bpf_fill5(arr, i, x, ...) (arr)[i] = (x); ___bpf_fill4(arr, (i) + 1, __VA_ARGS__)
#define ___bpf_fill6(arr, i, x, ...) (arr)[i] = (x); ___bpf_fill5(arr, (i) + 1, __VA_ARGS__)
#define ___bpf_fill7(arr, i, x, ...) (arr)[i] = (x); ___bpf_fill6(arr, (i) + 1, __VA_ARGS__)
#define ___bpf_fill8(arr, i, x, ...) (arr)[i] = (x); ___bpf_fill7(arr, (i) + 1, __VA_ARGS__)
#define ___bpf_fill9(arr, i, x, ...) (arr)[i] = (x); ___bpf_fill8(arr, (i) + 1, __VA_ARGS__)
#define ___bpf_fill10(arr, i, x, ...) (arr)[i] = (x); ___bpf_fill9(arr, (i) + 1, __VA_ARGS__)
#define ___bpf_fill11(arr, i, x, ...) (arr)[i] = (x); ___bpf_fill10(arr, (i) + 1, __VA_ARGS__)
#define ___bpf_fill12(arr, i, x, ...) (arr)[i] = (x); ___bpf_fill11(arr, (i) + 1, __VA_ARGS__)
#define ___bpf_fill(arr, ...) \
	___bpf_apply(___bpf_fill, ___bpf_narg(__VA_ARGS__))(arr, 0, ##__VA_ARGS__)

/* ___rb_fmt_args(fmt, args...): declare the format as a static string
 * (___rb_fmt) and the arguments as a u64 array (___rb_args), the shape
 * bpf_seq_printf, bpf_snprintf and bpf_trace_vprintk take. */
#define ___rb_fmt_args(fmt, ...)					\
	static const char ___rb_fmt[] = fmt;				\
	unsigned long long ___rb_args[___bpf_narg(__VA_ARGS__)];	\
	_Pragma("GCC diagnostic push")					\
	_Pragma("GCC diagnostic ignored \"-Wint-conversion\"")		\
	___bpf_fill(___rb_args, ##__VA_ARGS__);				\
	_Pragma("GCC diagnostic pop")

/* BPF_SEQ_PRINTF(seq, fmt, args...): print into an iterator's seq_file. */
#define BPF_SEQ_PRINTF(seq, fmt, ...) ({				\
	___rb_fmt_args(fmt, ##__VA_ARGS__)				\
	bpf_seq_printf(seq, ___rb_fmt, sizeof(___rb_fmt),		\
		       ___rb_args, sizeof(___rb_args));			\
})

/* BPF_SNPRINTF(out, size, fmt, args...): format into a buffer. */
#define BPF_SNPRINTF(out, out_size, fmt, ...) ({			\
	___rb_fmt_args(fmt, ##__VA_ARGS__)				\
	bpf_snprintf(out, out_size, ___rb_fmt,				\
		     ___rb_args, sizeof(___rb_args));			\
})

/* bpf_printk(fmt, args...): a line in tracefs trace_pipe. Up to three
 * arguments use bpf_trace_printk (every kernel), more use
 * bpf_trace_vprintk (5.16+). With BPF_NO_GLOBAL_DATA the format lives on
 * the stack instead of .rodata, for kernels without global data. */
#ifdef BPF_NO_GLOBAL_DATA
#define BPF_PRINTK_FMT_MOD
#else
#define BPF_PRINTK_FMT_MOD static const
#endif

#define __bpf_printk(fmt, ...) ({					\
	BPF_PRINTK_FMT_MOD char ___rb_fmt[] = fmt;			\
	bpf_trace_printk(___rb_fmt, sizeof(___rb_fmt), ##__VA_ARGS__);	\
})

#define __bpf_vprintk(fmt, ...) ({					\
	___rb_fmt_args(fmt, ##__VA_ARGS__)				\
	bpf_trace_vprintk(___rb_fmt, sizeof(___rb_fmt),			\
			  ___rb_args, sizeof(___rb_args));		\
})

#define ___bpf_pick_printk(...)						\
	___bpf_nth(_, ##__VA_ARGS__, __bpf_vprintk, __bpf_vprintk,	\
		   __bpf_vprintk, __bpf_vprintk, __bpf_vprintk,		\
		   __bpf_vprintk, __bpf_vprintk, __bpf_vprintk,		\
		   __bpf_vprintk, __bpf_printk, __bpf_printk,		\
		   __bpf_printk, __bpf_printk)

#define bpf_printk(fmt, ...) \
	___bpf_pick_printk(__VA_ARGS__)(fmt, ##__VA_ARGS__)

#endif /* __BPF_HELPERS__ */
