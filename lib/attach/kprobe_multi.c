// SPDX-License-Identifier: BSD-2-Clause
/*
 * kprobe_multi.c - kprobe_multi links (5.18): one link on many kernel
 * functions, named, by address, or by a shell pattern matched against
 * tracefs' traceable functions; kretprobe.multi, and kprobe sessions
 * (6.10: the program runs at entry and, where it returned 0, at return).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "rawbpf/attach_trace.h"
#include "rawbpf/sys.h"
#include "attach/attachment.h"
#include "attach/ksym_glob.h"
#include "core/log.h"
#include "core/mem.h"
#include "core/slurp.h"
#include "sys/tracefs.h"

int
rawbpf_attach_kprobe_multi(int prog_fd, const char *const *syms, uint32_t cnt,
			   const struct rawbpf_attach_kprobe_multi_opts *uopts,
			   struct rawbpf_attachment **out)
{
	struct rawbpf_attach_kprobe_multi_opts o;
	int fd, err = rb_opts_copy(&o, sizeof(o), uopts);

	if (err)
		return err;
	if (!out || !cnt || (!syms == !o.addrs) || (o.session && o.retprobe))
		return -EINVAL;
	RAWBPF_OPTS(rawbpf_sys_link_create_opts, lo);
	lo.kprobe_multi.flags = o.retprobe ? BPF_F_KPROBE_MULTI_RETURN : 0;
	lo.kprobe_multi.cnt = cnt;
	lo.kprobe_multi.syms = (const char **)syms;
	lo.kprobe_multi.addrs = o.addrs;
	lo.kprobe_multi.cookies = o.cookies;
	fd = rawbpf_sys_link_create(prog_fd, 0, o.session ? RAWBPF_TRACE_KPROBE_SESSION :
				    BPF_TRACE_KPROBE_MULTI, &lo);
	if (fd < 0)
		return fd;
	return rb_attachment_from_link_fd(fd, o.alloc, out);
}

/* tracefs' list of traceable functions into *@buf: with addresses (6.5)
 * where the kernel has it (*@with_addrs), else names only. */
static int read_list(const char *root, const struct rawbpf_allocator *a,
		     char **buf, size_t *len, bool *with_addrs)
{
	char path[RB_TFS_PATH_MAX];
	size_t cap;
	int err;

	*with_addrs = true;
	snprintf(path, sizeof(path), "%s/available_filter_functions_addrs", root);
	err = rb_slurp_path(a, path, 1 << 20, buf, len, &cap);
	if (err != -ENOENT)
		return err;
	*with_addrs = false;
	snprintf(path, sizeof(path), "%s/available_filter_functions", root);
	return rb_slurp_path(a, path, 1 << 20, buf, len, &cap);
}

int
rawbpf_attach_kprobe_multi_glob(int prog_fd, const char *pattern,
				const struct rawbpf_attach_kprobe_multi_opts *uopts,
				struct rawbpf_attachment **out)
{
	struct rawbpf_attach_kprobe_multi_opts o;
	struct rb_ksym_matches m;
	const char *root;
	bool with_addrs;
	size_t len;
	char *buf;
	int err = rb_opts_copy(&o, sizeof(o), uopts);

	if (err)
		return err;
	/* per-function arrays make no sense for an unknown number of matches */
	if (!out || !pattern || !*pattern || o.cookies || o.addrs)
		return -EINVAL;
	root = o.tracefs;
	if (!root && (err = rb_tfs_root(&root)))
		return rb_attach_fail(err, "kprobe.multi '%s': no tracefs mounted (its available_filter_functions names what can be traced): %s",
				      pattern, err == -ENOENT ? "mount it at /sys/kernel/tracing" :
				      "looking for it failed");
	err = read_list(root, o.alloc, &buf, &len, &with_addrs);
	if (err)
		return rb_attach_fail(err, "kprobe.multi '%s': cannot read %s/available_filter_functions",
				      pattern, root);
	err = rb_ksym_glob(buf, len, with_addrs, pattern, o.alloc, &m);
	if (!err && !m.cnt)
		err = rb_attach_fail(-ENOENT, "kprobe.multi: no traceable kernel function matches '%s'",
				     pattern);
	if (!err) {
		o.size = sizeof(o);	/* the caller's may have been NULL */
		o.addrs = m.addrs;
		err = rawbpf_attach_kprobe_multi(prog_fd, m.addrs ? NULL : m.names,
						 m.cnt, &o, out);
		if (err)
			err = rb_attach_fail(err, "kprobe.multi '%s': the kernel refused the link on %u functions",
					     pattern, m.cnt);
	}
	rb_ksym_matches_free(o.alloc, &m);
	rb_free(o.alloc, buf);
	return err;
}
