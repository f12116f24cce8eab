// SPDX-License-Identifier: BSD-2-Clause
/* obj_extern.bpf.c - libbpf externs: .kconfig values (kernel version, a
 * bool, a tristate, an int, a string, an unknown weak one) and .ksyms (kfunc
 * calls, a weak absent variable and kfunc); the XDP program copies what it sees
 * into .bss for tests/kernel/object_extern.c. */
#include <stdbool.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>


extern int LINUX_KERNEL_VERSION __kconfig;
extern bool CONFIG_BPF_SYSCALL __kconfig;
extern enum libbpf_tristate CONFIG_BPF_JIT __kconfig;
extern int CONFIG_HZ __kconfig;
extern char CONFIG_DEFAULT_HOSTNAME[16] __kconfig;
extern bool CONFIG_RB_NO_SUCH_OPTION __kconfig __weak;
extern bool CONFIG_KPROBES __kconfig __weak;

extern const int rb_no_such_ksym __ksym __weak;
extern void bpf_rcu_read_lock(void) __ksym;
extern void bpf_rcu_read_unlock(void) __ksym;
extern void rb_no_such_kfunc(void) __ksym __weak;

struct rb_ext_out {
	unsigned int version;
	int bpf_syscall, jit, hz, nope, kprobes;
	char hostname[16];
	int weak_ksym_null, weak_kfunc_null, hits;
} rb_ext;

SEC("xdp")
int rb_extern_xdp(struct xdp_md *ctx)
{
	bpf_rcu_read_lock();
	rb_ext.version = LINUX_KERNEL_VERSION;
	rb_ext.bpf_syscall = CONFIG_BPF_SYSCALL;
	rb_ext.jit = CONFIG_BPF_JIT;
	rb_ext.hz = CONFIG_HZ;
	rb_ext.nope = CONFIG_RB_NO_SUCH_OPTION;
	rb_ext.kprobes = CONFIG_KPROBES;
	__builtin_memcpy(rb_ext.hostname, CONFIG_DEFAULT_HOSTNAME, 16);
	rb_ext.weak_ksym_null = &rb_no_such_ksym == 0;
	rb_ext.weak_kfunc_null = !rb_no_such_kfunc;
	if (rb_no_such_kfunc)
		rb_no_such_kfunc();
	rb_ext.hits++;
	bpf_rcu_read_unlock();
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
