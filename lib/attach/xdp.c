// SPDX-License-Identifier: BSD-2-Clause
/* xdp.c - XDP: BPF_XDP links, falling back to the older IFLA_XDP netlink
 * attachment (xdp_netlink.c) where the kernel has no link or the caller
 * asks for what only netlink offers. */
#include <errno.h>

#include "rawbpf/attach_net.h"
#include "rawbpf/sys.h"
#include "attach/netcommon.h"
#include "attach/tc.h"
#include "core/mem.h"

#define XDP_MODES (RAWBPF_XDP_SKB_MODE | RAWBPF_XDP_DRV_MODE | RAWBPF_XDP_HW_MODE)
#define XDP_ALL_FLAGS (XDP_MODES | RAWBPF_XDP_UPDATE_IF_NOEXIST)

int rawbpf_attach_xdp(int prog_fd, int ifindex,
		      const struct rawbpf_attach_xdp_opts *opts,
		      struct rawbpf_attachment **out)
{
	struct rawbpf_attach_xdp_opts o;
	int err = rb_opts_copy(&o, sizeof(o), opts);

	if (err)
		return err;
	if ((err = rb_mode_valid(o.mode)))
		return err;
	if (ifindex <= 0 || !out || (o.flags & ~XDP_ALL_FLAGS))
		return -EINVAL;
	if (o.err_msg && o.err_msg_size)
		o.err_msg[0] = '\0';
	/* A link has no "only if empty" or "expected program" variant: both
	 * are properties of the netlink path. */
	if (o.mode != RAWBPF_ATTACH_MODE_LEGACY && !o.expected_fd &&
	    !(o.flags & RAWBPF_XDP_UPDATE_IF_NOEXIST)) {
		RAWBPF_OPTS(rawbpf_sys_link_create_opts, lo,
			    .flags = o.flags & XDP_MODES);

		err = rawbpf_sys_link_create(prog_fd, ifindex, BPF_XDP, &lo);
		if (err >= 0 || !rb_link_fallback(o.mode, err))
			return rb_link_attachment(err, o.alloc, out);
	} else if (o.mode == RAWBPF_ATTACH_MODE_LINK) {
		return -EINVAL;
	}
	return rb_xdp_netlink(prog_fd, ifindex, &o, out);
}
