// SPDX-License-Identifier: BSD-2-Clause
/* prog_stream.bpf.c - a program writing to its BPF stdout with the
 * kernel's stream printk (6.17), read back with PROG_STREAM_READ_BY_FD
 * (tests/kernel/sys_stream.c). */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

extern int bpf_stream_vprintk_impl(int stream_id, const char *fmt__str,
				   const void *args, __u32 len__sz,
				   void *aux__prog) __ksym __weak;

SEC("syscall")
int rb_stream(void *ctx)
{
	__u64 args[2] = { 42, 7 };

	return bpf_stream_vprintk_impl(1, "rawbpf %llu %llu\n", args,
				       sizeof(args), NULL);
}

char LICENSE[] SEC("license") = "GPL";
