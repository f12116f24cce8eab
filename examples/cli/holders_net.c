// SPDX-License-Identifier: BSD-2-Clause
/*
 * holders_net.c - the holders inside network namespaces: XDP (IFLA_XDP of
 * RTM_GETLINK), tc cls_bpf filters on clsact (RTM_GETTFILTER), tcx
 * PROG_ATTACH (PROG_QUERY by ifindex), and flow_dissector / sk_lookup
 * PROG_ATTACH on the netns itself. Every netns reachable through
 * /proc/PID/ns/net and /run/netns is visited once (by inode); a thread
 * enters it with setns so that the netlink socket talks to that netns.
 * Attachments that a link owns are left to the link scan.
 */
#include <dirent.h>
#include <fcntl.h>
#include <linux/if_link.h>
#include <linux/pkt_cls.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "holders.h"
#include "rawbpf/sys.h"
#ifndef RAWBPF_CLI_NO_NETLINK
#include "sys/netlink.h"
#endif

#define TCX_INGRESS 46
#define TCX_EGRESS 47

struct netns_ctx {
	struct hworld *w;
	int nsfd;
	const char *label;
	int ifindex[256];
	char ifname[256][IF_NAMESIZE];
	int nif;
};

/* link_covers - a link of @type on @target already runs @prog_id: the
 * netlink / query view of it is not another holder. */
static int link_covers(const struct hworld *w, uint32_t prog_id,
		       uint32_t type, uint64_t target)
{
	size_t i;

	for (i = 0; i < w->n; i++)
		if (w->v[i].kind == HK_LINK && w->v[i].id == prog_id &&
		    w->v[i].obj == HOBJ_PROG && w->v[i].link_type == type &&
		    w->v[i].link_target == target)
			return 1;
	return 0;
}

#ifndef RAWBPF_CLI_NO_NETLINK
static void xdp_ref(struct netns_ctx *c, const char *ifname, int ifindex,
		    uint32_t prog_id, const char *mode)
{
	struct href *r;

	if (!prog_id || link_covers(c->w, prog_id, BPF_LINK_TYPE_XDP,
				    (uint64_t)ifindex))
		return;
	r = hworld_add(c->w, HK_XDP, HOBJ_PROG, prog_id);
	if (!r)
		return;
	snprintf(r->col[0], HCOL_LEN, "%s", c->label);
	snprintf(r->col[1], HCOL_LEN, "%s", ifname);
	snprintf(r->col[2], HCOL_LEN, "%s", mode);
}

static int on_link(const struct nlmsghdr *nlh, void *ctx)
{
	struct netns_ctx *c = ctx;
	const struct ifinfomsg *ifi = NLMSG_DATA(nlh);
	const struct nlattr *tb[IFLA_MAX + 1], *xdp[IFLA_XDP_MAX + 1];
	const char *name;
	size_t hdr = NLMSG_SPACE(sizeof(*ifi));

	if (nlh->nlmsg_type != RTM_NEWLINK || nlh->nlmsg_len < hdr ||
	    rb_nl_parse((const char *)nlh + hdr, nlh->nlmsg_len - hdr, tb,
			IFLA_MAX) || !tb[IFLA_IFNAME])
		return 0;
	name = rb_nl_attr_data(tb[IFLA_IFNAME]);
	if (c->nif < 256) {
		c->ifindex[c->nif] = ifi->ifi_index;
		snprintf(c->ifname[c->nif++], IF_NAMESIZE, "%s", name);
	}
	if (!tb[IFLA_XDP] || rb_nl_parse(rb_nl_attr_data(tb[IFLA_XDP]),
					 rb_nl_attr_len(tb[IFLA_XDP]), xdp,
					 IFLA_XDP_MAX))
		return 0;
	if (xdp[IFLA_XDP_PROG_ID] && xdp[IFLA_XDP_ATTACHED] &&
	    *(const uint8_t *)rb_nl_attr_data(xdp[IFLA_XDP_ATTACHED]) !=
		    XDP_ATTACHED_MULTI) {
		static const char *const modes[] = { "", "drv", "skb", "hw" };
		uint8_t a = *(const uint8_t *)rb_nl_attr_data(xdp[IFLA_XDP_ATTACHED]);

		xdp_ref(c, name, ifi->ifi_index,
			rb_nl_attr_u32(xdp[IFLA_XDP_PROG_ID]),
			a < 4 ? modes[a] : "?");
		return 0;
	}
	if (xdp[IFLA_XDP_SKB_PROG_ID])
		xdp_ref(c, name, ifi->ifi_index,
			rb_nl_attr_u32(xdp[IFLA_XDP_SKB_PROG_ID]), "skb");
	if (xdp[IFLA_XDP_DRV_PROG_ID])
		xdp_ref(c, name, ifi->ifi_index,
			rb_nl_attr_u32(xdp[IFLA_XDP_DRV_PROG_ID]), "drv");
	if (xdp[IFLA_XDP_HW_PROG_ID])
		xdp_ref(c, name, ifi->ifi_index,
			rb_nl_attr_u32(xdp[IFLA_XDP_HW_PROG_ID]), "hw");
	return 0;
}

struct filter_ctx {
	struct netns_ctx *c;
	const char *ifname;
	const char *dir;
};

static int on_filter(const struct nlmsghdr *nlh, void *ctx)
{
	struct filter_ctx *f = ctx;
	const struct tcmsg *t = NLMSG_DATA(nlh);
	const struct nlattr *tb[TCA_MAX + 1], *opt[TCA_BPF_MAX + 1];
	size_t hdr = NLMSG_SPACE(sizeof(*t));
	struct href *r;

	if (nlh->nlmsg_type != RTM_NEWTFILTER || nlh->nlmsg_len < hdr ||
	    rb_nl_parse((const char *)nlh + hdr, nlh->nlmsg_len - hdr, tb,
			TCA_MAX) || !tb[TCA_KIND] || !tb[TCA_OPTIONS] ||
	    strcmp(rb_nl_attr_data(tb[TCA_KIND]), "bpf") ||
	    rb_nl_parse(rb_nl_attr_data(tb[TCA_OPTIONS]),
			rb_nl_attr_len(tb[TCA_OPTIONS]), opt, TCA_BPF_MAX) ||
	    !opt[TCA_BPF_ID])
		return 0;
	r = hworld_add(f->c->w, HK_TC, HOBJ_PROG, rb_nl_attr_u32(opt[TCA_BPF_ID]));
	if (!r)
		return 0;
	snprintf(r->col[0], HCOL_LEN, "%s", f->c->label);
	snprintf(r->col[1], HCOL_LEN, "%s", f->ifname);
	snprintf(r->col[2], HCOL_LEN, "%s", f->dir);
	snprintf(r->col[3], HCOL_LEN, "%u", t->tcm_info >> 16);
	return 0;
}

static void tc_filters(struct netns_ctx *c, int i, uint32_t parent,
		       const char *dir)
{
	char buf[RB_NL_BUF];
	struct rb_nl_msg m;
	struct tcmsg *t;
	struct filter_ctx f = { c, c->ifname[i], dir };

	rb_nl_init(&m, buf, sizeof(buf), RTM_GETTFILTER, NLM_F_DUMP);
	t = rb_nl_put_hdr(&m, sizeof(*t));
	if (!t)
		return;
	t->tcm_family = AF_UNSPEC;
	t->tcm_ifindex = c->ifindex[i];
	t->tcm_parent = parent;
	rb_nl_talk(&m, on_filter, &f, NULL);
}

#endif

static void tcx_query(struct netns_ctx *c, int i, uint32_t type,
		      const char *dir)
{
	uint32_t ids[64], links[64] = { 0 }, k;
	struct rawbpf_sys_prog_query_opts q = {
		.size = sizeof(q), .prog_ids = ids, .link_ids = links,
		.count = 64,
	};

	if (rawbpf_sys_prog_query(c->ifindex[i], type, &q))
		return;
	for (k = 0; k < q.count && k < 64; k++) {
		struct href *r;

		if (links[k])
			continue;
		r = hworld_add(c->w, HK_TCX, HOBJ_PROG, ids[k]);
		if (!r)
			return;
		snprintf(r->col[0], HCOL_LEN, "%s", c->label);
		snprintf(r->col[1], HCOL_LEN, "%s", c->ifname[i]);
		snprintf(r->col[2], HCOL_LEN, "%s", dir);
	}
}

#ifdef RAWBPF_CLI_NO_NETLINK
/* A library without netlink: interfaces from if_nameindex, no XDP/tc. */
static int list_interfaces(struct netns_ctx *c)
{
	struct if_nameindex *ni = if_nameindex(), *p;

	for (p = ni; p && p->if_index && c->nif < 256; p++) {
		c->ifindex[c->nif] = (int)p->if_index;
		snprintf(c->ifname[c->nif++], IF_NAMESIZE, "%s", p->if_name);
	}
	if_freenameindex(ni);
	return ni ? 0 : -1;
}
#else
/* Interfaces and their XDP programs, from an RTM_GETLINK dump. */
static int list_interfaces(struct netns_ctx *c)
{
	char buf[RB_NL_BUF];
	struct rb_nl_msg m;

	rb_nl_init(&m, buf, sizeof(buf), RTM_GETLINK, NLM_F_DUMP);
	if (!rb_nl_put_hdr(&m, sizeof(struct ifinfomsg)))
		return -1;
	return rb_nl_talk(&m, on_link, c, NULL);
}
#endif

static void *netns_thread(void *arg)
{
	struct netns_ctx *c = arg;
	int i;

	if (setns(c->nsfd, CLONE_NEWNET) || list_interfaces(c))
		return NULL;
	for (i = 0; i < c->nif; i++) {
#ifndef RAWBPF_CLI_NO_NETLINK
		tc_filters(c, i, TC_H_MAKE(TC_H_CLSACT, TC_H_MIN_INGRESS),
			   "ingress");
		tc_filters(c, i, TC_H_MAKE(TC_H_CLSACT, TC_H_MIN_EGRESS),
			   "egress");
#endif
		tcx_query(c, i, TCX_INGRESS, "ingress");
		tcx_query(c, i, TCX_EGRESS, "egress");
	}
	return NULL;
}

/* flow_dissector / sk_lookup programs attached to the netns itself. */
static void netns_query(struct netns_ctx *c, uint64_t ino)
{
	static const struct {
		uint32_t type;
		enum hkind kind;
	} hooks[] = {
		{ BPF_FLOW_DISSECTOR, HK_FLOW_DISSECTOR },
		{ BPF_SK_LOOKUP, HK_SK_LOOKUP },
	};
	size_t h;

	for (h = 0; h < sizeof(hooks) / sizeof(hooks[0]); h++) {
		uint32_t ids[64], k;
		struct rawbpf_sys_prog_query_opts q = {
			.size = sizeof(q), .prog_ids = ids, .count = 64,
		};

		if (rawbpf_sys_prog_query(c->nsfd, hooks[h].type, &q))
			continue;
		for (k = 0; k < q.count && k < 64; k++) {
			struct href *r;

			if (link_covers(c->w, ids[k], BPF_LINK_TYPE_NETNS, ino))
				continue;
			r = hworld_add(c->w, hooks[h].kind, HOBJ_PROG, ids[k]);
			if (r)
				snprintf(r->col[0], HCOL_LEN, "%s", c->label);
		}
	}
}

struct seen {
	uint64_t ino[512];
	size_t n;
};

static void visit(struct hworld *w, struct seen *s, const char *path,
		  const char *name)
{
	struct netns_ctx *c;
	struct stat st;
	pthread_t th;
	char label[64];
	size_t i;

	if (stat(path, &st))
		return;
	for (i = 0; i < s->n; i++)
		if (s->ino[i] == st.st_ino)
			return;
	if (s->n == sizeof(s->ino) / sizeof(s->ino[0]))
		return;
	s->ino[s->n++] = st.st_ino;
	c = calloc(1, sizeof(*c));
	if (!c)
		return;
	c->w = w;
	if (name)
		snprintf(label, sizeof(label), "%s", name);
	else
		snprintf(label, sizeof(label), "net:[%llu]",
			 (unsigned long long)st.st_ino);
	c->label = label;
	c->nsfd = open(path, O_RDONLY | O_CLOEXEC);
	if (c->nsfd >= 0) {
		netns_query(c, st.st_ino);
		if (!pthread_create(&th, NULL, netns_thread, c))
			pthread_join(th, NULL);
		close(c->nsfd);
	}
	free(c);
}

void scan_netns(struct hworld *w)
{
	struct seen *s = calloc(1, sizeof(*s));
	char path[300];
	struct dirent *de;
	DIR *d;

	if (!s)
		return;
	/* Named ones first, so that they keep their names. */
	if ((d = opendir("/run/netns"))) {
		while ((de = readdir(d)))
			if (de->d_name[0] != '.') {
				snprintf(path, sizeof(path), "/run/netns/%s",
					 de->d_name);
				visit(w, s, path, de->d_name);
			}
		closedir(d);
	}
	if ((d = opendir("/proc"))) {
		while ((de = readdir(d)))
			if (de->d_name[0] >= '1' && de->d_name[0] <= '9') {
				snprintf(path, sizeof(path), "/proc/%s/ns/net",
					 de->d_name);
				visit(w, s, path, NULL);
			}
		closedir(d);
	}
	free(s);
}
