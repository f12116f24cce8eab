// SPDX-License-Identifier: BSD-2-Clause
/* xdp_netlink.c - the older XDP attachment over netlink (IFLA_XDP): mode
 * flags, expected-fd replace, query; rawbpf_attach_xdp (xdp.c) falls back
 * to it where the kernel has no XDP link. */
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>

#include "rawbpf/attach_net.h"
#include "rawbpf/sys.h"
#include "attach/netcommon.h"
#include "attach/tc.h"
#include "core/mem.h"
#include "sys/netlink.h"

#define XDP_MODES (RAWBPF_XDP_SKB_MODE | RAWBPF_XDP_DRV_MODE | RAWBPF_XDP_HW_MODE)

int rawbpf_xdp_set(int ifindex, int prog_fd, uint32_t flags, int expected_fd,
		   char *err_msg, uint32_t err_msg_size)
{
	unsigned char buf[RB_NL_BUF] __attribute__((aligned(4)));
	struct rb_nl_err e = { .msg = err_msg, .msg_size = err_msg_size };
	struct rb_nl_msg m;
	struct ifinfomsg *ifi;
	struct nlattr *nest;

	if (ifindex <= 0)
		return -EINVAL;
	rb_nl_init(&m, buf, sizeof(buf), RTM_SETLINK, NLM_F_ACK);
	ifi = rb_nl_put_hdr(&m, sizeof(*ifi));
	if (ifi) {
		ifi->ifi_family = AF_UNSPEC;
		ifi->ifi_index = ifindex;
	}
	nest = rb_nl_nest_start(&m, IFLA_XDP);
	rb_nl_put_u32(&m, IFLA_XDP_FD, (uint32_t)prog_fd);
	if (expected_fd > 0 || expected_fd == -1) {
		flags |= RAWBPF_XDP_REPLACE;
		rb_nl_put_u32(&m, IFLA_XDP_EXPECTED_FD, (uint32_t)expected_fd);
	}
	if (flags)
		rb_nl_put_u32(&m, IFLA_XDP_FLAGS, flags);
	rb_nl_nest_end(&m, nest);
	return rb_nl_talk(&m, NULL, NULL, &e);
}

struct xdp_query_ctx {
	int ifindex;
	struct rawbpf_xdp_query *q;
	int found;
};

static int xdp_query_cb(const struct nlmsghdr *nlh, void *arg)
{
	struct xdp_query_ctx *c = arg;
	const struct ifinfomsg *ifi = NLMSG_DATA(nlh);
	const struct nlattr *tb[IFLA_XDP + 1], *xtb[IFLA_XDP_HW_PROG_ID + 1];
	size_t hdr = NLMSG_HDRLEN + NLMSG_ALIGN(sizeof(*ifi));

	if (nlh->nlmsg_type != RTM_NEWLINK || nlh->nlmsg_len < hdr ||
	    ifi->ifi_index != c->ifindex)
		return 0;
	c->found = 1;
	if (rb_nl_parse((const unsigned char *)nlh + hdr, nlh->nlmsg_len - hdr,
			tb, IFLA_XDP))
		return -EBADMSG;
	if (!tb[IFLA_XDP])
		return 0;
	if (rb_nl_parse(rb_nl_attr_data(tb[IFLA_XDP]),
			rb_nl_attr_len(tb[IFLA_XDP]), xtb, IFLA_XDP_HW_PROG_ID))
		return -EBADMSG;
	if (xtb[IFLA_XDP_ATTACHED] && rb_nl_attr_len(xtb[IFLA_XDP_ATTACHED]))
		c->q->attached =
			*(const uint8_t *)rb_nl_attr_data(xtb[IFLA_XDP_ATTACHED]);
	c->q->prog_id = rb_nl_attr_u32(xtb[IFLA_XDP_PROG_ID]);
	c->q->skb_prog_id = rb_nl_attr_u32(xtb[IFLA_XDP_SKB_PROG_ID]);
	c->q->drv_prog_id = rb_nl_attr_u32(xtb[IFLA_XDP_DRV_PROG_ID]);
	c->q->hw_prog_id = rb_nl_attr_u32(xtb[IFLA_XDP_HW_PROG_ID]);
	/* With one program in SKB mode, the kernel names it only once. */
	if (c->q->attached == XDP_ATTACHED_SKB && !c->q->skb_prog_id)
		c->q->skb_prog_id = c->q->prog_id;
	if (c->q->attached == XDP_ATTACHED_DRV && !c->q->drv_prog_id)
		c->q->drv_prog_id = c->q->prog_id;
	if (c->q->attached == XDP_ATTACHED_HW && !c->q->hw_prog_id)
		c->q->hw_prog_id = c->q->prog_id;
	return 0;
}

int rawbpf_xdp_query(int ifindex, struct rawbpf_xdp_query *q)
{
	unsigned char buf[RB_NL_BUF] __attribute__((aligned(4)));
	struct xdp_query_ctx c = { .ifindex = ifindex, .q = q };
	struct rb_nl_msg m;
	struct ifinfomsg *ifi;
	int err;

	if (ifindex <= 0 || !q)
		return -EINVAL;
	memset(q, 0, sizeof(*q));
	rb_nl_init(&m, buf, sizeof(buf), RTM_GETLINK, 0);
	ifi = rb_nl_put_hdr(&m, sizeof(*ifi));
	if (ifi) {
		ifi->ifi_family = AF_UNSPEC;
		ifi->ifi_index = ifindex;
	}
	rb_nl_put_u32(&m, IFLA_EXT_MASK, RTEXT_FILTER_SKIP_STATS);
	err = rb_nl_talk(&m, xdp_query_cb, &c, NULL);
	if (err)
		return err;
	return c.found ? 0 : -ENODEV;
}

/* ---- the netlink attachment kind ------------------------------------ */

static int nl_xdp_detach(struct rawbpf_attachment *at)
{
	return rawbpf_xdp_set(at->ifindex, -1, at->flags, at->prog_fd, NULL, 0);
}

static int nl_xdp_replace(struct rawbpf_attachment *at, int new_prog_fd,
			  int expected_fd)
{
	return rawbpf_xdp_set(at->ifindex, new_prog_fd, at->flags, expected_fd,
			      NULL, 0);
}

static int nl_xdp_update(struct rawbpf_attachment *at, int new_prog_fd,
			 int old_prog_fd)
{
	return rb_replace_prog(at, new_prog_fd, old_prog_fd, nl_xdp_replace);
}

static const struct rb_attach_ops nl_xdp_ops = {
	.detach = nl_xdp_detach,
	.update = nl_xdp_update,
};

int rb_xdp_netlink(int prog_fd, int ifindex, const struct rawbpf_attach_xdp_opts *o,
		   struct rawbpf_attachment **out)
{
	struct rawbpf_attachment *at;
	int err;

	at = rb_older_new(RAWBPF_ATTACH_KIND_NETLINK_XDP, &nl_xdp_ops, o->alloc,
			  prog_fd, &err);
	if (!at)
		return err;
	at->ifindex = ifindex;
	at->flags = o->flags & XDP_MODES;
	err = rawbpf_xdp_set(ifindex, prog_fd, o->flags, o->expected_fd,
			     o->err_msg, o->err_msg_size);
	if (err)
		return rb_older_fail(at, err);
	*out = at;
	return 0;
}
