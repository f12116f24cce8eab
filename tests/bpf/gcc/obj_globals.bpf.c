// SPDX-License-Identifier: BSD-2-Clause
/* obj_globals.bpf.c - tests/bpf/obj_globals.bpf.c compiled by bpf-gcc. */
#include "../obj_globals.bpf.c"
