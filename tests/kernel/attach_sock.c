// SPDX-License-Identifier: BSD-2-Clause
/* attach_sock.c - programs on sockets: a socket filter drops and keeps
 * datagrams on loopback, sk_reuseport picks the group member, and a sockmap
 * sk_msg verdict redirects data to another socket (link and PROG_ATTACH). */
#include <errno.h>
#include <poll.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "fixture.h"
#include "kernel_features.h"
#include "netprog.h"
#include "rawbpf/attach_net.h"
#include "rawbpf/sys.h"

static void test_socket_filter(void **state)
{
	struct rb_netns ns;
	struct rawbpf_attachment *at = NULL;
	uint16_t port = 0;
	int map, drop, keep, other, fd;

	(void)state;
	rb_require_kernel();
	assert_int_equal(rb_netns_enter(&ns), 0);
	map = rb_net_counters();
	drop = rb_net_counter_prog(BPF_PROG_TYPE_SOCKET_FILTER, 0, map,
				   RB_MATCH_ALL, 0, 0, 0, 0);
	keep = rb_net_counter_prog(BPF_PROG_TYPE_SOCKET_FILTER, 0, map,
				   RB_MATCH_ALL, 1, 0, 0, 0xffff);
	other = rb_net_ret_prog(BPF_PROG_TYPE_SOCKET_FILTER, 0, 0);
	fd = rb_udp_bound(&port, 0);

	assert_int_equal(rawbpf_attach_socket(drop, fd, NULL, &at), 0);
	assert_int_equal(rawbpf_attachment_kind(at), RAWBPF_ATTACH_KIND_SOCKOPT);
	assert_int_equal(rawbpf_attachment_fd(at), -EBADF);
	assert_int_equal(rawbpf_attachment_pin(at, "/sys/fs/bpf/x"), -EOPNOTSUPP);
	for (int i = 0; i < 3; i++)
		rb_udp_send(port);
	assert_int_equal(rb_udp_drain(fd), 0);		/* dropped */
	assert_int_equal(rb_net_count(map, 0), 3);	/* by the filter */

	assert_int_equal(rawbpf_attachment_update(at, keep, other), -EEXIST);
	assert_int_equal(rawbpf_attachment_update(at, keep, drop), 0);
	rb_udp_send(port);
	rb_udp_send(port);
	assert_int_equal(rb_udp_drain(fd), 2);		/* kept */
	assert_int_equal(rb_net_count(map, 1), 2);

	assert_int_equal(rawbpf_attachment_detach(at), 0);
	rb_udp_send(port);
	assert_int_equal(rb_udp_drain(fd), 1);
	assert_int_equal(rb_net_count(map, 1), 2);	/* no longer runs */
	assert_int_equal(rawbpf_attachment_detach(at), -ENOENT);
	rawbpf_attachment_destroy(at);

	/* Destroy detaches too; errors leave nothing behind. */
	assert_int_equal(rawbpf_attach_socket(drop, fd, NULL, &at), 0);
	rawbpf_attachment_destroy(at);
	rb_udp_send(port);
	assert_int_equal(rb_udp_drain(fd), 1);
	at = NULL;
	assert_int_equal(rawbpf_attach_socket(map, fd, NULL, &at), -EINVAL);
	assert_int_equal(rawbpf_attach_socket(drop, 9999, NULL, &at), -EBADF);
	assert_null(at);
	close(fd);
	close(drop);
	close(keep);
	close(other);
	close(map);
}

static void test_reuseport(void **state)
{
	struct rb_netns ns;
	struct rawbpf_attachment *at = NULL;
	uint16_t port = 0;
	int s0, s1, pick0, pick1;

	(void)state;
	rb_require_kernel();
	assert_int_equal(rb_netns_enter(&ns), 0);
	pick0 = rb_net_ret_prog(BPF_PROG_TYPE_SOCKET_FILTER, 0, 0);
	pick1 = rb_net_ret_prog(BPF_PROG_TYPE_SOCKET_FILTER, 0, 1);
	s0 = rb_udp_bound(&port, 1);
	s1 = rb_udp_bound(&port, 1);

	assert_int_equal(rawbpf_attach_reuseport(pick1, s0, NULL, &at), 0);
	for (int i = 0; i < 6; i++)
		rb_udp_send(port);
	assert_int_equal(rb_udp_drain(s0), 0);
	assert_int_equal(rb_udp_drain(s1), 6);
	assert_int_equal(rawbpf_attachment_update(at, pick0, -1), 0);
	for (int i = 0; i < 6; i++)
		rb_udp_send(port);
	assert_int_equal(rb_udp_drain(s0), 6);
	assert_int_equal(rb_udp_drain(s1), 0);
	assert_int_equal(rawbpf_attachment_detach(at), 0);
	rawbpf_attachment_destroy(at);
	at = NULL;
	/* a socket without SO_REUSEPORT has no group to steer */
	{
		uint16_t p2 = 0;
		int plain = rb_udp_bound(&p2, 0);

		assert_int_equal(rawbpf_attach_reuseport(pick1, plain, NULL, &at),
				 -EINVAL);
		assert_null(at);
		close(plain);
	}
	close(s0);
	close(s1);
	close(pick0);
	close(pick1);
}

/* ---- sockmap ----------------------------------------------------------- */

/* sk_msg: bpf_msg_redirect_map(msg, map, 1, BPF_F_INGRESS) */
static int redirect_prog(int map)
{
	struct bpf_insn p[] = {
		I_LD_MAP(2, map),
		I_MOV64_IMM(3, 1),
		I_MOV64_IMM(4, BPF_F_INGRESS),
		I_CALL(BPF_FUNC_msg_redirect_map),
		I_EXIT(),
	};
	RAWBPF_OPTS(rawbpf_sys_prog_load_opts, o,
		    .expected_attach_type = BPF_SK_MSG_VERDICT);
	int fd = rawbpf_sys_prog_load(BPF_PROG_TYPE_SK_MSG, "rb_redir", "GPL", p,
				  RB_ARRAY_LEN(p), &o);

	assert_true(fd > 2);
	return fd;
}

static void sockmap_redirect(enum rawbpf_attach_mode mode,
			     enum rawbpf_attach_kind want)
{
	struct rb_netns ns;
	struct rawbpf_attachment *at = NULL;
	struct rb_tcp_pair p1, p2;
	uint32_t ids[2];
	RAWBPF_OPTS(rawbpf_attach_net_opts, o, .mode = mode);
	RAWBPF_OPTS(rawbpf_sys_prog_query_opts, q, .prog_ids = ids, .count = 2);
	uint16_t port;
	int map, prog, l;
	uint32_t k;
	char buf[16];

	rb_require_kernel();
	if (mode == RAWBPF_ATTACH_MODE_LINK)
		rb_need(RB_FEAT_SOCKMAP_LINK);
	assert_int_equal(rb_netns_enter(&ns), 0);
	map = rawbpf_sys_map_create(BPF_MAP_TYPE_SOCKMAP, "rb_sockmap", 4, 4, 2, NULL);
	assert_true(map > 2);
	prog = redirect_prog(map);
	assert_int_equal(rawbpf_attach_sockmap(prog, map, BPF_SK_MSG_VERDICT, &o,
					       &at), 0);
	assert_int_equal(rawbpf_attachment_kind(at), want);
	assert_int_equal(rawbpf_sys_prog_query(map, BPF_SK_MSG_VERDICT, &q), 0);
	assert_int_equal(q.count, 1);
	assert_int_equal(ids[0], rb_net_prog_id(prog));
	if (want == RAWBPF_ATTACH_KIND_LINK) {
		struct rawbpf_link_info li;
		struct bpf_map_info mi;
		uint32_t len = sizeof(mi);

		memset(&li, 0, sizeof(li));
		memset(&mi, 0, sizeof(mi));
		assert_int_equal(rawbpf_attachment_info(at, &li), 0);
		assert_int_equal(li.type, RAWBPF_LINK_TYPE_SOCKMAP);
		assert_int_equal(li.sockmap.attach_type, BPF_SK_MSG_VERDICT);
		assert_int_equal(rawbpf_sys_obj_get_info_by_fd(map, &mi, &len), 0);
		assert_int_equal(li.sockmap.map_id, mi.id);
	} else {
		assert_int_equal(rawbpf_attachment_info(at, NULL), -EOPNOTSUPP);
	}

	l = rb_tcp_listener(&port);
	rb_tcp_pair(l, port, &p1);
	rb_tcp_pair(l, port, &p2);
	k = 0;
	assert_int_equal(rawbpf_sys_map_update_elem(map, &k, &p1.c, BPF_ANY), 0);
	k = 1;
	assert_int_equal(rawbpf_sys_map_update_elem(map, &k, &p2.c, BPF_ANY), 0);

	/* What p1.c sends lands in p2.c's receive queue, not at p1.s. */
	assert_int_equal(send(p1.c, "hello", 5, 0), 5);
	assert_int_equal(rb_recv_wait(p2.c, buf, sizeof(buf)), 5);
	assert_memory_equal(buf, "hello", 5);
	assert_int_equal(recv(p1.s, buf, sizeof(buf), MSG_DONTWAIT), -1);

	assert_int_equal(rawbpf_attachment_detach(at), 0);
	q.count = 2;
	assert_int_equal(rawbpf_sys_prog_query(map, BPF_SK_MSG_VERDICT, &q), 0);
	assert_int_equal(q.count, 0);
	rawbpf_attachment_destroy(at);
	rb_tcp_pair_close(&p1);
	rb_tcp_pair_close(&p2);
	close(l);
	close(prog);
	close(map);
}

static void test_sockmap_forced_link(void **state)
{
	(void)state;
	sockmap_redirect(RAWBPF_ATTACH_MODE_LINK, RAWBPF_ATTACH_KIND_LINK);
}

static void test_sockmap_forced_legacy(void **state)
{
	(void)state;
	sockmap_redirect(RAWBPF_ATTACH_MODE_LEGACY, RAWBPF_ATTACH_KIND_PROG_ATTACH);
}

/* sk_skb parser and verdict attach in @mode; the query sees them. */
static void skb_types(enum rawbpf_attach_mode mode)
{
	static const uint32_t types[] = { BPF_SK_SKB_STREAM_PARSER,
					  BPF_SK_SKB_STREAM_VERDICT,
					  BPF_SK_SKB_VERDICT };
	struct rb_netns ns;
	int map, prog;

	rb_require_kernel();
	if (mode == RAWBPF_ATTACH_MODE_LINK)
		rb_need(RB_FEAT_SOCKMAP_LINK);
	assert_int_equal(rb_netns_enter(&ns), 0);
	map = rawbpf_sys_map_create(BPF_MAP_TYPE_SOCKHASH, "rb_sockhash", 4, 4, 2,
				NULL);
	assert_true(map > 2);
	prog = rb_net_ret_prog(BPF_PROG_TYPE_SK_SKB, 0, 1);
	for (size_t i = 0; i < RB_ARRAY_LEN(types); i++) {
		struct rawbpf_attachment *at = NULL;
		uint32_t id = 0;
		RAWBPF_OPTS(rawbpf_attach_net_opts, o, .mode = mode);
		RAWBPF_OPTS(rawbpf_sys_prog_query_opts, q, .prog_ids = &id, .count = 1);

		assert_int_equal(rawbpf_attach_sockmap(prog, map, types[i], &o,
						       &at), 0);
		assert_int_equal(rawbpf_sys_prog_query(map, types[i], &q), 0);
		assert_int_equal(id, rb_net_prog_id(prog));
		rawbpf_attachment_destroy(at);
		q.count = 1;
		assert_int_equal(rawbpf_sys_prog_query(map, types[i], &q), 0);
		assert_int_equal(q.count, 0);
	}
	{
		struct rawbpf_attachment *at = NULL;
		RAWBPF_OPTS(rawbpf_attach_net_opts, o, .mode = mode);

		assert_int_equal(rawbpf_attach_sockmap(prog, map, BPF_XDP, &o,
						       &at), -EINVAL);
		assert_int_equal(rawbpf_attach_sockmap(prog, prog,
						       BPF_SK_SKB_VERDICT, &o,
						       &at), -EINVAL);
		assert_null(at);
	}
	close(prog);
	close(map);
}

static void test_sockmap_skb_types_link(void **state)
{
	(void)state;
	skb_types(RAWBPF_ATTACH_MODE_LINK);
}

static void test_sockmap_skb_types_legacy(void **state)
{
	(void)state;
	skb_types(RAWBPF_ATTACH_MODE_LEGACY);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_socket_filter, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_reuseport, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_sockmap_forced_link, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_sockmap_forced_legacy, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_sockmap_skb_types_link, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_sockmap_skb_types_legacy, rb_fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
