/* SPDX-License-Identifier: BSD-2-Clause */
/* bpf_core_read.h - CO-RE ("compile once, run everywhere") reads and
 * questions for BPF programs, with libbpf's names. The compiler records a
 * relocation for each field, type or enum value named here; the loader
 * (rawbpf's lib/btf CO-RE matcher) rewrites it for the running kernel's
 * BTF. Needs the compiler's CO-RE builtins: clang, or bpf-gcc for the
 * plain reads (bpf-gcc 12 lacks the field/type/enum questions and the
 * bitfield reads; using one stops the build with a message naming the
 * missing builtin). */
#ifndef __BPF_CORE_READ_H__
#define __BPF_CORE_READ_H__

#include "bpf_helpers.h"	/* the helpers and ___bpf_narg */

/* What a relocation asks; the values are the compilers' (and the BTF
 * .BTF.ext record's) encoding. */
enum bpf_field_info_kind {
	BPF_FIELD_BYTE_OFFSET = 0,	/* byte offset of the field */
	BPF_FIELD_BYTE_SIZE = 1,	/* its size (of the containing load for a bitfield) */
	BPF_FIELD_EXISTS = 2,		/* 1 if the kernel's type has it */
	BPF_FIELD_SIGNED = 3,		/* 1 if it is signed */
	BPF_FIELD_LSHIFT_U64 = 4,	/* bitfield: left shift in a u64 */
	BPF_FIELD_RSHIFT_U64 = 5,	/* bitfield: right shift after that */
};

enum bpf_type_id_kind {
	BPF_TYPE_ID_LOCAL = 0,		/* BTF id in the program's own BTF */
	BPF_TYPE_ID_TARGET = 1,		/* BTF id in the kernel's BTF */
};

enum bpf_type_info_kind {
	BPF_TYPE_EXISTS = 0,		/* the kernel has a compatible type */
	BPF_TYPE_SIZE = 1,		/* its size in the kernel */
	BPF_TYPE_MATCHES = 2,		/* the kernel's type matches exactly */
};

enum bpf_enum_value_kind {
	BPF_ENUMVAL_EXISTS = 0,		/* the kernel's enum has the value */
	BPF_ENUMVAL_VALUE = 1,		/* its value in the kernel */
};

/* Where the compiler lacks a builtin a macro needs, using the macro stops
 * the build with a message naming the builtin (not an obscure implicit
 * declaration error). */
#define ___rb_missing(msg) ({ _Pragma(msg) 0; })

#if __has_builtin(__builtin_preserve_field_info)
#define ___rb_field_info(ref, kind) __builtin_preserve_field_info(ref, kind)
#else
#define ___rb_field_info(ref, kind) ___rb_missing( \
	"GCC error \"this compiler lacks __builtin_preserve_field_info (CO-RE field questions, bitfields)\"")
#endif
#if __has_builtin(__builtin_preserve_type_info)
#define ___rb_type_info(type, kind) \
	__builtin_preserve_type_info(*(typeof(type) *)0, kind)
#else
#define ___rb_type_info(type, kind) ___rb_missing( \
	"GCC error \"this compiler lacks __builtin_preserve_type_info (CO-RE type questions)\"")
#endif
#if __has_builtin(__builtin_btf_type_id)
#define ___rb_type_id(type, kind) __builtin_btf_type_id(*(typeof(type) *)0, kind)
#else
#define ___rb_type_id(type, kind) ___rb_missing( \
	"GCC error \"this compiler lacks __builtin_btf_type_id (BTF type ids)\"")
#endif
#if __has_builtin(__builtin_preserve_enum_value)
/* clang accepts only the bare form `*(enum_type *)ENUMERATOR` */
#define ___rb_enum_info(type, value, kind) \
	__builtin_preserve_enum_value(*(typeof(type) *)value, kind)
#else
#define ___rb_enum_info(type, value, kind) ___rb_missing( \
	"GCC error \"this compiler lacks __builtin_preserve_enum_value (CO-RE enum questions)\"")
#endif

/* ---- questions about fields, types and enum values --------------------- */
/* A field is named as an access (`p->a.b`) or as (type, member path). */
#define ___bpf_field_ref1(field) (field)
#define ___bpf_field_ref2(type, field) (((typeof(type) *)0)->field)
#define ___bpf_field_ref(...) \
	___bpf_apply(___bpf_field_ref, ___bpf_narg(__VA_ARGS__))(__VA_ARGS__)

#define bpf_core_field_exists(...) \
	___rb_field_info(___bpf_field_ref(__VA_ARGS__), BPF_FIELD_EXISTS)
#define bpf_core_field_size(...) \
	___rb_field_info(___bpf_field_ref(__VA_ARGS__), BPF_FIELD_BYTE_SIZE)
#define bpf_core_field_offset(...) \
	___rb_field_info(___bpf_field_ref(__VA_ARGS__), BPF_FIELD_BYTE_OFFSET)

#define bpf_core_type_id_local(type) ___rb_type_id(type, BPF_TYPE_ID_LOCAL)
#define bpf_core_type_id_kernel(type) ___rb_type_id(type, BPF_TYPE_ID_TARGET)
#define bpf_core_type_exists(type) ___rb_type_info(type, BPF_TYPE_EXISTS)
#if defined(__clang__) && __clang_major__ < 15
#define bpf_core_type_matches(type) ___rb_missing( \
	"GCC error \"bpf_core_type_matches needs clang 15 or later\"")
#else
#define bpf_core_type_matches(type) ___rb_type_info(type, BPF_TYPE_MATCHES)
#endif
#define bpf_core_type_size(type) ___rb_type_info(type, BPF_TYPE_SIZE)

#define bpf_core_enum_value_exists(enum_type, value) \
	___rb_enum_info(enum_type, value, BPF_ENUMVAL_EXISTS)
#define bpf_core_enum_value(enum_type, value) \
	___rb_enum_info(enum_type, value, BPF_ENUMVAL_VALUE)

/* bpf_core_cast(ptr, type): view a kernel pointer as `type *` for direct
 * (read-only, verifier-checked) access; needs the bpf_rdonly_cast kfunc. */
extern void *bpf_rdonly_cast(const void *obj, __u32 btf_id)
	__attribute__((section(".ksyms"), weak));
#define bpf_core_cast(ptr, type) \
	((typeof(type) *)bpf_rdonly_cast((ptr), bpf_core_type_id_kernel(type)))

/* ---- bitfields ---------------------------------------------------------- */
#define ___rb_bf(s, field, kind) ___rb_field_info((s)->field, kind)

/* Shift the loaded bytes so the field ends up in the low bits, sign-
 * extending when the kernel says the field is signed. */
#define ___rb_bf_extract(v, s, field) ({				\
	unsigned long long ___rb_x = (v) << ___rb_bf(s, field, BPF_FIELD_LSHIFT_U64); \
	___rb_bf(s, field, BPF_FIELD_SIGNED) ?				\
		(unsigned long long)((long long)___rb_x >>		\
				     ___rb_bf(s, field, BPF_FIELD_RSHIFT_U64)) : \
		___rb_x >> ___rb_bf(s, field, BPF_FIELD_RSHIFT_U64);	\
})

/* BPF_CORE_READ_BITFIELD_PROBED(s, field): a bitfield behind a pointer the
 * program may not dereference (kprobe arguments): read the containing
 * bytes with bpf_probe_read_kernel. On big endian the bytes are the low
 * end of the u64, so they go to its tail. */
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define ___rb_bf_dst(v, size) ((void *)&(v))
#else
#define ___rb_bf_dst(v, size) ((char *)&(v) + 8 - (size))
#endif
#define BPF_CORE_READ_BITFIELD_PROBED(s, field) ({			\
	unsigned long long ___rb_v = 0;					\
	unsigned int ___rb_sz = ___rb_bf(s, field, BPF_FIELD_BYTE_SIZE); \
	bpf_probe_read_kernel(___rb_bf_dst(___rb_v, ___rb_sz), ___rb_sz, \
			      (const char *)(s) +			\
			      ___rb_bf(s, field, BPF_FIELD_BYTE_OFFSET)); \
	___rb_bf_extract(___rb_v, s, field);				\
})

/* BPF_CORE_READ_BITFIELD(s, field): the same through a pointer the program
 * may load from directly (BTF-typed: tp_btf, fentry, iterators). The
 * offset is made opaque (asm) so the relocation is applied once, not once
 * per load size. */
#define BPF_CORE_READ_BITFIELD(s, field) ({				\
	const char *___rb_p = (const char *)(s) +			\
		___rb_bf(s, field, BPF_FIELD_BYTE_OFFSET);		\
	unsigned long long ___rb_v = 0;					\
	asm volatile("" : "+r"(___rb_p));				\
	switch (___rb_bf(s, field, BPF_FIELD_BYTE_SIZE)) {		\
	case 1: ___rb_v = *(const unsigned char *)___rb_p; break;	\
	case 2: ___rb_v = *(const unsigned short *)___rb_p; break;	\
	case 4: ___rb_v = *(const unsigned int *)___rb_p; break;	\
	case 8: ___rb_v = *(const unsigned long long *)___rb_p; break;	\
	}								\
	___rb_bf_extract(___rb_v, s, field);				\
})

/* BPF_CORE_WRITE_BITFIELD(s, field, value): store into a bitfield of a
 * writable BTF-typed object, keeping the neighbouring bits. */
#define BPF_CORE_WRITE_BITFIELD(s, field, new_val) ({			\
	char *___rb_p = (char *)(s) +					\
		___rb_bf(s, field, BPF_FIELD_BYTE_OFFSET);		\
	unsigned int ___rb_l = ___rb_bf(s, field, BPF_FIELD_LSHIFT_U64); \
	unsigned int ___rb_r = ___rb_bf(s, field, BPF_FIELD_RSHIFT_U64); \
	unsigned long long ___rb_m = (~0ULL << ___rb_r) >> ___rb_l;	\
	unsigned long long ___rb_n = ((unsigned long long)(new_val) <<	\
				      (___rb_r - ___rb_l)) & ___rb_m;	\
	asm volatile("" : "+r"(___rb_p));				\
	switch (___rb_bf(s, field, BPF_FIELD_BYTE_SIZE)) {		\
	case 1: *(unsigned char *)___rb_p = (*(unsigned char *)___rb_p & ~___rb_m) | ___rb_n; break; \
	case 2: *(unsigned short *)___rb_p = (*(unsigned short *)___rb_p & ~___rb_m) | ___rb_n; break; \
	case 4: *(unsigned int *)___rb_p = (*(unsigned int *)___rb_p & ~___rb_m) | ___rb_n; break; \
	case 8: *(unsigned long long *)___rb_p = (*(unsigned long long *)___rb_p & ~___rb_m) | ___rb_n; break; \
	}								\
})

/* ---- reads through one pointer ----------------------------------------- */
/* bpf_core_read*(dst, size, src): bpf_probe_read_* with the address of
 * src recorded for relocation. */
#define ___rb_core_addr(src) ((const void *)__builtin_preserve_access_index(src))
#define bpf_core_read(dst, sz, src) \
	bpf_probe_read_kernel(dst, sz, ___rb_core_addr(src))
#define bpf_core_read_user(dst, sz, src) \
	bpf_probe_read_user(dst, sz, ___rb_core_addr(src))
#define bpf_core_read_str(dst, sz, src) \
	bpf_probe_read_kernel_str(dst, sz, ___rb_core_addr(src))
#define bpf_core_read_user_str(dst, sz, src) \
	bpf_probe_read_user_str(dst, sz, ___rb_core_addr(src))

/* Plain (not relocated) forms for the BPF_PROBE_READ family. */
#define ___rb_plain_read(dst, sz, src) \
	bpf_probe_read_kernel(dst, sz, (const void *)(src))
#define ___rb_plain_read_user(dst, sz, src) \
	bpf_probe_read_user(dst, sz, (const void *)(src))
#define ___rb_plain_read_str(dst, sz, src) \
	bpf_probe_read_kernel_str(dst, sz, (const void *)(src))
#define ___rb_plain_read_user_str(dst, sz, src) \
	bpf_probe_read_user_str(dst, sz, (const void *)(src))

/* ---- pointer chains: BPF_CORE_READ(s, a, b, c) = s->a->b->c ------------- */
/* ___rb_chainN(last, mid, dst, s, f1..fN): read s->f1 (a pointer) into a
 * local with `mid`, then continue from that local; the last member goes
 * to *dst with `last`. One local per depth so nested scopes never shadow
 * a name the next declaration's typeof still needs. Up to 9 members. */
#define ___rb_chain1(last, mid, dst, s, f1) \
	last((void *)(dst), sizeof(*(dst)), &(s)->f1)
#define ___rb_step(n, mid, s, f1) \
	typeof((s)->f1) ___rb_c##n; mid(&___rb_c##n, sizeof(___rb_c##n), &(s)->f1)
#define ___rb_chain2(last, mid, dst, s, f1, ...) ({ ___rb_step(2, mid, s, f1); \
	___rb_chain1(last, mid, dst, ___rb_c2, __VA_ARGS__); })
#define ___rb_chain3(last, mid, dst, s, f1, ...) ({ ___rb_step(3, mid, s, f1); \
	___rb_chain2(last, mid, dst, ___rb_c3, __VA_ARGS__); })
#define ___rb_chain4(last, mid, dst, s, f1, ...) ({ ___rb_step(4, mid, s, f1); \
	___rb_chain3(last, mid, dst, ___rb_c4, __VA_ARGS__); })
#define ___rb_chain5(last, mid, dst, s, f1, ...) ({ ___rb_step(5, mid, s, f1); \
	___rb_chain4(last, mid, dst, ___rb_c5, __VA_ARGS__); })
#define ___rb_chain6(last, mid, dst, s, f1, ...) ({ ___rb_step(6, mid, s, f1); \
	___rb_chain5(last, mid, dst, ___rb_c6, __VA_ARGS__); })
#define ___rb_chain7(last, mid, dst, s, f1, ...) ({ ___rb_step(7, mid, s, f1); \
	___rb_chain6(last, mid, dst, ___rb_c7, __VA_ARGS__); })
#define ___rb_chain8(last, mid, dst, s, f1, ...) ({ ___rb_step(8, mid, s, f1); \
	___rb_chain7(last, mid, dst, ___rb_c8, __VA_ARGS__); })
#define ___rb_chain9(last, mid, dst, s, f1, ...) ({ ___rb_step(9, mid, s, f1); \
	___rb_chain8(last, mid, dst, ___rb_c9, __VA_ARGS__); })
#define ___rb_chain(last, mid, dst, s, ...)				\
	___bpf_apply(___rb_chain, ___bpf_narg(__VA_ARGS__))(last, mid, dst, s, __VA_ARGS__)

/* The type at the end of a chain: typeof(s->f1->...->fN). */
#define ___rb_arrow1(s, a) (s)->a
#define ___rb_arrow2(s, a, ...) ___rb_arrow1((s)->a, __VA_ARGS__)
#define ___rb_arrow3(s, a, ...) ___rb_arrow2((s)->a, __VA_ARGS__)
#define ___rb_arrow4(s, a, ...) ___rb_arrow3((s)->a, __VA_ARGS__)
#define ___rb_arrow5(s, a, ...) ___rb_arrow4((s)->a, __VA_ARGS__)
#define ___rb_arrow6(s, a, ...) ___rb_arrow5((s)->a, __VA_ARGS__)
#define ___rb_arrow7(s, a, ...) ___rb_arrow6((s)->a, __VA_ARGS__)
#define ___rb_arrow8(s, a, ...) ___rb_arrow7((s)->a, __VA_ARGS__)
#define ___rb_arrow9(s, a, ...) ___rb_arrow8((s)->a, __VA_ARGS__)
#define ___rb_arrow(s, ...) \
	___bpf_apply(___rb_arrow, ___bpf_narg(__VA_ARGS__))(s, __VA_ARGS__)

/* *_INTO(dst, s, a, ...) stores the final member in *dst and returns the
 * last read's result (0 or -errno); the _STR_ forms read a string. */
#define BPF_CORE_READ_INTO(dst, src, a, ...) \
	___rb_chain(bpf_core_read, bpf_core_read, dst, (src), a, ##__VA_ARGS__)
#define BPF_CORE_READ_USER_INTO(dst, src, a, ...) \
	___rb_chain(bpf_core_read_user, bpf_core_read_user, dst, (src), a, ##__VA_ARGS__)
#define BPF_CORE_READ_STR_INTO(dst, src, a, ...) \
	___rb_chain(bpf_core_read_str, bpf_core_read, dst, (src), a, ##__VA_ARGS__)
#define BPF_CORE_READ_USER_STR_INTO(dst, src, a, ...) \
	___rb_chain(bpf_core_read_user_str, bpf_core_read_user, dst, (src), a, ##__VA_ARGS__)

#define BPF_PROBE_READ_INTO(dst, src, a, ...) \
	___rb_chain(___rb_plain_read, ___rb_plain_read, dst, (src), a, ##__VA_ARGS__)
#define BPF_PROBE_READ_USER_INTO(dst, src, a, ...) \
	___rb_chain(___rb_plain_read_user, ___rb_plain_read_user, dst, (src), a, ##__VA_ARGS__)
#define BPF_PROBE_READ_STR_INTO(dst, src, a, ...) \
	___rb_chain(___rb_plain_read_str, ___rb_plain_read, dst, (src), a, ##__VA_ARGS__)
#define BPF_PROBE_READ_USER_STR_INTO(dst, src, a, ...) \
	___rb_chain(___rb_plain_read_user_str, ___rb_plain_read_user, dst, (src), a, ##__VA_ARGS__)

/* BPF_CORE_READ(s, a, ...) and friends return the final member's value
 * (zero if a read failed: the probe-read helpers zero their output). */
#define ___rb_read_value(into, src, a, ...) ({				\
	typeof(___rb_arrow((src), a, ##__VA_ARGS__)) ___rb_val;		\
	into(&___rb_val, (src), a, ##__VA_ARGS__);			\
	___rb_val;							\
})
#define BPF_CORE_READ(src, a, ...) \
	___rb_read_value(BPF_CORE_READ_INTO, src, a, ##__VA_ARGS__)
#define BPF_CORE_READ_USER(src, a, ...) \
	___rb_read_value(BPF_CORE_READ_USER_INTO, src, a, ##__VA_ARGS__)
#define BPF_PROBE_READ(src, a, ...) \
	___rb_read_value(BPF_PROBE_READ_INTO, src, a, ##__VA_ARGS__)
#define BPF_PROBE_READ_USER(src, a, ...) \
	___rb_read_value(BPF_PROBE_READ_USER_INTO, src, a, ##__VA_ARGS__)

#endif /* __BPF_CORE_READ_H__ */
