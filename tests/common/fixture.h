/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * fixture.h - what every rawbpf test shares: cmocka includes, privilege and
 * feature gates that skip with a reason, and fixtures that own their mess
 * (bpffs pin directories, cgroups, network namespaces), removed at teardown
 * also when a test fails.
 */
#ifndef RB_TEST_FIXTURE_H
#define RB_TEST_FIXTURE_H

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>

#include <linux/bpf.h>

#define RB_BPF_OBJ(name) RAWBPF_BPF_DIR "/" name ".o"

/*
 * rb_require_kernel - gate for kernel tests: root (CAP_SYS_ADMIN+CAP_BPF) is
 * needed. Without it the test skips, or fails when RAWBPF_REQUIRE_KERNEL=1.
 */
void rb_require_kernel(void);

/* rb_skip_feature - skip because this kernel lacks @feature (always a skip,
 * never a failure: the reason is printed). */
#define rb_skip_feature(...)                                         \
	do {                                                         \
		print_message("[  SKIP    ] kernel lacks: " __VA_ARGS__); \
		print_message("\n");                                 \
		skip();                                              \
	} while (0)

/* rb_under_valgrind - true when valgrind runs this test (tests/valgrind):
 * it preloads its vgpreload_*.so into the client. */
bool rb_under_valgrind(void);

/* rb_skip_under_valgrind - skip, saying @why, what valgrind cannot run;
 * the same test still runs in every other suite. */
#define rb_skip_under_valgrind(why)                                      \
	do {                                                             \
		if (rb_under_valgrind()) {                               \
			print_message("[  SKIP    ] under valgrind: %s\n", \
				      why);                              \
			skip();                                          \
		}                                                        \
	} while (0)

/* rb_skip_uprobe_under_valgrind - for a test that fires a uprobe: valgrind
 * runs the probed code from its own translation, so the kernel's int3
 * reaches the program as SIGTRAP. */
#define rb_skip_uprobe_under_valgrind() \
	rb_skip_under_valgrind("a uprobe's int3 is a SIGTRAP there")

/* rb_bad_fd_errno - what bpf() on fd -1 returns: @kernel_errno, or -EBADF
 * under valgrind, which refuses a negative fd before the kernel sees it. */
#define rb_bad_fd_errno(kernel_errno) \
	(rb_under_valgrind() ? -EBADF : (kernel_errno))

/* rb_fd_faults_work - does RLIMIT_NOFILE make the next fd creation fail
 * (the fault walks' fd kind)? Not reliably under valgrind: it keeps its own
 * copy of the limit and applies it only to the syscalls it knows (open,
 * dup, socket; not bpf()). */
#define rb_fd_faults_work() (!rb_under_valgrind())

/* rb_test_name - name of the running test (for per-test directories). */
const char *rb_test_name(void);

/*
 * Per-test fixtures. Each returns 0 or -errno and registers its cleanup,
 * run by rb_fixture_teardown() (use it as the cmocka teardown) and, as a
 * safety net, at exit.
 */
/* rb_bpffs_dir - mount bpffs at /sys/fs/bpf if needed and make a fresh
 * directory for this test's pins; its path goes to @out. */
int rb_bpffs_dir(char *out, size_t out_size);
/* rb_tracefs - mount tracefs at /sys/kernel/tracing if needed; its path. */
const char *rb_tracefs(void);
/* rb_cgroup2_root - where cgroup2 is mounted (from /proc/self/mounts). */
const char *rb_cgroup2_root(void);
/* rb_cgroup_dir - a fresh cgroup2 directory; path to @out, returns an
 * O_RDONLY fd of it (owned by the fixture: do not close). */
int rb_cgroup_dir(char *out, size_t out_size);
/* rb_cgroup_enter - move the calling process into cgroup @path. */
int rb_cgroup_enter(const char *path);

struct rb_netns {
	int ifindex_a;		/* veth "rbva" in the test netns */
	int ifindex_b;		/* its peer "rbvb", also in the test netns */
	char ip_a[16];		/* 10.199.0.1 */
	char ip_b[16];		/* 10.199.0.2 */
};
/*
 * rb_netns_enter - move the calling thread into a fresh network namespace
 * with lo up and a veth pair rbva/rbvb (addresses ip_a/ip_b, up). The
 * previous namespace is restored at teardown; the new one then vanishes.
 */
int rb_netns_enter(struct rb_netns *ns);

/* rb_fixture_teardown - undo every fixture of the current test. */
int rb_fixture_teardown(void **state);
/* rb_fixture_add_cleanup - register @fn(@arg) to run at teardown. */
void rb_fixture_add_cleanup(void (*fn)(void *), void *arg);

/* rb_self_exe_setup - a cmocka group setup: the path of this test binary
 * (uprobe targets) into rb_self_exe. */
extern char rb_self_exe[512];
int rb_self_exe_setup(void **state);

/* rb_read_file - read a whole file into a malloc'd buffer; NULL on error. */
void *rb_read_file(const char *path, size_t *size);

/* rb_count_prog_ids / rb_prog_id_exists - kernel state by id. */
int rb_prog_id_exists(uint32_t id);
int rb_link_id_exists(uint32_t id);
int rb_map_id_exists(uint32_t id);
/*
 * rb_map_id_listed - 1 if map @id is in the MAP_GET_NEXT_ID walk, else 0.
 * Unlike rb_map_id_exists it opens no fd, so it takes no user reference:
 * use it for prog_arrays, where each drop of the last user reference
 * schedules a clear that takes a map reference, and on 6.18 that reference
 * leaks if the clear was still pending (re-opening by id in a loop pins
 * the map forever).
 */
int rb_map_id_listed(uint32_t id);
/* rb_wait_id_gone - poll until @exists(@id) is 0 (objects are freed after
 * an RCU grace period); 0 when gone, -ETIMEDOUT after @ms. */
int rb_wait_id_gone(int (*exists)(uint32_t), uint32_t id, int ms);
/* rb_id_stays - the opposite: @exists(@id) is still 1 after @ms (longer
 * than a grace period), i.e. something really holds the object. 1 or 0. */
int rb_id_stays(int (*exists)(uint32_t), uint32_t id, int ms);
/* rb_cgroup_socket - run a short-lived process in cgroup @path that opens
 * and closes one AF_INET UDP socket (fires cgroup/sock_create hooks).
 * 0 or -errno. */
int rb_cgroup_socket(const char *path);
/* rb_send_frame - send one broadcast Ethernet frame out of @ifindex
 * (AF_PACKET); on a veth it arrives at the peer (fires XDP/tc there). */
int rb_send_frame(int ifindex);

#endif
