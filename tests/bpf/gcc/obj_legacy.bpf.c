// SPDX-License-Identifier: BSD-2-Clause
/* obj_legacy.bpf.c - tests/bpf/obj_legacy.bpf.c compiled by bpf-gcc. */
#include "../obj_legacy.bpf.c"
