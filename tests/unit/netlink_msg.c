// SPDX-License-Identifier: BSD-2-Clause
/* netlink_msg.c - the netlink choke point without a kernel: request bytes
 * for XDP, answers with and without extended acks, malformed answers,
 * overflow, and the parsing of a link dump. */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <linux/if_ether.h>
#include <linux/pkt_cls.h>
#include <linux/pkt_sched.h>
#include <arpa/inet.h>
#include <fcntl.h>
#include <unistd.h>

#include "fixture.h"
#include "rawbpf/attach_net.h"
#include "sys/netlink.h"

#define NLMSG_ERROR_CAPPED 0x100
#define NLMSG_ACK_TLVS 0x200

struct fake {
	unsigned char req[1024];	/* the last request */
	size_t req_len;
	unsigned char reqs[4][512];	/* the first four */
	int n_reqs;
	unsigned char reply[2048];
	size_t reply_len;
	long ret;		/* < 0: fail the transfer */
};

static long fake_xfer(void *ctx, const void *req, size_t len, void *reply,
		      size_t cap)
{
	struct fake *f = ctx;
	struct nlmsghdr *nlh;
	size_t off = 0;

	memcpy(f->req, req, len);
	f->req_len = len;
	if (f->n_reqs < 4 && len <= sizeof(f->reqs[0]))
		memcpy(f->reqs[f->n_reqs++], req, len);
	if (f->ret < 0)
		return f->ret;
	assert_true(f->reply_len <= cap);
	memcpy(reply, f->reply, f->reply_len);
	/* answer with the request's sequence number */
	while (off + NLMSG_HDRLEN <= f->reply_len) {
		nlh = (struct nlmsghdr *)((unsigned char *)reply + off);
		nlh->nlmsg_seq = ((const struct nlmsghdr *)req)->nlmsg_seq;
		if (nlh->nlmsg_len < NLMSG_HDRLEN)
			break;
		off += NLMSG_ALIGN(nlh->nlmsg_len);
	}
	return (long)f->reply_len;
}

static struct fake fk;
static const struct rb_nl_hook hook = { .xfer = fake_xfer, .ctx = &fk };

static int setup(void **state)
{
	(void)state;
	memset(&fk, 0, sizeof(fk));
	rb_nl_set_hook(&hook);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	rb_nl_set_hook(NULL);
	return 0;
}

/* Append a message to the fake reply; returns its payload. */
static void *reply_msg(uint16_t type, uint16_t flags, size_t payload)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)(fk.reply + fk.reply_len);

	memset(nlh, 0, NLMSG_SPACE(payload));
	nlh->nlmsg_len = (uint32_t)NLMSG_LENGTH(payload);
	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = flags;
	fk.reply_len += NLMSG_SPACE(payload);
	return NLMSG_DATA(nlh);
}

static size_t put_attr(unsigned char *p, uint16_t type, const void *d,
		       size_t len)
{
	struct nlattr a = { .nla_len = (uint16_t)(NLA_HDRLEN + len),
			    .nla_type = type };

	memcpy(p, &a, sizeof(a));
	memcpy(p + NLA_HDRLEN, d, len);
	return NLA_ALIGN(NLA_HDRLEN + len);
}

/* An NLMSG_ERROR with @err, capped, carrying @msg as extack. */
static void reply_error(int err, const char *msg)
{
	unsigned char tlv[128];
	size_t tl = msg ? put_attr(tlv, 1, msg, strlen(msg) + 1) : 0;
	uint32_t offs = 20;
	struct nlmsgerr *e;

	if (msg)
		tl += put_attr(tlv + tl, 2, &offs, sizeof(offs));
	e = reply_msg(NLMSG_ERROR,
		      msg ? NLMSG_ERROR_CAPPED | NLMSG_ACK_TLVS : 0,
		      sizeof(*e) + tl);
	e->error = err;
	e->msg.nlmsg_len = NLMSG_HDRLEN;
	memcpy((unsigned char *)(e + 1), tlv, tl);
}

static void test_xdp_set_bytes(void **state)
{
	const struct nlmsghdr *nlh = (const void *)fk.req;
	const struct ifinfomsg *ifi;
	const struct nlattr *tb[IFLA_XDP + 1], *xtb[IFLA_XDP_EXPECTED_FD + 1];
	size_t hdr = NLMSG_HDRLEN + NLMSG_ALIGN(sizeof(*ifi));

	(void)state;
	reply_error(0, NULL);
	assert_int_equal(rawbpf_xdp_set(7, 33, RAWBPF_XDP_SKB_MODE, 44, NULL, 0),
			 0);
	assert_int_equal(nlh->nlmsg_len, fk.req_len);
	assert_int_equal(nlh->nlmsg_type, RTM_SETLINK);
	assert_int_equal(nlh->nlmsg_flags, NLM_F_REQUEST | NLM_F_ACK);
	ifi = NLMSG_DATA(nlh);
	assert_int_equal(ifi->ifi_family, AF_UNSPEC);
	assert_int_equal(ifi->ifi_index, 7);
	assert_int_equal(rb_nl_parse(fk.req + hdr, fk.req_len - hdr, tb,
				     IFLA_XDP), 0);
	assert_non_null(tb[IFLA_XDP]);
	assert_true(tb[IFLA_XDP]->nla_type & NLA_F_NESTED);
	assert_int_equal(rb_nl_parse(rb_nl_attr_data(tb[IFLA_XDP]),
				     rb_nl_attr_len(tb[IFLA_XDP]), xtb,
				     IFLA_XDP_EXPECTED_FD), 0);
	assert_int_equal(rb_nl_attr_u32(xtb[IFLA_XDP_FD]), 33);
	assert_int_equal(rb_nl_attr_u32(xtb[IFLA_XDP_EXPECTED_FD]), 44);
	assert_int_equal(rb_nl_attr_u32(xtb[IFLA_XDP_FLAGS]),
			 XDP_FLAGS_SKB_MODE | XDP_FLAGS_REPLACE);
	/* exact size: hdr + nest(4) + 3 u32 attributes of 8 bytes */
	assert_int_equal(fk.req_len, hdr + 4 + 3 * 8);

	/* detach without an expected program: fd -1, no flags attribute */
	fk.reply_len = 0;
	reply_error(0, NULL);
	assert_int_equal(rawbpf_xdp_set(7, -1, 0, 0, NULL, 0), 0);
	assert_int_equal(fk.req_len, hdr + 4 + 8);
}

static void test_extack_capped(void **state)
{
	char msg[64];

	(void)state;
	reply_error(-EBUSY, "XDP program already attached");
	assert_int_equal(rawbpf_xdp_set(7, 33, 0, 0, msg, sizeof(msg)), -EBUSY);
	assert_string_equal(msg, "XDP program already attached");
	/* a short buffer gets a cut, terminated message */
	fk.reply_len = 0;
	reply_error(-EBUSY, "XDP program already attached");
	assert_int_equal(rawbpf_xdp_set(7, 33, 0, 0, msg, 4), -EBUSY);
	assert_string_equal(msg, "XDP");
}

static void test_extack_uncapped(void **state)
{
	unsigned char tlv[64];
	size_t tl = put_attr(tlv, 1, "bad fd", 7);
	struct nlmsgerr *e;
	struct rb_nl_err err;
	char msg[32];
	size_t echo = 24;	/* the request echoed: header + 8 bytes */

	(void)state;
	e = reply_msg(NLMSG_ERROR, NLMSG_ACK_TLVS,
		      sizeof(int) + echo + tl);
	e->error = -EINVAL;
	e->msg.nlmsg_len = (uint32_t)echo;
	memcpy((unsigned char *)e + sizeof(int) + echo, tlv, tl);
	memset(&err, 0, sizeof(err));
	err.msg = msg;
	err.msg_size = sizeof(msg);
	assert_int_equal(rb_nl_parse_error((struct nlmsghdr *)fk.reply, &err),
			 -EINVAL);
	assert_string_equal(msg, "bad fd");
}

static void test_error_without_tlvs(void **state)
{
	char msg[16] = "stale";

	(void)state;
	reply_error(-ENODEV, NULL);
	assert_int_equal(rawbpf_xdp_set(7, 33, 0, 0, msg, sizeof(msg)),
			 -ENODEV);
	assert_string_equal(msg, "");	/* cleared, nothing from the kernel */
}

static void test_malformed_answers(void **state)
{
	struct nlmsghdr *nlh;

	(void)state;
	/* no ACK at all */
	reply_msg(RTM_NEWLINK, 0, 16);
	assert_int_equal(rawbpf_xdp_set(7, 33, 0, 0, NULL, 0), -EBADMSG);
	/* a message claiming more bytes than were received */
	fk.reply_len = 0;
	nlh = (struct nlmsghdr *)fk.reply;
	reply_error(0, NULL);
	nlh->nlmsg_len = 400;
	assert_int_equal(rawbpf_xdp_set(7, 33, 0, 0, NULL, 0), -EBADMSG);
	/* an error message too short to hold the error number */
	fk.reply_len = 0;
	reply_msg(NLMSG_ERROR, 0, 0);
	assert_int_equal(rawbpf_xdp_set(7, 33, 0, 0, NULL, 0), -EBADMSG);
	/* the transfer itself fails */
	fk.ret = -ENOBUFS;
	assert_int_equal(rawbpf_xdp_set(7, 33, 0, 0, NULL, 0), -ENOBUFS);
	/* an attribute running past its message */
	{
		unsigned char bad[8] = { 0xff, 0x00, 0x01, 0x00 };
		const struct nlattr *tb[2];

		assert_int_equal(rb_nl_parse(bad, sizeof(bad), tb, 1), -EINVAL);
		bad[0] = 2;	/* shorter than a header */
		assert_int_equal(rb_nl_parse(bad, sizeof(bad), tb, 1), -EINVAL);
	}
}

static void test_overflow(void **state)
{
	unsigned char buf[24];
	struct rb_nl_msg m;

	(void)state;
	rb_nl_init(&m, buf, sizeof(buf), RTM_SETLINK, 0);
	rb_nl_put_u32(&m, 1, 1);	/* 16 + 8 fits */
	assert_false(m.overflow);
	rb_nl_put_u32(&m, 2, 2);	/* does not */
	assert_true(m.overflow);
	assert_int_equal(rb_nl_talk(&m, NULL, NULL, NULL), -EMSGSIZE);
	assert_int_equal(fk.req_len, 0);	/* nothing was sent */
	rb_nl_init(&m, buf, 8, RTM_SETLINK, 0);
	assert_true(m.overflow);
	assert_int_equal(rb_nl_talk(&m, NULL, NULL, NULL), -EMSGSIZE);
}

/* An RTM_NEWLINK answer with IFLA_XDP nested, then the ACK. */
static void test_xdp_query_parse(void **state)
{
	unsigned char nest[64];
	size_t nl = 0;
	uint8_t mode = XDP_ATTACHED_SKB;
	uint32_t id = 77;
	struct ifinfomsg *ifi;
	struct nlattr *xdp;
	struct rawbpf_xdp_query q;
	const struct nlmsghdr *req = (const void *)fk.req;

	(void)state;
	nl += put_attr(nest + nl, IFLA_XDP_ATTACHED, &mode, 1);
	nl += put_attr(nest + nl, IFLA_XDP_PROG_ID, &id, 4);
	ifi = reply_msg(RTM_NEWLINK, 0, NLMSG_ALIGN(sizeof(*ifi)) + 4 + nl);
	ifi->ifi_index = 9;
	xdp = (struct nlattr *)((unsigned char *)ifi + NLMSG_ALIGN(sizeof(*ifi)));
	xdp->nla_len = (uint16_t)(4 + nl);
	xdp->nla_type = IFLA_XDP | NLA_F_NESTED;
	memcpy(xdp + 1, nest, nl);
	reply_error(0, NULL);
	assert_int_equal(rawbpf_xdp_query(9, &q), 0);
	assert_int_equal(req->nlmsg_type, RTM_GETLINK);
	assert_int_equal(q.attached, XDP_ATTACHED_SKB);
	assert_int_equal(q.prog_id, 77);
	assert_int_equal(q.skb_prog_id, 77);
	assert_int_equal(q.drv_prog_id, 0);
	/* an answer about another device is not ours */
	assert_int_equal(rawbpf_xdp_query(10, &q), -ENODEV);
	assert_int_equal(rawbpf_xdp_query(-1, &q), -EINVAL);
}


/* tcmsg and attributes of a recorded tc request. */
static const struct tcmsg *tc_req(int i, const struct nlattr **tb)
{
	const struct nlmsghdr *nlh = (const void *)fk.reqs[i];
	size_t hdr = NLMSG_HDRLEN + NLMSG_ALIGN(sizeof(struct tcmsg));

	assert_int_equal(rb_nl_parse(fk.reqs[i] + hdr, nlh->nlmsg_len - hdr, tb,
				     TCA_OPTIONS), 0);
	return NLMSG_DATA(nlh);
}

/* cls_bpf: the qdisc, then the filter; delete on destroy. */
static void test_cls_bpf_bytes(void **state)
{
	const struct nlattr *tb[TCA_OPTIONS + 1], *btb[TCA_BPF_FLAGS + 1];
	const struct nlmsghdr *nlh;
	const struct tcmsg *t;
	struct rawbpf_attachment *at = NULL;
	RAWBPF_OPTS(rawbpf_attach_tc_opts, o, .mode = RAWBPF_ATTACH_MODE_LEGACY, .handle = 3,
		    .priority = 9);
	int prog = open("/dev/null", O_RDONLY | O_CLOEXEC);

	(void)state;
	reply_error(0, NULL);
	assert_int_equal(rawbpf_attach_tc(prog, 4, RAWBPF_TCX_EGRESS, &o, &at), 0);
	assert_int_equal(fk.n_reqs, 2);
	nlh = (const void *)fk.reqs[0];
	assert_int_equal(nlh->nlmsg_type, RTM_NEWQDISC);
	assert_int_equal(nlh->nlmsg_flags,
			 NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL);
	t = tc_req(0, tb);
	assert_int_equal(t->tcm_ifindex, 4);
	assert_int_equal(t->tcm_parent, TC_H_CLSACT);
	assert_int_equal(t->tcm_handle, 0xffff0000U);
	assert_string_equal(rb_nl_attr_data(tb[TCA_KIND]), "clsact");

	nlh = (const void *)fk.reqs[1];
	assert_int_equal(nlh->nlmsg_type, RTM_NEWTFILTER);
	t = tc_req(1, tb);
	assert_int_equal(t->tcm_parent, 0xfffffff3U);	/* clsact egress */
	assert_int_equal(t->tcm_handle, 3);
	assert_int_equal(t->tcm_info, (9U << 16) | htons(ETH_P_ALL));
	assert_string_equal(rb_nl_attr_data(tb[TCA_KIND]), "bpf");
	assert_true(tb[TCA_OPTIONS]->nla_type & NLA_F_NESTED);
	assert_int_equal(rb_nl_parse(rb_nl_attr_data(tb[TCA_OPTIONS]),
				     rb_nl_attr_len(tb[TCA_OPTIONS]), btb,
				     TCA_BPF_FLAGS), 0);
	assert_int_equal(rb_nl_attr_u32(btb[TCA_BPF_FD]), prog);
	assert_int_equal(rb_nl_attr_u32(btb[TCA_BPF_FLAGS]),
			 TCA_BPF_FLAG_ACT_DIRECT);
	assert_non_null(btb[TCA_BPF_NAME]);

	rawbpf_attachment_destroy(at);
	assert_int_equal(fk.n_reqs, 3);
	nlh = (const void *)fk.reqs[2];
	assert_int_equal(nlh->nlmsg_type, RTM_DELTFILTER);
	t = tc_req(2, tb);
	assert_int_equal(t->tcm_handle, 3);
	assert_int_equal(t->tcm_info, (9U << 16) | htons(ETH_P_ALL));
	close(prog);
}

/* A qdisc that exists is fine; a filter the kernel refuses leaves no
 * handle and says why. */
static void test_cls_bpf_errors(void **state)
{
	struct rawbpf_attachment *at = NULL;
	char msg[64];
	RAWBPF_OPTS(rawbpf_attach_tc_opts, o, .mode = RAWBPF_ATTACH_MODE_LEGACY,
		    .err_msg = msg, .err_msg_size = sizeof(msg));
	int prog = open("/dev/null", O_RDONLY | O_CLOEXEC);

	(void)state;
	reply_error(-EEXIST, "Exclusivity flag on, cannot modify");
	assert_int_equal(rawbpf_tc_qdisc_create(4), 0);
	/* every answer is that error: the filter fails with its message */
	assert_int_equal(rawbpf_attach_tc(prog, 4, RAWBPF_TCX_INGRESS, &o, &at),
			 -EEXIST);
	assert_string_equal(msg, "Exclusivity flag on, cannot modify");
	assert_null(at);
	o.priority = 0x10000;
	assert_int_equal(rawbpf_attach_tc(prog, 4, RAWBPF_TCX_INGRESS, &o, &at),
			 -EINVAL);
	fk.reply_len = 0;
	reply_error(-ENODEV, NULL);
	assert_int_equal(rawbpf_tc_qdisc_destroy(4), -ENODEV);
	assert_int_equal(rawbpf_tc_qdisc_destroy(0), -EINVAL);
	/* a descriptor that is no fd fails before netlink */
	fk.n_reqs = 0;
	o.priority = 0;
	assert_int_equal(rawbpf_attach_tc(9999, 4, RAWBPF_TCX_INGRESS, &o, &at),
			 -EBADF);
	assert_int_equal(fk.n_reqs, 0);
	close(prog);
}

/* Append one RTM_NEWTFILTER of a dump to the fake reply. */
static void reply_filter(const char *kind, uint32_t handle, uint32_t prio,
			 uint32_t id, int with_opts)
{
	unsigned char attrs[128], opts[64];
	size_t al = 0, ol = 0;
	uint32_t flags = TCA_BPF_FLAG_ACT_DIRECT;
	struct tcmsg *t;

	al += put_attr(attrs + al, TCA_KIND, kind, strlen(kind) + 1);
	if (with_opts) {
		ol += put_attr(opts + ol, TCA_BPF_ID, &id, 4);
		ol += put_attr(opts + ol, TCA_BPF_FLAGS, &flags, 4);
		al += put_attr(attrs + al, TCA_OPTIONS | NLA_F_NESTED, opts, ol);
	}
	t = reply_msg(RTM_NEWTFILTER, NLM_F_MULTI, NLMSG_ALIGN(sizeof(*t)) + al);
	t->tcm_handle = handle;
	t->tcm_info = (prio << 16) | htons(ETH_P_ALL);
	memcpy((unsigned char *)t + NLMSG_ALIGN(sizeof(*t)), attrs, al);
}

static void test_tc_list_parse(void **state)
{
	struct rawbpf_tc_filter f[2];
	uint32_t n = 2;
	const struct nlmsghdr *req = (const void *)fk.req;
	int *done;

	(void)state;
	reply_filter("bpf", 0, 1, 0, 0);	/* chain header: skipped */
	reply_filter("bpf", 1, 1, 31, 1);
	reply_filter("u32", 2, 2, 0, 1);	/* not ours: skipped */
	reply_filter("bpf", 7, 3, 32, 1);
	done = reply_msg(NLMSG_DONE, NLM_F_MULTI, sizeof(int));
	*done = 0;
	assert_int_equal(rawbpf_tc_filter_list(4, RAWBPF_TCX_INGRESS, f, &n), 0);
	assert_int_equal(req->nlmsg_type, RTM_GETTFILTER);
	assert_int_equal(req->nlmsg_flags, NLM_F_REQUEST | NLM_F_DUMP);
	assert_int_equal(n, 2);
	assert_int_equal(f[0].handle, 1);
	assert_int_equal(f[0].prog_id, 31);
	assert_int_equal(f[0].flags, TCA_BPF_FLAG_ACT_DIRECT);
	assert_int_equal(f[1].handle, 7);
	assert_int_equal(f[1].priority, 3);
	assert_int_equal(f[1].prog_id, 32);
	n = 1;
	assert_int_equal(rawbpf_tc_filter_list(4, RAWBPF_TCX_INGRESS, f, &n), -ENOSPC);
	assert_int_equal(n, 2);
	/* a dump that ends in an error */
	*done = -EPERM;
	n = 2;
	assert_int_equal(rawbpf_tc_filter_list(4, RAWBPF_TCX_INGRESS, f, &n), -EPERM);
	assert_int_equal(rawbpf_tc_filter_list(4, RAWBPF_TCX_INGRESS, NULL, NULL),
			 -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_xdp_set_bytes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_extack_capped, setup, teardown),
		cmocka_unit_test_setup_teardown(test_extack_uncapped, setup, teardown),
		cmocka_unit_test_setup_teardown(test_error_without_tlvs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_malformed_answers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_overflow, setup, teardown),
		cmocka_unit_test_setup_teardown(test_xdp_query_parse, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cls_bpf_bytes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cls_bpf_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tc_list_parse, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
