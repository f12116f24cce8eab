// SPDX-License-Identifier: BSD-2-Clause
/*
 * object_token.c - a BPF token at object level: a child in a user namespace
 * (no capability in the initial one) cannot load an object, and loads it
 * with the token of a bpffs delegated through rawbpf_bpffs_context /
 * _delegate / _mount_context, given as a token fd or as the path
 * of the mount's root (/proc/self/fd/N of the detached mount); a
 * path that is no delegated bpffs fails the load with the token's error.
 * Bad token options are refused at open.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fixture.h"
#include "kernel_features.h"
#include "rawbpf/object.h"
#include "rawbpf/pin.h"
#include "rawbpf/sys.h"
#include "userns.h"

enum { R_STEP, R_NO_TOKEN, R_TOKEN_FD, R_TOKEN_PATH, R_BAD_PATH, R_N };

/* Open map_settings and load it with @tok_fd or @tok_path; 0 when the
 * load worked and gave the program and the maps fds, else its error. */
static int load_with(int32_t tok_fd, const char *tok_path)
{
	RAWBPF_OPTS(rawbpf_object_open_opts, o, .bpf_token_fd = tok_fd,
		    .bpf_token_path = tok_path);
	struct rawbpf_object *obj = NULL;
	int err = rawbpf_object_open_file(RB_BPF_OBJ("map_settings"), &o, &obj);

	if (err)
		return err - 1000;	/* tell open from load */
	err = rawbpf_object_load(obj);
	if (!err && (rawbpf_program_fd(rawbpf_object_find_program(obj, "count")) < 3 ||
		     rawbpf_map_fd(rawbpf_object_find_map(obj, "outer")) < 3))
		err = -EBADMSG;
	rawbpf_object_close(obj);
	return err;
}

static void child(int sock)
{
	int r[R_N], fsfd, mnt, token, other;
	char path[64];
	char go;

	memset(r, 0, sizeof(r));
#define STEP(n, cond) do { if (!(cond)) { r[R_STEP] = (n); goto out; } } while (0)
	STEP(1, rb_userns_enter() == 0);
	fsfd = rawbpf_bpffs_context();
	STEP(2, fsfd > 2);
	STEP(3, rb_send_fd(sock, fsfd) == 0);
	STEP(4, read(sock, &go, 1) == 1 && go == 'y');
	mnt = rawbpf_bpffs_mount_context(fsfd);
	STEP(6, mnt > 2);
	/* a context mounts once */
	STEP(5, rawbpf_bpffs_mount_context(fsfd) == -EBUSY);
	/* a context whose superblock nobody created does not mount */
	other = rawbpf_bpffs_context();
	STEP(9, other > 2 && rawbpf_bpffs_mount_context(other) == -EINVAL);
	close(other);
	token = rawbpf_sys_token_create(mnt, 0);
	STEP(7, token > 2);
	r[R_NO_TOKEN] = load_with(0, NULL);
	r[R_TOKEN_FD] = load_with(token, NULL);
	/* the detached mount's root by path */
	snprintf(path, sizeof(path), "/proc/self/fd/%d", mnt);
	r[R_TOKEN_PATH] = load_with(0, path);
	r[R_BAD_PATH] = load_with(0, "/proc");
out:
	if (write(sock, r, sizeof(r)) != sizeof(r))
		_exit(2);
	_exit(0);
#undef STEP
}

static void test_object_token(void **state)
{
	int sock, fsfd, r[R_N];
	pid_t pid;

	(void)state;
	rb_skip_under_valgrind("valgrind 3.19 lacks fsopen/fsmount (syscalls 430, 432)");
	rb_require_kernel();
	rb_need(RB_FEAT_TOKEN);
	pid = rb_userns_fork(child, &sock);
	fsfd = rb_recv_fd(sock);
	if (fsfd >= 0) {
		RAWBPF_OPTS(rawbpf_bpffs_delegate_opts, bad, .maps = "no_such_map_type");
		RAWBPF_OPTS(rawbpf_bpffs_delegate_opts, d, .cmds = "any",
			    .maps = "any", .progs = "any", .attachs = "any");

		assert_int_equal(rawbpf_bpffs_delegate(-1, &d), -EBADF);
		assert_int_equal(rawbpf_bpffs_delegate(fsfd, &bad), -EINVAL);
		assert_int_equal(rawbpf_bpffs_delegate(fsfd, &d), 0);
		close(fsfd);
		assert_int_equal(write(sock, "y", 1), 1);
	}
	rb_userns_wait(pid, sock, r, sizeof(r));
	if (r[R_STEP])
		fail_msg("child failed at step %d", r[R_STEP]);
	assert_int_equal(r[R_NO_TOKEN], -EPERM);
	assert_int_equal(r[R_TOKEN_FD], 0);
	assert_int_equal(r[R_TOKEN_PATH], 0);
	assert_int_equal(r[R_BAD_PATH], -EINVAL);	/* not a bpffs */
}

static void test_token_options(void **state)
{
	RAWBPF_OPTS(rawbpf_object_open_opts, both, .bpf_token_fd = 5,
		    .bpf_token_path = "/sys/fs/bpf");
	RAWBPF_OPTS(rawbpf_object_open_opts, neg, .bpf_token_fd = -1);
	RAWBPF_OPTS(rawbpf_object_open_opts, nowhere,
		    .bpf_token_path = "/nonexistent-rawbpf");
	struct rawbpf_object *obj = NULL;

	(void)state;
	rb_require_kernel();
	assert_int_equal(rawbpf_object_open_file(RB_BPF_OBJ("map_settings"),
						 &both, &obj), -EINVAL);
	assert_int_equal(rawbpf_object_open_file(RB_BPF_OBJ("map_settings"),
						 &neg, &obj), -EINVAL);
	assert_null(obj);
	assert_int_equal(rawbpf_object_open_file(RB_BPF_OBJ("map_settings"),
						 &nowhere, &obj), 0);
	assert_int_equal(rawbpf_object_load(obj), -ENOENT);
	assert_non_null(strstr(rawbpf_object_error(obj), "token: cannot open bpffs"));
	rawbpf_object_close(obj);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_object_token, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_token_options, rb_fixture_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
