// SPDX-License-Identifier: BSD-2-Clause
/*
 * sys_attrs_link.c - the exact attr bytes and size of BPF_LINK_CREATE for
 * every per-type part (iter, perf_event, kprobe_multi, uprobe_multi,
 * netfilter, tcx, netkit, tracing cookies, cgroup ordering), LINK_UPDATE,
 * LINK_DETACH, ENABLE_STATS, ITER_CREATE and TOKEN_CREATE, recorded at the
 * choke point (no kernel involved). The other commands: sys_attrs.c.
 */
#include <errno.h>
#include <string.h>

#include "fixture.h"
#include "sys_record.h"
#include "rawbpf/sys.h"
#include "core/mem.h"
#include "sys/abi.h"

#define P(x) ((uint64_t)(uintptr_t)(x))
#define END(T, f) offsetofend(struct T, f)

static struct rb_rec rec;

static int setup(void **state)
{
	(void)state;
	rb_rec_start(&rec);
	return 0;
}

/* ---- links ---------------------------------------------------------------- */

/* Expected LINK_CREATE attr with the common head filled in. */
static struct rb_attr_link_create lc_head(int prog, int target, uint32_t type,
					  uint32_t flags)
{
	struct rb_attr_link_create e;

	memset(&e, 0, sizeof(e));
	e.prog_fd = (uint32_t)prog;
	e.target_fd = (uint32_t)target;
	e.attach_type = type;
	e.flags = flags;
	return e;
}

static void test_link_create(void **state)
{
	struct rb_attr_link_create e;
	const char *syms[2] = { "a", "b" };
	unsigned long addrs[2] = { 1, 2 }, offs[2] = { 3, 4 }, refs[2] = { 5, 6 };
	uint64_t cookies[2] = { 7, 8 };
	union bpf_iter_link_info ii = { .map = { .map_fd = 4 } };
	struct rawbpf_sys_link_create_opts o;
	int n = 0;

	(void)state;
	rec.ret_default = 70;
	/* No opts: the head only (cgroup, xdp, netns, sk_lookup, ...). */
	assert_int_equal(rawbpf_sys_link_create(5, 6, BPF_CGROUP_INET_INGRESS, NULL), 70);
	e = lc_head(5, 6, BPF_CGROUP_INET_INGRESS, 0);
	rb_rec_expect(&rec, n++, BPF_LINK_CREATE, &e, END(rb_attr_link_create, flags));

#define OPTS_RESET() (memset(&o, 0, sizeof(o)), o.size = sizeof(o))
	/* iter without and with iter_info. */
	OPTS_RESET();
	rawbpf_sys_link_create(5, 0, BPF_TRACE_ITER, &o);
	e = lc_head(5, 0, BPF_TRACE_ITER, 0);
	rb_rec_expect(&rec, n++, BPF_LINK_CREATE, &e, END(rb_attr_link_create, flags));
	o.iter_info = &ii;
	o.iter_info_len = sizeof(ii);
	rawbpf_sys_link_create(5, 0, BPF_TRACE_ITER, &o);
	e.iter_info = P(&ii);
	e.iter_info_len = sizeof(ii);
	rb_rec_expect(&rec, n++, BPF_LINK_CREATE, &e,
		      END(rb_attr_link_create, iter_info_len));

	/* perf_event: cookie (5.15) only when set. */
	OPTS_RESET();
	rawbpf_sys_link_create(5, 9, BPF_PERF_EVENT, &o);
	e = lc_head(5, 9, BPF_PERF_EVENT, 0);
	rb_rec_expect(&rec, n++, BPF_LINK_CREATE, &e, END(rb_attr_link_create, flags));
	o.perf_cookie = 0x1234;
	rawbpf_sys_link_create(5, 9, BPF_PERF_EVENT, &o);
	e.perf_event.bpf_cookie = 0x1234;
	rb_rec_expect(&rec, n++, BPF_LINK_CREATE, &e,
		      END(rb_attr_link_create, perf_event.bpf_cookie));

	/* kprobe_multi (5.18) and kprobe session (6.10). */
	OPTS_RESET();
	o.kprobe_multi.flags = BPF_F_KPROBE_MULTI_RETURN;
	o.kprobe_multi.cnt = 2;
	o.kprobe_multi.syms = syms;
	o.kprobe_multi.addrs = addrs;
	o.kprobe_multi.cookies = cookies;
	rawbpf_sys_link_create(5, 0, BPF_TRACE_KPROBE_MULTI, &o);
	e = lc_head(5, 0, BPF_TRACE_KPROBE_MULTI, 0);
	e.kprobe_multi.flags = BPF_F_KPROBE_MULTI_RETURN;
	e.kprobe_multi.cnt = 2;
	e.kprobe_multi.syms = P(syms);
	e.kprobe_multi.addrs = P(addrs);
	e.kprobe_multi.cookies = P(cookies);
	rb_rec_expect(&rec, n++, BPF_LINK_CREATE, &e,
		      END(rb_attr_link_create, kprobe_multi.cookies));
	rawbpf_sys_link_create(5, 0, RAWBPF_TRACE_KPROBE_SESSION, &o);
	e.attach_type = RAWBPF_TRACE_KPROBE_SESSION;
	rb_rec_expect(&rec, n++, BPF_LINK_CREATE, &e,
		      END(rb_attr_link_create, kprobe_multi.cookies));

	/* uprobe_multi (6.6) and uprobe session (6.13). */
	OPTS_RESET();
	o.uprobe_multi.path = "/bin/true";
	o.uprobe_multi.offsets = offs;
	o.uprobe_multi.ref_ctr_offsets = refs;
	o.uprobe_multi.cookies = cookies;
	o.uprobe_multi.cnt = 2;
	o.uprobe_multi.flags = RAWBPF_F_UPROBE_MULTI_RETURN;
	o.uprobe_multi.pid = 77;
	rawbpf_sys_link_create(5, 0, RAWBPF_TRACE_UPROBE_MULTI, &o);
	e = lc_head(5, 0, RAWBPF_TRACE_UPROBE_MULTI, 0);
	e.uprobe_multi.path = P(o.uprobe_multi.path);
	e.uprobe_multi.offsets = P(offs);
	e.uprobe_multi.ref_ctr_offsets = P(refs);
	e.uprobe_multi.cookies = P(cookies);
	e.uprobe_multi.cnt = 2;
	e.uprobe_multi.flags = RAWBPF_F_UPROBE_MULTI_RETURN;
	e.uprobe_multi.pid = 77;
	rb_rec_expect(&rec, n++, BPF_LINK_CREATE, &e,
		      END(rb_attr_link_create, uprobe_multi.pid));
	rawbpf_sys_link_create(5, 0, RAWBPF_TRACE_UPROBE_SESSION, &o);
	e.attach_type = RAWBPF_TRACE_UPROBE_SESSION;
	rb_rec_expect(&rec, n++, BPF_LINK_CREATE, &e,
		      END(rb_attr_link_create, uprobe_multi.pid));

	/* netfilter (6.4). */
	OPTS_RESET();
	o.netfilter.pf = 2;
	o.netfilter.hooknum = 1;
	o.netfilter.priority = -128;
	o.netfilter.flags = 1;
	rawbpf_sys_link_create(5, 0, RAWBPF_NETFILTER, &o);
	e = lc_head(5, 0, RAWBPF_NETFILTER, 0);
	e.netfilter.pf = 2;
	e.netfilter.hooknum = 1;
	e.netfilter.priority = -128;
	e.netfilter.flags = 1;
	rb_rec_expect(&rec, n++, BPF_LINK_CREATE, &e,
		      END(rb_attr_link_create, netfilter.flags));

	/* tcx (6.6) and netkit (6.7): relative + revision always sent. */
	OPTS_RESET();
	o.flags = RAWBPF_F_AFTER;
	o.relative_fd = 8;
	o.expected_revision = 3;
	rawbpf_sys_link_create(5, 2, RAWBPF_TCX_EGRESS, &o);
	e = lc_head(5, 2, RAWBPF_TCX_EGRESS, RAWBPF_F_AFTER);
	e.tcx.relative_fd = 8;
	e.tcx.expected_revision = 3;
	rb_rec_expect(&rec, n++, BPF_LINK_CREATE, &e,
		      END(rb_attr_link_create, tcx.expected_revision));
	rawbpf_sys_link_create(5, 2, RAWBPF_NETKIT_PRIMARY, &o);
	e.attach_type = RAWBPF_NETKIT_PRIMARY;
	rb_rec_expect(&rec, n++, BPF_LINK_CREATE, &e,
		      END(rb_attr_link_create, netkit.expected_revision));
	o.relative_fd = 0;
	o.expected_revision = 0;
	o.flags = 0;
	rawbpf_sys_link_create(5, 2, RAWBPF_TCX_INGRESS, &o);
	e = lc_head(5, 2, RAWBPF_TCX_INGRESS, 0);
	rb_rec_expect(&rec, n++, BPF_LINK_CREATE, &e,
		      END(rb_attr_link_create, tcx.expected_revision));

	/* cgroup ordering (6.15): only when asked. */
	OPTS_RESET();
	o.flags = RAWBPF_F_BEFORE;
	o.relative_fd = 8;
	rawbpf_sys_link_create(5, 6, BPF_CGROUP_INET_EGRESS, &o);
	e = lc_head(5, 6, BPF_CGROUP_INET_EGRESS, RAWBPF_F_BEFORE);
	e.cgroup.relative_fd = 8;
	rb_rec_expect(&rec, n++, BPF_LINK_CREATE, &e,
		      END(rb_attr_link_create, cgroup.expected_revision));

	/* tracing: cookie (6.0) with target_btf_id, or target_btf_id alone
	 * (freplace, and fentry without cookie). */
	OPTS_RESET();
	o.target_btf_id = 55;
	o.tracing_cookie = 0x99;
	rawbpf_sys_link_create(5, 0, BPF_TRACE_FENTRY, &o);
	e = lc_head(5, 0, BPF_TRACE_FENTRY, 0);
	e.tracing.target_btf_id = 55;
	e.tracing.cookie = 0x99;
	rb_rec_expect(&rec, n++, BPF_LINK_CREATE, &e,
		      END(rb_attr_link_create, tracing.cookie));
	rawbpf_sys_link_create(5, 0, BPF_LSM_MAC, &o);
	e.attach_type = BPF_LSM_MAC;
	rb_rec_expect(&rec, n++, BPF_LINK_CREATE, &e,
		      END(rb_attr_link_create, tracing.cookie));
	o.tracing_cookie = 0;
	rawbpf_sys_link_create(5, 12, 0, &o);
	e = lc_head(5, 12, 0, 0);
	e.target_btf_id = 55;
	rb_rec_expect(&rec, n++, BPF_LINK_CREATE, &e,
		      END(rb_attr_link_create, target_btf_id));
	assert_int_equal(rec.ncalls, n);
#undef OPTS_RESET
}

static void test_link_misc(void **state)
{
	struct rb_attr_link_update u;
	struct rb_attr_link_detach d = { .link_fd = 4 };
	struct rb_attr_enable_stats s = { .type = BPF_STATS_RUN_TIME };
	struct rb_attr_iter_create ic = { .link_fd = 4, .flags = 0 };
	struct rb_attr_token_create t = { .flags = 0, .bpffs_fd = 9 };
	RAWBPF_OPTS(rawbpf_sys_link_update_opts, o, .flags = BPF_F_REPLACE,
		    .old_prog_fd = 6);

	(void)state;
	rawbpf_sys_link_update(4, 5, &o);
	memset(&u, 0, sizeof(u));
	u.link_fd = 4;
	u.new_prog_fd = 5;
	u.flags = BPF_F_REPLACE;
	u.old_prog_fd = 6;
	rb_rec_expect(&rec, 0, BPF_LINK_UPDATE, &u,
		      END(rb_attr_link_update, old_prog_fd));
	/* struct_ops map links (6.4): old_map_fd in the same slot. */
	o.is_map = true;
	o.old_map_fd = 7;
	rawbpf_sys_link_update(4, 5, &o);
	u.old_map_fd = 7;
	rb_rec_expect(&rec, 1, BPF_LINK_UPDATE, &u,
		      END(rb_attr_link_update, old_map_fd));
	rawbpf_sys_link_update(4, 5, NULL);
	memset(&u, 0, sizeof(u));
	u.link_fd = 4;
	u.new_prog_fd = 5;
	rb_rec_expect(&rec, 2, BPF_LINK_UPDATE, &u,
		      END(rb_attr_link_update, old_prog_fd));

	rawbpf_sys_link_detach(4);
	rb_rec_expect(&rec, 3, BPF_LINK_DETACH, &d, END(rb_attr_link_detach, link_fd));
	rec.ret_default = 80;
	assert_int_equal(rawbpf_sys_enable_stats(BPF_STATS_RUN_TIME), 80);
	rb_rec_expect(&rec, 4, BPF_ENABLE_STATS, &s, END(rb_attr_enable_stats, type));
	assert_int_equal(rawbpf_sys_iter_create(4), 80);
	rb_rec_expect(&rec, 5, BPF_ITER_CREATE, &ic, END(rb_attr_iter_create, flags));
	assert_int_equal(rawbpf_sys_token_create(9, 0), 80);
	rb_rec_expect(&rec, 6, RB_TOKEN_CREATE, &t,
		      END(rb_attr_token_create, bpffs_fd));
}

/* PROG_STREAM_READ_BY_FD (6.17) and BTF_GET_FD_BY_ID with a token (6.13) */
static void test_stream_and_btf_token(void **state)
{
	char buf[16];
	struct rb_attr_prog_stream_read sr = { .stream_buf = ptr_to_u64(buf),
		.stream_buf_len = sizeof(buf), .stream_id = 2, .prog_fd = 4 };
	struct rb_attr_get_id g = { .btf_id = 7 };
	RAWBPF_OPTS(rawbpf_sys_get_fd_by_id_opts, o, .token_fd = 9);

	(void)state;
	rec.ret_default = 11;
	assert_int_equal(rawbpf_sys_prog_stream_read(4, RAWBPF_STREAM_STDERR, buf,
						     sizeof(buf)), 11);
	rb_rec_expect(&rec, 0, RB_PROG_STREAM_READ_BY_FD, &sr,
		      END(rb_attr_prog_stream_read, prog_fd));
	/* a size without a buffer: refused before the call */
	assert_int_equal(rawbpf_sys_prog_stream_read(4, 1, NULL, 8), -EINVAL);
	assert_int_equal(rec.ncalls, 1);
	rec.ret_default = 80;
	/* without a token: the old attr size, no flag */
	assert_int_equal(rawbpf_sys_btf_get_fd_by_id_opts(7, NULL), 80);
	rb_rec_expect(&rec, 1, BPF_BTF_GET_FD_BY_ID, &g, END(rb_attr_get_id, open_flags));
	assert_int_equal(rawbpf_sys_btf_get_fd_by_id_opts(7, &o), 80);
	g.open_flags = RAWBPF_F_TOKEN_FD;
	g.fd_by_id_token_fd = 9;
	rb_rec_expect(&rec, 2, BPF_BTF_GET_FD_BY_ID, &g,
		      END(rb_attr_get_id, fd_by_id_token_fd));
	o.token_fd = -1;
	assert_int_equal(rawbpf_sys_btf_get_fd_by_id_opts(7, &o), -EBADF);
	assert_int_equal(rec.ncalls, 3);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, rb_rec_teardown)
	const struct CMUnitTest tests[] = {
		T(test_link_create), T(test_link_misc), T(test_stream_and_btf_token),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
