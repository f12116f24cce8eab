// SPDX-License-Identifier: BSD-2-Clause
/*
 * lifetime_socket.c - the oldest attachment, SO_ATTACH_BPF (3.19): the
 * socket holds the program. It lives exactly as long as the socket: gone
 * when the process that owns the socket exits, alive in another process
 * that received the socket over SCM_RIGHTS, gone when that closes it.
 * Hook: a counting socket filter on a UDP socket bound to 127.0.0.1.
 */
#include <errno.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "child.h"
#include "env.h"
#include "fixture.h"
#include "progs.h"
#include "rawbpf/sys.h"

static struct sockaddr_in addr;
static int sock_fd = -1;

/* child: UDP socket on 127.0.0.1 with the counter filter; the program fd
 * is closed (the socket holds it); passes the socket with @arg;
 * val = { prog id, map id } */
static int filtered_socket(void *arg, struct rb_child_report *r)
{
	socklen_t len = sizeof(addr);
	int map = RB_CHILD_TRY(r, rb_counter_map("rb_sock"));
	int prog = RB_CHILD_TRY(r, rb_load_counter(BPF_PROG_TYPE_SOCKET_FILTER,
						   0, map, 0xffff));
	int s = RB_CHILD_TRY(r, socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0));

	memset(&addr, 0, sizeof(addr));
	addr.sin_family = AF_INET;
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(s, (struct sockaddr *)&addr, sizeof(addr)) ||
	    getsockname(s, (struct sockaddr *)&addr, &len) ||
	    setsockopt(s, SOL_SOCKET, SO_ATTACH_BPF, &prog, sizeof(prog)))
		RB_CHILD_TRY(r, -errno);
	r->val[0] = rb_obj_id(prog);
	r->val[1] = rb_obj_id(map);
	r->val[2] = addr.sin_port;
	close(prog);
	if (arg)
		r->fd = s;
	return 0;
}

static void send_one(void)
{
	int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);

	sendto(s, "x", 1, 0, (struct sockaddr *)&addr, sizeof(addr));
	close(s);
	if (sock_fd >= 0) {	/* drain, so the queue never fills */
		char b[4];

		while (recv(sock_fd, b, sizeof(b), MSG_DONTWAIT) > 0)
			;
	}
}

static int child_attaches(int pass, struct rb_child_report *r,
			  struct rb_child **c)
{
	int map;

	*c = rb_child_start(filtered_socket, pass ? &addr : NULL, r);
	assert_non_null(*c);
	assert_int_equal(r->err, 0);
	memset(&addr, 0, sizeof(addr));
	addr.sin_family = AF_INET;
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	addr.sin_port = (in_port_t)r->val[2];
	map = rb_map_fd_by_id(r->val[1]);
	assert_true(map > 2);
	assert_int_equal(rb_counter_grows(map, send_one, 1000), 1);
	return map;
}

static void test_socket_filter_gone_with_socket_owner(void **state)
{
	struct rb_child_report r;
	struct rb_child *c;
	int map;

	(void)state;
	map = child_attaches(0, &r, &c);
	assert_int_equal(rb_child_exit(c), 0);
	rb_expect_gone_and_silent(0, r.val[0], map, send_one);
	close(map);
}

static void test_socket_passed_keeps_filter(void **state)
{
	struct rb_child_report r;
	struct rb_child *c;
	int map;

	(void)state;
	map = child_attaches(1, &r, &c);
	assert_true(r.fd > 2);
	sock_fd = r.fd;
	assert_int_equal(rb_child_exit(c), 0);
	/* the socket, now ours, holds the program: it still filters */
	assert_int_equal(rb_id_stays(rb_prog_id_exists, r.val[0], 200), 1);
	assert_int_equal(rb_counter_grows(map, send_one, 1000), 1);
	close(sock_fd);
	sock_fd = -1;
	rb_expect_gone_and_silent(0, r.val[0], map, send_one);
	close(map);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_socket_filter_gone_with_socket_owner, rb_setup_pins, rb_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_socket_passed_keeps_filter, rb_setup_pins, rb_fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
