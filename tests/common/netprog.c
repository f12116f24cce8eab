// SPDX-License-Identifier: BSD-2-Clause
/* netprog.c - see netprog.h. */
#include <arpa/inet.h>
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/ioctl.h>
#include <net/if.h>
#include <unistd.h>
#include <linux/if_packet.h>
#include <linux/if_ether.h>

#include "fixture.h"
#include "netprog.h"
#include "rawbpf/sys.h"

int rb_net_counters(void)
{
	int fd = rawbpf_map_create(BPF_MAP_TYPE_ARRAY, "rb_counters", 4, 8, 8,
				   NULL);

	assert_true(fd > 2);
	return fd;
}

uint64_t rb_net_count(int map_fd, uint32_t slot)
{
	uint64_t v = 0;

	assert_int_equal(rawbpf_map_lookup_elem(map_fd, &slot, &v), 0);
	return v;
}

static int load(uint32_t prog_type, uint32_t eat, const struct bpf_insn *insns,
		uint32_t n)
{
	char log[4096];
	RAWBPF_OPTS(rawbpf_prog_load_opts, o, .expected_attach_type = eat,
		    .log_buf = log, .log_size = sizeof(log));
	int fd;

	log[0] = '\0';
	fd = rawbpf_prog_load(prog_type, "rb_netprog", "GPL", insns, n, &o);
	if (fd < 0)
		print_message("load type %u failed: %s\n%s\n", prog_type,
			      strerror(-fd), log);
	return fd;
}

static int ld_map(struct bpf_insn *p, int n, int reg, int map_fd)
{
	struct bpf_insn two[] = { I_LD_MAP(reg, map_fd) };

	p[n] = two[0];
	p[n + 1] = two[1];
	return n + 2;
}

int rb_net_counter_prog(uint32_t prog_type, uint32_t expected_attach_type,
		    int map_fd, enum rb_match match, uint32_t slot,
		    int32_t tag, uint32_t tag_slot, int32_t retval)
{
	struct bpf_insn p[48];
	int n = 0, skip_at = -1, fd;

	if (match == RB_MATCH_XDP) {
		/* r2 = data, r3 = data_end; if r2 + 14 > r3 goto out */
		p[n++] = I_LDX(BPF_W, 2, 1, 0);
		p[n++] = I_LDX(BPF_W, 3, 1, 4);
		p[n++] = I_MOV64_REG(4, 2);
		p[n++] = I_ADD64_IMM(4, 14);
		skip_at = n;
		p[n++] = I_JMP_REG(BPF_JGT, 4, 3, 0);
		p[n++] = I_LDX(BPF_H, 4, 2, 12);
		p[n++] = I_JMP_IMM(BPF_JNE, 4, htons(RB_TEST_ETHERTYPE), 0);
	} else if (match == RB_MATCH_SKB) {
		p[n++] = I_LDX(BPF_W, 4, 1, 16);	/* skb->protocol */
		p[n++] = I_JMP_IMM(BPF_JNE, 4, htons(RB_TEST_ETHERTYPE), 0);
	}
	int jne_at = match == RB_MATCH_ALL ? -1 : n - 1;

	/* counter: r0 = lookup(map, &slot); if r0: *r0 += 1 atomically */
	p[n++] = I_ST_IMM(BPF_W, 10, -4, (int32_t)slot);
	p[n++] = I_MOV64_REG(2, 10);
	p[n++] = I_ADD64_IMM(2, -4);
	n = ld_map(p, n, 1, map_fd);
	p[n++] = I_CALL(BPF_FUNC_map_lookup_elem);
	p[n++] = I_JMP_IMM(BPF_JEQ, 0, 0, 2);
	p[n++] = I_MOV64_IMM(1, 1);
	p[n++] = I_ATOMIC(BPF_DW, BPF_ADD, 0, 1, 0);
	if (tag) {
		/* first writer: cmpxchg(slot tag_slot, 0 -> tag) */
		p[n++] = I_ST_IMM(BPF_W, 10, -4, (int32_t)tag_slot);
		p[n++] = I_MOV64_REG(2, 10);
		p[n++] = I_ADD64_IMM(2, -4);
		n = ld_map(p, n, 1, map_fd);
		p[n++] = I_CALL(BPF_FUNC_map_lookup_elem);
		p[n++] = I_JMP_IMM(BPF_JEQ, 0, 0, 4);
		p[n++] = I_MOV64_REG(1, 0);
		p[n++] = I_MOV64_IMM(0, 0);
		p[n++] = I_MOV64_IMM(2, tag);
		p[n++] = I_ATOMIC(BPF_DW, BPF_CMPXCHG, 1, 2, 0);
	}
	/* out: */
	if (skip_at >= 0)
		p[skip_at].off = (int16_t)(n - skip_at - 1);
	if (jne_at >= 0)
		p[jne_at].off = (int16_t)(n - jne_at - 1);
	p[n++] = I_MOV64_IMM(0, retval);
	p[n++] = I_EXIT();
	fd = load(prog_type, expected_attach_type, p, (uint32_t)n);
	assert_true(fd > 2);
	return fd;
}

int rb_net_ret_prog(uint32_t prog_type, uint32_t expected_attach_type,
		  int32_t retval)
{
	struct bpf_insn p[] = { I_MOV64_IMM(0, retval), I_EXIT() };
	int fd = load(prog_type, expected_attach_type, p, 2);

	assert_true(fd > 2);
	return fd;
}

uint32_t rb_net_prog_id(int prog_fd)
{
	struct bpf_prog_info info;
	uint32_t len = sizeof(info);

	memset(&info, 0, sizeof(info));
	assert_int_equal(rawbpf_obj_get_info_by_fd(prog_fd, &info, &len), 0);
	return info.id;
}

/* A fresh veth needs a moment before it carries frames. */
static void wait_running(int fd, int ifindex)
{
	struct ifreq ifr;

	memset(&ifr, 0, sizeof(ifr));
	assert_non_null(if_indextoname((unsigned int)ifindex, ifr.ifr_name));
	for (int i = 0; i < 300; i++) {
		assert_int_equal(ioctl(fd, SIOCGIFFLAGS, &ifr), 0);
		if (ifr.ifr_flags & IFF_RUNNING)
			return;
		usleep(10000);
	}
	fail_msg("%s never became ready", ifr.ifr_name);
}

void rb_send_frames(int ifindex, int n)
{
	unsigned char frame[64];
	struct sockaddr_ll sll;
	int fd = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, 0);

	assert_true(fd >= 0);
	wait_running(fd, ifindex);
	memset(frame, 0, sizeof(frame));
	memset(frame, 0xff, 6);			/* broadcast */
	frame[6] = 0x02;			/* locally administered source */
	frame[11] = 0x01;
	frame[12] = RB_TEST_ETHERTYPE >> 8;
	frame[13] = RB_TEST_ETHERTYPE & 0xff;
	memset(&sll, 0, sizeof(sll));
	sll.sll_family = AF_PACKET;
	sll.sll_ifindex = ifindex;
	sll.sll_halen = 6;
	memset(sll.sll_addr, 0xff, 6);
	for (int i = 0; i < n; i++)
		assert_int_equal(sendto(fd, frame, sizeof(frame), 0,
					(struct sockaddr *)&sll, sizeof(sll)),
				 (int)sizeof(frame));
	close(fd);
	usleep(20000);	/* veth delivers through a softirq */
}
