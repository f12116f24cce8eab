// SPDX-License-Identifier: BSD-2-Clause
/* perf_event.c - programs on perf events: binding to a perf fd (perf link
 * or PERF_EVENT_IOC_SET_BPF), tracepoints, legacy tracefs probes shared with
 * kprobe.c and uprobe.c. */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "rawbpf/attach_trace.h"
#include "rawbpf/sys.h"
#include "attach/perf.h"
#include "core/log.h"
#include "core/mem.h"
#include "sys/raw.h"
#include "sys/libc.h"

/* Per handle: the perf fd when the handle's own fd is a link, and the
 * tracefs probe to remove. */
struct perf_priv {
	int pfd;
	bool has_probe;
	struct rb_legacy_probe probe;
};

static int perf_ioctl(int fd, unsigned long req, unsigned long arg)
{
	return rb_sys_perf_ioctl(fd, req, arg);
}

/*
 * Perf links have no LINK_DETACH (the kernel answers -EOPNOTSUPP): they end
 * when the link goes. The older kind ends when the perf fd closes; disabling
 * the event would not stop a tracepoint program, so detach closes it, and
 * then the tracefs probe it used, if any, goes too.
 */
static int perf_detach(struct rawbpf_attachment *at)
{
	struct perf_priv *pp = at->priv;

	if (at->kind == RAWBPF_ATTACH_KIND_LINK)
		return rb_link_ops.detach(at);
	rb_sys_close(at->fd);
	at->fd = -1;
	if (pp && pp->has_probe) {
		rb_legacy_probe_remove(&pp->probe);
		pp->has_probe = false;
	}
	return 0;
}

static int perf_update(struct rawbpf_attachment *at, int new_prog_fd,
		       int old_prog_fd)
{
	if (at->kind != RAWBPF_ATTACH_KIND_LINK)
		return -EOPNOTSUPP;
	return rb_link_ops.update(at, new_prog_fd, old_prog_fd);
}

static void perf_release(struct rawbpf_attachment *at)
{
	struct perf_priv *pp = at->priv;

	if (!pp)
		return;
	/* The probe can only go once no perf event uses it. */
	if (at->fd >= 0)
		rb_sys_close(at->fd);
	at->fd = -1;
	if (pp->pfd >= 0)
		rb_sys_close(pp->pfd);
	if (pp->has_probe)
		rb_legacy_probe_remove(&pp->probe);
	rb_free(at->alloc, pp);
	at->priv = NULL;
}

static const struct rb_attach_ops perf_ops = {
	.detach = perf_detach,
	.update = perf_update,
	.release = perf_release,
};

/* The perf link into *@link, or -1 there when the older way (SET_BPF)
 * is to be used; 0 or -errno. */
static int perf_link(int prog_fd, int pfd, uint32_t mode, uint64_t cookie,
		     int *link)
{
	RAWBPF_OPTS(rawbpf_sys_link_create_opts, lo, .perf_cookie = cookie);
	int fd;

	*link = -1;
	if (mode != RAWBPF_ATTACH_MODE_LEGACY) {
		fd = rawbpf_sys_link_create(prog_fd, pfd, BPF_PERF_EVENT, &lo);
		if (fd >= 0)
			*link = fd;
		if (fd >= 0 || !rb_link_fallback(mode, fd))
			return fd < 0 ? fd : 0;
	}
	/* Cookies travel only with the perf link (5.15). */
	return cookie ? -EOPNOTSUPP : 0;
}

int rb_perf_attach(int prog_fd, int pfd, uint32_t mode, uint64_t cookie,
		   const struct rb_legacy_probe *probe,
		   const struct rawbpf_allocator *alloc,
		   struct rawbpf_attachment **out)
{
	struct rawbpf_attachment *at = NULL;
	struct perf_priv *pp = NULL;
	int fd = -1, err;

	if (rb_mode_valid(mode)) {
		err = -EINVAL;
		goto fail;
	}
	pp = rb_alloc(alloc, sizeof(*pp));
	at = rb_attachment_new(RAWBPF_ATTACH_KIND_PERF_EVENT, &perf_ops, alloc);
	if (!pp || !at) {
		err = -ENOMEM;
		goto fail;
	}
	err = perf_link(prog_fd, pfd, mode, cookie, &fd);
	if (!err)
		err = perf_ioctl(pfd, PERF_EVENT_IOC_ENABLE, 0);
	/* SET_BPF last: it binds the program to the event for the event's
	 * life, which a caller's event outlives our failure paths. */
	if (!err && fd < 0)
		err = perf_ioctl(pfd, PERF_EVENT_IOC_SET_BPF,
				 (unsigned long)prog_fd);
	if (err)
		goto fail;
	at->kind = fd >= 0 ? RAWBPF_ATTACH_KIND_LINK : RAWBPF_ATTACH_KIND_PERF_EVENT;
	at->fd = fd >= 0 ? fd : pfd;
	pp->pfd = fd >= 0 ? pfd : -1;
	if (probe) {
		pp->probe = *probe;
		pp->has_probe = true;
	}
	at->priv = pp;
	*out = at;
	return 0;
fail:
	if (fd >= 0)
		rb_sys_close(fd);
	rb_sys_close(pfd);
	if (probe)
		rb_legacy_probe_remove(probe);
	rb_free(alloc, pp);
	rb_free(alloc, at);
	return err;
}

void rb_perf_attr_tracepoint(struct perf_event_attr *attr, uint64_t id)
{
	memset(attr, 0, sizeof(*attr));
	attr->type = PERF_TYPE_TRACEPOINT;
	attr->size = sizeof(*attr);
	attr->config = id;
	attr->sample_period = 1;
	attr->wakeup_events = 1;
	attr->disabled = 1;
}

void rb_perf_attr_probe(struct perf_event_attr *attr, int pmu_type,
			int ret_bit, bool retprobe, const char *name_ptr,
			uint64_t offset, uint64_t ref_ctr_offset)
{
	memset(attr, 0, sizeof(*attr));
	attr->type = (uint32_t)pmu_type;
	attr->size = sizeof(*attr);
	if (retprobe)
		attr->config |= 1ULL << ret_bit;
	attr->config |= ref_ctr_offset << 32;
	attr->config1 = ptr_to_u64(name_ptr);
	attr->config2 = offset;
	attr->sample_period = 1;
	attr->wakeup_events = 1;
	attr->disabled = 1;
}

int rb_legacy_probe_init(struct rb_legacy_probe *lp, const char *tracefs,
			 bool uprobe)
{
	static unsigned int seq;
	const char *root = tracefs;
	unsigned int n = __atomic_fetch_add(&seq, 1, __ATOMIC_RELAXED);
	int err = root ? 0 : rb_tfs_root(&root);

	memset(lp, 0, sizeof(*lp));
	if (err)
		return err;
	if (strlen(root) >= sizeof(lp->root))
		return -ENAMETOOLONG;
	strcpy(lp->root, root);
	strcpy(lp->file, uprobe ? "uprobe_events" : "kprobe_events");
	strcpy(lp->group, uprobe ? "uprobes" : "kprobes");
	return rb_tfs_fmt_probe_name(lp->event, sizeof(lp->event),
				     (int)getpid(), n);
}

int rb_legacy_probe_remove(const struct rb_legacy_probe *lp)
{
	char line[RB_TFS_PATH_MAX];
	int err = rb_tfs_fmt_probe_remove(line, sizeof(line), lp->group,
					  lp->event);

	return err ? err : rb_tfs_write_line(lp->root, lp->file, line);
}

int rb_legacy_probe_open(struct rb_legacy_probe *lp, const char *line,
			 int pid, int cpu)
{
	struct perf_event_attr attr;
	uint64_t id;
	int err, pfd;

	err = rb_tfs_write_line(lp->root, lp->file, line);
	if (err)
		return err;
	err = rb_tfs_event_id(lp->root, lp->group, lp->event, &id);
	if (err)
		goto fail;
	rb_perf_attr_tracepoint(&attr, id);
	pfd = rb_sys_perf_event_open(&attr, pid, cpu, -1, 0);
	if (pfd >= 0)
		return pfd;
	err = pfd;
fail:
	rb_legacy_probe_remove(lp);
	return err;
}

/* The older way to make the probe: a line in kprobe_events/uprobe_events. */
static int probe_legacy(const struct rb_probe_req *r, int cpu,
			struct rb_legacy_probe *lp)
{
	char line[2 * RB_TFS_PATH_MAX];
	int err;

	if (r->ref_ctr_offset)
		return -EOPNOTSUPP;
	err = rb_legacy_probe_init(lp, r->tracefs, r->uprobe);
	if (!err && r->uprobe)
		err = rb_tfs_fmt_uprobe_add(line, sizeof(line), r->retprobe,
					    lp->event, r->target, r->offset);
	else if (!err)
		err = rb_tfs_fmt_kprobe_add(line, sizeof(line), r->retprobe,
					    lp->event, r->target, r->offset);
	if (err)
		return err;
	err = rb_legacy_probe_open(lp, line, r->pid, cpu);
	/* Neither PMU nor events file: the kernel lacks these probes. */
	return err == -ENOENT ? -EOPNOTSUPP : err;
}

int rb_probe_attach(int prog_fd, const struct rb_probe_req *r,
		    struct rawbpf_attachment **out)
{
	const char *pmu = r->uprobe ? "uprobe" : "kprobe";
	struct perf_event_attr attr;
	struct rb_legacy_probe lp;
	int type = -ENOENT, bit = 0, pfd;
	/* A per-process probe counts on every CPU; a global one on CPU 0. */
	int cpu = r->pid > 0 ? -1 : 0;

	if (rb_mode_valid(r->mode))
		return -EINVAL;
	if (!r->legacy_events)
		type = rb_pmu_type(pmu);
	if (type >= 0 && r->retprobe)
		bit = rb_pmu_retprobe_bit(pmu);
	if (bit < 0)
		return bit;
	if (type < 0) {
		pfd = probe_legacy(r, cpu, &lp);
		if (pfd < 0)
			return pfd;
		return rb_perf_attach(prog_fd, pfd, r->mode, r->cookie, &lp,
				      r->alloc, out);
	}
	rb_perf_attr_probe(&attr, type, bit, r->retprobe, r->target, r->offset,
			   r->ref_ctr_offset);
	pfd = rb_sys_perf_event_open(&attr, r->pid, cpu, -1, 0);
	if (pfd < 0)
		return pfd;
	return rb_perf_attach(prog_fd, pfd, r->mode, r->cookie, NULL, r->alloc,
			      out);
}

int rawbpf_attach_perf_event(int prog_fd, int pfd,
			     const struct rawbpf_attach_perf_event_opts *uopts,
			     struct rawbpf_attachment **out)
{
	struct rawbpf_attach_perf_event_opts o;
	int err = rb_opts_copy(&o, sizeof(o), uopts);
	int dfd;

	if (err)
		return err;
	if (!out || pfd < 0)
		return -EINVAL;
	dfd = rb_dup_fd(pfd);
	if (dfd < 0)
		return dfd;
	return rb_perf_attach(prog_fd, dfd, o.mode, o.cookie, NULL, o.alloc,
			      out);
}

int rawbpf_attach_tracepoint(int prog_fd, const char *category,
			     const char *name,
			     const struct rawbpf_attach_tracepoint_opts *uopts,
			     struct rawbpf_attachment **out)
{
	struct rawbpf_attach_tracepoint_opts o;
	struct perf_event_attr attr;
	uint64_t id;
	int pfd, err = rb_opts_copy(&o, sizeof(o), uopts);

	if (err)
		return err;
	if (!out || !category || !name || rb_mode_valid(o.mode))
		return -EINVAL;
	err = rb_tfs_event_id(o.tracefs, category, name, &id);
	if (err == -ENOENT) {
		const char *root = o.tracefs;

		if (!root && rb_tfs_root(&root))
			return rb_attach_fail(err, "tracepoint %s:%s: tracefs is not mounted (mount -t tracefs tracefs /sys/kernel/tracing)",
					      category, name);
		return rb_attach_fail(err, "tracepoint %s:%s not found (no events/%s/%s/id in %s)",
				      category, name, category, name, root);
	}
	if (err)
		return err;
	rb_perf_attr_tracepoint(&attr, id);
	pfd = rb_sys_perf_event_open(&attr, -1, 0, -1, 0);
	if (pfd < 0)
		return pfd;
	return rb_perf_attach(prog_fd, pfd, o.mode, o.cookie, NULL, o.alloc,
			      out);
}
