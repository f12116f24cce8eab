// SPDX-License-Identifier: BSD-2-Clause
/* compat.bpf.c - a BPF source written for libbpf's headers that uses the
 * BPF-side API broadly: map definition macros, printk forms, tail calls,
 * byte order, CO-RE reads and questions, bitfields, the PT_REGS_* family
 * and every typed program wrapper. The build compiles it against rawbpf's
 * headers for every __TARGET_ARCH_* (tests/headers/headers.cmake); a test
 * compiles it against libbpf-dev's as well and compares the x86 code. It
 * is compiled, never loaded: the targets it names need not exist. */
#include <linux/bpf.h>
#include "arch_regs.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

/* bpf-gcc 12 lacks the CO-RE question builtins (the headers then stop the
 * build on use, naming the builtin), so those parts are clang's only. */
#ifndef __has_builtin
#define __has_builtin(x) 0
#endif
#define RB_CORE_QUESTIONS __has_builtin(__builtin_preserve_field_info)
#if RB_CORE_QUESTIONS
#define RB_BITS(x) (x)
#else
#define RB_BITS(x) 0
#endif

struct rb_file;
struct rb_inode {
	unsigned long i_ino;
	unsigned int i_flags : 3, i_mode_bits : 11;
	int i_signed_bits : 5;
} __attribute__((preserve_access_index));

struct rb_file {
	struct rb_inode *f_inode;
	char f_name[16];
} __attribute__((preserve_access_index));

struct rb_task {
	int pid;
	struct rb_file *exe;
	struct rb_task *parent;
	char comm[16];
} __attribute__((preserve_access_index));

struct seq_file;
struct bpf_iter_meta {
	struct seq_file *seq;
} __attribute__((preserve_access_index));
struct bpf_iter__task {
	struct bpf_iter_meta *meta;
	struct rb_task *task;
} __attribute__((preserve_access_index));

enum rb_state { RB_RUNNING, RB_SLEEPING = 3 };

struct rb_pair {
	__u64 lo;
	__u32 hi;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 16);
	__type(key, __u32);
	__type(value, struct rb_pair);
	__uint(pinning, LIBBPF_PIN_BY_NAME);
} pairs SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 2);
	__uint(key_size, sizeof(__u32));
	__array(values, int (void *));
} jumps SEC(".maps");

#ifdef __ulong
struct {
	__uint(type, BPF_MAP_TYPE_BLOOM_FILTER);
	__uint(max_entries, 8);
	__type(value, __u32);
	__ulong(map_extra, 3);
} bloom SEC(".maps");
#endif

extern unsigned int LINUX_KERNEL_VERSION __kconfig;
extern enum libbpf_tristate CONFIG_BPF_SYSCALL __kconfig __weak;
extern const void bpf_prog_active __ksym __weak;

const volatile int cfg_depth = 2;
__u64 seen;
char out[32];

static __noinline __hidden int helper_fn(int x)
{
	return x * cfg_depth;
}

static __always_inline __u64 net_bits(__u64 v)
{
	switch (bpf_ntohs((__u16)v)) {
	case bpf_htons(0x0800):
		return bpf_ntohl((__u32)v) + bpf_htonl(7);
	case __bpf_constant_htons(0x86dd):
		return bpf_be64_to_cpu(v) ^ bpf_cpu_to_be64(0x1234);
	}
	return 0;
}

SEC("kprobe/rb_target")
int BPF_KPROBE(kp_all, struct rb_task *t, long b, int c, void *d)
{
	struct rb_task *parent = BPF_CORE_READ(t, parent);
	unsigned long ino = BPF_CORE_READ(t, parent, exe, f_inode, i_ino);
	struct rb_inode *inode = BPF_PROBE_READ(t, exe, f_inode);
	char comm[16], name[16];
	unsigned long ip = 0, ret_ip = 0;
	int pid = 0;

	BPF_CORE_READ_INTO(&pid, t, parent, pid);
	BPF_CORE_READ_STR_INTO(&comm, t, comm);
	BPF_PROBE_READ_STR_INTO(&name, t, exe, f_name);
	bpf_core_read(&pid, sizeof(pid), &t->pid);
	bpf_core_read_str(comm, sizeof(comm), &t->comm);
	BPF_KPROBE_READ_RET_IP(ret_ip, ctx);
	ip = PT_REGS_IP(ctx) + PT_REGS_SP(ctx) + PT_REGS_RC(ctx) +
	     PT_REGS_PARM1_CORE(ctx) + PT_REGS_IP_CORE(ctx);
	seen = ino + (unsigned long)parent + (unsigned long)inode + pid + ip +
	       ret_ip + b + c + (unsigned long)d + comm[0] + name[0] +
	       RB_BITS(BPF_CORE_READ_BITFIELD_PROBED(inode, i_flags)) +
	       RB_BITS(BPF_CORE_READ_BITFIELD_PROBED(inode, i_signed_bits));
	bpf_printk("no args");
	bpf_printk("three %d %d %d", pid, c, (int)b);
	bpf_printk("five %d %d %d %d %d", pid, c, (int)b, 4, 5);
	return helper_fn(pid);
}

#ifdef __clang__	/* bpf-gcc refuses 6 arguments even to an inlined function */
SEC("kprobe/rb_target5")
int BPF_KPROBE(kp_five, long a, long b, long c, long d, long e)
{
	seen = a + b + c + d + e + PT_REGS_PARM5(ctx) + PT_REGS_PARM5_CORE(ctx);
	return 0;
}
#endif

SEC("kretprobe/rb_target")
int BPF_KRETPROBE(krp_ret, long ret)
{
	unsigned long ret_ip = 0;

#ifndef __TARGET_ARCH_arc	/* no frame pointer register there */
	BPF_KRETPROBE_READ_RET_IP(ret_ip, ctx);
#endif
	seen = ret + ret_ip;
	return 0;
}

SEC("ksyscall/openat")
int BPF_KSYSCALL(ks_openat, int dfd, const char *path, int flags, int mode)
{
	char buf[16];

	bpf_probe_read_user_str(buf, sizeof(buf), path);
	seen = dfd + flags + mode + buf[0];
	return 0;
}

SEC("kprobe/__x64_sys_close")
int BPF_KPROBE_SYSCALL(ks_close, int fd)
{
	struct pt_regs *regs = PT_REGS_SYSCALL_REGS(ctx);

	seen = fd + PT_REGS_PARM1_CORE_SYSCALL(regs) +
	       PT_REGS_PARM4_CORE_SYSCALL(regs) + PT_REGS_PARM2_SYSCALL(ctx);
	return 0;
}

#ifdef BPF_UPROBE
SEC("uprobe")
int BPF_UPROBE(up_args, const char *s, int n)
{
	seen = n + (unsigned long)s;
	return 0;
}

SEC("uretprobe")
int BPF_URETPROBE(up_ret, int rc)
{
	seen = rc;
	return 0;
}
#endif

SEC("fentry/rb_target")
int BPF_PROG(fe_args, struct rb_task *t, int flags, long extra)
{
	struct rb_inode *inode = t->exe->f_inode;

	(void)inode;	/* unused without the bitfield builtins */
	seen = t->pid + flags + extra +
	       RB_BITS(BPF_CORE_READ_BITFIELD(inode, i_mode_bits));
	return 0;
}

SEC("fentry/rb_target2")
int BPF_PROG2(fe_wide, struct rb_pair, p, int, n, char, c)
{
	seen = p.lo + p.hi + n + c;
	return 0;
}

SEC("tp_btf/rb_event")
int BPF_PROG(tp_none)
{
	return 0;
}

SEC("tracepoint/syscalls/sys_enter_getpid")
int core_questions(void *ctx)
{
	struct rb_task *t = (void *)bpf_get_current_task();
	__u64 v = 0;

#if RB_CORE_QUESTIONS
	v += bpf_core_field_exists(t->exe);
	v += bpf_core_field_exists(struct rb_task, comm);
	v += bpf_core_field_size(t->comm);
	v += bpf_core_field_offset(struct rb_task, parent);
	v += bpf_core_type_exists(struct rb_file);
	v += bpf_core_type_size(struct rb_inode);
#if !defined(__clang__) || __clang_major__ >= 15	/* BPF_TYPE_MATCHES */
	v += bpf_core_type_matches(struct rb_pair);
#endif
	v += bpf_core_type_id_local(struct rb_task);
	v += bpf_core_type_id_kernel(struct rb_task);
	v += bpf_core_enum_value_exists(enum rb_state, RB_SLEEPING);
	v += bpf_core_enum_value(enum rb_state, RB_SLEEPING);
#endif
	v += KERNEL_VERSION(6, 1, 300) + LINUX_KERNEL_VERSION;
	v += CONFIG_BPF_SYSCALL == TRI_YES;
	v += net_bits(v);
	barrier_var(v);
#ifdef likely	/* libbpf 1.1 has neither */
	if (likely(v > 1) || unlikely(v == 7))
		v += offsetof(struct rb_task, comm);
#endif
	v += (unsigned long)container_of(&t->comm, struct rb_task, comm);
	v += (unsigned long)&bpf_prog_active;
	BPF_SNPRINTF(out, sizeof(out), "%d-%d", (int)v, 2);
	barrier();
	seen = v;
	bpf_tail_call_static(ctx, &jumps, 1);
	return 0;
}

SEC("iter/task")
int iter_print(struct bpf_iter__task *ctx)
{
	BPF_SEQ_PRINTF(ctx->meta->seq, "%d %s\n", 1, "x");
	BPF_SEQ_PRINTF(ctx->meta->seq, "plain\n");
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
