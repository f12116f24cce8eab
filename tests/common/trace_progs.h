/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * trace_progs.h - tiny programs built from raw instructions for the attach
 * tests: "count into map slot K" (optionally only for one process) and
 * "store the attach cookie into slot K", plus the counter map they use.
 */
#ifndef RB_TEST_TRACE_PROGS_H
#define RB_TEST_TRACE_PROGS_H

#include <stdbool.h>
#include <stdint.h>

#define RB_TCOUNT_SLOTS 8

/* What a counter program does when it runs. */
struct rb_tcount_prog {
	uint32_t prog_type;
	uint32_t attach_type;		/* expected_attach_type */
	int map_fd;			/* from rb_tcount_map() */
	uint32_t slot;			/* map key to add to / store into */
	uint32_t tgid;			/* count only this process (0: all) */
	bool store_cookie;		/* store bpf_get_attach_cookie() */
	int retval;			/* the program's return value (with
				   @tgid: other processes get 0) */
	uint64_t add;			/* what to add (default 1) */
	bool ctx_check;			/* count only if the u64 at ctx+ctx_off */
	int16_t ctx_off;		/* ... equals ctx_val */
	int32_t ctx_val;
};

/* rb_tcount_map - an array map of RB_TCOUNT_SLOTS u64 slots. */
int rb_tcount_map(void);
/* rb_tcount_get - slot @slot of @map_fd (0 on error). */
uint64_t rb_tcount_get(int map_fd, uint32_t slot);
/* rb_tcount_set - write @val to slot @slot. */
void rb_tcount_set(int map_fd, uint32_t slot, uint64_t val);
/* rb_tcount_load - load the program @p describes; fd or -errno. */
int rb_tcount_load(const struct rb_tcount_prog *p);
/* rb_tcount_load_btf - the same with attach_btf_id @btf_id (tracing/lsm). */
int rb_tcount_load_btf(const struct rb_tcount_prog *p, uint32_t btf_id);

/* rb_uprobe_thumb - whether function @fn of the library @lib ("libc" as
 * this process maps it, or a path) is 32-bit ARM Thumb code, which ARM
 * kernels place no uprobe on (the library refuses it: -EOPNOTSUPP). */
bool rb_uprobe_thumb(const char *lib, const char *fn);
/* rb_need_uprobe_code - skip, naming it, when rb_uprobe_thumb(). */
void rb_need_uprobe_code(const char *lib, const char *fn);

#endif
