// SPDX-License-Identifier: BSD-2-Clause
/*
 * sys_token.c - BPF_TOKEN_CREATE. The full path: a child in a new user and
 * mount namespace opens a bpffs context (fsopen), the privileged parent
 * sets the delegate_* options and creates the superblock, the child mounts
 * it (fsmount, detached) and creates a token from it; with the token the
 * child, which has no capability in the initial namespace, creates a map,
 * loads BTF and a program that it cannot without. From the initial
 * namespace the kernel refuses tokens: -EOPNOTSUPP on a bpffs root,
 * -EINVAL on a non-root bpffs directory or another filesystem, -EBADF.
 * Nothing is mounted in the test's namespace; the child's mount vanishes
 * with it.
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "btf_blob.h"
#include "fixture.h"
#include "kernel_features.h"
#include "rawbpf/sys.h"
#include "userns.h"
#include "vmlinux_btf.h"
#include "btf/btf.h"

/* Results the child reports, one int each. */
enum { R_STEP, R_MAP_NO_TOKEN, R_MAP_TOKEN, R_BTF_TOKEN, R_PROG_NO_TOKEN,
       R_PROG_TOKEN, R_TOKEN_INFO_TYPE, R_BTF_ID_NO_TOKEN, R_BTF_ID_TOKEN, R_N };

static void child(int sock)
{
	int r[R_N], fsfd, mnt, token, fd;
	static struct rb_tb tb;
	unsigned char blob[128];
	size_t n;
	char go;
	const struct bpf_insn ret0[] = {
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = 0, .imm = 0 },
		{ .code = BPF_JMP | BPF_EXIT },
	};

	memset(r, 0, sizeof(r));
#define STEP(n, cond) do { if (!(cond)) { r[R_STEP] = (n); goto out; } } while (0)
	STEP(1, rb_userns_enter() == 0);
	fsfd = fsopen("bpf", FSOPEN_CLOEXEC);
	STEP(5, fsfd >= 0);
	STEP(6, rb_send_fd(sock, fsfd) == 0);
	STEP(7, read(sock, &go, 1) == 1 && go == 'y');
	/* fsmount gives an O_PATH fd; the token wants an open root dir. */
	fd = fsmount(fsfd, FSMOUNT_CLOEXEC, 0);
	STEP(8, fd >= 0);
	mnt = openat(fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	STEP(10, mnt >= 0);
	/* Without a token this namespace cannot use bpf(). */
	r[R_MAP_NO_TOKEN] = rawbpf_sys_map_create(BPF_MAP_TYPE_ARRAY, NULL, 4, 4, 1, NULL);
	r[R_PROG_NO_TOKEN] = rawbpf_sys_prog_load(BPF_PROG_TYPE_SOCKET_FILTER, NULL,
					      "GPL", ret0, 2, NULL);
	token = rawbpf_sys_token_create(mnt, 0);
	r[R_TOKEN_INFO_TYPE] = token;
	STEP(9, token > 2);
	/* An O_PATH fd of the same root is not enough: -EBADF. */
	STEP(11, rawbpf_sys_token_create(fd, 0) == -EBADF);
	{
		struct { uint32_t type; uint32_t pad[32]; } info;
		uint32_t len = sizeof(info);

		memset(&info, 0, sizeof(info));
		/* bpf_token_info starts with allowed_cmds (u64). */
		r[R_TOKEN_INFO_TYPE] = rawbpf_sys_obj_get_info_by_fd(token, &info, &len);
	}
	RAWBPF_OPTS(rawbpf_sys_map_create_opts, mo, .token_fd = token);
	fd = rawbpf_sys_map_create(BPF_MAP_TYPE_ARRAY, "rb_tok", 4, 4, 1, &mo);
	r[R_MAP_TOKEN] = fd;
	rb_tb_init(&tb);
	rb_tb_type(&tb, "int", 1, 0, 0, 4);
	rb_tb_word(&tb, (1u << 24) | 32);
	n = rb_tb_blob(&tb, blob, sizeof(blob));
	RAWBPF_OPTS(rawbpf_sys_btf_load_opts, bo, .token_fd = token);
	r[R_BTF_TOKEN] = rawbpf_sys_btf_load(blob, (uint32_t)n, &bo);
	RAWBPF_OPTS(rawbpf_sys_prog_load_opts, po, .token_fd = token);
	r[R_PROG_TOKEN] = rawbpf_sys_prog_load(BPF_PROG_TYPE_SOCKET_FILTER, "rb_tok",
					   "GPL", ret0, 2, &po);
	/* vmlinux's BTF (id 1) by id: CAP_SYS_ADMIN, or a token (6.13) */
	r[R_BTF_ID_NO_TOKEN] = rawbpf_sys_btf_get_fd_by_id(1);
	{
		RAWBPF_OPTS(rawbpf_sys_get_fd_by_id_opts, go, .token_fd = token);

		r[R_BTF_ID_TOKEN] = rawbpf_sys_btf_get_fd_by_id_opts(1, &go);
	}
out:
	if (write(sock, r, sizeof(r)) != sizeof(r))
		_exit(2);
	_exit(0);
#undef STEP
}

/* BTF_GET_FD_BY_ID takes a token (6.13): with BPF_F_TOKEN_FD and an fd
 * that is not open, such a kernel looks the fd up (-EBADF); an older one
 * refuses the flag (-EINVAL) */
static bool btf_id_takes_token(void)
{
	RAWBPF_OPTS(rawbpf_sys_get_fd_by_id_opts, o, .token_fd = 10000);
	int err = rawbpf_sys_btf_get_fd_by_id_opts(1, &o);

	assert_true(err == -EBADF || err == -EINVAL);
	return err == -EBADF;
}

static void test_token_in_userns(void **state)
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
		rb_bpffs_delegate_all(fsfd);
		close(fsfd);
		assert_int_equal(write(sock, "y", 1), 1);
	}
	rb_userns_wait(pid, sock, r, sizeof(r));
	if (r[R_STEP])
		fail_msg("child failed at step %d (%d %d %d)", r[R_STEP], r[R_MAP_NO_TOKEN], r[R_PROG_NO_TOKEN], r[R_TOKEN_INFO_TYPE]);
	assert_int_equal(r[R_MAP_NO_TOKEN], -EPERM);
	assert_int_equal(r[R_PROG_NO_TOKEN], -EPERM);
	/* OBJ_GET_INFO_BY_FD knows tokens where the kernel has their info
	 * type (struct bpf_token_info, after 6.12); before, a token is no
	 * object it reports on */
	if (rb_vmlinux_btf_id("bpf_token_info", RB_BTF_KIND_STRUCT) > 0)
		assert_int_equal(r[R_TOKEN_INFO_TYPE], 0);
	else
		assert_int_equal(r[R_TOKEN_INFO_TYPE], -EINVAL);
	assert_true(r[R_MAP_TOKEN] > 2);
	assert_true(r[R_BTF_TOKEN] > 2);
	assert_int_equal(r[R_BTF_ID_NO_TOKEN], -EPERM);
	if (btf_id_takes_token())
		assert_true(r[R_BTF_ID_TOKEN] > 2);
	else	/* an unknown open flag */
		assert_int_equal(r[R_BTF_ID_TOKEN], -EINVAL);
	assert_true(r[R_PROG_TOKEN] > 2);
}

static void test_token_refusals(void **state)
{
	char dir[256];
	int root, sub, other;

	(void)state;
	rb_require_kernel();
	rb_need(RB_FEAT_TOKEN);
	assert_int_equal(rb_bpffs_dir(dir, sizeof(dir)), 0);	/* mounts bpffs */
	root = open("/sys/fs/bpf", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	sub = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	other = open("/", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	assert_true(root >= 0 && sub >= 0 && other >= 0);
	/* The initial namespace gets no tokens. */
	assert_int_equal(rawbpf_sys_token_create(root, 0), -EOPNOTSUPP);
	assert_int_equal(rawbpf_sys_token_create(sub, 0), -EINVAL);
	assert_int_equal(rawbpf_sys_token_create(other, 0), -EINVAL);
	assert_int_equal(rawbpf_sys_token_create(-1, 0), -EBADF);
	assert_int_equal(rawbpf_sys_token_create(root, 1), -EINVAL);
	close(root);
	close(sub);
	close(other);
}

int main(void)
{
#define T(f) cmocka_unit_test_teardown(f, rb_fixture_teardown)
	const struct CMUnitTest tests[] = {
		T(test_token_in_userns), T(test_token_refusals),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
