// SPDX-License-Identifier: BSD-2-Clause
/*
 * lifecycle.c - the README's main job: walk a BPF program through load,
 * attach (the older way), link, pin, a child that exits, link update,
 * detach, unpin and close, printing after each step what the kernel
 * reports. The BPF object is built into this binary (lifecycle.bpf.c).
 *
 * The hook is cgroup/sock_create on a cgroup made for the demo; the demo
 * moves itself into it, so every socket() it makes runs the program, which
 * counts it in the map `hits` (slot 0: count_v1, slot 1: count_v2).
 * Everything is removed at the end, also on SIGINT/SIGTERM.
 */
#include <dirent.h>
#include <stdarg.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/magic.h>

#include "rawbpf/sys.h"
#include "rawbpf/object.h"
#include "rawbpf/attach_cgroup.h"
#include "rawbpf/pin.h"

extern const unsigned char lifecycle_bpf[];
extern const unsigned long lifecycle_bpf_size;

#define HOOK BPF_CGROUP_INET_SOCK_CREATE
#define POKES 10
#define MAX_IDS 4096

static struct {
	char cg_root[256];	/* cgroup2 mount */
	char orig_cg[1400];	/* where we came from */
	char cg[512];		/* the demo's cgroup */
	char pin_dir[256];
	char pin[300];
	int cg_fd, hits_fd;
} demo = { .cg_fd = -1, .hits_fd = -1 };

static int step_no;

static void step(const char *name, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void step(const char *name, const char *fmt, ...)
{
	va_list ap;

	printf("[%d] %-9s ", ++step_no, name);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
}

static void die(const char *what, int err)
{
	fprintf(stderr, "lifecycle: %s: %s\n", what, strerror(err < 0 ? -err : err));
	exit(1);
}

/* ---- cleanup: only async-signal-safe calls, so the handler can use it ---- */

static void write_pid_to(const char *cgdir)
{
	char path[1500], pid[16];
	int fd, n = 0;
	pid_t p = getpid();

	snprintf(path, sizeof(path), "%s/cgroup.procs", cgdir);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	/* a tiny itoa: snprintf is not async-signal-safe */
	char tmp[16];
	int t = 0;
	do {
		tmp[t++] = (char)('0' + p % 10);
		p /= 10;
	} while (p);
	while (t)
		pid[n++] = tmp[--t];
	if (write(fd, pid, (size_t)n) < 0)
		n = 0;
	close(fd);
}

static void cleanup(void)
{
	if (demo.pin[0])
		unlink(demo.pin);
	if (demo.pin_dir[0])
		rmdir(demo.pin_dir);
	if (demo.cg[0]) {
		write_pid_to(demo.orig_cg);
		rmdir(demo.cg);	/* programs still attached go with it */
	}
}

static void on_signal(int sig)
{
	(void)sig;
	cleanup();
	_exit(130);
}

/* ---- setup ------------------------------------------------------------ */

static void find_cgroup2(void)
{
	FILE *f = fopen("/proc/self/mounts", "r");
	char dev[64], dir[256], type[64];
	char line[1024];

	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "%63s %255s %63s", dev, dir, type) == 3 &&
		    !strcmp(type, "cgroup2")) {
			snprintf(demo.cg_root, sizeof(demo.cg_root), "%s", dir);
			break;
		}
	if (f)
		fclose(f);
	if (!demo.cg_root[0])
		die("no cgroup2 mount", ENOENT);
	f = fopen("/proc/self/cgroup", "r");
	while (f && fgets(line, sizeof(line), f))
		if (!strncmp(line, "0::", 3)) {
			line[strcspn(line, "\n")] = '\0';
			snprintf(demo.orig_cg, sizeof(demo.orig_cg), "%s%s",
				 demo.cg_root, line + 3);
		}
	if (f)
		fclose(f);
	if (!demo.orig_cg[0])
		snprintf(demo.orig_cg, sizeof(demo.orig_cg), "%s", demo.cg_root);
}

static void setup(void)
{
	struct statfs st;

	if (statfs("/sys/fs/bpf", &st) || (unsigned long)st.f_type != BPF_FS_MAGIC) {
		int err = rawbpf_bpffs_mount("/sys/fs/bpf");

		if (err)
			die("mount bpffs at /sys/fs/bpf", err);
		printf("(mounted bpffs at /sys/fs/bpf)\n");
	}
	find_cgroup2();
	snprintf(demo.cg, sizeof(demo.cg), "%s/rawbpf-lifecycle-%d",
		 demo.cg_root, (int)getpid());
	snprintf(demo.pin_dir, sizeof(demo.pin_dir),
		 "/sys/fs/bpf/rawbpf-lifecycle-%d", (int)getpid());
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	atexit(cleanup);
	if (mkdir(demo.cg, 0755))
		die(demo.cg, errno);
	demo.cg_fd = open(demo.cg, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (demo.cg_fd < 0)
		die(demo.cg, errno);
	write_pid_to(demo.cg);
	if (mkdir(demo.pin_dir, 0700))
		die(demo.pin_dir, errno);
	snprintf(demo.pin, sizeof(demo.pin), "%s/link", demo.pin_dir);
}

/* ---- what the kernel says ----------------------------------------------- */

static uint64_t hits(uint32_t slot)
{
	uint64_t v = 0;

	rawbpf_sys_map_lookup_elem(demo.hits_fd, &slot, &v);
	return v;
}

/* Create POKES sockets; return how many each program counted. */
static void poke(uint64_t *v1, uint64_t *v2)
{
	uint64_t a = hits(0), b = hits(1);

	for (int i = 0; i < POKES; i++) {
		int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);

		if (fd >= 0)
			close(fd);
	}
	*v1 = hits(0) - a;
	*v2 = hits(1) - b;
}

static uint32_t fd_id(int fd)
{
	struct rawbpf_link_info info;	/* big enough for prog/map info heads */
	uint32_t len = sizeof(info);

	memset(&info, 0, sizeof(info));
	if (rawbpf_sys_obj_get_info_by_fd(fd, &info, &len))
		return 0;
	/* bpf_prog_info, bpf_map_info and bpf_link_info keep the id in the
	 * second u32. */
	return info.id;
}

static int exists(int (*get)(uint32_t), uint32_t id)
{
	int fd = get(id);

	if (fd < 0)
		return 0;
	close(fd);
	return 1;
}

static int link_fd_by_id(uint32_t id)
{
	return rawbpf_sys_link_get_fd_by_id(id, 0);
}

static int map_fd_by_id(uint32_t id)
{
	return rawbpf_sys_map_get_fd_by_id(id, 0);
}

/* Objects are freed after an RCU grace period: wait up to 2 s. */
static int gone(int (*get)(uint32_t), uint32_t id)
{
	for (int i = 0; i < 200; i++) {
		if (!exists(get, id))
			return 1;
		usleep(10000);
	}
	return 0;
}

static const char *alive(int (*get)(uint32_t), uint32_t id)
{
	return exists(get, id) ? "alive" : "gone";
}

static int link_info(int fd, struct rawbpf_link_info *info)
{
	uint32_t len = sizeof(*info);

	memset(info, 0, sizeof(*info));
	return rawbpf_sys_obj_get_info_by_fd(fd, info, &len);
}

/* ---- the before/after check --------------------------------------------- */

struct snapshot {
	uint32_t progs[MAX_IDS], links[MAX_IDS];
	int n_progs, n_links, n_pins;
	char pins[64][256];
};

static void take(struct snapshot *s)
{
	uint32_t id = 0;
	DIR *d;
	struct dirent *e;

	s->n_progs = s->n_links = s->n_pins = 0;
	while (s->n_progs < MAX_IDS && !rawbpf_sys_prog_get_next_id(id, &id))
		s->progs[s->n_progs++] = id;
	id = 0;
	while (s->n_links < MAX_IDS && !rawbpf_sys_link_get_next_id(id, &id))
		s->links[s->n_links++] = id;
	d = opendir("/sys/fs/bpf");
	while (d && (e = readdir(d)) && s->n_pins < 64)
		if (e->d_name[0] != '.')
			snprintf(s->pins[s->n_pins++], 256, "%s", e->d_name);
	if (d)
		closedir(d);
}

static int has_id(const uint32_t *ids, int n, uint32_t id)
{
	for (int i = 0; i < n; i++)
		if (ids[i] == id)
			return 1;
	return 0;
}

static int has_pin(const struct snapshot *s, const char *name)
{
	for (int i = 0; i < s->n_pins; i++)
		if (!strcmp(s->pins[i], name))
			return 1;
	return 0;
}

/* What @b has that @a had not. (Ids that vanished in between belong to
 * others, freed meanwhile.) */
static int leftovers(const struct snapshot *a, const struct snapshot *b)
{
	int n = 0;

	for (int i = 0; i < b->n_progs; i++)
		if (!has_id(a->progs, a->n_progs, b->progs[i]) && ++n)
			printf("new since the start: program id %u\n", b->progs[i]);
	for (int i = 0; i < b->n_links; i++)
		if (!has_id(a->links, a->n_links, b->links[i]) && ++n)
			printf("new since the start: link id %u\n", b->links[i]);
	for (int i = 0; i < b->n_pins; i++)
		if (!has_pin(a, b->pins[i]) && ++n)
			printf("new since the start: /sys/fs/bpf/%s\n", b->pins[i]);
	return n;
}

static struct snapshot before, after;

/* ---- the walk ------------------------------------------------------------ */

int main(void)
{
	struct rawbpf_object *obj;
	struct rawbpf_attachment *at, *pinned;
	struct rawbpf_link_info info;
	uint32_t v1_id, v2_id, map_id, link_id, child_link = 0, ids[8];
	uint64_t c1, c2;
	int v1, v2, err, pipefd[2], status, n_new;
	char pin_dir[256];
	pid_t pid;
	RAWBPF_OPTS(rawbpf_sys_prog_query_opts, q, .prog_ids = ids, .count = 8);
	RAWBPF_OPTS(rawbpf_attach_cgroup_opts, legacy, .mode = RAWBPF_ATTACH_MODE_LEGACY,
		    .flags = BPF_F_ALLOW_MULTI);
	RAWBPF_OPTS(rawbpf_attach_cgroup_opts, linkmode, .mode = RAWBPF_ATTACH_MODE_LINK);
	RAWBPF_OPTS(rawbpf_sys_prog_attach_opts, detach);

	if (geteuid() != 0)
		die("needs root", EPERM);
	take(&before);
	setup();
	printf("rawbpf lifecycle demo: hook cgroup/sock_create on %s\n", demo.cg);

	/* 1. load: verifier + JIT; the program exists while an fd holds it. */
	err = rawbpf_object_open_mem(lifecycle_bpf, lifecycle_bpf_size, NULL, &obj);
	if (err)
		die("open embedded object", err);
	err = rawbpf_object_load(obj);
	if (err)
		die(rawbpf_object_error(obj), err);
	v1 = rawbpf_program_fd(rawbpf_object_find_program(obj, "count_v1"));
	v2 = rawbpf_program_fd(rawbpf_object_find_program(obj, "count_v2"));
	demo.hits_fd = rawbpf_map_fd(rawbpf_object_find_map(obj, "hits"));
	v1_id = fd_id(v1);
	v2_id = fd_id(v2);
	map_id = fd_id(demo.hits_fd);
	poke(&c1, &c2);
	step("load", "programs count_v1 id %u, count_v2 id %u, map hits id %u; "
	     "not attached: %d sockets ran them %llu times", v1_id, v2_id,
	     map_id, POKES, (unsigned long long)(c1 + c2));

	/* 2. the older way: a child attaches with BPF_PROG_ATTACH and exits. */
	pid = fork();
	if (pid == 0) {
		err = rawbpf_attach_cgroup(v1, demo.cg_fd, HOOK, &legacy, &at);
		if (!err)
			rawbpf_attachment_disown(at);	/* leave it to the cgroup */
		_exit(err ? 1 : 0);
	}
	waitpid(pid, &status, 0);
	if (!WIFEXITED(status) || WEXITSTATUS(status))
		die("child PROG_ATTACH", EIO);
	err = rawbpf_sys_prog_query(demo.cg_fd, HOOK, &q);
	if (err)
		die("PROG_QUERY", err);
	poke(&c1, &c2);
	step("attach", "PROG_ATTACH by a child that exited: cgroup lists %u "
	     "program(s) (id %u); it still runs: +%llu", q.count,
	     q.count ? ids[0] : 0, (unsigned long long)c1);
	detach.prog_fd = v1;
	err = rawbpf_sys_prog_detach(demo.cg_fd, HOOK, &detach);
	if (err)
		die("PROG_DETACH", err);
	poke(&c1, &c2);
	step("detach", "PROG_DETACH: the cgroup let go; +%llu",
	     (unsigned long long)c1);

	/* 3. link: the attachment is a kernel object of its own. */
	err = rawbpf_attach_cgroup(v1, demo.cg_fd, HOOK, &linkmode, &at);
	if (err)
		die("LINK_CREATE", err);
	link_info(rawbpf_attachment_fd(at), &info);
	link_id = info.id;
	poke(&c1, &c2);
	step("link", "LINK_CREATE: link id %u, type %u (cgroup), program id %u; +%llu",
	     link_id, info.type, info.prog_id, (unsigned long long)c1);

	/* 4. pin: bpffs holds a reference to the link. */
	err = rawbpf_attachment_pin(at, demo.pin);
	if (err)
		die("pin link", err);
	step("pin", "link %u pinned at %s (%s)", link_id, demo.pin,
	     rawbpf_bpffs_type(demo.pin) == RAWBPF_FD_LINK ? "a link" : "?");

	/* 5. a child makes its own (unpinned) link and exits. */
	if (pipe(pipefd))
		die("pipe", errno);
	pid = fork();
	if (pid == 0) {
		struct rawbpf_attachment *mine;
		uint32_t id = 0;

		close(pipefd[0]);
		if (!rawbpf_attach_cgroup(v2, demo.cg_fd, HOOK, &linkmode, &mine)) {
			link_info(rawbpf_attachment_fd(mine), &info);
			id = info.id;
		}
		if (write(pipefd[1], &id, sizeof(id)) != sizeof(id))
			_exit(1);
		_exit(0);	/* its link fd closes here */
	}
	close(pipefd[1]);
	if (read(pipefd[0], &child_link, sizeof(child_link)) != sizeof(child_link))
		child_link = 0;
	close(pipefd[0]);
	waitpid(pid, &status, 0);
	gone(link_fd_by_id, child_link);
	rawbpf_attachment_destroy(at);	/* closes our link fd; the pin stays */
	poke(&c1, &c2);
	step("exit", "child's unpinned link %u: %s after it exited; our fd "
	     "closed too, the pin alone keeps link %u: %s, +%llu",
	     child_link, alive(link_fd_by_id, child_link), link_id,
	     alive(link_fd_by_id, link_id), (unsigned long long)c1);

	/* 6. update: swap the program under the pinned link. */
	err = rawbpf_link_open_pinned(demo.pin, &pinned, NULL);
	if (err)
		die("open pinned link", err);
	err = rawbpf_attachment_update(pinned, v2, v1);
	if (err)
		die("LINK_UPDATE", err);
	link_info(rawbpf_attachment_fd(pinned), &info);
	poke(&c1, &c2);
	step("update", "LINK_UPDATE: link %u now runs program id %u; "
	     "count_v1 +%llu, count_v2 +%llu", info.id, info.prog_id,
	     (unsigned long long)c1, (unsigned long long)c2);

	/* 7. detach: the link stays, defunct. */
	err = rawbpf_attachment_detach(pinned);
	if (err)
		die("LINK_DETACH", err);
	err = link_info(rawbpf_attachment_fd(pinned), &info);
	poke(&c1, &c2);
	step("detach", "LINK_DETACH: link %u %s, info answers (%s), cgroup id "
	     "%llu (defunct); +%llu", link_id, alive(link_fd_by_id, link_id),
	     err ? strerror(-err) : "ok",
	     (unsigned long long)info.cgroup.cgroup_id,
	     (unsigned long long)(c1 + c2));

	/* 8. unpin + close: the last references to the link go. */
	rawbpf_attachment_destroy(pinned);
	err = rawbpf_bpffs_unpin(demo.pin);
	if (err)
		die("unpin", err);
	demo.pin[0] = '\0';
	gone(link_fd_by_id, link_id);
	step("unpin", "pin removed, last fd closed: link %u %s", link_id,
	     alive(link_fd_by_id, link_id));

	/* 9. close: the object's fds were the last references. */
	demo.hits_fd = -1;
	rawbpf_object_close(obj);
	gone(rawbpf_sys_prog_get_fd_by_id, v1_id);
	gone(rawbpf_sys_prog_get_fd_by_id, v2_id);
	gone(map_fd_by_id, map_id);
	step("close", "object closed: program %u %s, program %u %s, map %u %s",
	     v1_id, alive(rawbpf_sys_prog_get_fd_by_id, v1_id), v2_id,
	     alive(rawbpf_sys_prog_get_fd_by_id, v2_id), map_id,
	     alive(map_fd_by_id, map_id));

	close(demo.cg_fd);
	snprintf(pin_dir, sizeof(pin_dir), "%s", demo.pin_dir);
	cleanup();
	demo.cg[0] = demo.pin_dir[0] = '\0';
	take(&after);
	/* What we made must be gone; anything else new belongs to whoever
	 * else runs BPF on this machine meanwhile, so it is only reported. */
	if (exists(rawbpf_sys_prog_get_fd_by_id, v1_id) ||
	    exists(rawbpf_sys_prog_get_fd_by_id, v2_id) ||
	    exists(map_fd_by_id, map_id) || exists(link_fd_by_id, link_id) ||
	    (child_link && exists(link_fd_by_id, child_link)) ||
	    !access(pin_dir, F_OK)) {
		printf("left behind: one of our programs, maps, links or pins\n");
		return 1;
	}
	n_new = leftovers(&before, &after);
	printf("done: everything the demo made is gone; %s\n",
	       n_new ? "the extra ids above appeared meanwhile (another process)" :
		       "the same programs, links and pins as before");
	return 0;
}
