// SPDX-License-Identifier: BSD-2-Clause
/* attach_xdp.c - XDP through a link and through netlink: frames sent from
 * the veth peer are counted, replace swaps counters, query names the
 * program, detach stops the hook, and the error paths answer exactly. */
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <linux/if_link.h>

#include "fixture.h"
#include "netprog.h"
#include "rawbpf/attach_net.h"
#include "rawbpf/sys.h"

struct xdp_env {
	struct rb_netns ns;
	int map, p1, p2;
};

static void env_setup(struct xdp_env *e)
{
	rb_require_kernel();
	assert_int_equal(rb_netns_enter(&e->ns), 0);
	e->map = rb_net_counters();
	e->p1 = rb_net_counter_prog(BPF_PROG_TYPE_XDP, 0, e->map, RB_MATCH_XDP, 0,
				0, 0, XDP_PASS);
	e->p2 = rb_net_counter_prog(BPF_PROG_TYPE_XDP, 0, e->map, RB_MATCH_XDP, 1,
				0, 0, XDP_PASS);
}

static void env_done(struct xdp_env *e)
{
	close(e->p1);
	close(e->p2);
	close(e->map);
}

/* The whole life of one XDP attachment in @mode. */
static void xdp_lifecycle(enum rawbpf_attach_mode mode,
			  enum rawbpf_attach_kind want_kind)
{
	struct xdp_env e;
	struct rawbpf_attachment *at = NULL;
	struct rawbpf_xdp_query q;
	RAWBPF_OPTS(rawbpf_attach_xdp_opts, o, .mode = mode,
		    .flags = RAWBPF_XDP_SKB_MODE);

	env_setup(&e);
	assert_int_equal(rawbpf_attach_xdp(e.p1, e.ns.ifindex_b, &o, &at), 0);
	assert_int_equal(rawbpf_attachment_kind(at), want_kind);

	rb_send_frames(e.ns.ifindex_a, 5);
	assert_int_equal(rb_net_count(e.map, 0), 5);

	assert_int_equal(rawbpf_xdp_query(e.ns.ifindex_b, &q), 0);
	assert_int_equal(q.attached, XDP_ATTACHED_SKB);
	assert_int_equal(q.prog_id, rb_net_prog_id(e.p1));
	assert_int_equal(q.skb_prog_id, rb_net_prog_id(e.p1));

	/* Replace: the new program counts, the old one stops. A wrong
	 * expected program is refused first. */
	assert_int_equal(rawbpf_attachment_update(at, e.p2, e.p2),
			 want_kind == RAWBPF_ATTACH_KIND_LINK ? -EPERM : -EEXIST);
	assert_int_equal(rawbpf_attachment_update(at, e.p2, e.p1), 0);
	rb_send_frames(e.ns.ifindex_a, 3);
	assert_int_equal(rb_net_count(e.map, 0), 5);
	assert_int_equal(rb_net_count(e.map, 1), 3);
	assert_int_equal(rawbpf_xdp_query(e.ns.ifindex_b, &q), 0);
	assert_int_equal(q.prog_id, rb_net_prog_id(e.p2));

	/* Detach stops the hook; a link's fd stays usable. */
	assert_int_equal(rawbpf_attachment_detach(at), 0);
	rb_send_frames(e.ns.ifindex_a, 4);
	assert_int_equal(rb_net_count(e.map, 1), 3);
	assert_int_equal(rawbpf_xdp_query(e.ns.ifindex_b, &q), 0);
	assert_int_equal(q.attached, XDP_ATTACHED_NONE);
	if (want_kind == RAWBPF_ATTACH_KIND_LINK) {
		struct rawbpf_link_info info;

		memset(&info, 0, sizeof(info));
		assert_int_equal(rawbpf_attachment_info(at, &info), 0);
		assert_int_equal(info.type, BPF_LINK_TYPE_XDP);
		assert_int_equal(info.xdp.ifindex, 0);	/* defunct */
	}
	assert_int_equal(rawbpf_attachment_detach(at), -ENOENT);
	rawbpf_attachment_destroy(at);
	env_done(&e);
}

static void test_xdp_forced_link(void **state)
{
	(void)state;
	xdp_lifecycle(RAWBPF_ATTACH_MODE_LINK, RAWBPF_ATTACH_KIND_LINK);
}

static void test_xdp_forced_legacy(void **state)
{
	(void)state;
	xdp_lifecycle(RAWBPF_ATTACH_MODE_LEGACY, RAWBPF_ATTACH_KIND_NETLINK_XDP);
}

static void test_xdp_auto_is_link(void **state)
{
	(void)state;
	xdp_lifecycle(RAWBPF_ATTACH_MODE_AUTO, RAWBPF_ATTACH_KIND_LINK);
}

/* Destroying a link ends the hook; destroying a netlink attachment detaches
 * it unless disowned, and then the netdev keeps it. */
static void test_xdp_destroy_and_disown(void **state)
{
	struct xdp_env e;
	struct rawbpf_attachment *at = NULL;
	struct rawbpf_xdp_query q;
	RAWBPF_OPTS(rawbpf_attach_xdp_opts, o, .mode = RAWBPF_ATTACH_MODE_LEGACY,
		    .flags = RAWBPF_XDP_SKB_MODE);

	(void)state;
	env_setup(&e);
	assert_int_equal(rawbpf_attach_xdp(e.p1, e.ns.ifindex_b, &o, &at), 0);
	rawbpf_attachment_destroy(at);
	assert_int_equal(rawbpf_xdp_query(e.ns.ifindex_b, &q), 0);
	assert_int_equal(q.attached, XDP_ATTACHED_NONE);

	assert_int_equal(rawbpf_attach_xdp(e.p1, e.ns.ifindex_b, &o, &at), 0);
	rawbpf_attachment_disown(at);
	rawbpf_attachment_destroy(at);
	close(e.p1);
	e.p1 = -1;
	rb_send_frames(e.ns.ifindex_a, 2);
	assert_int_equal(rb_net_count(e.map, 0), 2);	/* still fires */
	assert_int_equal(rawbpf_xdp_query(e.ns.ifindex_b, &q), 0);
	assert_int_equal(q.attached, XDP_ATTACHED_SKB);
	assert_int_equal(rawbpf_xdp_set(e.ns.ifindex_b, -1, RAWBPF_XDP_SKB_MODE,
					0, NULL, 0), 0);
	assert_int_equal(rawbpf_xdp_query(e.ns.ifindex_b, &q), 0);
	assert_int_equal(q.attached, XDP_ATTACHED_NONE);
	close(e.p2);
	close(e.map);
}

/* UPDATE_IF_NOEXIST and expected fd: the kernel's refusals come back with
 * their extended-ack message. */
static void test_xdp_netlink_conditions(void **state)
{
	struct xdp_env e;
	struct rawbpf_attachment *a1 = NULL, *a2 = NULL;
	char msg[128];
	RAWBPF_OPTS(rawbpf_attach_xdp_opts, o, .mode = RAWBPF_ATTACH_MODE_LEGACY,
		    .flags = RAWBPF_XDP_SKB_MODE);
	RAWBPF_OPTS(rawbpf_attach_xdp_opts, noexist, .mode = RAWBPF_ATTACH_MODE_AUTO,
		    .flags = RAWBPF_XDP_SKB_MODE | RAWBPF_XDP_UPDATE_IF_NOEXIST,
		    .err_msg = msg, .err_msg_size = sizeof(msg));

	(void)state;
	env_setup(&e);
	assert_int_equal(rawbpf_attach_xdp(e.p1, e.ns.ifindex_b, &o, &a1), 0);
	assert_int_equal(rawbpf_attach_xdp(e.p2, e.ns.ifindex_b, &noexist, &a2),
			 -EBUSY);
	assert_non_null(strstr(msg, "already"));
	assert_null(a2);

	noexist.flags = RAWBPF_XDP_SKB_MODE;
	noexist.expected_fd = e.p2;	/* not the attached one */
	assert_int_equal(rawbpf_attach_xdp(e.p2, e.ns.ifindex_b, &noexist, &a2),
			 -EEXIST);
	assert_true(msg[0] != '\0');
	assert_null(a2);

	/* expected -1: only onto an empty hook */
	noexist.expected_fd = -1;
	assert_int_equal(rawbpf_attach_xdp(e.p2, e.ns.ifindex_b, &noexist, &a2),
			 -EEXIST);
	assert_null(a2);

	/* A link cannot sit where a netlink program is. */
	noexist.mode = RAWBPF_ATTACH_MODE_LINK;
	noexist.expected_fd = 0;
	assert_int_equal(rawbpf_attach_xdp(e.p2, e.ns.ifindex_b, &noexist, &a2),
			 -EBUSY);
	/* And a link has no UPDATE_IF_NOEXIST. */
	noexist.flags |= RAWBPF_XDP_UPDATE_IF_NOEXIST;
	assert_int_equal(rawbpf_attach_xdp(e.p2, e.ns.ifindex_b, &noexist, &a2),
			 -EINVAL);
	rawbpf_attachment_destroy(a1);
	env_done(&e);
}

/* veth has native XDP: DRV mode through both paths; HW mode is refused. */
static void test_xdp_modes(void **state)
{
	static const enum rawbpf_attach_mode modes[] = { RAWBPF_ATTACH_MODE_LINK,
							 RAWBPF_ATTACH_MODE_LEGACY };
	struct xdp_env e;
	struct rawbpf_attachment *at = NULL;
	struct rawbpf_xdp_query q;
	uint64_t before = 0;

	(void)state;
	env_setup(&e);
	for (size_t i = 0; i < sizeof(modes) / sizeof(modes[0]); i++) {
		RAWBPF_OPTS(rawbpf_attach_xdp_opts, o, .mode = modes[i],
			    .flags = RAWBPF_XDP_DRV_MODE);

		assert_int_equal(rawbpf_attach_xdp(e.p1, e.ns.ifindex_b, &o, &at),
				 0);
		assert_int_equal(rawbpf_xdp_query(e.ns.ifindex_b, &q), 0);
		assert_int_equal(q.attached, XDP_ATTACHED_DRV);
		assert_int_equal(q.drv_prog_id, rb_net_prog_id(e.p1));
		assert_int_equal(q.skb_prog_id, 0);
		rb_send_frames(e.ns.ifindex_a, 3);
		assert_int_equal(rb_net_count(e.map, 0), before + 3);
		before += 3;
		rawbpf_attachment_destroy(at);
		at = NULL;
		o.flags = RAWBPF_XDP_HW_MODE;
		assert_true(rawbpf_attach_xdp(e.p1, e.ns.ifindex_b, &o, &at) < 0);
		assert_null(at);
	}
	/* Generic and native at once: the kernel refuses, and says why. */
	{
		struct rawbpf_attachment *skb = NULL, *drv = NULL;
		char msg[128];
		RAWBPF_OPTS(rawbpf_attach_xdp_opts, so, .mode = RAWBPF_ATTACH_MODE_LEGACY,
			    .flags = RAWBPF_XDP_SKB_MODE);
		RAWBPF_OPTS(rawbpf_attach_xdp_opts, dro, .mode = RAWBPF_ATTACH_MODE_LEGACY,
			    .flags = RAWBPF_XDP_DRV_MODE, .err_msg = msg,
			    .err_msg_size = sizeof(msg));

		assert_int_equal(rawbpf_attach_xdp(e.p1, e.ns.ifindex_b, &so,
						   &skb), 0);
		assert_int_equal(rawbpf_attach_xdp(e.p2, e.ns.ifindex_b, &dro,
						   &drv), -EEXIST);
		assert_non_null(strstr(msg, "same time"));
		assert_null(drv);
		rawbpf_attachment_destroy(skb);
	}
	assert_int_equal(rawbpf_xdp_query(e.ns.ifindex_b, &q), 0);
	assert_int_equal(q.attached, XDP_ATTACHED_NONE);
	env_done(&e);
}

static void test_xdp_errors(void **state)
{
	struct xdp_env e;
	struct rawbpf_attachment *at = NULL;
	struct rawbpf_xdp_query q;
	RAWBPF_OPTS(rawbpf_attach_xdp_opts, o, .mode = RAWBPF_ATTACH_MODE_LEGACY);
	RAWBPF_OPTS(rawbpf_attach_xdp_opts, lk, .mode = RAWBPF_ATTACH_MODE_LINK);

	(void)state;
	env_setup(&e);
	assert_int_equal(rawbpf_attach_xdp(e.p1, 4242, &o, &at), -ENODEV);
	/* LINK_CREATE says -EINVAL for a missing device; AUTO then falls
	 * back to netlink, which names the reason. */
	assert_int_equal(rawbpf_attach_xdp(e.p1, 4242, &lk, &at), -EINVAL);
	lk.mode = RAWBPF_ATTACH_MODE_AUTO;
	assert_int_equal(rawbpf_attach_xdp(e.p1, 4242, &lk, &at), -ENODEV);
	assert_int_equal(rawbpf_attach_xdp(e.p1, 0, &o, &at), -EINVAL);
	assert_int_equal(rawbpf_xdp_query(4242, &q), -ENODEV);
	o.flags = 1U << 20;
	assert_int_equal(rawbpf_attach_xdp(e.p1, e.ns.ifindex_b, &o, &at),
			 -EINVAL);
	o.flags = 0;
	o.mode = (enum rawbpf_attach_mode)7;
	assert_int_equal(rawbpf_attach_xdp(e.p1, e.ns.ifindex_b, &o, &at),
			 -EINVAL);
	/* Not an XDP program: the kernel refuses, nothing is left. */
	o.mode = RAWBPF_ATTACH_MODE_LEGACY;
	assert_int_equal(rawbpf_attach_xdp(e.map, e.ns.ifindex_b, &o, &at),
			 -EINVAL);
	assert_null(at);
	assert_int_equal(rawbpf_xdp_query(e.ns.ifindex_b, &q), 0);
	assert_int_equal(q.attached, XDP_ATTACHED_NONE);
	env_done(&e);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_xdp_forced_link, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_xdp_forced_legacy, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_xdp_auto_is_link, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_xdp_destroy_and_disown, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_xdp_netlink_conditions, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_xdp_modes, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_xdp_errors, rb_fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
