/* SPDX-License-Identifier: BSD-2-Clause */
/* iter.h - the iterator link's target parameter: a layout-identical copy of
 * the kernel's union bpf_iter_link_info (checked in tests/unit). */
#ifndef RB_ATTACH_ITER_H
#define RB_ATTACH_ITER_H

#include <stdbool.h>
#include <stdint.h>

struct rawbpf_attach_iter_opts;

union rb_iter_link_info {
	struct {
		uint32_t map_fd;
	} map;
	struct {
		uint32_t order;
		uint32_t cgroup_fd;
		uint64_t cgroup_id;
	} cgroup;
	struct {
		uint32_t tid;
		uint32_t pid;
		uint32_t pid_fd;
	} task;
};

/* rb_iter_info_fill - the target parameter of @o; false when it has none. */
bool rb_iter_info_fill(union rb_iter_link_info *li,
		       const struct rawbpf_attach_iter_opts *o);

#endif
