// SPDX-License-Identifier: BSD-2-Clause
/* netlink_off.c - stands in for netlink (sys/netlink.c, attach/cls_bpf.c,
 * attach/xdp_netlink.c) in a build with RAWBPF_WITH_NETLINK=OFF: XDP, tcx
 * and netkit links work; what needs netlink (IFLA_XDP, cls_bpf, clsact,
 * their queries) returns -EOPNOTSUPP. */
#include <errno.h>

#include "rawbpf/attach_net.h"
#include "attach/tc.h"

int rb_xdp_netlink(int prog_fd, int ifindex, const struct rawbpf_attach_xdp_opts *o,
		   struct rawbpf_attachment **out)
{
	(void)prog_fd, (void)ifindex, (void)o, (void)out;
	return -EOPNOTSUPP;
}

int rb_cls_bpf_attach(int prog_fd, int ifindex, uint32_t attach_type,
		      const struct rawbpf_attach_tc_opts *o,
		      struct rawbpf_attachment **out)
{
	(void)prog_fd, (void)ifindex, (void)attach_type, (void)o, (void)out;
	return -EOPNOTSUPP;
}

int rawbpf_xdp_set(int ifindex, int prog_fd, uint32_t flags, int expected_fd,
		   char *err_msg, uint32_t err_msg_size)
{
	(void)ifindex, (void)prog_fd, (void)flags, (void)expected_fd;
	(void)err_msg, (void)err_msg_size;
	return -EOPNOTSUPP;
}

int rawbpf_xdp_query(int ifindex, struct rawbpf_xdp_query *q)
{
	(void)ifindex, (void)q;
	return -EOPNOTSUPP;
}

int rawbpf_tc_qdisc_create(int ifindex)
{
	(void)ifindex;
	return -EOPNOTSUPP;
}

int rawbpf_tc_qdisc_destroy(int ifindex)
{
	(void)ifindex;
	return -EOPNOTSUPP;
}

int rawbpf_tc_filter_list(int ifindex, uint32_t attach_type,
		   struct rawbpf_tc_filter *filters, uint32_t *count)
{
	(void)ifindex, (void)attach_type, (void)filters, (void)count;
	return -EOPNOTSUPP;
}
