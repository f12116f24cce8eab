// SPDX-License-Identifier: BSD-2-Clause
/* netprog.c - see netprog.h. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <netinet/in.h>
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
	int fd = rawbpf_sys_map_create(BPF_MAP_TYPE_ARRAY, "rb_counters", 4, 8, 8,
				   NULL);

	assert_true(fd > 2);
	return fd;
}

uint64_t rb_net_count(int map_fd, uint32_t slot)
{
	uint64_t v = 0;

	assert_int_equal(rawbpf_sys_map_lookup_elem(map_fd, &slot, &v), 0);
	return v;
}

static int load(uint32_t prog_type, uint32_t eat, const struct bpf_insn *insns,
		uint32_t n)
{
	char log[4096];
	RAWBPF_OPTS(rawbpf_sys_prog_load_opts, o, .expected_attach_type = eat,
		    .log_buf = log, .log_size = sizeof(log));
	int fd;

	log[0] = '\0';
	fd = rawbpf_sys_prog_load(prog_type, "rb_netprog", "GPL", insns, n, &o);
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
	assert_int_equal(rawbpf_sys_obj_get_info_by_fd(prog_fd, &info, &len), 0);
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

/* ---- sockets on loopback ---------------------------------------------- */

static struct sockaddr_in loopback(uint16_t port)
{
	struct sockaddr_in sa;

	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	sa.sin_port = htons(port);
	return sa;
}

static uint16_t bound_port(int fd)
{
	struct sockaddr_in sa;
	socklen_t len = sizeof(sa);

	assert_int_equal(getsockname(fd, (struct sockaddr *)&sa, &len), 0);
	return ntohs(sa.sin_port);
}

int rb_udp_bound(uint16_t *port, int reuse)
{
	struct sockaddr_in sa = loopback(*port);
	int one = 1, fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);

	assert_true(fd >= 0);
	if (reuse)
		assert_int_equal(setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one,
					    sizeof(one)), 0);
	assert_int_equal(bind(fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
	*port = bound_port(fd);
	return fd;
}

void rb_udp_send(uint16_t port)
{
	struct sockaddr_in sa = loopback(port);
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);

	assert_true(fd >= 0);
	assert_int_equal(sendto(fd, "ping", 4, 0, (struct sockaddr *)&sa,
				sizeof(sa)), 4);
	close(fd);
}

int rb_udp_drain(int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	char buf[16];
	int n = 0;

	/* Loopback delivery can be left to ksoftirqd (seen in the i386 VM
	 * under TCG: 6 datagrams not there yet): once the queue looks empty,
	 * wait 100 ms for stragglers, which also makes a "none arrived"
	 * count mean it. */
	for (;;) {
		while (recv(fd, buf, sizeof(buf), MSG_DONTWAIT) > 0)
			n++;
		if (poll(&p, 1, 100) <= 0)
			return n;
	}
}

int rb_tcp_listener(uint16_t *port)
{
	struct sockaddr_in sa = loopback(0);
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);

	assert_true(fd >= 0);
	assert_int_equal(bind(fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
	assert_int_equal(listen(fd, 8), 0);
	*port = bound_port(fd);
	return fd;
}

static int accept_wait(int listener)
{
	struct pollfd p = { .fd = listener, .events = POLLIN };

	assert_int_equal(poll(&p, 1, 1000), 1);
	return accept4(listener, NULL, NULL, SOCK_CLOEXEC);
}

void rb_tcp_pair(int listener, uint16_t port, struct rb_tcp_pair *p)
{
	struct sockaddr_in sa = loopback(port);

	p->c = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	assert_true(p->c >= 0);
	assert_int_equal(connect(p->c, (struct sockaddr *)&sa, sizeof(sa)), 0);
	p->s = accept_wait(listener);
	assert_true(p->s >= 0);
}

void rb_tcp_pair_close(struct rb_tcp_pair *p)
{
	close(p->c);
	close(p->s);
}

int rb_recv_wait(int fd, char *buf, size_t n)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };

	if (poll(&pfd, 1, 1000) != 1)
		return -ETIMEDOUT;
	return (int)recv(fd, buf, n, MSG_DONTWAIT);
}

int rb_lands_on(uint16_t port, int which, int other)
{
	struct sockaddr_in sa = loopback(port);
	struct pollfd p[2] = { { .fd = which, .events = POLLIN },
			       { .fd = other, .events = POLLIN } };
	int c = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0), a, res;

	assert_true(c >= 0);
	assert_int_equal(connect(c, (struct sockaddr *)&sa, sizeof(sa)), 0);
	assert_true(poll(p, 2, 1000) >= 1);
	res = (p[0].revents & POLLIN) ? 1 : 0;
	a = accept4(res ? which : other, NULL, NULL, SOCK_CLOEXEC);
	assert_true(a >= 0);
	close(a);
	close(c);
	return res;
}

int rb_netns_fd(void)
{
	int fd = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);

	assert_true(fd >= 0);
	return fd;
}

/* Frames received by a hash-fanout packet socket are hashed, which runs
 * the namespace's flow dissector. */
void rb_send_hashed_frames(const struct rb_netns *ns)
{
	struct sockaddr_ll sll = { .sll_family = AF_PACKET,
				   .sll_protocol = htons(ETH_P_ALL),
				   .sll_ifindex = ns->ifindex_b };
	int fd = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, htons(ETH_P_ALL));
	int fanout = (PACKET_FANOUT_HASH << 16) | 0x4242;

	assert_true(fd >= 0);
	assert_int_equal(bind(fd, (struct sockaddr *)&sll, sizeof(sll)), 0);
	assert_int_equal(setsockopt(fd, SOL_PACKET, PACKET_FANOUT, &fanout,
				    sizeof(fanout)), 0);
	rb_send_frames(ns->ifindex_a, 3);
	close(fd);
}
