// SPDX-License-Identifier: BSD-2-Clause
/* netfilter.c - netfilter hooks: a BPF_NETFILTER link (6.4), the only
 * mechanism there is. */
#include <errno.h>

#include "rawbpf/attach_net.h"
#include "rawbpf/sys.h"
#include "attach/netcommon.h"
#include "core/mem.h"

int rawbpf_attach_netfilter(int prog_fd,
			    const struct rawbpf_attach_netfilter_opts *opts,
			    struct rawbpf_attachment **out)
{
	struct rawbpf_attach_netfilter_opts o;
	RAWBPF_OPTS(rawbpf_sys_link_create_opts, lo);
	int err = rb_opts_copy(&o, sizeof(o), opts);

	if (err)
		return err;
	if (!opts || !out)
		return -EINVAL;
	lo.netfilter.pf = o.pf;
	lo.netfilter.hooknum = o.hooknum;
	lo.netfilter.priority = o.priority;
	lo.netfilter.flags = o.flags;
	return rb_link_attachment(rawbpf_sys_link_create(prog_fd, 0,
						     RAWBPF_NETFILTER, &lo),
				  o.alloc, out);
}
