// SPDX-License-Identifier: BSD-2-Clause
/* netns.c - programs on a network namespace: flow_dissector (link, or
 * PROG_ATTACH in the caller's netns) and sk_lookup (link only). */
#include <errno.h>

#include "rawbpf/attach_net.h"
#include "rawbpf/sys.h"
#include "attach/netcommon.h"
#include "core/mem.h"

int rawbpf_attach_netns(int prog_fd, int netns_fd, uint32_t attach_type,
			const struct rawbpf_net_opts *opts,
			struct rawbpf_attachment **out)
{
	struct rawbpf_net_opts o;
	int err = rb_opts_copy(&o, sizeof(o), opts);

	if (err)
		return err;
	if ((err = rb_mode_valid(o.mode)))
		return err;
	if (!out || netns_fd < 0 ||
	    (attach_type != BPF_FLOW_DISSECTOR && attach_type != BPF_SK_LOOKUP))
		return -EINVAL;
	if (o.mode != RAWBPF_MODE_LEGACY) {
		RAWBPF_OPTS(rawbpf_link_create_opts, lo, .flags = o.flags);

		err = rawbpf_link_create(prog_fd, netns_fd, attach_type, &lo);
		if (err >= 0 || !rb_link_fallback(o.mode, err) ||
		    attach_type == BPF_SK_LOOKUP)
			return rb_link_attachment(err, o.alloc, out);
	}
	if (attach_type == BPF_SK_LOOKUP)
		return -EOPNOTSUPP;	/* sk_lookup has only the link */
	{
		RAWBPF_OPTS(rawbpf_prog_attach_opts, ao, .flags = o.flags);

		/* The kernel attaches to the caller's netns, whatever fd. */
		err = rawbpf_prog_attach(prog_fd, netns_fd, attach_type, &ao);
	}
	if (err)
		return err;
	return rb_prog_attach_new(prog_fd, netns_fd, 0, attach_type, o.alloc,
				  out);
}
