// SPDX-License-Identifier: BSD-2-Clause
/* progs.c - raw-instruction test programs and id helpers; see progs.h. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "progs.h"
#include "fixture.h"
#include "rawbpf/sys.h"

#define INSN(c, d, s, o, i) \
	((struct bpf_insn){ .code = (c), .dst_reg = (d), .src_reg = (s), \
			    .off = (o), .imm = (i) })

static int ld_map_fd(struct bpf_insn *insns, int reg, int map_fd)
{
	insns[0] = INSN(BPF_LD | BPF_DW | BPF_IMM, reg, BPF_PSEUDO_MAP_FD, 0,
			map_fd);
	insns[1] = INSN(0, 0, 0, 0, 0);
	return 2;
}

int rb_insns_counter(struct bpf_insn *insns, int map_fd, int ret)
{
	int n = 0;

	insns[n++] = INSN(BPF_ST | BPF_MEM | BPF_W, BPF_REG_10, 0, -4, 0);
	insns[n++] = INSN(BPF_ALU64 | BPF_MOV | BPF_X, BPF_REG_2, BPF_REG_10, 0, 0);
	insns[n++] = INSN(BPF_ALU64 | BPF_ADD | BPF_K, BPF_REG_2, 0, 0, -4);
	n += ld_map_fd(&insns[n], BPF_REG_1, map_fd);
	insns[n++] = INSN(BPF_JMP | BPF_CALL, 0, 0, 0, BPF_FUNC_map_lookup_elem);
	insns[n++] = INSN(BPF_JMP | BPF_JEQ | BPF_K, BPF_REG_0, 0, 2, 0);
	insns[n++] = INSN(BPF_ALU64 | BPF_MOV | BPF_K, BPF_REG_1, 0, 0, 1);
	/* lock *(u64 *)(r0 + 0) += r1 (BPF_XADD == BPF_ATOMIC, imm BPF_ADD) */
	insns[n++] = INSN(BPF_STX | BPF_XADD | BPF_DW, BPF_REG_0, BPF_REG_1, 0, 0);
	insns[n++] = INSN(BPF_ALU64 | BPF_MOV | BPF_K, BPF_REG_0, 0, 0, ret);
	insns[n++] = INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0);
	return n;
}

int rb_insns_tail_call(struct bpf_insn *insns, int prog_array_fd, int ret)
{
	int n = 0;

	/* r1 still holds the context */
	n += ld_map_fd(&insns[n], BPF_REG_2, prog_array_fd);
	insns[n++] = INSN(BPF_ALU64 | BPF_MOV | BPF_K, BPF_REG_3, 0, 0, 0);
	insns[n++] = INSN(BPF_JMP | BPF_CALL, 0, 0, 0, BPF_FUNC_tail_call);
	insns[n++] = INSN(BPF_ALU64 | BPF_MOV | BPF_K, BPF_REG_0, 0, 0, ret);
	insns[n++] = INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0);
	return n;
}

int rb_counter_map(const char *name)
{
	return rawbpf_sys_map_create(BPF_MAP_TYPE_ARRAY, name, 4, 8, 1, NULL);
}

uint64_t rb_counter_read(int map_fd)
{
	uint32_t key = 0;
	uint64_t val;

	if (rawbpf_sys_map_lookup_elem(map_fd, &key, &val))
		return UINT64_MAX;
	return val;
}

int rb_counter_grows(int map_fd, void (*fire)(void), int ms)
{
	uint64_t before = rb_counter_read(map_fd);

	for (int waited = 0; waited <= ms; waited += 10) {
		fire();
		if (rb_counter_read(map_fd) > before)
			return 1;
		usleep(10000);
	}
	return 0;
}

static int load(uint32_t prog_type, uint32_t eat, const struct bpf_insn *insns,
		int n)
{
	RAWBPF_OPTS(rawbpf_sys_prog_load_opts, o, .expected_attach_type = eat);

	return rawbpf_sys_prog_load(prog_type, "rb_test", "GPL", insns,
				(uint32_t)n, &o);
}

int rb_load_counter(uint32_t prog_type, uint32_t expected_attach_type,
		    int map_fd, int ret)
{
	struct bpf_insn insns[RB_COUNTER_INSNS];

	return load(prog_type, expected_attach_type, insns,
		    rb_insns_counter(insns, map_fd, ret));
}

int rb_load_ret(uint32_t prog_type, uint32_t expected_attach_type, int ret)
{
	struct bpf_insn insns[2] = {
		INSN(BPF_ALU64 | BPF_MOV | BPF_K, BPF_REG_0, 0, 0, ret),
		INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0),
	};

	return load(prog_type, expected_attach_type, insns, 2);
}

int rb_load_tail_call(uint32_t prog_type, int prog_array_fd, int ret)
{
	struct bpf_insn insns[RB_TAIL_INSNS];

	return load(prog_type, 0, insns,
		    rb_insns_tail_call(insns, prog_array_fd, ret));
}

uint32_t rb_obj_id(int fd)
{
	/* bpf_prog_info, bpf_map_info and bpf_link_info all start with
	 * { u32 type; u32 id; }. */
	uint32_t head[2] = { 0, 0 };
	uint32_t len = sizeof(head);

	if (rawbpf_sys_obj_get_info_by_fd(fd, head, &len))
		return 0;
	return head[1];
}

int rb_link_info_by_fd(int link_fd, struct rawbpf_link_info *info)
{
	uint32_t len = sizeof(*info);

	memset(info, 0, sizeof(*info));
	return rawbpf_sys_obj_get_info_by_fd(link_fd, info, &len);
}

int rb_link_info_by_id(uint32_t id, struct rawbpf_link_info *info)
{
	int fd = rawbpf_sys_link_get_fd_by_id(id, 0), err;

	if (fd < 0)
		return fd;
	err = rb_link_info_by_fd(fd, info);
	close(fd);
	return err;
}

int rb_map_fd_by_id(uint32_t id)
{
	return rawbpf_sys_map_get_fd_by_id(id, 0);
}

int rb_tracepoint_id(const char *cat, const char *name)
{
	const char *tracefs = rb_tracefs();
	char path[256], buf[32];
	ssize_t n;
	int fd;

	if (!tracefs)
		return -ENOENT;
	snprintf(path, sizeof(path), "%s/events/%s/%s/id", tracefs, cat, name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -EIO;
	buf[n] = '\0';
	return atoi(buf);
}
