/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * rawbpf/sys.h - one function per bpf(2) command.
 *
 * Each wrapper zero-fills the command's attr, sets only what the caller
 * asked for and passes size = the end of the last field that command uses,
 * so the same binary runs on old and new kernels. A field newer than the
 * running kernel is only sent when the caller sets it; the kernel then
 * answers -E2BIG or -EINVAL. Every function returns an fd or 0, or -errno;
 * errno is left as it was. Returned fds are close-on-exec and never 0-2.
 *
 * Names: rawbpf_sys_<command> is exactly the bpf(2) command BPF_<COMMAND>
 * and nothing more; its options are struct rawbpf_sys_<command>_opts.
 * Errors beyond the kernel's: an options struct whose size is below 4 is
 * -EINVAL, one larger than this library knows with a non-zero tail -E2BIG,
 * both before any call. The errors each comment lists are the ones seen on
 * real kernels; docs/syscalls.md says which test shows each.
 *
 * Constants (map, program, attach and link types, flags) are the kernel's,
 * from <linux/bpf.h>; rawbpf/abi.h adds those newer than old headers.
 */
#ifndef RAWBPF_SYS_H
#define RAWBPF_SYS_H

#include <linux/bpf.h>
#include <stdbool.h>
#include <stdint.h>

#include "rawbpf/common.h"
#include "rawbpf/abi.h"

#ifdef __cplusplus
extern "C" {
#endif

struct perf_event_attr;

/* ---- maps ---------------------------------------------------------- */

struct rawbpf_sys_map_create_opts {
	uint32_t size;			/* sizeof(struct rawbpf_sys_map_create_opts) */
	uint32_t map_flags;
	uint32_t inner_map_fd;		/* map-in-map: template inner map */
	uint32_t numa_node;		/* used when BPF_F_NUMA_NODE is set */
	uint32_t map_ifindex;		/* offload target */
	uint32_t btf_fd;
	uint32_t btf_key_type_id;
	uint32_t btf_value_type_id;
	uint32_t btf_vmlinux_value_type_id;	/* struct_ops */
	uint64_t map_extra;		/* bloom filter hashes, arena address; 5.16 */
	int32_t value_type_btf_obj_fd;	/* 6.9; sets BPF_F_VTYPE_BTF_OBJ_FD */
	int32_t token_fd;		/* 6.9; sets BPF_F_TOKEN_FD */
	const void *excl_prog_hash;	/* 6.18: SHA-256 of the only program
					   allowed to use the map */
	uint32_t excl_prog_hash_size;
};

/* rawbpf_sys_map_create - BPF_MAP_CREATE (3.18); @name may be NULL (4.15).
 * The map fd, or -errno: -EINVAL (unknown type or flag, bad sizes), -EPERM
 * (no privilege or token). */
RAWBPF_API int
rawbpf_sys_map_create(uint32_t map_type, const char *name, uint32_t key_size,
		      uint32_t value_size, uint32_t max_entries,
		      const struct rawbpf_sys_map_create_opts *opts);
/* rawbpf_sys_map_lookup_elem - BPF_MAP_LOOKUP_ELEM (3.18): copy the value of
 * @key into @value. 0, -ENOENT (no such key), -EPERM (write-only fd),
 * -EBADF. */
RAWBPF_API int rawbpf_sys_map_lookup_elem(int map_fd, const void *key,
					  void *value);
/* rawbpf_sys_map_lookup_elem_flags - BPF_MAP_LOOKUP_ELEM with @flags, e.g.
 * BPF_F_LOCK (5.1). 0, -ENOENT (no such key), -EINVAL (BPF_F_LOCK on a value
 * without a spin lock, unknown flags). */
RAWBPF_API int rawbpf_sys_map_lookup_elem_flags(int map_fd, const void *key,
						void *value, uint64_t flags);
/*
 * rawbpf_sys_map_update_elem - BPF_MAP_UPDATE_ELEM (3.18) with @flags
 * BPF_ANY/BPF_NOEXIST/BPF_EXIST/BPF_F_LOCK. 0, -EEXIST (NOEXIST, key
 * present), -ENOENT (EXIST, key absent), -E2BIG (map full), -EPERM (frozen
 * map or read-only fd), -EINVAL.
 */
RAWBPF_API int rawbpf_sys_map_update_elem(int map_fd, const void *key,
					  const void *value, uint64_t flags);
/* rawbpf_sys_map_delete_elem - BPF_MAP_DELETE_ELEM (3.18). 0, -ENOENT (no
 * such key), -EINVAL (array maps). */
RAWBPF_API int rawbpf_sys_map_delete_elem(int map_fd, const void *key);
/* rawbpf_sys_map_delete_elem_flags - delete with @flags; 0 is a plain delete
 * (3.18). No mainline kernel up to 6.18 accepts non-zero flags: -EINVAL. 0,
 * -ENOENT. */
RAWBPF_API int rawbpf_sys_map_delete_elem_flags(int map_fd, const void *key,
						uint64_t flags);
/* rawbpf_sys_map_get_next_key - BPF_MAP_GET_NEXT_KEY (3.18): the key after
 * @key (NULL: the first key) into @next_key. 0, -ENOENT after the last. */
RAWBPF_API int rawbpf_sys_map_get_next_key(int map_fd, const void *key,
					   void *next_key);
/* rawbpf_sys_map_lookup_and_delete_elem - BPF_MAP_LOOKUP_AND_DELETE_ELEM:
 * queue/stack pop (4.20), hash maps (5.14). 0, -ENOENT (empty queue, no such
 * key), or the kernel's -errno. */
RAWBPF_API int
rawbpf_sys_map_lookup_and_delete_elem(int map_fd, const void *key, void *value,
				      uint64_t flags);
/* rawbpf_sys_map_freeze - BPF_MAP_FREEZE (5.2): no more writes from user
 * space. 0, -EPERM (also when frozen already), -EINVAL (not a map). */
RAWBPF_API int rawbpf_sys_map_freeze(int map_fd);

struct rawbpf_sys_map_batch_opts {
	uint32_t size;
	uint64_t elem_flags;
	uint64_t flags;
};

/*
 * Batch commands (5.6). @count is in/out: entries offered / processed.
 * @in_batch is NULL for the first call; @out_batch receives the position to
 * pass as @in_batch next. -ENOENT marks the end (with *count entries valid).
 * elem_flags: only BPF_F_LOCK (no BPF_NOEXIST/BPF_EXIST, unlike single
 * updates); a call refused up front leaves *count as given.
 */
/* rawbpf_sys_map_lookup_batch - BPF_MAP_LOOKUP_BATCH (5.6): up to *@count
 * entries into @keys/@values. 0, -ENOENT at the end (with *@count entries
 * valid), -EINVAL (NULL @count, flags), -EBADF. */
RAWBPF_API int
rawbpf_sys_map_lookup_batch(int map_fd, void *in_batch, void *out_batch,
			    void *keys, void *values, uint32_t *count,
			    const struct rawbpf_sys_map_batch_opts *opts);
/* rawbpf_sys_map_lookup_and_delete_batch - BPF_MAP_LOOKUP_AND_DELETE_BATCH
 * (5.6): like rawbpf_sys_map_lookup_batch, deleting what it returns. 0,
 * -ENOENT at the end, -EINVAL, -EBADF. */
RAWBPF_API int
rawbpf_sys_map_lookup_and_delete_batch(int map_fd, void *in_batch,
				       void *out_batch, void *keys,
				       void *values, uint32_t *count,
				       const struct rawbpf_sys_map_batch_opts *opts);
/* rawbpf_sys_map_update_batch - BPF_MAP_UPDATE_BATCH (5.6): *@count entries
 * from @keys/@values. 0, -EINVAL (NULL @count, elem_flags other than
 * BPF_F_LOCK), -EBADF. */
RAWBPF_API int
rawbpf_sys_map_update_batch(int map_fd, const void *keys, const void *values,
			    uint32_t *count,
			    const struct rawbpf_sys_map_batch_opts *opts);
/* rawbpf_sys_map_delete_batch - BPF_MAP_DELETE_BATCH (5.6): *@count keys
 * from @keys. 0, -ENOENT (a missing key), -EINVAL (NULL @count), -EBADF. */
RAWBPF_API int
rawbpf_sys_map_delete_batch(int map_fd, const void *keys, uint32_t *count,
			    const struct rawbpf_sys_map_batch_opts *opts);

/* ---- programs ------------------------------------------------------ */

struct rawbpf_sys_prog_load_opts {
	uint32_t size;
	uint32_t expected_attach_type;
	uint32_t prog_flags;		/* BPF_F_SLEEPABLE, BPF_F_XDP_HAS_FRAGS, ... */
	uint32_t kern_version;
	uint32_t prog_ifindex;
	uint32_t prog_btf_fd;
	const void *func_info;
	uint32_t func_info_rec_size;
	uint32_t func_info_cnt;
	const void *line_info;
	uint32_t line_info_rec_size;
	uint32_t line_info_cnt;
	uint32_t attach_btf_id;
	uint32_t attach_prog_fd;	/* freplace target program */
	uint32_t attach_btf_obj_fd;	/* module BTF of the attach target */
	const int *fd_array;
	const void *core_relos;
	uint32_t core_relo_rec_size;
	uint32_t core_relo_cnt;
	int32_t token_fd;		/* 6.9; sets BPF_F_TOKEN_FD */
	uint32_t fd_array_cnt;		/* 6.13: bind all of fd_array */

	/*
	 * Verifier log. With @log_buf set: loads with @log_level from the
	 * start, or (log_level 0) without a log and, on failure, again with
	 * level 1 into @log_buf. With @log_grow and no @log_buf: at
	 * log_level 1 or 2 loads into a growing buffer from the start, and
	 * keeps the log also after a success; at level 0, on failure,
	 * reloads into a buffer from @alloc that grows until the log fits
	 * (to log_true_size where the kernel reports it, 6.4+; else doubling)
	 * or reaches 1 GiB; the caller frees it with
	 * rawbpf_sys_prog_load_log_free(). The log is kept also on -ENOSPC
	 * (truncated) and -EFAULT.
	 */
	char *log_buf;
	uint32_t log_size;
	uint32_t log_level;
	bool log_grow;
	const struct rawbpf_allocator *alloc;
	uint32_t log_true_size;		/* out: bytes the full log needs (6.4) */
	uint32_t attempts;		/* out: PROG_LOAD calls made */
};

/*
 * rawbpf_sys_prog_load - BPF_PROG_LOAD (3.18). @name may be NULL; a name
 * longer than 15 characters is cut. Retries a bounded number of times on
 * -EAGAIN. The program fd, or -errno: -EINVAL (NULL or empty @insns, a log
 * buffer of size 0, a verifier refusal), -EACCES (verifier), -ENOSPC (log
 * too small), -EPERM, -ENOMEM (growing the log).
 */
RAWBPF_API int
rawbpf_sys_prog_load(uint32_t prog_type, const char *name, const char *license,
		     const struct bpf_insn *insns, uint32_t insn_cnt,
		     struct rawbpf_sys_prog_load_opts *opts);
/* rawbpf_sys_prog_load_log_free - release a log that rawbpf_sys_prog_load
 * grew (log_grow); no kernel call; NULL or a caller's own log is left alone. */
RAWBPF_API void
rawbpf_sys_prog_load_log_free(struct rawbpf_sys_prog_load_opts *opts);

struct rawbpf_sys_prog_test_run_opts {
	uint32_t size;
	const void *data_in;
	uint32_t data_size_in;
	void *data_out;
	uint32_t data_size_out;		/* in: room in data_out; out: bytes */
	const void *ctx_in;
	uint32_t ctx_size_in;
	void *ctx_out;
	uint32_t ctx_size_out;		/* in/out like data_size_out */
	uint32_t repeat;
	uint32_t flags;			/* BPF_F_TEST_RUN_ON_CPU, ... */
	uint32_t cpu;
	uint32_t batch_size;		/* XDP live frames (5.18) */
	uint32_t retval;		/* out: the program's return value */
	uint32_t duration;		/* out: average ns per run */
};

/*
 * rawbpf_sys_prog_test_run - BPF_PROG_TEST_RUN (4.12): run the program once
 * (or @repeat times) on the given data/context. 0 with retval and duration
 * set, -ENOSPC (data_out too small; data_size_out says how much is needed),
 * -EINVAL (NULL @opts, bad context), -EBADF.
 */
RAWBPF_API int
rawbpf_sys_prog_test_run(int prog_fd,
			 struct rawbpf_sys_prog_test_run_opts *opts);

/* rawbpf_sys_prog_bind_map - BPF_PROG_BIND_MAP (5.10): keep @map_fd alive as
 * long as the program, without the program referring to it. 0 (also when
 * bound already), -EINVAL (flags, not a map), -EBADF. */
RAWBPF_API int rawbpf_sys_prog_bind_map(int prog_fd, int map_fd,
					uint32_t flags);

/* ---- ids, fds and info ------------------------------------------------ */

/* rawbpf_sys_prog_get_next_id - BPF_PROG_GET_NEXT_ID (4.13): the first
 * program id after @start_id. 0, -ENOENT at the end, -EINVAL (NULL @next_id,
 * @start_id >= INT_MAX). */
RAWBPF_API int rawbpf_sys_prog_get_next_id(uint32_t start_id,
					   uint32_t *next_id);
/* rawbpf_sys_map_get_next_id - BPF_MAP_GET_NEXT_ID (4.13): the first map id
 * after @start_id. 0, -ENOENT at the end, -EINVAL. */
RAWBPF_API int rawbpf_sys_map_get_next_id(uint32_t start_id, uint32_t *next_id);
/* rawbpf_sys_btf_get_next_id - BPF_BTF_GET_NEXT_ID (5.4): the first BTF id
 * after @start_id. 0, -ENOENT at the end, -EINVAL. */
RAWBPF_API int rawbpf_sys_btf_get_next_id(uint32_t start_id, uint32_t *next_id);
/* rawbpf_sys_link_get_next_id - BPF_LINK_GET_NEXT_ID (5.8): the first link
 * id after @start_id. 0, -ENOENT at the end, -EINVAL. */
RAWBPF_API int rawbpf_sys_link_get_next_id(uint32_t start_id,
					   uint32_t *next_id);

/* rawbpf_sys_prog_get_fd_by_id - BPF_PROG_GET_FD_BY_ID (4.13): a new fd for
 * program @id. The fd, -ENOENT (unknown id), -EPERM. */
RAWBPF_API int rawbpf_sys_prog_get_fd_by_id(uint32_t id);
/* rawbpf_sys_map_get_fd_by_id - BPF_MAP_GET_FD_BY_ID (4.13): a new fd for
 * map @id; @open_flags BPF_F_RDONLY or BPF_F_WRONLY (4.15). The fd, -ENOENT
 * (unknown id), -EINVAL (both flags). */
RAWBPF_API int rawbpf_sys_map_get_fd_by_id(uint32_t id, uint32_t open_flags);
/* rawbpf_sys_btf_get_fd_by_id - BPF_BTF_GET_FD_BY_ID (4.18): a new fd for
 * BTF object @id. The fd, -ENOENT (unknown id). */
RAWBPF_API int rawbpf_sys_btf_get_fd_by_id(uint32_t id);

struct rawbpf_sys_get_fd_by_id_opts {
	uint32_t size;
	uint32_t open_flags;
	/* a BPF token (6.13; sets BPF_F_TOKEN_FD): what a process in a user
	 * namespace needs to open vmlinux's or a module's BTF by id */
	int32_t token_fd;
};
/* rawbpf_sys_btf_get_fd_by_id_opts - BPF_BTF_GET_FD_BY_ID with options
 * (only BTF takes a token, up to 6.18 at least). The fd, -ENOENT (unknown
 * id), -EPERM (no CAP_SYS_ADMIN and no token), -EINVAL (a token before
 * 6.13), -EBADF (a negative token fd). */
RAWBPF_API int
rawbpf_sys_btf_get_fd_by_id_opts(uint32_t id,
				 const struct rawbpf_sys_get_fd_by_id_opts *opts);
/* rawbpf_sys_link_get_fd_by_id - BPF_LINK_GET_FD_BY_ID (5.8): a new fd for
 * link @id; @open_flags must be 0 on kernels up to 6.18. The fd, -ENOENT
 * (unknown id), -EINVAL (flags). */
RAWBPF_API int rawbpf_sys_link_get_fd_by_id(uint32_t id, uint32_t open_flags);

/*
 * rawbpf_sys_obj_get_info_by_fd - BPF_OBJ_GET_INFO_BY_FD (4.13): fills @info
 * (struct bpf_prog_info, bpf_map_info, bpf_btf_info or rawbpf_link_info);
 * *@info_len is in/out. 0, -EINVAL (NULL @info or @info_len), -EBADFD (!, a
 * bad fd).
 */
RAWBPF_API int rawbpf_sys_obj_get_info_by_fd(int fd, void *info,
					     uint32_t *info_len);

/* ---- bpffs ----------------------------------------------------------- */

struct rawbpf_sys_obj_opts {
	uint32_t size;
	uint32_t file_flags;	/* OBJ_GET: BPF_F_RDONLY / BPF_F_WRONLY (4.15) */
	int32_t path_fd;	/* 6.5: @path is relative to this dir fd */
	bool use_path_fd;	/* set to send path_fd (BPF_F_PATH_FD) */
};

/*
 * rawbpf_sys_obj_pin - BPF_OBJ_PIN (4.4): pin @fd at @path on bpffs; @opts
 * may give a directory fd (6.5). 0, -EEXIST (path taken), -EPERM (not on
 * bpffs), -ENOENT (no such directory), -EINVAL (NULL @path, not a bpf fd,
 * flags).
 */
RAWBPF_API int rawbpf_sys_obj_pin(int fd, const char *path,
				  const struct rawbpf_sys_obj_opts *opts);
/* rawbpf_sys_obj_get - BPF_OBJ_GET (4.4): a new fd for the object pinned at
 * @path; file_flags BPF_F_RDONLY/WRONLY (4.15). The fd, -ENOENT (no pin),
 * -EACCES (not a pin, or the mode), -EINVAL (NULL @path, flags). */
RAWBPF_API int rawbpf_sys_obj_get(const char *path,
				  const struct rawbpf_sys_obj_opts *opts);

/* ---- attach (pre-link) ------------------------------------------------ */

struct rawbpf_sys_prog_attach_opts {
	uint32_t size;
	uint32_t flags;		/* BPF_F_ALLOW_OVERRIDE/MULTI, BPF_F_REPLACE,
				   BPF_F_BEFORE/AFTER, BPF_F_ID, ... */
	int32_t replace_prog_fd;	/* with BPF_F_REPLACE (5.6) */
	uint32_t relative_fd;	/* or relative_id with BPF_F_ID (6.6) */
	uint64_t expected_revision;	/* 6.6 */
	int32_t prog_fd;	/* PROG_DETACH only: which program (multi) */
};

/*
 * rawbpf_sys_prog_attach - BPF_PROG_ATTACH (4.10): attach @prog_fd to
 * @target_fd (cgroup, sockmap, netns, ifindex for tcx) for @attach_type. 0,
 * -EINVAL (type mismatch, flags, attached already), -EPERM (MULTI over an
 * exclusive program), -ENOENT (REPLACE of a program not attached), -ESTALE
 * (tcx revision), -EBADF.
 */
RAWBPF_API int
rawbpf_sys_prog_attach(int prog_fd, int target_fd, uint32_t attach_type,
		       const struct rawbpf_sys_prog_attach_opts *opts);
/* rawbpf_sys_prog_detach - BPF_PROG_DETACH (4.10); opts->prog_fd names the
 * program for BPF_F_ALLOW_MULTI attachments. 0, -ENOENT (nothing attached),
 * -EINVAL, -EBADF. */
RAWBPF_API int
rawbpf_sys_prog_detach(int target_fd, uint32_t attach_type,
		       const struct rawbpf_sys_prog_attach_opts *opts);

struct rawbpf_sys_prog_query_opts {
	uint32_t size;
	uint32_t query_flags;		/* BPF_F_QUERY_EFFECTIVE */
	uint32_t attach_flags;		/* out */
	uint32_t *prog_ids;		/* out, room for *count */
	uint32_t *prog_attach_flags;	/* out (5.19) */
	uint32_t *link_ids;		/* out (6.6 tcx/netkit, 6.15 cgroups) */
	uint32_t *link_attach_flags;	/* out (6.6) */
	uint32_t count;			/* in: room; out: programs attached
					   (also on -ENOSPC) */
	uint64_t revision;		/* out (6.6 tcx/netkit, 6.15 cgroups;
					   0 where not kept) */
};

/*
 * rawbpf_sys_prog_query - BPF_PROG_QUERY (4.15): programs attached at
 * @target_fd (cgroup fd, or ifindex for tcx/netkit) for @attach_type, in run
 * order. 0, -ENOSPC when *count was too small (count then says how many),
 * -EINVAL (NULL @opts, flags), -EBADF.
 */
RAWBPF_API int rawbpf_sys_prog_query(int target_fd, uint32_t attach_type,
				     struct rawbpf_sys_prog_query_opts *opts);

/*
 * rawbpf_sys_raw_tracepoint_open - BPF_RAW_TRACEPOINT_OPEN (4.17): attach a
 * raw_tracepoint (or, @name NULL, a tracing) program; the fd is a link since
 * 5.7. @cookie != 0 needs 6.10. The fd, -ENOENT (unknown tracepoint),
 * -EINVAL (program type), -EBADF.
 */
RAWBPF_API int rawbpf_sys_raw_tracepoint_open(const char *name, int prog_fd,
					      uint64_t cookie);

/* ---- BTF ------------------------------------------------------------- */

struct rawbpf_sys_btf_load_opts {
	uint32_t size;
	char *log_buf;
	uint32_t log_size;
	uint32_t log_level;
	uint32_t log_true_size;		/* out (6.4) */
	uint32_t btf_flags;		/* 6.9 */
	int32_t token_fd;		/* 6.9; sets BPF_F_TOKEN_FD */
};

/* rawbpf_sys_btf_load - BPF_BTF_LOAD (4.18): load raw BTF. The BTF fd, or
 * -EINVAL (NULL or empty @btf, a log of size 0, BTF the kernel refuses; the
 * log says why), -ENOSPC (log too small), -EPERM. */
RAWBPF_API int rawbpf_sys_btf_load(const void *btf, uint32_t btf_size,
				   struct rawbpf_sys_btf_load_opts *opts);

/* ---- task_fd_query ---------------------------------------------------- */

struct rawbpf_sys_task_fd_query_info {
	uint32_t prog_id;
	uint32_t fd_type;	/* BPF_FD_TYPE_* */
	uint64_t probe_offset;
	uint64_t probe_addr;
	char *buf;		/* in: where to put the tp/func/file name */
	uint32_t buf_len;	/* in: room; out: name length */
};

/*
 * rawbpf_sys_task_fd_query - BPF_TASK_FD_QUERY (4.18): what program is
 * behind fd @fd of task @pid (a perf event or raw tracepoint fd). 0, -ENOSPC
 * (name longer than buf; buf_len says how long), -EINVAL (NULL @info,
 * flags), -524 (!, an fd that is no perf event or raw tracepoint), -EBADF.
 */
RAWBPF_API int
rawbpf_sys_task_fd_query(int pid, int fd, uint32_t flags,
			 struct rawbpf_sys_task_fd_query_info *info);

/* ---- links ------------------------------------------------------------ */

struct rawbpf_sys_link_create_opts {
	uint32_t size;
	uint32_t flags;
	uint32_t target_btf_id;		/* freplace / tracing without cookie */
	const void *iter_info;		/* iter: union bpf_iter_link_info */
	uint32_t iter_info_len;
	uint64_t perf_cookie;		/* perf_event (5.15) */
	struct {
		uint32_t flags;		/* BPF_F_KPROBE_MULTI_RETURN */
		uint32_t cnt;
		const char **syms;
		const unsigned long *addrs;
		const uint64_t *cookies;
	} kprobe_multi;			/* 5.18 */
	uint64_t tracing_cookie;	/* fentry/fexit/lsm (6.0) */
	struct {
		uint32_t pf;
		uint32_t hooknum;
		int32_t priority;
		uint32_t flags;
	} netfilter;			/* 6.4 */
	/* tcx (6.6), netkit (6.7), cgroup ordering (6.15) */
	uint32_t relative_fd;		/* or an id with BPF_F_ID */
	uint64_t expected_revision;
	struct {
		const char *path;
		const unsigned long *offsets;
		const unsigned long *ref_ctr_offsets;
		const uint64_t *cookies;
		uint32_t cnt;
		uint32_t flags;		/* BPF_F_UPROBE_MULTI_RETURN */
		uint32_t pid;
	} uprobe_multi;			/* 6.6 */
};

/*
 * rawbpf_sys_link_create - BPF_LINK_CREATE (5.7): a bpf_link between
 * @prog_fd and @target (cgroup fd, ifindex, netns fd, perf event fd, map fd,
 * 0) for @attach_type. Only the per-type part that @attach_type uses is
 * sent. The link fd, -EINVAL (no such link for the type), -EBADF, -ESTALE
 * (revision), -EOPNOTSUPP.
 */
RAWBPF_API int
rawbpf_sys_link_create(int prog_fd, int target, uint32_t attach_type,
		       const struct rawbpf_sys_link_create_opts *opts);

struct rawbpf_sys_link_update_opts {
	uint32_t size;
	uint32_t flags;		/* BPF_F_REPLACE: only if old_prog_fd matches */
	int32_t old_prog_fd;
	int32_t old_map_fd;	/* struct_ops links (6.4) */
	bool is_map;		/* new_fd is a struct_ops map, not a program */
};

/* rawbpf_sys_link_update - BPF_LINK_UPDATE (5.7): swap the link's program
 * (or struct_ops map, 6.4) for @new_fd atomically. 0, -EPERM (BPF_F_REPLACE
 * with another old program), -ENOLINK (detached link), -EINVAL. */
RAWBPF_API int
rawbpf_sys_link_update(int link_fd, int new_fd,
		       const struct rawbpf_sys_link_update_opts *opts);
/* rawbpf_sys_link_detach - BPF_LINK_DETACH (5.9): detach the program; the
 * link stays (defunct) until its last fd and pin go. 0, -EOPNOTSUPP
 * (iterator and perf links), -EINVAL (not a link). */
RAWBPF_API int rawbpf_sys_link_detach(int link_fd);
/* rawbpf_sys_iter_create - BPF_ITER_CREATE (5.8): a readable fd from an
 * iterator link. The fd, -EINVAL (not an iterator link). */
RAWBPF_API int rawbpf_sys_iter_create(int link_fd);

/* ---- misc ------------------------------------------------------------- */

/* rawbpf_sys_enable_stats - BPF_ENABLE_STATS (5.8): run_time_ns/run_cnt are
 * counted while the returned fd is open. The fd, -EINVAL (unknown type),
 * -EPERM. */
RAWBPF_API int rawbpf_sys_enable_stats(uint32_t type);
/* rawbpf_sys_prog_stream_read - BPF_PROG_STREAM_READ_BY_FD (6.17): move
 * up to @size bytes of program @prog_fd's stream @stream_id
 * (RAWBPF_STREAM_STDOUT 1, RAWBPF_STREAM_STDERR 2: what it wrote with
 * bpf_stream_printk, and the kernel's reports of its faults) into @buf;
 * what is read is gone from the stream. Bytes read (0: empty) or the
 * kernel's -errno: -ENOENT (no such stream id), -EINVAL (a NULL @buf with
 * a size; every call before 6.17), -EBADF (not a program fd). */
RAWBPF_API int rawbpf_sys_prog_stream_read(int prog_fd, uint32_t stream_id,
					   void *buf, uint32_t size);
#define RAWBPF_STREAM_STDOUT 1
#define RAWBPF_STREAM_STDERR 2

/* rawbpf_sys_token_create - BPF_TOKEN_CREATE (6.9): a token from a bpffs
 * mounted with delegation options. The fd, -EOPNOTSUPP (bpffs of the initial
 * user namespace), -EINVAL (not a bpffs root, flags), -EBADF. */
RAWBPF_API int rawbpf_sys_token_create(int bpffs_fd, uint32_t flags);

/* rawbpf_sys_perf_event_open - perf_event_open(2) (2.6.31) with FD_CLOEXEC,
 * through the choke point. The fd (never 0-2), -EINVAL (NULL @attr), or the
 * kernel's -errno (-ENOENT: no such event type). */
RAWBPF_API int rawbpf_sys_perf_event_open(struct perf_event_attr *attr, int pid,
					  int cpu, int group_fd,
					  unsigned long flags);

#ifdef __cplusplus
}
#endif
#endif
