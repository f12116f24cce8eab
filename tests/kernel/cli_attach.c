// SPDX-License-Identifier: BSD-2-Clause
/*
 * cli_attach.c - `rawbpf attach` and `rawbpf link`: a pinned attach leaves
 * a working link behind after the CLI exits; `link list/show` report it,
 * `link update` swaps its program, `link detach` leaves it defunct; an
 * attach without --pin holds until SIGINT and then detaches.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fixture.h"
#include "env.h"
#include "cli_run.h"
#include "progs.h"
#include "rawbpf/sys.h"

#define OBJ RB_BPF_OBJ("lifecycle")

/* Sockets made by a child inside the test cgroup run cgroup/sock_create. */
static void sockets_in_cgroup(int n)
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		if (rb_cgroup_enter(rb_env.cg))
			_exit(1);
		for (int i = 0; i < n; i++)
			close(socket(AF_INET, SOCK_DGRAM, 0));
		_exit(0);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_int_equal(WEXITSTATUS(status), 0);
}

/* The counter slot @slot of the first map program @prog_id uses. */
static uint64_t prog_hits(uint32_t prog_id, uint32_t slot)
{
	struct bpf_prog_info info;
	uint32_t map_ids[4] = { 0 }, len = sizeof(info);
	uint64_t v = 0;
	int fd = rawbpf_sys_prog_get_fd_by_id(prog_id), map;

	assert_true(fd >= 0);
	memset(&info, 0, sizeof(info));
	info.nr_map_ids = 4;
	info.map_ids = (uint64_t)(uintptr_t)map_ids;
	assert_int_equal(rawbpf_sys_obj_get_info_by_fd(fd, &info, &len), 0);
	close(fd);
	assert_true(info.nr_map_ids >= 1);
	map = rawbpf_sys_map_get_fd_by_id(map_ids[0], 0);
	assert_true(map >= 0);
	assert_int_equal(rawbpf_sys_map_lookup_elem(map, &slot, &v), 0);
	close(map);
	return v;
}

static void test_pinned_attach_update_detach(void **state)
{
	char out[4096], args[1024], pin[300], line[400];
	struct rawbpf_link_info info;
	unsigned link_id = 0, old_id = 0, new_id = 0, shown = 0;
	int fd;

	(void)state;
	rb_pin_path(pin, sizeof(pin), "link");
	snprintf(args, sizeof(args), "attach %s count_v1 --cgroup %s --pin %s",
		 OBJ, rb_env.cg, pin);
	assert_int_equal(rb_cli(args, out, sizeof(out)), 0);
	assert_int_equal(sscanf(out, "attached\tcount_v1\tcgroup/sock_create\tlink\t%u\n",
				&link_id), 1);
	snprintf(line, sizeof(line), "pinned\t%s\n", pin);
	assert_non_null(strstr(out, line));

	/* The CLI is gone; the pin keeps the link and it fires. */
	fd = rawbpf_sys_obj_get(pin, NULL);
	assert_true(fd >= 0);
	assert_int_equal(rb_link_info_by_fd(fd, &info), 0);
	assert_int_equal(info.id, link_id);
	sockets_in_cgroup(3);
	assert_int_equal(prog_hits(info.prog_id, 0), 3);

	/* list and show name it. */
	assert_int_equal(rb_cli("link list", out, sizeof(out)), 0);
	snprintf(line, sizeof(line), "%u: cgroup  prog %u\n\tcgroup_id=", link_id, info.prog_id);
	assert_non_null(strstr(out, line));
	snprintf(args, sizeof(args), "link show %u", link_id);
	assert_int_equal(rb_cli(args, out, sizeof(out)), 0);
	assert_int_equal(sscanf(out, "%u: cgroup  prog ", &shown), 1);
	assert_int_equal(shown, link_id);

	/* update swaps in count_v2 from a fresh load of the object. */
	snprintf(args, sizeof(args), "link update %s %s count_v2", pin, OBJ);
	assert_int_equal(rb_cli(args, out, sizeof(out)), 0);
	assert_int_equal(sscanf(out, "updated\t%u\t%u\t%u\n", &shown, &old_id, &new_id), 3);
	assert_int_equal(shown, link_id);
	assert_int_equal(old_id, info.prog_id);
	assert_int_not_equal(new_id, old_id);
	sockets_in_cgroup(2);
	assert_int_equal(prog_hits(new_id, 1), 2);
	assert_int_equal(rb_wait_id_gone(rb_prog_id_exists, old_id, 2000), 0);

	/* detach: the link stays (defunct), the hook stops. */
	snprintf(args, sizeof(args), "link detach %s", pin);
	assert_int_equal(rb_cli(args, out, sizeof(out)), 0);
	snprintf(line, sizeof(line), "detached\t%u\n", link_id);
	assert_string_equal(out, line);
	assert_int_equal(rb_link_info_by_fd(fd, &info), 0);
	assert_int_equal(info.cgroup.cgroup_id, 0);
	assert_int_equal(rb_link_id_exists(link_id), 1);
	close(fd);
	assert_int_equal(unlink(pin), 0);
	assert_int_equal(rb_wait_id_gone(rb_link_id_exists, link_id, 2000), 0);
}

static void test_attach_until_signal(void **state)
{
	char cmd[512], buf[256];
	unsigned link_id = 0;
	int pipefd[2], status;
	ssize_t n;
	pid_t pid;

	(void)state;
	if (access(RB_CLI, X_OK))
		skip();
	assert_int_equal(pipe(pipefd), 0);
	snprintf(cmd, sizeof(cmd), "%s", rb_env.cg);
	pid = fork();
	if (pid == 0) {
		dup2(pipefd[1], 1);
		close(pipefd[0]);
		execl(RB_CLI, "rawbpf", "attach", OBJ, "count_v1", "--cgroup", cmd,
		      (char *)NULL);
		_exit(127);
	}
	close(pipefd[1]);
	n = read(pipefd[0], buf, sizeof(buf) - 1);
	assert_true(n > 0);
	buf[n] = '\0';
	assert_int_equal(sscanf(buf, "attached\tcount_v1\tcgroup/sock_create\tlink\t%u", &link_id), 1);
	assert_int_equal(rb_link_id_exists(link_id), 1);
	assert_int_equal(kill(pid, SIGINT), 0);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	n = read(pipefd[0], buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = '\0';
	assert_string_equal(buf, "detached\tcount_v1\n");
	close(pipefd[0]);
	assert_int_equal(rb_wait_id_gone(rb_link_id_exists, link_id, 2000), 0);
}

static void test_attach_errors(void **state)
{
	char out[1024], args[1024];

	(void)state;
	/* No target for a cgroup program; an unknown program; a legacy
	 * attachment cannot be pinned. */
	snprintf(args, sizeof(args), "attach %s count_v1 2>/dev/null", OBJ);
	assert_int_equal(rb_cli(args, out, sizeof(out)), 1);
	assert_string_equal(out, "");
	snprintf(args, sizeof(args), "attach %s nosuch --cgroup %s 2>/dev/null",
		 OBJ, rb_env.cg);
	assert_int_equal(rb_cli(args, out, sizeof(out)), 1);
	snprintf(args, sizeof(args),
		 "attach %s count_v1 --cgroup %s --legacy --pin %s/x 2>/dev/null",
		 OBJ, rb_env.cg, rb_env.dir);
	assert_int_equal(rb_cli(args, out, sizeof(out)), 1);
	/* ...and the failed attach left nothing in the cgroup. */
	assert_int_equal(rb_cgroup_prog_count(BPF_CGROUP_INET_SOCK_CREATE), 0);
	assert_int_equal(rb_cli("link show 0 2>/dev/null", out, sizeof(out)), 1);
	assert_int_equal(rb_cli("link frob 2>/dev/null", out, sizeof(out)), 2);
	/* --pid 0 (libbpf's "this process") would be the CLI itself */
	snprintf(args, sizeof(args), "attach %s count_v1 --pid 0 2>&1", OBJ);
	assert_int_equal(rb_cli(args, out, sizeof(out)), 2);
	assert_non_null(strstr(out, "--pid 0: give a process id, or -1 for every process"));
	snprintf(args, sizeof(args), "attach %s count_v1 --pid -2 2>/dev/null", OBJ);
	assert_int_equal(rb_cli(args, out, sizeof(out)), 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_pinned_attach_update_detach,
						rb_setup_cgroup, rb_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_attach_until_signal,
						rb_setup_cgroup, rb_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_attach_errors,
						rb_setup_cgroup, rb_fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
