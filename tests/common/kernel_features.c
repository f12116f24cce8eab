// SPDX-License-Identifier: BSD-2-Clause
/* kernel_features.c - one probe per kernel feature the kernel tests may
 * lack; see kernel_features.h. A probe asks the kernel something whose answer differs with
 * and without the feature: a new attach type or field is refused with
 * -EINVAL by a kernel that does not know it, while a kernel that knows it
 * gets as far as the next check (a bad fd, a missing file). */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <linux/perf_event.h>

#include "kernel_features.h"
#include "fixture.h"
#include "progs.h"
#include "btf_blob.h"
#include "btf/btf.h"
#include "kernel/kernel.h"
#include "vmlinux_btf.h"
#include "rawbpf/abi.h"
#include "rawbpf/sys.h"
#include "sys/abi.h"
#include "sys/raw.h"

static const struct bpf_insn ret0[] = {
	{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = 0, .imm = 0 },
	{ .code = BPF_JMP | BPF_EXIT },
};

/* @fd was made: close it and say yes. */
static int made(int fd)
{
	if (fd < 0)
		return 0;
	close(fd);
	return 1;
}

static int probe_tcx(void)
{
	RAWBPF_OPTS(rawbpf_sys_prog_query_opts, q);

	/* lo is ifindex 1 in every netns */
	return rawbpf_sys_prog_query(1, RAWBPF_TCX_INGRESS, &q) == 0;
}

/* LINK_CREATE of a @type program for @attach_type with @o: the kernel's
 * answer (the link, if one was made, is closed). */
static int try_link(uint32_t type, uint32_t attach_type, int target,
		    const struct rawbpf_sys_link_create_opts *o)
{
	int prog = rb_load_ret(type, attach_type, 0), err;

	if (prog < 0)
		return prog;
	err = rawbpf_sys_link_create(prog, target, attach_type, o);
	if (err >= 0) {
		close(err);
		err = 0;
	}
	close(prog);
	return err;
}

/* a uprobe_multi link of @attach_type on a file that does not exist: the
 * path is looked up (-ENOENT) only where the attach type is known */
static int uprobe_multi_known(uint32_t attach_type)
{
	static const unsigned long off[1] = { 1 };
	RAWBPF_OPTS(rawbpf_sys_link_create_opts, o);

	o.uprobe_multi.path = "/rawbpf-no-such-file";
	o.uprobe_multi.offsets = off;
	o.uprobe_multi.cnt = 1;
	return try_link(BPF_PROG_TYPE_KPROBE, attach_type, 0, &o) == -ENOENT;
}

static int probe_uprobe_multi(void)
{
	return uprobe_multi_known(RAWBPF_TRACE_UPROBE_MULTI);
}

static int probe_kprobe_multi(void)
{
	static const char *syms[1] = { "rawbpf_no_such_function" };
	RAWBPF_OPTS(rawbpf_sys_link_create_opts, o);
	int err;

	o.kprobe_multi.syms = syms;
	o.kprobe_multi.cnt = 1;
	err = try_link(BPF_PROG_TYPE_KPROBE, BPF_TRACE_KPROBE_MULTI, 0, &o);
	/* no fprobe: -EOPNOTSUPP; the symbol is unknown otherwise */
	return err != -EOPNOTSUPP && err != -EINVAL;
}

static int probe_kprobe_session(void)
{
	static const char *syms[1] = { "rawbpf_no_such_function" };
	RAWBPF_OPTS(rawbpf_sys_link_create_opts, o);
	int err;

	o.kprobe_multi.syms = syms;
	o.kprobe_multi.cnt = 1;
	err = try_link(BPF_PROG_TYPE_KPROBE, RAWBPF_TRACE_KPROBE_SESSION, 0, &o);
	/* before 6.10 the attach type is -EINVAL; the symbol is unknown after */
	return err != -EOPNOTSUPP && err != -EINVAL;
}

static int probe_prog_stream(void)
{
	int prog = rb_load_ret(BPF_PROG_TYPE_SOCKET_FILTER, 0, 0), err;
	char c;

	if (prog < 0)
		return 0;
	/* an empty stream reads 0 bytes; an unknown command is -EINVAL */
	err = rawbpf_sys_prog_stream_read(prog, RAWBPF_STREAM_STDOUT, &c, 1);
	close(prog);
	return err == 0;
}

static int probe_uprobe_session(void)
{
	return uprobe_multi_known(RAWBPF_TRACE_UPROBE_SESSION);
}

static int probe_cgroup_mprog(void)
{
	RAWBPF_OPTS(rawbpf_sys_prog_query_opts, q);
	const char *root = rb_cgroup2_root();
	int fd = root ? open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1;
	int ok;

	if (fd < 0)
		return 0;
	/* revisions count from 1 where cgroups have them */
	ok = rawbpf_sys_prog_query(fd, BPF_CGROUP_INET_EGRESS, &q) == 0 &&
	     q.revision > 0;
	close(fd);
	return ok;
}

static int probe_sockmap_link(void)
{
	int map = rawbpf_sys_map_create(BPF_MAP_TYPE_SOCKMAP, NULL, 4, 4, 1, NULL);
	int err;

	if (map < 0)
		return 0;
	err = try_link(BPF_PROG_TYPE_SK_MSG, BPF_SK_MSG_VERDICT, map, NULL);
	close(map);
	return err == 0;
}

static int probe_raw_tp_cookie(void)
{
	struct rb_attr_raw_tp a;

	memset(&a, 0, sizeof(a));
	a.prog_fd = (uint32_t)-1;
	a.cookie = 1;
	return rb_sys_bpf(RB_RAW_TRACEPOINT_OPEN, &a,
			  sizeof(a)) == -EBADF;	/* ends with cookie */
}

static int probe_path_fd(void)
{
	RAWBPF_OPTS(rawbpf_sys_obj_opts, o, .use_path_fd = true, .path_fd = -1);

	return rawbpf_sys_obj_get("rawbpf-probe", &o) == -EBADF;
}

static int probe_log_true_size(void)
{
	char log[1024];
	RAWBPF_OPTS(rawbpf_sys_prog_load_opts, o, .log_buf = log,
		    .log_size = sizeof(log), .log_level = 1);

	return made(rawbpf_sys_prog_load(BPF_PROG_TYPE_SOCKET_FILTER, NULL, "GPL",
				     ret0, 2, &o)) && o.log_true_size > 0;
}

static int probe_perf_link_info(void)
{
	struct perf_event_attr pa;
	struct rawbpf_link_info li;
	int id, pfd, prog, link, ok = 0;

	rb_tracefs();
	id = rb_tracepoint_id("syscalls", "sys_enter_getppid");
	if (id < 0)
		return 0;
	memset(&pa, 0, sizeof(pa));
	pa.type = PERF_TYPE_TRACEPOINT;
	pa.size = sizeof(pa);
	pa.config = (uint64_t)id;
	pa.sample_period = 1;
	pfd = rawbpf_sys_perf_event_open(&pa, -1, 0, -1, 0);
	prog = rb_load_ret(BPF_PROG_TYPE_TRACEPOINT, 0, 0);
	if (pfd >= 0 && prog >= 0) {
		link = rawbpf_sys_link_create(prog, pfd, BPF_PERF_EVENT, NULL);
		memset(&li, 0, sizeof(li));
		ok = link >= 0 && rb_link_info_by_fd(link, &li) == 0 &&
		     li.perf_event.type == RAWBPF_PERF_EVENT_TRACEPOINT;
		if (link >= 0)
			close(link);
	}
	if (pfd >= 0)
		close(pfd);
	if (prog >= 0)
		close(prog);
	return ok;
}

static int probe_fd_array_cnt(void)
{
	int map = rawbpf_sys_map_create(BPF_MAP_TYPE_ARRAY, NULL, 4, 4, 1, NULL);
	int fds[1] = { map }, ok;
	RAWBPF_OPTS(rawbpf_sys_prog_load_opts, o, .fd_array = fds, .fd_array_cnt = 1);

	if (map < 0)
		return 0;
	ok = made(rawbpf_sys_prog_load(BPF_PROG_TYPE_SOCKET_FILTER, NULL, "GPL",
				   ret0, 2, &o));
	close(map);
	return ok;
}

static int probe_excl_map(void)
{
	uint8_t hash[32] = { 1 };
	RAWBPF_OPTS(rawbpf_sys_map_create_opts, o, .excl_prog_hash = hash,
		    .excl_prog_hash_size = sizeof(hash));

	return made(rawbpf_sys_map_create(BPF_MAP_TYPE_ARRAY, NULL, 4, 8, 1, &o));
}

static int probe_cgroup_unix(void)
{
	return made(rb_load_ret(BPF_PROG_TYPE_CGROUP_SOCK_ADDR,
				RAWBPF_CGROUP_UNIX_CONNECT, 1));
}

static int probe_netfilter(void)
{
	return made(rb_load_ret(RAWBPF_PROG_TYPE_NETFILTER, RAWBPF_NETFILTER, 1));
}

static int probe_kfunc_rcu(void)
{
	/* a kfunc is a FUNC of the kernel's BTF (12 = BTF_KIND_FUNC) */
	return rb_vmlinux_btf_id("bpf_rcu_read_lock", 12) > 0;
}

static int probe_token(void)
{
	/* an unknown command is -EINVAL; a known one looks at the fd */
	return rawbpf_sys_token_create(-1, 0) == -EBADF;
}

static int probe_kernel_btf(void)
{
	/* CONFIG_DEBUG_INFO_BTF: Debian's 686 and s390x kernels have none */
	return !access("/sys/kernel/btf/vmlinux", R_OK);
}

/* A BPF_F_LINK struct_ops map of tcp_congestion_ops: 6.1 refuses any map
 * flag (EINVAL), 6.4 creates it. */
static int probe_struct_ops_link(void)
{
	RAWBPF_OPTS(rawbpf_sys_map_create_opts, o, .map_flags = RAWBPF_F_LINK);
	static struct rb_tb b;	/* 40 KB: not on the stack */
	const struct rb_btf *kbtf;
	char blob[128];
	int vid, btf, fd;
	size_t len;

	if (rb_kernel_btf(&kbtf))
		return 0;
	vid = rb_btf_find(kbtf, "bpf_struct_ops_tcp_congestion_ops", RB_BTF_KIND_STRUCT);
	if (vid <= 0)
		return 0;
	/* the map needs some BTF of the program side: one int */
	rb_tb_init(&b);
	rb_tb_type(&b, "int", RB_BTF_KIND_INT, 0, 0, 4);
	rb_tb_word(&b, RB_BTF_INT_ENC(RB_BTF_INT_SIGNED, 0, 32));
	len = rb_tb_blob(&b, blob, sizeof(blob));
	btf = rawbpf_sys_btf_load(blob, (uint32_t)len, NULL);
	if (btf < 0)
		return 0;
	o.btf_fd = (uint32_t)btf;
	o.btf_vmlinux_value_type_id = (uint32_t)vid;
	fd = rawbpf_sys_map_create(BPF_MAP_TYPE_STRUCT_OPS, "rb_probe", 4,
				   (uint32_t)rb_btf_size(kbtf, (uint32_t)vid), 1, &o);
	close(btf);
	if (fd >= 0)
		close(fd);
	return fd >= 0;
}

/* Programs are JIT-compiled: a loaded one reports JITed code. Without a
 * JIT (Debian's s390x 6.1 has no CONFIG_BPF_JIT, or bpf_jit_enable=0) the
 * verifier refuses callbacks (bpf_loop, user ring buffer drains), kfunc
 * calls and tail calls from subprograms, and there are no trampolines. */
static int probe_jit(void)
{
	struct bpf_prog_info info;
	uint32_t len = sizeof(info);
	int prog = rb_load_ret(BPF_PROG_TYPE_SOCKET_FILTER, 0, 0), err;

	if (prog < 0)
		return 0;
	memset(&info, 0, sizeof(info));
	err = rawbpf_sys_obj_get_info_by_fd(prog, &info, &len);
	close(prog);
	return !err && info.jited_prog_len > 0;
}

/* An array of maps whose slot 1 is set reads back slot 1. A 32-bit 6.1
 * kernel stores a slot's pointer at a 4-byte stride but looks it up at the
 * value's 8-byte stride, from user space and from programs alike (slot 0
 * works; tail calls index the pointers directly and work). */
static int probe_fd_array_lookup(void)
{
	RAWBPF_OPTS(rawbpf_sys_map_create_opts, o);
	uint32_t slot = 1, id = 0;
	int inner, outer, ok = 0;

	inner = rawbpf_sys_map_create(BPF_MAP_TYPE_ARRAY, "rb_probe_in", 4, 4, 1, NULL);
	if (inner < 0)
		return 0;
	o.inner_map_fd = (uint32_t)inner;
	outer = rawbpf_sys_map_create(BPF_MAP_TYPE_ARRAY_OF_MAPS, "rb_probe_out", 4, 4, 2,
				      &o);
	if (outer >= 0) {
		ok = !rawbpf_sys_map_update_elem(outer, &slot, &inner, BPF_ANY) &&
		     !rawbpf_sys_map_lookup_elem(outer, &slot, &id) && id == rb_obj_id(inner);
		close(outer);
	}
	close(inner);
	return ok;
}

/* An fentry program attaches to a kernel function: the kernel has BPF
 * trampolines there. arm64 6.1 loads it but refuses the attach with
 * ENOTSUPP (524: no ftrace direct calls before 6.5); kernels without
 * trampolines or BTF refuse earlier. */
static int probe_kernel_trampoline(void)
{
	RAWBPF_OPTS(rawbpf_sys_prog_load_opts, o,
		    .expected_attach_type = BPF_TRACE_FENTRY);
	int id = rb_vmlinux_btf_id("bpf_fentry_test1", 12 /* BTF_KIND_FUNC */);
	int prog, link;

	if (id <= 0)
		return 0;
	o.attach_btf_id = (uint32_t)id;
	prog = rawbpf_sys_prog_load(BPF_PROG_TYPE_TRACING, "rb_probe", "GPL", ret0, 2, &o);
	if (prog < 0)
		return 0;
	link = rawbpf_sys_raw_tracepoint_open(NULL, prog, 0);
	close(prog);
	return made(link);
}

static const struct {
	int (*probe)(void);
	const char *name;
} features[RB_FEAT_COUNT] = {
	[RB_FEAT_TCX] = { probe_tcx, "tcx (6.6)" },
	[RB_FEAT_UPROBE_MULTI] = { probe_uprobe_multi, "uprobe_multi links (6.6)" },
	[RB_FEAT_KPROBE_MULTI] = { probe_kprobe_multi,
				   "kprobe_multi links (CONFIG_FPROBE)" },
	[RB_FEAT_KPROBE_SESSION] = { probe_kprobe_session,
				     "kprobe sessions (6.10, CONFIG_FPROBE)" },
	[RB_FEAT_CGROUP_MPROG] = { probe_cgroup_mprog,
		"cgroup revisions, link ids and ordering (6.15)" },
	[RB_FEAT_CGROUP_UNIX] = { probe_cgroup_unix,
				  "cgroup unix socket hooks (6.7)" },
	[RB_FEAT_NETFILTER] = { probe_netfilter, "netfilter programs and links (6.4)" },
	[RB_FEAT_SOCKMAP_LINK] = { probe_sockmap_link, "sockmap links (6.10)" },
	[RB_FEAT_RAW_TP_COOKIE] = { probe_raw_tp_cookie, "raw_tp bpf_cookie (6.10)" },
	[RB_FEAT_TOKEN] = { probe_token, "BPF tokens (6.9)" },
	[RB_FEAT_PATH_FD] = { probe_path_fd, "BPF_F_PATH_FD pin/get (6.5)" },
	[RB_FEAT_LOG_TRUE_SIZE] = { probe_log_true_size,
		"verifier log rework: log_true_size, small logs (6.4)" },
	[RB_FEAT_PERF_LINK_INFO] = { probe_perf_link_info,
				     "perf_event link info (6.6)" },
	[RB_FEAT_FD_ARRAY_CNT] = { probe_fd_array_cnt, "PROG_LOAD fd_array_cnt (6.13)" },
	[RB_FEAT_EXCL_MAP] = { probe_excl_map, "exclusive maps, excl_prog_hash (6.18)" },
	[RB_FEAT_KFUNC_RCU] = { probe_kfunc_rcu, "kfunc bpf_rcu_read_lock (6.2)" },
	[RB_FEAT_KERNEL_BTF] = { probe_kernel_btf, "kernel BTF (/sys/kernel/btf/vmlinux)" },
	[RB_FEAT_STRUCT_OPS_LINK] = { probe_struct_ops_link, "struct_ops links (6.4)" },
	[RB_FEAT_JIT] = { probe_jit, "a BPF JIT (CONFIG_BPF_JIT, bpf_jit_enable)" },
	[RB_FEAT_PROG_STREAM] = { probe_prog_stream, "BPF_PROG_STREAM_READ_BY_FD (6.17)" },
	[RB_FEAT_UPROBE_SESSION] = { probe_uprobe_session, "uprobe session links (6.13)" },
	[RB_FEAT_KERNEL_TRAMPOLINE] = { probe_kernel_trampoline,
		"BPF trampolines on kernel functions (an fentry on bpf_fentry_test1 loads and attaches)" },
	[RB_FEAT_FD_ARRAY_LOOKUP] = { probe_fd_array_lookup,
		"map-in-map lookups past slot 0 (32-bit kernels: pointer stride 4, lookup stride 8)" },
};

int rb_have(enum rb_feature f)
{
	static signed char known[RB_FEAT_COUNT];	/* 0 unknown, 1 no, 2 yes */

	if (f < 0 || f >= RB_FEAT_COUNT)
		return 0;
	if (!known[f])
		known[f] = features[f].probe() ? 2 : 1;
	return known[f] == 2;
}

const char *rb_feature_name(enum rb_feature f)
{
	return f >= 0 && f < RB_FEAT_COUNT ? features[f].name : "?";
}

void rb_need_trampoline(int fd, int other, const char *feature)
{
	if (fd == -EPERM || fd == -EOPNOTSUPP || fd == -524 /* ENOTSUPP */) {
		if (other >= 0)
			close(other);
		rb_skip_feature("%s (PROG_LOAD: %d)", feature, fd);
	}
	if (fd >= 0 && !rb_have(RB_FEAT_KERNEL_TRAMPOLINE)) {
		close(fd);
		if (other >= 0)
			close(other);
		/* "fentry (...load fails)" names the hook: its first word */
		rb_skip_feature("%.*s: %s", (int)strcspn(feature, " "), feature,
				rb_feature_name(RB_FEAT_KERNEL_TRAMPOLINE));
	}
}

void rb_need(enum rb_feature f)
{
	if (!rb_have(f))
		rb_skip_feature("%s", rb_feature_name(f));
}
