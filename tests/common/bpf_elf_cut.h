// SPDX-License-Identifier: BSD-2-Clause
/* bpf_elf_cut.h - find the BPF ELF object a libbpf-tools binary embeds
 * (its skeleton's bytes). No dependency: the libbpf oracle uses it too. */
#ifndef RB_TEST_BPF_ELF_CUT_H
#define RB_TEST_BPF_ELF_CUT_H
#include <stddef.h>
#include <stdint.h>

/* rb_find_bpf_elf - the first little-endian ELF64 for EM_BPF inside @bin
 * (@size bytes): its offset and length. 0 or -ENOENT. */
int rb_find_bpf_elf(const uint8_t *bin, size_t size, size_t *off, size_t *len);

/* rb_cut_bpf_elf - read @path and return a malloc'd, 8-byte aligned copy
 * of the BPF ELF it embeds (length in @len), or NULL. */
uint8_t *rb_cut_bpf_elf(const char *path, size_t *len);

#endif
