/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * holders.h - `rawbpf holders`: every reference the system has to bpf
 * programs, maps and links, gathered once into a table of refs (who holds
 * what), then filtered for one object and judged by the lifetime rule of
 * docs/semantics.md.
 */
#ifndef RAWBPF_CLI_HOLDERS_H
#define RAWBPF_CLI_HOLDERS_H

#include <stddef.h>
#include <stdint.h>

enum hobj { HOBJ_PROG = 1, HOBJ_MAP, HOBJ_LINK };

/* The kinds of reference, in output order. */
enum hkind {
	HK_FD,		/* pid comm fd */
	HK_PIN,		/* path */
	HK_LINK,	/* link_id type target */
	HK_ITER,	/* link_id target */
	HK_STRUCT_OPS,	/* map_id (or link) */
	HK_CGROUP,	/* path attach_type flags */
	HK_XDP,		/* netns ifname mode */
	HK_TC,		/* netns ifname direction prio */
	HK_TCX,		/* netns ifname direction */
	HK_FLOW_DISSECTOR, /* netns */
	HK_SK_LOOKUP,	/* netns */
	HK_PERF_EVENT,	/* pid fd kind target */
	HK_PROG_ARRAY,	/* map_id key */
	HK_MAP_IN_MAP,	/* map_id key */
	HK_SOCKMAP,	/* map_id attach_type */
	HK_PROG,	/* id name: a program using a map */
	HK_COUNT
};

#define HCOLS 4
#define HCOL_LEN 128

/* One reference: @kind holds object @obj/@id; @holder_id is the id of the
 * holding bpf object (link, map or program) when the holder is one. */
struct href {
	enum hkind kind;
	enum hobj obj;
	uint32_t id;
	uint32_t holder_id;
	uint32_t link_type;	/* links: BPF_LINK_TYPE_*, for dedup */
	uint64_t link_target;	/* links: ifindex, netns inode, cgroup id */
	char col[HCOLS][HCOL_LEN];
};

struct hworld {
	struct href *v;
	size_t n, cap;
	int self_pid;	/* the scanner's own fds are not holders */
};

/* hworld_add - a new zeroed ref of @kind on @obj/@id; NULL without memory. */
struct href *hworld_add(struct hworld *w, enum hkind kind, enum hobj obj,
			uint32_t id);
void hworld_free(struct hworld *w);

/* Scanners: each adds what it finds; errors in one place (a process that
 * exited, a netns gone) are skipped, not fatal. */
void scan_proc(struct hworld *w);	/* fd, perf_event */
void scan_pins(struct hworld *w);	/* pin */
void scan_cgroups(struct hworld *w);	/* cgroup */
void scan_netns(struct hworld *w);	/* xdp, tc, tcx, netns attachments */
void scan_bpf_objects(struct hworld *w);	/* links, map contents, map users */

/* Name tables shared by the scanners and the inspection commands. */
const char *hkind_name(enum hkind k);
const char *attach_type_name(uint32_t t, char *buf, size_t size);
const char *link_type_name(uint32_t t, char *buf, size_t size);
const char *prog_type_name(uint32_t t, char *buf, size_t size);

/* json_str - @s as a JSON string (quoted, escaped) to stdout. */
void json_str(const char *s);

#endif
