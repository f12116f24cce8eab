// SPDX-License-Identifier: BSD-2-Clause
/* btf_maps.bpf.c - tests/bpf/btf_maps.bpf.c compiled by bpf-gcc. */
#include "../btf_maps.bpf.c"
