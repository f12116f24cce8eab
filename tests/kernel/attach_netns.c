// SPDX-License-Identifier: BSD-2-Clause
/* attach_netns.c - namespace hooks: sk_lookup steers a connection to
 * another listener (link; update and detach change the outcome), the
 * flow dissector runs on received frames (link and PROG_ATTACH), and a
 * netfilter link counts locally sent packets. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <linux/netfilter.h>

#include "fixture.h"
#include "kernel_features.h"
#include "netprog.h"
#include "rawbpf/attach_net.h"
#include "rawbpf/sys.h"

/* sk_lookup: connections to @port go to the socket in slot 0 of @map. */
static int steer_prog(int map, uint16_t port)
{
	struct bpf_insn p[] = {
		I_MOV64_REG(6, 1),
		I_LDX(BPF_W, 2, 1, offsetof(struct bpf_sk_lookup, local_port)),
		I_JMP_IMM(BPF_JNE, 2, port, 14),
		I_ST_IMM(BPF_W, 10, -4, 0),
		I_MOV64_REG(2, 10),
		I_ADD64_IMM(2, -4),
		I_LD_MAP(1, map),
		I_CALL(BPF_FUNC_map_lookup_elem),
		I_JMP_IMM(BPF_JEQ, 0, 0, 7),
		I_MOV64_REG(7, 0),
		I_MOV64_REG(1, 6),
		I_MOV64_REG(2, 7),
		I_MOV64_IMM(3, 0),
		I_CALL(BPF_FUNC_sk_assign),
		I_MOV64_REG(1, 7),
		I_CALL(BPF_FUNC_sk_release),
		I_MOV64_IMM(0, SK_PASS),
		I_EXIT(),
	};
	char log[4096] = "";
	RAWBPF_OPTS(rawbpf_sys_prog_load_opts, o,
		    .expected_attach_type = BPF_SK_LOOKUP, .log_buf = log,
		    .log_size = sizeof(log));
	int fd = rawbpf_sys_prog_load(BPF_PROG_TYPE_SK_LOOKUP, "rb_steer", "GPL", p,
				  RB_ARRAY_LEN(p), &o);

	if (fd < 0)
		print_message("%s\n", log);

	assert_true(fd > 2);
	return fd;
}

static void test_sk_lookup(void **state)
{
	struct rb_netns ns;
	struct rawbpf_attachment *at = NULL;
	struct rawbpf_link_info li;
	RAWBPF_OPTS(rawbpf_attach_net_opts, o, .mode = RAWBPF_ATTACH_MODE_AUTO);
	uint16_t pa, pb;
	uint32_t k = 0;
	int nsfd, la, lb, map, steer, pass;

	(void)state;
	rb_require_kernel();
	assert_int_equal(rb_netns_enter(&ns), 0);
	nsfd = rb_netns_fd();
	la = rb_tcp_listener(&pa);
	lb = rb_tcp_listener(&pb);
	map = rawbpf_sys_map_create(BPF_MAP_TYPE_SOCKMAP, "rb_lookup", 4, 8, 1, NULL);
	assert_true(map > 2);
	{
		uint64_t v = (uint64_t)lb;

		assert_int_equal(rawbpf_sys_map_update_elem(map, &k, &v, BPF_ANY), 0);
	}
	steer = steer_prog(map, pa);
	pass = rb_net_ret_prog(BPF_PROG_TYPE_SK_LOOKUP, BPF_SK_LOOKUP, SK_PASS);

	assert_int_equal(rb_lands_on(pa, la, lb), 1);	/* before: la */
	assert_int_equal(rawbpf_attach_netns(steer, nsfd, BPF_SK_LOOKUP, &o, &at),
			 0);
	assert_int_equal(rawbpf_attachment_kind(at), RAWBPF_ATTACH_KIND_LINK);
	memset(&li, 0, sizeof(li));
	assert_int_equal(rawbpf_attachment_info(at, &li), 0);
	assert_int_equal(li.type, BPF_LINK_TYPE_NETNS);
	assert_int_equal(li.netns.attach_type, BPF_SK_LOOKUP);
	assert_int_equal(rb_lands_on(pa, lb, la), 1);	/* steered to lb */

	/* LINK_UPDATE to a program that lets lookups be: la again. */
	assert_int_equal(rawbpf_attachment_update(at, pass, steer), 0);
	assert_int_equal(rb_lands_on(pa, la, lb), 1);
	assert_int_equal(rawbpf_attachment_update(at, steer, -1), 0);
	assert_int_equal(rb_lands_on(pa, lb, la), 1);
	/* LINK_DETACH: the hook stops, the fd stays usable. */
	assert_int_equal(rawbpf_attachment_detach(at), 0);
	assert_int_equal(rb_lands_on(pa, la, lb), 1);
	memset(&li, 0, sizeof(li));
	assert_int_equal(rawbpf_attachment_info(at, &li), 0);
	assert_int_equal(li.netns.netns_ino, 0);
	rawbpf_attachment_destroy(at);

	/* sk_lookup has no older path. */
	at = NULL;
	o.mode = RAWBPF_ATTACH_MODE_LEGACY;
	assert_int_equal(rawbpf_attach_netns(steer, nsfd, BPF_SK_LOOKUP, &o, &at),
			 -EOPNOTSUPP);
	o.mode = RAWBPF_ATTACH_MODE_LINK;
	assert_int_equal(rawbpf_attach_netns(steer, la, BPF_SK_LOOKUP, &o, &at),
			 -EINVAL);	/* not a netns fd */
	assert_int_equal(rawbpf_attach_netns(steer, nsfd, BPF_XDP, &o, &at),
			 -EINVAL);
	assert_null(at);
	close(steer);
	close(pass);
	close(map);
	close(la);
	close(lb);
	close(nsfd);
}

static void flow_dissector(enum rawbpf_attach_mode mode,
			   enum rawbpf_attach_kind want)
{
	struct rb_netns ns;
	struct rawbpf_attachment *at = NULL;
	RAWBPF_OPTS(rawbpf_attach_net_opts, o, .mode = mode);
	uint32_t id = 0;
	RAWBPF_OPTS(rawbpf_sys_prog_query_opts, q, .prog_ids = &id, .count = 1);
	int nsfd, map, prog;
	uint64_t n;

	rb_require_kernel();
	assert_int_equal(rb_netns_enter(&ns), 0);
	nsfd = rb_netns_fd();
	map = rb_net_counters();
	/* BPF_FLOW_DISSECTOR_CONTINUE (6.1): count, then let the kernel's
	 * own dissector do the work. */
	prog = rb_net_counter_prog(BPF_PROG_TYPE_FLOW_DISSECTOR, 0, map,
				   RB_MATCH_ALL, 0, 0, 0, 129);
	assert_int_equal(rawbpf_attach_netns(prog, nsfd, BPF_FLOW_DISSECTOR, &o,
					     &at), 0);
	assert_int_equal(rawbpf_attachment_kind(at), want);
	assert_int_equal(rawbpf_sys_prog_query(nsfd, BPF_FLOW_DISSECTOR, &q), 0);
	assert_int_equal(q.count, 1);
	assert_int_equal(id, rb_net_prog_id(prog));

	rb_send_hashed_frames(&ns);
	n = rb_net_count(map, 0);
	assert_true(n >= 3);

	/* A second link for the same netns is refused (-E2BIG: one flow
	 * dissector); PROG_ATTACH of the program already there, -EINVAL. */
	{
		struct rawbpf_attachment *b = NULL;

		assert_int_equal(rawbpf_attach_netns(prog, nsfd,
						     BPF_FLOW_DISSECTOR, &o, &b),
				 want == RAWBPF_ATTACH_KIND_LINK ? -E2BIG : -EINVAL);
		assert_null(b);
	}
	assert_int_equal(rawbpf_attachment_detach(at), 0);
	rb_send_hashed_frames(&ns);
	assert_int_equal(rb_net_count(map, 0), n);	/* stopped */
	q.count = 1;
	assert_int_equal(rawbpf_sys_prog_query(nsfd, BPF_FLOW_DISSECTOR, &q), 0);
	assert_int_equal(q.count, 0);
	rawbpf_attachment_destroy(at);
	close(prog);
	close(map);
	close(nsfd);
}

static void test_flow_dissector_forced_link(void **state)
{
	(void)state;
	flow_dissector(RAWBPF_ATTACH_MODE_LINK, RAWBPF_ATTACH_KIND_LINK);
}

static void test_flow_dissector_forced_legacy(void **state)
{
	(void)state;
	flow_dissector(RAWBPF_ATTACH_MODE_LEGACY, RAWBPF_ATTACH_KIND_PROG_ATTACH);
}

static void udp_to_self(void)
{
	struct sockaddr_in sa = { .sin_family = AF_INET,
				  .sin_addr.s_addr = htonl(INADDR_LOOPBACK),
				  .sin_port = htons(9) };
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);

	assert_true(fd >= 0);
	assert_int_equal(sendto(fd, "x", 1, 0, (struct sockaddr *)&sa,
				sizeof(sa)), 1);
	close(fd);
}

static void test_netfilter(void **state)
{
	struct rb_netns ns;
	struct rawbpf_attachment *at = NULL;
	struct rawbpf_link_info li;
	RAWBPF_OPTS(rawbpf_attach_netfilter_opts, o, .pf = NFPROTO_IPV4,
		    .hooknum = NF_INET_LOCAL_OUT, .priority = -100);
	int map, prog;
	uint64_t n;

	(void)state;
	rb_require_kernel();
	rb_need(RB_FEAT_NETFILTER);
	assert_int_equal(rb_netns_enter(&ns), 0);
	map = rb_net_counters();
	prog = rb_net_counter_prog(RAWBPF_PROG_TYPE_NETFILTER, RAWBPF_NETFILTER,
				   map, RB_MATCH_ALL, 0, 0, 0, NF_ACCEPT);
	assert_int_equal(rawbpf_attach_netfilter(prog, &o, &at), 0);
	memset(&li, 0, sizeof(li));
	assert_int_equal(rawbpf_attachment_info(at, &li), 0);
	assert_int_equal(li.type, RAWBPF_LINK_TYPE_NETFILTER);
	assert_int_equal(li.netfilter.pf, NFPROTO_IPV4);
	assert_int_equal(li.netfilter.hooknum, NF_INET_LOCAL_OUT);
	assert_int_equal(li.netfilter.priority, -100);
	udp_to_self();
	udp_to_self();
	n = rb_net_count(map, 0);
	assert_true(n >= 2);
	/* netfilter links cannot swap programs */
	assert_int_equal(rawbpf_attachment_update(at, prog, -1), -EOPNOTSUPP);
	assert_int_equal(rawbpf_attachment_detach(at), 0);
	udp_to_self();
	assert_int_equal(rb_net_count(map, 0), n);
	rawbpf_attachment_destroy(at);

	at = NULL;
	o.hooknum = 42;
	assert_int_equal(rawbpf_attach_netfilter(prog, &o, &at), -EPROTO);
	assert_int_equal(rawbpf_attach_netfilter(prog, NULL, &at), -EINVAL);
	assert_null(at);
	close(prog);
	close(map);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_sk_lookup, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_flow_dissector_forced_link, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_flow_dissector_forced_legacy, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_netfilter, rb_fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
