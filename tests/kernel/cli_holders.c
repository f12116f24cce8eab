// SPDX-License-Identifier: BSD-2-Clause
/*
 * cli_holders.c - `rawbpf holders` on a live kernel. One tc program is
 * held at once by a pin, an fd in another process, a pinned tcx link, a
 * netlink cls_bpf filter and a slot of a pinned PROG_ARRAY; the holders
 * are dropped one by one and each leaves the list exactly when dropped,
 * while the survival line follows the lifetime rule. The hooks that take
 * another program type (netlink XDP in the test's netns, an older cgroup
 * PROG_ATTACH, a tracepoint perf event) each hold a program of their own
 * type (the kernel checks the type at each hook, so no single program can
 * sit on all of them). Every state's output is also written, with ids and
 * pids replaced by names, to build/holders-doc.txt, which
 * scripts/check-holders-doc.py compares with docs/semantics.md.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <linux/perf_event.h>
#include <linux/pkt_cls.h>

#include "child.h"
#include "cli_run.h"
#include "env.h"
#include "fixture.h"
#include "netprog.h"
#include "progs.h"
#include "rawbpf/attach.h"
#include "rawbpf/attach_net.h"
#include "rawbpf/pin.h"
#include "rawbpf/sys.h"

#define MAXL 32

struct hout {
	char buf[8192];
	char *line[MAXL];
	int n;			/* holder lines */
	const char *survives;	/* "yes\t..." or "no\t..." */
};

/* run `rawbpf holders @what`, split into holder lines and survival. */
static void holders(const char *what, struct hout *o)
{
	char args[512], *p, *save = NULL;

	snprintf(args, sizeof(args), "holders %s", what);
	memset(o, 0, sizeof(*o));
	assert_int_equal(rb_cli(args, o->buf, sizeof(o->buf)), 0);
	for (p = strtok_r(o->buf, "\n", &save); p; p = strtok_r(NULL, "\n", &save)) {
		if (!strncmp(p, "survives\t", 9)) {
			o->survives = p + 9;
			continue;
		}
		assert_true(o->n < MAXL);
		o->line[o->n++] = p;
	}
	assert_non_null(o->survives);
}

/* count of lines equal to @want (the whole line). */
static int count_line(const struct hout *o, const char *want)
{
	int i, c = 0;

	for (i = 0; i < o->n; i++)
		c += !strcmp(o->line[i], want);
	if (!c) {	/* what came instead, for the failure that follows */
		print_message("no line \"%s\" in:\n", want);
		for (i = 0; i < o->n; i++)
			print_message("  %s\n", o->line[i]);
	}
	return c;
}

/* the output with test-specific numbers replaced by @names, for docs. */
struct subst {
	char from[300];
	const char *to;
};

static FILE *doc;

static void doc_state(const char *title, const char *what, const struct hout *o,
		      const struct subst *s, int ns)
{
	int i, k;

	if (!doc)
		return;
	fprintf(doc, "=== %s\n$ rawbpf holders %s\n", title, what);
	for (i = 0; i <= o->n; i++) {
		char line[1024], out[1024];
		const char *src = i < o->n ? o->line[i] : NULL;

		if (src)
			snprintf(line, sizeof(line), "%s", src);
		else
			snprintf(line, sizeof(line), "survives\t%s", o->survives);
		for (k = 0; k < ns; k++) {
			char *hit;

			while (s[k].from[0] && (hit = strstr(line, s[k].from))) {
				snprintf(out, sizeof(out), "%.*s%s%s",
					 (int)(hit - line), line, s[k].to,
					 hit + strlen(s[k].from));
				memcpy(line, out, sizeof(line));
			}
		}
		fprintf(doc, "%s\n", line);
	}
}

struct hold {
	uint32_t id;
	int inherited;	/* the parent's fd, which fork copied: closed */
};

/* child: hold one fd of program @arg->id; val[0] = pid. */
static int hold_fd(void *arg, struct rb_child_report *r)
{
	const struct hold *h = arg;

	close(h->inherited);
	r->val[1] = (uint32_t)RB_CHILD_TRY(r, rawbpf_sys_prog_get_fd_by_id(h->id));
	r->val[0] = (uint32_t)getpid();
	return 0;
}

static void expect_survives(const struct hout *o, const char *verdict)
{
	if (strncmp(o->survives, verdict, strlen(verdict)))
		fail_msg("survives: got '%s', want '%s...'", o->survives, verdict);
}

static void test_tc_prog_held_every_way(void **state)
{
	char pin[256], lpin[256], apin[256], what[32], want[512];
	struct rawbpf_attachment *tc = NULL, *tcx = NULL;
	struct rb_child_report rep;
	struct rb_child *child;
	struct subst s[10];
	struct hout o;
	uint32_t id, link_id, arr_id;
	int prog, arr, key = 1;

	(void)state;
	prog = rb_load_ret(BPF_PROG_TYPE_SCHED_CLS, 0, TC_ACT_OK);
	assert_true(prog >= 0);
	id = rb_obj_id(prog);
	snprintf(what, sizeof(what), "prog %u", id);

	/* an fd in another process */
	{
		struct hold h = { id, prog };

		child = rb_child_start(hold_fd, &h, &rep);
	}
	assert_non_null(child);
	assert_int_equal(rep.err, 0);
	/* a pin */
	rb_pin_path(pin, sizeof(pin), "prog");
	assert_int_equal(rawbpf_bpffs_pin(prog, pin), 0);
	/* a tcx link, pinned, its fd kept here */
	{
		RAWBPF_OPTS(rawbpf_attach_tc_opts, o2, .mode = RAWBPF_ATTACH_MODE_LINK);

		if (rawbpf_attach_tc(prog, rb_env.ns.ifindex_a, RAWBPF_TCX_INGRESS,
				     &o2, &tcx))
			rb_skip_feature("tcx links (6.6)");
	}
	rb_pin_path(lpin, sizeof(lpin), "link");
	assert_int_equal(rawbpf_attachment_pin(tcx, lpin), 0);
	link_id = rb_obj_id(rawbpf_attachment_fd(tcx));
	/* a cls_bpf filter over netlink */
	{
		RAWBPF_OPTS(rawbpf_attach_tc_opts, o2, .mode = RAWBPF_ATTACH_MODE_LEGACY);

		assert_int_equal(rawbpf_attach_tc(prog, rb_env.ns.ifindex_b,
						  RAWBPF_TCX_INGRESS, &o2, &tc), 0);
		/* the handle keeps a program fd: let the filter stand alone */
		rawbpf_attachment_disown(tc);
		rawbpf_attachment_destroy(tc);
	}
	/* a slot of a pinned PROG_ARRAY, whose fd is closed */
	arr = rawbpf_sys_map_create(BPF_MAP_TYPE_PROG_ARRAY, "rb_hold", 4, 4, 4, NULL);
	assert_true(arr >= 0);
	assert_int_equal(rawbpf_sys_map_update_elem(arr, &key, &prog, 0), 0);
	arr_id = rb_obj_id(arr);
	rb_pin_path(apin, sizeof(apin), "array");
	assert_int_equal(rawbpf_bpffs_pin(arr, apin), 0);
	close(arr);
	close(prog);	/* this process holds no fd of the program now */

	memset(s, 0, sizeof(s));
	snprintf(s[0].from, sizeof(s[0].from), "%s", rb_env.dir);
	s[0].to = "/sys/fs/bpf/DIR";
	snprintf(s[1].from, sizeof(s[1].from), "\t%u\t", rep.val[0]);
	s[1].to = "\tPID\t";
	snprintf(s[2].from, sizeof(s[2].from), "link\t%u\t", link_id);
	s[2].to = "link\tLINK_ID\t";
	snprintf(s[3].from, sizeof(s[3].from), "prog_array\t%u\t", arr_id);
	s[3].to = "prog_array\tMAP_ID\t";
	snprintf(s[4].from, sizeof(s[4].from), "ifindex=%d ", rb_env.ns.ifindex_a);
	s[4].to = "ifindex=IFINDEX ";
	snprintf(s[5].from, sizeof(s[5].from), "link %u ", link_id);
	s[5].to = "link LINK_ID ";
	s[6].to = "net:[NETNS]";
	snprintf(s[7].from, sizeof(s[7].from), "prog_array %u ", arr_id);
	s[7].to = "prog_array MAP_ID ";
	snprintf(s[8].from, sizeof(s[8].from), "\tPID\t%s\t%u", "test_kernel_cli",
		 rep.val[1]);
	s[8].to = "\tPID\tCOMM\tFD";
	{
		char nsl[64];
		ssize_t n = readlink("/proc/self/ns/net", nsl, sizeof(nsl) - 1);

		assert_true(n > 5);
		nsl[n] = '\0';	/* "net:[INO]" */
		snprintf(s[6].from, sizeof(s[6].from), "%s", nsl);
	}

	/* all five, each once */
	holders(what, &o);
	doc_state("a tc program held five ways", "prog ID", &o, s, 9);
	assert_int_equal(o.n, 5);
	{
		int i, fd_lines = 0;

		for (i = 0; i < o.n; i++) {
			char head[64];

			snprintf(head, sizeof(head), "fd\t%u\t", rep.val[0]);
			fd_lines += !strncmp(o.line[i], head, strlen(head));
		}
		assert_int_equal(fd_lines, 1);
	}
	snprintf(want, sizeof(want), "pin\t%s", pin);
	assert_int_equal(count_line(&o, want), 1);
	snprintf(want, sizeof(want), "link\t%u\ttcx\tifindex=%d tcx_ingress", link_id,
		 rb_env.ns.ifindex_a);
	assert_int_equal(count_line(&o, want), 1);
	snprintf(want, sizeof(want), "tc\t%s\trbvb\tingress\t", s[6].from);
	{
		int i, c = 0;

		for (i = 0; i < o.n; i++)
			c += !strncmp(o.line[i], want, strlen(want));
		assert_int_equal(c, 1);
	}
	snprintf(want, sizeof(want), "prog_array\t%u\t1", arr_id);
	assert_int_equal(count_line(&o, want), 1);
	expect_survives(&o, "yes\tpin ");
	/* the same by the pin's path, and as JSON */
	{
		struct hout byp;
		char args[300], *js = malloc(8192);
		int i;

		assert_non_null(js);
		holders(pin, &byp);
		assert_int_equal(byp.n, o.n);
		for (i = 0; i < o.n; i++)
			assert_string_equal(byp.line[i], o.line[i]);
		assert_string_equal(byp.survives, o.survives);
		snprintf(args, sizeof(args), "holders %s --json", what);
		assert_int_equal(rb_cli(args, js, 8192), 0);
		snprintf(want, sizeof(want), "{\"type\":\"prog\",\"id\":%u,\"holders\":[{\"kind\":\"fd\",\"pid\":%u,", id, rep.val[0]);
		assert_int_equal(strncmp(js, want, strlen(want)), 0);
		snprintf(want, sizeof(want), "{\"kind\":\"pin\",\"path\":\"%s\"}", pin);
		assert_non_null(strstr(js, want));
		snprintf(want, sizeof(want), "{\"kind\":\"prog_array\",\"map_id\":%u,\"key\":\"1\"}", arr_id);
		assert_non_null(strstr(js, want));
		assert_non_null(strstr(js, "],\"survives\":true,\"reason\":\"pin "));
		free(js);
	}

	/* the pin goes: the tc filter still keeps it */
	assert_int_equal(rawbpf_bpffs_unpin(pin), 0);
	holders(what, &o);
	doc_state("the pin removed", "prog ID", &o, s, 9);
	assert_int_equal(o.n, 4);
	snprintf(want, sizeof(want), "pin\t%s", pin);
	assert_int_equal(count_line(&o, want), 0);
	expect_survives(&o, "yes\tlink ");	/* the pinned link, first in order */

	/* the filter goes with its qdisc: the pinned link keeps it */
	assert_int_equal(rawbpf_tc_qdisc_destroy(rb_env.ns.ifindex_b), 0);
	holders(what, &o);
	doc_state("the clsact qdisc (and its filter) deleted", "prog ID", &o, s, 9);
	assert_int_equal(o.n, 3);
	expect_survives(&o, "yes\tlink ");

	/* the link's pin goes (its fd stays here): only the array keeps it */
	assert_int_equal(rawbpf_bpffs_unpin(lpin), 0);
	holders(what, &o);
	doc_state("the link's pin removed, its fd kept", "prog ID", &o, s, 9);
	assert_int_equal(o.n, 3);
	expect_survives(&o, "yes\tprog_array ");

	/* the array's pin goes: the kernel empties it (asynchronously) */
	assert_int_equal(rawbpf_bpffs_unpin(apin), 0);
	{
		int tries;

		for (tries = 0; tries < 40; tries++) {
			holders(what, &o);
			if (o.n == 2)
				break;
			usleep(50000);
		}
	}
	doc_state("the PROG_ARRAY's pin removed", "prog ID", &o, s, 9);
	assert_int_equal(o.n, 2);
	snprintf(want, sizeof(want), "prog_array\t%u\t1", arr_id);
	assert_int_equal(count_line(&o, want), 0);
	expect_survives(&o, "no\t");

	/* the link's fd goes: only the other process's fd is left */
	rawbpf_attachment_destroy(tcx);
	tcx = NULL;
	assert_int_equal(rb_wait_id_gone(rb_link_id_exists, link_id, 3000), 0);
	holders(what, &o);
	doc_state("the link's fd closed", "prog ID", &o, s, 9);
	assert_int_equal(o.n, 1);
	assert_int_equal(strncmp(o.line[0], "fd\t", 3), 0);
	expect_survives(&o, "no\t");

	/* the process exits: the program goes */
	rb_child_exit(child);
	assert_int_equal(rb_wait_id_gone(rb_prog_id_exists, id, 3000), 0);
	{
		char out[256], args[64];

		snprintf(args, sizeof(args), "holders %s 2>/dev/null", what);
		assert_int_equal(rb_cli(args, out, sizeof(out)), 1);
	}
}

/* The hooks that need their own program type: XDP over netlink in this
 * netns, an older cgroup PROG_ATTACH, a tracepoint perf event. */
static void test_xdp_cgroup_perf_event(void **state)
{
	struct rawbpf_attachment *xdp = NULL;
	struct perf_event_attr a;
	struct subst s[4];
	char what[32], want[512], nsl[64];
	struct hout o;
	uint32_t xid, cid, tid;
	int x, c, t, pfd;
	ssize_t n;

	(void)state;
	n = readlink("/proc/self/ns/net", nsl, sizeof(nsl) - 1);
	assert_true(n > 5);
	nsl[n] = '\0';
	memset(s, 0, sizeof(s));
	snprintf(s[0].from, sizeof(s[0].from), "%s", nsl);
	s[0].to = "net:[NETNS]";
	snprintf(s[1].from, sizeof(s[1].from), "%s", rb_env.cg);
	s[1].to = "/sys/fs/cgroup/TEST";
	snprintf(s[2].from, sizeof(s[2].from), "perf_event\t%d\t", getpid());
	s[2].to = "perf_event\tPID\t";

	/* XDP via netlink: the netdev holds it */
	x = rb_load_ret(BPF_PROG_TYPE_XDP, 0, XDP_PASS);
	assert_true(x >= 0);
	xid = rb_obj_id(x);
	{
		RAWBPF_OPTS(rawbpf_attach_xdp_opts, o2, .mode = RAWBPF_ATTACH_MODE_LEGACY,
			    .flags = RAWBPF_XDP_SKB_MODE);

		assert_int_equal(rawbpf_attach_xdp(x, rb_env.ns.ifindex_b, &o2, &xdp), 0);
		/* the handle keeps a program fd: let the netdev hold it alone */
		rawbpf_attachment_disown(xdp);
		rawbpf_attachment_destroy(xdp);
	}
	close(x);
	snprintf(what, sizeof(what), "prog %u", xid);
	holders(what, &o);
	doc_state("XDP over netlink", "prog ID", &o, s, 4);
	assert_int_equal(o.n, 1);
	snprintf(want, sizeof(want), "xdp\t%s\trbvb\tskb", nsl);
	assert_int_equal(count_line(&o, want), 1);
	expect_survives(&o, "yes\txdp ");
	assert_int_equal(rawbpf_xdp_set(rb_env.ns.ifindex_b, -1, RAWBPF_XDP_SKB_MODE,
				       0, NULL, 0), 0);
	assert_int_equal(rb_wait_id_gone(rb_prog_id_exists, xid, 3000), 0);

	/* an older cgroup attach: the cgroup holds it */
	c = rb_load_ret(BPF_PROG_TYPE_CGROUP_SKB, 0, 1);
	assert_true(c >= 0);
	cid = rb_obj_id(c);
	assert_int_equal(rawbpf_sys_prog_attach(c, rb_env.cg_fd,
						BPF_CGROUP_INET_INGRESS, NULL), 0);
	close(c);
	snprintf(what, sizeof(what), "prog %u", cid);
	holders(what, &o);
	doc_state("cgroup PROG_ATTACH", "prog ID", &o, s, 4);
	assert_int_equal(o.n, 1);
	snprintf(want, sizeof(want), "cgroup\t%s\tcgroup_inet_ingress\tnone", rb_env.cg);
	assert_int_equal(count_line(&o, want), 1);
	expect_survives(&o, "yes\tcgroup ");
	assert_int_equal(rawbpf_sys_prog_detach(rb_env.cg_fd, BPF_CGROUP_INET_INGRESS,
						NULL), 0);
	assert_int_equal(rb_wait_id_gone(rb_prog_id_exists, cid, 3000), 0);

	/* a pinned cgroup link: listed once, as the link, never also as a
	 * PROG_ATTACH of the cgroup (PROG_QUERY lists the link's program with
	 * the attached ones: 6.1 has no link ids there, 6.18 leaves them 0) */
	{
		char lpin[256];
		int l;

		c = rb_load_ret(BPF_PROG_TYPE_CGROUP_SKB, 0, 1);
		assert_true(c >= 0);
		cid = rb_obj_id(c);
		l = rawbpf_sys_link_create(c, rb_env.cg_fd, BPF_CGROUP_INET_INGRESS, NULL);
		assert_true(l >= 0);
		rb_pin_path(lpin, sizeof(lpin), "cglink");
		assert_int_equal(rawbpf_bpffs_pin(l, lpin), 0);
		snprintf(want, sizeof(want), "link\t%u\tcgroup\tcgroup_id=%llu cgroup_inet_ingress",
			 rb_obj_id(l), (unsigned long long)rb_cgroup_id(rb_env.cg_fd));
		close(l);
		close(c);
		snprintf(what, sizeof(what), "prog %u", cid);
		holders(what, &o);
		assert_int_equal(count_line(&o, want), 1);
		assert_int_equal(o.n, 1);
		assert_int_equal(rawbpf_bpffs_unpin(lpin), 0);
		assert_int_equal(rb_wait_id_gone(rb_prog_id_exists, cid, 3000), 0);
	}

	/* a tracepoint perf event: its fd holds it, and dies with us */
	rb_tracefs();
	t = rb_load_ret(BPF_PROG_TYPE_TRACEPOINT, 0, 0);
	assert_true(t >= 0);
	tid = rb_obj_id(t);
	memset(&a, 0, sizeof(a));
	a.size = sizeof(a);
	a.type = PERF_TYPE_TRACEPOINT;
	a.sample_period = 1;
	a.config = (uint64_t)rb_tracepoint_id("syscalls", "sys_enter_getppid");
	pfd = rawbpf_sys_perf_event_open(&a, -1, 0, -1, 0);
	assert_true(pfd >= 0);
	assert_int_equal(ioctl(pfd, PERF_EVENT_IOC_SET_BPF, t), 0);
	close(t);
	snprintf(s[3].from, sizeof(s[3].from), "\tPID\t%d\t", pfd);
	s[3].to = "\tPID\tFD\t";
	snprintf(what, sizeof(what), "prog %u", tid);
	holders(what, &o);
	doc_state("tracepoint perf event", "prog ID", &o, s, 4);
	assert_int_equal(o.n, 1);
	snprintf(want, sizeof(want), "perf_event\t%d\t%d\ttracepoint\tsys_enter_getppid",
		 getpid(), pfd);
	assert_int_equal(count_line(&o, want), 1);
	expect_survives(&o, "no\t");
	close(pfd);
	assert_int_equal(rb_wait_id_gone(rb_prog_id_exists, tid, 3000), 0);
}

/* A map that only a program uses lives as long as the program. */
static void test_map_held_by_program(void **state)
{
	char what[32], pin[256], want[128];
	struct subst s[3];
	struct hout o;
	uint32_t pid_, mid;
	int map, prog;

	(void)state;
	map = rb_counter_map("rb_used");
	assert_true(map >= 0);
	prog = rb_load_counter(BPF_PROG_TYPE_SOCKET_FILTER, 0, map, 0);
	assert_true(prog >= 0);
	mid = rb_obj_id(map);
	pid_ = rb_obj_id(prog);
	rb_pin_path(pin, sizeof(pin), "prog");
	assert_int_equal(rawbpf_bpffs_pin(prog, pin), 0);
	close(prog);
	close(map);
	memset(s, 0, sizeof(s));
	snprintf(s[0].from, sizeof(s[0].from), "%s", rb_env.dir);
	s[0].to = "/sys/fs/bpf/DIR";
	snprintf(s[1].from, sizeof(s[1].from), "prog\t%u\t", pid_);
	s[1].to = "prog\tPROG_ID\t";
	snprintf(s[2].from, sizeof(s[2].from), "prog %u ", pid_);
	s[2].to = "prog PROG_ID ";
	snprintf(what, sizeof(what), "map %u", mid);
	holders(what, &o);
	doc_state("a map used by a pinned program", "map ID", &o, s, 3);
	assert_int_equal(o.n, 1);
	snprintf(want, sizeof(want), "prog\t%u\t", pid_);
	assert_int_equal(strncmp(o.line[0], want, strlen(want)), 0);
	expect_survives(&o, "yes\tprog ");
	assert_int_equal(rawbpf_bpffs_unpin(pin), 0);
	assert_int_equal(rb_wait_id_gone(rb_prog_id_exists, pid_, 3000), 0);
	assert_int_equal(rb_wait_id_gone(rb_map_id_exists, mid, 3000), 0);
}

/* A map held through an ARRAY_OF_MAPS slot; tcx PROG_ATTACH; a
 * flow_dissector PROG_ATTACH on the netns; an sk_lookup netns link, which
 * the netns query also reports but which is listed once, as the link. */
static void test_more_kinds(void **state)
{
	RAWBPF_OPTS(rawbpf_sys_map_create_opts, mo);
	struct rawbpf_attachment *sk = NULL;
	char what[32], want[512], nsl[64], apin[256];
	struct hout o;
	struct subst s[4];
	uint32_t key = 0, inner_id, outer_id, id;
	int inner, outer, prog, nsfd;
	ssize_t n;

	(void)state;
	n = readlink("/proc/self/ns/net", nsl, sizeof(nsl) - 1);
	assert_true(n > 5);
	nsl[n] = '\0';
	memset(s, 0, sizeof(s));
	snprintf(s[0].from, sizeof(s[0].from), "%s", nsl);
	s[0].to = "net:[NETNS]";
	snprintf(s[1].from, sizeof(s[1].from), "%s", rb_env.dir);
	s[1].to = "/sys/fs/bpf/DIR";

	/* map_in_map: the inner map's own fd closed, the outer pinned */
	inner = rb_counter_map("rb_inner");
	assert_true(inner >= 0);
	mo.inner_map_fd = (uint32_t)inner;
	outer = rawbpf_sys_map_create(BPF_MAP_TYPE_ARRAY_OF_MAPS, "rb_outer", 4, 4, 1, &mo);
	assert_true(outer >= 0);
	assert_int_equal(rawbpf_sys_map_update_elem(outer, &key, &inner, 0), 0);
	inner_id = rb_obj_id(inner);
	outer_id = rb_obj_id(outer);
	rb_pin_path(apin, sizeof(apin), "outer");
	assert_int_equal(rawbpf_bpffs_pin(outer, apin), 0);
	close(outer);
	close(inner);
	snprintf(what, sizeof(what), "map %u", inner_id);
	holders(what, &o);
	snprintf(s[2].from, sizeof(s[2].from), "map_in_map\t%u\t", outer_id);
	s[2].to = "map_in_map\tMAP_ID\t";
	snprintf(s[3].from, sizeof(s[3].from), "map_in_map %u ", outer_id);
	s[3].to = "map_in_map MAP_ID ";
	doc_state("a map in a pinned ARRAY_OF_MAPS", "map ID", &o, s, 4);
	assert_int_equal(o.n, 1);
	snprintf(want, sizeof(want), "map_in_map\t%u\t0", outer_id);
	assert_string_equal(o.line[0], want);
	expect_survives(&o, "yes\tmap_in_map ");
	assert_int_equal(rawbpf_bpffs_unpin(apin), 0);
	assert_int_equal(rb_wait_id_gone(rb_map_id_listed, inner_id, 3000), 0);

	/* tcx PROG_ATTACH: the device holds it */
	prog = rb_load_ret(BPF_PROG_TYPE_SCHED_CLS, RAWBPF_TCX_INGRESS, 0);
	assert_true(prog >= 0);
	id = rb_obj_id(prog);
	if (rawbpf_sys_prog_attach(prog, rb_env.ns.ifindex_a, RAWBPF_TCX_INGRESS, NULL))
		rb_skip_feature("tcx PROG_ATTACH (6.6)");
	snprintf(what, sizeof(what), "prog %u", id);
	close(prog);
	holders(what, &o);
	doc_state("tcx PROG_ATTACH", "prog ID", &o, s, 2);
	assert_int_equal(o.n, 1);
	snprintf(want, sizeof(want), "tcx\t%s\trbva\tingress", nsl);
	assert_string_equal(o.line[0], want);
	expect_survives(&o, "yes\ttcx ");
	{
		RAWBPF_OPTS(rawbpf_sys_prog_attach_opts, d);

		d.prog_fd = rawbpf_sys_prog_get_fd_by_id(id);
		assert_true(d.prog_fd >= 0);
		assert_int_equal(rawbpf_sys_prog_detach(rb_env.ns.ifindex_a,
							RAWBPF_TCX_INGRESS, &d), 0);
		close(d.prog_fd);
	}
	assert_int_equal(rb_wait_id_gone(rb_prog_id_exists, id, 3000), 0);

	/* flow_dissector PROG_ATTACH: the netns holds it */
	prog = rb_load_ret(BPF_PROG_TYPE_FLOW_DISSECTOR, BPF_FLOW_DISSECTOR, 0);
	assert_true(prog >= 0);
	id = rb_obj_id(prog);
	assert_int_equal(rawbpf_sys_prog_attach(prog, 0, BPF_FLOW_DISSECTOR, NULL), 0);
	close(prog);
	snprintf(what, sizeof(what), "prog %u", id);
	holders(what, &o);
	assert_int_equal(o.n, 1);
	snprintf(want, sizeof(want), "flow_dissector\t%s", nsl);
	assert_string_equal(o.line[0], want);
	expect_survives(&o, "yes\tflow_dissector ");
	{
		RAWBPF_OPTS(rawbpf_sys_prog_attach_opts, d);

		d.prog_fd = rawbpf_sys_prog_get_fd_by_id(id);	/* detach names it */
		assert_true(d.prog_fd >= 0);
		assert_int_equal(rawbpf_sys_prog_detach(0, BPF_FLOW_DISSECTOR, &d), 0);
		close(d.prog_fd);
	}
	assert_int_equal(rb_wait_id_gone(rb_prog_id_exists, id, 3000), 0);

	/* a verdict program attached to a pinned sockmap (PROG_ATTACH) */
	{
		int sm = rawbpf_sys_map_create(BPF_MAP_TYPE_SOCKMAP, "rb_sm", 4, 4, 1, NULL);
		uint32_t sm_id;

		assert_true(sm >= 0);
		sm_id = rb_obj_id(sm);
		prog = rb_load_ret(BPF_PROG_TYPE_SK_SKB, BPF_SK_SKB_STREAM_VERDICT, 1);
		assert_true(prog >= 0);
		id = rb_obj_id(prog);
		assert_int_equal(rawbpf_sys_prog_attach(prog, sm, BPF_SK_SKB_STREAM_VERDICT,
							NULL), 0);
		close(prog);
		rb_pin_path(apin, sizeof(apin), "sockmap");
		assert_int_equal(rawbpf_bpffs_pin(sm, apin), 0);
		close(sm);
		snprintf(what, sizeof(what), "prog %u", id);
		holders(what, &o);
		assert_int_equal(o.n, 1);
		snprintf(want, sizeof(want), "sockmap\t%u\tsk_skb_stream_verdict", sm_id);
		assert_string_equal(o.line[0], want);
		expect_survives(&o, "yes\tsockmap ");
		/* unpinned, the map (and with it the attachment) goes */
		assert_int_equal(rawbpf_bpffs_unpin(apin), 0);
		assert_int_equal(rb_wait_id_gone(rb_prog_id_exists, id, 3000), 0);
	}

	/* sk_lookup link: once, as the link (held by an fd here) */
	prog = rb_load_ret(BPF_PROG_TYPE_SK_LOOKUP, BPF_SK_LOOKUP, 1);
	assert_true(prog >= 0);
	id = rb_obj_id(prog);
	nsfd = rb_netns_fd();
	assert_true(nsfd >= 0);
	assert_int_equal(rawbpf_attach_netns(prog, nsfd, BPF_SK_LOOKUP, NULL, &sk), 0);
	close(nsfd);
	close(prog);
	snprintf(what, sizeof(what), "prog %u", id);
	holders(what, &o);
	assert_int_equal(o.n, 1);
	snprintf(want, sizeof(want), "link\t%u\tnetns\t%s sk_lookup",
		 rb_obj_id(rawbpf_attachment_fd(sk)), nsl);
	assert_string_equal(o.line[0], want);
	expect_survives(&o, "no\t");
	rawbpf_attachment_destroy(sk);
	assert_int_equal(rb_wait_id_gone(rb_prog_id_exists, id, 3000), 0);
}

/* Bad input: an id that does not exist, an unknown object word, a path
 * that is no pin. Each is an error with a message, exit code 1 or 2. */
static void test_bad_input(void **state)
{
	char out[256];

	(void)state;
	assert_int_equal(rb_cli("holders prog 4294967295 2>/dev/null", out, sizeof(out)), 1);
	assert_string_equal(out, "");
	assert_int_equal(rb_cli("holders btf 1 2>/dev/null", out, sizeof(out)), 2);
	assert_int_equal(rb_cli("holders /proc/self/status 2>/dev/null", out, sizeof(out)), 1);
	assert_int_equal(rb_cli("holders 2>/dev/null", out, sizeof(out)), 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_tc_prog_held_every_way, rb_setup_net, rb_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_xdp_cgroup_perf_event, rb_setup_net, rb_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_map_held_by_program, rb_setup_pins, rb_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_more_kinds, rb_setup_net, rb_fixture_teardown),
		cmocka_unit_test(test_bad_input),
	};

	int rc;

	doc = fopen(RAWBPF_BUILD_DIR "/holders-doc.txt", "w");
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	if (doc)
		fclose(doc);
	return rc;
}
