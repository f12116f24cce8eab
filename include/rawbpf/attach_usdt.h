/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * rawbpf/attach_usdt.h - USDT probes (systemtap's sys/sdt.h, .note.stapsdt)
 * for programs written with <bpf/usdt.bpf.h> (libbpf's contract: the
 * __bpf_usdt_specs and __bpf_usdt_ip_to_spec_id maps, BPF_USDT).
 *
 * Each probe site is a uprobe at the site's file offset (executables,
 * PIEs and shared libraries alike); its BPF cookie is the id of the spec
 * (parsed argument locations + the caller's cookie) written into
 * __bpf_usdt_specs. A probe with a semaphore gets the uprobe's
 * ref_ctr_offset, so the kernel increments the semaphore in every traced
 * process while the probe is attached (4.20). All sites go into one
 * uprobe_multi link (6.6); without it, one uprobe per site (perf link
 * 5.15, or perf event + SET_BPF) under one handle whose fd is -EBADF.
 */
#ifndef RAWBPF_ATTACH_USDT_H
#define RAWBPF_ATTACH_USDT_H

#include "rawbpf/attach.h"

struct rawbpf_program;

struct rawbpf_attach_usdt_opts {
	uint32_t size;
	uint64_t cookie;		/* bpf_usdt_cookie() in the program */
	const struct rawbpf_allocator *alloc;
};

/*
 * rawbpf_attach_usdt - attach loaded program @prog (an object's, with
 * <bpf/usdt.bpf.h>'s maps) to every site of USDT probe @provider:@name in
 * ELF file @binary (a path, or a library name mapped into @pid as for
 * uprobes); @pid > 0 traces that process, 0 this one, -1 every process
 * (libbpf's convention, as for uprobes). Uprobes (4.17) with
 * BPF cookies (5.15) and, for semaphores, ref_ctr_offset (4.20);
 * uprobe_multi (6.6) when present. 0 and *@out, or -EINVAL
 * (bad arguments, @pid below -1, no __bpf_usdt_specs map), -ENOENT (no such file or
 * probe), -ENOEXEC (another architecture's binary), -EOPNOTSUPP (an
 * argument form rawbpf cannot read), -ENOSPC (spec ids used up), -errno.
 */
RAWBPF_API int
rawbpf_attach_usdt(const struct rawbpf_program *prog, int pid,
		   const char *binary, const char *provider, const char *name,
		   const struct rawbpf_attach_usdt_opts *opts,
		   struct rawbpf_attachment **out);

/* rawbpf_attach_usdt_spec - rawbpf_attach_usdt for "PATH:PROVIDER:NAME"
 * (the usdt/ section name form; 5.15 as rawbpf_attach_usdt). 0 and
 * *@out, or -errno (-EINVAL: not PATH:PROVIDER:NAME). */
RAWBPF_API int
rawbpf_attach_usdt_spec(const struct rawbpf_program *prog, int pid,
			const char *spec,
			const struct rawbpf_attach_usdt_opts *opts,
			struct rawbpf_attachment **out);

#endif
