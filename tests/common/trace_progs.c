// SPDX-License-Identifier: BSD-2-Clause
/* trace_progs.c - raw-instruction test programs; see trace_progs.h. */
#include <errno.h>
#include <string.h>

#include "fixture.h"
#include "rawbpf/attach_trace.h"
#include "rawbpf/sys.h"
#include "trace_progs.h"

#define INSN(c, d, s, o, i) \
	((struct bpf_insn){ .code = (c), .dst_reg = (d), .src_reg = (s), \
			    .off = (o), .imm = (i) })
#define MOV64_IMM(d, i) INSN(BPF_ALU64 | BPF_MOV | BPF_K, d, 0, 0, i)
#define MOV64_REG(d, s) INSN(BPF_ALU64 | BPF_MOV | BPF_X, d, s, 0, 0)
#define ADD64_IMM(d, i) INSN(BPF_ALU64 | BPF_ADD | BPF_K, d, 0, 0, i)
#define RSH64_IMM(d, i) INSN(BPF_ALU64 | BPF_RSH | BPF_K, d, 0, 0, i)
#define ST_W(d, o, i) INSN(BPF_ST | BPF_MEM | BPF_W, d, 0, o, i)
#define STX_DW(d, s, o) INSN(BPF_STX | BPF_MEM | BPF_DW, d, s, o, 0)
#define XADD_DW(d, s, o) INSN(BPF_STX | BPF_ATOMIC | BPF_DW, d, s, o, BPF_ADD)
#define JNE_IMM(d, i, o) INSN(BPF_JMP | BPF_JNE | BPF_K, d, 0, o, i)
#define JEQ_IMM(d, i, o) INSN(BPF_JMP | BPF_JEQ | BPF_K, d, 0, o, i)
#define CALL(f) INSN(BPF_JMP | BPF_CALL, 0, 0, 0, f)
#define EXIT() INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0)
#define LDX_DW(d, s, o) INSN(BPF_LDX | BPF_MEM | BPF_DW, d, s, o, 0)

int rb_tcount_map(void)
{
	return rawbpf_sys_map_create(BPF_MAP_TYPE_ARRAY, "rb_counters", 4, 8,
				 RB_TCOUNT_SLOTS, NULL);
}

uint64_t rb_tcount_get(int map_fd, uint32_t slot)
{
	uint64_t v = 0;

	if (rawbpf_sys_map_lookup_elem(map_fd, &slot, &v))
		return 0;
	return v;
}

void rb_tcount_set(int map_fd, uint32_t slot, uint64_t val)
{
	rawbpf_sys_map_update_elem(map_fd, &slot, &val, BPF_ANY);
}

int rb_tcount_load(const struct rb_tcount_prog *p)
{
	return rb_tcount_load_btf(p, 0);
}

int rb_tcount_load_btf(const struct rb_tcount_prog *p, uint32_t btf_id)
{
	struct bpf_insn insns[40];
	int n = 0, jmp_out[3], njmp = 0, other = -1;
	RAWBPF_OPTS(rawbpf_sys_prog_load_opts, o,
		    .expected_attach_type = p->attach_type,
		    .attach_btf_id = btf_id);

	insns[n++] = MOV64_REG(6, 1);			/* r6 = ctx */
	if (p->tgid) {
		insns[n++] = CALL(BPF_FUNC_get_current_pid_tgid);
		insns[n++] = RSH64_IMM(0, 32);
		/* other processes get 0, never our verdict */
		if (p->retval)
			other = n;
		else
			jmp_out[njmp++] = n;
		insns[n++] = JNE_IMM(0, (int32_t)p->tgid, 0);
	}
	if (p->ctx_check) {
		insns[n++] = LDX_DW(1, 6, (int16_t)p->ctx_off);
		jmp_out[njmp++] = n;
		insns[n++] = JNE_IMM(1, (int32_t)p->ctx_val, 0);
	}
	if (p->store_cookie) {
		insns[n++] = MOV64_REG(1, 6);
		insns[n++] = CALL(BPF_FUNC_get_attach_cookie);
		insns[n++] = MOV64_REG(7, 0);
	} else {
		insns[n++] = MOV64_IMM(7, p->add ? (int32_t)p->add : 1);
	}
	insns[n++] = ST_W(10, -4, (int32_t)p->slot);
	insns[n++] = MOV64_REG(2, 10);
	insns[n++] = ADD64_IMM(2, -4);
	insns[n++] = INSN(BPF_LD | BPF_DW | BPF_IMM, 1, BPF_PSEUDO_MAP_FD, 0,
			  p->map_fd);
	insns[n++] = INSN(0, 0, 0, 0, 0);
	insns[n++] = CALL(BPF_FUNC_map_lookup_elem);
	jmp_out[njmp++] = n;
	insns[n++] = JEQ_IMM(0, 0, 0);
	if (p->store_cookie)
		insns[n++] = STX_DW(0, 7, 0);
	else
		insns[n++] = XADD_DW(0, 7, 0);
	for (int i = 0; i < njmp; i++)
		insns[jmp_out[i]].off = (int16_t)(n - jmp_out[i] - 1);
	insns[n++] = MOV64_IMM(0, p->retval);
	insns[n++] = EXIT();
	if (other >= 0) {
		insns[other].off = (int16_t)(n - other - 1);
		insns[n++] = MOV64_IMM(0, 0);
		insns[n++] = EXIT();
	}
	return rawbpf_sys_prog_load(p->prog_type, "rb_counter", "GPL", insns,
				(uint32_t)n, &o);
}

bool rb_uprobe_thumb(const char *lib, const char *fn)
{
	char path[512];
	uint64_t off;

	if (lib[0] != '/' &&
	    rawbpf_uprobe_find_library(0, lib, path, sizeof(path)) &&
	    rawbpf_uprobe_find_library_file(lib, path, sizeof(path), NULL))
		return false;
	return rawbpf_uprobe_resolve(lib[0] == '/' ? lib : path, fn, &off, NULL) ==
	       -EOPNOTSUPP;
}

void rb_need_uprobe_code(const char *lib, const char *fn)
{
	if (rb_uprobe_thumb(lib, fn))
		rb_skip_feature("uprobes on %s in %s: Thumb code (32-bit ARM kernels "
				"place uprobes on ARM code only)", fn, lib);
}
