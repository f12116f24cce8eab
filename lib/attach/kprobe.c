// SPDX-License-Identifier: BSD-2-Clause
/*
 * kprobe.c - kprobes and kretprobes: the kprobe PMU (4.17) or a
 * kprobe_events probe when the PMU is absent (or asked for), then a perf
 * link or SET_BPF; ksyscall names per arch (kprobe_multi links:
 * kprobe_multi.c).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "rawbpf/attach_trace.h"
#include "rawbpf/sys.h"
#include "attach/perf.h"
#include "core/mem.h"

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

int rawbpf_attach_kprobe(int prog_fd, const char *func, uint64_t offset,
			 const struct rawbpf_attach_kprobe_opts *uopts,
			 struct rawbpf_attachment **out)
{
	struct rawbpf_attach_kprobe_opts o;
	struct rb_probe_req r;
	int err = rb_opts_copy(&o, sizeof(o), uopts);

	if (err)
		return err;
	if (!out || !func || !*func)
		return -EINVAL;
	memset(&r, 0, sizeof(r));
	r.retprobe = o.retprobe;
	r.legacy_events = o.legacy_events;
	r.target = func;
	r.offset = offset;
	r.pid = -1;
	r.mode = o.mode;
	r.cookie = o.cookie;
	r.tracefs = o.tracefs;
	r.alloc = o.alloc;
	return rb_probe_attach(prog_fd, &r, out);
}

int rawbpf_attach_ksyscall(int prog_fd, const char *syscall,
			   const struct rawbpf_attach_kprobe_opts *opts,
			   struct rawbpf_attachment **out)
{
	char name[128];
	int err = rawbpf_ksyscall_name(syscall, name, sizeof(name));

	return err ? err : rawbpf_attach_kprobe(prog_fd, name, 0, opts, out);
}
