// SPDX-License-Identifier: BSD-2-Clause
/* usdt.c - attach a <bpf/usdt.bpf.h> program to a USDT probe
 * (rawbpf/attach_usdt.h): read the binary, find the probe's sites in its
 * notes, write one spec per distinct argument string into
 * __bpf_usdt_specs, then one uprobe_multi link, or one uprobe per site. */
#include <elf.h>
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "rawbpf/attach_usdt.h"
#include "rawbpf/attach_trace.h"
#include "rawbpf/sys.h"
#include "core/errname.h"
#include "attach/attachment.h"
#include "attach/usdt_args.h"
#include "core/mem.h"
#include "core/slurp.h"
#include "elf/usdt_note.h"
#include "object/object.h"

#define PATH_LEN 512

#if defined(__x86_64__)
#define HOST_MACHINE EM_X86_64
#elif defined(__i386__)
#define HOST_MACHINE EM_386
#elif defined(__aarch64__)
#define HOST_MACHINE EM_AARCH64
#elif defined(__arm__)
#define HOST_MACHINE EM_ARM
#elif defined(__s390x__)
#define HOST_MACHINE EM_S390
#elif defined(__riscv) && __riscv_xlen == 64
#define HOST_MACHINE EM_RISCV
#elif defined(__powerpc64__)
#define HOST_MACHINE EM_PPC64
#else
#define HOST_MACHINE 0
#endif

struct site {
	uint64_t off, sema_off, ip;
	const char *args;
	uint32_t spec;		/* spec id */
};

struct sites {
	const char *provider, *name;
	struct site *v;
	uint32_t n, cap;
	const struct rawbpf_allocator *a;
};

static int collect(void *ctx, const struct rb_usdt_note *n)
{
	struct sites *s = ctx;

	if (strcmp(n->provider, s->provider) || strcmp(n->name, s->name))
		return 0;
	if (s->n == s->cap) {
		uint32_t cap = s->cap ? s->cap * 2 : 8;
		struct site *v = rb_resize(s->a, s->v,
					   sizeof(*v) * cap);

		if (!v)
			return -ENOMEM;
		s->v = v;
		s->cap = cap;
	}
	s->v[s->n++] = (struct site){ .off = n->ip_off, .sema_off = n->sema_off,
				      .ip = n->ip, .args = n->args };
	return 0;
}

/* Parse each distinct argument string once and store its spec. */
static int write_specs(struct rawbpf_object *obj, struct sites *s,
		       uint16_t machine, bool fixed_ip, uint64_t cookie)
{
	const struct rawbpf_map *specs = rawbpf_object_find_map(obj, "__bpf_usdt_specs");
	const struct rawbpf_map *ips = rawbpf_object_find_map(obj, "__bpf_usdt_ip_to_spec_id");
	uint32_t i, j, max = rawbpf_map_max_entries(specs);
	char why[160];
	int err;

	for (i = 0; i < s->n; i++) {
		struct rb_usdt_spec spec;
		uint32_t id;

		for (j = 0; j < i && strcmp(s->v[j].args, s->v[i].args); j++)
			;
		if (j < i) {
			s->v[i].spec = s->v[j].spec;
		} else {
			memset(&spec, 0, sizeof(spec));
			err = rb_usdt_parse_args(machine, s->v[i].args, &spec, why,
						 sizeof(why));
			if (err)
				return rb_obj_err(obj, err, "USDT %s:%s: %s",
						  s->provider, s->name, why);
			spec.cookie = cookie;
			if (obj->usdt_next_spec >= max)
				return rb_obj_err(obj, -ENOSPC,
						  "USDT %s:%s: all %u ids of __bpf_usdt_specs are used (define BPF_USDT_MAX_SPEC_CNT larger)",
						  s->provider, s->name, max);
			id = obj->usdt_next_spec++;
			err = rawbpf_sys_map_update_elem(rawbpf_map_fd(specs), &id,
							 &spec, 0);
			if (err)
				return err;
			s->v[i].spec = id;
		}
		/* without cookies the program finds its spec by address, which
		 * is known here only for a fixed-address executable */
		if (fixed_ip && ips && rawbpf_map_fd(ips) >= 0) {
			long ip = (long)s->v[i].ip;

			err = rawbpf_sys_map_update_elem(rawbpf_map_fd(ips), &ip,
							 &s->v[i].spec, 0);
			if (err)
				return err;
		}
	}
	return 0;
}

struct group {			/* the per-site handles of one USDT attach */
	struct rawbpf_attachment **v;
	uint32_t n, cap;
};

static int group_detach(struct rawbpf_attachment *at)
{
	struct group *g = at->priv;
	uint32_t i;
	int err = 0, e;

	for (i = 0; i < g->n; i++) {
		e = rawbpf_attachment_detach(g->v[i]);
		if (e && !err)
			err = e;
	}
	return err;
}

static void group_release(struct rawbpf_attachment *at)
{
	struct group *g = at->priv;
	uint32_t i;

	if (!g)
		return;
	for (i = 0; i < g->n; i++)
		rawbpf_attachment_destroy(g->v[i]);
	rb_free(at->alloc, g->v);
	rb_free(at->alloc, g);
	at->priv = NULL;
}

static const struct rb_attach_ops group_ops = {
	.detach = group_detach,
	.release = group_release,
};

/* One uprobe per site, under one handle. */
static int attach_each(int prog_fd, const char *path, int pid,
		       const struct sites *s, const struct rawbpf_allocator *a,
		       struct rawbpf_attachment **out)
{
	struct rawbpf_attachment *at;
	struct group *g;
	uint32_t i;
	int err = 0;

	at = rb_attachment_new(RAWBPF_ATTACH_KIND_PERF_EVENT, &group_ops, a);
	g = rb_alloc(a, sizeof(*g));
	if (!at || !g) {
		rb_free(a, g);
		rawbpf_attachment_destroy(at);
		return -ENOMEM;
	}
	at->priv = g;
	g->v = rb_alloc_array(a, s->n, sizeof(*g->v));
	if (!g->v) {
		rawbpf_attachment_destroy(at);
		return -ENOMEM;
	}
	g->cap = s->n;
	for (i = 0; i < s->n && !err; i++) {
		RAWBPF_OPTS(rawbpf_attach_uprobe_opts, uo, .pid = pid,
			    .cookie = s->v[i].spec,
			    .ref_ctr_offset = s->v[i].sema_off, .alloc = a);

		err = rawbpf_attach_uprobe(prog_fd, path, NULL, s->v[i].off, &uo,
					   &g->v[i]);
		if (!err) {
			g->n++;
			at->kind = rawbpf_attachment_kind(g->v[i]);
		}
	}
	if (err) {
		rawbpf_attachment_destroy(at);	/* and the sites attached */
		return err;
	}
	*out = at;
	return 0;
}

/* All sites in one uprobe_multi link (6.6). */
static int attach_multi(int prog_fd, const char *path, int pid,
			const struct sites *s, const struct rawbpf_allocator *a,
			struct rawbpf_attachment **out)
{
	uint64_t *offs, *cookies, *refs;
	uint32_t i;
	int err;

	offs = rb_alloc_array(a, 3 * (size_t)s->n, sizeof(*offs));
	if (!offs)
		return -ENOMEM;
	cookies = offs + s->n;
	refs = cookies + s->n;
	for (i = 0; i < s->n; i++) {
		offs[i] = s->v[i].off;
		cookies[i] = s->v[i].spec;
		refs[i] = s->v[i].sema_off;
	}
	{
		RAWBPF_OPTS(rawbpf_attach_uprobe_multi_opts, mo, .pid = pid,
			    .offsets = offs, .cookies = cookies,
			    .ref_ctr_offsets = refs, .alloc = a);

		err = rawbpf_attach_uprobe_multi(prog_fd, path, NULL, s->n, &mo, out);
	}
	rb_free(a, offs);
	return err;
}

/* The sites of @provider:@name in the ELF file at @path, specs written. */
static int find_sites(struct rawbpf_object *obj, const char *path,
		      struct sites *s, uint64_t cookie)
{
	const struct rawbpf_allocator *a = s->a;
	struct rb_elf e;
	const char *why = "";
	char *buf;
	size_t len, cap;
	int err;

	err = rb_slurp_path(a, path, 64 * 1024, &buf, &len, &cap);
	if (err)
		return rb_obj_err(obj, err, "USDT: reading %s failed: %s", path,
				  RB_ERRSTR(err));
	/* a 32-bit host's binaries are ELF32 */
	err = rb_elf_open_class(&e, buf, len, a, true);
	if (err) {
		rb_free(a, buf);
		return rb_obj_err(obj, err, "USDT: %s: %s", path, e.err ? e.err : "not an ELF file");
	}
	if (e.machine != HOST_MACHINE) {
		err = rb_obj_err(obj, -ENOEXEC,
				 "USDT: %s is for ELF machine %u, this host is %u",
				 path, e.machine, HOST_MACHINE);
		goto out;
	}
	err = rb_usdt_notes(&e, collect, s, &why);
	if (err == -EBADMSG)
		err = rb_obj_err(obj, err, "USDT: %s: %s", path, why);
	else if (!err && !s->n)
		err = rb_obj_err(obj, -ENOENT, "USDT: %s has no probe %s:%s",
				 path, s->provider, s->name);
	if (!err)
		err = write_specs(obj, s, e.machine, e.type == ET_EXEC, cookie);
out:
	rb_elf_close(&e);
	rb_free(a, buf);
	return err;
}

int rawbpf_attach_usdt(const struct rawbpf_program *prog, int pid,
		       const char *binary, const char *provider, const char *name,
		       const struct rawbpf_attach_usdt_opts *uopts,
		       struct rawbpf_attachment **out)
{
	struct rawbpf_attach_usdt_opts o;
	struct sites s = { .provider = provider, .name = name };
	struct rawbpf_object *obj;
	const struct rawbpf_map *specs;
	char path[PATH_LEN];
	int err, fd;

	err = rb_opts_copy(&o, sizeof(o), uopts);
	if (err)
		return err;
	if (!prog || !binary || !*binary || !provider || !name || !out ||
	    pid < -1)
		return -EINVAL;
	/* as for uprobes (libbpf's convention): 0 this process, -1 all */
	if (pid == 0)
		pid = (int)getpid();
	obj = prog->obj;
	s.a = o.alloc ? o.alloc : obj->alloc;
	fd = rawbpf_program_fd(prog);
	if (fd < 0)
		return rb_obj_err(obj, fd, "USDT: program %s is not loaded", prog->name);
	specs = rawbpf_object_find_map(obj, "__bpf_usdt_specs");
	if (!specs || rawbpf_map_fd(specs) < 0 ||
	    rawbpf_map_value_size(specs) != sizeof(struct rb_usdt_spec))
		return rb_obj_err(obj, -EINVAL,
				  "USDT: program %s: the object has no __bpf_usdt_specs map of usdt.bpf.h's layout (include <bpf/usdt.bpf.h>)",
				  prog->name);
	if (strchr(binary, '/')) {
		if (strlen(binary) >= sizeof(path))
			return -ENAMETOOLONG;
		strcpy(path, binary);
	} else {
		err = rawbpf_uprobe_find_library(pid, binary, path, sizeof(path));
		if (err)
			return rb_obj_err(obj, err, "USDT: no library %s mapped in process %d",
					  binary, pid);
	}
	err = find_sites(obj, path, &s, o.cookie);
	if (!err) {
		err = attach_multi(fd, path, pid, &s, s.a, out);
		/* a kernel before 6.6: one uprobe per site */
		if (err == -EINVAL || err == -EOPNOTSUPP || err == -ENOSYS)
			err = attach_each(fd, path, pid, &s, s.a, out);
		if (err)
			rb_obj_err(obj, err, "USDT %s:%s in %s: attach failed: %s",
				   provider, name, path, RB_ERRSTR(err));
	}
	rb_free(s.a, s.v);
	return err;
}

int rawbpf_attach_usdt_spec(const struct rawbpf_program *prog, int pid,
			    const char *spec,
			    const struct rawbpf_attach_usdt_opts *opts,
			    struct rawbpf_attachment **out)
{
	char buf[PATH_LEN];
	char *name, *provider;

	if (!spec || strlen(spec) >= sizeof(buf))
		return -EINVAL;
	strcpy(buf, spec);
	name = strrchr(buf, ':');
	if (!name)
		return -EINVAL;
	*name++ = '\0';
	provider = strrchr(buf, ':');
	if (!provider || provider == buf || !*name || !provider[1])
		return -EINVAL;
	*provider++ = '\0';
	return rawbpf_attach_usdt(prog, pid, buf, provider, name, opts, out);
}
