// SPDX-License-Identifier: BSD-2-Clause
/* perf_sample.c - a perf_event program sampling on every online CPU: one
 * perf event and one link (or SET_BPF) per CPU, owned by one handle. */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "rawbpf/attach_trace.h"
#include "rawbpf/sys.h"
#include "attach/perf.h"
#include "core/mem.h"
#include "sys/raw.h"
#include "sys/libc.h"

#define MAX_CPUS 1024

struct sample_priv {
	int n;
	int *links;	/* n link fds (-1 in legacy mode) */
	int *pfds;	/* n perf event fds */
};

static size_t priv_size(int n)
{
	return sizeof(struct sample_priv) + 2 * (size_t)n * sizeof(int);
}

static int sample_detach(struct rawbpf_attachment *at)
{
	struct sample_priv *sp = at->priv;
	int err = 0;

	for (int i = 0; i < sp->n; i++) {
		int e = -EOPNOTSUPP;

		if (sp->links[i] >= 0)
			e = rawbpf_sys_link_detach(sp->links[i]);
		if (e == -EOPNOTSUPP || e == -EINVAL)
			e = rb_sys_perf_ioctl(sp->pfds[i], PERF_EVENT_IOC_DISABLE, 0);
		if (e && !err)
			err = e;
	}
	return err;
}

/* LINK_UPDATE on every CPU's link; a failure part-way puts the ones
 * already swapped back to the handle's program, so the handle never runs
 * two programs. */
static int sample_update(struct rawbpf_attachment *at, int new_prog_fd,
			 int old_prog_fd)
{
	struct sample_priv *sp = at->priv;
	RAWBPF_OPTS(rawbpf_sys_link_update_opts, o);
	int i, fd, err = 0;

	if (at->kind != RAWBPF_ATTACH_KIND_LINK)
		return -EOPNOTSUPP;
	if (old_prog_fd >= 0) {
		o.flags = BPF_F_REPLACE;
		o.old_prog_fd = old_prog_fd;
	}
	fd = rb_dup_fd(new_prog_fd);
	if (fd < 0)
		return fd;
	for (i = 0; i < sp->n && !err; i++)
		err = rawbpf_sys_link_update(sp->links[i], new_prog_fd, &o);
	if (err) {
		for (i -= 2; i >= 0; i--)
			rawbpf_sys_link_update(sp->links[i], at->prog_fd, NULL);
		rb_sys_close(fd);
		return err;
	}
	rb_sys_close(at->prog_fd);
	at->prog_fd = fd;
	return 0;
}

static void sample_close(struct sample_priv *sp)
{
	for (int i = 0; i < sp->n; i++) {
		if (sp->links[i] >= 0)
			rb_sys_close(sp->links[i]);
		if (sp->pfds[i] >= 0)
			rb_sys_close(sp->pfds[i]);
	}
}

static void sample_release(struct rawbpf_attachment *at)
{
	struct sample_priv *sp = at->priv;

	if (!sp)
		return;
	sample_close(sp);
	at->fd = -1;
	rb_free(at->alloc, sp);
	at->priv = NULL;
}

static const struct rb_attach_ops sample_ops = {
	.detach = sample_detach,
	.update = sample_update,
	.release = sample_release,
};

int rawbpf_attachment_cpu_count(const struct rawbpf_attachment *at)
{
	if (!at)
		return 0;
	if (at->ops == &sample_ops)
		return ((const struct sample_priv *)at->priv)->n;
	return 1;
}

static int online_cpus(uint64_t *mask)
{
	char buf[256];
	int err = rb_tfs_read_file("/sys/devices/system/cpu/online", buf,
				   sizeof(buf));

	if (err < 0)
		return err;
	return rb_parse_cpu_list(buf, mask, MAX_CPUS);
}

/* One CPU: open the event and bind the program. */
static int sample_one(int prog_fd, struct perf_event_attr *attr, int cpu,
		      uint32_t mode, uint64_t cookie, int *link, int *pfd)
{
	RAWBPF_OPTS(rawbpf_sys_link_create_opts, lo, .perf_cookie = cookie);
	int err, fd = rb_sys_perf_event_open(attr, -1, cpu, -1, 0);

	if (fd < 0)
		return fd;
	*pfd = fd;
	if (mode != RAWBPF_ATTACH_MODE_LEGACY) {
		*link = rawbpf_sys_link_create(prog_fd, fd, BPF_PERF_EVENT, &lo);
		if (*link < 0 && !rb_link_fallback(mode, *link))
			return *link;
	}
	if (*link < 0) {
		*link = -1;
		if (cookie)
			return -EOPNOTSUPP;
		err = rb_sys_perf_ioctl(fd, PERF_EVENT_IOC_SET_BPF,
					(unsigned long)prog_fd);
		if (err)
			return err;
	}
	return rb_sys_perf_ioctl(fd, PERF_EVENT_IOC_ENABLE, 0);
}

int
rawbpf_attach_perf_sampling(int prog_fd,
			    const struct rawbpf_attach_perf_sampling_opts *uopts,
			    struct rawbpf_attachment **out)
{
	struct rawbpf_attach_perf_sampling_opts o;
	struct perf_event_attr attr;
	struct rawbpf_attachment *at;
	struct sample_priv *sp;
	uint64_t mask[MAX_CPUS / 64];
	int n, err = rb_opts_copy(&o, sizeof(o), uopts);

	if (err)
		return err;
	if (!out || rb_mode_valid(o.mode))
		return -EINVAL;
	n = online_cpus(mask);
	if (n <= 0)
		return n ? n : -ENODEV;
	if (o.attr) {
		attr = *o.attr;
	} else {
		memset(&attr, 0, sizeof(attr));
		attr.type = PERF_TYPE_SOFTWARE;
		attr.config = PERF_COUNT_SW_CPU_CLOCK;
		attr.freq = 1;
		attr.sample_freq = o.freq ? o.freq : 99;
	}
	attr.size = sizeof(attr);
	attr.disabled = 1;
	sp = rb_alloc(o.alloc, priv_size(n));
	at = rb_attachment_new(RAWBPF_ATTACH_KIND_LINK, &sample_ops, o.alloc);
	if (!sp || !at) {
		rb_free(o.alloc, sp);
		rb_free(o.alloc, at);
		return -ENOMEM;
	}
	/* the program every CPU runs: what a failed update goes back to */
	at->prog_fd = rb_dup_fd(prog_fd);
	if (at->prog_fd < 0) {
		err = at->prog_fd;
		rb_free(o.alloc, sp);
		rawbpf_attachment_destroy(at);
		return err;
	}
	sp->links = (int *)(sp + 1);
	sp->pfds = sp->links + n;
	for (int i = 0; i < n; i++)
		sp->links[i] = sp->pfds[i] = -1;
	for (int cpu = 0, i = 0; cpu < MAX_CPUS && i < n; cpu++) {
		if (!(mask[cpu / 64] & (1ULL << (cpu % 64))))
			continue;
		sp->n = i + 1;
		err = sample_one(prog_fd, &attr, cpu, o.mode, o.cookie,
				 &sp->links[i], &sp->pfds[i]);
		if (err)
			goto fail;
		i++;
	}
	at->kind = sp->links[0] >= 0 ? RAWBPF_ATTACH_KIND_LINK
				      : RAWBPF_ATTACH_KIND_PERF_EVENT;
	at->fd = sp->links[0] >= 0 ? sp->links[0] : sp->pfds[0];
	at->priv = sp;
	*out = at;
	return 0;
fail:
	sample_close(sp);
	rb_free(o.alloc, sp);
	rawbpf_attachment_destroy(at);	/* its prog_fd dup; nothing else */
	return err;
}
