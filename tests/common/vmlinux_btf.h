/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * vmlinux_btf.h - test-only helpers for kernel tests that build programs
 * from raw instructions: a name scan of /sys/kernel/btf/vmlinux (for the
 * attach_btf_id of iterators and tracing programs) and an instruction
 * macro.
 */
#ifndef RB_TEST_VMLINUX_BTF_H
#define RB_TEST_VMLINUX_BTF_H

#include <stdint.h>
#include <linux/bpf.h>

/* RB_INSN - one struct bpf_insn. */
/* RB_ARRAY_LEN - elements of an array. */
#define RB_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

#define RB_INSN(c, d, s, o, i) \
	((struct bpf_insn){ .code = (c), .dst_reg = (d), .src_reg = (s), \
			    .off = (o), .imm = (i) })

/* rb_load_cookie_prog - a program of @type that stores
 * bpf_get_attach_cookie() into slot 0 of ARRAY map @map_fd (u64 values);
 * prog fd or -errno. */
int rb_load_cookie_prog(uint32_t type, int map_fd);

/*
 * rb_vmlinux_btf_id - id of the first type named @name of BTF kind @kind
 * (12 = FUNC) in the running kernel's BTF; -ENOENT if absent, -errno if
 * the file cannot be read.
 */
int rb_vmlinux_btf_id(const char *name, unsigned kind);

#endif
