// SPDX-License-Identifier: BSD-2-Clause
/* obj_tracing.bpf.c - BTF-attached programs whose targets come from their
 * section names: the loader finds each in the kernel's BTF. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("iter/task")
int iter_tasks(void *ctx)
{
	return 0;
}

SEC("fentry/do_unlinkat")
int on_unlink(void *ctx)
{
	return 0;
}

SEC("tp_btf/sched_switch")
int on_switch(void *ctx)
{
	return 0;
}

SEC("lsm/file_open")
int on_open(void *ctx)
{
	return 0;
}

SEC("fentry/rawbpf_no_such_function")
int on_nothing(void *ctx)
{
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
