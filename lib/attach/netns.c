// SPDX-License-Identifier: BSD-2-Clause
/* netns.c - programs on a network namespace: flow_dissector (link, or
 * PROG_ATTACH in the caller's netns) and sk_lookup (link only). */
#include <errno.h>

#include "rawbpf/attach_net.h"
#include "rawbpf/sys.h"
#include "attach/netcommon.h"

int rawbpf_attach_netns(int prog_fd, int netns_fd, uint32_t attach_type,
			const struct rawbpf_attach_net_opts *opts,
			struct rawbpf_attachment **out)
{
	struct rawbpf_attach_net_opts o;
	int err = rb_net_args(opts, &o);

	if (err)
		return err;
	if (!out || netns_fd < 0 ||
	    (attach_type != BPF_FLOW_DISSECTOR && attach_type != BPF_SK_LOOKUP))
		return -EINVAL;
	/* Legacy flow_dissector attaches to the caller's netns, whatever
	 * @netns_fd says; sk_lookup has only the link. */
	return rb_link_or_prog_attach(prog_fd, netns_fd, attach_type, &o,
				      attach_type == BPF_FLOW_DISSECTOR ?
				      RB_LEGACY_CURRENT_NETNS : RB_LEGACY_NONE,
				      out);
}
