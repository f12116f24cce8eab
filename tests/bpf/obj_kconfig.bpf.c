// SPDX-License-Identifier: BSD-2-Clause
/* obj_kconfig.bpf.c - .kconfig externs of every kind libbpf offers: the
 * kernel version, a LINUX_HAS_* flag, a tristate, an integer, a string and
 * a __weak one the config lacks; the program copies them to .bss. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

/* enum libbpf_tristate (bpf_helpers.h): TRI_NO 0, TRI_YES 1, TRI_MODULE 2 */
extern unsigned int LINUX_KERNEL_VERSION __kconfig;
extern _Bool LINUX_HAS_BPF_COOKIE __kconfig;
extern enum libbpf_tristate CONFIG_BPF_SYSCALL __kconfig;
extern int CONFIG_HZ __kconfig;
extern char CONFIG_DEFAULT_HOSTNAME[16] __kconfig;
extern int CONFIG_RAWBPF_NOT_A_REAL_OPTION __kconfig __weak;

unsigned int seen_version;
int seen_cookie, seen_bpf, seen_hz, seen_missing;
char seen_host[16];

SEC("socket")
int kconfig_prog(struct __sk_buff *skb)
{
	seen_version = LINUX_KERNEL_VERSION;
	seen_cookie = LINUX_HAS_BPF_COOKIE;
	seen_bpf = CONFIG_BPF_SYSCALL;
	seen_hz = CONFIG_HZ;
	seen_missing = CONFIG_RAWBPF_NOT_A_REAL_OPTION;
	__builtin_memcpy(seen_host, CONFIG_DEFAULT_HOSTNAME, sizeof(seen_host));
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
