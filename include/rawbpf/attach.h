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
 * ...) are declared in the headers of their hook families.
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
	RAWBPF_ATTACH_LINK = 1,		/* a bpf_link fd */
	RAWBPF_ATTACH_PERF_EVENT,	/* perf event fd + IOC_SET_BPF */
	RAWBPF_ATTACH_PROG_ATTACH,	/* BPF_PROG_ATTACH (cgroup, netns, sockmap, tcx) */
	RAWBPF_ATTACH_NETLINK_XDP,	/* IFLA_XDP on a netdev */
	RAWBPF_ATTACH_NETLINK_TC,	/* cls_bpf filter on a clsact qdisc */
	RAWBPF_ATTACH_SOCKOPT,		/* SO_ATTACH_BPF / SO_ATTACH_REUSEPORT_EBPF */
};

/* Which mechanism a constructor should use. */
enum rawbpf_attach_mode {
	RAWBPF_MODE_AUTO = 0,	/* a link; the older path if the kernel lacks it */
	RAWBPF_MODE_LINK,	/* a link or an error */
	RAWBPF_MODE_LEGACY,	/* the older mechanism only */
};

/* rawbpf_attachment_kind - how this attachment is held. */
RAWBPF_API enum rawbpf_attach_kind
rawbpf_attachment_kind(const struct rawbpf_attachment *at);
/* rawbpf_attachment_fd - the link fd or perf event fd; -EBADF for kinds
 * without one (netlink, PROG_ATTACH, sockopt). */
RAWBPF_API int rawbpf_attachment_fd(const struct rawbpf_attachment *at);
/* rawbpf_attachment_pin - pin a bpf_link at @path on bpffs (5.7); -EOPNOTSUPP
 * for older kinds, which cannot be pinned; -ENOTSUP when @path is not on
 * bpffs (see rawbpf/pin.h). */
RAWBPF_API int rawbpf_attachment_pin(struct rawbpf_attachment *at,
				     const char *path);
/* rawbpf_attachment_unpin - remove the pin made by rawbpf_attachment_pin. */
RAWBPF_API int rawbpf_attachment_unpin(struct rawbpf_attachment *at);
/*
 * rawbpf_attachment_update - replace the attached program with @new_prog_fd.
 * @old_prog_fd >= 0 makes it conditional (BPF_F_REPLACE on links and
 * cgroups, expected fd for netlink XDP). -EOPNOTSUPP where impossible.
 */
RAWBPF_API int rawbpf_attachment_update(struct rawbpf_attachment *at,
					int new_prog_fd, int old_prog_fd);
/* rawbpf_attachment_detach - stop the hook now. A link stays (defunct) and
 * its fd stays valid until destroy; older kinds detach through their own
 * mechanism. */
RAWBPF_API int rawbpf_attachment_detach(struct rawbpf_attachment *at);
/* rawbpf_attachment_info - BPF_OBJ_GET_INFO_BY_FD on a link. */
RAWBPF_API int rawbpf_attachment_info(const struct rawbpf_attachment *at,
				      struct rawbpf_link_info *info);
/*
 * rawbpf_attachment_destroy - release the handle. For links and perf events
 * closing the fd ends the attachment (unless pinned). Older kinds that the
 * kernel keeps by itself (cgroup, netlink) are detached here unless
 * rawbpf_attachment_disown() was called first.
 */
RAWBPF_API void rawbpf_attachment_destroy(struct rawbpf_attachment *at);
/* rawbpf_attachment_disown - leave the attachment in the kernel when the
 * handle is destroyed (cgroup, netlink, pinned links). */
RAWBPF_API void rawbpf_attachment_disown(struct rawbpf_attachment *at);

/* rawbpf_link_open_id - an attachment handle for an existing link id. */
RAWBPF_API int rawbpf_link_open_id(uint32_t id, struct rawbpf_attachment **out,
				   const struct rawbpf_allocator *alloc);
/* rawbpf_link_open_pinned - an attachment handle for a pinned link. */
RAWBPF_API int rawbpf_link_open_pinned(const char *path,
				       struct rawbpf_attachment **out,
				       const struct rawbpf_allocator *alloc);

#ifdef __cplusplus
}
#endif
#endif
