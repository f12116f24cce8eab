// SPDX-License-Identifier: BSD-2-Clause
/* tc.c - tc programs: tcx links and tcx PROG_ATTACH (6.6) with ordering,
 * netkit (6.7), and the choice between a tcx link and the older cls_bpf
 * filter (lib/attach/cls_bpf.c). */
#include <errno.h>

#include "rawbpf/attach_net.h"
#include "rawbpf/sys.h"
#include "attach/netcommon.h"
#include "attach/tc.h"
#include "core/mem.h"

static int tc_link(int prog_fd, int ifindex, uint32_t attach_type,
		   const struct rawbpf_attach_tc_opts *o,
		   struct rawbpf_attachment **out)
{
	RAWBPF_OPTS(rawbpf_sys_link_create_opts, lo, .flags = o->flags,
		    .expected_revision = o->expected_revision);

	lo.relative_fd = (o->flags & RAWBPF_F_ID) ? o->relative_id
						 : o->relative_fd;
	return rb_link_attachment(rawbpf_sys_link_create(prog_fd, ifindex,
						     attach_type, &lo),
				  o->alloc, out);
}

static int tc_prog_attach(int prog_fd, int ifindex, uint32_t attach_type,
			  const struct rawbpf_attach_tc_opts *o,
			  struct rawbpf_attachment **out)
{
	RAWBPF_OPTS(rawbpf_sys_prog_attach_opts, ao, .flags = o->flags,
		    .replace_prog_fd = o->replace_prog_fd,
		    .expected_revision = o->expected_revision);

	ao.relative_fd = (o->flags & RAWBPF_F_ID) ? o->relative_id
						 : o->relative_fd;
	return rb_prog_attach_new(prog_fd, -1, ifindex, attach_type, &ao, NULL,
				  o->alloc, out);
}

/* Copy and check the options and arguments every tc constructor takes;
 * @attach_type must be @a or @b. */
static int tc_args(const struct rawbpf_attach_tc_opts *opts, struct rawbpf_attach_tc_opts *o,
		   int ifindex, uint32_t attach_type, uint32_t a, uint32_t b,
		   struct rawbpf_attachment **out)
{
	int err = rb_opts_copy(o, sizeof(*o), opts);

	if (err)
		return err;
	if ((err = rb_mode_valid(o->mode)))
		return err;
	if (ifindex <= 0 || !out || (attach_type != a && attach_type != b))
		return -EINVAL;
	if (o->err_msg && o->err_msg_size)
		o->err_msg[0] = '\0';
	return 0;
}

typedef int (*tc_older_fn)(int prog_fd, int ifindex, uint32_t attach_type,
			   const struct rawbpf_attach_tc_opts *o,
			   struct rawbpf_attachment **out);

/* The link, then (AUTO when the kernel lacks it, or LEGACY) @older. */
static int tc_link_or(int prog_fd, int ifindex, uint32_t attach_type,
		      const struct rawbpf_attach_tc_opts *o, tc_older_fn older,
		      struct rawbpf_attachment **out)
{
	int err;

	if (o->mode != RAWBPF_ATTACH_MODE_LEGACY) {
		err = tc_link(prog_fd, ifindex, attach_type, o, out);
		if (!err || !rb_link_fallback(o->mode, err))
			return err;
	}
	return older(prog_fd, ifindex, attach_type, o, out);
}

int rawbpf_attach_tc(int prog_fd, int ifindex, uint32_t attach_type,
		     const struct rawbpf_attach_tc_opts *opts,
		     struct rawbpf_attachment **out)
{
	struct rawbpf_attach_tc_opts o;
	int err = tc_args(opts, &o, ifindex, attach_type, RAWBPF_TCX_INGRESS,
			  RAWBPF_TCX_EGRESS, out);

	return err ? err : tc_link_or(prog_fd, ifindex, attach_type, &o,
				      rb_cls_bpf_attach, out);
}

int rawbpf_attach_tcx_prog(int prog_fd, int ifindex, uint32_t attach_type,
			   const struct rawbpf_attach_tc_opts *opts,
			   struct rawbpf_attachment **out)
{
	struct rawbpf_attach_tc_opts o;
	int err = tc_args(opts, &o, ifindex, attach_type, RAWBPF_TCX_INGRESS,
			  RAWBPF_TCX_EGRESS, out);

	return err ? err : tc_prog_attach(prog_fd, ifindex, attach_type, &o,
					  out);
}

int rawbpf_attach_netkit(int prog_fd, int ifindex, uint32_t attach_type,
			 const struct rawbpf_attach_tc_opts *opts,
			 struct rawbpf_attachment **out)
{
	struct rawbpf_attach_tc_opts o;
	int err = tc_args(opts, &o, ifindex, attach_type, RAWBPF_NETKIT_PRIMARY,
			  RAWBPF_NETKIT_PEER, out);

	return err ? err : tc_link_or(prog_fd, ifindex, attach_type, &o,
				      tc_prog_attach, out);
}
