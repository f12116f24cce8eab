// SPDX-License-Identifier: BSD-2-Clause
/* attach_cgroup.c - cgroup hooks fire for a process placed in the test
 * cgroup: cgroup_skb egress counts its UDP datagrams (link and PROG_ATTACH),
 * MULTI runs two programs, OVERRIDE and REPLACE behave as documented,
 * sock_create denies socket(), sysctl sees a read; LINK_UPDATE and
 * LINK_DETACH; every cgroup attach type is accepted. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fixture.h"
#include "kernel_features.h"
#include "trace_progs.h"
#include "rawbpf/attach_cgroup.h"
#include "rawbpf/sys.h"

struct cg {
	char path[256];
	int fd;
	int map;
	int rx;			/* UDP receiver on 127.0.0.1 */
	uint16_t port;
};

static void cg_setup(struct cg *c)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	socklen_t len = sizeof(a);

	rb_require_kernel();
	c->fd = rb_cgroup_dir(c->path, sizeof(c->path));
	assert_true(c->fd >= 0);
	c->map = rb_tcount_map();
	assert_true(c->map > 2);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	c->rx = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	assert_true(c->rx >= 0);
	assert_int_equal(bind(c->rx, (struct sockaddr *)&a, sizeof(a)), 0);
	assert_int_equal(getsockname(c->rx, (struct sockaddr *)&a, &len), 0);
	c->port = a.sin_port;
}

static void cg_done(struct cg *c)
{
	close(c->rx);
	close(c->map);
}

static int skb_prog(struct cg *c, uint32_t slot, uint32_t type, int ret)
{
	struct rb_tcount_prog p = {
		.prog_type = BPF_PROG_TYPE_CGROUP_SKB, .attach_type = type,
		.map_fd = c->map, .slot = slot, .retval = ret,
	};
	int fd = rb_tcount_load(&p);

	assert_true(fd > 2);
	return fd;
}

/* Run @fn(@arg) in a child placed in cgroup @path; its exit status. */
static int in_cgroup(const char *path, int (*fn)(void *), void *arg)
{
	int status;
	pid_t pid = fork();

	if (pid == 0)
		_exit(rb_cgroup_enter(path) ? 200 : fn(arg));
	assert_true(pid > 0);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_true(WEXITSTATUS(status) != 200);
	return WEXITSTATUS(status);
}

struct send_job {
	uint16_t port;
	int n;
};

static int send_udp(void *arg)
{
	struct send_job *j = arg;
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = j->port };
	int s, sent = 0;

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	s = socket(AF_INET, SOCK_DGRAM, 0);
	for (int i = 0; s >= 0 && i < j->n; i++)
		if (sendto(s, "x", 1, 0, (struct sockaddr *)&a, sizeof(a)) == 1)
			sent++;
	return sent;
}

/* A child in cgroup @path sends @n datagrams to the receiver; returns the
 * number it managed to send. */
static int send_from_cgroup(struct cg *c, const char *path, int n)
{
	struct send_job j = { .port = c->port, .n = n };

	return in_cgroup(path, send_udp, &j);
}

static int make_socket(void *arg)
{
	int s = socket(AF_INET, SOCK_DGRAM, 0);

	(void)arg;
	return s < 0 ? errno : 0;
}

static int read_sysctl(void *arg)
{
	char buf[64];
	int fd = open(arg, O_RDONLY);

	return fd >= 0 && read(fd, buf, sizeof(buf)) > 0 ? 0 : 1;
}

static void egress_counts(uint32_t mode, enum rawbpf_attach_kind kind)
{
	RAWBPF_OPTS(rawbpf_attach_cgroup_opts, o, .mode = mode);
	struct rawbpf_attachment *at = NULL;
	struct cg c;
	int prog;

	cg_setup(&c);
	prog = skb_prog(&c, 0, BPF_CGROUP_INET_EGRESS, 1);
	assert_int_equal(rawbpf_attach_cgroup(prog, c.fd, BPF_CGROUP_INET_EGRESS,
					      &o, &at), 0);
	assert_int_equal(rawbpf_attachment_kind(at), kind);
	assert_int_equal(send_from_cgroup(&c, c.path, 5), 5);
	assert_int_equal(rb_tcount_get(c.map, 0), 5);
	rawbpf_attachment_destroy(at);
	assert_int_equal(send_from_cgroup(&c, c.path, 3), 3);
	assert_int_equal(rb_tcount_get(c.map, 0), 5);
	close(prog);
	cg_done(&c);
}

static void test_egress_link(void **state)
{
	(void)state;
	egress_counts(RAWBPF_ATTACH_MODE_LINK, RAWBPF_ATTACH_KIND_LINK);
}

static void test_egress_legacy(void **state)
{
	(void)state;
	egress_counts(RAWBPF_ATTACH_MODE_LEGACY, RAWBPF_ATTACH_KIND_PROG_ATTACH);
}

static void test_egress_drop(void **state)
{
	struct rawbpf_attachment *at = NULL;
	struct cg c;
	int prog;

	(void)state;
	cg_setup(&c);
	prog = skb_prog(&c, 0, BPF_CGROUP_INET_EGRESS, 0);
	assert_int_equal(rawbpf_attach_cgroup(prog, c.fd, BPF_CGROUP_INET_EGRESS,
					      NULL, &at), 0);
	/* a 0 verdict on egress makes sendto() fail with EPERM */
	assert_int_equal(send_from_cgroup(&c, c.path, 4), 0);
	assert_int_equal(rb_tcount_get(c.map, 0), 4);
	rawbpf_attachment_destroy(at);
	close(prog);
	cg_done(&c);
}

static void test_multi_runs_two(void **state)
{
	RAWBPF_OPTS(rawbpf_attach_cgroup_opts, o, .flags = BPF_F_ALLOW_MULTI);
	struct rawbpf_attachment *a1 = NULL, *a2 = NULL;
	uint32_t ids[4] = { 0 }, aflags[4] = { 0 }, lids[4] = { 0 };
	/* link ids and revisions: 6.15 (asked for only where they exist) */
	int mprog = rb_have(RB_FEAT_CGROUP_MPROG);
	RAWBPF_OPTS(rawbpf_sys_prog_query_opts, q, .prog_ids = ids,
		    .prog_attach_flags = aflags, .link_ids = mprog ? lids : NULL,
		    .count = 4);
	uint64_t rev;
	struct bpf_prog_info info;
	uint32_t len = sizeof(info);
	struct cg c;
	int p1, p2;

	(void)state;
	cg_setup(&c);
	p1 = skb_prog(&c, 0, BPF_CGROUP_INET_EGRESS, 1);
	p2 = skb_prog(&c, 1, BPF_CGROUP_INET_EGRESS, 1);
	assert_int_equal(rawbpf_attach_cgroup(p1, c.fd, BPF_CGROUP_INET_EGRESS,
					      &o, &a1), 0);
	assert_int_equal(rawbpf_attach_cgroup(p2, c.fd, BPF_CGROUP_INET_EGRESS,
					      &o, &a2), 0);
	assert_int_equal(rawbpf_attachment_kind(a2), RAWBPF_ATTACH_KIND_PROG_ATTACH);
	assert_int_equal(send_from_cgroup(&c, c.path, 3), 3);
	assert_int_equal(rb_tcount_get(c.map, 0), 3);
	assert_int_equal(rb_tcount_get(c.map, 1), 3);
	assert_int_equal(rawbpf_sys_prog_query(c.fd, BPF_CGROUP_INET_EGRESS, &q), 0);
	assert_int_equal(q.count, 2);
	assert_int_equal(q.attach_flags, BPF_F_ALLOW_MULTI);
	assert_int_equal(aflags[0], BPF_F_ALLOW_MULTI);
	assert_int_equal(aflags[1], BPF_F_ALLOW_MULTI);
	assert_true(!mprog || q.revision > 0);
	rev = q.revision;
	memset(&info, 0, sizeof(info));
	assert_int_equal(rawbpf_sys_obj_get_info_by_fd(p2, &info, &len), 0);
	assert_int_equal(ids[1], info.id);
	/* destroying one handle detaches exactly that program */
	rawbpf_attachment_destroy(a1);
	q.count = 4;
	assert_int_equal(rawbpf_sys_prog_query(c.fd, BPF_CGROUP_INET_EGRESS, &q), 0);
	assert_int_equal(q.count, 1);
	assert_int_equal(ids[0], info.id);
	assert_true(!mprog || q.revision == rev + 1);
	assert_int_equal(send_from_cgroup(&c, c.path, 2), 2);
	assert_int_equal(rb_tcount_get(c.map, 0), 3);
	assert_int_equal(rb_tcount_get(c.map, 1), 5);
	rawbpf_attachment_destroy(a2);
	q.count = 4;
	assert_int_equal(rawbpf_sys_prog_query(c.fd, BPF_CGROUP_INET_EGRESS, &q), 0);
	assert_int_equal(q.count, 0);
	close(p1);
	close(p2);
	cg_done(&c);
	rb_need(RB_FEAT_CGROUP_MPROG);	/* the part above without it ran */
}

static void rmdir_cleanup(void *arg)
{
	rmdir(arg);
	free(arg);
}

static void test_override(void **state)
{
	RAWBPF_OPTS(rawbpf_attach_cgroup_opts, none, .mode = RAWBPF_ATTACH_MODE_LEGACY);
	RAWBPF_OPTS(rawbpf_attach_cgroup_opts, ovr, .flags = BPF_F_ALLOW_OVERRIDE);
	struct rawbpf_attachment *top = NULL, *sub = NULL;
	char subpath[300];
	struct cg c;
	int p1, p2, subfd;

	(void)state;
	cg_setup(&c);
	snprintf(subpath, sizeof(subpath), "%s/sub", c.path);
	assert_int_equal(mkdir(subpath, 0755), 0);
	rb_fixture_add_cleanup(rmdir_cleanup, strdup(subpath));
	subfd = open(subpath, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	assert_true(subfd >= 0);
	p1 = skb_prog(&c, 0, BPF_CGROUP_INET_EGRESS, 1);
	p2 = skb_prog(&c, 1, BPF_CGROUP_INET_EGRESS, 1);

	/* no flag: the parent's program may not be overridden below */
	assert_int_equal(rawbpf_attach_cgroup(p1, c.fd, BPF_CGROUP_INET_EGRESS,
					      &none, &top), 0);
	assert_int_equal(rawbpf_attach_cgroup(p2, subfd, BPF_CGROUP_INET_EGRESS,
					      &none, &sub), -EPERM);
	assert_int_equal(send_from_cgroup(&c, subpath, 2), 2);
	assert_int_equal(rb_tcount_get(c.map, 0), 2);
	rawbpf_attachment_destroy(top);

	/* OVERRIDE: the sub-cgroup's own program replaces the parent's */
	assert_int_equal(rawbpf_attach_cgroup(p1, c.fd, BPF_CGROUP_INET_EGRESS,
					      &ovr, &top), 0);
	assert_int_equal(rawbpf_attach_cgroup(p2, subfd, BPF_CGROUP_INET_EGRESS,
					      &ovr, &sub), 0);
	assert_int_equal(send_from_cgroup(&c, subpath, 3), 3);
	assert_int_equal(rb_tcount_get(c.map, 0), 2);
	assert_int_equal(rb_tcount_get(c.map, 1), 3);
	/* ... while the parent cgroup itself still runs the parent's */
	assert_int_equal(send_from_cgroup(&c, c.path, 1), 1);
	assert_int_equal(rb_tcount_get(c.map, 0), 3);
	rawbpf_attachment_destroy(sub);
	rawbpf_attachment_destroy(top);
	close(subfd);
	close(p1);
	close(p2);
	cg_done(&c);
}

static void test_replace(void **state)
{
	RAWBPF_OPTS(rawbpf_attach_cgroup_opts, o, .flags = BPF_F_ALLOW_MULTI);
	struct rawbpf_attachment *a1 = NULL, *a2 = NULL;
	struct cg c;
	int p1, p2, p3;

	(void)state;
	cg_setup(&c);
	p1 = skb_prog(&c, 0, BPF_CGROUP_INET_EGRESS, 1);
	p2 = skb_prog(&c, 1, BPF_CGROUP_INET_EGRESS, 1);
	p3 = skb_prog(&c, 2, BPF_CGROUP_INET_EGRESS, 1);
	assert_int_equal(rawbpf_attach_cgroup(p1, c.fd, BPF_CGROUP_INET_EGRESS,
					      &o, &a1), 0);
	/* REPLACE with a program that is not attached: ENOENT */
	o.flags = BPF_F_ALLOW_MULTI | BPF_F_REPLACE;
	o.replace_prog_fd = p3;
	assert_int_equal(rawbpf_attach_cgroup(p2, c.fd, BPF_CGROUP_INET_EGRESS,
					      &o, &a2), -ENOENT);
	/* REPLACE without MULTI: EINVAL */
	o.flags = BPF_F_REPLACE;
	o.replace_prog_fd = p1;
	assert_int_equal(rawbpf_attach_cgroup(p2, c.fd, BPF_CGROUP_INET_EGRESS,
					      &o, &a2), -EINVAL);
	/* REPLACE p1 by p2 in place */
	o.flags = BPF_F_ALLOW_MULTI | BPF_F_REPLACE;
	assert_int_equal(rawbpf_attach_cgroup(p2, c.fd, BPF_CGROUP_INET_EGRESS,
					      &o, &a2), 0);
	assert_int_equal(send_from_cgroup(&c, c.path, 2), 2);
	assert_int_equal(rb_tcount_get(c.map, 0), 0);
	assert_int_equal(rb_tcount_get(c.map, 1), 2);
	/* a1 no longer has anything attached */
	rawbpf_attachment_disown(a1);
	rawbpf_attachment_destroy(a1);
	/* update through the handle: BPF_F_REPLACE again, checked old fd */
	assert_int_equal(rawbpf_attachment_update(a2, p3, p1), -ENOENT);
	assert_int_equal(rawbpf_attachment_update(a2, p3, p2), 0);
	assert_int_equal(send_from_cgroup(&c, c.path, 2), 2);
	assert_int_equal(rb_tcount_get(c.map, 1), 2);
	assert_int_equal(rb_tcount_get(c.map, 2), 2);
	rawbpf_attachment_destroy(a2);	/* detaches p3 */
	assert_int_equal(send_from_cgroup(&c, c.path, 1), 1);
	assert_int_equal(rb_tcount_get(c.map, 2), 2);
	close(p1);
	close(p2);
	close(p3);
	cg_done(&c);
}

static void test_single_update(void **state)
{
	RAWBPF_OPTS(rawbpf_attach_cgroup_opts, o, .mode = RAWBPF_ATTACH_MODE_LEGACY);
	struct rawbpf_attachment *at = NULL;
	struct cg c;
	int p1, p2;

	(void)state;
	cg_setup(&c);
	p1 = skb_prog(&c, 0, BPF_CGROUP_INET_EGRESS, 1);
	p2 = skb_prog(&c, 1, BPF_CGROUP_INET_EGRESS, 1);
	assert_int_equal(rawbpf_attach_cgroup(p1, c.fd, BPF_CGROUP_INET_EGRESS,
					      &o, &at), 0);
	assert_int_equal(rawbpf_attachment_update(at, p2, p2), -ENOENT);
	assert_int_equal(rawbpf_attachment_update(at, p2, p1), 0);
	assert_int_equal(send_from_cgroup(&c, c.path, 2), 2);
	assert_int_equal(rb_tcount_get(c.map, 0), 0);
	assert_int_equal(rb_tcount_get(c.map, 1), 2);
	rawbpf_attachment_destroy(at);
	assert_int_equal(send_from_cgroup(&c, c.path, 1), 1);
	assert_int_equal(rb_tcount_get(c.map, 1), 2);
	close(p1);
	close(p2);
	cg_done(&c);
}

static void test_link_update_and_detach(void **state)
{
	RAWBPF_OPTS(rawbpf_attach_cgroup_opts, o, .mode = RAWBPF_ATTACH_MODE_LINK);
	struct rawbpf_attachment *at = NULL;
	struct rawbpf_link_info info;
	struct cg c;
	int p1, p2;

	(void)state;
	cg_setup(&c);
	p1 = skb_prog(&c, 0, BPF_CGROUP_INET_EGRESS, 1);
	p2 = skb_prog(&c, 1, BPF_CGROUP_INET_EGRESS, 1);
	assert_int_equal(rawbpf_attach_cgroup(p1, c.fd, BPF_CGROUP_INET_EGRESS,
					      &o, &at), 0);
	assert_int_equal(send_from_cgroup(&c, c.path, 2), 2);
	/* a wrong expected old program: EPERM from the kernel */
	assert_int_equal(rawbpf_attachment_update(at, p2, p2), -EPERM);
	assert_int_equal(rawbpf_attachment_update(at, p2, p1), 0);
	assert_int_equal(send_from_cgroup(&c, c.path, 3), 3);
	assert_int_equal(rb_tcount_get(c.map, 0), 2);
	assert_int_equal(rb_tcount_get(c.map, 1), 3);
	assert_int_equal(rawbpf_attachment_detach(at), 0);
	assert_int_equal(send_from_cgroup(&c, c.path, 3), 3);
	assert_int_equal(rb_tcount_get(c.map, 1), 3);
	/* the defunct link's fd still answers */
	memset(&info, 0, sizeof(info));
	assert_int_equal(rawbpf_attachment_info(at, &info), 0);
	assert_int_equal(info.type, BPF_LINK_TYPE_CGROUP);
	assert_true(info.id > 0);
	assert_int_equal(rawbpf_attachment_detach(at), -ENOENT);
	rawbpf_attachment_destroy(at);
	close(p1);
	close(p2);
	cg_done(&c);
}

/* cgroup mprog ordering (6.15): BEFORE a program, and a stale revision. */
static void test_link_order(void **state)
{
	RAWBPF_OPTS(rawbpf_attach_cgroup_opts, o, .mode = RAWBPF_ATTACH_MODE_LINK);
	uint32_t ids[4] = { 0 };
	RAWBPF_OPTS(rawbpf_sys_prog_query_opts, q, .prog_ids = ids, .count = 4,
		    .link_ids = ids + 2);
	struct rawbpf_attachment *a1 = NULL, *a2 = NULL;
	struct bpf_prog_info info;
	uint32_t len = sizeof(info);
	struct cg c;
	int p1, p2, err;

	(void)state;
	cg_setup(&c);
	rb_need(RB_FEAT_CGROUP_MPROG);
	p1 = skb_prog(&c, 0, BPF_CGROUP_INET_EGRESS, 1);
	p2 = skb_prog(&c, 1, BPF_CGROUP_INET_EGRESS, 1);
	assert_int_equal(rawbpf_attach_cgroup(p1, c.fd, BPF_CGROUP_INET_EGRESS,
					      &o, &a1), 0);
	q.count = 2;
	assert_int_equal(rawbpf_sys_prog_query(c.fd, BPF_CGROUP_INET_EGRESS, &q), 0);
	/* p1 came through a link: name that link (BPF_F_LINK) */
	o.flags = RAWBPF_F_BEFORE | RAWBPF_F_LINK;
	o.relative_fd = (uint32_t)rawbpf_attachment_fd(a1);
	o.expected_revision = q.revision + 5;
	err = rawbpf_attach_cgroup(p2, c.fd, BPF_CGROUP_INET_EGRESS, &o, &a2);
	assert_int_equal(err, -ESTALE);
	o.expected_revision = q.revision;
	/* naming the program of a link-attached entry is refused */
	o.flags = RAWBPF_F_BEFORE;
	o.relative_fd = (uint32_t)p1;
	assert_int_equal(rawbpf_attach_cgroup(p2, c.fd, BPF_CGROUP_INET_EGRESS,
					      &o, &a2), -EINVAL);
	o.flags = RAWBPF_F_BEFORE | RAWBPF_F_LINK;
	o.relative_fd = (uint32_t)rawbpf_attachment_fd(a1);
	assert_int_equal(rawbpf_attach_cgroup(p2, c.fd, BPF_CGROUP_INET_EGRESS,
					      &o, &a2), 0);
	q.count = 2;
	assert_int_equal(rawbpf_sys_prog_query(c.fd, BPF_CGROUP_INET_EGRESS, &q), 0);
	assert_int_equal(q.count, 2);
	memset(&info, 0, sizeof(info));
	assert_int_equal(rawbpf_sys_obj_get_info_by_fd(p2, &info, &len), 0);
	assert_int_equal(ids[0], info.id);	/* p2 runs first */
	/* both still run */
	assert_int_equal(send_from_cgroup(&c, c.path, 2), 2);
	assert_int_equal(rb_tcount_get(c.map, 0), 2);
	assert_int_equal(rb_tcount_get(c.map, 1), 2);
	rawbpf_attachment_destroy(a2);
	rawbpf_attachment_destroy(a1);
	close(p1);
	close(p2);
	cg_done(&c);
}

static void test_sock_create_denies(void **state)
{
	struct rb_tcount_prog p = { .prog_type = BPF_PROG_TYPE_CGROUP_SOCK,
				     .attach_type = BPF_CGROUP_INET_SOCK_CREATE,
				     .retval = 0 };
	struct rawbpf_attachment *at = NULL;
	int prog, status;
	struct cg c;

	(void)state;
	cg_setup(&c);
	p.map_fd = c.map;
	prog = rb_tcount_load(&p);
	assert_true(prog > 2);
	assert_int_equal(rawbpf_attach_cgroup(prog, c.fd,
			 BPF_CGROUP_INET_SOCK_CREATE, NULL, &at), 0);
	assert_int_equal(in_cgroup(c.path, make_socket, NULL), EPERM);
	assert_int_equal(rb_tcount_get(c.map, 0), 1);
	rawbpf_attachment_destroy(at);
	/* and outside the cgroup socket() was never affected */
	status = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	assert_true(status >= 0);
	close(status);
	close(prog);
	cg_done(&c);
}

static void test_sysctl_sees_read(void **state)
{
	struct rb_tcount_prog p = { .prog_type = BPF_PROG_TYPE_CGROUP_SYSCTL,
				     .attach_type = BPF_CGROUP_SYSCTL,
				     .retval = 1 };
	struct rawbpf_attachment *at = NULL;
	int prog;
	struct cg c;

	(void)state;
	cg_setup(&c);
	p.map_fd = c.map;
	prog = rb_tcount_load(&p);
	assert_true(prog > 2);
	assert_int_equal(rawbpf_attach_cgroup(prog, c.fd, BPF_CGROUP_SYSCTL,
					      NULL, &at), 0);
	assert_int_equal(in_cgroup(c.path, read_sysctl,
				   "/proc/sys/kernel/ostype"), 0);
	assert_int_equal(rb_tcount_get(c.map, 0), 1);
	rawbpf_attachment_destroy(at);
	close(prog);
	cg_done(&c);
}

static int ret1_prog(uint32_t prog_type, uint32_t attach_type)
{
	struct bpf_insn insns[] = {
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = 0, .imm = 1 },
		{ .code = BPF_JMP | BPF_EXIT },
	};
	RAWBPF_OPTS(rawbpf_sys_prog_load_opts, o, .expected_attach_type = attach_type);

	return rawbpf_sys_prog_load(prog_type, "rb_ret1", "GPL", insns, 2, &o);
}

/* Each type in each mode: attached (the query sees it), then gone. */
static void attach_each(struct cg *c, const uint32_t *types, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		for (uint32_t mode = RAWBPF_ATTACH_MODE_LINK; mode <= RAWBPF_ATTACH_MODE_LEGACY;
		     mode++) {
			RAWBPF_OPTS(rawbpf_attach_cgroup_opts, o, .mode = mode);
			RAWBPF_OPTS(rawbpf_sys_prog_query_opts, q);
			struct rawbpf_attachment *at = NULL;
			int pt = rawbpf_cgroup_prog_type(types[i]);
			int prog;

			assert_true(pt > 0);
			prog = ret1_prog((uint32_t)pt, types[i]);
			if (prog < 0)
				fail_msg("type %u: load %d", types[i], prog);
			if (rawbpf_attach_cgroup(prog, c->fd, types[i], &o, &at))
				fail_msg("attach type %u mode %u", types[i], mode);
			assert_int_equal(rawbpf_sys_prog_query(c->fd, types[i], &q), 0);
			assert_int_equal(q.count, 1);
			rawbpf_attachment_destroy(at);
			q.count = 0;
			assert_int_equal(rawbpf_sys_prog_query(c->fd, types[i], &q), 0);
			assert_int_equal(q.count, 0);
			close(prog);
		}
	}
}

static void test_every_attach_type(void **state)
{
	static const uint32_t types[] = {
		BPF_CGROUP_INET_INGRESS, BPF_CGROUP_INET_EGRESS,
		BPF_CGROUP_INET_SOCK_CREATE, BPF_CGROUP_INET_SOCK_RELEASE,
		BPF_CGROUP_INET4_POST_BIND, BPF_CGROUP_INET6_POST_BIND,
		BPF_CGROUP_SOCK_OPS, BPF_CGROUP_DEVICE, BPF_CGROUP_SYSCTL,
		BPF_CGROUP_GETSOCKOPT, BPF_CGROUP_SETSOCKOPT,
		BPF_CGROUP_INET4_BIND, BPF_CGROUP_INET6_BIND,
		BPF_CGROUP_INET4_CONNECT, BPF_CGROUP_INET6_CONNECT,
		BPF_CGROUP_UDP4_SENDMSG, BPF_CGROUP_UDP6_SENDMSG,
		BPF_CGROUP_UDP4_RECVMSG, BPF_CGROUP_UDP6_RECVMSG,
		BPF_CGROUP_INET4_GETPEERNAME, BPF_CGROUP_INET6_GETPEERNAME,
		BPF_CGROUP_INET4_GETSOCKNAME, BPF_CGROUP_INET6_GETSOCKNAME,
	};
	struct cg c;

	(void)state;
	cg_setup(&c);
	attach_each(&c, types, sizeof(types) / sizeof(types[0]));
	/* a program of the wrong type for the hook: the kernel's EINVAL */
	{
		struct rawbpf_attachment *at = NULL;
		int prog = ret1_prog(BPF_PROG_TYPE_CGROUP_SYSCTL, BPF_CGROUP_SYSCTL);

		assert_int_equal(rawbpf_attach_cgroup(prog, c.fd,
				 BPF_CGROUP_INET_EGRESS, NULL, &at), -EINVAL);
		/* not a cgroup attach type at all: refused before any syscall */
		assert_int_equal(rawbpf_attach_cgroup(prog, c.fd, BPF_XDP, NULL,
						      &at), -EINVAL);
		assert_null(at);
		close(prog);
	}
	cg_done(&c);
}

/* The unix socket address hooks (6.7). */
static void test_unix_attach_types(void **state)
{
	static const uint32_t types[] = {
		RAWBPF_CGROUP_UNIX_CONNECT, RAWBPF_CGROUP_UNIX_SENDMSG,
		RAWBPF_CGROUP_UNIX_RECVMSG, RAWBPF_CGROUP_UNIX_GETPEERNAME,
		RAWBPF_CGROUP_UNIX_GETSOCKNAME,
	};
	struct cg c;

	(void)state;
	cg_setup(&c);
	rb_need(RB_FEAT_CGROUP_UNIX);
	attach_each(&c, types, sizeof(types) / sizeof(types[0]));
	cg_done(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_egress_link, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_egress_legacy, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_egress_drop, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_multi_runs_two, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_override, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_replace, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_single_update, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_link_update_and_detach, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_link_order, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_sock_create_denies, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_sysctl_sees_read, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_every_attach_type, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_unix_attach_types, rb_fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
