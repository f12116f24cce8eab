/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * rawbpf/attach.h - one handle for every way a program is attached.
 *
 * A struct rawbpf_attachment stands for a real bpf_link (BPF_LINK_CREATE,
 * raw tracepoint fds, perf links) or for an older mechanism: a perf event fd
 * with PERF_EVENT_IOC_SET_BPF, a netlink XDP or tc attachment, a cgroup or
 * other BPF_PROG_ATTACH, a socket's SO_ATTACH_BPF. Each kind keeps a
 * different thing alive; docs/semantics.md says which.
 *
 * Per-hook constructors (rawbpf_attach_xdp(), rawbpf_attach_tracepoint(),
 * ...) are declared in the headers of their hook families. Every function
 * taking an attachment accepts NULL: -EINVAL, 0, or nothing done.
 */
#ifndef RAWBPF_ATTACH_H
#define RAWBPF_ATTACH_H

#include <stdint.h>

#include "rawbpf/common.h"
#include "rawbpf/abi.h"

#ifdef __cplusplus
extern "C" {
#endif

struct rawbpf_attachment;

/* How an attachment is held by the kernel. */
enum rawbpf_attach_kind {
	RAWBPF_ATTACH_KIND_LINK = 1,	/* a bpf_link fd */
	RAWBPF_ATTACH_KIND_PERF_EVENT,	/* perf event fd + IOC_SET_BPF */
	/* BPF_PROG_ATTACH (cgroup, netns, sockmap, tcx) */
	RAWBPF_ATTACH_KIND_PROG_ATTACH,
	RAWBPF_ATTACH_KIND_NETLINK_XDP,	/* IFLA_XDP on a netdev */
	RAWBPF_ATTACH_KIND_NETLINK_TC,	/* cls_bpf filter on a clsact qdisc */
	/* SO_ATTACH_BPF / SO_ATTACH_REUSEPORT_EBPF */
	RAWBPF_ATTACH_KIND_SOCKOPT,
	/* a .struct_ops map registered by BPF_MAP_UPDATE_ELEM (5.6) */
	RAWBPF_ATTACH_KIND_STRUCT_OPS_MAP,
};

/* Which mechanism a constructor should use. */
enum rawbpf_attach_mode {
	/* a link; the older path if the kernel lacks it */
	RAWBPF_ATTACH_MODE_AUTO = 0,
	RAWBPF_ATTACH_MODE_LINK,	/* a link or an error */
	RAWBPF_ATTACH_MODE_LEGACY,	/* the older mechanism only */
};

/* rawbpf_attachment_kind - how this attachment is held (no kernel call);
 * returns a RAWBPF_ATTACH_KIND_* kind. */
RAWBPF_API enum rawbpf_attach_kind
rawbpf_attachment_kind(const struct rawbpf_attachment *at);
/* rawbpf_attachment_fd - the link fd or perf event fd (no kernel call);
 * -EBADF for kinds without one (netlink, PROG_ATTACH, sockopt). */
RAWBPF_API int rawbpf_attachment_fd(const struct rawbpf_attachment *at);
/* rawbpf_attachment_pin - pin a bpf_link at @path on bpffs (5.7); -EOPNOTSUPP
 * for older kinds, which cannot be pinned, and for a group of links without
 * one fd (USDT's per-site uprobes before 6.6); -ENOTSUP when @path is not
 * on bpffs (see rawbpf/pin.h). */
RAWBPF_API int rawbpf_attachment_pin(struct rawbpf_attachment *at,
				     const char *path);
/* rawbpf_attachment_unpin - remove the pin made by rawbpf_attachment_pin
 * (unlink on bpffs, 4.4); 0, -ENOENT when the handle made none, -errno. */
RAWBPF_API int rawbpf_attachment_unpin(struct rawbpf_attachment *at);
/*
 * rawbpf_attachment_update - replace the attached program with @new_prog_fd.
 * @old_prog_fd >= 0 makes it conditional (BPF_F_REPLACE on links 5.7 and
 * cgroups 5.6, expected fd for netlink XDP 5.7; netns, sockmap, tc and
 * sockets accept only the handle's own program). 0, -EOPNOTSUPP where
 * impossible, -ENOENT once detached, or the kernel's -errno.
 */
RAWBPF_API int rawbpf_attachment_update(struct rawbpf_attachment *at,
					int new_prog_fd, int old_prog_fd);
/* rawbpf_attachment_detach - stop the hook now. A link stays (defunct) and
 * its fd stays valid until destroy (LINK_DETACH, 5.9); older kinds detach
 * through their own mechanism. 0, -ENOENT when already detached, -errno. */
RAWBPF_API int rawbpf_attachment_detach(struct rawbpf_attachment *at);
/* rawbpf_attachment_info - BPF_OBJ_GET_INFO_BY_FD on a link (5.8) into
 * @info; 0, -EOPNOTSUPP for older kinds, -errno. */
RAWBPF_API int rawbpf_attachment_info(const struct rawbpf_attachment *at,
				      struct rawbpf_link_info *info);
/*
 * rawbpf_attachment_destroy - release the handle. For links and perf events
 * closing the fd ends the attachment (unless pinned). Older kinds that the
 * kernel keeps by itself (cgroup, netlink) are detached here unless
 * rawbpf_attachment_disown() was called first. Any kernel; NULL is a no-op.
 */
RAWBPF_API void rawbpf_attachment_destroy(struct rawbpf_attachment *at);
/* rawbpf_attachment_disown - leave the attachment in the kernel when the
 * handle is destroyed (cgroup, netlink, pinned links); no kernel call. */
RAWBPF_API void rawbpf_attachment_disown(struct rawbpf_attachment *at);

/* rawbpf_link_open_id - an attachment handle for existing link @id
 * (LINK_GET_FD_BY_ID, 5.8); 0 and *@out, or -errno (-ENOENT: no such id). */
RAWBPF_API int rawbpf_link_open_id(uint32_t id, struct rawbpf_attachment **out,
				   const struct rawbpf_allocator *alloc);
/* rawbpf_link_open_pinned - an attachment handle for the link pinned at
 * @path (OBJ_GET, links 5.7); 0 and *@out, or -errno. */
RAWBPF_API int rawbpf_link_open_pinned(const char *path,
				       struct rawbpf_attachment **out,
				       const struct rawbpf_allocator *alloc);

#ifdef __cplusplus
}
#endif
#endif
