// SPDX-License-Identifier: BSD-2-Clause
/*
 * tracing.c - BTF-based tracing programs (fentry, fexit, fmod_ret, tp_btf,
 * lsm) and freplace. Their target is fixed at load time (attach_btf_id), so
 * attaching is LINK_CREATE with no target (5.10), or the older
 * RAW_TRACEPOINT_OPEN with a NULL name (5.5), whose fd is a link too.
 */
#include <errno.h>

#include "rawbpf/attach_trace.h"
#include "rawbpf/sys.h"
#include "attach/perf.h"
#include "core/log.h"
#include "core/mem.h"

/* EXT programs have no attach type of their own: LINK_CREATE ignores it. */
#define EXT_ATTACH_TYPE 0

static bool tracing_type(uint32_t type)
{
	switch (type) {
	case BPF_TRACE_FENTRY:
	case BPF_TRACE_FEXIT:
	case BPF_MODIFY_RETURN:
	case BPF_TRACE_RAW_TP:
	case BPF_LSM_MAC:
		return true;
	default:
		return false;
	}
}

/* LINK_CREATE per @mode, else RAW_TRACEPOINT_OPEN(NULL). */
static int link_or_raw_tp(int prog_fd, int target, uint32_t type,
			  const struct rawbpf_sys_link_create_opts *lo,
			  uint32_t mode, uint64_t cookie)
{
	int fd = -EINVAL;

	if (mode != RAWBPF_ATTACH_MODE_LEGACY) {
		fd = rawbpf_sys_link_create(prog_fd, target, type, lo);
		if (fd >= 0 || !rb_link_fallback(mode, fd))
			return fd;
	}
	/* RAW_TRACEPOINT_OPEN carries a cookie for tp_btf only (6.10): for
	 * the others the kernel drops it without a word */
	if (cookie && type != BPF_TRACE_RAW_TP)
		return rb_attach_fail(fd, "a cookie on this tracing program needs a tracing link (LINK_CREATE, 5.19): RAW_TRACEPOINT_OPEN would drop it");
	return rawbpf_sys_raw_tracepoint_open(NULL, prog_fd, cookie);
}

int rawbpf_attach_tracing(int prog_fd, uint32_t attach_type,
			  const struct rawbpf_attach_tracing_opts *uopts,
			  struct rawbpf_attachment **out)
{
	struct rawbpf_attach_tracing_opts o;
	int fd, err = rb_opts_copy(&o, sizeof(o), uopts);

	if (err)
		return err;
	if (!out || rb_mode_valid(o.mode) || !tracing_type(attach_type))
		return -EINVAL;
	RAWBPF_OPTS(rawbpf_sys_link_create_opts, lo, .tracing_cookie = o.cookie);
	fd = link_or_raw_tp(prog_fd, 0, attach_type, &lo, o.mode, o.cookie);
	if (fd < 0)
		return fd;
	return rb_attachment_from_link_fd(fd, o.alloc, out);
}

int rawbpf_attach_freplace(int prog_fd, int target_prog_fd,
			   uint32_t target_btf_id,
			   const struct rawbpf_attach_tracing_opts *uopts,
			   struct rawbpf_attachment **out)
{
	struct rawbpf_attach_tracing_opts o;
	int fd, err = rb_opts_copy(&o, sizeof(o), uopts);

	if (err)
		return err;
	if (!out || rb_mode_valid(o.mode) || o.cookie)
		return -EINVAL;
	if (target_prog_fd >= 0 && !target_btf_id)
		return -EINVAL;
	RAWBPF_OPTS(rawbpf_sys_link_create_opts, lo, .target_btf_id = target_btf_id);
	if (target_prog_fd >= 0) {
		/* A new target can only be named through LINK_CREATE. */
		if (o.mode == RAWBPF_ATTACH_MODE_LEGACY)
			return -EOPNOTSUPP;
		fd = rawbpf_sys_link_create(prog_fd, target_prog_fd,
					EXT_ATTACH_TYPE, &lo);
	} else {
		lo.target_btf_id = 0;
		fd = link_or_raw_tp(prog_fd, 0, EXT_ATTACH_TYPE, &lo,
				    o.mode, 0);
	}
	if (fd < 0)
		return fd;
	return rb_attachment_from_link_fd(fd, o.alloc, out);
}
