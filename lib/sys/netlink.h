/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * netlink.h - rawbpf's own small rtnetlink code: the single choke point for
 * every netlink message the library sends (XDP and tc attachments).
 *
 * Messages are built in a caller's buffer (usually on the stack):
 *
 *   char buf[RB_NL_BUF];
 *   struct rb_nl_msg m;
 *   rb_nl_init(&m, buf, sizeof(buf), RTM_SETLINK, NLM_F_ACK);
 *   ifi = rb_nl_put_hdr(&m, sizeof(*ifi));
 *   nest = rb_nl_nest_start(&m, IFLA_XDP);
 *   rb_nl_put_u32(&m, IFLA_XDP_FLAGS, flags);
 *   rb_nl_nest_end(&m, nest);
 *   err = rb_nl_talk(&m, NULL, NULL, &err_info);
 *
 * Building never fails loudly: an overflow is remembered in the message and
 * reported (-EMSGSIZE) when it is sent.
 */
#ifndef RB_SYS_NETLINK_H
#define RB_SYS_NETLINK_H

#include <stddef.h>
#include <stdint.h>
#include <linux/netlink.h>

#define RB_NL_BUF 512		/* enough for every request rawbpf sends */

struct rb_nl_msg {
	unsigned char *buf;
	size_t cap;
	struct nlmsghdr *nlh;
	int overflow;
};

/* What the kernel said besides the error number (extended ack). */
struct rb_nl_err {
	char *msg;		/* caller's buffer for NLMSGERR_ATTR_MSG, or NULL */
	uint32_t msg_size;
	uint32_t offset;	/* NLMSGERR_ATTR_OFFS: bad attribute's offset */
};

/* rb_nl_init - start a request of @type with NLM_F_REQUEST | @flags. */
void rb_nl_init(struct rb_nl_msg *m, void *buf, size_t cap, uint16_t type,
		uint16_t flags);
/* rb_nl_put_hdr - reserve the zeroed family header (ifinfomsg, tcmsg). */
void *rb_nl_put_hdr(struct rb_nl_msg *m, size_t len);
/* rb_nl_put - append attribute @type with @len bytes of @data. */
void rb_nl_put(struct rb_nl_msg *m, uint16_t type, const void *data,
	       size_t len);
void rb_nl_put_u32(struct rb_nl_msg *m, uint16_t type, uint32_t v);
void rb_nl_put_str(struct rb_nl_msg *m, uint16_t type, const char *s);
/* rb_nl_nest_start/end - a nested attribute (NLA_F_NESTED set). */
struct nlattr *rb_nl_nest_start(struct rb_nl_msg *m, uint16_t type);
void rb_nl_nest_end(struct rb_nl_msg *m, struct nlattr *nest);

/*
 * rb_nl_parse - index the attributes in @data[@len] by type into @tb
 * (@max + 1 slots, zeroed first; unknown types above @max are skipped).
 * -EINVAL on a malformed attribute.
 */
int rb_nl_parse(const void *data, size_t len, const struct nlattr **tb,
		unsigned int max);
/* rb_nl_attr_data / rb_nl_attr_len - payload of an attribute. */
const void *rb_nl_attr_data(const struct nlattr *a);
size_t rb_nl_attr_len(const struct nlattr *a);
/* rb_nl_attr_u32 - a u32 payload, 0 when too short. */
uint32_t rb_nl_attr_u32(const struct nlattr *a);

/*
 * rb_nl_parse_error - read an NLMSG_ERROR message @nlh: the error (0 for an
 * ACK, else -errno) and, into @err, the extended ack message and offset.
 */
int rb_nl_parse_error(const struct nlmsghdr *nlh, struct rb_nl_err *err);

/* A callback for each answer that is neither an error nor DONE; nonzero
 * stops (and is returned unless negative errors follow). */
typedef int (*rb_nl_cb)(const struct nlmsghdr *nlh, void *ctx);

/*
 * rb_nl_talk - open an NETLINK_ROUTE socket, send @m, receive until the ACK
 * (or NLMSG_DONE for dumps), passing data messages to @cb. Returns 0, the
 * first negative error of the kernel (extended ack into @err), or what @cb
 * returned. The kernel acts on the request when it is sent: an error
 * receiving the answer (a timeout, say) leaves the outcome unknown.
 */
int rb_nl_talk(struct rb_nl_msg *m, rb_nl_cb cb, void *ctx,
	       struct rb_nl_err *err);

#endif
