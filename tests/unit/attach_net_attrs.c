// SPDX-License-Identifier: BSD-2-Clause
/* attach_net_attrs.c - the bpf(2) attrs the network constructors send,
 * without a kernel: netkit and tcx ordering fields, netfilter parameters,
 * XDP link flags, the AUTO fallback policy, and error paths that must
 * leave nothing behind (allocation failures, kernel refusals). */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <linux/if_link.h>

#include "fixture.h"
#include "rawbpf/attach_net.h"
#include "rawbpf/sys.h"
#include "sys/abi.h"
#include "sys/raw.h"
#include "core/mem.h"

#define MAX_CALLS 8

struct call {
	int cmd;
	unsigned int size;
	unsigned char attr[160];
};

static struct {
	struct call calls[MAX_CALLS];
	int n;
	long ret[RB_CMD_MAX];	/* what each command answers; 0 default */
	int link_fd;		/* a real fd LINK_CREATE "returns" */
} rec;

static int before(void *ctx, int cmd, void *attr, unsigned int size, long *ret)
{
	(void)ctx;
	if (rec.n < MAX_CALLS) {
		rec.calls[rec.n].cmd = cmd;
		rec.calls[rec.n].size = size;
		memcpy(rec.calls[rec.n].attr, attr,
		       size < sizeof(rec.calls[0].attr) ? size
							: sizeof(rec.calls[0].attr));
		rec.n++;
	}
	*ret = rec.ret[cmd];
	if (cmd == RB_LINK_CREATE && !*ret) {
		rec.link_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
		*ret = rec.link_fd;
	}
	return 1;
}

static const struct rb_sys_hook hook = { .before = before };
static int prog_fd, map_fd;

static int setup(void **state)
{
	(void)state;
	memset(&rec, 0, sizeof(rec));
	rec.link_fd = -1;
	prog_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	map_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	rb_sys_set_hook(&hook);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	rb_sys_set_hook(NULL);
	close(prog_fd);
	close(map_fd);
	return 0;
}

static const struct rb_attr_link_create *lc(int i)
{
	assert_true(i < rec.n);
	assert_int_equal(rec.calls[i].cmd, RB_LINK_CREATE);
	return (const void *)rec.calls[i].attr;
}

static const struct rb_attr_prog_attach *pa(int i, int cmd)
{
	assert_true(i < rec.n);
	assert_int_equal(rec.calls[i].cmd, cmd);
	return (const void *)rec.calls[i].attr;
}

static int fd_open(int fd)
{
	return fcntl(fd, F_GETFD) >= 0;
}

static void test_netkit_link_attrs(void **state)
{
	struct rawbpf_attachment *at = NULL;
	RAWBPF_OPTS(rawbpf_attach_tc_opts, o, .flags = RAWBPF_F_BEFORE,
		    .relative_fd = 9, .expected_revision = 4);
	const struct rb_attr_link_create *a;

	(void)state;
	assert_int_equal(rawbpf_attach_netkit(prog_fd, 3, RAWBPF_NETKIT_PEER, &o,
					      &at), 0);
	assert_int_equal(rec.n, 1);
	a = lc(0);
	assert_int_equal(a->prog_fd, prog_fd);
	assert_int_equal(a->target_ifindex, 3);
	assert_int_equal(a->attach_type, RAWBPF_NETKIT_PEER);
	assert_int_equal(a->flags, RAWBPF_F_BEFORE);
	assert_int_equal(a->netkit.relative_fd, 9);
	assert_int_equal(a->netkit.expected_revision, 4);
	assert_int_equal(rec.calls[0].size,
			 offsetofend(struct rb_attr_link_create,
				     netkit.expected_revision));
	assert_int_equal(rawbpf_attachment_kind(at), RAWBPF_ATTACH_KIND_LINK);
	rawbpf_attachment_destroy(at);
	assert_false(fd_open(rec.link_fd));
}

/* AUTO: LINK_CREATE -EINVAL falls back to PROG_ATTACH; the detach on
 * destroy names the same program and device. */
static void test_netkit_fallback(void **state)
{
	struct rawbpf_attachment *at = NULL;
	RAWBPF_OPTS(rawbpf_attach_tc_opts, o, .flags = RAWBPF_F_AFTER | RAWBPF_F_ID,
		    .relative_id = 77);
	const struct rb_attr_prog_attach *a;

	(void)state;
	rec.ret[RB_LINK_CREATE] = -EINVAL;
	assert_int_equal(rawbpf_attach_netkit(prog_fd, 3, RAWBPF_NETKIT_PRIMARY,
					      &o, &at), 0);
	assert_int_equal(rec.n, 2);
	assert_int_equal(lc(0)->netkit.relative_id, 77);
	a = pa(1, RB_PROG_ATTACH);
	assert_int_equal(a->target_ifindex, 3);
	assert_int_equal(a->attach_bpf_fd, prog_fd);
	assert_int_equal(a->attach_type, RAWBPF_NETKIT_PRIMARY);
	assert_int_equal(a->attach_flags, RAWBPF_F_AFTER | RAWBPF_F_ID);
	assert_int_equal(a->relative_id, 77);
	assert_int_equal(rawbpf_attachment_kind(at), RAWBPF_ATTACH_KIND_PROG_ATTACH);
	rawbpf_attachment_destroy(at);
	assert_int_equal(rec.n, 3);
	a = pa(2, RB_PROG_DETACH);
	assert_int_equal(a->target_ifindex, 3);
	assert_int_equal(a->attach_type, RAWBPF_NETKIT_PRIMARY);
	assert_true(a->attach_bpf_fd > 2);	/* the handle's dup */

	/* Other errors are not "kernel lacks the link": no fallback. */
	rec.n = 0;
	rec.ret[RB_LINK_CREATE] = -EPERM;
	at = NULL;
	assert_int_equal(rawbpf_attach_netkit(prog_fd, 3, RAWBPF_NETKIT_PRIMARY,
					      &o, &at), -EPERM);
	assert_int_equal(rec.n, 1);
	assert_null(at);
	/* Forced link: no fallback either. */
	rec.n = 0;
	rec.ret[RB_LINK_CREATE] = -EOPNOTSUPP;
	o.mode = RAWBPF_ATTACH_MODE_LINK;
	assert_int_equal(rawbpf_attach_netkit(prog_fd, 3, RAWBPF_NETKIT_PRIMARY,
					      &o, &at), -EOPNOTSUPP);
	assert_int_equal(rec.n, 1);
	/* Forced legacy: no link tried. */
	rec.n = 0;
	o.mode = RAWBPF_ATTACH_MODE_LEGACY;
	assert_int_equal(rawbpf_attach_netkit(prog_fd, 3, RAWBPF_NETKIT_PRIMARY,
					      &o, &at), 0);
	assert_int_equal(rec.n, 1);
	assert_int_equal(rec.calls[0].cmd, RB_PROG_ATTACH);
	rawbpf_attachment_disown(at);
	rawbpf_attachment_destroy(at);
	assert_int_equal(rec.n, 1);	/* disowned: no detach */
}

static void test_tcx_attrs(void **state)
{
	struct rawbpf_attachment *at = NULL;
	RAWBPF_OPTS(rawbpf_attach_tc_opts, o, .mode = RAWBPF_ATTACH_MODE_LINK);
	const struct rb_attr_prog_attach *a;

	(void)state;
	assert_int_equal(rawbpf_attach_tc(prog_fd, 5, RAWBPF_TCX_EGRESS, &o, &at),
			 0);
	assert_int_equal(lc(0)->attach_type, RAWBPF_TCX_EGRESS);
	assert_int_equal(lc(0)->tcx.relative_fd, 0);
	rawbpf_attachment_destroy(at);

	/* PROG_ATTACH with REPLACE; update sends REPLACE of our program. */
	rec.n = 0;
	o.flags = BPF_F_REPLACE;
	o.replace_prog_fd = 44;
	assert_int_equal(rawbpf_attach_tcx_prog(prog_fd, 5, RAWBPF_TCX_INGRESS,
						&o, &at), 0);
	a = pa(0, RB_PROG_ATTACH);
	assert_int_equal(a->attach_flags, BPF_F_REPLACE);
	assert_int_equal(a->replace_bpf_fd, 44);
	assert_int_equal(rawbpf_attachment_update(at, map_fd, -1), 0);
	a = pa(1, RB_PROG_ATTACH);
	assert_int_equal(a->attach_bpf_fd, map_fd);
	assert_int_equal(a->attach_flags, BPF_F_REPLACE);
	assert_true(a->replace_bpf_fd > 2);	/* the handle's program */
	/* A refused update keeps the handle as it was. */
	rec.ret[RB_PROG_ATTACH] = -EEXIST;
	assert_int_equal(rawbpf_attachment_update(at, prog_fd, 99), -EEXIST);
	assert_int_equal(pa(2, RB_PROG_ATTACH)->replace_bpf_fd, 99);
	rawbpf_attachment_destroy(at);
	assert_int_equal(pa(3, RB_PROG_DETACH)->target_ifindex, 5);

	/* Bad arguments are refused before any syscall. */
	rec.n = 0;
	assert_int_equal(rawbpf_attach_tc(prog_fd, 5, BPF_XDP, NULL, &at), -EINVAL);
	assert_int_equal(rawbpf_attach_tc(prog_fd, -1, RAWBPF_TCX_INGRESS, NULL,
					  &at), -EINVAL);
	assert_int_equal(rawbpf_attach_tcx_prog(prog_fd, 5, RAWBPF_NETKIT_PEER,
						NULL, &at), -EINVAL);
	assert_int_equal(rawbpf_attach_tc(prog_fd, 5, RAWBPF_TCX_INGRESS, NULL,
					  NULL), -EINVAL);
	assert_int_equal(rec.n, 0);
}

static void test_netfilter_attrs(void **state)
{
	struct rawbpf_attachment *at = NULL;
	RAWBPF_OPTS(rawbpf_attach_netfilter_opts, o, .pf = 10, .hooknum = 4,
		    .priority = -7, .flags = 1);
	const struct rb_attr_link_create *a;

	(void)state;
	assert_int_equal(rawbpf_attach_netfilter(prog_fd, &o, &at), 0);
	a = lc(0);
	assert_int_equal(a->attach_type, RAWBPF_NETFILTER);
	assert_int_equal(a->target_fd, 0);
	assert_int_equal(a->netfilter.pf, 10);
	assert_int_equal(a->netfilter.hooknum, 4);
	assert_int_equal(a->netfilter.priority, -7);
	assert_int_equal(a->netfilter.flags, 1);
	assert_int_equal(rec.calls[0].size,
			 offsetofend(struct rb_attr_link_create, netfilter.flags));
	rawbpf_attachment_destroy(at);
}

static void test_xdp_link_attrs(void **state)
{
	struct rawbpf_attachment *at = NULL;
	RAWBPF_OPTS(rawbpf_attach_xdp_opts, o, .flags = RAWBPF_XDP_DRV_MODE);

	(void)state;
	assert_int_equal(rawbpf_attach_xdp(prog_fd, 6, &o, &at), 0);
	assert_int_equal(lc(0)->attach_type, BPF_XDP);
	assert_int_equal(lc(0)->target_ifindex, 6);
	assert_int_equal(lc(0)->flags, XDP_FLAGS_DRV_MODE);
	rawbpf_attachment_destroy(at);
}

static void test_netns_sockmap_attrs(void **state)
{
	struct rawbpf_attachment *at = NULL;
	RAWBPF_OPTS(rawbpf_attach_net_opts, o, .mode = RAWBPF_ATTACH_MODE_LEGACY);

	(void)state;
	/* legacy flow dissector: target 0 (the caller's netns) */
	assert_int_equal(rawbpf_attach_netns(prog_fd, map_fd, BPF_FLOW_DISSECTOR,
					     &o, &at), 0);
	assert_int_equal(pa(0, RB_PROG_ATTACH)->target_fd, 0);
	rawbpf_attachment_destroy(at);
	assert_int_equal(pa(1, RB_PROG_DETACH)->target_fd, 0);
	/* sockmap legacy: the map is the target */
	rec.n = 0;
	assert_int_equal(rawbpf_attach_sockmap(prog_fd, map_fd,
					       BPF_SK_SKB_STREAM_PARSER, &o, &at),
			 0);
	assert_int_equal(pa(0, RB_PROG_ATTACH)->target_fd, map_fd);
	assert_int_equal(pa(0, RB_PROG_ATTACH)->attach_type,
			 BPF_SK_SKB_STREAM_PARSER);
	rawbpf_attachment_destroy(at);
	assert_true(pa(1, RB_PROG_DETACH)->target_fd > 2);	/* its dup */
	/* link: netns fd as target */
	rec.n = 0;
	o.mode = RAWBPF_ATTACH_MODE_AUTO;
	assert_int_equal(rawbpf_attach_netns(prog_fd, map_fd, BPF_SK_LOOKUP, &o,
					     &at), 0);
	assert_int_equal(lc(0)->target_fd, map_fd);
	rawbpf_attachment_destroy(at);
	/* sk_lookup: no fallback */
	rec.n = 0;
	rec.ret[RB_LINK_CREATE] = -EINVAL;
	assert_int_equal(rawbpf_attach_netns(prog_fd, map_fd, BPF_SK_LOOKUP, &o,
					     &at), -EINVAL);
	assert_int_equal(rec.n, 1);
}

/* ---- allocation failures: nothing left behind ----------------------- */

static void *fail_alloc(void *ctx, size_t size)
{
	(void)ctx;
	(void)size;
	return NULL;
}

static void fail_free(void *ctx, void *p, size_t size)
{
	(void)ctx;
	(void)p;
	(void)size;
	fail();
}

static const struct rawbpf_allocator failing = { .alloc = fail_alloc,
						 .free = fail_free };

static void test_alloc_failures(void **state)
{
	struct rawbpf_attachment *at = NULL;
	RAWBPF_OPTS(rawbpf_attach_tc_opts, tco, .alloc = &failing);
	RAWBPF_OPTS(rawbpf_attach_net_opts, no, .alloc = &failing,
		    .mode = RAWBPF_ATTACH_MODE_LEGACY);
	RAWBPF_OPTS(rawbpf_attach_xdp_opts, xo, .alloc = &failing,
		    .mode = RAWBPF_ATTACH_MODE_LEGACY);

	(void)state;
	/* link made, handle not: the link fd is closed again */
	assert_int_equal(rawbpf_attach_tc(prog_fd, 5, RAWBPF_TCX_INGRESS, &tco,
					  &at), -ENOMEM);
	assert_false(fd_open(rec.link_fd));
	/* older kinds allocate first: nothing reaches the kernel (a
	 * PROG_ATTACH undone would lose the program it replaced) */
	rec.n = 0;
	assert_int_equal(rawbpf_attach_sockmap(prog_fd, map_fd, BPF_SK_MSG_VERDICT,
					       &no, &at), -ENOMEM);
	assert_int_equal(rec.n, 0);
	assert_int_equal(rawbpf_attach_xdp(prog_fd, 5, &xo, &at), -ENOMEM);
	assert_int_equal(rawbpf_attach_socket(prog_fd, map_fd, &failing, &at),
			 -ENOMEM);
	tco.mode = RAWBPF_ATTACH_MODE_LEGACY;
	assert_int_equal(rawbpf_attach_tc(prog_fd, 5, RAWBPF_TCX_INGRESS, &tco,
					  &at), -ENOMEM);
	assert_null(at);
}

static void test_opts_checks(void **state)
{
	struct rawbpf_attachment *at = NULL;
	struct {
		struct rawbpf_attach_xdp_opts o;
		uint64_t future;
	} big;

	(void)state;
	memset(&big, 0, sizeof(big));
	big.o.size = sizeof(big);
	big.future = 1;
	assert_int_equal(rawbpf_attach_xdp(prog_fd, 5, &big.o, &at), -E2BIG);
	big.future = 0;
	assert_int_equal(rawbpf_attach_xdp(prog_fd, 5, &big.o, &at), 0);
	rawbpf_attachment_destroy(at);
	at = NULL;
	big.o.size = 2;
	assert_int_equal(rawbpf_attach_xdp(prog_fd, 5, &big.o, &at), -EINVAL);
	assert_int_equal(rawbpf_attach_netfilter(prog_fd, NULL, &at), -EINVAL);
	assert_null(at);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_netkit_link_attrs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_netkit_fallback, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tcx_attrs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_netfilter_attrs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_xdp_link_attrs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_netns_sockmap_attrs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_alloc_failures, setup, teardown),
		cmocka_unit_test_setup_teardown(test_opts_checks, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
