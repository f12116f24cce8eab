// SPDX-License-Identifier: BSD-2-Clause
/* obj_bad.bpf.c - tests/bpf/obj_bad.bpf.c compiled by bpf-gcc. */
#include "../obj_bad.bpf.c"
