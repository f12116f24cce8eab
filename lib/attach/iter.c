// SPDX-License-Identifier: BSD-2-Clause
/*
 * iter.c - BPF iterators: an iterator link (LINK_CREATE BPF_TRACE_ITER with
 * its target parameter), ITER_CREATE for a readable fd, and a helper that
 * reads one full run as text.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "rawbpf/attach_trace.h"
#include "rawbpf/sys.h"
#include "attach/attachment.h"
#include "attach/iter.h"
#include "core/mem.h"
#include "core/slurp.h"
#include "sys/libc.h"

bool rb_iter_info_fill(union rb_iter_link_info *li,
		       const struct rawbpf_attach_iter_opts *o)
{
	memset(li, 0, sizeof(*li));
	if (o->map_fd > 0) {
		li->map.map_fd = (uint32_t)o->map_fd;
		return true;
	}
	if (o->cgroup_fd > 0 || o->cgroup_id || o->cgroup_order) {
		li->cgroup.order = o->cgroup_order;
		li->cgroup.cgroup_fd = o->cgroup_fd > 0 ? (uint32_t)o->cgroup_fd : 0;
		li->cgroup.cgroup_id = o->cgroup_id;
		return true;
	}
	if (o->tid || o->pid || o->pid_fd) {
		li->task.tid = o->tid;
		li->task.pid = o->pid;
		li->task.pid_fd = o->pid_fd;
		return true;
	}
	return false;
}

int rawbpf_attach_iter(int prog_fd, const struct rawbpf_attach_iter_opts *uopts,
		       struct rawbpf_attachment **out)
{
	struct rawbpf_attach_iter_opts o;
	union rb_iter_link_info li;
	int fd, err = rb_opts_copy(&o, sizeof(o), uopts);

	if (err)
		return err;
	if (!out)
		return -EINVAL;
	RAWBPF_OPTS(rawbpf_sys_link_create_opts, lo);
	if (rb_iter_info_fill(&li, &o)) {
		lo.iter_info = &li;
		lo.iter_info_len = sizeof(li);
	}
	fd = rawbpf_sys_link_create(prog_fd, 0, BPF_TRACE_ITER, &lo);
	if (fd < 0)
		return fd;
	return rb_attachment_from_link_fd(fd, o.alloc, out);
}

int rawbpf_iter_open(const struct rawbpf_attachment *at)
{
	if (!at || at->kind != RAWBPF_ATTACH_KIND_LINK || at->fd < 0)
		return -EINVAL;
	return rawbpf_sys_iter_create(at->fd);
}

int rawbpf_iter_read(const struct rawbpf_attachment *at, char **text,
		     size_t *len)
{
	size_t cap, n;
	char *buf, *nbuf;
	int fd, err;

	if (!text || !len)
		return -EINVAL;
	fd = rawbpf_iter_open(at);
	if (fd < 0)
		return fd;
	err = rb_slurp_fd(at->alloc, fd, 4096, &buf, &n, &cap);
	rb_sys_close(fd);
	if (err)
		return err;
	/* Shrink to n + 1 so that the free knows the size from @len. */
	nbuf = rb_resize(at->alloc, buf, n + 1);
	if (!nbuf) {
		rb_free(at->alloc, buf);
		return -ENOMEM;
	}
	*text = nbuf;
	*len = n;
	return 0;
}

void rawbpf_iter_text_free(const struct rawbpf_attachment *at, char *text)
{
	if (at && text)
		rb_free(at->alloc, text);
}
