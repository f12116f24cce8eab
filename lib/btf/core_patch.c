// SPDX-License-Identifier: BSD-2-Clause
/* core_patch.c - write a CO-RE relocation's value into its instruction
 * (pure): ALU immediates, memory offsets (and load sizes), ld_imm64; or
 * poison it as a call to helper 0xbad2310, which the verifier rejects only
 * if the code is reachable. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "btf/core.h"

static void poison(struct bpf_insn *insn)
{
	insn->code = BPF_JMP | BPF_CALL;
	insn->dst_reg = 0;
	insn->src_reg = 0;
	insn->off = 0;
	insn->imm = RB_CORE_POISON_IMM;
}

static int size_code(uint32_t bytes)
{
	switch (bytes) {
	case 1: return BPF_B;
	case 2: return BPF_H;
	case 4: return BPF_W;
	case 8: return BPF_DW;
	}
	return -1;
}

static uint32_t size_bytes(uint8_t code)
{
	switch (BPF_SIZE(code)) {
	case BPF_B: return 1;
	case BPF_H: return 2;
	case BPF_W: return 4;
	default: return 8;
	}
}

int rb_core_patch(struct bpf_insn *insns, uint32_t cnt, uint32_t idx,
		  const struct rb_core_res *res, char *msg, size_t msg_size)
{
	struct bpf_insn *insn = &insns[idx];
	bool ldimm64;
	uint64_t cur;
	int sc;

	if (idx >= cnt) {
		snprintf(msg, msg_size, "instruction %u outside the program", idx);
		return -EINVAL;
	}
	ldimm64 = insn->code == (BPF_LD | BPF_IMM | BPF_DW);
	if (ldimm64 && idx + 1 >= cnt) {
		snprintf(msg, msg_size, "ld_imm64 at %u cut off", idx);
		return -EINVAL;
	}
	if (res->poison) {
		/* both halves, so the verifier does not stop at "opcode 00" */
		if (ldimm64)
			poison(insn + 1);
		poison(insn);
		return 0;
	}
	switch (BPF_CLASS(insn->code)) {
	case BPF_ALU:
	case BPF_ALU64:
		if (BPF_SRC(insn->code) != BPF_K)
			break;
		if (res->validate && (uint64_t)(uint32_t)insn->imm != (uint32_t)res->orig_val) {
			snprintf(msg, msg_size, "insn %u: imm %d, expected %llu", idx,
				 insn->imm, (unsigned long long)res->orig_val);
			return -EINVAL;
		}
		if (res->new_val > UINT32_MAX) {
			snprintf(msg, msg_size, "insn %u: value %llu does not fit imm32",
				 idx, (unsigned long long)res->new_val);
			return -ERANGE;
		}
		insn->imm = (int32_t)(uint32_t)res->new_val;
		return 0;
	case BPF_LDX:
	case BPF_ST:
	case BPF_STX:
		if (res->validate && (int64_t)insn->off != (int64_t)res->orig_val) {
			snprintf(msg, msg_size, "insn %u: offset %d, expected %llu", idx,
				 insn->off, (unsigned long long)res->orig_val);
			return -EINVAL;
		}
		if (res->new_val > INT16_MAX) {
			snprintf(msg, msg_size, "insn %u: offset %llu does not fit 16 bits",
				 idx, (unsigned long long)res->new_val);
			return -ERANGE;
		}
		insn->off = (int16_t)res->new_val;
		if (res->new_sz && res->orig_sz && res->new_sz != res->orig_sz &&
		    size_bytes(insn->code) == res->orig_sz) {
			sc = size_code(res->new_sz);
			if (sc < 0) {
				snprintf(msg, msg_size, "insn %u: field size %u cannot be loaded",
					 idx, res->new_sz);
				return -EINVAL;
			}
			insn->code = (uint8_t)(BPF_MODE(insn->code) | sc |
					       BPF_CLASS(insn->code));
		}
		return 0;
	case BPF_LD:
		if (!ldimm64)
			break;
		cur = (uint64_t)(uint32_t)insn[0].imm | (uint64_t)(uint32_t)insn[1].imm << 32;
		if (res->validate && cur != res->orig_val) {
			snprintf(msg, msg_size, "insn %u: ld_imm64 %llu, expected %llu", idx,
				 (unsigned long long)cur, (unsigned long long)res->orig_val);
			return -EINVAL;
		}
		insn[0].imm = (int32_t)(uint32_t)res->new_val;
		insn[1].imm = (int32_t)(uint32_t)(res->new_val >> 32);
		return 0;
	}
	snprintf(msg, msg_size, "insn %u (code 0x%02x) cannot carry a CO-RE value",
		 idx, insn->code);
	return -EINVAL;
}
