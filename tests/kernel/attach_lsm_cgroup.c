// SPDX-License-Identifier: BSD-2-Clause
/*
 * attach_lsm_cgroup.c - a BPF LSM program for one cgroup
 * (tests/bpf/lsm_cgroup.bpf.c, section lsm_cgroup/socket_create):
 * attached with a cgroup link (rawbpf_attach_cgroup, BPF_LSM_CGROUP, 6.0),
 * it refuses datagram unix sockets with EPERM to a process inside that
 * cgroup only; other sockets there, and every socket outside, are allowed;
 * after detach the cgroup's process gets its socket again. Through
 * BPF_PROG_ATTACH (LEGACY mode) the cgroup holds the program past its
 * object. Section
 * auto-attach needs a cgroup fd: refused by name without one, the same
 * hook with one. Runs where the
 * kernel has BPF LSM and trampolines (Debian's 6.1 VM); skips naming them
 * elsewhere.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fixture.h"
#include "kernel_features.h"
#include "rawbpf/attach_auto.h"
#include "rawbpf/attach_cgroup.h"
#include "rawbpf/object.h"
#include "rawbpf/sys.h"

struct counts {
	uint64_t refused, seen;
};

/* A child process (in cgroup @cg when given) opens a socket of @type
 * AF_UNIX: 0 when it got one, else its errno. */
static int child_socket(const char *cg, int type)
{
	int status, fd;
	pid_t pid = fork();

	assert_true(pid >= 0);
	if (!pid) {
		if (cg && rb_cgroup_enter(cg))
			_exit(255);
		fd = socket(AF_UNIX, type, 0);
		_exit(fd >= 0 ? 0 : errno);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_not_equal(WEXITSTATUS(status), 255);
	return WEXITSTATUS(status);
}

static struct rawbpf_object *load(int *prog_fd)
{
	struct rawbpf_object *obj;
	struct rawbpf_program *p;
	int err;

	rb_require_kernel();
	/* the hook is a kernel function, found in the kernel's BTF */
	rb_need(RB_FEAT_KERNEL_BTF);
	/* it runs through a trampoline on the LSM hook */
	rb_need(RB_FEAT_KERNEL_TRAMPOLINE);
	assert_int_equal(rawbpf_object_open_file(RB_BPF_OBJ("lsm_cgroup"), NULL, &obj), 0);
	err = rawbpf_object_load(obj);
	if (err == -EPERM || err == -EOPNOTSUPP || err == -524 /* ENOTSUPP */) {
		rawbpf_object_close(obj);
		rb_skip_feature("lsm_cgroup (BPF LSM and trampolines, 6.0) (PROG_LOAD: %d)",
				err);
	}
	if (err)
		fail_msg("load: %s", rawbpf_object_error(obj));
	p = rawbpf_object_find_program(obj, "rb_no_unix_dgram");
	assert_non_null(p);
	*prog_fd = rawbpf_program_fd(p);
	return obj;
}

static void test_lsm_cgroup_link(void **state)
{
	struct rawbpf_attachment *at = NULL;
	struct rawbpf_link_info info;
	struct rawbpf_object *obj;
	struct counts *c;
	char cg[256];
	size_t size;
	int prog, cgfd;

	(void)state;
	obj = load(&prog);
	c = rawbpf_object_global_data(obj, ".bss", &size);
	assert_non_null(c);
	assert_int_equal(size, sizeof(*c));
	cgfd = rb_cgroup_dir(cg, sizeof(cg));
	assert_true(cgfd >= 0);
	assert_int_equal(child_socket(cg, SOCK_DGRAM), 0);	/* not yet */
	assert_int_equal(rawbpf_attach_cgroup(prog, cgfd, BPF_LSM_CGROUP, NULL, &at), 0);
	assert_int_equal(rawbpf_attachment_kind(at), RAWBPF_ATTACH_KIND_LINK);
	memset(&info, 0, sizeof(info));
	assert_int_equal(rawbpf_attachment_info(at, &info), 0);
	assert_int_equal(info.type, BPF_LINK_TYPE_CGROUP);
	assert_int_equal(info.cgroup.attach_type, BPF_LSM_CGROUP);
	/* inside: datagram refused, stream allowed; outside: both allowed */
	assert_int_equal(child_socket(cg, SOCK_DGRAM), EPERM);
	assert_int_equal(child_socket(cg, SOCK_STREAM), 0);
	assert_int_equal(child_socket(NULL, SOCK_DGRAM), 0);
	assert_int_equal(c->refused, 1);
	assert_true(c->seen >= 2);
	/* detached: the cgroup's process gets its socket again */
	rawbpf_attachment_destroy(at);
	assert_int_equal(child_socket(cg, SOCK_DGRAM), 0);
	assert_int_equal(c->refused, 1);
	close(cgfd);
	rawbpf_object_close(obj);
}

/* The older way, BPF_PROG_ATTACH (6.0 too): the cgroup holds the program,
 * which then outlives our fd and object until detached. */
static void test_lsm_cgroup_prog_attach(void **state)
{
	RAWBPF_OPTS(rawbpf_attach_cgroup_opts, o, .mode = RAWBPF_ATTACH_MODE_LEGACY);
	struct rawbpf_attachment *at = NULL;
	struct rawbpf_object *obj;
	struct bpf_prog_info pi;
	uint32_t len = sizeof(pi);
	char cg[256];
	int prog, cgfd;

	(void)state;
	obj = load(&prog);
	memset(&pi, 0, sizeof(pi));
	assert_int_equal(rawbpf_sys_obj_get_info_by_fd(prog, &pi, &len), 0);
	cgfd = rb_cgroup_dir(cg, sizeof(cg));
	assert_true(cgfd >= 0);
	assert_int_equal(rawbpf_attach_cgroup(prog, cgfd, BPF_LSM_CGROUP, &o, &at), 0);
	assert_int_equal(rawbpf_attachment_kind(at), RAWBPF_ATTACH_KIND_PROG_ATTACH);
	rawbpf_object_close(obj);	/* the cgroup holds the program */
	assert_int_equal(child_socket(cg, SOCK_DGRAM), EPERM);
	assert_true(rb_prog_id_exists(pi.id));
	rawbpf_attachment_destroy(at);	/* PROG_DETACH */
	assert_int_equal(child_socket(cg, SOCK_DGRAM), 0);
	assert_int_equal(rb_wait_id_gone(rb_prog_id_exists, pi.id, 5000), 0);
	close(cgfd);
}

/* Section auto-attach: refused by name without a cgroup fd, and with one
 * the same hook for that cgroup only. */
static void test_lsm_cgroup_auto(void **state)
{
	struct rawbpf_attachment *at = NULL;
	struct rawbpf_program *p;
	struct rawbpf_object *obj;
	char why[256] = "", cg[256];
	RAWBPF_OPTS(rawbpf_attach_section_opts, o, .err_msg = why,
		    .err_msg_size = sizeof(why));
	int prog, cgfd;

	(void)state;
	obj = load(&prog);
	p = rawbpf_object_find_program(obj, "rb_no_unix_dgram");
	assert_int_equal(rawbpf_program_attach(p, &o, &at), -EINVAL);
	assert_null(at);
	assert_string_equal(why, "section lsm_cgroup/socket_create needs a cgroup fd in the attach options");
	cgfd = rb_cgroup_dir(cg, sizeof(cg));
	assert_true(cgfd >= 0);
	o.cgroup_fd = cgfd;
	assert_int_equal(rawbpf_program_attach(p, &o, &at), 0);
	assert_int_equal(child_socket(cg, SOCK_DGRAM), EPERM);
	assert_int_equal(child_socket(NULL, SOCK_DGRAM), 0);
	rawbpf_attachment_destroy(at);
	assert_int_equal(child_socket(cg, SOCK_DGRAM), 0);
	close(cgfd);
	rawbpf_object_close(obj);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lsm_cgroup_link),
		cmocka_unit_test(test_lsm_cgroup_prog_attach),
		cmocka_unit_test(test_lsm_cgroup_auto),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
