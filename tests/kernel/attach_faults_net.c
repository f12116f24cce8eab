// SPDX-License-Identifier: BSD-2-Clause
/* attach_faults_net.c - every failure point of the network and cgroup
 * attach constructors and of the older kinds' update: the k-th bpf(2)
 * or libc call (netlink socket steps included) or allocation fails, for each k, and each time
 * the injected error comes back with nothing left behind (memory, fds,
 * links, cgroup/XDP/tcx/sockmap/netns attachments, filters, the clsact
 * qdisc, socket filters). A replace that fails keeps the program it would
 * have replaced. */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <linux/netfilter.h>

#include "faults.h"
#include "fixture.h"
#include "kernel_features.h"
#include "netprog.h"
#include "progs.h"
#include "rawbpf/attach_cgroup.h"
#include "rawbpf/attach_net.h"
#include "rawbpf/sys.h"

#ifndef SO_GET_FILTER
#define SO_GET_FILTER 26
#endif

struct net_case {
	int prog, prog2;	/* the program attached; an update's program */
	uint32_t prog_id;
	int old;		/* cgroup override: attached before, or -1 */
	int target;		/* cgroup, map, netns or socket fd */
	int ifindex;
	uint32_t type;
	uint32_t mode;
	uint32_t flags;
};

static void net_init(struct net_case *c, int prog, int prog2)
{
	memset(c, 0, sizeof(*c));
	assert_true(prog > 2);
	c->prog = prog;
	c->prog2 = prog2;
	c->prog_id = rb_net_prog_id(prog);
	c->old = -1;
	c->target = -1;
}

/* The end: once our fds go, nothing in the kernel holds the programs. */
static void net_done(struct net_case *c)
{
	uint32_t id2 = c->prog2 >= 0 ? rb_net_prog_id(c->prog2) : 0;

	close(c->prog);
	if (c->prog2 >= 0)
		close(c->prog2);
	if (c->old >= 0)
		close(c->old);
	assert_int_equal(rb_wait_id_gone(rb_prog_id_exists, c->prog_id, 2000),
			 0);
	if (id2)
		assert_int_equal(rb_wait_id_gone(rb_prog_id_exists, id2, 2000),
				 0);
}

static int make_socket(void *p, const struct rawbpf_allocator *a,
		       struct rawbpf_attachment **out);

/* The program ids PROG_QUERY reports for @target/@type (at most 4). */
static uint32_t query(int target, uint32_t type, uint32_t ids[4])
{
	RAWBPF_OPTS(rawbpf_sys_prog_query_opts, q, .prog_ids = ids, .count = 4);

	memset(ids, 0, 4 * sizeof(*ids));
	assert_int_equal(rawbpf_sys_prog_query(target, type, &q), 0);
	return q.count;
}

static void walk(struct net_case *c,
		 int (*make)(void *, const struct rawbpf_allocator *,
			     struct rawbpf_attachment **),
		 void (*clean)(void *, int),
		 void (*check)(void *, struct rawbpf_attachment *), int nl)
{
	struct rb_fault_case fc = {
		.make = make, .clean = clean, .check = check, .ctx = c,
	};
	struct rb_fault_stats st;

	rb_fault_walk(&fc, &st);
	/* Every constructor allocates its handle; all but the socket
	 * filter's (setsockopt) and netlink's make a bpf(2) call. */
	assert_true(st.alloc >= 1);
	/* every handle holds or dups an fd */
	assert_true(st.fd >= 1 || !rb_fd_faults_work());
	assert_true(st.bpf + st.libc >= 1);
	if (make == make_socket)
		assert_true(st.kinds[RB_SYS_SETSOCKOPT] >= 1);
	if (nl && c->mode == RAWBPF_ATTACH_MODE_LEGACY) {
		/* the netlink exchange failed at each of its steps */
		assert_true(st.kinds[RB_SYS_SOCKET] >= 1);
		assert_true(st.kinds[RB_SYS_BIND] >= 1);
		assert_true(st.kinds[RB_SYS_SEND] >= 1);
	}
}

/* A failed update keeps the old program; an update that worked swaps. */
static int op_update(void *p, struct rawbpf_attachment *at)
{
	struct net_case *c = p;

	return rawbpf_attachment_update(at, c->prog2, -1);
}

/* ---- cgroup ------------------------------------------------------------ */

static int make_cgroup(void *p, const struct rawbpf_allocator *a,
		       struct rawbpf_attachment **out)
{
	struct net_case *c = p;
	RAWBPF_OPTS(rawbpf_attach_cgroup_opts, o, .mode = c->mode, .flags = c->flags,
		    .alloc = a);

	return rawbpf_attach_cgroup(c->prog, c->target, c->type, &o, out);
}

static void clean_cgroup(void *p, int made)
{
	struct net_case *c = p;
	RAWBPF_OPTS(rawbpf_sys_prog_attach_opts, ao, .flags = c->flags);
	uint32_t ids[4], n = query(c->target, c->type, ids);

	assert_int_equal(rb_links_of_prog(c->prog_id), 0);
	if (c->old < 0) {
		assert_int_equal(n, 0);
		return;
	}
	if (!made) {
		/* The failed replace left the old program in place. */
		assert_int_equal(n, 1);
		assert_int_equal(ids[0], rb_net_prog_id(c->old));
		return;
	}
	/* Ours replaced it and was detached: put the old one back. */
	assert_int_equal(n, 0);
	assert_int_equal(rawbpf_sys_prog_attach(c->old, c->target, c->type, &ao), 0);
}

static void check_cgroup(void *p, struct rawbpf_attachment *at)
{
	struct net_case *c = p;
	uint32_t ids[4], n = query(c->target, c->type, ids);
	int found = 0;

	(void)at;
	for (uint32_t i = 0; i < n && i < 4; i++)
		found |= ids[i] == c->prog_id || ids[i] == rb_net_prog_id(c->prog2);
	assert_true(found);
}

static void unchanged_cgroup(void *p, struct rawbpf_attachment *at)
{
	struct net_case *c = p;
	uint32_t ids[4], n = query(c->target, c->type, ids);

	(void)at;
	assert_int_equal(n, 1);
	assert_int_equal(ids[0], c->prog_id);
}

static int cg_prog(void)
{
	return rb_net_ret_prog(BPF_PROG_TYPE_CGROUP_SKB, BPF_CGROUP_INET_EGRESS,
			       1);
}

static void test_cgroup(void **state)
{
	static const struct {
		uint32_t mode, flags;
	} runs[] = {
		{ RAWBPF_ATTACH_MODE_LINK, 0 },
		{ RAWBPF_ATTACH_MODE_AUTO, 0 },
		{ RAWBPF_ATTACH_MODE_LEGACY, BPF_F_ALLOW_MULTI },
		{ RAWBPF_ATTACH_MODE_LEGACY, 0 },
	};
	struct rb_fault_case fc = {
		.make = make_cgroup, .clean = clean_cgroup,
		.check = check_cgroup,
	};
	struct net_case c;
	char path[256];
	int cg;

	(void)state;
	rb_require_kernel();
	cg = rb_cgroup_dir(path, sizeof(path));
	assert_true(cg >= 0);
	for (size_t i = 0; i < RB_ARRAY_LEN(runs); i++) {
		net_init(&c, cg_prog(), cg_prog());
		c.target = cg;
		c.type = BPF_CGROUP_INET_EGRESS;
		c.mode = runs[i].mode;
		c.flags = runs[i].flags;
		walk(&c, make_cgroup, clean_cgroup, check_cgroup, 0);
		if (c.mode == RAWBPF_ATTACH_MODE_LEGACY) {
			fc.ctx = &c;
			assert_true(rb_fault_walk_op(&fc, op_update,
						     unchanged_cgroup) >= 1);
		}
		net_done(&c);
	}
}

/* A single (override) attachment replaces what was there: a failure at
 * any point must leave the old program attached, not an empty cgroup. */
static void test_cgroup_override_keeps_old(void **state)
{
	struct net_case c;
	char path[256];
	int cg;

	(void)state;
	rb_require_kernel();
	cg = rb_cgroup_dir(path, sizeof(path));
	assert_true(cg >= 0);
	net_init(&c, cg_prog(), -1);
	c.old = cg_prog();
	c.target = cg;
	c.type = BPF_CGROUP_INET_EGRESS;
	c.mode = RAWBPF_ATTACH_MODE_LEGACY;
	c.flags = BPF_F_ALLOW_OVERRIDE;
	{
		RAWBPF_OPTS(rawbpf_sys_prog_attach_opts, ao, .flags = c.flags);

		assert_int_equal(rawbpf_sys_prog_attach(c.old, cg, c.type, &ao), 0);
	}
	walk(&c, make_cgroup, clean_cgroup, check_cgroup, 0);
	{
		RAWBPF_OPTS(rawbpf_sys_prog_attach_opts, ao, .prog_fd = c.old);

		assert_int_equal(rawbpf_sys_prog_detach(cg, c.type, &ao), 0);
	}
	net_done(&c);
}

/* ---- XDP ---------------------------------------------------------------- */

static int make_xdp(void *p, const struct rawbpf_allocator *a,
		    struct rawbpf_attachment **out)
{
	struct net_case *c = p;
	RAWBPF_OPTS(rawbpf_attach_xdp_opts, o, .mode = c->mode,
		    .flags = RAWBPF_XDP_SKB_MODE, .alloc = a);

	return rawbpf_attach_xdp(c->prog, c->ifindex, &o, out);
}

static uint32_t xdp_prog_id(const struct net_case *c)
{
	struct rawbpf_xdp_query q;

	assert_int_equal(rawbpf_xdp_query(c->ifindex, &q), 0);
	return q.prog_id;
}

static void clean_xdp(void *p, int made)
{
	struct net_case *c = p;

	(void)made;
	assert_int_equal(xdp_prog_id(c), 0);
	assert_int_equal(rb_links_of_prog(c->prog_id), 0);
}

static void check_xdp(void *p, struct rawbpf_attachment *at)
{
	struct net_case *c = p;
	uint32_t id = xdp_prog_id(c);

	(void)at;
	assert_true(id == c->prog_id || id == rb_net_prog_id(c->prog2));
}

static void unchanged_xdp(void *p, struct rawbpf_attachment *at)
{
	struct net_case *c = p;

	(void)at;
	assert_int_equal(xdp_prog_id(c), c->prog_id);
}

static void test_xdp(void **state)
{
	struct rb_fault_case fc = {
		.make = make_xdp, .clean = clean_xdp, .check = check_xdp,
	};
	struct rb_netns ns;
	struct net_case c;

	(void)state;
	rb_require_kernel();
	assert_int_equal(rb_netns_enter(&ns), 0);
	for (uint32_t mode = RAWBPF_ATTACH_MODE_AUTO; mode <= RAWBPF_ATTACH_MODE_LEGACY;
	     mode++) {
		net_init(&c, rb_net_ret_prog(BPF_PROG_TYPE_XDP, 0, XDP_PASS),
			 rb_net_ret_prog(BPF_PROG_TYPE_XDP, 0, XDP_PASS));
		c.ifindex = ns.ifindex_a;
		c.mode = mode;
		walk(&c, make_xdp, clean_xdp, check_xdp, 1);
		if (mode == RAWBPF_ATTACH_MODE_LEGACY) {
			fc.ctx = &c;
			assert_true(rb_fault_walk_op(&fc, op_update,
						     unchanged_xdp) >= 1);
		}
		net_done(&c);
	}
}

/* ---- tc: tcx link, cls_bpf, tcx PROG_ATTACH ------------------------------ */

static int make_tc(void *p, const struct rawbpf_allocator *a,
		   struct rawbpf_attachment **out)
{
	struct net_case *c = p;
	RAWBPF_OPTS(rawbpf_attach_tc_opts, o, .mode = c->mode, .alloc = a);

	return rawbpf_attach_tc(c->prog, c->ifindex, RAWBPF_TCX_INGRESS, &o,
				out);
}

static int make_tcx_prog(void *p, const struct rawbpf_allocator *a,
			 struct rawbpf_attachment **out)
{
	struct net_case *c = p;
	RAWBPF_OPTS(rawbpf_attach_tc_opts, o, .alloc = a);

	return rawbpf_attach_tcx_prog(c->prog, c->ifindex, RAWBPF_TCX_INGRESS,
				      &o, out);
}

/* The bpf filters on the ingress side (0 also without a qdisc). */
static uint32_t tc_filters(const struct net_case *c, uint32_t *id)
{
	struct rawbpf_tc_filter f[4];
	uint32_t n = 4;

	*id = 0;
	if (rawbpf_tc_filter_list(c->ifindex, RAWBPF_TCX_INGRESS, f, &n))
		return 0;
	if (n)
		*id = f[0].prog_id;
	return n;
}

static void clean_tc(void *p, int made)
{
	struct net_case *c = p;
	uint32_t ids[4], id;

	assert_int_equal(tc_filters(c, &id), 0);
	if (rb_have(RB_FEAT_TCX))
		assert_int_equal(query(c->ifindex, RAWBPF_TCX_INGRESS, ids), 0);
	assert_int_equal(rb_links_of_prog(c->prog_id), 0);
	/* A cls_bpf filter (LEGACY, or AUTO without tcx) leaves its qdisc
	 * behind once it was made (as documented); a failed attach must
	 * not. */
	if (made && (c->mode == RAWBPF_ATTACH_MODE_LEGACY || !rb_have(RB_FEAT_TCX)))
		assert_int_equal(rawbpf_tc_qdisc_destroy(c->ifindex), 0);
	else
		assert_int_not_equal(rawbpf_tc_qdisc_destroy(c->ifindex), 0);
}

static void check_tc(void *p, struct rawbpf_attachment *at)
{
	struct net_case *c = p;
	uint32_t ids[4], id, n;

	if (rawbpf_attachment_kind(at) == RAWBPF_ATTACH_KIND_NETLINK_TC) {
		assert_int_equal(tc_filters(c, &id), 1);
	} else {
		n = query(c->ifindex, RAWBPF_TCX_INGRESS, ids);
		assert_int_equal(n, 1);
		id = ids[0];
	}
	assert_true(id == c->prog_id || id == rb_net_prog_id(c->prog2));
}

static void unchanged_tc(void *p, struct rawbpf_attachment *at)
{
	struct net_case *c = p;
	uint32_t id, ids[4];

	if (rawbpf_attachment_kind(at) == RAWBPF_ATTACH_KIND_NETLINK_TC) {
		assert_int_equal(tc_filters(c, &id), 1);
	} else {
		assert_int_equal(query(c->ifindex, RAWBPF_TCX_INGRESS, ids), 1);
		id = ids[0];
	}
	assert_int_equal(id, c->prog_id);
}

static int sched_cls(void)
{
	return rb_net_ret_prog(BPF_PROG_TYPE_SCHED_CLS, 0, 0);
}

static void test_tc(void **state)
{
	struct rb_fault_case fc = {
		.clean = clean_tc, .check = check_tc,
	};
	struct rb_netns ns;
	struct net_case c;

	(void)state;
	rb_require_kernel();
	assert_int_equal(rb_netns_enter(&ns), 0);
	for (uint32_t mode = RAWBPF_ATTACH_MODE_AUTO; mode <= RAWBPF_ATTACH_MODE_LEGACY;
	     mode++) {
		if (mode == RAWBPF_ATTACH_MODE_LINK && !rb_have(RB_FEAT_TCX))
			continue;	/* AUTO ran through cls_bpf */
		net_init(&c, sched_cls(), sched_cls());
		c.ifindex = ns.ifindex_a;
		c.mode = mode;
		walk(&c, make_tc, clean_tc, check_tc, 1);
		if (mode == RAWBPF_ATTACH_MODE_LEGACY) {
			fc.make = make_tc;
			fc.ctx = &c;
			assert_true(rb_fault_walk_op(&fc, op_update,
						     unchanged_tc) >= 1);
			/* the walk's attachments left the qdisc */
			rawbpf_tc_qdisc_destroy(c.ifindex);
		}
		net_done(&c);
	}
	rb_need(RB_FEAT_TCX);
	net_init(&c, sched_cls(), sched_cls());
	c.ifindex = ns.ifindex_a;
	walk(&c, make_tcx_prog, clean_tc, check_tc, 0);
	fc.make = make_tcx_prog;
	fc.ctx = &c;
	assert_true(rb_fault_walk_op(&fc, op_update, unchanged_tc) >= 1);
	net_done(&c);
}

/* ---- sockmap, netns, socket filter, netfilter ---------------------------- */

static int make_sockmap(void *p, const struct rawbpf_allocator *a,
			struct rawbpf_attachment **out)
{
	struct net_case *c = p;
	RAWBPF_OPTS(rawbpf_attach_net_opts, o, .mode = c->mode, .alloc = a);

	return rawbpf_attach_sockmap(c->prog, c->target, c->type, &o, out);
}

static int make_netns(void *p, const struct rawbpf_allocator *a,
		      struct rawbpf_attachment **out)
{
	struct net_case *c = p;
	RAWBPF_OPTS(rawbpf_attach_net_opts, o, .mode = c->mode, .alloc = a);

	return rawbpf_attach_netns(c->prog, c->target, c->type, &o, out);
}

/* sockmap and netns: PROG_QUERY on the target names the program. */
static void clean_query(void *p, int made)
{
	struct net_case *c = p;
	uint32_t ids[4];

	(void)made;
	assert_int_equal(query(c->target, c->type, ids), 0);
	assert_int_equal(rb_links_of_prog(c->prog_id), 0);
}

static void check_query(void *p, struct rawbpf_attachment *at)
{
	struct net_case *c = p;
	uint32_t ids[4];

	(void)at;
	assert_int_equal(query(c->target, c->type, ids), 1);
	assert_true(ids[0] == c->prog_id || ids[0] == rb_net_prog_id(c->prog2));
}

static void unchanged_query(void *p, struct rawbpf_attachment *at)
{
	struct net_case *c = p;
	uint32_t ids[4];

	(void)at;
	assert_int_equal(query(c->target, c->type, ids), 1);
	assert_int_equal(ids[0], c->prog_id);
}

static void test_sockmap_netns(void **state)
{
	struct rb_fault_case fc = {
		.clean = clean_query, .check = check_query,
	};
	struct rb_netns ns;
	struct net_case c;
	int map, nsfd;

	(void)state;
	rb_require_kernel();
	assert_int_equal(rb_netns_enter(&ns), 0);
	nsfd = rb_netns_fd();
	map = rawbpf_sys_map_create(BPF_MAP_TYPE_SOCKMAP, "rb_fault_sm", 4, 4, 2,
				NULL);
	assert_true(map > 2);
	for (uint32_t mode = RAWBPF_ATTACH_MODE_AUTO; mode <= RAWBPF_ATTACH_MODE_LEGACY;
	     mode++) {
		/* without sockmap links, AUTO is PROG_ATTACH */
		int legacy = mode == RAWBPF_ATTACH_MODE_LEGACY ||
			     !rb_have(RB_FEAT_SOCKMAP_LINK);

		if (mode != RAWBPF_ATTACH_MODE_LINK || rb_have(RB_FEAT_SOCKMAP_LINK)) {
			net_init(&c, rb_net_ret_prog(BPF_PROG_TYPE_SK_SKB,
						     BPF_SK_SKB_VERDICT, SK_PASS),
				 rb_net_ret_prog(BPF_PROG_TYPE_SK_SKB,
						 BPF_SK_SKB_VERDICT, SK_PASS));
			c.target = map;
			c.type = BPF_SK_SKB_VERDICT;
			c.mode = mode;
			walk(&c, make_sockmap, clean_query, check_query, 0);
			fc.make = make_sockmap;
			fc.ctx = &c;
			assert_true(rb_fault_walk_op(&fc, op_update,
						     legacy ? unchanged_query
							    : NULL) >= 1);
			net_done(&c);
		}

		net_init(&c, rb_net_ret_prog(BPF_PROG_TYPE_FLOW_DISSECTOR,
					     BPF_FLOW_DISSECTOR, BPF_OK),
			 rb_net_ret_prog(BPF_PROG_TYPE_FLOW_DISSECTOR,
					 BPF_FLOW_DISSECTOR, BPF_OK));
		c.target = nsfd;
		c.type = BPF_FLOW_DISSECTOR;
		c.mode = mode;
		walk(&c, make_netns, clean_query, check_query, 0);
		fc.make = make_netns;
		assert_true(rb_fault_walk_op(&fc, op_update,
					     mode == RAWBPF_ATTACH_MODE_LEGACY ?
					     unchanged_query : NULL) >= 1);
		net_done(&c);
	}
	/* The older update checks "old" against the handle's own program:
	 * the kernel cannot. */
	net_init(&c, rb_net_ret_prog(BPF_PROG_TYPE_SK_SKB, BPF_SK_SKB_VERDICT,
				     SK_PASS),
		 rb_net_ret_prog(BPF_PROG_TYPE_SK_SKB, BPF_SK_SKB_VERDICT,
				 SK_PASS));
	c.target = map;
	c.type = BPF_SK_SKB_VERDICT;
	c.mode = RAWBPF_ATTACH_MODE_LEGACY;
	{
		struct rawbpf_attachment *at = NULL;
		uint32_t ids[4];
		int err;

		assert_int_equal(make_sockmap(&c, NULL, &at), 0);
		assert_int_equal(rawbpf_attachment_update(at, c.prog2, c.prog2),
				 -EEXIST);
		unchanged_query(&c, at);
		assert_int_equal(rawbpf_attachment_update(at, c.prog2, c.prog),
				 0);
		assert_int_equal(query(map, c.type, ids), 1);
		assert_int_equal(ids[0], rb_net_prog_id(c.prog2));
		/* a closed fd as "old": the kernel's error for its id comes
		 * back (-EBADFD since 6.x, -EBADF before), not -EEXIST */
		err = rawbpf_attachment_update(at, c.prog, 1000);
		assert_true(err == -EBADF || err == -EBADFD);
		rawbpf_attachment_destroy(at);
		clean_query(&c, 1);
	}
	net_done(&c);
	close(map);
	close(nsfd);
	rb_need(RB_FEAT_SOCKMAP_LINK);	/* its LINK mode did not run */
}

static int make_socket(void *p, const struct rawbpf_allocator *a,
		       struct rawbpf_attachment **out)
{
	struct net_case *c = p;

	return rawbpf_attach_socket(c->prog, c->target, a, out);
}

/* SO_GET_FILTER: 0 bytes without a filter, -EACCES for an eBPF one. */
static int socket_filtered(int sock)
{
	socklen_t len = 0;

	if (!getsockopt(sock, SOL_SOCKET, SO_GET_FILTER, NULL, &len))
		return len != 0;
	return errno == EACCES;
}

static void clean_socket(void *p, int made)
{
	struct net_case *c = p;

	(void)made;
	assert_int_equal(socket_filtered(c->target), 0);
}

static void check_socket(void *p, struct rawbpf_attachment *at)
{
	struct net_case *c = p;

	(void)at;
	assert_int_equal(socket_filtered(c->target), 1);
}

static int make_netfilter(void *p, const struct rawbpf_allocator *a,
			  struct rawbpf_attachment **out)
{
	struct net_case *c = p;
	RAWBPF_OPTS(rawbpf_attach_netfilter_opts, o, .pf = NFPROTO_IPV4,
		    .hooknum = NF_INET_LOCAL_OUT, .priority = -100, .alloc = a);

	return rawbpf_attach_netfilter(c->prog, &o, out);
}

static void clean_links(void *p, int made)
{
	struct net_case *c = p;

	(void)made;
	assert_int_equal(rb_links_of_prog(c->prog_id), 0);
}

static void check_link(void *p, struct rawbpf_attachment *at)
{
	struct net_case *c = p;

	assert_int_equal(rawbpf_attachment_kind(at), RAWBPF_ATTACH_KIND_LINK);
	assert_int_equal(rb_links_of_prog(c->prog_id), 1);
}

static void test_socket_netfilter(void **state)
{
	struct rb_netns ns;
	struct net_case c;

	(void)state;
	rb_require_kernel();
	assert_int_equal(rb_netns_enter(&ns), 0);
	net_init(&c, rb_net_ret_prog(BPF_PROG_TYPE_SOCKET_FILTER, 0, 0), -1);
	c.target = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	assert_true(c.target >= 0);
	walk(&c, make_socket, clean_socket, check_socket, 0);
	close(c.target);
	net_done(&c);

	rb_need(RB_FEAT_NETFILTER);
	net_init(&c, rb_net_ret_prog(RAWBPF_PROG_TYPE_NETFILTER, RAWBPF_NETFILTER,
				     NF_ACCEPT), -1);
	walk(&c, make_netfilter, clean_links, check_link, 0);
	net_done(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_cgroup, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_cgroup_override_keeps_old,
					  rb_fixture_teardown),
		cmocka_unit_test_teardown(test_xdp, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_tc, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_sockmap_netns, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_socket_netfilter,
					  rb_fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
