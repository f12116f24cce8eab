/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * kernel_features.h - does the running kernel have a feature? Kernel tests ask
 * before they rely on something newer than the oldest kernel of the matrix
 * (Debian's 6.1 in tests/vm), and skip naming it when it is absent. Each
 * probe is one small real operation whose answer differs between a kernel
 * with and without the feature (not the operation under test), run once
 * per process.
 */
#ifndef RB_TEST_KERNEL_FEATURES_H
#define RB_TEST_KERNEL_FEATURES_H

enum rb_feature {
	RB_FEAT_TCX,		/* tcx links and tcx PROG_ATTACH (6.6) */
	RB_FEAT_UPROBE_MULTI,	/* uprobe_multi links (6.6) */
	RB_FEAT_KPROBE_MULTI,	/* kprobe_multi links (5.18, CONFIG_FPROBE) */
	RB_FEAT_KPROBE_SESSION,	/* kprobe session links (6.10, CONFIG_FPROBE) */
	RB_FEAT_CGROUP_MPROG,	/* cgroup revisions, link ids, ordering (6.15) */
	RB_FEAT_CGROUP_UNIX,	/* cgroup unix socket address hooks (6.7) */
	RB_FEAT_NETFILTER,	/* BPF_PROG_TYPE_NETFILTER and its links (6.4) */
	RB_FEAT_SOCKMAP_LINK,	/* sockmap/sockhash links (6.10) */
	RB_FEAT_RAW_TP_COOKIE,	/* raw_tp bpf_cookie (6.10) */
	RB_FEAT_TOKEN,		/* BPF tokens (6.9) */
	RB_FEAT_PATH_FD,	/* OBJ_PIN/OBJ_GET relative to a dir fd (6.5) */
	RB_FEAT_LOG_TRUE_SIZE,	/* verifier log rework: log_true_size (6.4) */
	RB_FEAT_PERF_LINK_INFO,	/* perf_event link info (6.6) */
	RB_FEAT_FD_ARRAY_CNT,	/* PROG_LOAD fd_array_cnt binds maps (6.13) */
	RB_FEAT_EXCL_MAP,	/* maps exclusive to one program hash (6.18) */
	RB_FEAT_KFUNC_RCU,	/* kfuncs bpf_rcu_read_lock/unlock (6.2) */
	RB_FEAT_KERNEL_BTF,	/* /sys/kernel/btf/vmlinux (not on i386, s390x) */
	RB_FEAT_STRUCT_OPS_LINK,	/* struct_ops maps with BPF_F_LINK, links (6.4) */
	RB_FEAT_JIT,		/* a BPF JIT (not in Debian's s390x 6.1): callbacks, kfuncs */
	RB_FEAT_FD_ARRAY_LOOKUP,	/* map-in-map lookups past slot 0 (not on 32-bit 6.1) */
	RB_FEAT_KERNEL_TRAMPOLINE,	/* fentry & co on kernel functions (not arm64 6.1) */
	RB_FEAT_PROG_STREAM,	/* BPF_PROG_STREAM_READ_BY_FD (6.17) */
	RB_FEAT_UPROBE_SESSION,	/* uprobe session links (6.13) */
	RB_FEAT_COUNT
};

/* rb_have - 1 if the running kernel has @f, else 0 (probed once). */
int rb_have(enum rb_feature f);

/* rb_feature_name - what @f is, as a skip reason names it. */
const char *rb_feature_name(enum rb_feature f);

/* rb_need - skip the calling test, naming @f, unless the kernel has it. */
void rb_need(enum rb_feature f);

/* rb_need_trampoline - after loading a program that runs through a BPF
 * trampoline on a kernel function (fentry, fexit, fmod_ret, lsm,
 * lsm_cgroup): skip the test, naming @feature, when the load was refused
 * as unsupported (@fd -EPERM, -EOPNOTSUPP or 524) or the kernel cannot
 * attach such programs (RB_FEAT_KERNEL_TRAMPOLINE). @fd and @other are
 * closed first when they are fds. */
void rb_need_trampoline(int fd, int other, const char *feature);

#endif
