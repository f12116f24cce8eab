// SPDX-License-Identifier: BSD-2-Clause
/*
 * uprobe.c - uprobes and uretprobes: the probe address is the file offset
 * of a symbol (lib/elf maps it through the PT_LOAD segments, so PIEs and
 * shared libraries work), a library name is found in /proc/<pid>/maps or
 * else through ld.so.cache and the standard directories (ld_cache.c); the
 * uprobe PMU (4.17) or an uprobe_events probe, then a perf link or SET_BPF;
 * uprobe_multi links (6.6) with many offsets and cookies.
 */
#include <errno.h>
#include <elf.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rawbpf/attach_trace.h"
#include "rawbpf/sys.h"
#include "core/errname.h"
#include "attach/perf.h"
#include "core/log.h"
#include "core/mem.h"
#include "sys/libc.h"
#include "elf/elf.h"

#define PATH_MAX_LEN 512

/* An ELF file mapped read-only for symbol lookups. */
struct mapped {
	void *buf;
	size_t size;
	const char *path;	/* for messages */
};

/* Every failure says which file (rb_attach_fail). */
static int map_file(const char *path, struct mapped *m)
{
	struct rb_stat st;
	int fd = rb_sys_open(path, O_RDONLY), err;

	m->path = path;
	if (fd < 0)
		return rb_attach_fail(fd, "uprobe: cannot open %s: %s", path,
				      fd == -ENOENT ? "no such file" :
				      RB_ERRSTR(fd));
	err = rb_sys_fstat(fd, &st);
	if (!err && (!S_ISREG(st.mode) || !st.size))
		err = -ENOEXEC;
	if (!err) {
		m->size = (size_t)st.size;
		err = rb_sys_mmap(m->size, PROT_READ, MAP_PRIVATE, fd, 0,
				  &m->buf);
	}
	rb_sys_close(fd);
	if (err)
		return rb_attach_fail(err, "uprobe: cannot map %s: %s", path,
				      err == -ENOEXEC ? "not a regular file" :
				      RB_ERRSTR(err));
	return 0;
}

static void unmap_file(struct mapped *m)
{
	rb_sys_munmap(m->buf, m->size);
}

/* A whole-string number (decimal or 0x hex) into *@v; 0 or -EINVAL. */
static int parse_off(const char *s, uint64_t *v)
{
	int saved = errno, err;
	char *end;

	errno = 0;
	*v = strtoull(s, &end, 0);
	err = !*s || *end || errno ? -EINVAL : 0;
	errno = saved;
	return err;
}

/* "sym", "sym+off" (off decimal or 0x hex) -> name copy and offset. */
static int split_func(const char *func, char *name, size_t size,
		      uint64_t *add)
{
	const char *plus = strchr(func, '+');
	size_t n = plus ? (size_t)(plus - func) : strlen(func);

	*add = 0;
	if (!n || n >= size)
		return -EINVAL;
	memcpy(name, func, n);
	name[n] = '\0';
	return plus ? parse_off(plus + 1, add) : 0;
}

static int resolve_in(const struct mapped *m, const char *func,
		      const struct rawbpf_allocator *alloc, uint64_t *offset)
{
	char name[256];
	uint64_t add, off;
	int err = split_func(func, name, sizeof(name), &add);

	if (!err)
		err = rb_elf_sym_file_offset(m->buf, m->size, name, alloc, &off);
	if (err == -ENOENT)
		return rb_attach_fail(err, "uprobe: symbol '%s' not found in %s",
				      name, m->path);
	if (err == -EOPNOTSUPP)
		return rb_attach_fail(err, "uprobe: '%s' in %s is Thumb code; 32-bit ARM "
				      "kernels place uprobes on ARM code only", name, m->path);
	if (err)
		return rb_attach_fail(err, "uprobe: '%s' in %s: %s", func,
				      m->path, RB_ERRSTR(err));
	*offset = off + add;
	return 0;
}

int rawbpf_uprobe_resolve(const char *path, const char *func, uint64_t *offset,
			  const struct rawbpf_allocator *alloc)
{
	struct mapped m;
	int err;

	if (!path || !func || !offset)
		return -EINVAL;
	err = map_file(path, &m);
	if (err)
		return err;
	err = resolve_in(&m, func, alloc, offset);
	unmap_file(&m);
	return err;
}

/* Does the file name of @path match library @name ("libc" matches
 * libc.so.6 and libc-2.31.so, not libcrypto.so)? */
static bool lib_matches(const char *path, const char *name)
{
	const char *base = strrchr(path, '/');
	size_t n = strlen(name);

	base = base ? base + 1 : path;
	if (strncmp(base, name, n))
		return false;
	return base[n] == '\0' || base[n] == '.' || base[n] == '-';
}

/* Check one maps line; copy its path when it matches. */
static int maps_line(const char *line, const char *name, char *buf,
		     size_t size)
{
	const char *path = strchr(line, '/');
	size_t n;

	if (!path || !lib_matches(path, name))
		return 0;
	n = strlen(path);
	if (n >= size)
		return -ENAMETOOLONG;
	memcpy(buf, path, n + 1);
	return 1;
}

int rawbpf_uprobe_find_library(int pid, const char *name, char *buf,
			       size_t size)
{
	char maps[64], chunk[4096];
	size_t have = 0;
	int fd, found = 0;

	if (!name || !*name || strchr(name, '/'))
		return -EINVAL;
	if (pid > 0)
		snprintf(maps, sizeof(maps), "/proc/%d/maps", pid);
	else
		snprintf(maps, sizeof(maps), "/proc/self/maps");
	fd = rb_sys_open(maps, O_RDONLY);
	if (fd < 0)
		return fd;
	while (!found) {
		long r = rb_sys_read(fd, chunk + have, sizeof(chunk) - 1 - have);
		char *line = chunk, *nl;

		if (r == -EINTR)
			continue;
		if (r <= 0) {
			found = r < 0 ? (int)r : 0;
			if (!r && have) {	/* last line without newline */
				chunk[have] = '\0';
				found = maps_line(chunk, name, buf, size);
			}
			break;
		}
		have += (size_t)r;
		chunk[have] = '\0';
		while (!found && (nl = strchr(line, '\n'))) {
			*nl = '\0';
			found = maps_line(line, name, buf, size);
			line = nl + 1;
		}
		have -= (size_t)(line - chunk);
		memmove(chunk, line, have);
		if (have == sizeof(chunk) - 1)
			have = 0;	/* an absurd line: drop it */
	}
	rb_sys_close(fd);
	return found > 0 ? 0 : found ? found : -ENOENT;
}

/* @path itself, or the library it names: mapped in @pid, else where the
 * dynamic linker would find it. */
static int resolve_path(const char *path, int pid, char *buf, size_t size,
			const struct rawbpf_allocator *alloc)
{
	int err;

	if (!path || !*path)
		return -EINVAL;
	if (strchr(path, '/')) {
		if (strlen(path) >= size)
			return -ENAMETOOLONG;
		strcpy(buf, path);
		return 0;
	}
	err = rawbpf_uprobe_find_library(pid, path, buf, size);
	if (err == -ENOENT)
		err = rawbpf_uprobe_find_library_file(path, buf, size, alloc);
	if (err == -ENOENT && pid > 0)
		return rb_attach_fail(err, "uprobe: library '%s' is neither mapped in process %d nor found in ld.so.cache or the library dirs",
				      path, pid);
	if (err == -ENOENT)
		return rb_attach_fail(err, "uprobe: library '%s' is neither mapped in this process nor found in ld.so.cache or the library dirs",
				      path);
	return err;
}

/* libbpf's convention for @pid: 0 this process, -1 every process, > 0
 * that one. The perf and link calls get getpid() for 0. */
static int probe_pid(int32_t pid, int *out)
{
	if (pid < -1)
		return -EINVAL;
	*out = pid ? pid : (int)getpid();
	return 0;
}

int rawbpf_attach_uprobe(int prog_fd, const char *path, const char *func,
			 uint64_t offset,
			 const struct rawbpf_attach_uprobe_opts *uopts,
			 struct rawbpf_attachment **out)
{
	struct rawbpf_attach_uprobe_opts o;
	struct rb_probe_req r;
	char full[PATH_MAX_LEN];
	uint64_t sym = 0;
	int err = rb_opts_copy(&o, sizeof(o), uopts);

	if (err)
		return err;
	if (!out)
		return -EINVAL;
	memset(&r, 0, sizeof(r));
	err = probe_pid(o.pid, &r.pid);
	if (!err)
		err = resolve_path(path, r.pid, full, sizeof(full), o.alloc);
	if (!err && func)
		err = rawbpf_uprobe_resolve(full, func, &sym, o.alloc);
	if (err)
		return err;
	r.uprobe = true;
	r.retprobe = o.retprobe;
	r.legacy_events = o.legacy_events;
	r.target = full;
	r.offset = offset + sym;
	r.ref_ctr_offset = o.ref_ctr_offset;
	r.mode = o.mode;
	r.cookie = o.cookie;
	r.tracefs = o.tracefs;
	r.alloc = o.alloc;
	err = rb_probe_attach(prog_fd, &r, out);
	if (err == -ENOENT && !func)
		return rb_attach_fail(err, "uprobe: %s+0x%llx: the kernel found no such file",
				      full, (unsigned long long)r.offset);
	return err;
}

int rawbpf_attach_uprobe_spec(int prog_fd, const char *spec,
			      const struct rawbpf_attach_uprobe_opts *opts,
			      struct rawbpf_attachment **out)
{
	char path[PATH_MAX_LEN];
	const char *colon = spec ? strrchr(spec, ':') : NULL;
	const char *what;
	uint64_t off = 0;

	if (!colon || colon == spec || !colon[1])
		return -EINVAL;
	if ((size_t)(colon - spec) >= sizeof(path))
		return -ENAMETOOLONG;
	memcpy(path, spec, (size_t)(colon - spec));
	path[colon - spec] = '\0';
	what = colon + 1;
	if (what[0] >= '0' && what[0] <= '9') {
		if (parse_off(what, &off))
			return -EINVAL;
		what = NULL;
	}
	return rawbpf_attach_uprobe(prog_fd, path, what, off, opts, out);
}

/* The uprobe_multi link: offsets from @m's symbols @funcs (NULL: none)
 * plus o->offsets. */
static int multi_link(int prog_fd, const char *full, const struct mapped *m,
		      const char *const *funcs, uint32_t cnt,
		      const struct rawbpf_attach_uprobe_multi_opts *o,
		      struct rawbpf_attachment **out)
{
	unsigned long *offs, *refs = NULL;
	int fd, err = 0;

	offs = rb_alloc_array(o->alloc, cnt, sizeof(*offs));
	if (o->ref_ctr_offsets)
		refs = rb_alloc_array(o->alloc, cnt, sizeof(*refs));
	if (!offs || (o->ref_ctr_offsets && !refs)) {
		err = -ENOMEM;
		goto out;
	}
	for (uint32_t i = 0; i < cnt && !err; i++) {
		uint64_t off = o->offsets ? o->offsets[i] : 0, sym = 0;

		if (funcs)
			err = resolve_in(m, funcs[i], o->alloc, &sym);
		offs[i] = (unsigned long)(off + sym);
		if (refs)
			refs[i] = (unsigned long)o->ref_ctr_offsets[i];
	}
	if (err)
		goto out;
	RAWBPF_OPTS(rawbpf_sys_link_create_opts, lo);
	lo.uprobe_multi.path = full;
	lo.uprobe_multi.offsets = offs;
	lo.uprobe_multi.ref_ctr_offsets = refs;
	lo.uprobe_multi.cookies = o->cookies;
	lo.uprobe_multi.cnt = cnt;
	lo.uprobe_multi.flags = o->retprobe ? RAWBPF_F_UPROBE_MULTI_RETURN : 0;
	/* the link's 0 means every process */
	lo.uprobe_multi.pid = o->pid > 0 ? (uint32_t)o->pid : 0;
	fd = rawbpf_sys_link_create(prog_fd, 0, o->session ? RAWBPF_TRACE_UPROBE_SESSION :
				    RAWBPF_TRACE_UPROBE_MULTI, &lo);
	err = fd < 0 ? fd : rb_attachment_from_link_fd(fd, o->alloc, out);
out:
	rb_free(o->alloc, offs);
	rb_free(o->alloc, refs);
	return err;
}

int
rawbpf_attach_uprobe_multi(int prog_fd, const char *path,
			   const char *const *funcs, uint32_t cnt,
			   const struct rawbpf_attach_uprobe_multi_opts *uopts,
			   struct rawbpf_attachment **out)
{
	struct rawbpf_attach_uprobe_multi_opts o;
	char full[PATH_MAX_LEN];
	struct mapped m = { 0 };
	int err = rb_opts_copy(&o, sizeof(o), uopts);

	if (err)
		return err;
	if (!out || !cnt || (!funcs && !o.offsets) || (o.session && o.retprobe))
		return -EINVAL;
	err = probe_pid(o.pid, &o.pid);
	if (!err)
		err = resolve_path(path, o.pid, full, sizeof(full), o.alloc);
	if (!err && funcs)
		err = map_file(full, &m);
	if (err)
		return err;
	err = multi_link(prog_fd, full, &m, funcs, cnt, &o, out);
	if (funcs)
		unmap_file(&m);
	return err;
}

/* Add @name to @names unless there; grows the array. */
static int add_name(const struct rawbpf_allocator *a, const char ***names,
		    uint32_t *cnt, uint32_t *cap, const char *name)
{
	const char **n;

	for (uint32_t i = 0; i < *cnt; i++)
		if (!strcmp((*names)[i], name))
			return 0;
	if (*cnt == *cap) {
		uint32_t ncap = *cap ? *cap * 2 : 16;

		n = rb_resize(a, *names, ncap * sizeof(*n));
		if (!n)
			return -ENOMEM;
		*names = n;
		*cap = ncap;
	}
	(*names)[(*cnt)++] = name;
	return 0;
}

/* Defined functions of @m whose names match @pattern (names point into
 * the mapping). */
static int glob_funcs(const struct mapped *m, const char *pattern,
		      const struct rawbpf_allocator *a, const char ***names,
		      uint32_t *cnt, uint32_t *cap)
{
	struct rb_elf e;
	const struct rb_elf_symtab *tabs[2] = { &e.symtab, &e.dynsym };
	int err = rb_elf_open_class(&e, m->buf, m->size, a, true);

	if (err)
		return err;
	for (int t = 0; !err && t < 2; t++) {
		for (uint32_t i = 0; !err && tabs[t]->shndx && i < tabs[t]->count; i++) {
			struct rb_elf_sym s;

			if (rb_elf_sym_in(&e, tabs[t], i, &s) || !s.shndx ||
			    (s.type != STT_FUNC && s.type != STT_GNU_IFUNC) ||
			    !s.name[0] || fnmatch(pattern, s.name, 0))
				continue;
			err = add_name(a, names, cnt, cap, s.name);
		}
	}
	rb_elf_close(&e);
	return err;
}

int
rawbpf_attach_uprobe_multi_glob(int prog_fd, const char *path,
				const char *pattern,
				const struct rawbpf_attach_uprobe_multi_opts *uopts,
				struct rawbpf_attachment **out)
{
	struct rawbpf_attach_uprobe_multi_opts o;
	char full[PATH_MAX_LEN];
	struct mapped m;
	const char **names = NULL;
	uint32_t cnt = 0, cap = 0;
	int err = rb_opts_copy(&o, sizeof(o), uopts);

	if (err)
		return err;
	/* per-probe arrays make no sense for an unknown number of matches */
	if (!out || !pattern || !*pattern || o.offsets || o.cookies ||
	    (o.session && o.retprobe) ||
	    o.ref_ctr_offsets)
		return -EINVAL;
	err = probe_pid(o.pid, &o.pid);
	if (!err)
		err = resolve_path(path, o.pid, full, sizeof(full), o.alloc);
	if (!err)
		err = map_file(full, &m);
	if (err)
		return err;
	err = glob_funcs(&m, pattern, o.alloc, &names, &cnt, &cap);
	if (!err && !cnt)
		err = rb_attach_fail(-ENOENT, "uprobe.multi: no function in %s matches '%s'",
				     full, pattern);
	if (!err)
		err = multi_link(prog_fd, full, &m, names, cnt, &o, out);
	rb_free(o.alloc, names);
	unmap_file(&m);
	return err;
}
