/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * rawbpf/attach_cgroup.h - programs on cgroup v2 hooks: BPF_PROG_ATTACH
 * (4.10; the cgroup keeps the program after the loader exits) or a cgroup
 * bpf_link (5.7; lives with its fd or pin).
 *
 * Modes (enum rawbpf_attach_mode):
 *   AUTO   - a link; on -EINVAL/-EOPNOTSUPP from LINK_CREATE, PROG_ATTACH
 *            with BPF_F_ALLOW_MULTI (the link's own coexistence rule). With
 *            any of BPF_F_ALLOW_OVERRIDE/ALLOW_MULTI/REPLACE in flags AUTO
 *            means PROG_ATTACH: those flags only exist there.
 *   LINK   - LINK_CREATE only; OVERRIDE/MULTI/REPLACE are -EINVAL.
 *   LEGACY - PROG_ATTACH with exactly the given flags (0: one exclusive
 *            program, OVERRIDE: a sub-cgroup may override it, MULTI: a list).
 * BPF_F_BEFORE/BPF_F_AFTER (+BPF_F_ID, or BPF_F_LINK when the relative
 * entry was attached through a link) with relative_fd and expected_revision
 * order programs on kernels that have it (6.15).
 *
 * The handle of a PROG_ATTACH owns a dup of the program and cgroup fds and
 * detaches at destroy unless rawbpf_attachment_disown() was called.
 * rawbpf_attachment_update() swaps the program: LINK_UPDATE, or PROG_ATTACH
 * with BPF_F_REPLACE (MULTI) / re-attach in place (single program).
 */
#ifndef RAWBPF_ATTACH_CGROUP_H
#define RAWBPF_ATTACH_CGROUP_H

#include <stdint.h>

#include "rawbpf/common.h"
#include "rawbpf/attach.h"

#ifdef __cplusplus
extern "C" {
#endif

struct rawbpf_attach_cgroup_opts {
	uint32_t size;
	uint32_t mode;			/* enum rawbpf_attach_mode */
	uint32_t flags;			/* BPF_F_ALLOW_OVERRIDE/MULTI, BPF_F_REPLACE,
					   BPF_F_BEFORE/AFTER/ID/LINK */
	int32_t replace_prog_fd;	/* with BPF_F_REPLACE */
	uint32_t relative_fd;		/* or an id with BPF_F_ID (6.15) */
	uint64_t expected_revision;	/* 6.15; 0: any */
	const struct rawbpf_allocator *alloc;
};

/* rawbpf_attach_cgroup - attach @prog_fd to the cgroup directory fd
 * @cgroup_fd at @attach_type (a BPF_CGROUP_* type or BPF_LSM_CGROUP): a
 * cgroup link (5.7) or PROG_ATTACH (4.10; MULTI 4.15, REPLACE 5.6, ordering
 * 6.15). 0 and *@out, or -errno. */
RAWBPF_API int rawbpf_attach_cgroup(int prog_fd, int cgroup_fd,
				    uint32_t attach_type,
				    const struct rawbpf_attach_cgroup_opts *opts,
				    struct rawbpf_attachment **out);

/* rawbpf_cgroup_prog_type - the program type that cgroup attach type
 * @attach_type takes (BPF_CGROUP_INET_EGRESS -> BPF_PROG_TYPE_CGROUP_SKB;
 * a table, no kernel call); -EINVAL when it is no cgroup attach type. */
RAWBPF_API int rawbpf_cgroup_prog_type(uint32_t attach_type);

#ifdef __cplusplus
}
#endif
#endif
