// SPDX-License-Identifier: BSD-2-Clause
/* attach_net_object.c - network programs from a libbpf-style object
 * (tests/bpf/attach_net.bpf.c), loaded by rawbpf and attached with the
 * rawbpf_attach_* constructors: sk_lookup steers, sk_msg redirects,
 * sk_reuseport selects, the flow dissector and a netfilter hook run, and
 * the "tc" section counts through cls_bpf. */
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <linux/netfilter.h>

#include "fixture.h"
#include "kernel_features.h"
#include "netprog.h"
#include "rawbpf/attach_net.h"
#include "rawbpf/object.h"
#include "rawbpf/sys.h"

enum { FLOW, NF, TC };

struct env {
	struct rb_netns ns;
	struct rawbpf_object *obj;
	int hits;
};

static int map(struct env *e, const char *name)
{
	struct rawbpf_map *m = rawbpf_object_find_map(e->obj, name);

	assert_non_null(m);
	return rawbpf_map_fd(m);
}

static void env_setup(struct env *e)
{
	rb_require_kernel();
	assert_int_equal(rb_netns_enter(&e->ns), 0);
	assert_int_equal(rawbpf_object_open_file(RB_BPF_OBJ("attach_net"), NULL,
						 &e->obj), 0);
	/* a kernel without netfilter programs loads the rest */
	if (!rb_have(RB_FEAT_NETFILTER))
		assert_int_equal(rawbpf_program_set_autoload(
			rawbpf_object_find_program(e->obj, "nf_count"), false), 0);
	assert_int_equal(rawbpf_object_load(e->obj), 0);
	e->hits = map(e, "net_hits");
}

static int prog(struct env *e, const char *name)
{
	struct rawbpf_program *p = rawbpf_object_find_program(e->obj, name);

	assert_non_null(p);
	return rawbpf_program_fd(p);
}

static void put_sock(int map_fd, uint32_t key, int sock)
{
	uint64_t v = (uint64_t)sock;

	assert_int_equal(rawbpf_sys_map_update_elem(map_fd, &key, &v, BPF_ANY), 0);
}

static void test_object_sk_lookup(void **state)
{
	struct env e;
	struct rawbpf_attachment *at = NULL;
	uint16_t pa, pb;
	uint32_t k = 0, port;
	int la, lb, nsfd;

	(void)state;
	env_setup(&e);
	la = rb_tcp_listener(&pa);
	lb = rb_tcp_listener(&pb);
	port = pa;
	assert_int_equal(rawbpf_sys_map_update_elem(map(&e, "steer_port"), &k, &port,
						BPF_ANY), 0);
	put_sock(map(&e, "lookup_socks"), 0, lb);
	nsfd = rb_netns_fd();
	assert_int_equal(rawbpf_attach_netns(prog(&e, "steer"), nsfd,
					     BPF_SK_LOOKUP, NULL, &at), 0);
	assert_int_equal(rb_lands_on(pa, lb, la), 1);
	rawbpf_attachment_destroy(at);
	assert_int_equal(rb_lands_on(pa, la, lb), 1);
	close(nsfd);
	close(la);
	close(lb);
	rawbpf_object_close(e.obj);
}

static void test_object_sk_msg(void **state)
{
	struct env e;
	struct rawbpf_attachment *at = NULL;
	struct rb_tcp_pair p1, p2;
	uint16_t port;
	int l, socks;
	char buf[8];

	(void)state;
	env_setup(&e);
	socks = map(&e, "msg_socks");
	assert_int_equal(rawbpf_attach_sockmap(prog(&e, "redirect"), socks,
					       BPF_SK_MSG_VERDICT, NULL, &at), 0);
	l = rb_tcp_listener(&port);
	rb_tcp_pair(l, port, &p1);
	rb_tcp_pair(l, port, &p2);
	put_sock(socks, 0, p1.c);
	put_sock(socks, 1, p2.c);
	assert_int_equal(send(p1.c, "abc", 3, 0), 3);
	assert_int_equal(rb_recv_wait(p2.c, buf, sizeof(buf)), 3);
	assert_memory_equal(buf, "abc", 3);
	rawbpf_attachment_destroy(at);
	rb_tcp_pair_close(&p1);
	rb_tcp_pair_close(&p2);
	close(l);
	rawbpf_object_close(e.obj);
}

/* sk_skb verdict on a sockhash: what arrives at p1.s is moved into
 * p2.c's receive queue. */
static void skb_redirect(enum rawbpf_attach_mode mode)
{
	struct env e;
	struct rawbpf_attachment *at = NULL;
	RAWBPF_OPTS(rawbpf_attach_net_opts, o, .mode = mode);
	struct rb_tcp_pair p1, p2;
	uint16_t port;
	int l, socks;
	char buf[8];

	if (mode == RAWBPF_ATTACH_MODE_LINK)
		rb_need(RB_FEAT_SOCKMAP_LINK);
	env_setup(&e);
	socks = map(&e, "skb_socks");
	assert_int_equal(rawbpf_attach_sockmap(prog(&e, "skb_redirect"), socks,
					       BPF_SK_SKB_VERDICT, &o, &at), 0);
	assert_int_equal(rawbpf_attachment_kind(at),
			 mode == RAWBPF_ATTACH_MODE_LEGACY ? RAWBPF_ATTACH_KIND_PROG_ATTACH
						    : RAWBPF_ATTACH_KIND_LINK);
	l = rb_tcp_listener(&port);
	rb_tcp_pair(l, port, &p1);
	rb_tcp_pair(l, port, &p2);
	put_sock(socks, 0, p1.s);
	put_sock(socks, 1, p2.c);
	assert_int_equal(send(p1.c, "xyz", 3, 0), 3);
	assert_int_equal(rb_recv_wait(p2.c, buf, sizeof(buf)), 3);
	assert_memory_equal(buf, "xyz", 3);
	assert_int_equal(rb_recv_wait(p1.s, buf, sizeof(buf)), -ETIMEDOUT);
	rawbpf_attachment_destroy(at);
	rb_tcp_pair_close(&p1);
	rb_tcp_pair_close(&p2);
	close(l);
	rawbpf_object_close(e.obj);
}

static void test_object_sk_skb_forced_link(void **state)
{
	(void)state;
	skb_redirect(RAWBPF_ATTACH_MODE_LINK);
}

static void test_object_sk_skb_forced_legacy(void **state)
{
	(void)state;
	skb_redirect(RAWBPF_ATTACH_MODE_LEGACY);
}

static void test_object_reuseport(void **state)
{
	struct env e;
	struct rawbpf_attachment *at = NULL;
	uint16_t port = 0;
	int s0, s1, group;

	(void)state;
	env_setup(&e);
	s0 = rb_udp_bound(&port, 1);
	s1 = rb_udp_bound(&port, 1);
	group = map(&e, "group");
	put_sock(group, 0, s0);
	put_sock(group, 1, s1);
	assert_int_equal(rawbpf_attach_reuseport(prog(&e, "pick_second"), s0,
						 NULL, &at), 0);
	for (int i = 0; i < 5; i++)
		rb_udp_send(port);
	assert_int_equal(rb_udp_drain(s0), 0);
	assert_int_equal(rb_udp_drain(s1), 5);
	rawbpf_attachment_destroy(at);
	close(s0);
	close(s1);
	rawbpf_object_close(e.obj);
}

static void test_object_flow_nf_tc(void **state)
{
	struct env e;
	struct rawbpf_attachment *flow = NULL, *nf = NULL, *tc = NULL;
	RAWBPF_OPTS(rawbpf_attach_netfilter_opts, no, .pf = NFPROTO_IPV4,
		    .hooknum = NF_INET_LOCAL_OUT, .priority = 10);
	RAWBPF_OPTS(rawbpf_attach_tc_opts, to, .mode = RAWBPF_ATTACH_MODE_LEGACY);
	uint16_t port = 0;
	int nsfd, u, netfilter;

	(void)state;
	env_setup(&e);
	netfilter = rb_have(RB_FEAT_NETFILTER);
	nsfd = rb_netns_fd();
	assert_int_equal(rawbpf_attach_netns(prog(&e, "dissect"), nsfd,
					     BPF_FLOW_DISSECTOR, NULL, &flow), 0);
	if (netfilter)
		assert_int_equal(rawbpf_attach_netfilter(prog(&e, "nf_count"),
							 &no, &nf), 0);
	assert_int_equal(rawbpf_attach_tc(prog(&e, "tc_count"), e.ns.ifindex_b,
					  RAWBPF_TCX_INGRESS, &to, &tc), 0);

	u = rb_udp_bound(&port, 0);
	rb_udp_send(port);
	assert_int_equal(rb_udp_drain(u), 1);
	assert_true(!netfilter || rb_net_count(e.hits, NF) >= 1);
	rb_send_frames(e.ns.ifindex_a, 3);
	assert_int_equal(rb_net_count(e.hits, TC), 3);
	rb_send_hashed_frames(&e.ns);
	assert_true(rb_net_count(e.hits, FLOW) >= 3);
	rawbpf_attachment_destroy(tc);
	rawbpf_attachment_destroy(nf);
	rawbpf_attachment_destroy(flow);
	close(u);
	close(nsfd);
	rawbpf_object_close(e.obj);
	rb_need(RB_FEAT_NETFILTER);	/* flow dissector and tc ran */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_object_sk_lookup, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_object_sk_msg, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_object_sk_skb_forced_link, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_object_sk_skb_forced_legacy, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_object_reuseport, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_object_flow_nf_tc, rb_fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
