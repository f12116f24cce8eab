// SPDX-License-Identifier: BSD-2-Clause
/*
 * attach_trace.c - what the trace and cgroup hook families send, without a
 * kernel: tracefs paths and probe lines, perf_event_attr for tracepoints
 * and kprobe/uprobe PMUs, ksyscall names, the iterator target parameter,
 * and the bpf(2) commands (with their fallbacks) recorded at the choke
 * point for kprobe_multi, fentry/fexit/fmod_ret/tp_btf/lsm, freplace and
 * cgroups. This is where the hooks this machine's kernel cannot run
 * (kprobes, fentry, lsm) are tested.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"
#include "sys_record.h"
#include "rawbpf/attach_trace.h"
#include "rawbpf/attach_cgroup.h"
#include "rawbpf/sys.h"
#include "attach/iter.h"
#include "attach/perf.h"
#include "core/mem.h"
#include "sys/abi.h"
#include "sys/tracefs.h"

#define FAKE_FD 900	/* what the recorder answers for a new fd */

static struct rb_rec rec;

static int rec_setup(void **state)
{
	(void)state;
	rb_rec_start(&rec);
	rec.ret_default = FAKE_FD;
	return 0;
}

/* ---- tracefs strings ---------------------------------------------------- */

static void test_tracefs_paths(void **state)
{
	char b[64];

	(void)state;
	assert_int_equal(rb_tfs_fmt_event_id_path(b, sizeof(b),
			 "/sys/kernel/tracing", "syscalls", "sys_enter_getpid"), 0);
	assert_string_equal(b, "/sys/kernel/tracing/events/syscalls/sys_enter_getpid/id");
	assert_int_equal(rb_tfs_fmt_event_id_path(b, 20, "/sys/kernel/tracing",
						  "syscalls", "x"), -ENAMETOOLONG);
	assert_int_equal(rb_tfs_fmt_event_id_path(b, sizeof(b), "/t", "../x",
						  "y"), -EINVAL);
	assert_int_equal(rb_tfs_fmt_event_id_path(b, sizeof(b), "/t", "a", ""),
			 -EINVAL);
	assert_int_equal(rb_tfs_fmt_probe_name(b, sizeof(b), 1234, 7), 0);
	assert_string_equal(b, "rawbpf_1234_7");
}

static void test_probe_lines(void **state)
{
	char b[128];

	(void)state;
	assert_int_equal(rb_tfs_fmt_kprobe_add(b, sizeof(b), 0, "rawbpf_1_0",
					       "do_sys_openat2", 0), 0);
	assert_string_equal(b, "p:kprobes/rawbpf_1_0 do_sys_openat2");
	assert_int_equal(rb_tfs_fmt_kprobe_add(b, sizeof(b), 1, "rawbpf_1_1",
					       "vfs_read", 0x1f), 0);
	assert_string_equal(b, "r:kprobes/rawbpf_1_1 vfs_read+0x1f");
	assert_int_equal(rb_tfs_fmt_kprobe_add(b, sizeof(b), 0, "e", "a b", 0),
			 -EINVAL);
	assert_int_equal(rb_tfs_fmt_uprobe_add(b, sizeof(b), 0, "rawbpf_2_0",
					       "/usr/lib/libc.so.6", 0x2a0f0), 0);
	assert_string_equal(b, "p:uprobes/rawbpf_2_0 /usr/lib/libc.so.6:0x2a0f0");
	assert_int_equal(rb_tfs_fmt_uprobe_add(b, sizeof(b), 1, "rawbpf_2_1",
					       "/bin/true", 0), 0);
	assert_string_equal(b, "r:uprobes/rawbpf_2_1 /bin/true:0x0");
	/* relative or spaced paths would be misparsed by the kernel */
	assert_int_equal(rb_tfs_fmt_uprobe_add(b, sizeof(b), 0, "e", "bin/x", 0),
			 -EINVAL);
	assert_int_equal(rb_tfs_fmt_uprobe_add(b, sizeof(b), 0, "e", "/a b", 0),
			 -EINVAL);
	assert_int_equal(rb_tfs_fmt_uprobe_add(b, 16, 0, "e", "/bin/true", 0),
			 -ENAMETOOLONG);
	assert_int_equal(rb_tfs_fmt_probe_remove(b, sizeof(b), "kprobes",
						 "rawbpf_1_0"), 0);
	assert_string_equal(b, "-:kprobes/rawbpf_1_0");
	assert_int_equal(rb_tfs_fmt_probe_remove(b, sizeof(b), "uprobes", ""),
			 -EINVAL);
}

static void test_parsers(void **state)
{
	uint64_t v, mask[2];
	unsigned int bit;

	(void)state;
	assert_int_equal(rb_tfs_parse_u64("1234\n", &v), 0);
	assert_int_equal(v, 1234);
	assert_int_equal(rb_tfs_parse_u64("12x", &v), -EINVAL);
	assert_int_equal(rb_tfs_parse_u64("", &v), -EINVAL);
	assert_int_equal(rb_tfs_parse_u64("99999999999999999999", &v), -ERANGE);
	assert_int_equal(rb_tfs_parse_format_bit("config:0\n", &bit), 0);
	assert_int_equal(bit, 0);
	assert_int_equal(rb_tfs_parse_format_bit("config:63", &bit), 0);
	assert_int_equal(bit, 63);
	assert_int_equal(rb_tfs_parse_format_bit("config:64", &bit), -ERANGE);
	assert_int_equal(rb_tfs_parse_format_bit("config1:0", &bit), -EINVAL);
	assert_int_equal(rb_parse_cpu_list("0-1\n", mask, 128), 2);
	assert_true(mask[0] == 3 && mask[1] == 0);
	assert_int_equal(rb_parse_cpu_list("0,2-3,70", mask, 128), 4);
	assert_true(mask[0] == 0xd && mask[1] == (1ULL << 6));
	assert_int_equal(rb_parse_cpu_list("3-1", mask, 128), -EINVAL);
	assert_int_equal(rb_parse_cpu_list("0-200", mask, 128), -ERANGE);
	assert_int_equal(rb_parse_cpu_list("0;1", mask, 128), -EINVAL);
}

/* ---- perf attrs ---------------------------------------------------------- */

static void test_perf_attrs(void **state)
{
	struct perf_event_attr a;
	const char *func = "vfs_read";

	(void)state;
	rb_perf_attr_tracepoint(&a, 321);
	assert_int_equal(a.type, PERF_TYPE_TRACEPOINT);
	assert_int_equal(a.size, sizeof(a));
	assert_int_equal(a.config, 321);
	assert_int_equal(a.sample_period, 1);
	assert_int_equal(a.disabled, 1);

	/* kprobe PMU: config1 = function name, config2 = offset */
	rb_perf_attr_probe(&a, 6, 0, false, func, 0x10, 0);
	assert_int_equal(a.type, 6);
	assert_int_equal(a.config, 0);
	assert_true(a.config1 == (uint64_t)(uintptr_t)func);
	assert_int_equal(a.config2, 0x10);
	/* kretprobe: the retprobe bit from format/retprobe */
	rb_perf_attr_probe(&a, 6, 0, true, func, 0, 0);
	assert_int_equal(a.config, 1);
	/* uprobe with a reference counter: config bits 32-63 */
	rb_perf_attr_probe(&a, 8, 3, true, "/bin/true", 0x400, 0x1234);
	assert_true(a.config == ((0x1234ULL << 32) | (1ULL << 3)));
	assert_int_equal(a.config2, 0x400);
}

static void test_ksyscall_name(void **state)
{
	char b[32];

	(void)state;
	assert_int_equal(rawbpf_ksyscall_name("openat", b, sizeof(b)), 0);
#if defined(__x86_64__)
	assert_string_equal(b, "__x64_sys_openat");
#elif defined(__aarch64__)
	assert_string_equal(b, "__arm64_sys_openat");
#endif
	assert_int_equal(rawbpf_ksyscall_name("openat", b, 8), -ENAMETOOLONG);
	assert_int_equal(rawbpf_ksyscall_name("", b, sizeof(b)), -EINVAL);
}

/* ---- iterator target ------------------------------------------------------ */

static void test_iter_info_layout(void **state)
{
	union rb_iter_link_info li;
	RAWBPF_OPTS(rawbpf_attach_iter_opts, o);

	(void)state;
	assert_int_equal(sizeof(union rb_iter_link_info),
			 sizeof(union bpf_iter_link_info));
	assert_int_equal(offsetof(union rb_iter_link_info, cgroup.cgroup_fd),
			 offsetof(union bpf_iter_link_info, cgroup.cgroup_fd));
	assert_int_equal(offsetof(union rb_iter_link_info, cgroup.cgroup_id),
			 offsetof(union bpf_iter_link_info, cgroup.cgroup_id));
	assert_int_equal(offsetof(union rb_iter_link_info, task.pid_fd),
			 offsetof(union bpf_iter_link_info, task.pid_fd));
	assert_false(rb_iter_info_fill(&li, &o));
	o.pid = 42;
	assert_true(rb_iter_info_fill(&li, &o));
	assert_int_equal(li.task.pid, 42);
	o.map_fd = 7;
	assert_true(rb_iter_info_fill(&li, &o));
	assert_int_equal(li.map.map_fd, 7);
	assert_int_equal(li.task.pid, 0);
}

static void test_iter_link_attr(void **state)
{
	RAWBPF_OPTS(rawbpf_attach_iter_opts, o, .map_fd = 5);
	const struct rb_attr_link_create *a;
	struct rawbpf_attachment *at = NULL;

	(void)state;
	assert_int_equal(rawbpf_attach_iter(3, &o, &at), 0);
	a = RB_REC_ATTR(&rec, 0, rb_attr_link_create);
	assert_int_equal(rec.calls[0].cmd, BPF_LINK_CREATE);
	assert_int_equal(a->attach_type, BPF_TRACE_ITER);
	assert_int_equal(a->iter_info_len, sizeof(union bpf_iter_link_info));
	assert_int_equal(rec.calls[0].size,
			 offsetofend(struct rb_attr_link_create, iter_info_len));
	assert_int_equal(rawbpf_attachment_fd(at), FAKE_FD);
	rawbpf_attachment_disown(at);
	rawbpf_attachment_destroy(at);
}

/* ---- kprobe_multi ------------------------------------------------------------ */

static void test_kprobe_multi_attr(void **state)
{
	static const char *const syms[] = { "vfs_read", "vfs_write" };
	static const uint64_t cookies[] = { 11, 22 };
	RAWBPF_OPTS(rawbpf_attach_kprobe_multi_opts, o, .retprobe = true,
		    .cookies = cookies);
	const struct rb_attr_link_create *a;
	struct rawbpf_attachment *at = NULL;

	(void)state;
	assert_int_equal(rawbpf_attach_kprobe_multi(4, syms, 2, &o, &at), 0);
	a = RB_REC_ATTR(&rec, 0, rb_attr_link_create);
	assert_int_equal(rec.ncalls, 1);
	assert_int_equal(a->prog_fd, 4);
	assert_int_equal(a->target_fd, 0);
	assert_int_equal(a->attach_type, BPF_TRACE_KPROBE_MULTI);
	assert_int_equal(a->kprobe_multi.flags, BPF_F_KPROBE_MULTI_RETURN);
	assert_int_equal(a->kprobe_multi.cnt, 2);
	assert_true(a->kprobe_multi.syms == (uint64_t)(uintptr_t)syms);
	assert_true(a->kprobe_multi.cookies == (uint64_t)(uintptr_t)cookies);
	assert_true(a->kprobe_multi.addrs == 0);
	assert_int_equal(rawbpf_attachment_kind(at), RAWBPF_ATTACH_KIND_LINK);
	rawbpf_attachment_destroy(at);
	/* neither symbols nor addresses, or both: refused before bpf() */
	assert_int_equal(rawbpf_attach_kprobe_multi(4, NULL, 2, NULL, &at),
			 -EINVAL);
	assert_int_equal(rawbpf_attach_kprobe_multi(4, syms, 0, NULL, &at),
			 -EINVAL);
	assert_int_equal(rec.ncalls, 1);
}

/* ---- fentry/fexit/fmod_ret/tp_btf/lsm and freplace ------------------------ */

static void tracing_link(uint32_t type)
{
	RAWBPF_OPTS(rawbpf_attach_tracing_opts, o, .cookie = 99);
	const struct rb_attr_link_create *a;
	struct rawbpf_attachment *at = NULL;

	rb_rec_start(&rec);
	rec.ret_default = FAKE_FD;
	assert_int_equal(rawbpf_attach_tracing(4, type, &o, &at), 0);
	a = RB_REC_ATTR(&rec, 0, rb_attr_link_create);
	assert_int_equal(rec.calls[0].cmd, BPF_LINK_CREATE);
	assert_int_equal(a->attach_type, type);
	assert_int_equal(a->target_fd, 0);
	assert_true(a->tracing.cookie == 99);
	assert_int_equal(rec.calls[0].size,
			 offsetofend(struct rb_attr_link_create, tracing.cookie));
	rawbpf_attachment_destroy(at);
}

static void test_tracing_link_attrs(void **state)
{
	(void)state;
	tracing_link(BPF_TRACE_FENTRY);
	tracing_link(BPF_TRACE_FEXIT);
	tracing_link(BPF_MODIFY_RETURN);
	tracing_link(BPF_TRACE_RAW_TP);
	tracing_link(BPF_LSM_MAC);
}

static void test_tracing_fallback(void **state)
{
	RAWBPF_OPTS(rawbpf_attach_tracing_opts, o, .cookie = 5);
	const struct rb_attr_raw_tp *r;
	struct rawbpf_attachment *at = NULL;
	long rets[] = { -EINVAL, FAKE_FD };

	(void)state;
	/* AUTO: LINK_CREATE says EINVAL -> RAW_TRACEPOINT_OPEN(NULL), which
	 * carries tp_btf's cookie (6.10) */
	rb_rec_script(&rec, 2, rets);
	assert_int_equal(rawbpf_attach_tracing(4, BPF_TRACE_RAW_TP, &o, &at), 0);
	assert_int_equal(rec.ncalls, 2);
	assert_int_equal(rec.calls[1].cmd, BPF_RAW_TRACEPOINT_OPEN);
	r = RB_REC_ATTR(&rec, 1, rb_attr_raw_tp);
	assert_true(r->name == 0);
	assert_int_equal(r->prog_fd, 4);
	assert_true(r->cookie == 5);
	rawbpf_attachment_destroy(at);
	/* but drops fentry's (and fexit's, fmod_ret's, lsm's): no fallback
	 * with a cookie, the link's error comes back */
	rb_rec_start(&rec);
	rb_rec_script(&rec, 2, rets);
	assert_int_equal(rawbpf_attach_tracing(4, BPF_TRACE_FENTRY, &o, &at), -EINVAL);
	assert_int_equal(rec.ncalls, 1);
	o.mode = RAWBPF_ATTACH_MODE_LEGACY;
	assert_int_equal(rawbpf_attach_tracing(4, BPF_LSM_MAC, &o, &at), -EINVAL);
	assert_int_equal(rec.ncalls, 1);
	/* without a cookie fentry falls back */
	o.mode = RAWBPF_ATTACH_MODE_AUTO;
	o.cookie = 0;
	rb_rec_start(&rec);
	rb_rec_script(&rec, 2, rets);
	assert_int_equal(rawbpf_attach_tracing(4, BPF_TRACE_FENTRY, &o, &at), 0);
	assert_int_equal(rec.ncalls, 2);
	assert_int_equal(rec.calls[1].cmd, BPF_RAW_TRACEPOINT_OPEN);
	rawbpf_attachment_destroy(at);
	o.cookie = 5;

	/* LINK: the error comes back, no fallback */
	rb_rec_start(&rec);
	rb_rec_script(&rec, 1, rets);
	o.mode = RAWBPF_ATTACH_MODE_LINK;
	assert_int_equal(rawbpf_attach_tracing(4, BPF_LSM_MAC, &o, &at), -EINVAL);
	assert_int_equal(rec.ncalls, 1);

	/* LEGACY: only RAW_TRACEPOINT_OPEN */
	rb_rec_start(&rec);
	rec.ret_default = FAKE_FD;
	o.mode = RAWBPF_ATTACH_MODE_LEGACY;
	o.cookie = 0;
	assert_int_equal(rawbpf_attach_tracing(4, BPF_TRACE_FEXIT, &o, &at), 0);
	assert_int_equal(rec.ncalls, 1);
	assert_int_equal(rec.calls[0].cmd, BPF_RAW_TRACEPOINT_OPEN);
	assert_int_equal(rec.calls[0].size,
			 offsetofend(struct rb_attr_raw_tp, prog_fd));
	rawbpf_attachment_destroy(at);

	/* EPERM (this machine's answer for fentry) is no reason to fall back */
	rb_rec_start(&rec);
	rets[0] = -EPERM;
	rb_rec_script(&rec, 1, rets);
	o.mode = RAWBPF_ATTACH_MODE_AUTO;
	assert_int_equal(rawbpf_attach_tracing(4, BPF_TRACE_FENTRY, &o, &at),
			 -EPERM);
	assert_int_equal(rec.ncalls, 1);
	/* not a tracing attach type */
	assert_int_equal(rawbpf_attach_tracing(4, BPF_CGROUP_INET_EGRESS, &o,
					       &at), -EINVAL);
	assert_int_equal(rec.ncalls, 1);
}

/* A refused perf link (-EPERM is -1) is an error, not "use SET_BPF". */
static void test_perf_link_refused(void **state)
{
	const long rets[1] = { -EPERM };
	struct rawbpf_attachment *at = NULL;
	int pfd;

	(void)state;
	for (uint32_t mode = RAWBPF_ATTACH_MODE_AUTO; mode <= RAWBPF_ATTACH_MODE_LINK; mode++) {
		rb_rec_start(&rec);
		rb_rec_script(&rec, 1, rets);
		pfd = open("/dev/null", O_RDONLY | O_CLOEXEC);
		assert_true(pfd > 2);
		assert_int_equal(rb_perf_attach(3, pfd, mode, 0, NULL, NULL, &at),
				 -EPERM);
		assert_null(at);
		assert_int_equal(rec.ncalls, 1);
		assert_int_equal(fcntl(pfd, F_GETFD), -1);	/* taken and closed */
	}
}

static void test_freplace_attrs(void **state)
{
	const struct rb_attr_link_create *a;
	struct rawbpf_attachment *at = NULL;
	RAWBPF_OPTS(rawbpf_attach_tracing_opts, o, .mode = RAWBPF_ATTACH_MODE_LEGACY);

	(void)state;
	assert_int_equal(rawbpf_attach_freplace(4, 7, 33, NULL, &at), 0);
	a = RB_REC_ATTR(&rec, 0, rb_attr_link_create);
	assert_int_equal(a->prog_fd, 4);
	assert_int_equal(a->target_fd, 7);
	assert_int_equal(a->attach_type, 0);
	assert_int_equal(a->target_btf_id, 33);
	assert_int_equal(rec.calls[0].size,
			 offsetofend(struct rb_attr_link_create, target_btf_id));
	rawbpf_attachment_destroy(at);
	/* a target fd needs a btf id; a new target cannot go the old way */
	assert_int_equal(rawbpf_attach_freplace(4, 7, 0, NULL, &at), -EINVAL);
	assert_int_equal(rawbpf_attach_freplace(4, 7, 33, &o, &at), -EOPNOTSUPP);
	assert_int_equal(rec.ncalls, 1);
	/* the load-time target, legacy: RAW_TRACEPOINT_OPEN(NULL) */
	assert_int_equal(rawbpf_attach_freplace(4, -1, 0, &o, &at), 0);
	assert_int_equal(rec.calls[1].cmd, BPF_RAW_TRACEPOINT_OPEN);
	rawbpf_attachment_destroy(at);
}

/* ---- cgroup ------------------------------------------------------------------ */

static void test_cgroup_table(void **state)
{
	(void)state;
	assert_int_equal(rawbpf_cgroup_prog_type(BPF_CGROUP_INET_EGRESS),
			 BPF_PROG_TYPE_CGROUP_SKB);
	assert_int_equal(rawbpf_cgroup_prog_type(BPF_CGROUP_INET_SOCK_CREATE),
			 BPF_PROG_TYPE_CGROUP_SOCK);
	assert_int_equal(rawbpf_cgroup_prog_type(BPF_CGROUP_UDP6_RECVMSG),
			 BPF_PROG_TYPE_CGROUP_SOCK_ADDR);
	assert_int_equal(rawbpf_cgroup_prog_type(RAWBPF_CGROUP_UNIX_GETSOCKNAME),
			 BPF_PROG_TYPE_CGROUP_SOCK_ADDR);
	assert_int_equal(rawbpf_cgroup_prog_type(BPF_CGROUP_SOCK_OPS),
			 BPF_PROG_TYPE_SOCK_OPS);
	assert_int_equal(rawbpf_cgroup_prog_type(BPF_CGROUP_DEVICE),
			 BPF_PROG_TYPE_CGROUP_DEVICE);
	assert_int_equal(rawbpf_cgroup_prog_type(BPF_CGROUP_SYSCTL),
			 BPF_PROG_TYPE_CGROUP_SYSCTL);
	assert_int_equal(rawbpf_cgroup_prog_type(BPF_CGROUP_SETSOCKOPT),
			 BPF_PROG_TYPE_CGROUP_SOCKOPT);
	assert_int_equal(rawbpf_cgroup_prog_type(BPF_LSM_CGROUP),
			 BPF_PROG_TYPE_LSM);
	assert_int_equal(rawbpf_cgroup_prog_type(BPF_XDP), -EINVAL);
	assert_int_equal(rawbpf_cgroup_prog_type(BPF_TRACE_FENTRY), -EINVAL);
}

static void test_cgroup_modes(void **state)
{
	RAWBPF_OPTS(rawbpf_attach_cgroup_opts, o);
	const struct rb_attr_prog_attach *pa;
	const struct rb_attr_link_create *lc;
	struct rawbpf_attachment *at = NULL;
	long rets[] = { -EINVAL, 0 };
	int cg = open("/", O_RDONLY | O_CLOEXEC);	/* any fd to dup */
	int pf = open("/", O_RDONLY | O_CLOEXEC);	/* stands for a program */

	(void)state;
	assert_true(cg >= 0);
	/* AUTO: a link with the ordering part only when asked */
	assert_int_equal(rawbpf_attach_cgroup(pf, cg, BPF_CGROUP_INET_EGRESS, &o,
					      &at), 0);
	lc = RB_REC_ATTR(&rec, 0, rb_attr_link_create);
	assert_int_equal(lc->attach_type, BPF_CGROUP_INET_EGRESS);
	assert_int_equal(lc->target_fd, cg);
	assert_int_equal(rec.calls[0].size,
			 offsetofend(struct rb_attr_link_create, flags));
	rawbpf_attachment_destroy(at);
	o.flags = RAWBPF_F_BEFORE;
	o.relative_fd = 12;
	o.expected_revision = 3;
	assert_int_equal(rawbpf_attach_cgroup(pf, cg, BPF_CGROUP_INET_EGRESS, &o,
					      &at), 0);
	lc = RB_REC_ATTR(&rec, 1, rb_attr_link_create);
	assert_int_equal(lc->flags, RAWBPF_F_BEFORE);
	assert_int_equal(lc->cgroup.relative_fd, 12);
	assert_true(lc->cgroup.expected_revision == 3);
	rawbpf_attachment_destroy(at);

	/* AUTO falls back to PROG_ATTACH + MULTI on EINVAL */
	rb_rec_start(&rec);
	rb_rec_script(&rec, 2, rets);
	memset(&o, 0, sizeof(o));
	o.size = sizeof(o);
	assert_int_equal(rawbpf_attach_cgroup(pf, cg, BPF_CGROUP_SYSCTL, &o, &at),
			 0);
	assert_int_equal(rec.calls[1].cmd, BPF_PROG_ATTACH);
	pa = RB_REC_ATTR(&rec, 1, rb_attr_prog_attach);
	assert_int_equal(pa->attach_flags, BPF_F_ALLOW_MULTI);
	assert_int_equal(pa->attach_type, BPF_CGROUP_SYSCTL);
	assert_int_equal(rawbpf_attachment_kind(at), RAWBPF_ATTACH_KIND_PROG_ATTACH);
	/* destroy detaches the program it attached */
	rawbpf_attachment_destroy(at);
	assert_int_equal(rec.calls[2].cmd, BPF_PROG_DETACH);
	pa = RB_REC_ATTR(&rec, 2, rb_attr_prog_attach);
	assert_int_equal(pa->attach_type, BPF_CGROUP_SYSCTL);
	assert_true(pa->attach_bpf_fd > 2);

	/* LINK mode with PROG_ATTACH-only flags, bad types: no syscall */
	rb_rec_start(&rec);
	o.mode = RAWBPF_ATTACH_MODE_LINK;
	o.flags = BPF_F_ALLOW_OVERRIDE;
	assert_int_equal(rawbpf_attach_cgroup(pf, cg, BPF_CGROUP_INET_EGRESS, &o,
					      &at), -EINVAL);
	o.mode = RAWBPF_ATTACH_MODE_AUTO;
	o.flags = 1U << 30;
	assert_int_equal(rawbpf_attach_cgroup(pf, cg, BPF_CGROUP_INET_EGRESS, &o,
					      &at), -EINVAL);
	o.flags = 0;
	assert_int_equal(rawbpf_attach_cgroup(pf, cg, BPF_XDP, &o, &at), -EINVAL);
	assert_int_equal(rec.ncalls, 0);
	/* AUTO with OVERRIDE goes straight to PROG_ATTACH */
	o.flags = BPF_F_ALLOW_OVERRIDE;
	assert_int_equal(rawbpf_attach_cgroup(pf, cg, BPF_CGROUP_INET_EGRESS, &o,
					      &at), 0);
	assert_int_equal(rec.calls[0].cmd, BPF_PROG_ATTACH);
	rawbpf_attachment_disown(at);
	rawbpf_attachment_destroy(at);
	assert_int_equal(rec.ncalls, 1);
	close(pf);
	close(cg);
}

/* ---- uprobe_multi -------------------------------------------------------- */

__attribute__((noinline)) int rb_unit_probe_a(int x)
{
	__asm__ volatile("" : "+r"(x));
	return x + 1;
}

__attribute__((noinline)) int rb_unit_probe_b(int x)
{
	__asm__ volatile("" : "+r"(x));
	return x + 2;
}

static unsigned long seen_offsets[2];

static long copy_offsets(struct rb_rec *r, int i, int cmd, void *attr,
			 unsigned int size)
{
	const struct rb_attr_link_create *a = attr;

	(void)i;
	(void)cmd;
	(void)size;
	memcpy(r->ctx, (const void *)(uintptr_t)a->uprobe_multi.offsets,
	       2 * sizeof(unsigned long));
	return -EPERM;
}

static void test_uprobe_multi_attr(void **state)
{
	static const char *const funcs[] = { "rb_unit_probe_a",
					     "rb_unit_probe_b+4" };
	static const uint64_t cookies[] = { 1, 2 };
	static const uint64_t extra[] = { 0, 8 };
	RAWBPF_OPTS(rawbpf_attach_uprobe_multi_opts, o, .cookies = cookies,
		    .retprobe = true, .pid = 77, .offsets = extra);
	const struct rb_attr_link_create *a;
	struct rawbpf_attachment *at = NULL;
	uint64_t off_a, off_b;
	char exe[512];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);

	(void)state;
	assert_true(n > 0);
	exe[n] = '\0';
	assert_int_equal(rawbpf_uprobe_resolve(exe, "rb_unit_probe_a", &off_a,
					       NULL), 0);
	assert_int_equal(rawbpf_uprobe_resolve(exe, "rb_unit_probe_b", &off_b,
					       NULL), 0);
	assert_true(off_a != off_b);
	assert_int_equal(rawbpf_attach_uprobe_multi(4, exe, funcs, 2, &o, &at), 0);
	a = RB_REC_ATTR(&rec, 0, rb_attr_link_create);
	assert_int_equal(rec.ncalls, 1);
	assert_int_equal(a->attach_type, RAWBPF_TRACE_UPROBE_MULTI);
	assert_int_equal(a->uprobe_multi.cnt, 2);
	assert_int_equal(a->uprobe_multi.flags, RAWBPF_F_UPROBE_MULTI_RETURN);
	assert_int_equal(a->uprobe_multi.pid, 77);
	assert_true(a->uprobe_multi.cookies == (uint64_t)(uintptr_t)cookies);
	assert_true(a->uprobe_multi.ref_ctr_offsets == 0);
	assert_int_equal(rec.calls[0].size,
			 offsetofend(struct rb_attr_link_create, uprobe_multi.pid));
	rawbpf_attachment_destroy(at);

	/* the offsets it sent: symbol + "+off" + opts->offsets[i], copied
	 * by the recorder while the array is alive; a failure frees it */
	rb_rec_start(&rec);
	rec.kernel = copy_offsets;
	rec.ctx = seen_offsets;
	assert_int_equal(rawbpf_attach_uprobe_multi(4, exe, funcs, 2, &o, &at),
			 -EPERM);
	assert_true(seen_offsets[0] == off_a);
	assert_true(seen_offsets[1] == off_b + 4 + 8);
	/* a pattern: both rb_unit_probe_* functions, each once */
	rb_rec_start(&rec);
	rec.ret_default = FAKE_FD;
	{
		RAWBPF_OPTS(rawbpf_attach_uprobe_multi_opts, g);

		assert_int_equal(rawbpf_attach_uprobe_multi_glob(4, exe,
				 "rb_unit_probe_?", &g, &at), 0);
		a = RB_REC_ATTR(&rec, 0, rb_attr_link_create);
		assert_int_equal(a->uprobe_multi.cnt, 2);
		rawbpf_attachment_destroy(at);
		assert_int_equal(rawbpf_attach_uprobe_multi_glob(4, exe,
				 "rb_unit_nomatch*", &g, &at), -ENOENT);
		g.cookies = cookies;
		assert_int_equal(rawbpf_attach_uprobe_multi_glob(4, exe,
				 "rb_unit_probe_?", &g, &at), -EINVAL);
		assert_int_equal(rec.ncalls, 1);
	}
	/* unknown symbol, no functions and no offsets: no bpf() */
	rb_rec_start(&rec);
	{
		static const char *const bad[] = { "rb_no_such_symbol" };

		assert_int_equal(rawbpf_attach_uprobe_multi(4, exe, bad, 1, NULL,
							    &at), -ENOENT);
		assert_int_equal(rawbpf_attach_uprobe_multi(4, exe, NULL, 1, NULL,
							    &at), -EINVAL);
		assert_int_equal(rawbpf_attach_uprobe_spec(4, "nocolon", NULL,
							   &at), -EINVAL);
		assert_int_equal(rawbpf_attach_uprobe_spec(4, "/bin/true:0x1g",
							   NULL, &at), -EINVAL);
	}
	assert_int_equal(rec.ncalls, 0);
}

/* ---- option checks ------------------------------------------------------------ */

static void test_bad_opts(void **state)
{
	struct {
		struct rawbpf_attach_tracepoint_opts o;
		uint64_t extra;
	} big = { .o.size = sizeof(big), .extra = 1 };
	struct rawbpf_attachment *at = NULL;
	RAWBPF_OPTS(rawbpf_attach_raw_tracepoint_opts, r, .mode = 9);

	(void)state;
	assert_int_equal(rawbpf_attach_tracepoint(3, "a", "b", &big.o, &at),
			 -E2BIG);
	assert_int_equal(rawbpf_attach_raw_tracepoint(3, "sys_enter", &r, &at),
			 -EINVAL);
	assert_int_equal(rawbpf_attach_kprobe(3, "", 0, NULL, &at), -EINVAL);
	assert_int_equal(rawbpf_attach_ksyscall(3, "", NULL, &at), -EINVAL);
	assert_null(at);
	assert_int_equal(rec.ncalls, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tracefs_paths),
		cmocka_unit_test(test_probe_lines),
		cmocka_unit_test(test_parsers),
		cmocka_unit_test(test_perf_attrs),
		cmocka_unit_test(test_ksyscall_name),
		cmocka_unit_test(test_iter_info_layout),
		cmocka_unit_test_setup_teardown(test_iter_link_attr, rec_setup, rb_rec_teardown),
		cmocka_unit_test_setup_teardown(test_kprobe_multi_attr, rec_setup, rb_rec_teardown),
		cmocka_unit_test_setup_teardown(test_tracing_link_attrs, rec_setup, rb_rec_teardown),
		cmocka_unit_test_setup_teardown(test_tracing_fallback, rec_setup, rb_rec_teardown),
		cmocka_unit_test_setup_teardown(test_freplace_attrs, rec_setup, rb_rec_teardown),
		cmocka_unit_test_setup_teardown(test_perf_link_refused, rec_setup, rb_rec_teardown),
		cmocka_unit_test(test_cgroup_table),
		cmocka_unit_test_setup_teardown(test_cgroup_modes, rec_setup, rb_rec_teardown),
		cmocka_unit_test_setup_teardown(test_bad_opts, rec_setup, rb_rec_teardown),
		cmocka_unit_test_setup_teardown(test_uprobe_multi_attr, rec_setup, rb_rec_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
