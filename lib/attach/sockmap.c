// SPDX-License-Identifier: BSD-2-Clause
/* sockmap.c - sk_msg and sk_skb programs on a sockmap or sockhash: a
 * sockmap link (6.10) or PROG_ATTACH to the map (4.14). */
#include <errno.h>

#include "rawbpf/attach_net.h"
#include "rawbpf/sys.h"
#include "attach/netcommon.h"

static int sockmap_type(uint32_t t)
{
	return t == BPF_SK_MSG_VERDICT || t == BPF_SK_SKB_STREAM_PARSER ||
	       t == BPF_SK_SKB_STREAM_VERDICT || t == BPF_SK_SKB_VERDICT;
}

int rawbpf_attach_sockmap(int prog_fd, int map_fd, uint32_t attach_type,
			  const struct rawbpf_attach_net_opts *opts,
			  struct rawbpf_attachment **out)
{
	struct rawbpf_attach_net_opts o;
	int err = rb_net_args(opts, &o);

	if (err)
		return err;
	if (!out || map_fd < 0 || !sockmap_type(attach_type))
		return -EINVAL;
	return rb_link_or_prog_attach(prog_fd, map_fd, attach_type, &o,
				      RB_LEGACY_TARGET, out);
}
