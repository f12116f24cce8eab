/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * rawbpf/pin.h - bpffs: find it, mount it, make directories in it, pin
 * programs, maps and links there, open them again and remove the pins.
 *
 * A pin is a file on a bpf filesystem whose inode holds one reference to a
 * program, map or link. The object lives as long as any fd or any pin
 * refers to it; unlinking the last pin (with no fd open) frees it.
 *
 * Errors, beyond the kernel's own:
 *   -ENOTSUP  the path is not on a bpf filesystem. The kernel answers EPERM
 *             for a pin outside bpffs and EACCES for a get of a file that
 *             is not a pin, which reads like a privilege problem; when that
 *             happens rawbpf looks at the filesystem and, if it is not
 *             bpffs, returns -ENOTSUP instead ("pins are not supported
 *             here"). rawbpf_bpffs_unpin() and rawbpf_bpffs_mkdir() check
 *             before they touch anything, so they never remove or create
 *             files on other filesystems.
 *   -EEXIST   something already exists at the pin path.
 *   -EISDIR   rawbpf_bpffs_get() or rawbpf_bpffs_unpin() of a bpffs
 *             directory.
 * Nothing here mounts bpffs implicitly: call rawbpf_bpffs_mount().
 *
 * rawbpf_bpffs_pin()/_get() add these checks (and directory-fd forms) to
 * the raw commands BPF_OBJ_PIN/BPF_OBJ_GET, which are rawbpf_sys_obj_pin()
 * and rawbpf_sys_obj_get() in rawbpf/sys.h.
 */
#ifndef RAWBPF_PIN_H
#define RAWBPF_PIN_H

#include <stdint.h>

#include "rawbpf/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The kind of a bpf object behind an fd or a pin. */
enum rawbpf_fd_type {
	RAWBPF_FD_PROG = 1,
	RAWBPF_FD_MAP = 2,
	RAWBPF_FD_LINK = 3,
	RAWBPF_FD_BTF = 4,
};

/* Default bpffs mount point. */
#define RAWBPF_BPFFS_DEFAULT "/sys/fs/bpf"

/* rawbpf_bpffs_detect - is @path on a bpf filesystem (statfs magic
 * BPF_FS_MAGIC, 4.4)? 1 yes, 0 no, -errno (e.g. -ENOENT) if unknown. */
RAWBPF_API int rawbpf_bpffs_detect(const char *path);

/* rawbpf_bpffs_mount - mount a bpf filesystem on the existing directory
 * @path (bpffs 4.4; needs CAP_SYS_ADMIN). 0 when mounted, 1 when @path
 * already was on bpffs (nothing done), -errno. */
RAWBPF_API int rawbpf_bpffs_mount(const char *path);

/* What a delegated bpffs lets a token do: each a ':'-separated list of
 * names as bpffs takes them ("map_create:prog_load", "any"); NULL
 * delegates nothing of that kind. */
struct rawbpf_bpffs_delegate_opts {
	uint32_t size;
	const char *cmds;		/* delegate_cmds */
	const char *maps;		/* delegate_maps */
	const char *progs;		/* delegate_progs */
	const char *attachs;		/* delegate_attachs */
};

/* rawbpf_bpffs_context - a bpf filesystem context (fsopen, 5.2), owned by
 * the caller's user namespace: call it in the namespace the tokens are
 * for, then hand the fd to a process privileged in the initial namespace
 * for rawbpf_bpffs_delegate. The fd (close-on-exec) or -errno. */
RAWBPF_API int rawbpf_bpffs_context(void);
/* rawbpf_bpffs_delegate - set what bpffs context @fs_fd delegates to
 * tokens (fsconfig delegate_*, 6.9; needs CAP_SYS_ADMIN in the initial
 * namespace) and create its superblock. 0, -EINVAL (bad option or @opts),
 * -EPERM, -errno. */
RAWBPF_API int rawbpf_bpffs_delegate(int fs_fd,
				     const struct rawbpf_bpffs_delegate_opts *opts);
/* rawbpf_bpffs_mount_context - mount created context @fs_fd detached
 * (fsmount, 5.2) and open its root directory, the fd rawbpf_sys_token_create
 * takes (6.9). The directory fd (close-on-exec) or -errno. */
RAWBPF_API int rawbpf_bpffs_mount_context(int fs_fd);

/* rawbpf_bpffs_mkdir - mkdir -p @path with @mode, creating directories only
 * on bpffs (4.4): -ENOTSUP (nothing created) when the first directory to
 * create, or an existing @path, is elsewhere. 0 also when it already
 * existed; on any error the directories it made are removed again. */
RAWBPF_API int rawbpf_bpffs_mkdir(const char *path, uint32_t mode);

/* rawbpf_bpffs_pin - BPF_OBJ_PIN (4.4): pin the program, map or link @fd at
 * @path. -EEXIST if taken, -ENOTSUP if not on bpffs. */
RAWBPF_API int rawbpf_bpffs_pin(int fd, const char *path);

/* rawbpf_bpffs_pin_at - rawbpf_bpffs_pin with @path relative to directory
 * @dir_fd (BPF_F_PATH_FD, 6.5; -EINVAL before). AT_FDCWD or an absolute
 * @path need no 6.5 feature. */
RAWBPF_API int rawbpf_bpffs_pin_at(int fd, int dir_fd, const char *path);

/*
 * rawbpf_bpffs_get - BPF_OBJ_GET (4.4): a new fd for the object pinned at
 * @path. @flags: 0, BPF_F_RDONLY or BPF_F_WRONLY (4.15; the access of the
 * returned map fd, checked against the pin's file mode). The fd, -ENOENT
 * (nothing there), -ENOTSUP (not on bpffs), -EISDIR (a bpffs directory),
 * -EACCES (the mode), -EINVAL (NULL @path).
 */
RAWBPF_API int rawbpf_bpffs_get(const char *path, uint32_t flags);

/* rawbpf_bpffs_get_at - rawbpf_bpffs_get relative to @dir_fd (6.5): a new fd,
 * or -errno. */
RAWBPF_API int rawbpf_bpffs_get_at(int dir_fd, const char *path,
				   uint32_t flags);

/*
 * rawbpf_bpffs_unpin - remove the pin at @path (unlink, 4.4). Refuses
 * (-ENOTSUP, nothing removed) when @path's directory is not on bpffs;
 * -EISDIR for a directory. The object goes when its last pin and fd are
 * gone.
 */
RAWBPF_API int rawbpf_bpffs_unpin(const char *path);

/* rawbpf_bpffs_unpin_at - rawbpf_bpffs_unpin relative to @dir_fd (unlinkat;
 * any kernel with bpffs, 4.4); 0 or -errno. */
RAWBPF_API int rawbpf_bpffs_unpin_at(int dir_fd, const char *path);

/* rawbpf_fd_type - what @fd is: RAWBPF_FD_PROG/MAP/LINK/BTF (from the
 * anon inode name in /proc/self/fd, no bpf call; any kernel with bpf),
 * -EINVAL for an fd that is no bpf object, -errno. */
RAWBPF_API int rawbpf_fd_type(int fd);

/* rawbpf_bpffs_type - what is pinned at @path (opens it with OBJ_GET, 4.4,
 * asks rawbpf_fd_type, closes it): RAWBPF_FD_* or -errno. */
RAWBPF_API int rawbpf_bpffs_type(const char *path);

#ifdef __cplusplus
}
#endif
#endif
