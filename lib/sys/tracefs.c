// SPDX-License-Identifier: BSD-2-Clause
/* tracefs.c - tracefs paths and probe lines (pure), and the reads and
 * writes of tracefs and perf PMU sysfs files the trace hooks need. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sys/libc.h"
#include "sys/tracefs.h"

static int fmt(char *buf, size_t size, const char *f, ...)
	__attribute__((format(printf, 3, 4)));

static int fmt(char *buf, size_t size, const char *f, ...)
{
	va_list ap;
	int n;

	va_start(ap, f);
	n = vsnprintf(buf, size, f, ap);
	va_end(ap);
	if (n < 0)
		return -EINVAL;
	return (size_t)n >= size ? -ENAMETOOLONG : 0;
}

/* A tracefs path component or probe token: non-empty, no '/' or space. */
static int bad_token(const char *s)
{
	return !s || !*s || strpbrk(s, "/ \t\n") != NULL;
}

int rb_tfs_fmt_event_id_path(char *buf, size_t size, const char *root,
			     const char *category, const char *name)
{
	if (!root || bad_token(category) || bad_token(name))
		return -EINVAL;
	return fmt(buf, size, "%s/events/%s/%s/id", root, category, name);
}

int rb_tfs_fmt_probe_name(char *buf, size_t size, int pid, unsigned int seq)
{
	return fmt(buf, size, "rawbpf_%d_%u", pid, seq);
}

int rb_tfs_fmt_kprobe_add(char *buf, size_t size, int retprobe,
			  const char *event, const char *func, uint64_t offset)
{
	char type = retprobe ? 'r' : 'p';

	if (bad_token(event) || bad_token(func))
		return -EINVAL;
	if (offset)
		return fmt(buf, size, "%c:kprobes/%s %s+0x%llx", type, event,
			   func, (unsigned long long)offset);
	return fmt(buf, size, "%c:kprobes/%s %s", type, event, func);
}

int rb_tfs_fmt_uprobe_add(char *buf, size_t size, int retprobe,
			  const char *event, const char *path, uint64_t offset)
{
	if (bad_token(event) || !path || path[0] != '/' ||
	    strpbrk(path, " \t\n"))
		return -EINVAL;
	return fmt(buf, size, "%c:uprobes/%s %s:0x%llx", retprobe ? 'r' : 'p',
		   event, path, (unsigned long long)offset);
}

int rb_tfs_fmt_probe_remove(char *buf, size_t size, const char *group,
			    const char *event)
{
	if (bad_token(group) || bad_token(event))
		return -EINVAL;
	return fmt(buf, size, "-:%s/%s", group, event);
}

int rb_tfs_parse_u64(const char *s, uint64_t *out)
{
	uint64_t v = 0;
	const char *p = s;

	if (*p < '0' || *p > '9')
		return -EINVAL;
	for (; *p >= '0' && *p <= '9'; p++) {
		if (v > (UINT64_MAX - (uint64_t)(*p - '0')) / 10)
			return -ERANGE;
		v = v * 10 + (uint64_t)(*p - '0');
	}
	while (*p == ' ' || *p == '\n' || *p == '\t')
		p++;
	if (*p)
		return -EINVAL;
	*out = v;
	return 0;
}

int rb_tfs_parse_format_bit(const char *s, unsigned int *bit)
{
	uint64_t v;
	int err;

	if (strncmp(s, "config:", 7))
		return -EINVAL;
	err = rb_tfs_parse_u64(s + 7, &v);
	if (err)
		return err;
	if (v > 63)
		return -ERANGE;
	*bit = (unsigned int)v;
	return 0;
}

int rb_tfs_root(const char **root)
{
	static const char *const roots[] = {
		"/sys/kernel/tracing",
		"/sys/kernel/debug/tracing",
	};
	struct rb_stat st;
	int err = -ENOENT;

	for (size_t i = 0; i < sizeof(roots) / sizeof(roots[0]); i++) {
		char p[64];

		snprintf(p, sizeof(p), "%s/events", roots[i]);
		err = rb_sys_stat(p, &st);
		if (!err && S_ISDIR(st.mode)) {
			*root = roots[i];
			return 0;
		}
		if (err && err != -ENOENT && err != -ENOTDIR)
			return err;
	}
	return -ENOENT;
}

int rb_tfs_read_file(const char *path, char *buf, size_t size)
{
	long n;
	int fd;

	if (size < 2)
		return -EINVAL;
	fd = rb_sys_open(path, O_RDONLY);
	if (fd < 0)
		return fd;
	n = rb_sys_read(fd, buf, size - 1);
	rb_sys_close(fd);
	if (n < 0)
		return (int)n;
	buf[n] = '\0';
	return (int)n;
}

int rb_tfs_event_id(const char *root, const char *category, const char *name,
		    uint64_t *id)
{
	char path[RB_TFS_PATH_MAX], buf[32];
	int err;

	if (!root && (err = rb_tfs_root(&root)))
		return err;
	err = rb_tfs_fmt_event_id_path(path, sizeof(path), root, category,
				       name);
	if (err)
		return err;
	err = rb_tfs_read_file(path, buf, sizeof(buf));
	if (err < 0)
		return err;
	return rb_tfs_parse_u64(buf, id);
}

int rb_tfs_write_line(const char *root, const char *file, const char *line)
{
	char path[RB_TFS_PATH_MAX];
	size_t len = strlen(line);
	long n;
	int fd, err;

	if (!root && (err = rb_tfs_root(&root)))
		return err;
	err = fmt(path, sizeof(path), "%s/%s", root, file);
	if (err)
		return err;
	fd = rb_sys_open(path, O_WRONLY | O_APPEND);
	if (fd < 0)
		return fd;
	n = rb_sys_write(fd, line, len);
	err = n < 0 ? (int)n : (size_t)n != len ? -EIO : 0;
	rb_sys_close(fd);
	return err;
}

static int pmu_file(const char *pmu, const char *file, char *buf, size_t size)
{
	char path[128];
	int err;

	if (bad_token(pmu))
		return -EINVAL;
	err = fmt(path, sizeof(path), "/sys/bus/event_source/devices/%s/%s",
		  pmu, file);
	if (err)
		return err;
	return rb_tfs_read_file(path, buf, size);
}

int rb_pmu_type(const char *pmu)
{
	char buf[32];
	uint64_t v;
	int err = pmu_file(pmu, "type", buf, sizeof(buf));

	if (err < 0)
		return err;
	err = rb_tfs_parse_u64(buf, &v);
	if (err)
		return err;
	return v > INT32_MAX ? -ERANGE : (int)v;
}

int rb_pmu_retprobe_bit(const char *pmu)
{
	char buf[32];
	unsigned int bit;
	int err = pmu_file(pmu, "format/retprobe", buf, sizeof(buf));

	if (err < 0)
		return err;
	err = rb_tfs_parse_format_bit(buf, &bit);
	return err ? err : (int)bit;
}

static const char *parse_uint(const char *p, unsigned int *v)
{
	uint64_t n = 0;

	if (*p < '0' || *p > '9')
		return NULL;
	for (; *p >= '0' && *p <= '9'; p++) {
		n = n * 10 + (uint64_t)(*p - '0');
		if (n > 1u << 20)
			return NULL;
	}
	*v = (unsigned int)n;
	return p;
}

int rb_parse_cpu_list(const char *s, uint64_t *mask, unsigned int nbits)
{
	const char *p = s;
	int count = 0;

	memset(mask, 0, (nbits + 63) / 64 * sizeof(uint64_t));
	while (*p && *p != '\n') {
		unsigned int lo, hi;

		p = parse_uint(p, &lo);
		if (!p)
			return -EINVAL;
		hi = lo;
		if (*p == '-') {
			p = parse_uint(p + 1, &hi);
			if (!p || hi < lo)
				return -EINVAL;
		}
		if (hi >= nbits)
			return -ERANGE;
		for (unsigned int c = lo; c <= hi; c++) {
			if (!(mask[c / 64] & (1ULL << (c % 64))))
				count++;
			mask[c / 64] |= 1ULL << (c % 64);
		}
		if (*p == ',')
			p++;
		else if (*p && *p != '\n')
			return -EINVAL;
	}
	return count;
}
