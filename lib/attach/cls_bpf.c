// SPDX-License-Identifier: BSD-2-Clause
/* cls_bpf.c - the older tc path over netlink: a clsact qdisc and
 * direct-action cls_bpf filters (create, replace, delete, list). */
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <sys/socket.h>
#include <linux/if_ether.h>
#include <linux/pkt_cls.h>
#include <linux/pkt_sched.h>
#include <linux/rtnetlink.h>

#include "rawbpf/attach_net.h"
#include "rawbpf/sys.h"
#include "attach/link_or_older.h"
#include "attach/tc.h"
#include "core/mem.h"
#include "sys/netlink.h"

#ifndef TC_H_CLSACT
#define TC_H_CLSACT TC_H_INGRESS
#endif
#ifndef TC_H_MIN_INGRESS
#define TC_H_MIN_INGRESS 0xFFF2U
#define TC_H_MIN_EGRESS 0xFFF3U
#endif

static uint32_t clsact_parent(uint32_t attach_type)
{
	return TC_H_MAKE(TC_H_CLSACT, attach_type == RAWBPF_TCX_EGRESS ?
				      TC_H_MIN_EGRESS : TC_H_MIN_INGRESS);
}

/* Start a tc request: the tcmsg fields every message of ours sets. */
static void tc_msg(struct rb_nl_msg *m, void *buf, size_t cap, uint16_t type,
		   uint16_t flags, int ifindex, uint32_t parent,
		   uint32_t handle, uint32_t info)
{
	struct tcmsg *t;

	rb_nl_init(m, buf, cap, type, flags);
	t = rb_nl_put_hdr(m, sizeof(*t));
	if (!t)
		return;
	t->tcm_family = AF_UNSPEC;
	t->tcm_ifindex = ifindex;
	t->tcm_parent = parent;
	t->tcm_handle = handle;
	t->tcm_info = info;
}

static int qdisc(uint16_t type, uint16_t flags, int ifindex)
{
	unsigned char buf[RB_NL_BUF] __attribute__((aligned(4)));
	struct rb_nl_msg m;

	if (ifindex <= 0)
		return -EINVAL;
	tc_msg(&m, buf, sizeof(buf), type, flags, ifindex, TC_H_CLSACT,
	       TC_H_MAKE(TC_H_CLSACT, 0), 0);
	rb_nl_put_str(&m, TCA_KIND, "clsact");
	return rb_nl_talk(&m, NULL, NULL, NULL);
}

/* Add the clsact qdisc: 1 when we made it, 0 when it was there, -errno. */
static int qdisc_ensure(int ifindex)
{
	int err = qdisc(RTM_NEWQDISC, NLM_F_CREATE | NLM_F_EXCL, ifindex);

	return err == -EEXIST ? 0 : err ? err : 1;
}

int rawbpf_tc_qdisc_create(int ifindex)
{
	return qdisc_ensure(ifindex);
}

int rawbpf_tc_qdisc_destroy(int ifindex)
{
	return qdisc(RTM_DELQDISC, 0, ifindex);
}

static uint32_t filter_info(uint32_t priority)
{
	return TC_H_MAKE(priority << 16, htons(ETH_P_ALL));
}

/* Create (@flags NLM_F_CREATE|NLM_F_EXCL) or replace a cls_bpf filter. */
static int filter_set(int ifindex, uint32_t parent, uint32_t handle,
		      uint32_t priority, int prog_fd, uint16_t flags,
		      struct rb_nl_err *e)
{
	unsigned char buf[RB_NL_BUF] __attribute__((aligned(4)));
	struct rb_nl_msg m;
	struct nlattr *nest;

	tc_msg(&m, buf, sizeof(buf), RTM_NEWTFILTER, flags, ifindex, parent,
	       handle, filter_info(priority));
	rb_nl_put_str(&m, TCA_KIND, "bpf");
	nest = rb_nl_nest_start(&m, TCA_OPTIONS);
	rb_nl_put_u32(&m, TCA_BPF_FD, (uint32_t)prog_fd);
	rb_nl_put_str(&m, TCA_BPF_NAME, "rawbpf");
	rb_nl_put_u32(&m, TCA_BPF_FLAGS, TCA_BPF_FLAG_ACT_DIRECT);
	rb_nl_nest_end(&m, nest);
	return rb_nl_talk(&m, NULL, NULL, e);
}

static int filter_del(int ifindex, uint32_t parent, uint32_t handle,
		      uint32_t priority)
{
	unsigned char buf[RB_NL_BUF] __attribute__((aligned(4)));
	struct rb_nl_msg m;

	tc_msg(&m, buf, sizeof(buf), RTM_DELTFILTER, 0, ifindex, parent,
	       handle, filter_info(priority));
	rb_nl_put_str(&m, TCA_KIND, "bpf");
	return rb_nl_talk(&m, NULL, NULL, NULL);
}

struct list_ctx {
	struct rawbpf_tc_filter *f;
	uint32_t room, n;
};

static int list_cb(const struct nlmsghdr *nlh, void *arg)
{
	struct list_ctx *c = arg;
	const struct tcmsg *t = NLMSG_DATA(nlh);
	const struct nlattr *tb[TCA_OPTIONS + 1], *btb[TCA_BPF_ID + 1];
	size_t hdr = NLMSG_HDRLEN + NLMSG_ALIGN(sizeof(*t));
	struct rawbpf_tc_filter f;

	if (nlh->nlmsg_type != RTM_NEWTFILTER || nlh->nlmsg_len < hdr)
		return 0;
	if (rb_nl_parse((const unsigned char *)nlh + hdr, nlh->nlmsg_len - hdr,
			tb, TCA_OPTIONS))
		return -EBADMSG;
	/* Only bpf filters; the per-priority header entry has no options. */
	if (!tb[TCA_KIND] || rb_nl_attr_len(tb[TCA_KIND]) != 4 ||
	    memcmp(rb_nl_attr_data(tb[TCA_KIND]), "bpf", 4) || !tb[TCA_OPTIONS])
		return 0;
	if (rb_nl_parse(rb_nl_attr_data(tb[TCA_OPTIONS]),
			rb_nl_attr_len(tb[TCA_OPTIONS]), btb, TCA_BPF_ID))
		return -EBADMSG;
	f.handle = t->tcm_handle;
	f.priority = TC_H_MAJ(t->tcm_info) >> 16;
	f.prog_id = rb_nl_attr_u32(btb[TCA_BPF_ID]);
	f.flags = rb_nl_attr_u32(btb[TCA_BPF_FLAGS]);
	if (c->n < c->room)
		c->f[c->n] = f;
	c->n++;
	return 0;
}

int rawbpf_tc_filter_list(int ifindex, uint32_t attach_type,
			  struct rawbpf_tc_filter *filters, uint32_t *count)
{
	unsigned char buf[RB_NL_BUF] __attribute__((aligned(4)));
	struct list_ctx c;
	struct rb_nl_msg m;
	int err;

	if (ifindex <= 0 || !count || (*count && !filters) ||
	    (attach_type != RAWBPF_TCX_INGRESS &&
	     attach_type != RAWBPF_TCX_EGRESS))
		return -EINVAL;
	c.f = filters;
	c.room = *count;
	c.n = 0;
	tc_msg(&m, buf, sizeof(buf), RTM_GETTFILTER, NLM_F_DUMP, ifindex,
	       clsact_parent(attach_type), 0, 0);
	err = rb_nl_talk(&m, list_cb, &c, NULL);
	if (err)
		return err;
	*count = c.n;
	return c.n > c.room ? -ENOSPC : 0;
}

/* ---- the netlink tc attachment kind ---------------------------------- */

static int cls_detach(struct rawbpf_attachment *at)
{
	return filter_del(at->ifindex, at->parent, at->handle, at->priority);
}

/* The id of the program in our filter, 0 if the filter is gone. */
static int cls_current_id(const struct rawbpf_attachment *at, uint32_t *id)
{
	struct rawbpf_tc_filter f[16];
	uint32_t n = RB_ARRAY_SIZE(f);
	int err = rawbpf_tc_filter_list(at->ifindex, at->attach_type, f, &n);

	*id = 0;
	if (err && err != -ENOSPC)
		return err;
	for (uint32_t i = 0; i < n && i < RB_ARRAY_SIZE(f); i++)
		if (f[i].handle == at->handle && f[i].priority == at->priority)
			*id = f[i].prog_id;
	return 0;
}

/* tc has no atomic "replace if": compare ids, then replace. */
static int cls_replace(struct rawbpf_attachment *at, int new_prog_fd,
		       int expected_fd)
{
	uint32_t have, want;
	int err;

	if ((err = cls_current_id(at, &have)) ||
	    (err = rb_fd_prog_id(expected_fd, &want)))
		return err;
	if (!have)
		return -ENOENT;
	if (have != want)
		return -EEXIST;
	return filter_set(at->ifindex, at->parent, at->handle, at->priority,
			  new_prog_fd, NLM_F_REPLACE, NULL);
}

static int cls_update(struct rawbpf_attachment *at, int new_prog_fd,
		      int old_prog_fd)
{
	return rb_replace_prog(at, new_prog_fd, old_prog_fd, cls_replace);
}

static const struct rb_attach_ops cls_ops = {
	.detach = cls_detach,
	.update = cls_update,
};

int rb_cls_bpf_attach(int prog_fd, int ifindex, uint32_t attach_type,
		      const struct rawbpf_attach_tc_opts *o,
		      struct rawbpf_attachment **out)
{
	struct rb_nl_err e = { .msg = o->err_msg, .msg_size = o->err_msg_size };
	struct rawbpf_attachment *at;
	int made, err;

	if (o->flags || o->relative_fd || o->relative_id ||
	    o->replace_prog_fd || o->expected_revision)
		return -EINVAL;		/* tcx ordering has no cls_bpf meaning */
	if (o->priority > 0xffff)
		return -EINVAL;
	at = rb_older_new(RAWBPF_ATTACH_KIND_NETLINK_TC, &cls_ops, o->alloc, prog_fd,
			  &err);
	if (!at)
		return err;
	at->ifindex = ifindex;
	at->attach_type = attach_type;
	at->parent = clsact_parent(attach_type);
	at->handle = o->handle ? o->handle : 1;
	at->priority = o->priority ? o->priority : 1;
	made = qdisc_ensure(ifindex);
	if (made < 0)
		return rb_older_fail(at, made);
	err = filter_set(ifindex, at->parent, at->handle, at->priority,
			 prog_fd, NLM_F_CREATE | NLM_F_EXCL, &e);
	if (err) {
		/* A qdisc we made only for this filter goes with it. */
		if (made)
			rawbpf_tc_qdisc_destroy(ifindex);
		return rb_older_fail(at, err);
	}
	*out = at;
	return 0;
}
