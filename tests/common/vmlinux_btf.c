// SPDX-License-Identifier: BSD-2-Clause
/* vmlinux_btf.c - a minimal linear scan of vmlinux BTF by name; see
 * vmlinux_btf.h. Test code: the library has its own BTF reader. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "vmlinux_btf.h"
#include "rawbpf/sys.h"

struct hdr {
	uint16_t magic;
	uint8_t version, flags;
	uint32_t hdr_len, type_off, type_len, str_off, str_len;
};

/* Bytes following the 12-byte type record, by kind (BTF_KIND_*). */
static size_t extra(unsigned kind, unsigned vlen)
{
	switch (kind) {
	case 1: case 14: case 17: return 4;		/* INT, VAR, DECL_TAG */
	case 3: return 12;				/* ARRAY */
	case 4: case 5: case 15: case 19: return 12 * (size_t)vlen;
	case 6: case 13: return 8 * (size_t)vlen;	/* ENUM, FUNC_PROTO */
	default: return 0;
	}
}

int rb_vmlinux_btf_id(const char *name, unsigned kind)
{
	size_t size, off;
	unsigned char *blob = rb_read_file("/sys/kernel/btf/vmlinux", &size);
	const struct hdr *h = (const void *)blob;
	const unsigned char *types;
	const char *strs;
	int id = 1, ret = -ENOENT;

	if (!blob)
		return -errno ? -errno : -EIO;
	if (size < sizeof(*h) || h->magic != 0xeB9F) {
		free(blob);
		return -EINVAL;
	}
	types = blob + h->hdr_len + h->type_off;
	strs = (const char *)blob + h->hdr_len + h->str_off;
	for (off = 0; off + 12 <= h->type_len; id++) {
		uint32_t name_off, info;

		memcpy(&name_off, types + off, 4);
		memcpy(&info, types + off + 4, 4);
		if (((info >> 24) & 0x1f) == kind && name_off < h->str_len &&
		    !strcmp(strs + name_off, name)) {
			ret = id;
			break;
		}
		off += 12 + extra((info >> 24) & 0x1f, info & 0xffff);
	}
	free(blob);
	return ret;
}

int rb_load_cookie_prog(uint32_t type, int map_fd)
{
	const struct bpf_insn insns[] = {
		RB_INSN(BPF_JMP | BPF_CALL, 0, 0, 0, BPF_FUNC_get_attach_cookie),
		RB_INSN(BPF_ALU64 | BPF_MOV | BPF_X, 6, 0, 0, 0),
		RB_INSN(BPF_ST | BPF_MEM | BPF_W, 10, 0, -4, 0),
		RB_INSN(BPF_ALU64 | BPF_MOV | BPF_X, 2, 10, 0, 0),
		RB_INSN(BPF_ALU64 | BPF_ADD | BPF_K, 2, 0, 0, -4),
		RB_INSN(BPF_LD | BPF_DW | BPF_IMM, 1, BPF_PSEUDO_MAP_FD, 0, map_fd),
		RB_INSN(0, 0, 0, 0, 0),
		RB_INSN(BPF_JMP | BPF_CALL, 0, 0, 0, BPF_FUNC_map_lookup_elem),
		RB_INSN(BPF_JMP | BPF_JEQ | BPF_K, 0, 0, 1, 0),
		RB_INSN(BPF_STX | BPF_MEM | BPF_DW, 0, 6, 0, 0),
		RB_INSN(BPF_ALU64 | BPF_MOV | BPF_K, 0, 0, 0, 0),
		RB_INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0),
	};

	return rawbpf_sys_prog_load(type, "rb_cookie", "GPL", insns,
				RB_ARRAY_LEN(insns), NULL);
}
