// SPDX-License-Identifier: BSD-2-Clause
/*
 * holders_proc.c - the holders that live in the file system: fds of every
 * process (/proc/PID/fd + fdinfo), perf events with a program
 * (BPF_TASK_FD_QUERY), pins on every bpffs mount, and older PROG_ATTACHes
 * on every cgroup of the cgroup2 tree.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "holders.h"
#include "rawbpf/pin.h"
#include "rawbpf/sys.h"

struct href *hworld_add(struct hworld *w, enum hkind kind, enum hobj obj,
			uint32_t id)
{
	struct href *r;

	if (w->n == w->cap) {
		size_t cap = w->cap ? w->cap * 2 : 64;
		struct href *v = realloc(w->v, cap * sizeof(*v));

		if (!v)
			return NULL;
		w->v = v;
		w->cap = cap;
	}
	r = &w->v[w->n++];
	memset(r, 0, sizeof(*r));
	r->kind = kind;
	r->obj = obj;
	r->id = id;
	return r;
}

void hworld_free(struct hworld *w)
{
	free(w->v);
	memset(w, 0, sizeof(*w));
}

static int all_digits(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

/* The value of "@key:\t%u" in an fdinfo file, 0 if absent. */
static uint32_t fdinfo_u32(const char *info, const char *key)
{
	size_t klen = strlen(key);
	const char *p = info;

	while (p && *p) {
		if (!strncmp(p, key, klen) && p[klen] == ':')
			return (uint32_t)strtoul(p + klen + 1, NULL, 10);
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	return 0;
}

static const char *const perf_kinds[] = {
	"raw_tracepoint", "tracepoint", "kprobe", "kretprobe", "uprobe",
	"uretprobe",
};

static void perf_event_ref(struct hworld *w, int pid, int fd)
{
	struct rawbpf_sys_task_fd_query_info q;
	char name[HCOL_LEN - 24];
	struct href *r;
	int err;

	memset(&q, 0, sizeof(q));
	q.buf = name;
	q.buf_len = sizeof(name);
	err = rawbpf_sys_task_fd_query(pid, fd, 0, &q);
	if ((err && err != -ENOSPC) || !q.prog_id)	/* ENOSPC: name cut */
		return;
	r = hworld_add(w, HK_PERF_EVENT, HOBJ_PROG, q.prog_id);
	if (!r)
		return;
	snprintf(r->col[0], HCOL_LEN, "%d", pid);
	snprintf(r->col[1], HCOL_LEN, "%d", fd);
	snprintf(r->col[2], HCOL_LEN, "%s",
		 q.fd_type < sizeof(perf_kinds) / sizeof(perf_kinds[0]) ?
		 perf_kinds[q.fd_type] : "?");
	if (q.fd_type >= 2 && q.probe_offset)	/* probe: name+offset */
		snprintf(r->col[3], HCOL_LEN, "%s+0x%llx", name,
			 (unsigned long long)q.probe_offset);
	else if (q.fd_type >= 2 && !name[0])
		snprintf(r->col[3], HCOL_LEN, "0x%llx",
			 (unsigned long long)q.probe_addr);
	else
		snprintf(r->col[3], HCOL_LEN, "%s", name);
}

static void bpf_fd_ref(struct hworld *w, int pid, const char *comm, int fd,
		       enum hobj obj)
{
	static const char *const keys[] = { "", "prog_id", "map_id", "link_id" };
	char path[64], info[1024];
	uint32_t id;
	ssize_t n;
	int f;
	struct href *r;

	snprintf(path, sizeof(path), "/proc/%d/fdinfo/%d", pid, fd);
	f = open(path, O_RDONLY | O_CLOEXEC);
	if (f < 0)
		return;
	n = read(f, info, sizeof(info) - 1);
	close(f);
	if (n <= 0)
		return;
	info[n] = '\0';
	id = fdinfo_u32(info, keys[obj]);
	if (!id || !(r = hworld_add(w, HK_FD, obj, id)))
		return;
	snprintf(r->col[0], HCOL_LEN, "%d", pid);
	snprintf(r->col[1], HCOL_LEN, "%s", comm);
	snprintf(r->col[2], HCOL_LEN, "%d", fd);
}

static void scan_pid(struct hworld *w, int pid)
{
	char path[64], comm[32] = "", link[64];
	struct dirent *de;
	DIR *d;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/comm", pid);
	f = fopen(path, "re");
	if (f) {
		if (fgets(comm, sizeof(comm), f))
			comm[strcspn(comm, "\n")] = '\0';
		fclose(f);
	}
	snprintf(path, sizeof(path), "/proc/%d/fd", pid);
	d = opendir(path);
	if (!d)
		return;
	while ((de = readdir(d))) {
		ssize_t n;

		if (!all_digits(de->d_name))
			continue;
		n = readlinkat(dirfd(d), de->d_name, link, sizeof(link) - 1);
		if (n <= 0)
			continue;
		link[n] = '\0';
		if (!strcmp(link, "anon_inode:bpf-prog"))
			bpf_fd_ref(w, pid, comm, atoi(de->d_name), HOBJ_PROG);
		else if (!strcmp(link, "anon_inode:bpf-map"))
			bpf_fd_ref(w, pid, comm, atoi(de->d_name), HOBJ_MAP);
		else if (!strcmp(link, "anon_inode:bpf_link") ||
			 !strcmp(link, "anon_inode:bpf-link"))
			bpf_fd_ref(w, pid, comm, atoi(de->d_name), HOBJ_LINK);
		else if (!strcmp(link, "anon_inode:[perf_event]"))
			perf_event_ref(w, pid, atoi(de->d_name));
	}
	closedir(d);
}

void scan_proc(struct hworld *w)
{
	struct dirent *de;
	DIR *d = opendir("/proc");

	if (!d)
		return;
	while ((de = readdir(d)))
		if (all_digits(de->d_name) && atoi(de->d_name) != w->self_pid)
			scan_pid(w, atoi(de->d_name));
	closedir(d);
}

/* mount_points - call @fn(@w, dir) for each mount of @fstype, once per
 * file system (a bind mount of one already seen is skipped). */
static void mount_points(struct hworld *w, const char *fstype,
			 void (*fn)(struct hworld *, const char *))
{
	char line[4096], dir[PATH_MAX], type[64];
	dev_t seen[32];
	size_t nseen = 0, i;
	FILE *f = fopen("/proc/self/mounts", "re");

	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		struct stat st;

		if (sscanf(line, "%*s %4095s %63s", dir, type) != 2 ||
		    strcmp(type, fstype) || stat(dir, &st))
			continue;
		for (i = 0; i < nseen && seen[i] != st.st_dev; i++)
			;
		if (i < nseen)
			continue;
		if (nseen < sizeof(seen) / sizeof(seen[0]))
			seen[nseen++] = st.st_dev;
		fn(w, dir);
	}
	fclose(f);
}

/* walk - call @fn(@w, path, is_dir) for @root and everything under
 * it, depth first; symlinks are not followed. */
static void walk(struct hworld *w, const char *root, int depth,
		 void (*fn)(struct hworld *, const char *, int))
{
	char path[PATH_MAX];
	struct dirent *de;
	DIR *d;

	fn(w, root, 1);
	if (depth > 32 || !(d = opendir(root)))
		return;
	while ((de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if ((size_t)snprintf(path, sizeof(path), "%s/%s", root,
				     de->d_name) >= sizeof(path))
			continue;
		if (de->d_type == DT_DIR)
			walk(w, path, depth + 1, fn);
		else if (de->d_type == DT_REG)
			fn(w, path, 0);
	}
	closedir(d);
}

static void pin_ref(struct hworld *w, const char *path, int is_dir)
{
	static const enum hobj objs[] = {
		[RAWBPF_FD_PROG] = HOBJ_PROG, [RAWBPF_FD_MAP] = HOBJ_MAP,
		[RAWBPF_FD_LINK] = HOBJ_LINK,
	};
	uint32_t info[64] = { 0 };	/* the id is at offset 4 in all three */
	uint32_t len = sizeof(info);
	int fd, type;
	struct href *r;

	if (is_dir || (fd = rawbpf_sys_obj_get(path, NULL)) < 0)
		return;
	type = rawbpf_fd_type(fd);
	if (type >= RAWBPF_FD_PROG && type <= RAWBPF_FD_LINK &&
	    !rawbpf_sys_obj_get_info_by_fd(fd, info, &len) &&
	    (r = hworld_add(w, HK_PIN, objs[type], info[1])))
		snprintf(r->col[0], HCOL_LEN, "%s", path);
	close(fd);
}

static void pin_mount(struct hworld *w, const char *dir)
{
	walk(w, dir, 0, pin_ref);
}

void scan_pins(struct hworld *w)
{
	mount_points(w, "bpf", pin_mount);
}

/* The cgroup attach types PROG_QUERY answers for. */
static const uint8_t cgroup_types[] = {
	0, 1, 2, 3, 6, 8, 9, 10, 11, 12, 13, 14, 15, 18, 19, 20, 21, 22,
	29, 30, 31, 32, 34, 49, 50, 51, 52, 53,
};

static const char *attach_flags_name(uint32_t f)
{
	if (f & BPF_F_ALLOW_MULTI)
		return "multi";
	if (f & BPF_F_ALLOW_OVERRIDE)
		return "override";
	return "none";
}

/* Whether the link scan found a cgroup link running @prog_id on the
 * cgroup with id @cg_id (for kernels whose PROG_QUERY has no link ids). */
static int cgroup_link_known(const struct hworld *w, uint32_t prog_id,
			     uint64_t cg_id)
{
	size_t i;

	for (i = 0; i < w->n; i++)
		if (w->v[i].kind == HK_LINK && w->v[i].obj == HOBJ_PROG &&
		    w->v[i].id == prog_id &&
		    w->v[i].link_type == BPF_LINK_TYPE_CGROUP &&
		    w->v[i].link_target == cg_id)
			return 1;
	return 0;
}

/* The id the kernel gives cgroup @path (link info's cgroup_id): its
 * kernfs file handle. That is the inode number only on 64-bit kernels; a
 * 32-bit kernel puts the inode's generation in the high half. */
static uint64_t cgroup_id_of(const char *path, uint64_t ino)
{
	union {
		struct file_handle fh;
		char buf[sizeof(struct file_handle) + sizeof(uint64_t)];
	} h;
	uint64_t id;
	int mount_id;

	h.fh.handle_bytes = sizeof(uint64_t);
	if (name_to_handle_at(AT_FDCWD, path, &h.fh, &mount_id, 0) ||
	    h.fh.handle_bytes != sizeof(id))
		return ino;	/* no handles here: the 64-bit rule */
	memcpy(&id, h.fh.f_handle, sizeof(id));
	return id;
}

static void cgroup_ref(struct hworld *w, const char *path, int is_dir)
{
	uint32_t ids[64], links[64], flags[64];
	struct stat st;
	uint64_t cg_id;
	size_t t;
	int fd;

	if (!is_dir || (fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
		return;
	if (fstat(fd, &st)) {
		close(fd);
		return;
	}
	cg_id = cgroup_id_of(path, st.st_ino);
	for (t = 0; t < sizeof(cgroup_types); t++) {
		struct rawbpf_sys_prog_query_opts q = {
			.size = sizeof(q), .prog_ids = ids, .link_ids = links,
			.prog_attach_flags = flags, .count = 64,
		};
		uint32_t i;
		int err;

		memset(links, 0, sizeof(links));
		memset(flags, 0, sizeof(flags));
		err = rawbpf_sys_prog_query(fd, cgroup_types[t], &q);
		if (err == -EINVAL) {
			/* before 6.15 PROG_QUERY has no link_ids: EINVAL */
			q.link_ids = NULL;
			q.count = 64;
			err = rawbpf_sys_prog_query(fd, cgroup_types[t], &q);
		}
		if (err)
			continue;
		for (i = 0; i < q.count && i < 64; i++) {
			struct href *r;
			char tb[16];

			/* a cgroup link: the link scan has it. Kernels
			 * without cgroup link ids in PROG_QUERY (6.1: EINVAL;
			 * 6.18 leaves them 0) list a link's program with
			 * the attached ones: the link scan's cgroup links
			 * tell them apart by cgroup id. */
			if (links[i] || cgroup_link_known(w, ids[i], cg_id))
				continue;
			r = hworld_add(w, HK_CGROUP, HOBJ_PROG, ids[i]);
			if (!r)
				break;
			snprintf(r->col[0], HCOL_LEN, "%s", path);
			snprintf(r->col[1], HCOL_LEN, "%s",
				 attach_type_name(cgroup_types[t], tb, sizeof(tb)));
			snprintf(r->col[2], HCOL_LEN, "%s",
				 attach_flags_name(q.attach_flags | flags[i]));
		}
	}
	close(fd);
}

static void cgroup_mount(struct hworld *w, const char *dir)
{
	walk(w, dir, 0, cgroup_ref);
}

void scan_cgroups(struct hworld *w)
{
	mount_points(w, "cgroup2", cgroup_mount);
}
