// SPDX-License-Identifier: BSD-2-Clause
/* netlink.c - build rtnetlink requests in caller buffers, send them, read
 * the answers with extended-ack errors. The only place rawbpf opens a
 * netlink socket. */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "sys/libc.h"
#include "sys/netlink.h"
#include "sys/raw.h"

#ifndef NETLINK_EXT_ACK
#define NETLINK_EXT_ACK 11
#endif
#ifndef NETLINK_CAP_ACK
#define NETLINK_CAP_ACK 10
#endif
#ifndef NLM_F_CAPPED
#define NLM_F_CAPPED 0x100
#endif
#ifndef NLM_F_ACK_TLVS
#define NLM_F_ACK_TLVS 0x200
#endif
#define RB_NLMSGERR_ATTR_MSG 1
#define RB_NLMSGERR_ATTR_OFFS 2

#define NL_RECV_BUF 8192

/* The DUMP bits are REPLACE|EXCL on NEW requests: only a GET
 * (rtnetlink types 4n + 2) is a dump. */
static int rb_nl_is_dump(const struct nlmsghdr *nlh)
{
	return (nlh->nlmsg_type & 3) == 2 &&
	       (nlh->nlmsg_flags & NLM_F_DUMP) == NLM_F_DUMP;
}
static uint32_t nl_seq;

void rb_nl_init(struct rb_nl_msg *m, void *buf, size_t cap, uint16_t type,
		uint16_t flags)
{
	m->buf = buf;
	m->cap = cap;
	m->overflow = cap < NLMSG_HDRLEN;
	m->nlh = buf;
	if (m->overflow)
		return;
	memset(buf, 0, NLMSG_HDRLEN);
	m->nlh->nlmsg_len = NLMSG_HDRLEN;
	m->nlh->nlmsg_type = type;
	m->nlh->nlmsg_flags = (uint16_t)(NLM_F_REQUEST | flags);
}

/* Reserve @len bytes (aligned) at the end of the message, zeroed. */
static void *nl_reserve(struct rb_nl_msg *m, size_t len)
{
	size_t at, alen = NLMSG_ALIGN(len);
	void *p;

	if (m->overflow)
		return NULL;
	at = m->nlh->nlmsg_len;
	if (alen > m->cap - at) {
		m->overflow = 1;
		return NULL;
	}
	p = m->buf + at;
	memset(p, 0, alen);
	m->nlh->nlmsg_len = (uint32_t)(at + alen);
	return p;
}

void *rb_nl_put_hdr(struct rb_nl_msg *m, size_t len)
{
	return nl_reserve(m, len);
}

void rb_nl_put(struct rb_nl_msg *m, uint16_t type, const void *data,
	       size_t len)
{
	struct nlattr *a = nl_reserve(m, NLA_HDRLEN + len);

	if (!a)
		return;
	a->nla_len = (uint16_t)(NLA_HDRLEN + len);
	a->nla_type = type;
	if (len)
		memcpy((unsigned char *)a + NLA_HDRLEN, data, len);
}

void rb_nl_put_u32(struct rb_nl_msg *m, uint16_t type, uint32_t v)
{
	rb_nl_put(m, type, &v, sizeof(v));
}

void rb_nl_put_str(struct rb_nl_msg *m, uint16_t type, const char *s)
{
	rb_nl_put(m, type, s, strlen(s) + 1);
}

struct nlattr *rb_nl_nest_start(struct rb_nl_msg *m, uint16_t type)
{
	struct nlattr *a = nl_reserve(m, NLA_HDRLEN);

	if (a)
		a->nla_type = type | NLA_F_NESTED;
	return a;
}

void rb_nl_nest_end(struct rb_nl_msg *m, struct nlattr *nest)
{
	if (!nest || m->overflow)
		return;
	nest->nla_len = (uint16_t)((unsigned char *)m->buf +
				   m->nlh->nlmsg_len - (unsigned char *)nest);
}

const void *rb_nl_attr_data(const struct nlattr *a)
{
	return (const unsigned char *)a + NLA_HDRLEN;
}

size_t rb_nl_attr_len(const struct nlattr *a)
{
	return a->nla_len - NLA_HDRLEN;
}

uint32_t rb_nl_attr_u32(const struct nlattr *a)
{
	uint32_t v = 0;

	if (a && rb_nl_attr_len(a) >= sizeof(v))
		memcpy(&v, rb_nl_attr_data(a), sizeof(v));
	return v;
}

int rb_nl_parse(const void *data, size_t len, const struct nlattr **tb,
		unsigned int max)
{
	const unsigned char *p = data;

	memset(tb, 0, (max + 1) * sizeof(*tb));
	while (len >= NLA_HDRLEN) {
		const struct nlattr *a = (const void *)p;
		size_t step;
		unsigned int type;

		if (a->nla_len < NLA_HDRLEN || a->nla_len > len)
			return -EINVAL;
		type = a->nla_type & NLA_TYPE_MASK;
		if (type <= max)
			tb[type] = a;
		step = NLA_ALIGN(a->nla_len);
		if (step >= len)
			return 0;
		p += step;
		len -= step;
	}
	return len ? -EINVAL : 0;
}

int rb_nl_parse_error(const struct nlmsghdr *nlh, struct rb_nl_err *err)
{
	const struct nlmsgerr *e = NLMSG_DATA(nlh);
	const struct nlattr *tb[RB_NLMSGERR_ATTR_OFFS + 1];
	size_t payload = nlh->nlmsg_len - NLMSG_HDRLEN, skip;
	const unsigned char *tlv;

	if (nlh->nlmsg_len < NLMSG_HDRLEN || payload < sizeof(int))
		return -EBADMSG;
	if (payload < sizeof(*e))	/* old kernels: the error alone */
		return e->error > 0 ? -e->error : e->error;
	if (!err || !(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return e->error;
	/* The TLVs follow the echoed request: its header only when capped. */
	skip = sizeof(*e);
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED) && e->error)
		skip = NLMSG_ALIGN(sizeof(int) + e->msg.nlmsg_len);
	if (skip > payload)
		return e->error;
	tlv = (const unsigned char *)e + skip;
	if (rb_nl_parse(tlv, payload - skip, tb, RB_NLMSGERR_ATTR_OFFS))
		return e->error;
	if (tb[RB_NLMSGERR_ATTR_MSG] && err->msg && err->msg_size) {
		size_t n = rb_nl_attr_len(tb[RB_NLMSGERR_ATTR_MSG]);

		if (n >= err->msg_size)
			n = err->msg_size - 1;
		memcpy(err->msg, rb_nl_attr_data(tb[RB_NLMSGERR_ATTR_MSG]), n);
		err->msg[n] = '\0';
	}
	if (tb[RB_NLMSGERR_ATTR_OFFS])
		err->offset = rb_nl_attr_u32(tb[RB_NLMSGERR_ATTR_OFFS]);
	return e->error;
}

/*
 * Walk the messages of one answer. Returns 1 when the exchange is over
 * (ACK, error or DONE; *result set), 0 to keep reading.
 */
static int nl_walk(const void *buf, size_t size, uint32_t seq, rb_nl_cb cb,
		   void *ctx, struct rb_nl_err *err, int *result)
{
	const unsigned char *p = buf;
	size_t left = size, step;

	while (left >= NLMSG_HDRLEN) {
		const struct nlmsghdr *nlh = (const void *)p;

		if (nlh->nlmsg_len < NLMSG_HDRLEN || nlh->nlmsg_len > left)
			break;
		step = NLMSG_ALIGN(nlh->nlmsg_len);
		left = step >= left ? 0 : left - step;
		p += step;
		if (nlh->nlmsg_seq != seq)
			continue;
		if (nlh->nlmsg_type == NLMSG_ERROR) {
			int e = rb_nl_parse_error(nlh, err);

			if (!*result || e < 0)
				*result = e;
			return 1;
		}
		if (nlh->nlmsg_type == NLMSG_DONE) {
			int e = 0;

			if (nlh->nlmsg_len >= NLMSG_HDRLEN + sizeof(int))
				memcpy(&e, NLMSG_DATA(nlh), sizeof(e));
			if (e < 0)
				*result = e;
			return 1;
		}
		if (cb && !*result) {
			int r = cb(nlh, ctx);

			if (r)
				*result = r;
		}
	}
	if (left) {
		*result = -EBADMSG;
		return 1;
	}
	return 0;
}

static int nl_open(void)
{
	struct timeval tmo = { .tv_sec = 10 };
	int one = 1, fd;
	struct sockaddr_nl sa;

	int err;

	fd = rb_sys_socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE);
	fd = rb_fd_above_stdio(fd);
	if (fd < 0)
		return fd;
	/* Both are optional: old kernels answer without extended acks. */
	rb_sys_setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	rb_sys_setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
	/* The kernel answers at once; never hang a caller on a lost reply. */
	rb_sys_setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tmo, sizeof(tmo));
	memset(&sa, 0, sizeof(sa));
	sa.nl_family = AF_NETLINK;
	err = rb_sys_bind(fd, (struct sockaddr *)&sa, sizeof(sa));
	if (err) {
		rb_sys_close(fd);
		return err;
	}
	return fd;
}

static int nl_talk_kernel(struct rb_nl_msg *m, rb_nl_cb cb, void *ctx,
			  struct rb_nl_err *err)
{
	unsigned char buf[NL_RECV_BUF] __attribute__((aligned(4)));
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	int fd, result = 0, done = 0;
	long n;

	fd = nl_open();
	if (fd < 0)
		return fd;
	n = rb_sys_sendto(fd, m->buf, m->nlh->nlmsg_len, 0,
			  (struct sockaddr *)&sa, sizeof(sa));
	if (n < 0) {
		result = (int)n;
		goto out;
	}
	while (!done) {
		n = rb_sys_recv(fd, buf, sizeof(buf), MSG_TRUNC);
		if (n == -EINTR)
			continue;
		if (n <= 0) {	/* 0: the answer ended without an ACK */
			result = n == -EAGAIN ? -ETIMEDOUT : n ? (int)n : -EBADMSG;
			break;
		}
		if ((size_t)n > sizeof(buf)) {
			result = -EMSGSIZE;
			break;
		}
		done = nl_walk(buf, (size_t)n, m->nlh->nlmsg_seq, cb, ctx, err,
			       &result);
	}
out:
	rb_sys_close(fd);
	return result;
}

int rb_nl_talk(struct rb_nl_msg *m, rb_nl_cb cb, void *ctx,
	       struct rb_nl_err *err)
{
	if (m->overflow)
		return -EMSGSIZE;
	if (err && err->msg && err->msg_size)
		err->msg[0] = '\0';
	/* Each exchange has its own socket; the counter only tells answers
	 * apart in traces. Atomic: handles may live in different threads. */
	m->nlh->nlmsg_seq = __atomic_add_fetch(&nl_seq, 1, __ATOMIC_RELAXED);
	/* Every request ends in an ACK (or DONE for a dump), so the reader
	 * knows when the answer is complete. */
	if (!rb_nl_is_dump(m->nlh))
		m->nlh->nlmsg_flags |= NLM_F_ACK;
	return nl_talk_kernel(m, cb, ctx, err);
}
