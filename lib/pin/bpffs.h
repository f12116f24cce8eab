/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * bpffs.h - internal helpers of lib/pin: is a directory on bpffs, and the
 * directory part of a pin path opened as an O_PATH fd.
 */
#ifndef RB_PIN_BPFFS_H
#define RB_PIN_BPFFS_H

/* rb_fd_on_bpffs - 1 if @fd is on a bpf filesystem, 0 if not, -errno. */
int rb_fd_on_bpffs(int fd);

/*
 * rb_open_parent - open the directory part of @path (relative to @dir_fd,
 * AT_FDCWD for none) as an O_PATH directory fd; *@base points at the last
 * component inside @path. -EINVAL for an empty path or one ending in '/',
 * -ENAMETOOLONG, or -errno from openat.
 */
int rb_open_parent(int dir_fd, const char *path, const char **base);

#endif
