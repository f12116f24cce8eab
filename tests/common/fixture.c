// SPDX-License-Identifier: BSD-2-Clause
/* fixture.c - shared test fixtures; see fixture.h. */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include <dirent.h>
#include <net/if.h>
#include <linux/if_packet.h>
#include <linux/magic.h>

#include "fixture.h"
#include "rawbpf/sys.h"

#define MAX_CLEANUPS 64

struct cleanup {
	void (*fn)(void *);
	void *arg;
};

static struct cleanup cleanups[MAX_CLEANUPS];
static int n_cleanups;
static int fixture_seq;
static int atexit_done;

static void run_cleanups(void)
{
	while (n_cleanups > 0) {
		struct cleanup *c = &cleanups[--n_cleanups];

		c->fn(c->arg);
	}
}

static void at_exit_cleanup(void)
{
	run_cleanups();
}

void rb_fixture_add_cleanup(void (*fn)(void *), void *arg)
{
	if (!atexit_done) {
		atexit(at_exit_cleanup);
		atexit_done = 1;
	}
	if (n_cleanups == MAX_CLEANUPS) {
		fn(arg);	/* should never happen; do not leak */
		return;
	}
	cleanups[n_cleanups].fn = fn;
	cleanups[n_cleanups].arg = arg;
	n_cleanups++;
}

int rb_fixture_teardown(void **state)
{
	(void)state;
	run_cleanups();
	return 0;
}

void rb_require_kernel(void)
{
	const char *req = getenv("RAWBPF_REQUIRE_KERNEL");
	int strict = req && strcmp(req, "0") != 0 && req[0];
	uint32_t id;
	int err;

	if (geteuid() != 0) {
		if (strict)
			fail_msg("kernel test needs root (RAWBPF_REQUIRE_KERNEL=1)");
		print_message("[  SKIP    ] kernel test needs root\n");
		skip();
	}
	/* Any id walk proves bpf() is reachable for us. */
	err = rawbpf_sys_prog_get_next_id(0, &id);
	if (err == -EPERM || err == -ENOSYS) {
		if (strict)
			fail_msg("bpf() not permitted: %s", strerror(-err));
		print_message("[  SKIP    ] bpf() not permitted: %s\n",
			      strerror(-err));
		skip();
	}
}

static char test_name_buf[32];

const char *rb_test_name(void)
{
	snprintf(test_name_buf, sizeof(test_name_buf), "%d-%d", (int)getpid(),
		 fixture_seq);
	return test_name_buf;
}

static int rm_tree(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *e;
	char sub[4096];

	if (!d)
		return unlink(path) ? -errno : 0;
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		snprintf(sub, sizeof(sub), "%s/%s", path, e->d_name);
		if (e->d_type == DT_DIR)
			rm_tree(sub);
		else
			unlink(sub);
	}
	closedir(d);
	return rmdir(path) ? -errno : 0;
}

static void cleanup_rm_tree(void *arg)
{
	rm_tree(arg);
	free(arg);
}

int rb_bpffs_dir(char *out, size_t out_size)
{
	struct statfs st;
	char path[256];

	if (statfs("/sys/fs/bpf", &st) || (unsigned long)st.f_type != BPF_FS_MAGIC) {
		mkdir("/sys/fs/bpf", 0755);
		if (mount("bpf", "/sys/fs/bpf", "bpf", 0, "mode=0700"))
			return -errno;
	}
	fixture_seq++;
	snprintf(path, sizeof(path), "/sys/fs/bpf/rawbpf-test-%s",
		 rb_test_name());
	rm_tree(path);
	if (mkdir(path, 0700))
		return -errno;
	rb_fixture_add_cleanup(cleanup_rm_tree, strdup(path));
	snprintf(out, out_size, "%s", path);
	return 0;
}

const char *rb_tracefs(void)
{
	struct statfs st;
	static const char *path = "/sys/kernel/tracing";

	if (statfs(path, &st) || st.f_type != TRACEFS_MAGIC) {
		if (mount("tracefs", path, "tracefs", 0, NULL))
			return NULL;
	}
	return path;
}

struct cgroup_fixture {
	char path[300];
	int fd;
};

const char *rb_cgroup2_root(void)
{
	static char root[200];
	char line[512], dev[64], dir[200], type[64];
	FILE *f;

	if (root[0])
		return root;
	/* Where cgroup2 is mounted: /sys/fs/cgroup on a systemd machine,
	 * /sys/fs/cgroup/unified beside v1 hierarchies (these VMs). */
	f = fopen("/proc/self/mounts", "r");
	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "%63s %199s %63s", dev, dir, type) == 3 &&
		    !strcmp(type, "cgroup2")) {
			snprintf(root, sizeof(root), "%s", dir);
			break;
		}
	if (f)
		fclose(f);
	if (!root[0])
		snprintf(root, sizeof(root), "/sys/fs/cgroup");
	return root;
}

static void cleanup_cgroup(void *arg)
{
	struct cgroup_fixture *cg = arg;
	char procs[400], line[32];
	FILE *f;
	int root;

	/* Move anything still inside back to the root, then remove. */
	snprintf(procs, sizeof(procs), "%s/cgroup.procs", cg->path);
	f = fopen(procs, "r");
	snprintf(procs, sizeof(procs), "%s/cgroup.procs", rb_cgroup2_root());
	root = open(procs, O_WRONLY);
	while (f && root >= 0 && fgets(line, sizeof(line), f))
		if (write(root, line, strlen(line)) < 0)
			break;
	if (f)
		fclose(f);
	if (root >= 0)
		close(root);
	close(cg->fd);
	for (int i = 0; i < 50 && rmdir(cg->path) && errno == EBUSY; i++)
		usleep(20000);
	free(cg);
}

int rb_cgroup_dir(char *out, size_t out_size)
{
	struct cgroup_fixture *cg = calloc(1, sizeof(*cg));

	if (!cg)
		return -ENOMEM;
	fixture_seq++;
	snprintf(cg->path, sizeof(cg->path), "%s/rawbpf-test-%s",
		 rb_cgroup2_root(), rb_test_name());
	rmdir(cg->path);
	if (mkdir(cg->path, 0755)) {
		int err = -errno;

		free(cg);
		return err;
	}
	cg->fd = open(cg->path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (cg->fd < 0) {
		int err = -errno;

		rmdir(cg->path);
		free(cg);
		return err;
	}
	rb_fixture_add_cleanup(cleanup_cgroup, cg);
	snprintf(out, out_size, "%s", cg->path);
	return cg->fd;
}

int rb_cgroup_enter(const char *path)
{
	char procs[400], pid[16];
	int fd, n, err = 0;

	snprintf(procs, sizeof(procs), "%s/cgroup.procs", path);
	fd = open(procs, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = snprintf(pid, sizeof(pid), "%d", (int)getpid());
	if (write(fd, pid, (size_t)n) != n)
		err = -errno;
	close(fd);
	return err;
}

static void cleanup_netns(void *arg)
{
	int *old = arg;

	setns(*old, CLONE_NEWNET);
	close(*old);
	free(old);
}

static int run_cmd(const char *cmd)
{
	int rc = system(cmd);

	return rc == 0 ? 0 : -EIO;
}

int rb_netns_enter(struct rb_netns *ns)
{
	int *old = malloc(sizeof(int));

	if (!old)
		return -ENOMEM;
	*old = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
	if (*old < 0 || unshare(CLONE_NEWNET)) {
		int err = -errno;

		if (*old >= 0)
			close(*old);
		free(old);
		return err;
	}
	rb_fixture_add_cleanup(cleanup_netns, old);
	/* The fresh namespace only holds lo; this never touches the host's
	 * interfaces. */
	if (run_cmd("ip link set lo up && "
		    "ip link add rbva type veth peer name rbvb && "
		    "ip addr add 10.199.0.1/24 dev rbva && "
		    "ip link set rbva up && ip link set rbvb up"))
		return -EIO;
	ns->ifindex_a = (int)if_nametoindex("rbva");
	ns->ifindex_b = (int)if_nametoindex("rbvb");
	snprintf(ns->ip_a, sizeof(ns->ip_a), "10.199.0.1");
	snprintf(ns->ip_b, sizeof(ns->ip_b), "10.199.0.2");
	return ns->ifindex_a && ns->ifindex_b ? 0 : -ENODEV;
}

void *rb_read_file(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 &&
	    fseek(f, 0, SEEK_SET) == 0) {
		buf = malloc((size_t)n + 1);
		if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
			free(buf);
			buf = NULL;
		} else if (buf) {
			buf[n] = '\0';
			*size = (size_t)n;
		}
	}
	fclose(f);
	return buf;
}

static int id_exists(int (*get_fd)(uint32_t), uint32_t id)
{
	int fd = get_fd(id);

	if (fd >= 0) {
		close(fd);
		return 1;
	}
	return fd == -ENOENT ? 0 : fd;
}

static int map_fd_by_id(uint32_t id)
{
	return rawbpf_sys_map_get_fd_by_id(id, 0);
}

static int link_fd_by_id(uint32_t id)
{
	return rawbpf_sys_link_get_fd_by_id(id, 0);
}

int rb_prog_id_exists(uint32_t id)
{
	return id_exists(rawbpf_sys_prog_get_fd_by_id, id);
}

int rb_link_id_exists(uint32_t id)
{
	return id_exists(link_fd_by_id, id);
}

int rb_map_id_exists(uint32_t id)
{
	return id_exists(map_fd_by_id, id);
}

int rb_map_id_listed(uint32_t id)
{
	uint32_t next;

	if (!id)
		return 0;
	return rawbpf_sys_map_get_next_id(id - 1, &next) == 0 && next == id;
}

int rb_wait_id_gone(int (*exists)(uint32_t), uint32_t id, int ms)
{
	for (int waited = 0; waited <= ms; waited += 10) {
		if (exists(id) == 0)
			return 0;
		usleep(10000);
	}
	return -ETIMEDOUT;
}

int rb_id_stays(int (*exists)(uint32_t), uint32_t id, int ms)
{
	usleep((useconds_t)ms * 1000);
	return exists(id) == 1;
}

int rb_cgroup_socket(const char *path)
{
	int status;
	pid_t pid;

	fflush(NULL);
	pid = fork();
	if (pid < 0)
		return -errno;
	if (pid == 0) {
		int s;

		if (rb_cgroup_enter(path))
			_exit(1);
		s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
		if (s < 0)
			_exit(2);
		close(s);
		_exit(0);
	}
	if (waitpid(pid, &status, 0) < 0)
		return -errno;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -EIO;
}

int rb_send_frame(int ifindex)
{
	unsigned char frame[60];
	struct sockaddr_ll to;
	int s, err = 0;

	memset(frame, 0, sizeof(frame));
	memset(frame, 0xff, 6);			/* broadcast destination */
	frame[6] = 0x02;			/* locally administered source */
	frame[12] = 0x88;			/* local experimental ethertype */
	frame[13] = 0xb5;
	memset(&to, 0, sizeof(to));
	to.sll_family = AF_PACKET;
	to.sll_ifindex = ifindex;
	to.sll_halen = 6;
	memset(to.sll_addr, 0xff, 6);
	s = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, 0);
	if (s < 0)
		return -errno;
	if (sendto(s, frame, sizeof(frame), 0, (struct sockaddr *)&to,
		   sizeof(to)) != (ssize_t)sizeof(frame))
		err = -errno;
	close(s);
	return err;
}

bool rb_under_valgrind(void)
{
	const char *pre = getenv("LD_PRELOAD");

	return pre && strstr(pre, "vgpreload");
}
