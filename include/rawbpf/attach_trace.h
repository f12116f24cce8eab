/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * rawbpf/attach_trace.h - tracing hooks: tracepoints, raw tracepoints,
 * perf events (one event, or sampling on every CPU), kprobes, uprobes,
 * fentry/fexit/fmod_ret/tp_btf/lsm, freplace and BPF iterators.
 *
 * Every constructor returns 0 and a handle in *@out, or -errno and leaves
 * *@out alone. An -ENOENT says what was missing (the file, the symbol, the
 * library, the tracepoint) in a warning to the log hook (rawbpf_log_set). The mode of each options struct chooses the mechanism:
 *   AUTO   - a bpf_link; the older mechanism when LINK_CREATE answers
 *            -EINVAL or -EOPNOTSUPP for that attach type;
 *   LINK   - a bpf_link or the error;
 *   LEGACY - the older mechanism only.
 * The older mechanism per hook:
 *   perf based (tracepoint, kprobe, uprobe, perf_event): PERF_EVENT_IOC_SET_BPF
 *     + PERF_EVENT_IOC_ENABLE; the perf link needs 5.15, cookies need it too;
 *   kprobe/uprobe without their PMU (before 4.17): a kprobe_events /
 *     uprobe_events probe, removed again when the handle is destroyed;
 *   tracing (fentry, fexit, fmod_ret, tp_btf, lsm): RAW_TRACEPOINT_OPEN(NULL),
 *     whose fd is itself a link (5.5; the LINK_CREATE form is 5.7/5.10);
 *   raw tracepoints have only RAW_TRACEPOINT_OPEN: its fd is a bpf_link
 *     since 5.7, so every mode issues it (LINK_CREATE cannot name a classic
 *     raw tracepoint); LEGACY is accepted and means the same call.
 * Perf events are opened on CPU 0 for every thread (pid -1), which a
 * tracepoint or probe fires for whatever CPU it runs on; a uprobe for one
 * process is opened for that process on every CPU.
 *
 * rawbpf_attachment_detach(): perf links have no LINK_DETACH (-EOPNOTSUPP,
 * they end with their fd or pin); the older perf kind is detached by closing
 * its perf fd (the handle stays, its fd is then -EBADF); a sampling handle
 * disables its events. Tracefs probes made for a handle are removed when it
 * is destroyed.
 */
#ifndef RAWBPF_ATTACH_TRACE_H
#define RAWBPF_ATTACH_TRACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rawbpf/common.h"
#include "rawbpf/attach.h"

#ifdef __cplusplus
extern "C" {
#endif

struct perf_event_attr;

/* ---- perf events and tracepoints ---------------------------------------- */

struct rawbpf_attach_perf_event_opts {
	uint32_t size;
	uint32_t mode;			/* enum rawbpf_attach_mode */
	uint64_t cookie;		/* bpf_get_attach_cookie() (5.15, link) */
	const struct rawbpf_allocator *alloc;
};

/* rawbpf_attach_perf_event - run @prog_fd on the perf event @pfd: a perf
 * link (5.15) or SET_BPF + ENABLE (4.1). @pfd is duplicated; the caller
 * keeps its own fd. SET_BPF binds the program to the event itself: in the
 * older way it runs until the event's last fd, the caller's too, is closed
 * (detach and destroy close only the handle's dup). 0 and *@out, or -errno. */
RAWBPF_API int
rawbpf_attach_perf_event(int prog_fd, int pfd,
			 const struct rawbpf_attach_perf_event_opts *opts,
			 struct rawbpf_attachment **out);

struct rawbpf_attach_tracepoint_opts {
	uint32_t size;
	uint32_t mode;			/* enum rawbpf_attach_mode */
	uint64_t cookie;		/* 5.15, link mode only */
	const char *tracefs;		/* tracefs mount; NULL: look for it */
	const struct rawbpf_allocator *alloc;
};

/*
 * rawbpf_attach_tracepoint - attach a BPF_PROG_TYPE_TRACEPOINT program to
 * @category:@name (the id from tracefs; 4.7): a perf link (5.15) or SET_BPF.
 * 0 and *@out, or -EINVAL (NULL @out, bad mode), -ENOENT (no such
 * tracepoint, or no tracefs), -errno.
 */
RAWBPF_API int
rawbpf_attach_tracepoint(int prog_fd, const char *category, const char *name,
			 const struct rawbpf_attach_tracepoint_opts *opts,
			 struct rawbpf_attachment **out);

struct rawbpf_attach_perf_sampling_opts {
	uint32_t size;
	uint32_t mode;			/* enum rawbpf_attach_mode */
	uint64_t cookie;
	/* the event to open on each CPU; NULL: PERF_TYPE_SOFTWARE cpu-clock
	 * sampled at @freq Hz */
	const struct perf_event_attr *attr;
	uint64_t freq;			/* default 99 */
	const struct rawbpf_allocator *alloc;
};

/*
 * rawbpf_attach_perf_sampling - a BPF_PROG_TYPE_PERF_EVENT program on every
 * online CPU: one perf event and one link (or SET_BPF) per CPU, all owned by
 * the one handle (perf link 5.15, else SET_BPF 4.9). rawbpf_attachment_fd/
 * pin/info refer to the first CPU's link; detach and destroy act on all.
 * 0 and *@out, or -errno.
 */
RAWBPF_API int
rawbpf_attach_perf_sampling(int prog_fd,
			    const struct rawbpf_attach_perf_sampling_opts *opts,
			    struct rawbpf_attachment **out);
/* rawbpf_attachment_cpu_count - perf events a sampling handle owns, 1 for
 * other handles, 0 for NULL; never fails (no kernel call). */
RAWBPF_API int rawbpf_attachment_cpu_count(const struct rawbpf_attachment *at);

/* ---- raw tracepoints ------------------------------------------------------ */

struct rawbpf_attach_raw_tracepoint_opts {
	uint32_t size;
	uint32_t mode;			/* enum rawbpf_attach_mode; see above */
	uint64_t cookie;		/* 6.10 */
	const struct rawbpf_allocator *alloc;
};

/* rawbpf_attach_raw_tracepoint - BPF_RAW_TRACEPOINT_OPEN of a raw_tracepoint
 * program at tracepoint @name (4.17; a bpf_link since 5.7). 0 and *@out,
 * or -errno. */
RAWBPF_API int
rawbpf_attach_raw_tracepoint(int prog_fd, const char *name,
			     const struct rawbpf_attach_raw_tracepoint_opts *opts,
			     struct rawbpf_attachment **out);

/* ---- kprobes ----------------------------------------------------------- */

struct rawbpf_attach_kprobe_opts {
	uint32_t size;
	uint32_t mode;			/* enum rawbpf_attach_mode */
	uint64_t cookie;
	bool retprobe;			/* kretprobe */
	bool legacy_events;		/* use kprobe_events even with the PMU */
	const char *tracefs;		/* for kprobe_events; NULL: look */
	const struct rawbpf_allocator *alloc;
};

/* rawbpf_attach_kprobe - kprobe on @func+@offset: the kprobe PMU (4.17) or a
 * kprobe_events probe; then a perf link (5.15) or SET_BPF. 0 and *@out, or
 * -errno (-EOPNOTSUPP: the kernel has no kprobes). */
RAWBPF_API int
rawbpf_attach_kprobe(int prog_fd, const char *func, uint64_t offset,
		     const struct rawbpf_attach_kprobe_opts *opts,
		     struct rawbpf_attachment **out);
/* rawbpf_attach_ksyscall - kprobe on the syscall entry of @syscall ("openat")
 * under its arch wrapper name (__x64_sys_openat on x86-64; 4.17). 0 and
 * *@out, or -errno. */
RAWBPF_API int
rawbpf_attach_ksyscall(int prog_fd, const char *syscall,
		       const struct rawbpf_attach_kprobe_opts *opts,
		       struct rawbpf_attachment **out);
/* rawbpf_ksyscall_name - the kernel function name of @syscall's entry on
 * this arch into @buf (wrapper names since 4.17; no kernel call); 0,
 * -EINVAL or -ENAMETOOLONG. */
RAWBPF_API int rawbpf_ksyscall_name(const char *syscall, char *buf,
				    size_t size);

struct rawbpf_attach_kprobe_multi_opts {
	uint32_t size;
	bool retprobe;			/* BPF_F_KPROBE_MULTI_RETURN */
	const uint64_t *cookies;	/* one per symbol, or NULL */
	const unsigned long *addrs;	/* instead of symbols */
	const struct rawbpf_allocator *alloc;
	/* a kprobe session (BPF_TRACE_KPROBE_SESSION, 6.10; the program was
	 * loaded for it: section kprobe.session): it runs at entry and, for
	 * the calls where it returned 0 there, again at return
	 * (bpf_session_is_return tells which). Not with @retprobe. */
	bool session;
	const char *tracefs;		/* for patterns; NULL: look */
};

/* rawbpf_attach_kprobe_multi - one link on @cnt kernel functions @syms
 * (LINK_CREATE BPF_TRACE_KPROBE_MULTI, 5.18). No older path. 0 and *@out,
 * or -errno. */
RAWBPF_API int
rawbpf_attach_kprobe_multi(int prog_fd, const char *const *syms, uint32_t cnt,
			   const struct rawbpf_attach_kprobe_multi_opts *opts,
			   struct rawbpf_attachment **out);
/* rawbpf_attach_kprobe_multi_glob - one kprobe_multi link on every kernel
 * function matching shell pattern @pattern ("tcp_*", "vfs_[rw]*") that
 * ftrace can trace: tracefs' available_filter_functions_addrs (6.5; by
 * address) or available_filter_functions (by name), each function once.
 * No cookies or addrs in @opts. 0 and *@out; -ENOENT when no function
 * matches or no tracefs is mounted; -errno. */
RAWBPF_API int
rawbpf_attach_kprobe_multi_glob(int prog_fd, const char *pattern,
				const struct rawbpf_attach_kprobe_multi_opts *opts,
				struct rawbpf_attachment **out);

/* ---- uprobes ------------------------------------------------------------- */

struct rawbpf_attach_uprobe_opts {
	uint32_t size;
	uint32_t mode;			/* enum rawbpf_attach_mode */
	uint64_t cookie;
	bool retprobe;			/* uretprobe */
	bool legacy_events;		/* use uprobe_events even with the PMU */
	/* as libbpf: 0 this process, -1 every process, > 0 that one */
	int32_t pid;
	uint64_t ref_ctr_offset;	/* USDT semaphore (4.20) */
	const char *tracefs;		/* for uprobe_events; NULL: look */
	const struct rawbpf_allocator *alloc;
};

/*
 * rawbpf_attach_uprobe - uprobe in ELF file @path. With @func (a symbol,
 * optionally "sym+off"), the probe sits at the symbol's file offset plus
 * @offset; without, @offset is the file offset. @path without '/' names a
 * library mapped into the process (/proc/<pid|self>/maps: "libc" matches
 * libc.so.6). Uprobe PMU (4.17) or uprobe_events; perf link (5.15) or
 * SET_BPF. The probe fires in the process opts->pid names (0: this one,
 * the default; -1: every process). 0 and *@out, or -ENOENT (no such
 * file, library or symbol), -EINVAL (pid < -1), -errno.
 */
RAWBPF_API int
rawbpf_attach_uprobe(int prog_fd, const char *path, const char *func,
		     uint64_t offset,
		     const struct rawbpf_attach_uprobe_opts *opts,
		     struct rawbpf_attachment **out);
/* rawbpf_attach_uprobe_spec - rawbpf_attach_uprobe for "path:func",
 * "path:func+off" or "path:0xoff" (the uprobe/ section name form; 4.17 as
 * rawbpf_attach_uprobe). 0 and *@out, or -errno (-EINVAL: bad spec). */
RAWBPF_API int
rawbpf_attach_uprobe_spec(int prog_fd, const char *spec,
			  const struct rawbpf_attach_uprobe_opts *opts,
			  struct rawbpf_attachment **out);
/* rawbpf_uprobe_resolve - the file offset of @func (may be "sym+off") in
 * ELF file @path, as a uprobe needs it (no kernel call). 0 and *@offset,
 * -ENOENT when no such function, -errno. */
RAWBPF_API int rawbpf_uprobe_resolve(const char *path, const char *func,
				     uint64_t *offset,
				     const struct rawbpf_allocator *alloc);
/* rawbpf_uprobe_find_library - the path of a mapped library whose file name
 * starts with @name, from /proc/<pid>/maps (pid <= 0: self; any kernel).
 * 0 with the path in @buf, -ENOENT when none is mapped, -errno. */
RAWBPF_API int rawbpf_uprobe_find_library(int pid, const char *name, char *buf,
					  size_t size);
/* rawbpf_uprobe_find_library_file - the path of library @name ("libc",
 * "libc.so.6", "libfoo.so") as the dynamic linker finds it: the first
 * entry of /etc/ld.so.cache for this ABI whose name is @name or starts
 * with "@name." or "@name-", else @name or @name.so in the standard
 * library directories (the multiarch ones, /lib64, /usr/lib64, /lib,
 * /usr/lib, /usr/local/lib). No kernel call; files only. 0 with the path
 * in @buf, -ENOENT, -EINVAL (NULL, empty, or a name with '/'),
 * -ENAMETOOLONG, -ENOMEM. uprobe attach falls back to it when @path names
 * no library mapped in the target process. */
RAWBPF_API int
rawbpf_uprobe_find_library_file(const char *name, char *buf, size_t size,
				const struct rawbpf_allocator *alloc);

struct rawbpf_attach_uprobe_multi_opts {
	uint32_t size;
	bool retprobe;			/* BPF_F_UPROBE_MULTI_RETURN */
	/* as libbpf: 0 this process, -1 every process, > 0 that one */
	int32_t pid;
	const uint64_t *offsets;	/* instead of (or added to) symbols */
	const uint64_t *cookies;	/* one per probe, or NULL */
	const uint64_t *ref_ctr_offsets;
	const struct rawbpf_allocator *alloc;
	/* a uprobe session (BPF_TRACE_UPROBE_SESSION, 6.13; the program was
	 * loaded for it: section uprobe.session): it runs at entry and, for
	 * the calls where it returned 0 there, again at return. Not with
	 * @retprobe. */
	bool session;
};

/*
 * rawbpf_attach_uprobe_multi - one link with @cnt uprobes in @path: at the
 * symbols @funcs (or, @funcs NULL, at opts->offsets). LINK_CREATE
 * BPF_TRACE_UPROBE_MULTI (6.6). No older path. opts->pid as for
 * rawbpf_attach_uprobe (0: this process). 0 and *@out, or -ENOENT (no
 * such file or symbol), -EINVAL, -errno.
 */
RAWBPF_API int
rawbpf_attach_uprobe_multi(int prog_fd, const char *path,
			   const char *const *funcs, uint32_t cnt,
			   const struct rawbpf_attach_uprobe_multi_opts *opts,
			   struct rawbpf_attachment **out);

/* rawbpf_attach_uprobe_multi_glob - uprobe_multi on every function of
 * @path whose name matches shell pattern @pattern (fnmatch; 6.6 as
 * rawbpf_attach_uprobe_multi). 0 and *@out; -ENOENT when none matches;
 * per-probe arrays in @opts are -EINVAL here; -errno. */
RAWBPF_API int
rawbpf_attach_uprobe_multi_glob(int prog_fd, const char *path,
				const char *pattern,
				const struct rawbpf_attach_uprobe_multi_opts *opts,
				struct rawbpf_attachment **out);

/* ---- BTF-based tracing ------------------------------------------------- */

struct rawbpf_attach_tracing_opts {
	uint32_t size;
	uint32_t mode;			/* enum rawbpf_attach_mode */
	uint64_t cookie;		/* 6.0 */
	const struct rawbpf_allocator *alloc;
};

/*
 * rawbpf_attach_tracing - attach a fentry/fexit/fmod_ret/tp_btf (TRACING) or
 * lsm (LSM) program at the target chosen when it was loaded; @attach_type is
 * its expected attach type (BPF_TRACE_FENTRY, ..., BPF_TRACE_RAW_TP,
 * BPF_LSM_MAC). LINK_CREATE (5.10; lsm 5.7) or RAW_TRACEPOINT_OPEN(NULL)
 * (5.5). 0 and *@out, or -EINVAL (NULL @out, bad mode, not a tracing attach
 * type), -errno.
 */
RAWBPF_API int
rawbpf_attach_tracing(int prog_fd, uint32_t attach_type,
		      const struct rawbpf_attach_tracing_opts *opts,
		      struct rawbpf_attachment **out);

/*
 * rawbpf_attach_freplace - replace function @target_btf_id of program
 * @target_prog_fd by EXT program @prog_fd: LINK_CREATE (5.10). With
 * @target_prog_fd < 0 the target given at load time is used, and LEGACY mode
 * uses RAW_TRACEPOINT_OPEN(NULL) (5.6). 0 and *@out, or -EINVAL (a cookie, a
 * target without @target_btf_id), -EOPNOTSUPP (a new target in LEGACY mode),
 * -errno.
 */
RAWBPF_API int
rawbpf_attach_freplace(int prog_fd, int target_prog_fd, uint32_t target_btf_id,
		       const struct rawbpf_attach_tracing_opts *opts,
		       struct rawbpf_attachment **out);

/* ---- iterators ------------------------------------------------------------ */

struct rawbpf_attach_iter_opts {
	uint32_t size;
	int32_t map_fd;			/* bpf_map_elem / sk storage iters */
	int32_t cgroup_fd;		/* cgroup iter (6.1) */
	uint64_t cgroup_id;		/* instead of cgroup_fd */
	uint32_t cgroup_order;		/* enum bpf_cgroup_iter_order */
	uint32_t tid;			/* task iters (6.1): one thread */
	uint32_t pid;			/* ... or one process */
	uint32_t pid_fd;		/* ... or a pidfd */
	const struct rawbpf_allocator *alloc;
};

/*
 * rawbpf_attach_iter - an iterator link (LINK_CREATE BPF_TRACE_ITER, 5.8),
 * with its target parameter (map 5.9, cgroup and task 6.1). Unused target
 * fields stay 0 (map_fd/cgroup_fd: 0 means none). 0 and *@out, or -EINVAL,
 * -errno.
 */
RAWBPF_API int rawbpf_attach_iter(int prog_fd,
				  const struct rawbpf_attach_iter_opts *opts,
				  struct rawbpf_attachment **out);
/* rawbpf_iter_open - BPF_ITER_CREATE on an iterator link: a new fd whose
 * read() runs the iterator once (5.8). The fd, -EINVAL (not a link handle),
 * -errno. */
RAWBPF_API int rawbpf_iter_open(const struct rawbpf_attachment *at);
/*
 * rawbpf_iter_read - run the iterator once and return its whole output in
 * *@text (NUL-terminated, *@len bytes without the NUL), allocated with the
 * handle's allocator; free it with rawbpf_iter_text_free(). ITER_CREATE
 * (5.8). 0, or -errno (nothing allocated then).
 */
RAWBPF_API int rawbpf_iter_read(const struct rawbpf_attachment *at, char **text,
				size_t *len);
/* rawbpf_iter_text_free - release text from rawbpf_iter_read() (no kernel
 * call). */
RAWBPF_API void rawbpf_iter_text_free(const struct rawbpf_attachment *at,
				      char *text);

#ifdef __cplusplus
}
#endif
#endif
