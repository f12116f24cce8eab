/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * perf.h - what the perf-based hook families (tracepoint, kprobe, uprobe)
 * share: binding a program to a perf event fd (perf link or SET_BPF), the
 * perf_event_attr builders (pure, unit-tested) and legacy tracefs probes
 * that are removed when the handle goes.
 */
#ifndef RB_ATTACH_PERF_H
#define RB_ATTACH_PERF_H

#include <errno.h>
#include <linux/perf_event.h>
#include <stdbool.h>
#include <stdint.h>

#include "attach/attachment.h"
#include "attach/link_or_older.h"
#include "sys/tracefs.h"

/* A kprobe_events/uprobe_events probe to remove at destroy. */
struct rb_legacy_probe {
	char root[128];		/* tracefs mount */
	char file[16];		/* "kprobe_events" / "uprobe_events" */
	char group[16];		/* "kprobes" / "uprobes" */
	char event[48];		/* rawbpf_<pid>_<seq> */
};

/*
 * rb_perf_attach - bind @prog_fd to perf event @pfd (ownership taken: closed
 * on error, or once a link holds it). @mode AUTO/LINK/LEGACY; a @cookie needs
 * the perf link. @probe (may be NULL) is copied into the handle and removed
 * from tracefs when it is destroyed; on error it is removed here.
 */
int rb_perf_attach(int prog_fd, int pfd, uint32_t mode, uint64_t cookie,
		   const struct rb_legacy_probe *probe,
		   const struct rawbpf_allocator *alloc,
		   struct rawbpf_attachment **out);

/* rb_perf_attr_tracepoint - the attr for tracepoint id @id. */
void rb_perf_attr_tracepoint(struct perf_event_attr *attr, uint64_t id);
/*
 * rb_perf_attr_probe - the attr for a kprobe/uprobe PMU event: @pmu_type,
 * retprobe bit @ret_bit set if @retprobe, config1 = @name_ptr (function
 * name or path), config2 = @offset (or kprobe address), and for uprobes
 * @ref_ctr_offset in config bits 32-63.
 */
void rb_perf_attr_probe(struct perf_event_attr *attr, int pmu_type,
			int ret_bit, bool retprobe, const char *name_ptr,
			uint64_t offset, uint64_t ref_ctr_offset);

/*
 * rb_legacy_probe_open - add a probe line to <tracefs>/@file (built by the
 * caller into @line for event lp->event), read its id and open the perf
 * event on @pid/@cpu. Returns the perf fd; on failure the probe is removed.
 */
int rb_legacy_probe_open(struct rb_legacy_probe *lp, const char *line,
			 int pid, int cpu);
/* rb_legacy_probe_init - fill root/file/group and a fresh event name. */
int rb_legacy_probe_init(struct rb_legacy_probe *lp, const char *tracefs,
			 bool uprobe);
/* rb_legacy_probe_remove - write "-:group/event". */
int rb_legacy_probe_remove(const struct rb_legacy_probe *lp);

/* A kprobe or uprobe to create and attach. */
struct rb_probe_req {
	bool uprobe;		/* uprobe PMU / uprobe_events, else kprobe */
	bool retprobe;
	bool legacy_events;	/* skip the PMU: use <k|u>probe_events */
	const char *target;	/* kernel function, or the ELF file's path */
	uint64_t offset;
	uint64_t ref_ctr_offset;	/* uprobes, PMU only */
	int pid;		/* -1: all */
	uint32_t mode;
	uint64_t cookie;
	const char *tracefs;
	const struct rawbpf_allocator *alloc;
};

/* rb_probe_attach - open the probe's perf event through the PMU (or, when
 * the PMU is absent, a tracefs probe) and bind @prog_fd to it. */
int rb_probe_attach(int prog_fd, const struct rb_probe_req *r,
		    struct rawbpf_attachment **out);

#endif
