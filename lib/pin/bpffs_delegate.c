// SPDX-License-Identifier: BSD-2-Clause
/* bpffs_delegate.c - delegated bpf filesystems for BPF tokens (6.9): a
 * context opened in the user namespace the tokens are for, its delegate_*
 * options set by a privileged process, and a detached mount whose root
 * directory creates tokens. Through the new mount API (fsopen, fsconfig,
 * fsmount); nothing is attached to the file tree. */
#include <errno.h>
#include <fcntl.h>

#include "rawbpf/pin.h"
#include "core/mem.h"
#include "sys/libc.h"
#include "sys/raw.h"

/* <linux/mount.h>, spelled out for old headers. */
#define FSOPEN_CLOEXEC_ 0x1
#define FSCONFIG_SET_STRING_ 1
#define FSCONFIG_CMD_CREATE_ 6
#define FSMOUNT_CLOEXEC_ 0x1

int rawbpf_bpffs_context(void)
{
	return rb_fd_above_stdio(rb_sys_fsopen("bpf", FSOPEN_CLOEXEC_));
}

int rawbpf_bpffs_delegate(int fs_fd,
			  const struct rawbpf_bpffs_delegate_opts *uopts)
{
	struct rawbpf_bpffs_delegate_opts o;
	int err = rb_opts_copy(&o, sizeof(o), uopts);
	const char *const key[] = { "delegate_cmds", "delegate_maps",
				    "delegate_progs", "delegate_attachs" };
	const char *const val[] = { o.cmds, o.maps, o.progs, o.attachs };

	if (err)
		return err;
	if (fs_fd < 0)
		return -EBADF;
	for (int i = 0; i < 4; i++) {
		if (!val[i])
			continue;
		err = rb_sys_fsconfig(fs_fd, FSCONFIG_SET_STRING_, key[i], val[i], 0);
		if (err)
			return err;
	}
	return rb_sys_fsconfig(fs_fd, FSCONFIG_CMD_CREATE_, NULL, NULL, 0);
}

int rawbpf_bpffs_mount_context(int fs_fd)
{
	int mnt = rb_sys_fsmount(fs_fd, FSMOUNT_CLOEXEC_, 0), dir;

	if (mnt < 0)
		return mnt;
	/* fsmount gives an O_PATH fd; a token needs the opened root */
	dir = rb_sys_openat(mnt, ".", O_RDONLY | O_DIRECTORY, 0);
	rb_sys_close(mnt);
	return rb_fd_above_stdio(dir);
}
