/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * netprog.h - small BPF programs for the network attach tests, built from
 * raw instructions: packet counters, first-writer tags, constant verdicts;
 * and the traffic that makes them fire (raw Ethernet frames over the
 * fixture's veth pair).
 */
#ifndef RB_TEST_NETPROG_H
#define RB_TEST_NETPROG_H

#include <stddef.h>
#include <stdint.h>
#include <linux/bpf.h>

/* Instruction builders (the kernel's encoding). */
#define I_MOV64_IMM(d, v) ((struct bpf_insn){ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = d, .imm = v })
#define I_MOV64_REG(d, s) ((struct bpf_insn){ .code = BPF_ALU64 | BPF_MOV | BPF_X, .dst_reg = d, .src_reg = s })
#define I_ADD64_IMM(d, v) ((struct bpf_insn){ .code = BPF_ALU64 | BPF_ADD | BPF_K, .dst_reg = d, .imm = v })
#define I_LDX(sz, d, s, o_) ((struct bpf_insn){ .code = BPF_LDX | BPF_MEM | (sz), .dst_reg = d, .src_reg = s, .off = o_ })
#define I_STX(sz, d, s, o_) ((struct bpf_insn){ .code = BPF_STX | BPF_MEM | (sz), .dst_reg = d, .src_reg = s, .off = o_ })
#define I_ST_IMM(sz, d, o_, v) ((struct bpf_insn){ .code = BPF_ST | BPF_MEM | (sz), .dst_reg = d, .off = o_, .imm = v })
#define I_ATOMIC(sz, op, d, s, o_) ((struct bpf_insn){ .code = BPF_STX | BPF_ATOMIC | (sz), .dst_reg = d, .src_reg = s, .off = o_, .imm = op })
#define I_JMP_IMM(op, d, v, o_) ((struct bpf_insn){ .code = BPF_JMP | (op) | BPF_K, .dst_reg = d, .off = o_, .imm = v })
#define I_JMP_REG(op, d, s, o_) ((struct bpf_insn){ .code = BPF_JMP | (op) | BPF_X, .dst_reg = d, .src_reg = s, .off = o_ })
#define I_CALL(fn) ((struct bpf_insn){ .code = BPF_JMP | BPF_CALL, .imm = fn })
#define I_EXIT() ((struct bpf_insn){ .code = BPF_JMP | BPF_EXIT })
/* two instructions: r@d = map @fd */
#define I_LD_MAP(d, fd) \
	((struct bpf_insn){ .code = BPF_LD | BPF_DW | BPF_IMM, .dst_reg = d, .src_reg = BPF_PSEUDO_MAP_FD, .imm = fd }), \
	((struct bpf_insn){ 0 })

#ifndef RB_ARRAY_LEN
#define RB_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#endif

#define RB_TEST_ETHERTYPE 0x88b5	/* IEEE local experimental */

/* Which packets a counter program counts. */
enum rb_match {
	RB_MATCH_ALL,		/* every run */
	RB_MATCH_XDP,		/* XDP: Ethernet type RB_TEST_ETHERTYPE */
	RB_MATCH_SKB,		/* __sk_buff: protocol RB_TEST_ETHERTYPE */
};

/* rb_net_counters - an array of 8 u64 slots (the tests' counters). */
int rb_net_counters(void);
/* rb_net_count - value of @slot. */
uint64_t rb_net_count(int map_fd, uint32_t slot);

/*
 * rb_net_counter_prog - a program of @prog_type (@expected_attach_type) that,
 * for runs matching @match, adds 1 to slot @slot of @map_fd and, if @tag,
 * stores @tag into slot @tag_slot unless that slot is already set (first
 * writer wins); it always returns @retval. Returns the prog fd (asserts).
 */
int rb_net_counter_prog(uint32_t prog_type, uint32_t expected_attach_type,
		    int map_fd, enum rb_match match, uint32_t slot,
		    int32_t tag, uint32_t tag_slot, int32_t retval);

/* rb_net_ret_prog - a program that returns @retval. */
int rb_net_ret_prog(uint32_t prog_type, uint32_t expected_attach_type,
		  int32_t retval);

/* rb_prog_id - id of a program fd. */
uint32_t rb_net_prog_id(int prog_fd);

/* rb_send_frames - send @n raw Ethernet frames of type RB_TEST_ETHERTYPE
 * out of @ifindex (AF_PACKET); they arrive at the veth peer. */
void rb_send_frames(int ifindex, int n);

struct rb_netns;
/* rb_send_hashed_frames - rb_send_frames(3) from rbva while a
 * PACKET_FANOUT_HASH socket listens on rbvb: each frame gets hashed, which
 * runs the namespace's flow dissector. */
void rb_send_hashed_frames(const struct rb_netns *ns);

/* Sockets on 127.0.0.1 (port 0 picks one; the port is written back). */
struct rb_tcp_pair {
	int c, s;	/* connected client and its accepted peer */
};
/* rb_udp_bound - a UDP socket bound to @port, with SO_REUSEPORT if @reuse. */
int rb_udp_bound(uint16_t *port, int reuse);
/* rb_udp_send - one datagram to @port from a fresh socket. */
void rb_udp_send(uint16_t port);
/* rb_udp_drain - how many datagrams were waiting on @fd (now read), waiting
 * 100 ms after the last for late ones. */
int rb_udp_drain(int fd);
/* rb_tcp_listener - a non-blocking listening TCP socket. */
int rb_tcp_listener(uint16_t *port);
/* rb_tcp_pair - connect to @port and accept it on @listener. */
void rb_tcp_pair(int listener, uint16_t port, struct rb_tcp_pair *p);
void rb_tcp_pair_close(struct rb_tcp_pair *p);
/* rb_recv_wait - recv after waiting up to 1 s; -ETIMEDOUT if nothing. */
int rb_recv_wait(int fd, char *buf, size_t n);
/* rb_lands_on - connect to @port: 1 if listener @which got it, 0 if
 * @other did (the connection is accepted and closed). */
int rb_lands_on(uint16_t port, int which, int other);
/* rb_netns_fd - an fd of the calling thread's network namespace. */
int rb_netns_fd(void);

#endif
