// SPDX-License-Identifier: BSD-2-Clause
/* bpffs.c - the bpf filesystem itself: detect it (statfs magic), mount it
 * on request, and create directories in it (mkdir -p that never creates
 * anything outside bpffs). */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#ifndef PATH_MAX	/* clang's freestanding <limits.h> (RAWBPF_NOLIBC) */
#include <linux/limits.h>
#endif
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

#include "rawbpf/pin.h"
#include "pin/bpffs.h"
#include "sys/libc.h"

/* From <linux/magic.h>; spelled out so old headers do. */
#define RB_BPF_FS_MAGIC 0xcafe4a11

int rb_fd_on_bpffs(int fd)
{
	struct statfs st;
	int ret = rb_sys_fstatfs(fd, &st);

	return ret ? ret : (unsigned long)st.f_type == RB_BPF_FS_MAGIC;
}

int rawbpf_bpffs_detect(const char *path)
{
	struct statfs st;
	int ret;

	if (!path)
		return -EINVAL;
	ret = rb_sys_statfs(path, &st);
	return ret ? ret : (unsigned long)st.f_type == RB_BPF_FS_MAGIC;
}

int rawbpf_bpffs_mount(const char *path)
{
	int on = rawbpf_bpffs_detect(path);

	if (on)
		return on;	/* 1: already bpffs; or -errno */
	/* mode=0700 as systemd and bpftool mount it: pins are root's. */
	return rb_sys_mount("bpf", path, "bpf", 0, "mode=0700");
}

static int open_dir(int dir_fd, const char *name)
{
	return rb_sys_openat(dir_fd, name, O_PATH | O_DIRECTORY, 0);
}

int rb_open_parent(int dir_fd, const char *path, const char **base)
{
	char dir[PATH_MAX];
	const char *slash;
	size_t len;

	if (!path || !*path)
		return -EINVAL;
	slash = strrchr(path, '/');
	if (!slash) {
		*base = path;
		return open_dir(dir_fd, ".");
	}
	if (!slash[1])
		return -EINVAL;		/* "dir/": no name to pin at */
	len = (size_t)(slash - path);
	if (len >= sizeof(dir))
		return -ENAMETOOLONG;
	if (len == 0)
		len = 1;		/* "/name": the root directory */
	memcpy(dir, path, len);
	dir[len] = '\0';
	*base = slash + 1;
	return open_dir(dir_fd, dir);
}

/* Remove the directories mkdir made (ends of their prefixes in @made),
 * innermost first, so a failed mkdir -p leaves nothing behind. */
static void unmake(const char *path, const uint16_t *made, size_t n)
{
	char buf[PATH_MAX];

	while (n--) {
		memcpy(buf, path, made[n]);
		buf[made[n]] = '\0';
		rb_sys_unlinkat(AT_FDCWD, buf, AT_REMOVEDIR);
	}
}

int rawbpf_bpffs_mkdir(const char *path, uint32_t mode)
{
	/* a component takes at least 2 bytes ("x/") */
	uint16_t made[PATH_MAX / 2];
	char comp[NAME_MAX + 1];
	const char *p = path, *end;
	size_t nmade = 0;
	int dir, next, err;

	if (!path || !*path)
		return -EINVAL;
	if (strlen(path) >= PATH_MAX)
		return -ENAMETOOLONG;
	dir = open_dir(AT_FDCWD, *path == '/' ? "/" : ".");
	if (dir < 0)
		return dir;
	for (;;) {
		while (*p == '/')
			p++;
		if (!*p)
			break;
		end = strchrnul(p, '/');
		if ((size_t)(end - p) > NAME_MAX) {
			err = -ENAMETOOLONG;
			goto out;
		}
		memcpy(comp, p, (size_t)(end - p));
		comp[end - p] = '\0';
		next = open_dir(dir, comp);
		if (next == -ENOENT) {
			/* About to create: only inside bpffs. */
			err = rb_fd_on_bpffs(dir);
			if (err <= 0) {
				err = err ? err : -ENOTSUP;
				goto out;
			}
			err = rb_sys_mkdirat(dir, comp, mode);
			if (!err)
				made[nmade++] = (uint16_t)(end - path);
			else if (err != -EEXIST)
				goto out;
			next = open_dir(dir, comp);
		}
		if (next < 0) {
			err = next;
			goto out;
		}
		rb_sys_close(dir);
		dir = next;
		p = end;
	}
	/* It existed (or was made): it must be a bpffs directory. */
	err = rb_fd_on_bpffs(dir);
	err = err < 0 ? err : err ? 0 : -ENOTSUP;
out:
	rb_sys_close(dir);
	if (err)
		unmake(path, made, nmade);
	return err;
}
