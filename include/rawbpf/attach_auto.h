/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * rawbpf/attach_auto.h - attach a loaded object program by its section name
 * (libbpf's conventions): the target comes from the name where it is there
 * (tp/syscalls/sys_enter_getpid, raw_tp/sys_enter, uprobe/libc.so.6:getppid,
 * kprobe/vfs_read+8, ksyscall/openat, iter/task, fentry/... whose target was
 * fixed at load) and from the options where it is not (a cgroup fd, a
 * freplace target, an iterator's map).
 *
 * Covered here: tp/ tracepoint/, raw_tp/ raw_tracepoint/ raw_tp.w/
 * raw_tracepoint.w/, uprobe[.s]/ uretprobe[.s]/, uprobe.multi[.s]/
 * uretprobe.multi[.s]/, kprobe/ kretprobe/, ksyscall/ kretsyscall/,
 * kprobe.multi/ kretprobe.multi/, fentry[.s]/ fexit[.s]/ fmod_ret[.s]/
 * tp_btf/ lsm[.s]/, iter[.s]/, freplace/, cgroup_skb/, cgroup/, sockops,
 * lsm_cgroup/. uprobe.multi takes a shell pattern (every matching function);
 * kprobe.multi one exact name (no globs yet).
 * Other sections: -EOPNOTSUPP (use the family's constructor).
 */
#ifndef RAWBPF_ATTACH_AUTO_H
#define RAWBPF_ATTACH_AUTO_H

#include <stdint.h>

#include "rawbpf/common.h"
#include "rawbpf/attach.h"
#include "rawbpf/attach_trace.h"

#ifdef __cplusplus
extern "C" {
#endif

struct rawbpf_program;

struct rawbpf_auto_attach_opts {
	uint32_t size;
	uint32_t mode;			/* enum rawbpf_attach_mode */
	uint64_t cookie;
	int32_t cgroup_fd;		/* cgroup sections (> 0) */
	uint32_t attach_type;		/* override the section's (cgroup/skb) */
	uint32_t cgroup_flags;		/* BPF_F_ALLOW_MULTI, ... (PROG_ATTACH) */
	int32_t target_prog_fd;		/* freplace: > 0 names a new target */
	uint32_t target_btf_id;		/* ... and its function */
	int32_t pid;			/* uprobes: one process (> 0) */
	const struct rawbpf_iter_opts *iter;	/* iterator parameters */
	const struct rawbpf_allocator *alloc;
};

/*
 * rawbpf_program_attach - attach loaded @prog as its section name says
 * (see above). -EINVAL when the name lacks a target that the options do not
 * give either; -EOPNOTSUPP for sections this function does not attach.
 */
RAWBPF_API int rawbpf_program_attach(const struct rawbpf_program *prog,
				     const struct rawbpf_auto_attach_opts *opts,
				     struct rawbpf_attachment **out);
/* rawbpf_section_attach - the same for a program fd loaded from section
 * @sec with @expected_attach_type (as rawbpf_section_lookup gives it). */
RAWBPF_API int rawbpf_section_attach(int prog_fd, const char *sec,
				     uint32_t expected_attach_type,
				     const struct rawbpf_auto_attach_opts *opts,
				     struct rawbpf_attachment **out);

#ifdef __cplusplus
}
#endif
#endif
