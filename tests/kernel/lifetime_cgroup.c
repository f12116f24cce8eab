// SPDX-License-Identifier: BSD-2-Clause
/*
 * lifetime_cgroup.c - lifetime row "cgroup PROG_ATTACH": the cgroup holds
 * the program. It survives the loader's exit and keeps firing; it goes
 * when it is detached, replaced, or when the cgroup is removed. Also the
 * attach flags: none (exclusive: replaces, blocks descendants),
 * BPF_F_ALLOW_OVERRIDE, BPF_F_ALLOW_MULTI and BPF_F_REPLACE.
 * Hook: cgroup/sock_create with a counter, fired by a process in the
 * cgroup opening a socket.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "child.h"
#include "env.h"
#include "fixture.h"
#include "progs.h"
#include "rawbpf/sys.h"

#define TYPE BPF_PROG_TYPE_CGROUP_SOCK
#define HOOK BPF_CGROUP_INET_SOCK_CREATE

/* child: counter map + counting program attached to the cgroup with no
 * flags; val = { prog id, map id }. */
static int attach_counter(void *arg, struct rb_child_report *r)
{
	int map = RB_CHILD_TRY(r, rb_counter_map("rb_cg"));
	int prog = RB_CHILD_TRY(r, rb_load_counter(TYPE, HOOK, map, 1));

	(void)arg;
	RB_CHILD_TRY(r, rawbpf_sys_prog_attach(prog, rb_env.cg_fd, HOOK, NULL));
	r->val[0] = rb_obj_id(prog);
	r->val[1] = rb_obj_id(map);
	return 0;
}

/* the programs attached at @fd (or effective with @effective) */
static int query(int fd, uint32_t *ids, uint32_t room, int effective)
{
	RAWBPF_OPTS(rawbpf_sys_prog_query_opts, q, .prog_ids = ids, .count = room,
		    .query_flags = effective ? BPF_F_QUERY_EFFECTIVE : 0);
	int err = rawbpf_sys_prog_query(fd, HOOK, &q);

	return err ? err : (int)q.count;
}

/* run the child; return the parent's fd of the counter map */
static int child_attaches(struct rb_child_report *r)
{
	struct rb_child *c = rb_child_start(attach_counter, NULL, r);
	uint32_t ids[4];
	int map;

	assert_non_null(c);
	assert_int_equal(r->err, 0);
	assert_int_equal(rb_child_exit(c), 0);
	assert_int_equal(rb_id_stays(rb_prog_id_exists, r->val[0], 200), 1);
	assert_int_equal(query(rb_env.cg_fd, ids, 4, 0), 1);
	assert_int_equal(ids[0], r->val[0]);
	/* still firing after its loader exited */
	map = rb_map_fd_by_id(r->val[1]);
	assert_true(map > 2);
	assert_int_equal(rb_counter_read(map), 0);
	assert_int_equal(rb_cgroup_socket(rb_env.cg), 0);
	assert_int_equal(rb_counter_read(map), 1);
	return map;
}

static void test_cgroup_attach_survives_until_detach(void **state)
{
	struct rb_child_report r;
	uint32_t ids[4];
	int map;

	(void)state;
	map = child_attaches(&r);
	assert_int_equal(rawbpf_sys_prog_detach(rb_env.cg_fd, HOOK, NULL), 0);
	assert_int_equal(rb_wait_id_gone(rb_prog_id_exists, r.val[0], 2000), 0);
	assert_int_equal(query(rb_env.cg_fd, ids, 4, 0), 0);
	/* nothing fires any more; our map fd kept the map alone */
	assert_int_equal(rb_cgroup_socket(rb_env.cg), 0);
	assert_int_equal(rb_counter_read(map), 1);
	close(map);
	assert_int_equal(rb_wait_id_gone(rb_map_id_exists, r.val[1], 2000), 0);
}

static void test_cgroup_removed_frees_prog(void **state)
{
	struct rb_child_report r;
	int map;

	(void)state;
	map = child_attaches(&r);
	close(map);
	assert_int_equal(rmdir(rb_env.cg), 0);
	/* the cgroup's programs are released from a work item once the
	 * cgroup is really gone */
	assert_int_equal(rb_wait_id_gone(rb_prog_id_exists, r.val[0], 5000), 0);
	assert_int_equal(rb_wait_id_gone(rb_map_id_exists, r.val[1], 2000), 0);
}

/* a sub-cgroup "sub" of the test cgroup, removed at teardown first */
static char sub[300];

static void rm_sub(void *arg)
{
	(void)arg;
	rmdir(sub);
}

static int make_sub(void)
{
	int fd;

	snprintf(sub, sizeof(sub), "%s/sub", rb_env.cg);
	assert_int_equal(mkdir(sub, 0755), 0);
	rb_fixture_add_cleanup(rm_sub, NULL);
	fd = open(sub, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	assert_true(fd > 2);
	return fd;
}

struct counted {
	int map, prog;
	uint32_t id;
};

static void counted_new(struct counted *p)
{
	p->map = rb_counter_map("rb_cgc");
	assert_true(p->map > 2);
	p->prog = rb_load_counter(TYPE, HOOK, p->map, 1);
	assert_true(p->prog > 2);
	p->id = rb_obj_id(p->prog);
}

static void counted_new2(struct counted *a, struct counted *b)
{
	counted_new(a);
	counted_new(b);
}

static void counted_free(struct counted *p)
{
	close(p->prog);
	close(p->map);
}

static int attach(struct counted *p, int fd, uint32_t flags, int replace_fd)
{
	RAWBPF_OPTS(rawbpf_sys_prog_attach_opts, o, .flags = flags,
		    .replace_prog_fd = replace_fd);

	return rawbpf_sys_prog_attach(p->prog, fd, HOOK, &o);
}

static void test_flags_none_replaces_and_is_exclusive(void **state)
{
	struct counted a, b;
	uint32_t ids[4];
	int sub_fd;

	(void)state;
	counted_new2(&a, &b);
	assert_int_equal(attach(&a, rb_env.cg_fd, 0, 0), 0);
	/* no flags again: B takes A's place (A is released by the cgroup) */
	assert_int_equal(attach(&b, rb_env.cg_fd, 0, 0), 0);
	assert_int_equal(query(rb_env.cg_fd, ids, 4, 0), 1);
	assert_int_equal(ids[0], b.id);
	/* a different flag on top of the exclusive one: refused */
	assert_int_equal(attach(&a, rb_env.cg_fd, BPF_F_ALLOW_MULTI, 0), -EPERM);
	assert_int_equal(attach(&a, rb_env.cg_fd, BPF_F_ALLOW_OVERRIDE, 0), -EPERM);
	/* exclusive: nothing may be attached below it */
	sub_fd = make_sub();
	assert_int_equal(attach(&a, sub_fd, 0, 0), -EPERM);
	assert_int_equal(attach(&a, sub_fd, BPF_F_ALLOW_MULTI, 0), -EPERM);
	/* A is held only by our fd now */
	counted_free(&a);
	assert_int_equal(rb_wait_id_gone(rb_prog_id_exists, a.id, 2000), 0);
	assert_int_equal(rawbpf_sys_prog_detach(rb_env.cg_fd, HOOK, NULL), 0);
	close(sub_fd);
	counted_free(&b);
}

static void test_flags_override(void **state)
{
	struct counted a, b;
	uint32_t ids[4];
	int sub_fd;

	(void)state;
	counted_new2(&a, &b);
	assert_int_equal(attach(&a, rb_env.cg_fd, BPF_F_ALLOW_OVERRIDE, 0), 0);
	sub_fd = make_sub();
	/* before the override, the parent's program is effective below */
	assert_int_equal(query(sub_fd, ids, 4, 1), 1);
	assert_int_equal(ids[0], a.id);
	assert_int_equal(attach(&b, sub_fd, 0, 0), 0);
	/* the descendant's own program replaces the inherited one */
	assert_int_equal(query(sub_fd, ids, 4, 1), 1);
	assert_int_equal(ids[0], b.id);
	assert_int_equal(rb_cgroup_socket(sub), 0);
	assert_int_equal(rb_counter_read(a.map), 0);
	assert_int_equal(rb_counter_read(b.map), 1);
	assert_int_equal(rawbpf_sys_prog_detach(sub_fd, HOOK, NULL), 0);
	assert_int_equal(rb_cgroup_socket(sub), 0);
	assert_int_equal(rb_counter_read(a.map), 1);
	assert_int_equal(rawbpf_sys_prog_detach(rb_env.cg_fd, HOOK, NULL), 0);
	close(sub_fd);
	counted_free(&a);
	counted_free(&b);
}

static void test_flags_multi_and_replace(void **state)
{
	RAWBPF_OPTS(rawbpf_sys_prog_attach_opts, det);
	struct counted a, b, c;
	uint32_t ids[4];
	int sub_fd;

	(void)state;
	counted_new2(&a, &b);
	counted_new(&c);
	assert_int_equal(attach(&a, rb_env.cg_fd, BPF_F_ALLOW_MULTI, 0), 0);
	/* the same program twice at one cgroup: refused (EINVAL) */
	assert_int_equal(attach(&a, rb_env.cg_fd, BPF_F_ALLOW_MULTI, 0), -EINVAL);
	sub_fd = make_sub();
	assert_int_equal(attach(&b, sub_fd, BPF_F_ALLOW_MULTI, 0), 0);
	/* both run: the cgroup's own program first, then the ancestor's */
	assert_int_equal(query(sub_fd, ids, 4, 1), 2);
	assert_int_equal(ids[0], b.id);
	assert_int_equal(ids[1], a.id);
	assert_int_equal(rb_cgroup_socket(sub), 0);
	assert_int_equal(rb_counter_read(a.map), 1);
	assert_int_equal(rb_counter_read(b.map), 1);
	/* REPLACE: swap A for C in place; only with MULTI */
	assert_int_equal(attach(&c, rb_env.cg_fd, BPF_F_REPLACE, a.prog), -EINVAL);
	assert_int_equal(attach(&c, rb_env.cg_fd, BPF_F_ALLOW_MULTI | BPF_F_REPLACE,
				b.prog), -ENOENT);
	assert_int_equal(attach(&c, rb_env.cg_fd, BPF_F_ALLOW_MULTI | BPF_F_REPLACE,
				a.prog), 0);
	assert_int_equal(query(rb_env.cg_fd, ids, 4, 0), 1);
	assert_int_equal(ids[0], c.id);
	assert_int_equal(rb_cgroup_socket(sub), 0);
	assert_int_equal(rb_counter_read(a.map), 1);
	assert_int_equal(rb_counter_read(c.map), 1);
	/* MULTI and OVERRIDE together: invalid */
	assert_int_equal(attach(&a, rb_env.cg_fd, BPF_F_ALLOW_MULTI |
				BPF_F_ALLOW_OVERRIDE, 0), -EINVAL);
	/* detaching a MULTI program names it */
	det.prog_fd = c.prog;
	assert_int_equal(rawbpf_sys_prog_detach(rb_env.cg_fd, HOOK, &det), 0);
	det.prog_fd = b.prog;
	assert_int_equal(rawbpf_sys_prog_detach(sub_fd, HOOK, &det), 0);
	assert_int_equal(query(sub_fd, ids, 4, 1), 0);
	close(sub_fd);
	counted_free(&a);
	counted_free(&b);
	counted_free(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_cgroup_attach_survives_until_detach, rb_setup_cgroup, rb_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_cgroup_removed_frees_prog, rb_setup_cgroup, rb_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_flags_none_replaces_and_is_exclusive, rb_setup_cgroup, rb_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_flags_override, rb_setup_cgroup, rb_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_flags_multi_and_replace, rb_setup_cgroup, rb_fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
