// SPDX-License-Identifier: BSD-2-Clause
/*
 * attach_auto_more.c - more of rawbpf_program_attach() than attach_auto.c
 * covers: the legacy mode of a tracepoint, uprobe/uretprobe on this binary
 * through /proc/self/exe, an uprobe.multi glob, cgroup/sock_create, XDP and
 * tcx on a veth, a socket filter; and the reasons given when a target is
 * missing. Each hook is shown to fire.
 */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <unistd.h>

#include "fixture.h"
#include "kernel_features.h"
#include "env.h"
#include "rawbpf/attach_auto.h"
#include "rawbpf/object.h"
#include "rawbpf/sys.h"

enum { TP, RAW_TP, UPROBE, URETPROBE, UMULTI, CGROUP, XDP, TCX, SOCKET, SLOTS };

static struct rawbpf_object *obj;
static int hits_fd;

/* Uprobe targets: exported (tests link with -rdynamic), never inlined. */
__attribute__((noinline, used)) int rb_auto_target(int x)
{
	__asm__ volatile("" : : : "memory");
	return x + 1;
}

__attribute__((noinline, used)) int rb_auto_multi_a(int x)
{
	__asm__ volatile("" : : : "memory");
	return x * 2;
}

__attribute__((noinline, used)) int rb_auto_multi_b(int x)
{
	__asm__ volatile("" : : : "memory");
	return x * 3;
}

static uint64_t hits(uint32_t slot)
{
	uint64_t v = 0;

	assert_int_equal(rawbpf_sys_map_lookup_elem(hits_fd, &slot, &v), 0);
	return v;
}

static int open_and_load(void)
{
	size_t size = 0;
	uint32_t *tgid;
	int err;

	err = rawbpf_object_open_file(RB_BPF_OBJ("attach_auto_more"), NULL, &obj);
	if (err)
		return err;
	tgid = rawbpf_object_global_data(obj, ".rodata", &size);
	if (!tgid || size < sizeof(*tgid))
		return -ENOENT;
	*tgid = (uint32_t)getpid();
	err = rawbpf_object_load(obj);
	if (err)
		return err;
	hits_fd = rawbpf_map_fd(rawbpf_object_find_map(obj, "hits"));
	return hits_fd < 0 ? hits_fd : 0;
}

static int setup(void **state)
{
	(void)state;
	rb_require_kernel();
	rb_tracefs();
	return open_and_load();
}

static int setup_cg(void **state)
{
	int err = rb_setup_cgroup(state);

	return err ? err : setup(state);
}

static int setup_net(void **state)
{
	int err = rb_setup_net(state);

	return err ? err : setup(state);
}

static int teardown(void **state)
{
	rawbpf_object_close(obj);
	obj = NULL;
	return rb_fixture_teardown(state);
}

static struct rawbpf_program *prog(const char *name)
{
	struct rawbpf_program *p = rawbpf_object_find_program(obj, name);

	assert_non_null(p);
	return p;
}

static void getppid_n(int n)
{
	for (int i = 0; i < n; i++)
		syscall(SYS_getppid);
}

static void check_tp(uint32_t mode, enum rawbpf_attach_kind kind)
{
	RAWBPF_OPTS(rawbpf_attach_section_opts, o, .mode = mode);
	struct rawbpf_attachment *at;
	uint64_t before = hits(TP);

	assert_int_equal(rawbpf_program_attach(prog("on_tp"), &o, &at), 0);
	assert_int_equal(rawbpf_attachment_kind(at), kind);
	getppid_n(5);
	assert_int_equal(hits(TP) - before, 5);
	rawbpf_attachment_destroy(at);
	getppid_n(5);
	assert_int_equal(hits(TP) - before, 5);	/* gone with the handle */
}

static void test_tracepoint_legacy(void **state)
{
	(void)state;
	check_tp(RAWBPF_ATTACH_MODE_LEGACY, RAWBPF_ATTACH_KIND_PERF_EVENT);
}

static void test_uprobes(void **state)
{
	struct rawbpf_attachment *in, *ret;
	int sum = 0;

	(void)state;
	rb_skip_uprobe_under_valgrind();
	assert_int_equal(rawbpf_program_attach(prog("on_uprobe"), NULL, &in), 0);
	assert_int_equal(rawbpf_program_attach(prog("on_uretprobe"), NULL, &ret), 0);
	for (int i = 0; i < 3; i++)
		sum += rb_auto_target(i);
	assert_int_equal(sum, 6);
	assert_int_equal(hits(UPROBE), 3);
	assert_int_equal(hits(URETPROBE), 3);
	rawbpf_attachment_destroy(in);
	rawbpf_attachment_destroy(ret);
	rb_auto_target(0);
	assert_int_equal(hits(UPROBE), 3);
}

static void test_uprobe_multi_glob(void **state)
{
	struct rawbpf_attachment *at;

	(void)state;
	rb_skip_uprobe_under_valgrind();
	rb_need(RB_FEAT_UPROBE_MULTI);
	assert_int_equal(rawbpf_program_attach(prog("on_umulti"), NULL, &at), 0);
	rb_auto_multi_a(1);
	rb_auto_multi_b(1);
	rb_auto_multi_b(2);
	rb_auto_target(1);		/* does not match the pattern */
	assert_int_equal(hits(UMULTI), 3);
	rawbpf_attachment_destroy(at);
}

static void test_cgroup_needs_target(void **state)
{
	char why[200];
	RAWBPF_OPTS(rawbpf_attach_section_opts, o, .err_msg = why,
		    .err_msg_size = sizeof(why));
	struct rawbpf_attachment *at = NULL;

	(void)state;
	assert_int_equal(rawbpf_program_attach(prog("on_sock_create"), &o, &at),
			 -EINVAL);
	assert_null(at);
	assert_non_null(strstr(why, "cgroup fd"));
	assert_int_equal(rawbpf_program_attach(prog("in_devmap"), &o, &at),
			 -EOPNOTSUPP);
	assert_non_null(strstr(why, "not attached by itself"));
}

static void test_cgroup(void **state)
{
	RAWBPF_OPTS(rawbpf_attach_section_opts, o, .cgroup_fd = rb_env.cg_fd);
	struct rawbpf_attachment *at;
	int status;
	pid_t pid;

	(void)state;
	assert_int_equal(rawbpf_program_attach(prog("on_sock_create"), &o, &at), 0);
	pid = fork();
	if (pid == 0) {
		if (rb_cgroup_enter(rb_env.cg))
			_exit(1);
		for (int i = 0; i < 4; i++)
			close(socket(AF_INET, SOCK_DGRAM, 0));
		_exit(0);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_int_equal(WEXITSTATUS(status), 0);
	assert_int_equal(hits(CGROUP), 4);
	rawbpf_attachment_destroy(at);
}

static void fire_frames(int n)
{
	for (int i = 0; i < n; i++)
		assert_int_equal(rb_send_frame(rb_env.ns.ifindex_a), 0);
}

static void test_xdp_and_tcx(void **state)
{
	RAWBPF_OPTS(rawbpf_attach_section_opts, o, .ifindex = rb_env.ns.ifindex_b);
	struct rawbpf_attachment *x, *t;

	(void)state;
	assert_int_equal(rawbpf_program_attach(prog("on_xdp"), &o, &x), 0);
	assert_int_equal(rawbpf_program_attach(prog("on_tcx"), &o, &t), 0);
	fire_frames(3);
	/* Frames go out of rbva and arrive at rbvb; a veth may also see
	 * its own traffic, so at least the three sent. */
	assert_true(hits(XDP) >= 3);
	assert_true(hits(TCX) >= 3);
	rawbpf_attachment_destroy(x);
	rawbpf_attachment_destroy(t);
}

static void test_socket_filter(void **state)
{
	struct sockaddr_in a = { .sin_family = AF_INET,
				 .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof(a);
	struct rawbpf_attachment *at;
	char buf[16];
	int rx = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	int tx = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);

	(void)state;
	assert_true(rx >= 0 && tx >= 0);
	assert_int_equal(bind(rx, (struct sockaddr *)&a, sizeof(a)), 0);
	assert_int_equal(getsockname(rx, (struct sockaddr *)&a, &len), 0);
	{
		RAWBPF_OPTS(rawbpf_attach_section_opts, o, .sock_fd = rx);

		assert_int_equal(rawbpf_program_attach(prog("on_socket"), &o, &at), 0);
	}
	for (int i = 0; i < 2; i++) {
		assert_int_equal(sendto(tx, "hi", 2, 0, (struct sockaddr *)&a,
					sizeof(a)), 2);
		assert_int_equal(recv(rx, buf, sizeof(buf), 0), 2);
	}
	assert_int_equal(hits(SOCKET), 2);
	rawbpf_attachment_destroy(at);
	close(rx);
	close(tx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_tracepoint_legacy, setup, teardown),
		cmocka_unit_test_setup_teardown(test_uprobes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_uprobe_multi_glob, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cgroup_needs_target, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cgroup, setup_cg, teardown),
		cmocka_unit_test_setup_teardown(test_xdp_and_tcx, setup_net, teardown),
		cmocka_unit_test_setup_teardown(test_socket_filter, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
