// SPDX-License-Identifier: BSD-2-Clause
/* attach.c - the pre-link attach commands: PROG_ATTACH, PROG_DETACH,
 * PROG_QUERY, RAW_TRACEPOINT_OPEN, and TASK_FD_QUERY to ask about them. */
#include <errno.h>
#include <string.h>

#include "rawbpf/sys.h"
#include "core/mem.h"
#include "sys/abi.h"
#include "sys/raw.h"

static int attach_cmd(int cmd, int prog_fd, int target_fd, uint32_t type,
		      const struct rawbpf_sys_prog_attach_opts *uopts)
{
	struct rawbpf_sys_prog_attach_opts o;
	struct rb_attr_prog_attach a;
	unsigned int size = offsetofend(struct rb_attr_prog_attach,
					replace_bpf_fd);
	int err = rb_opts_copy(&o, sizeof(o), uopts);

	if (err)
		return err;
	memset(&a, 0, sizeof(a));
	a.target_fd = (uint32_t)target_fd;
	a.attach_bpf_fd = (uint32_t)prog_fd;
	a.attach_type = type;
	a.attach_flags = o.flags;
	if (cmd == RB_PROG_ATTACH)
		a.replace_bpf_fd = (uint32_t)o.replace_prog_fd;
	if (o.relative_fd || o.expected_revision) {
		a.relative_fd = o.relative_fd;
		a.expected_revision = o.expected_revision;
		size = offsetofend(struct rb_attr_prog_attach, expected_revision);
	}
	return (int)rb_sys_bpf(cmd, &a, size);
}

int rawbpf_sys_prog_attach(int prog_fd, int target_fd, uint32_t attach_type,
		       const struct rawbpf_sys_prog_attach_opts *opts)
{
	return attach_cmd(RB_PROG_ATTACH, prog_fd, target_fd, attach_type, opts);
}

int rawbpf_sys_prog_detach(int target_fd, uint32_t attach_type,
		       const struct rawbpf_sys_prog_attach_opts *opts)
{
	struct rawbpf_sys_prog_attach_opts o;
	int err = rb_opts_copy(&o, sizeof(o), opts);

	if (err)
		return err;
	return attach_cmd(RB_PROG_DETACH, o.prog_fd, target_fd, attach_type,
			  opts);
}

int rawbpf_sys_prog_query(int target_fd, uint32_t attach_type,
		      struct rawbpf_sys_prog_query_opts *uopts)
{
	struct rawbpf_sys_prog_query_opts o;
	struct rb_attr_prog_query a;
	long ret;
	int err = rb_opts_copy(&o, sizeof(o), uopts);

	if (err)
		return err;
	if (!uopts)
		return -EINVAL;
	memset(&a, 0, sizeof(a));
	a.target_fd = (uint32_t)target_fd;
	a.attach_type = attach_type;
	a.query_flags = o.query_flags;
	a.prog_ids = ptr_to_u64(o.prog_ids);
	a.prog_cnt = o.count;
	a.prog_attach_flags = ptr_to_u64(o.prog_attach_flags);
	a.link_ids = ptr_to_u64(o.link_ids);
	a.link_attach_flags = ptr_to_u64(o.link_attach_flags);
	/* Always up to revision: the fields past prog_cnt are zero unless
	 * the caller gave room for them, which every kernel accepts, and
	 * revision is an output (tcx/netkit 6.6, cgroups 6.15). */
	ret = rb_sys_bpf(RB_PROG_QUERY, &a,
			 offsetofend(struct rb_attr_prog_query, revision));
	/* The kernel fills count also on -ENOSPC, to say how much room. */
	if (!ret || ret == -ENOSPC) {
		RB_SET_OUT(uopts, rawbpf_sys_prog_query_opts, attach_flags,
			   a.attach_flags);
		RB_SET_OUT(uopts, rawbpf_sys_prog_query_opts, count, a.prog_cnt);
		RB_SET_OUT(uopts, rawbpf_sys_prog_query_opts, revision, a.revision);
	}
	return (int)ret;
}

int rawbpf_sys_raw_tracepoint_open(const char *name, int prog_fd, uint64_t cookie)
{
	struct rb_attr_raw_tp a;
	unsigned int size = offsetofend(struct rb_attr_raw_tp, prog_fd);

	memset(&a, 0, sizeof(a));
	a.name = ptr_to_u64(name);
	a.prog_fd = (uint32_t)prog_fd;
	if (cookie) {
		a.cookie = cookie;
		size = offsetofend(struct rb_attr_raw_tp, cookie);
	}
	return rb_sys_bpf_fd(RB_RAW_TRACEPOINT_OPEN, &a, size);
}

int rawbpf_sys_task_fd_query(int pid, int fd, uint32_t flags,
			 struct rawbpf_sys_task_fd_query_info *info)
{
	struct rb_attr_task_fd_query a;
	long ret;

	if (!info)
		return -EINVAL;
	memset(&a, 0, sizeof(a));
	a.pid = (uint32_t)pid;
	a.fd = (uint32_t)fd;
	a.flags = flags;
	a.buf = ptr_to_u64(info->buf);
	a.buf_len = info->buf ? info->buf_len : 0;
	ret = rb_sys_bpf(RB_TASK_FD_QUERY, &a,
			 offsetofend(struct rb_attr_task_fd_query, probe_addr));
	if (!ret || ret == -ENOSPC) {
		info->prog_id = a.prog_id;
		info->fd_type = a.fd_type;
		info->probe_offset = a.probe_offset;
		info->probe_addr = a.probe_addr;
		info->buf_len = a.buf_len;
	}
	return (int)ret;
}
