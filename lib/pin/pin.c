// SPDX-License-Identifier: BSD-2-Clause
/* pin.c - pins on bpffs: pin, get (read-only / write-only), unpin, the
 * directory-fd variants (BPF_F_PATH_FD, 6.5) and what kind of object an fd
 * or a pin holds. The kernel's EPERM/EACCES for paths outside bpffs are
 * turned into -ENOTSUP after the fact (no probe on the success path). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rawbpf/pin.h"
#include "rawbpf/sys.h"
#include "pin/bpffs.h"

/* Send path_fd only when it changes the meaning of @path: keeps plain
 * pins working on kernels before 6.5. */
static void set_dir(struct rawbpf_sys_obj_opts *o, int dir_fd, const char *path)
{
	if (dir_fd != AT_FDCWD && path[0] != '/') {
		o->use_path_fd = true;
		o->path_fd = dir_fd;
	}
}

/* After OBJ_PIN failed with EPERM: was it because the directory is not
 * on bpffs? Then -ENOTSUP, else the kernel's answer. */
static int explain_pin(int err, int dir_fd, const char *path)
{
	const char *base;
	int parent = rb_open_parent(dir_fd, path, &base), on;

	if (parent < 0)
		return err;
	on = rb_fd_on_bpffs(parent);
	close(parent);
	return on == 0 ? -ENOTSUP : err;
}

/* After OBJ_GET failed with EACCES: not on bpffs (-ENOTSUP), or a bpffs
 * directory (-EISDIR)? Else the kernel's answer. */
static int explain_get(int err, int dir_fd, const char *path)
{
	struct stat st;
	int saved = errno, fd = openat(dir_fd, path, O_PATH | O_CLOEXEC), on;

	if (fd >= 0) {
		on = rb_fd_on_bpffs(fd);
		if (on == 0)
			err = -ENOTSUP;
		else if (on == 1 && !fstat(fd, &st) && S_ISDIR(st.st_mode))
			err = -EISDIR;
		close(fd);
	}
	errno = saved;
	return err;
}

int rawbpf_bpffs_pin_at(int fd, int dir_fd, const char *path)
{
	RAWBPF_OPTS(rawbpf_sys_obj_opts, o);
	int err;

	if (!path || !*path)
		return -EINVAL;
	set_dir(&o, dir_fd, path);
	err = rawbpf_sys_obj_pin(fd, path, &o);
	return err == -EPERM ? explain_pin(err, dir_fd, path) : err;
}

int rawbpf_bpffs_pin(int fd, const char *path)
{
	return rawbpf_bpffs_pin_at(fd, AT_FDCWD, path);
}

int rawbpf_bpffs_get_at(int dir_fd, const char *path, uint32_t flags)
{
	RAWBPF_OPTS(rawbpf_sys_obj_opts, o, .file_flags = flags);
	int fd;

	if (!path || !*path)
		return -EINVAL;
	set_dir(&o, dir_fd, path);
	fd = rawbpf_sys_obj_get(path, &o);
	return fd == -EACCES ? explain_get(fd, dir_fd, path) : fd;
}

int rawbpf_bpffs_get(const char *path, uint32_t flags)
{
	return rawbpf_bpffs_get_at(AT_FDCWD, path, flags);
}

int rawbpf_bpffs_unpin_at(int dir_fd, const char *path)
{
	const char *base;
	int parent = rb_open_parent(dir_fd, path, &base), on, err = 0;
	int saved = errno;

	if (parent < 0)
		return parent;
	/* Checked first: unlink is not something to try and explain. */
	on = rb_fd_on_bpffs(parent);
	if (on <= 0)
		err = on ? on : -ENOTSUP;
	else if (unlinkat(parent, base, 0))
		err = -errno;
	close(parent);
	errno = saved;
	return err;
}

int rawbpf_bpffs_unpin(const char *path)
{
	return rawbpf_bpffs_unpin_at(AT_FDCWD, path);
}

int rawbpf_fd_type(int fd)
{
	static const struct {
		const char *name;
		int type;
	} names[] = {
		{ "anon_inode:bpf-prog", RAWBPF_FD_PROG },
		{ "anon_inode:bpf-map", RAWBPF_FD_MAP },
		/* a new link is "bpf_link"; one reopened by id or pin
		 * "bpf-link" */
		{ "anon_inode:bpf_link", RAWBPF_FD_LINK },
		{ "anon_inode:bpf-link", RAWBPF_FD_LINK },
		{ "anon_inode:btf", RAWBPF_FD_BTF },
	};
	char proc[32], target[64];
	ssize_t n;
	int saved = errno;

	if (fd < 0)
		return -EBADF;
	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", fd);
	n = readlink(proc, target, sizeof(target) - 1);
	if (n < 0) {
		n = -errno;
		errno = saved;
		return (int)n;
	}
	target[n] = '\0';
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(target, names[i].name))
			return names[i].type;
	return -EINVAL;
}

int rawbpf_bpffs_type(const char *path)
{
	int fd = rawbpf_bpffs_get(path, 0), type;

	/* A map pinned read-only refuses a read-write open. */
	if (fd == -EACCES)
		fd = rawbpf_bpffs_get(path, BPF_F_RDONLY);
	if (fd < 0)
		return fd;
	type = rawbpf_fd_type(fd);
	close(fd);
	return type;
}
