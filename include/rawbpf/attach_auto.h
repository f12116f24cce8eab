/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * rawbpf/attach_auto.h - attach a loaded program where its section name
 * says, by libbpf's conventions. The target comes from the name where it is
 * there (tp/syscalls/sys_enter_getpid, raw_tp/sys_enter,
 * uprobe/libc.so.6:getppid, uprobe.multi//bin/x:handle_*, kprobe/vfs_read+8,
 * ksyscall/openat, iter/task, fentry/... whose target was fixed at load)
 * and from the options where it is not: an interface (xdp, tcx/tc
 * ingress|egress, netkit), a cgroup fd (cgroup*, sockops, lsm_cgroup), a
 * netns fd (flow_dissector, sk_lookup), a sockmap fd (sk_msg, sk_skb), a
 * socket fd (socket, sk_reuseport), a freplace target, iterator parameters.
 *
 * Errors: -ENOENT for a section name nobody knows; -EINVAL when the name
 * lacks a target the options do not give either; -EOPNOTSUPP for sections
 * that are not attached by themselves (xdp/devmap, struct_ops, lwt_*,
 * syscall, tc, ...); -EINVAL for a program
 * that is not loaded. err_msg says why, in the hook family's words where
 * it has them ("section uprobe/x:f: uprobe: symbol 'f' not found in /x");
 * the same message goes to the log hook at warn. (The message is kept
 * per thread; in a no-libc build, which has no thread-local storage, per
 * process: docs/nolibc.md.)
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
struct rawbpf_map;

struct rawbpf_attach_section_opts {
	uint32_t size;
	uint32_t mode;			/* enum rawbpf_attach_mode */
	uint64_t cookie;		/* bpf_get_attach_cookie() where supported */
	int32_t cgroup_fd;		/* cgroup sections (> 0) */
	uint32_t attach_type;		/* override the section's (cgroup/skb) */
	uint32_t cgroup_flags;		/* BPF_F_ALLOW_MULTI, ... (PROG_ATTACH) */
	int32_t target_prog_fd;		/* freplace: > 0 names a new target */
	uint32_t target_btf_id;		/* ... and its function */
	/* uprobes: 0 or -1 every process (libbpf's auto-attach), > 0 that
	 * one (getpid() for this one); unlike rawbpf_attach_uprobe_opts,
	 * where 0 is this process */
	int32_t pid;
	const struct rawbpf_attach_iter_opts *iter;	/* iterator parameters */
	const struct rawbpf_allocator *alloc;
	int32_t ifindex;		/* xdp, tcx/tc, netkit (> 0) */
	uint32_t xdp_flags;		/* RAWBPF_XDP_*_MODE */
	int32_t netns_fd;		/* flow_dissector, sk_lookup (> 0) */
	int32_t map_fd;			/* sk_msg, sk_skb: sockmap/sockhash (> 0) */
	int32_t sock_fd;		/* socket, sk_reuseport (> 0) */
	char *err_msg;			/* out: why an attach was refused */
	uint32_t err_msg_size;
};

/* rawbpf_program_attach - attach loaded @prog as its section name says (the
 * kernel the hook family needs, see each constructor; fentry 5.5, tcx 6.6,
 * ...). 0 and *@out, or -errno (see above: -ENOENT, -EINVAL, -EOPNOTSUPP). */
RAWBPF_API int
rawbpf_program_attach(const struct rawbpf_program *prog,
		      const struct rawbpf_attach_section_opts *opts,
		      struct rawbpf_attachment **out);
/*
 * rawbpf_attach_section - the same for a program fd loaded from section @sec
 * with @expected_attach_type (as rawbpf_section_lookup gives it); kernel as
 * the hook family needs (4.1 perf events to 6.6 tcx). 0 and *@out, or -errno
 * (see above).
 */
RAWBPF_API int
rawbpf_attach_section(int prog_fd, const char *sec,
		      uint32_t expected_attach_type,
		      const struct rawbpf_attach_section_opts *opts,
		      struct rawbpf_attachment **out);

/*
 * rawbpf_attach_struct_ops - register loaded struct_ops @map with the
 * kernel: a `.struct_ops` map by writing its value (BPF_MAP_UPDATE_ELEM,
 * 5.6; kind RAWBPF_ATTACH_KIND_STRUCT_OPS_MAP, which destroy unregisters
 * with BPF_MAP_DELETE_ELEM), a `.struct_ops.link` map by a struct_ops link
 * (6.4; update swaps in another loaded .struct_ops.link map's fd). 0 and
 * *@out, or -errno: -EINVAL (not a struct_ops map), -ENOENT (not loaded),
 * -EBUSY (already registered, or unregistered: load again), -EEXIST (the
 * name is taken, e.g. a TCP congestion control), -EOPNOTSUPP (built with
 * RAWBPF_WITH_STRUCT_OPS=OFF), the kernel's -errno.
 */
RAWBPF_API int rawbpf_attach_struct_ops(const struct rawbpf_map *map,
					struct rawbpf_attachment **out);

/* rawbpf_program_attachment - the attachment rawbpf_object_attach() made
 * for @prog (a skeleton's links.<prog>), owned by the object; NULL when it
 * was skipped, detached or never attached (no kernel call). */
RAWBPF_API struct rawbpf_attachment *
rawbpf_program_attachment(const struct rawbpf_program *prog);

/* The hook family a section name names. */
enum rawbpf_hook {
	RAWBPF_HOOK_NONE = 0,	/* not attachable by itself */
	RAWBPF_HOOK_TRACEPOINT,
	RAWBPF_HOOK_RAW_TRACEPOINT,
	RAWBPF_HOOK_KPROBE,
	RAWBPF_HOOK_KSYSCALL,
	RAWBPF_HOOK_KPROBE_MULTI,
	RAWBPF_HOOK_UPROBE,
	RAWBPF_HOOK_UPROBE_MULTI,
	RAWBPF_HOOK_TRACING,	/* fentry, fexit, fmod_ret, tp_btf, lsm */
	RAWBPF_HOOK_FREPLACE,
	RAWBPF_HOOK_ITER,
	RAWBPF_HOOK_PERF_EVENT,
	/* from here on the hook needs a target from the options */
	RAWBPF_HOOK_CGROUP,
	RAWBPF_HOOK_XDP,
	RAWBPF_HOOK_TC,
	RAWBPF_HOOK_NETKIT,
	RAWBPF_HOOK_NETNS,
	RAWBPF_HOOK_SOCKMAP,
	RAWBPF_HOOK_SOCKET,
	RAWBPF_HOOK_REUSEPORT,
	RAWBPF_HOOK_NETFILTER,
};

/* What a section name attaches to, and the text after its prefix. */
struct rawbpf_section_hook {
	enum rawbpf_hook hook;
	uint32_t attach_type;	/* the section's expected attach type */
	int retprobe;		/* kretprobe/uretprobe/kretsyscall forms */
	char target[256];	/* "sched/sched_switch", "/bin/x:func", "" */
};

/* rawbpf_section_hook - parse section name @sec (pure, no kernel call):
 * 0, -ENOENT for an unknown name, -ENAMETOOLONG. */
RAWBPF_API int rawbpf_section_hook(const char *sec,
				   struct rawbpf_section_hook *out);

#ifdef __cplusplus
}
#endif
#endif
