/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * tracefs.h - tracefs and perf PMU sysfs access for the trace hooks: event
 * ids, kprobe_events/uprobe_events lines for legacy probes, the dynamic PMU
 * type and retprobe bit. The rb_tfs_fmt_* / rb_tfs_parse_* functions only
 * build or parse strings (unit-tested); the others do the file I/O.
 */
#ifndef RB_SYS_TRACEFS_H
#define RB_SYS_TRACEFS_H

#include <stddef.h>
#include <stdint.h>

/* The longest tracefs path or probe line rawbpf builds. */
#define RB_TFS_PATH_MAX 512

/* ---- pure string building and parsing --------------------------------- */

/* rb_tfs_fmt_event_id_path - "<root>/events/<category>/<name>/id".
 * 0 or -ENAMETOOLONG; -EINVAL when a name holds '/' or is empty. */
int rb_tfs_fmt_event_id_path(char *buf, size_t size, const char *root,
			     const char *category, const char *name);
/* rb_tfs_fmt_probe_name - "rawbpf_<pid>_<seq>", a legacy probe event name. */
int rb_tfs_fmt_probe_name(char *buf, size_t size, int pid, unsigned int seq);
/* rb_tfs_fmt_kprobe_add - "p:kprobes/<event> <func>[+0x<off>]" ('r:' for a
 * kretprobe) for kprobe_events. */
int rb_tfs_fmt_kprobe_add(char *buf, size_t size, int retprobe,
			  const char *event, const char *func, uint64_t offset);
/* rb_tfs_fmt_uprobe_add - "p:uprobes/<event> <path>:0x<off>" ('r:' for a
 * uretprobe) for uprobe_events. */
int rb_tfs_fmt_uprobe_add(char *buf, size_t size, int retprobe,
			  const char *event, const char *path, uint64_t offset);
/* rb_tfs_fmt_probe_remove - "-:<group>/<event>". */
int rb_tfs_fmt_probe_remove(char *buf, size_t size, const char *group,
			    const char *event);
/* rb_tfs_parse_u64 - a decimal number followed by optional whitespace. */
int rb_tfs_parse_u64(const char *s, uint64_t *out);
/* rb_tfs_parse_format_bit - "config:<bit>" (sysfs format file) -> bit. */
int rb_tfs_parse_format_bit(const char *s, unsigned int *bit);

/* rb_parse_cpu_list - a sysfs CPU list ("0-3,6"): sets bit i of @mask
 * (@nbits bits) for each CPU; returns the count, -EINVAL, -ERANGE. */
int rb_parse_cpu_list(const char *s, uint64_t *mask, unsigned int nbits);

/* ---- file I/O ----------------------------------------------------------- */

/* rb_tfs_root - the mounted tracefs into *@root: /sys/kernel/tracing,
 * else /sys/kernel/debug/tracing. Never mounts anything. 0, -ENOENT if
 * neither, or the error that stopped the look (not ENOENT/ENOTDIR). */
int rb_tfs_root(const char **root);
/* rb_tfs_read_file - read a small file into @buf (NUL-terminated); bytes. */
int rb_tfs_read_file(const char *path, char *buf, size_t size);
/* rb_tfs_event_id - the id of tracepoint @category:@name under @root
 * (NULL: rb_tfs_root's). */
int rb_tfs_event_id(const char *root, const char *category, const char *name,
		    uint64_t *id);
/* rb_tfs_write_line - append @line to <root>/<file> in one write(). */
int rb_tfs_write_line(const char *root, const char *file, const char *line);
/* rb_pmu_type - the perf type of dynamic PMU @pmu ("kprobe", "uprobe")
 * from /sys/bus/event_source/devices/<pmu>/type; -ENOENT if absent. */
int rb_pmu_type(const char *pmu);
/* rb_pmu_retprobe_bit - the config bit of <pmu>/format/retprobe. */
int rb_pmu_retprobe_bit(const char *pmu);

#endif
