/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * abi.h - rawbpf's own, layout-identical copies of the parts of the kernel's
 * union bpf_attr that it sends, one struct per command. They let the library
 * build against old kernel headers (6.1 on Debian 12, older in embedded
 * toolchains) and still offer newer fields. tests/unit/abi_offsets.c checks
 * every field against <linux/bpf.h> where that header has it; fields newer
 * than the build's header are checked against the numbers of the 6.18 uapi.
 *
 * Kernel uapi numbers and layouts are facts; names here carry an rb_ prefix
 * so this header can sit beside <linux/bpf.h>.
 */
#ifndef RB_SYS_ABI_H
#define RB_SYS_ABI_H

#include <stdint.h>

#define RB_OBJ_NAME_LEN 16
#define RB_ALIGNED_U64 uint64_t __attribute__((aligned(8)))

enum rb_cmd {
	RB_MAP_CREATE = 0,
	RB_MAP_LOOKUP_ELEM = 1,
	RB_MAP_UPDATE_ELEM = 2,
	RB_MAP_DELETE_ELEM = 3,
	RB_MAP_GET_NEXT_KEY = 4,
	RB_PROG_LOAD = 5,
	RB_OBJ_PIN = 6,
	RB_OBJ_GET = 7,
	RB_PROG_ATTACH = 8,
	RB_PROG_DETACH = 9,
	RB_PROG_TEST_RUN = 10,
	RB_PROG_GET_NEXT_ID = 11,
	RB_MAP_GET_NEXT_ID = 12,
	RB_PROG_GET_FD_BY_ID = 13,
	RB_MAP_GET_FD_BY_ID = 14,
	RB_OBJ_GET_INFO_BY_FD = 15,
	RB_PROG_QUERY = 16,
	RB_RAW_TRACEPOINT_OPEN = 17,
	RB_BTF_LOAD = 18,
	RB_BTF_GET_FD_BY_ID = 19,
	RB_TASK_FD_QUERY = 20,
	RB_MAP_LOOKUP_AND_DELETE_ELEM = 21,
	RB_MAP_FREEZE = 22,
	RB_BTF_GET_NEXT_ID = 23,
	RB_MAP_LOOKUP_BATCH = 24,
	RB_MAP_LOOKUP_AND_DELETE_BATCH = 25,
	RB_MAP_UPDATE_BATCH = 26,
	RB_MAP_DELETE_BATCH = 27,
	RB_LINK_CREATE = 28,
	RB_LINK_UPDATE = 29,
	RB_LINK_GET_FD_BY_ID = 30,
	RB_LINK_GET_NEXT_ID = 31,
	RB_ENABLE_STATS = 32,
	RB_ITER_CREATE = 33,
	RB_LINK_DETACH = 34,
	RB_PROG_BIND_MAP = 35,
	RB_TOKEN_CREATE = 36,
	RB_PROG_STREAM_READ_BY_FD = 37,
	RB_CMD_MAX,
};

struct rb_attr_map_create {
	uint32_t map_type;
	uint32_t key_size;
	uint32_t value_size;
	uint32_t max_entries;
	uint32_t map_flags;
	uint32_t inner_map_fd;
	uint32_t numa_node;
	char map_name[RB_OBJ_NAME_LEN];
	uint32_t map_ifindex;
	uint32_t btf_fd;
	uint32_t btf_key_type_id;
	uint32_t btf_value_type_id;
	uint32_t btf_vmlinux_value_type_id;
	uint64_t map_extra;			/* 5.16 */
	int32_t value_type_btf_obj_fd;		/* 6.9 */
	int32_t map_token_fd;			/* 6.9 */
	RB_ALIGNED_U64 excl_prog_hash;		/* 6.18 */
	uint32_t excl_prog_hash_size;		/* 6.18 */
};

/* MAP_*_ELEM, MAP_GET_NEXT_KEY, MAP_FREEZE */
struct rb_attr_map_elem {
	uint32_t map_fd;
	RB_ALIGNED_U64 key;
	union {
		RB_ALIGNED_U64 value;
		RB_ALIGNED_U64 next_key;
	};
	uint64_t flags;
};

struct rb_attr_map_batch {
	RB_ALIGNED_U64 in_batch;
	RB_ALIGNED_U64 out_batch;
	RB_ALIGNED_U64 keys;
	RB_ALIGNED_U64 values;
	uint32_t count;
	uint32_t map_fd;
	uint64_t elem_flags;
	uint64_t flags;
};

struct rb_attr_prog_load {
	uint32_t prog_type;
	uint32_t insn_cnt;
	RB_ALIGNED_U64 insns;
	RB_ALIGNED_U64 license;
	uint32_t log_level;
	uint32_t log_size;
	RB_ALIGNED_U64 log_buf;
	uint32_t kern_version;
	uint32_t prog_flags;
	char prog_name[RB_OBJ_NAME_LEN];
	uint32_t prog_ifindex;
	uint32_t expected_attach_type;
	uint32_t prog_btf_fd;
	uint32_t func_info_rec_size;
	RB_ALIGNED_U64 func_info;
	uint32_t func_info_cnt;
	uint32_t line_info_rec_size;
	RB_ALIGNED_U64 line_info;
	uint32_t line_info_cnt;
	uint32_t attach_btf_id;
	union {
		uint32_t attach_prog_fd;
		uint32_t attach_btf_obj_fd;
	};
	uint32_t core_relo_cnt;
	RB_ALIGNED_U64 fd_array;
	RB_ALIGNED_U64 core_relos;
	uint32_t core_relo_rec_size;
	uint32_t log_true_size;			/* 6.4 */
	int32_t prog_token_fd;			/* 6.9 */
	uint32_t fd_array_cnt;			/* 6.13 */
	RB_ALIGNED_U64 signature;		/* 6.18 */
	uint32_t signature_size;		/* 6.18 */
	int32_t keyring_id;			/* 6.18 */
};

/* OBJ_PIN, OBJ_GET */
struct rb_attr_obj {
	RB_ALIGNED_U64 pathname;
	uint32_t bpf_fd;
	uint32_t file_flags;
	int32_t path_fd;			/* 6.5 */
};

/* PROG_ATTACH, PROG_DETACH */
struct rb_attr_prog_attach {
	union {
		uint32_t target_fd;
		uint32_t target_ifindex;
	};
	uint32_t attach_bpf_fd;
	uint32_t attach_type;
	uint32_t attach_flags;
	uint32_t replace_bpf_fd;
	union {					/* 6.6 */
		uint32_t relative_fd;
		uint32_t relative_id;
	};
	uint64_t expected_revision;		/* 6.6 */
};

struct rb_attr_test_run {
	uint32_t prog_fd;
	uint32_t retval;
	uint32_t data_size_in;
	uint32_t data_size_out;
	RB_ALIGNED_U64 data_in;
	RB_ALIGNED_U64 data_out;
	uint32_t repeat;
	uint32_t duration;
	uint32_t ctx_size_in;
	uint32_t ctx_size_out;
	RB_ALIGNED_U64 ctx_in;
	RB_ALIGNED_U64 ctx_out;
	uint32_t flags;
	uint32_t cpu;
	uint32_t batch_size;
};

/* *_GET_NEXT_ID, *_GET_FD_BY_ID */
struct rb_attr_get_id {
	union {
		uint32_t start_id;
		uint32_t prog_id;
		uint32_t map_id;
		uint32_t btf_id;
		uint32_t link_id;
	};
	uint32_t next_id;
	uint32_t open_flags;
	int32_t fd_by_id_token_fd;		/* 6.13, BTF_GET_FD_BY_ID */
};

struct rb_attr_info {
	uint32_t bpf_fd;
	uint32_t info_len;
	RB_ALIGNED_U64 info;
};

struct rb_attr_prog_query {
	union {
		uint32_t target_fd;
		uint32_t target_ifindex;
	};
	uint32_t attach_type;
	uint32_t query_flags;
	uint32_t attach_flags;
	RB_ALIGNED_U64 prog_ids;
	union {
		uint32_t prog_cnt;
		uint32_t count;
	};
	uint32_t pad0;
	RB_ALIGNED_U64 prog_attach_flags;	/* 5.19 */
	RB_ALIGNED_U64 link_ids;		/* 6.6 */
	RB_ALIGNED_U64 link_attach_flags;	/* 6.6 */
	uint64_t revision;			/* 6.6 */
};

struct rb_attr_raw_tp {
	uint64_t name;
	uint32_t prog_fd;
	uint32_t pad0;
	RB_ALIGNED_U64 cookie;			/* 6.10 */
};

struct rb_attr_btf_load {
	RB_ALIGNED_U64 btf;
	RB_ALIGNED_U64 btf_log_buf;
	uint32_t btf_size;
	uint32_t btf_log_size;
	uint32_t btf_log_level;
	uint32_t btf_log_true_size;		/* 6.4 */
	uint32_t btf_flags;			/* 6.9 */
	int32_t btf_token_fd;			/* 6.9 */
};

struct rb_attr_task_fd_query {
	uint32_t pid;
	uint32_t fd;
	uint32_t flags;
	uint32_t buf_len;
	RB_ALIGNED_U64 buf;
	uint32_t prog_id;
	uint32_t fd_type;
	uint64_t probe_offset;
	uint64_t probe_addr;
};

struct rb_attr_link_create {
	union {
		uint32_t prog_fd;
		uint32_t map_fd;
	};
	union {
		uint32_t target_fd;
		uint32_t target_ifindex;
	};
	uint32_t attach_type;
	uint32_t flags;
	union {
		uint32_t target_btf_id;
		struct {
			RB_ALIGNED_U64 iter_info;
			uint32_t iter_info_len;
		};
		struct {
			uint64_t bpf_cookie;
		} perf_event;
		struct {
			uint32_t flags;
			uint32_t cnt;
			RB_ALIGNED_U64 syms;
			RB_ALIGNED_U64 addrs;
			RB_ALIGNED_U64 cookies;
		} kprobe_multi;
		struct {
			uint32_t target_btf_id;
			uint64_t cookie;
		} tracing;
		struct {
			uint32_t pf;
			uint32_t hooknum;
			int32_t priority;
			uint32_t flags;
		} netfilter;
		struct {
			union {
				uint32_t relative_fd;
				uint32_t relative_id;
			};
			uint64_t expected_revision;
		} tcx, netkit, cgroup;
		struct {
			RB_ALIGNED_U64 path;
			RB_ALIGNED_U64 offsets;
			RB_ALIGNED_U64 ref_ctr_offsets;
			RB_ALIGNED_U64 cookies;
			uint32_t cnt;
			uint32_t flags;
			uint32_t pid;
		} uprobe_multi;
	};
};

struct rb_attr_link_update {
	uint32_t link_fd;
	union {
		uint32_t new_prog_fd;
		uint32_t new_map_fd;
	};
	uint32_t flags;
	union {
		uint32_t old_prog_fd;
		uint32_t old_map_fd;
	};
};

struct rb_attr_link_detach {
	uint32_t link_fd;
};

struct rb_attr_enable_stats {
	uint32_t type;
};

struct rb_attr_iter_create {
	uint32_t link_fd;
	uint32_t flags;
};

struct rb_attr_prog_bind_map {
	uint32_t prog_fd;
	uint32_t map_fd;
	uint32_t flags;
};

struct rb_attr_token_create {
	uint32_t flags;
	uint32_t bpffs_fd;
};

struct rb_attr_prog_stream_read {	/* 6.17 */
	uint64_t stream_buf;
	uint32_t stream_buf_len;
	uint32_t stream_id;
	uint32_t prog_fd;
};

#endif
