// SPDX-License-Identifier: BSD-2-Clause
/*
 * kprobe.c - kprobes and kretprobes: the kprobe PMU (4.17) or a
 * kprobe_events probe when the PMU is absent (or asked for), then a perf
 * link or SET_BPF; kprobe_multi links (5.18); ksyscall names per arch.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "rawbpf/attach_trace.h"
#include "rawbpf/sys.h"
#include "attach/perf.h"
#include "core/mem.h"
#include "sys/raw.h"

#if defined(__x86_64__)
#define SYSCALL_PREFIX "__x64_sys_"
#elif defined(__i386__)
#define SYSCALL_PREFIX "__ia32_sys_"
#elif defined(__aarch64__)
#define SYSCALL_PREFIX "__arm64_sys_"
#elif defined(__s390x__)
#define SYSCALL_PREFIX "__s390x_sys_"
#elif defined(__riscv)
#define SYSCALL_PREFIX "__riscv_sys_"
#elif defined(__powerpc64__)
#define SYSCALL_PREFIX "sys_"
#else
#define SYSCALL_PREFIX "sys_"
#endif

int rawbpf_ksyscall_name(const char *syscall, char *buf, size_t size)
{
	int n;

	if (!syscall || !*syscall)
		return -EINVAL;
	n = snprintf(buf, size, "%s%s", SYSCALL_PREFIX, syscall);
	return n < 0 || (size_t)n >= size ? -ENAMETOOLONG : 0;
}

/* kprobe_events: the older way to create the probe. */
static int kprobe_legacy(const struct rawbpf_kprobe_opts *o, const char *func,
			 uint64_t offset, struct rb_legacy_probe *lp)
{
	char line[RB_TFS_PATH_MAX];
	int err = rb_legacy_probe_init(lp, o->tracefs, false);

	if (!err)
		err = rb_tfs_fmt_kprobe_add(line, sizeof(line), o->retprobe,
					    lp->event, func, offset);
	if (err)
		return err;
	err = rb_legacy_probe_open(lp, line, -1, 0);
	/* No kprobe_events file: the kernel has no kprobes at all. */
	return err == -ENOENT ? -EOPNOTSUPP : err;
}

int rawbpf_attach_kprobe(int prog_fd, const char *func, uint64_t offset,
			 const struct rawbpf_kprobe_opts *uopts,
			 struct rawbpf_attachment **out)
{
	struct rawbpf_kprobe_opts o;
	struct perf_event_attr attr;
	struct rb_legacy_probe lp;
	int type = -ENOENT, bit = 0, pfd, err = rb_opts_copy(&o, sizeof(o), uopts);

	if (err)
		return err;
	if (!out || !func || !*func || !rb_mode_ok(o.mode))
		return -EINVAL;
	if (!o.legacy_events)
		type = rb_pmu_type("kprobe");
	if (type >= 0 && o.retprobe)
		bit = rb_pmu_retprobe_bit("kprobe");
	if (bit < 0)
		return bit;
	if (type < 0) {
		pfd = kprobe_legacy(&o, func, offset, &lp);
		if (pfd < 0)
			return pfd;
		return rb_perf_attach(prog_fd, pfd, o.mode, o.cookie, &lp,
				      o.alloc, out);
	}
	rb_perf_attr_probe(&attr, type, bit, o.retprobe, func, offset, 0);
	pfd = rb_sys_perf_event_open(&attr, -1, 0, -1, 0);
	if (pfd < 0)
		return pfd;
	return rb_perf_attach(prog_fd, pfd, o.mode, o.cookie, NULL, o.alloc,
			      out);
}

int rawbpf_attach_ksyscall(int prog_fd, const char *syscall,
			   const struct rawbpf_kprobe_opts *opts,
			   struct rawbpf_attachment **out)
{
	char name[128];
	int err = rawbpf_ksyscall_name(syscall, name, sizeof(name));

	return err ? err : rawbpf_attach_kprobe(prog_fd, name, 0, opts, out);
}

int rawbpf_attach_kprobe_multi(int prog_fd, const char *const *syms,
			       uint32_t cnt,
			       const struct rawbpf_kprobe_multi_opts *uopts,
			       struct rawbpf_attachment **out)
{
	struct rawbpf_kprobe_multi_opts o;
	int fd, err = rb_opts_copy(&o, sizeof(o), uopts);

	if (err)
		return err;
	if (!out || !cnt || (!syms == !o.addrs))
		return -EINVAL;
	RAWBPF_OPTS(rawbpf_link_create_opts, lo);
	lo.kprobe_multi.flags = o.retprobe ? BPF_F_KPROBE_MULTI_RETURN : 0;
	lo.kprobe_multi.cnt = cnt;
	lo.kprobe_multi.syms = (const char **)syms;
	lo.kprobe_multi.addrs = o.addrs;
	lo.kprobe_multi.cookies = o.cookies;
	fd = rawbpf_link_create(prog_fd, 0, BPF_TRACE_KPROBE_MULTI, &lo);
	if (fd < 0)
		return fd;
	return rb_attachment_from_link_fd(fd, o.alloc, out);
}
