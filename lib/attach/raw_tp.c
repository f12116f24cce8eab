// SPDX-License-Identifier: BSD-2-Clause
/*
 * raw_tp.c - raw tracepoints. The one mechanism is BPF_RAW_TRACEPOINT_OPEN
 * (4.17), whose fd is a bpf_link since 5.7. LINK_CREATE cannot name a
 * classic raw tracepoint (BPF_TRACE_RAW_TP there is for tp_btf programs,
 * see tracing.c), so every mode issues the same call.
 */
#include <errno.h>

#include "rawbpf/attach_trace.h"
#include "rawbpf/sys.h"
#include "attach/perf.h"
#include "core/log.h"
#include "core/mem.h"

int
rawbpf_attach_raw_tracepoint(int prog_fd, const char *name,
			     const struct rawbpf_attach_raw_tracepoint_opts *uopts,
			     struct rawbpf_attachment **out)
{
	struct rawbpf_attach_raw_tracepoint_opts o;
	int fd, err = rb_opts_copy(&o, sizeof(o), uopts);

	if (err)
		return err;
	if (!out || !name || !*name || rb_mode_valid(o.mode))
		return -EINVAL;
	fd = rawbpf_sys_raw_tracepoint_open(name, prog_fd, o.cookie);
	if (fd == -ENOENT)
		return rb_attach_fail(fd, "raw tracepoint '%s' not found in the kernel",
				      name);
	if (fd < 0)
		return fd;
	return rb_attachment_from_link_fd(fd, o.alloc, out);
}
