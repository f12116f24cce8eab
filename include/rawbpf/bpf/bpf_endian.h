/* SPDX-License-Identifier: BSD-2-Clause */
/* bpf_endian.h - byte order conversion for BPF programs, libbpf's names:
 * bpf_htons/ntohs (16 bit), bpf_htonl/ntohl (32 bit), bpf_cpu_to_be64 /
 * bpf_be64_to_cpu (64 bit). A constant argument folds at compile time (so
 * it may appear in a case label); anything else becomes one BPF byte-swap
 * instruction. The __bpf_constant_* forms always take the folding path. */
#ifndef __BPF_ENDIAN__
#define __BPF_ENDIAN__

/* Swaps written as shifts so they are constant expressions. */
#define ___bpf_swab16(x) ((unsigned short)(			\
	(((unsigned short)(x) & 0x00ffU) << 8) |		\
	(((unsigned short)(x) & 0xff00U) >> 8)))
#define ___bpf_swab32(x) ((unsigned int)(			\
	(((unsigned int)(x) & 0x000000ffU) << 24) |		\
	(((unsigned int)(x) & 0x0000ff00U) << 8) |		\
	(((unsigned int)(x) & 0x00ff0000U) >> 8) |		\
	(((unsigned int)(x) & 0xff000000U) >> 24)))
#define ___bpf_swab64(x) ((unsigned long long)(			\
	((unsigned long long)___bpf_swab32((x) & 0xffffffffULL) << 32) | \
	(unsigned long long)___bpf_swab32((unsigned long long)(x) >> 32)))

#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define __bpf_ntohs(x) __builtin_bswap16(x)
#define __bpf_htons(x) __builtin_bswap16(x)
#define __bpf_constant_ntohs(x) ___bpf_swab16(x)
#define __bpf_constant_htons(x) ___bpf_swab16(x)
#define __bpf_ntohl(x) __builtin_bswap32(x)
#define __bpf_htonl(x) __builtin_bswap32(x)
#define __bpf_constant_ntohl(x) ___bpf_swab32(x)
#define __bpf_constant_htonl(x) ___bpf_swab32(x)
#define __bpf_be64_to_cpu(x) __builtin_bswap64(x)
#define __bpf_cpu_to_be64(x) __builtin_bswap64(x)
#define __bpf_constant_be64_to_cpu(x) ___bpf_swab64(x)
#define __bpf_constant_cpu_to_be64(x) ___bpf_swab64(x)
#elif __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define __bpf_ntohs(x) (x)
#define __bpf_htons(x) (x)
#define __bpf_constant_ntohs(x) (x)
#define __bpf_constant_htons(x) (x)
#define __bpf_ntohl(x) (x)
#define __bpf_htonl(x) (x)
#define __bpf_constant_ntohl(x) (x)
#define __bpf_constant_htonl(x) (x)
#define __bpf_be64_to_cpu(x) (x)
#define __bpf_cpu_to_be64(x) (x)
#define __bpf_constant_be64_to_cpu(x) (x)
#define __bpf_constant_cpu_to_be64(x) (x)
#else
#error "bpf_endian.h: the compiler does not define __BYTE_ORDER__"
#endif

#define ___bpf_pick_swap(name, x) \
	(__builtin_constant_p(x) ? __bpf_constant_##name(x) : __bpf_##name(x))

#define bpf_htons(x) ___bpf_pick_swap(htons, x)
#define bpf_ntohs(x) ___bpf_pick_swap(ntohs, x)
#define bpf_htonl(x) ___bpf_pick_swap(htonl, x)
#define bpf_ntohl(x) ___bpf_pick_swap(ntohl, x)
#define bpf_cpu_to_be64(x) ___bpf_pick_swap(cpu_to_be64, x)
#define bpf_be64_to_cpu(x) ___bpf_pick_swap(be64_to_cpu, x)

#endif /* __BPF_ENDIAN__ */
