/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * progs.h - small BPF programs built from raw instructions, for tests that
 * must not depend on the object loader: a counter that adds 1 to slot 0 of
 * an ARRAY map (proof that a hook fired), a constant return, a tail call.
 * Also id lookups of fds.
 */
#ifndef RB_TEST_PROGS_H
#define RB_TEST_PROGS_H

#include <stdint.h>
#include <linux/bpf.h>

/* Room the builders below need. */
#define RB_COUNTER_INSNS 11
#define RB_TAIL_INSNS 6

/* rb_insns_counter - "slot0(@map_fd) += 1; return @ret" into @insns;
 * returns the count (RB_COUNTER_INSNS). The map is referenced with ld_imm64
 * BPF_PSEUDO_MAP_FD, so the loaded program holds the map. */
int rb_insns_counter(struct bpf_insn *insns, int map_fd, int ret);
/* rb_insns_tail_call - "bpf_tail_call(ctx, @prog_array_fd, 0); return
 * @ret" into @insns; returns RB_TAIL_INSNS. */
int rb_insns_tail_call(struct bpf_insn *insns, int prog_array_fd, int ret);

/* rb_counter_map - an ARRAY map with one u64 slot; map fd or -errno. */
int rb_counter_map(const char *name);
/* rb_counter_read - slot 0 of @map_fd, or UINT64_MAX on error. */
uint64_t rb_counter_read(int map_fd);

/* rb_counter_grows - call @fire until slot 0 of @map_fd grows (a new
 * veth drops frames until its qdisc is activated, so a first frame may be
 * lost); 1 if it grew within @ms, else 0. */
int rb_counter_grows(int map_fd, void (*fire)(void), int ms);

/* rb_load_counter - load the counter program as @prog_type (with
 * @expected_attach_type, 0 if none); prog fd or -errno. */
int rb_load_counter(uint32_t prog_type, uint32_t expected_attach_type,
		    int map_fd, int ret);
/* rb_load_ret - load "return @ret"; prog fd or -errno. */
int rb_load_ret(uint32_t prog_type, uint32_t expected_attach_type, int ret);
/* rb_load_tail_call - load the tail-calling program; prog fd or -errno. */
int rb_load_tail_call(uint32_t prog_type, int prog_array_fd, int ret);

/* rb_obj_id - the id of a program, map or link fd (0 on error). */
uint32_t rb_obj_id(int fd);
/* rb_link_info_by_fd - OBJ_GET_INFO_BY_FD into a rawbpf_link_info. */
struct rawbpf_link_info;
int rb_link_info_by_fd(int link_fd, struct rawbpf_link_info *info);
/* rb_link_info_by_id - same for a link id (opens and closes an fd). */
int rb_link_info_by_id(uint32_t id, struct rawbpf_link_info *info);
/* rb_map_fd_by_id - a read-write map fd for @id, or -errno. */
int rb_map_fd_by_id(uint32_t id);

/* rb_tracepoint_id - the perf id of tracefs event @cat/@name, or -errno. */
int rb_tracepoint_id(const char *cat, const char *name);

#endif
