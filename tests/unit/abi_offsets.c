// SPDX-License-Identifier: BSD-2-Clause
/*
 * abi_offsets.c - rawbpf's own attr structs (lib/sys/abi.h) and
 * rawbpf_link_info (include/rawbpf/abi.h) are layout-identical to the
 * kernel's. Every field is compared with union bpf_attr / struct
 * bpf_link_info of the installed <linux/bpf.h> where that header (6.1 on
 * Debian 12) has it; fields newer than 6.1 are compared with the offsets
 * and sizes of the 6.18 uapi, written out as numbers.
 */
#include <stddef.h>
#include <string.h>

#include "fixture.h"
#include "rawbpf/sys.h"
#include "core/mem.h"
#include "sys/abi.h"

struct field {
	const char *name;
	size_t off, size;	/* rawbpf's */
	size_t koff, ksize;	/* the kernel's */
};

#define FSZ(T, f) sizeof(((T *)0)->f)
/* K: a field the 6.1 header has, under the kernel name @kf. */
#define K(T, f, kf)                                                     \
	{ #T "." #f, offsetof(struct T, f), FSZ(struct T, f),           \
	  offsetof(union bpf_attr, kf), FSZ(union bpf_attr, kf) }
/* L: a field newer than 6.1: offset and size from the 6.18 uapi. */
#define L(T, f, o, s) \
	{ #T "." #f, offsetof(struct T, f), FSZ(struct T, f), o, s }
/* Same two for struct bpf_link_info. */
#define KI(f) \
	{ "link_info." #f, offsetof(struct rawbpf_link_info, f),         \
	  FSZ(struct rawbpf_link_info, f),                              \
	  offsetof(struct bpf_link_info, f), FSZ(struct bpf_link_info, f) }
#define LI(f, o, s) \
	{ "link_info." #f, offsetof(struct rawbpf_link_info, f),         \
	  FSZ(struct rawbpf_link_info, f), o, s }

/* The uapi's plain __u64 after five __u32 (link_create's
 * expected_revision): offset 24, but 20 where a u64 is 4-byte aligned in
 * structs (i386), as that architecture's kernel lays it out. */
struct u64_after5 {
	uint32_t w[5];
	uint64_t v;
};
#define U64_AFTER5 offsetof(struct u64_after5, v)

static const struct field attr_fields[] = {
	/* BPF_MAP_CREATE */
	K(rb_attr_map_create, map_type, map_type),
	K(rb_attr_map_create, key_size, key_size),
	K(rb_attr_map_create, value_size, value_size),
	K(rb_attr_map_create, max_entries, max_entries),
	K(rb_attr_map_create, map_flags, map_flags),
	K(rb_attr_map_create, inner_map_fd, inner_map_fd),
	K(rb_attr_map_create, numa_node, numa_node),
	K(rb_attr_map_create, map_name, map_name),
	K(rb_attr_map_create, map_ifindex, map_ifindex),
	K(rb_attr_map_create, btf_fd, btf_fd),
	K(rb_attr_map_create, btf_key_type_id, btf_key_type_id),
	K(rb_attr_map_create, btf_value_type_id, btf_value_type_id),
	K(rb_attr_map_create, btf_vmlinux_value_type_id,
	  btf_vmlinux_value_type_id),
	K(rb_attr_map_create, map_extra, map_extra),
	L(rb_attr_map_create, value_type_btf_obj_fd, 72, 4),
	L(rb_attr_map_create, map_token_fd, 76, 4),
	L(rb_attr_map_create, excl_prog_hash, 80, 8),
	L(rb_attr_map_create, excl_prog_hash_size, 88, 4),
	/* BPF_MAP_*_ELEM, GET_NEXT_KEY, FREEZE */
	K(rb_attr_map_elem, map_fd, map_fd),
	K(rb_attr_map_elem, key, key),
	K(rb_attr_map_elem, value, value),
	K(rb_attr_map_elem, next_key, next_key),
	K(rb_attr_map_elem, flags, flags),
	/* BPF_MAP_*_BATCH */
	K(rb_attr_map_batch, in_batch, batch.in_batch),
	K(rb_attr_map_batch, out_batch, batch.out_batch),
	K(rb_attr_map_batch, keys, batch.keys),
	K(rb_attr_map_batch, values, batch.values),
	K(rb_attr_map_batch, count, batch.count),
	K(rb_attr_map_batch, map_fd, batch.map_fd),
	K(rb_attr_map_batch, elem_flags, batch.elem_flags),
	K(rb_attr_map_batch, flags, batch.flags),
	/* BPF_PROG_LOAD */
	K(rb_attr_prog_load, prog_type, prog_type),
	K(rb_attr_prog_load, insn_cnt, insn_cnt),
	K(rb_attr_prog_load, insns, insns),
	K(rb_attr_prog_load, license, license),
	K(rb_attr_prog_load, log_level, log_level),
	K(rb_attr_prog_load, log_size, log_size),
	K(rb_attr_prog_load, log_buf, log_buf),
	K(rb_attr_prog_load, kern_version, kern_version),
	K(rb_attr_prog_load, prog_flags, prog_flags),
	K(rb_attr_prog_load, prog_name, prog_name),
	K(rb_attr_prog_load, prog_ifindex, prog_ifindex),
	K(rb_attr_prog_load, expected_attach_type, expected_attach_type),
	K(rb_attr_prog_load, prog_btf_fd, prog_btf_fd),
	K(rb_attr_prog_load, func_info_rec_size, func_info_rec_size),
	K(rb_attr_prog_load, func_info, func_info),
	K(rb_attr_prog_load, func_info_cnt, func_info_cnt),
	K(rb_attr_prog_load, line_info_rec_size, line_info_rec_size),
	K(rb_attr_prog_load, line_info, line_info),
	K(rb_attr_prog_load, line_info_cnt, line_info_cnt),
	K(rb_attr_prog_load, attach_btf_id, attach_btf_id),
	K(rb_attr_prog_load, attach_prog_fd, attach_prog_fd),
	K(rb_attr_prog_load, attach_btf_obj_fd, attach_btf_obj_fd),
	K(rb_attr_prog_load, core_relo_cnt, core_relo_cnt),
	K(rb_attr_prog_load, fd_array, fd_array),
	K(rb_attr_prog_load, core_relos, core_relos),
	K(rb_attr_prog_load, core_relo_rec_size, core_relo_rec_size),
	L(rb_attr_prog_load, log_true_size, 140, 4),
	L(rb_attr_prog_load, prog_token_fd, 144, 4),
	L(rb_attr_prog_load, fd_array_cnt, 148, 4),
	L(rb_attr_prog_load, signature, 152, 8),
	L(rb_attr_prog_load, signature_size, 160, 4),
	L(rb_attr_prog_load, keyring_id, 164, 4),
	/* BPF_OBJ_PIN, BPF_OBJ_GET */
	K(rb_attr_obj, pathname, pathname),
	K(rb_attr_obj, bpf_fd, bpf_fd),
	K(rb_attr_obj, file_flags, file_flags),
	L(rb_attr_obj, path_fd, 16, 4),
	/* BPF_PROG_ATTACH, BPF_PROG_DETACH */
	K(rb_attr_prog_attach, target_fd, target_fd),
	L(rb_attr_prog_attach, target_ifindex, 0, 4),	/* 6.6 */
	K(rb_attr_prog_attach, attach_bpf_fd, attach_bpf_fd),
	K(rb_attr_prog_attach, attach_type, attach_type),
	K(rb_attr_prog_attach, attach_flags, attach_flags),
	K(rb_attr_prog_attach, replace_bpf_fd, replace_bpf_fd),
	L(rb_attr_prog_attach, relative_fd, 20, 4),
	L(rb_attr_prog_attach, relative_id, 20, 4),
	L(rb_attr_prog_attach, expected_revision, 24, 8),
	/* BPF_PROG_TEST_RUN */
	K(rb_attr_test_run, prog_fd, test.prog_fd),
	K(rb_attr_test_run, retval, test.retval),
	K(rb_attr_test_run, data_size_in, test.data_size_in),
	K(rb_attr_test_run, data_size_out, test.data_size_out),
	K(rb_attr_test_run, data_in, test.data_in),
	K(rb_attr_test_run, data_out, test.data_out),
	K(rb_attr_test_run, repeat, test.repeat),
	K(rb_attr_test_run, duration, test.duration),
	K(rb_attr_test_run, ctx_size_in, test.ctx_size_in),
	K(rb_attr_test_run, ctx_size_out, test.ctx_size_out),
	K(rb_attr_test_run, ctx_in, test.ctx_in),
	K(rb_attr_test_run, ctx_out, test.ctx_out),
	K(rb_attr_test_run, flags, test.flags),
	K(rb_attr_test_run, cpu, test.cpu),
	K(rb_attr_test_run, batch_size, test.batch_size),
	/* BPF_*_GET_NEXT_ID, BPF_*_GET_FD_BY_ID */
	K(rb_attr_get_id, start_id, start_id),
	K(rb_attr_get_id, prog_id, prog_id),
	K(rb_attr_get_id, map_id, map_id),
	K(rb_attr_get_id, btf_id, btf_id),
	K(rb_attr_get_id, link_id, link_id),
	K(rb_attr_get_id, next_id, next_id),
	K(rb_attr_get_id, open_flags, open_flags),
	L(rb_attr_get_id, fd_by_id_token_fd, 12, 4),
	/* BPF_OBJ_GET_INFO_BY_FD */
	K(rb_attr_info, bpf_fd, info.bpf_fd),
	K(rb_attr_info, info_len, info.info_len),
	K(rb_attr_info, info, info.info),
	/* BPF_PROG_QUERY */
	K(rb_attr_prog_query, target_fd, query.target_fd),
	L(rb_attr_prog_query, target_ifindex, 0, 4),
	K(rb_attr_prog_query, attach_type, query.attach_type),
	K(rb_attr_prog_query, query_flags, query.query_flags),
	K(rb_attr_prog_query, attach_flags, query.attach_flags),
	K(rb_attr_prog_query, prog_ids, query.prog_ids),
	K(rb_attr_prog_query, prog_cnt, query.prog_cnt),
	L(rb_attr_prog_query, count, 24, 4),
	K(rb_attr_prog_query, prog_attach_flags, query.prog_attach_flags),
	L(rb_attr_prog_query, link_ids, 40, 8),
	L(rb_attr_prog_query, link_attach_flags, 48, 8),
	L(rb_attr_prog_query, revision, 56, 8),
	/* BPF_RAW_TRACEPOINT_OPEN */
	K(rb_attr_raw_tp, name, raw_tracepoint.name),
	K(rb_attr_raw_tp, prog_fd, raw_tracepoint.prog_fd),
	L(rb_attr_raw_tp, cookie, 16, 8),
	/* BPF_BTF_LOAD */
	K(rb_attr_btf_load, btf, btf),
	K(rb_attr_btf_load, btf_log_buf, btf_log_buf),
	K(rb_attr_btf_load, btf_size, btf_size),
	K(rb_attr_btf_load, btf_log_size, btf_log_size),
	K(rb_attr_btf_load, btf_log_level, btf_log_level),
	L(rb_attr_btf_load, btf_log_true_size, 28, 4),
	L(rb_attr_btf_load, btf_flags, 32, 4),
	L(rb_attr_btf_load, btf_token_fd, 36, 4),
	/* BPF_TASK_FD_QUERY */
	K(rb_attr_task_fd_query, pid, task_fd_query.pid),
	K(rb_attr_task_fd_query, fd, task_fd_query.fd),
	K(rb_attr_task_fd_query, flags, task_fd_query.flags),
	K(rb_attr_task_fd_query, buf_len, task_fd_query.buf_len),
	K(rb_attr_task_fd_query, buf, task_fd_query.buf),
	K(rb_attr_task_fd_query, prog_id, task_fd_query.prog_id),
	K(rb_attr_task_fd_query, fd_type, task_fd_query.fd_type),
	K(rb_attr_task_fd_query, probe_offset, task_fd_query.probe_offset),
	K(rb_attr_task_fd_query, probe_addr, task_fd_query.probe_addr),
	/* BPF_LINK_CREATE */
	K(rb_attr_link_create, prog_fd, link_create.prog_fd),
	L(rb_attr_link_create, map_fd, 0, 4),
	K(rb_attr_link_create, target_fd, link_create.target_fd),
	K(rb_attr_link_create, target_ifindex, link_create.target_ifindex),
	K(rb_attr_link_create, attach_type, link_create.attach_type),
	K(rb_attr_link_create, flags, link_create.flags),
	K(rb_attr_link_create, target_btf_id, link_create.target_btf_id),
	K(rb_attr_link_create, iter_info, link_create.iter_info),
	K(rb_attr_link_create, iter_info_len, link_create.iter_info_len),
	K(rb_attr_link_create, perf_event.bpf_cookie,
	  link_create.perf_event.bpf_cookie),
	K(rb_attr_link_create, kprobe_multi.flags,
	  link_create.kprobe_multi.flags),
	K(rb_attr_link_create, kprobe_multi.cnt, link_create.kprobe_multi.cnt),
	K(rb_attr_link_create, kprobe_multi.syms,
	  link_create.kprobe_multi.syms),
	K(rb_attr_link_create, kprobe_multi.addrs,
	  link_create.kprobe_multi.addrs),
	K(rb_attr_link_create, kprobe_multi.cookies,
	  link_create.kprobe_multi.cookies),
	K(rb_attr_link_create, tracing.target_btf_id,
	  link_create.tracing.target_btf_id),
	K(rb_attr_link_create, tracing.cookie, link_create.tracing.cookie),
	L(rb_attr_link_create, netfilter.pf, 16, 4),
	L(rb_attr_link_create, netfilter.hooknum, 20, 4),
	L(rb_attr_link_create, netfilter.priority, 24, 4),
	L(rb_attr_link_create, netfilter.flags, 28, 4),
	L(rb_attr_link_create, tcx.relative_fd, 16, 4),
	L(rb_attr_link_create, tcx.relative_id, 16, 4),
	L(rb_attr_link_create, tcx.expected_revision, U64_AFTER5, 8),
	L(rb_attr_link_create, netkit.relative_fd, 16, 4),
	L(rb_attr_link_create, netkit.relative_id, 16, 4),
	L(rb_attr_link_create, netkit.expected_revision, U64_AFTER5, 8),
	L(rb_attr_link_create, cgroup.relative_fd, 16, 4),
	L(rb_attr_link_create, cgroup.relative_id, 16, 4),
	L(rb_attr_link_create, cgroup.expected_revision, U64_AFTER5, 8),
	L(rb_attr_link_create, uprobe_multi.path, 16, 8),
	L(rb_attr_link_create, uprobe_multi.offsets, 24, 8),
	L(rb_attr_link_create, uprobe_multi.ref_ctr_offsets, 32, 8),
	L(rb_attr_link_create, uprobe_multi.cookies, 40, 8),
	L(rb_attr_link_create, uprobe_multi.cnt, 48, 4),
	L(rb_attr_link_create, uprobe_multi.flags, 52, 4),
	L(rb_attr_link_create, uprobe_multi.pid, 56, 4),
	/* BPF_LINK_UPDATE */
	K(rb_attr_link_update, link_fd, link_update.link_fd),
	K(rb_attr_link_update, new_prog_fd, link_update.new_prog_fd),
	L(rb_attr_link_update, new_map_fd, 4, 4),
	K(rb_attr_link_update, flags, link_update.flags),
	K(rb_attr_link_update, old_prog_fd, link_update.old_prog_fd),
	L(rb_attr_link_update, old_map_fd, 12, 4),
	/* BPF_LINK_DETACH, ENABLE_STATS, ITER_CREATE, PROG_BIND_MAP */
	K(rb_attr_link_detach, link_fd, link_detach.link_fd),
	K(rb_attr_enable_stats, type, enable_stats.type),
	K(rb_attr_iter_create, link_fd, iter_create.link_fd),
	K(rb_attr_iter_create, flags, iter_create.flags),
	K(rb_attr_prog_bind_map, prog_fd, prog_bind_map.prog_fd),
	K(rb_attr_prog_bind_map, map_fd, prog_bind_map.map_fd),
	K(rb_attr_prog_bind_map, flags, prog_bind_map.flags),
	/* BPF_TOKEN_CREATE (6.9) */
	L(rb_attr_token_create, flags, 0, 4),
	L(rb_attr_token_create, bpffs_fd, 4, 4),
	/* BPF_PROG_STREAM_READ_BY_FD (6.17) */
	L(rb_attr_prog_stream_read, stream_buf, 0, 8),
	L(rb_attr_prog_stream_read, stream_buf_len, 8, 4),
	L(rb_attr_prog_stream_read, stream_id, 12, 4),
	L(rb_attr_prog_stream_read, prog_fd, 16, 4),
};

static const struct field link_info_fields[] = {
	KI(type),
	KI(id),
	KI(prog_id),
	KI(raw_tracepoint.tp_name),
	KI(raw_tracepoint.tp_name_len),
	LI(raw_tracepoint.cookie, 32, 8),
	KI(tracing.attach_type),
	KI(tracing.target_obj_id),
	KI(tracing.target_btf_id),
	LI(tracing.cookie, 32, 8),
	KI(cgroup.cgroup_id),
	KI(cgroup.attach_type),
	KI(iter.target_name),
	KI(iter.target_name_len),
	KI(iter.map.map_id),
	KI(iter.cgroup.cgroup_id),
	KI(iter.cgroup.order),
	KI(iter.task.tid),
	KI(iter.task.pid),
	KI(netns.netns_ino),
	KI(netns.attach_type),
	KI(xdp.ifindex),
	LI(struct_ops.map_id, 16, 4),
	LI(netfilter.pf, 16, 4),
	LI(netfilter.hooknum, 20, 4),
	LI(netfilter.priority, 24, 4),
	LI(netfilter.flags, 28, 4),
	LI(kprobe_multi.addrs, 16, 8),
	LI(kprobe_multi.count, 24, 4),
	LI(kprobe_multi.flags, 28, 4),
	LI(kprobe_multi.missed, 32, 8),
	LI(kprobe_multi.cookies, 40, 8),
	LI(uprobe_multi.path, 16, 8),
	LI(uprobe_multi.offsets, 24, 8),
	LI(uprobe_multi.ref_ctr_offsets, 32, 8),
	LI(uprobe_multi.cookies, 40, 8),
	LI(uprobe_multi.path_size, 48, 4),
	LI(uprobe_multi.count, 52, 4),
	LI(uprobe_multi.flags, 56, 4),
	LI(uprobe_multi.pid, 60, 4),
	LI(perf_event.type, 16, 4),
	LI(perf_event.uprobe.file_name, 24, 8),
	LI(perf_event.uprobe.name_len, 32, 4),
	LI(perf_event.uprobe.offset, 36, 4),
	LI(perf_event.uprobe.cookie, 40, 8),
	LI(perf_event.uprobe.ref_ctr_offset, 48, 8),
	LI(perf_event.kprobe.func_name, 24, 8),
	LI(perf_event.kprobe.name_len, 32, 4),
	LI(perf_event.kprobe.offset, 36, 4),
	LI(perf_event.kprobe.addr, 40, 8),
	LI(perf_event.kprobe.missed, 48, 8),
	LI(perf_event.kprobe.cookie, 56, 8),
	LI(perf_event.tracepoint.tp_name, 24, 8),
	LI(perf_event.tracepoint.name_len, 32, 4),
	LI(perf_event.tracepoint.cookie, 40, 8),
	LI(perf_event.event.config, 24, 8),
	LI(perf_event.event.type, 32, 4),
	LI(perf_event.event.cookie, 40, 8),
	LI(tcx.ifindex, 16, 4),
	LI(tcx.attach_type, 20, 4),
	LI(netkit.ifindex, 16, 4),
	LI(netkit.attach_type, 20, 4),
	LI(sockmap.map_id, 16, 4),
	LI(sockmap.attach_type, 20, 4),
};

static void check_fields(const struct field *f, size_t n)
{
	size_t i;
	int bad = 0;

	for (i = 0; i < n; i++) {
		if (f[i].off == f[i].koff && f[i].size == f[i].ksize)
			continue;
		print_message("%s: rawbpf offset %zu size %zu, kernel %zu/%zu\n",
			      f[i].name, f[i].off, f[i].size, f[i].koff,
			      f[i].ksize);
		bad++;
	}
	assert_int_equal(bad, 0);
}

static void test_attr_fields(void **state)
{
	(void)state;
	check_fields(attr_fields, RB_ARRAY_SIZE(attr_fields));
}

static void test_link_info_fields(void **state)
{
	(void)state;
	check_fields(link_info_fields, RB_ARRAY_SIZE(link_info_fields));
	/* 6.18's bpf_link_info is 64 bytes; never smaller than 6.1's. */
	assert_int_equal(sizeof(struct rawbpf_link_info), 64);
	assert_true(sizeof(struct rawbpf_link_info) >=
		    sizeof(struct bpf_link_info));
}

/* Each struct ends where its last 6.18 field ends (rounded up to the
 * struct's alignment) and no rawbpf struct is larger than the union. */
static void test_struct_sizes(void **state)
{
	static const struct { const char *name; size_t size, end; } s[] = {
#define END(T, last, e) { #T, sizeof(struct T), e }
		END(rb_attr_map_create, excl_prog_hash_size, 96),
		END(rb_attr_map_elem, flags, 32),
		END(rb_attr_map_batch, flags, 56),
		END(rb_attr_prog_load, keyring_id, 168),
		END(rb_attr_obj, path_fd, 24),
		END(rb_attr_prog_attach, expected_revision, 32),
		END(rb_attr_test_run, batch_size, 80),
		END(rb_attr_get_id, fd_by_id_token_fd, 16),
		END(rb_attr_info, info, 16),
		END(rb_attr_prog_query, revision, 64),
		END(rb_attr_raw_tp, cookie, 24),
		END(rb_attr_btf_load, btf_token_fd, 40),
		END(rb_attr_task_fd_query, probe_addr, 48),
		END(rb_attr_link_create, uprobe_multi.pid, 64),
		END(rb_attr_link_update, old_prog_fd, 16),
		END(rb_attr_link_detach, link_fd, 4),
		END(rb_attr_enable_stats, type, 4),
		END(rb_attr_iter_create, flags, 8),
		END(rb_attr_prog_bind_map, flags, 12),
		END(rb_attr_token_create, bpffs_fd, 8),
		/* 20 bytes, rounded up to u64's alignment (4 on i386) */
		END(rb_attr_prog_stream_read, prog_fd,
		    (20 + _Alignof(uint64_t) - 1) / _Alignof(uint64_t) * _Alignof(uint64_t)),
#undef END
	};
	size_t i;

	(void)state;
	for (i = 0; i < RB_ARRAY_SIZE(s); i++) {
		if (s[i].size != s[i].end)
			print_message("%s: sizeof %zu, expected %zu\n",
				      s[i].name, s[i].size, s[i].end);
		assert_true(s[i].size == s[i].end);
	}
}

/* Command numbers: the header's enum where it has them, 6.18's beyond. */
static void test_cmd_numbers(void **state)
{
	(void)state;
	assert_int_equal(RB_MAP_CREATE, BPF_MAP_CREATE);
	assert_int_equal(RB_MAP_LOOKUP_ELEM, BPF_MAP_LOOKUP_ELEM);
	assert_int_equal(RB_MAP_UPDATE_ELEM, BPF_MAP_UPDATE_ELEM);
	assert_int_equal(RB_MAP_DELETE_ELEM, BPF_MAP_DELETE_ELEM);
	assert_int_equal(RB_MAP_GET_NEXT_KEY, BPF_MAP_GET_NEXT_KEY);
	assert_int_equal(RB_PROG_LOAD, BPF_PROG_LOAD);
	assert_int_equal(RB_OBJ_PIN, BPF_OBJ_PIN);
	assert_int_equal(RB_OBJ_GET, BPF_OBJ_GET);
	assert_int_equal(RB_PROG_ATTACH, BPF_PROG_ATTACH);
	assert_int_equal(RB_PROG_DETACH, BPF_PROG_DETACH);
	assert_int_equal(RB_PROG_TEST_RUN, BPF_PROG_TEST_RUN);
	assert_int_equal(RB_PROG_GET_NEXT_ID, BPF_PROG_GET_NEXT_ID);
	assert_int_equal(RB_MAP_GET_NEXT_ID, BPF_MAP_GET_NEXT_ID);
	assert_int_equal(RB_PROG_GET_FD_BY_ID, BPF_PROG_GET_FD_BY_ID);
	assert_int_equal(RB_MAP_GET_FD_BY_ID, BPF_MAP_GET_FD_BY_ID);
	assert_int_equal(RB_OBJ_GET_INFO_BY_FD, BPF_OBJ_GET_INFO_BY_FD);
	assert_int_equal(RB_PROG_QUERY, BPF_PROG_QUERY);
	assert_int_equal(RB_RAW_TRACEPOINT_OPEN, BPF_RAW_TRACEPOINT_OPEN);
	assert_int_equal(RB_BTF_LOAD, BPF_BTF_LOAD);
	assert_int_equal(RB_BTF_GET_FD_BY_ID, BPF_BTF_GET_FD_BY_ID);
	assert_int_equal(RB_TASK_FD_QUERY, BPF_TASK_FD_QUERY);
	assert_int_equal(RB_MAP_LOOKUP_AND_DELETE_ELEM,
			 BPF_MAP_LOOKUP_AND_DELETE_ELEM);
	assert_int_equal(RB_MAP_FREEZE, BPF_MAP_FREEZE);
	assert_int_equal(RB_BTF_GET_NEXT_ID, BPF_BTF_GET_NEXT_ID);
	assert_int_equal(RB_MAP_LOOKUP_BATCH, BPF_MAP_LOOKUP_BATCH);
	assert_int_equal(RB_MAP_LOOKUP_AND_DELETE_BATCH,
			 BPF_MAP_LOOKUP_AND_DELETE_BATCH);
	assert_int_equal(RB_MAP_UPDATE_BATCH, BPF_MAP_UPDATE_BATCH);
	assert_int_equal(RB_MAP_DELETE_BATCH, BPF_MAP_DELETE_BATCH);
	assert_int_equal(RB_LINK_CREATE, BPF_LINK_CREATE);
	assert_int_equal(RB_LINK_UPDATE, BPF_LINK_UPDATE);
	assert_int_equal(RB_LINK_GET_FD_BY_ID, BPF_LINK_GET_FD_BY_ID);
	assert_int_equal(RB_LINK_GET_NEXT_ID, BPF_LINK_GET_NEXT_ID);
	assert_int_equal(RB_ENABLE_STATS, BPF_ENABLE_STATS);
	assert_int_equal(RB_ITER_CREATE, BPF_ITER_CREATE);
	assert_int_equal(RB_LINK_DETACH, BPF_LINK_DETACH);
	assert_int_equal(RB_PROG_BIND_MAP, BPF_PROG_BIND_MAP);
	assert_int_equal(RB_TOKEN_CREATE, 36);	/* 6.9 */
	assert_int_equal(RB_PROG_STREAM_READ_BY_FD, 37);	/* 6.17 */
}

/* Constants of rawbpf/abi.h, newer than 6.1: the 6.18 uapi's numbers. */
static void test_new_constants(void **state)
{
	(void)state;
	assert_int_equal(RAWBPF_PROG_TYPE_NETFILTER, 32);
	assert_int_equal(RAWBPF_MAP_TYPE_CGRP_STORAGE, 32);
	assert_int_equal(RAWBPF_MAP_TYPE_ARENA, 33);
	/* 6.1's attach and link type enums end where 6.4 went on. */
	assert_int_equal(__MAX_BPF_ATTACH_TYPE, RAWBPF_STRUCT_OPS);
	assert_int_equal(RAWBPF_NETFILTER, 45);
	assert_int_equal(RAWBPF_TCX_INGRESS, 46);
	assert_int_equal(RAWBPF_TRACE_UPROBE_MULTI, 48);
	assert_int_equal(RAWBPF_CGROUP_UNIX_GETSOCKNAME, 53);
	assert_int_equal(RAWBPF_NETKIT_PEER, 55);
	assert_int_equal(RAWBPF_TRACE_KPROBE_SESSION, 56);
	assert_int_equal(RAWBPF_TRACE_UPROBE_SESSION, 57);
	assert_int_equal(MAX_BPF_LINK_TYPE, RAWBPF_LINK_TYPE_NETFILTER);
	assert_int_equal(RAWBPF_LINK_TYPE_SOCKMAP, 14);
	assert_int_equal(RAWBPF_F_PATH_FD, 1U << 14);
	assert_int_equal(RAWBPF_F_VTYPE_BTF_OBJ_FD, 1U << 15);
	assert_int_equal(RAWBPF_F_TOKEN_FD, 1U << 16);
	assert_int_equal(RAWBPF_F_ID, 1U << 5);
	assert_int_equal(RAWBPF_F_LINK, 1U << 13);
	assert_int_equal(RAWBPF_PERF_EVENT_UPROBE, 1);
	assert_int_equal(RAWBPF_PERF_EVENT_KRETPROBE, 4);
	assert_int_equal(RAWBPF_PERF_EVENT_TRACEPOINT, 5);
	assert_int_equal(RAWBPF_PERF_EVENT_EVENT, 6);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_attr_fields),
		cmocka_unit_test(test_link_info_fields),
		cmocka_unit_test(test_struct_sizes),
		cmocka_unit_test(test_cmd_numbers),
		cmocka_unit_test(test_new_constants),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
