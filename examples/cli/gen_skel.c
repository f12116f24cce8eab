// SPDX-License-Identifier: BSD-2-Clause
/* gen_skel.c - `rawbpf gen skeleton OBJ [--name N] [-o FILE]`: a header in
 * the shape of bpftool's skeletons (struct N with maps/progs/links and
 * typed global data, N__open/__load/__attach/__detach/__destroy) over the
 * rawbpf object API, with the object embedded as bytes. The variable types
 * come from the object's BTF (btf_c.c); offsets from rawbpf's global
 * variable lookup, checked by _Static_assert in the header. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "btf_c.h"
#include "btf/btf.h"
#include "elf/elf.h"
#include "rawbpf/object.h"

#define MAP_STRUCT_OPS 26	/* BPF_MAP_TYPE_STRUCT_OPS (5.6) */

/* One global data section and its variables, by offset. */
struct data_sec {
	const char *name;		/* ".rodata", ".data.custom", ... */
	char ident[128];		/* "rodata", "data_custom" */
	uint32_t size;
	struct rawbpf_global_info *vars;
	uint32_t nvars;
};

struct gen {
	const char *path;
	char name[128];
	uint8_t *elf;
	size_t elf_size;
	struct rawbpf_object *obj;
	struct rb_elf e;
	struct rb_btf *btf;
	struct btf_c c;
	struct data_sec *secs;
	uint32_t nsecs;
	int nst_ops;		/* struct_ops maps with a shadow type */
	FILE *out;
};

/* @s as a C identifier: every other character made '_'. */
static void ident(char *dst, size_t size, const char *s)
{
	size_t i;

	for (i = 0; s[i] && i + 1 < size; i++)
		dst[i] = isalnum((unsigned char)s[i]) ? s[i] : '_';
	dst[i] = '\0';
}

/* bpftool's default: the file name without .o, dots made underscores. */
static void default_name(char *dst, size_t size, const char *path)
{
	const char *base = strrchr(path, '/');
	char tmp[128];
	size_t n;

	base = base ? base + 1 : path;
	snprintf(tmp, sizeof(tmp), "%s", base);
	n = strlen(tmp);
	if (n > 2 && !strcmp(tmp + n - 2, ".o"))
		tmp[n - 2] = '\0';
	ident(dst, size, tmp);
}

static bool is_data_sec(const char *name)
{
	return !strncmp(name, ".data", 5) || !strncmp(name, ".rodata", 7) ||
	       !strcmp(name, ".bss");
}

static int read_file(struct gen *g)
{
	FILE *f = fopen(g->path, "rb");
	long n;

	if (!f)
		return -errno;
	if (fseek(f, 0, SEEK_END) || (n = ftell(f)) <= 0 || fseek(f, 0, SEEK_SET)) {
		fclose(f);
		return -ENOEXEC;
	}
	g->elf = malloc((size_t)n);
	if (!g->elf) {
		fclose(f);
		return -ENOMEM;
	}
	g->elf_size = fread(g->elf, 1, (size_t)n, f);
	fclose(f);
	return g->elf_size == (size_t)n ? 0 : -EIO;
}

static int by_offset(const void *a, const void *b)
{
	const struct rawbpf_global_info *x = a, *y = b;

	return x->offset < y->offset ? -1 : x->offset > y->offset;
}

/* The data sections (maps) and their non-static variables. */
static int collect(struct gen *g)
{
	struct rawbpf_global_info gi;
	struct rawbpf_map *m;
	uint32_t it = 0, i;

	for (m = rawbpf_object_next_map(g->obj, NULL); m;
	     m = rawbpf_object_next_map(g->obj, m)) {
		struct data_sec *s;

		if (!is_data_sec(rawbpf_map_name(m)))
			continue;
		s = realloc(g->secs, (g->nsecs + 1) * sizeof(*s));
		if (!s)
			return -ENOMEM;
		g->secs = s;
		s = &g->secs[g->nsecs++];
		memset(s, 0, sizeof(*s));
		s->name = rawbpf_map_name(m);
		s->size = rawbpf_map_value_size(m);
		ident(s->ident, sizeof(s->ident), s->name + 1);
	}
	while (!rawbpf_object_next_global(g->obj, &it, &gi)) {
		struct rawbpf_global_info *v;

		if (gi.local)	/* statics get no field, as in bpftool */
			continue;
		for (i = 0; i < g->nsecs; i++)
			if (!strcmp(g->secs[i].name, gi.section))
				break;
		if (i == g->nsecs)
			continue;
		v = realloc(g->secs[i].vars, (g->secs[i].nvars + 1) * sizeof(*v));
		if (!v)
			return -ENOMEM;
		g->secs[i].vars = v;
		v[g->secs[i].nvars++] = gi;
	}
	for (i = 0; i < g->nsecs; i++)
		if (g->secs[i].nvars)
			qsort(g->secs[i].vars, g->secs[i].nvars, sizeof(gi), by_offset);
	return 0;
}

/* struct N__<sec> with padding up to each variable, into @body. */
static int emit_sec_struct(struct gen *g, const struct data_sec *s,
			   struct cbuf *body)
{
	uint32_t i, at = 0;
	int err;

	cbuf_printf(body, "struct %s__%s {\n", g->name, s->ident);
	for (i = 0; i < s->nvars; i++) {
		const struct rawbpf_global_info *v = &s->vars[i];

		if (v->offset < at)
			continue;	/* overlapping symbol: keep the first */
		if (v->offset > at)
			cbuf_printf(body, "\tchar __pad%u[%u];\n", i, v->offset - at);
		cbuf_printf(body, "\t");
		if (g->btf && v->btf_type_id) {
			err = btf_c_decl(&g->c, v->btf_type_id, v->name, true, body);
			if (err) {
				fprintf(stderr, "rawbpf: gen skeleton: variable %s: no C type for its BTF type %u: %s\n",
					v->name, v->btf_type_id, strerror(-err));
				return err;
			}
		} else {
			cbuf_printf(body, "unsigned char %s[%u]", v->name, v->size);
		}
		cbuf_printf(body, ";\n");
		at = v->offset + v->size;
	}
	cbuf_printf(body, "};\n");
	for (i = 0; i < s->nvars; i++) {
		const struct rawbpf_global_info *v = &s->vars[i];

		cbuf_printf(body,
			    "_Static_assert(offsetof(struct %s__%s, %s) == %u && sizeof(((struct %s__%s *)0)->%s) == %u,\n"
			    "\t       \"%s: the C layout of %s differs from %s+%u (%u bytes)\");\n",
			    g->name, s->ident, v->name, v->offset, g->name,
			    s->ident, v->name, v->size, g->name, v->name,
			    s->name, v->offset, v->size);
	}
	cbuf_printf(body, "\n");
	return body->failed ? -ENOMEM : 0;
}

/* The struct of struct_ops map @name: the type of its variable in
 * .struct_ops or .struct_ops.link; 0 when the BTF has none. */
static uint32_t st_ops_type(const struct gen *g, const char *name)
{
	static const char *const secs[] = { ".struct_ops", ".struct_ops.link" };
	uint32_t i, j;

	for (i = 0; g->btf && i < 2; i++) {
		int ds = rb_btf_find(g->btf, secs[i], RB_BTF_KIND_DATASEC);
		const struct rb_btf_var_secinfo *si;
		const struct rb_btf_type *t;

		if (ds <= 0)
			continue;
		t = rb_btf_type_by_id(g->btf, (uint32_t)ds);
		si = rb_btf_secinfos(t);
		for (j = 0; j < rb_btf_vlen(t); j++) {
			const struct rb_btf_type *v = rb_btf_type_by_id(g->btf, si[j].type);
			int r;

			if (!v || strcmp(rb_btf_str(g->btf, v->name_off), name))
				continue;
			r = rb_btf_resolve(g->btf, v->type);
			return r > 0 ? (uint32_t)r : 0;
		}
	}
	return 0;
}

/* Whether member @i of struct @t is a function pointer. */
static bool func_member(const struct gen *g, const struct rb_btf_type *t, uint32_t i)
{
	int r = rb_btf_resolve(g->btf, rb_btf_members(t)[i].type);
	const struct rb_btf_type *mt = r > 0 ? rb_btf_type_by_id(g->btf, (uint32_t)r) : NULL;

	if (!mt || rb_btf_kind(mt) != RB_BTF_KIND_PTR)
		return false;
	r = rb_btf_resolve(g->btf, mt->type);
	return r > 0 && rb_btf_kind(rb_btf_type_by_id(g->btf, (uint32_t)r)) ==
		RB_BTF_KIND_FUNC_PROTO;
}

/* struct N__st_<map>: libbpf's struct_ops shadow type. The map's struct in
 * the object's layout, each function pointer member a program (its 8-byte
 * slot), the others typed; padding keeps every member at its BTF offset. */
static int emit_st_ops_struct(struct gen *g, const char *id, uint32_t tid,
			      struct cbuf *body)
{
	const struct rb_btf_type *t = rb_btf_type_by_id(g->btf, tid);
	const struct rb_btf_member *mem = rb_btf_members(t);
	uint32_t i, at = 0;
	int err;

	cbuf_printf(body, "struct %s__st_%s {\n", g->name, id);
	for (i = 0; i < rb_btf_vlen(t); i++) {
		uint32_t off = rb_btf_member_bit_offset(t, i) / 8;
		const char *mn = rb_btf_str(g->btf, mem[i].name_off);

		if (!mn || !mn[0] || rb_btf_member_bitfield_size(t, i) || off < at)
			continue;	/* not addressable from C: padding covers it */
		if (off > at)
			cbuf_printf(body, "\tchar __pad%u[%u];\n", i, off - at);
		if (func_member(g, t, i)) {
			cbuf_printf(body, "\tunion {\n\t\tstruct rawbpf_program *%s;\n"
				    "\t\tunsigned long long __slot_%s;\n\t};\n", mn, mn);
			at = off + 8;
			continue;
		}
		cbuf_printf(body, "\t");
		err = btf_c_decl(&g->c, mem[i].type, mn, true, body);
		if (err) {
			fprintf(stderr, "rawbpf: gen skeleton: struct_ops %s member %s: no C type for its BTF type %u: %s\n",
				id, mn, mem[i].type, strerror(-err));
			return err;
		}
		cbuf_printf(body, ";\n");
		at = off + (uint32_t)rb_btf_size(g->btf, mem[i].type);
	}
	if (t->size > at)
		cbuf_printf(body, "\tchar __pad_end[%u];\n", t->size - at);
	cbuf_printf(body, "};\n_Static_assert(sizeof(struct %s__st_%s) == %u,\n"
		    "\t       \"%s: the C layout of struct_ops %s differs from its %u bytes\");\n",
		    g->name, id, t->size, g->name, id, t->size);
	for (i = 0; i < rb_btf_vlen(t); i++) {
		const char *mn = rb_btf_str(g->btf, mem[i].name_off);

		if (!mn || !mn[0] || rb_btf_member_bitfield_size(t, i))
			continue;
		cbuf_printf(body, "_Static_assert(offsetof(struct %s__st_%s, %s) == %u, \"%s: struct_ops %s.%s\");\n",
			    g->name, id, mn, rb_btf_member_bit_offset(t, i) / 8, g->name, id, mn);
	}
	cbuf_printf(body, "\n");
	return body->failed ? -ENOMEM : 0;
}

/* The struct_ops map after @m (NULL: the first) that has a shadow type,
 * its C identifier in @id; NULL after the last. */
static struct rawbpf_map *next_st_ops(const struct gen *g, struct rawbpf_map *m,
				      char *id, size_t size, uint32_t *tid)
{
	while ((m = rawbpf_object_next_map(g->obj, m))) {
		if (rawbpf_map_type(m) != MAP_STRUCT_OPS ||
		    !(*tid = st_ops_type(g, rawbpf_map_name(m))))
			continue;
		ident(id, size, rawbpf_map_name(m));
		return m;
	}
	return NULL;
}

/* The struct_ops maps with their shadow types; the count. */
static int emit_st_ops_structs(struct gen *g, struct cbuf *body)
{
	struct rawbpf_map *m;
	char id[128];
	int n = 0, err;

	uint32_t tid;

	for (m = next_st_ops(g, NULL, id, sizeof(id), &tid); m;
	     m = next_st_ops(g, m, id, sizeof(id), &tid)) {
		err = emit_st_ops_struct(g, id, tid, body);
		if (err)
			return err;
		n++;
	}
	return n;
}

static void emit_struct(struct gen *g)
{
	struct rawbpf_program *p;
	struct rawbpf_map *m;
	char id[128];
	uint32_t tid;
	uint32_t i;
	FILE *o = g->out;

	fprintf(o, "struct %s {\n\tstruct rawbpf_object *obj;\n", g->name);
	if (rawbpf_object_next_map(g->obj, NULL)) {
		fprintf(o, "\tstruct {\n");
		for (m = rawbpf_object_next_map(g->obj, NULL); m;
		     m = rawbpf_object_next_map(g->obj, m)) {
			const char *n = rawbpf_map_name(m);

			ident(id, sizeof(id), n[0] == '.' ? n + 1 : n);
			fprintf(o, "\t\tstruct rawbpf_map *%s;\n", id);
		}
		fprintf(o, "\t} maps;\n");
	}
	if (rawbpf_object_next_program(g->obj, NULL)) {
		for (i = 0; i < 2; i++) {
			fprintf(o, "\tstruct {\n");
			for (p = rawbpf_object_next_program(g->obj, NULL); p;
			     p = rawbpf_object_next_program(g->obj, p))
				fprintf(o, "\t\tstruct %s *%s;\n",
					i ? "rawbpf_attachment" : "rawbpf_program",
					rawbpf_program_name(p));
			fprintf(o, "\t} %s;\n", i ? "links" : "progs");
		}
	}
	for (i = 0; i < g->nsecs; i++)
		if (g->secs[i].nvars)
			fprintf(o, "\tstruct %s__%s *%s;\n", g->name,
				g->secs[i].ident, g->secs[i].ident);
	if (g->nst_ops) {	/* libbpf's skel->struct_ops.<map> */
		fprintf(o, "\tstruct {\n");
		for (m = next_st_ops(g, NULL, id, sizeof(id), &tid); m;
		     m = next_st_ops(g, m, id, sizeof(id), &tid))
			fprintf(o, "\t\tstruct %s__st_%s *%s;\n", g->name, id, id);
		fprintf(o, "\t} struct_ops;\n");
	}
	fprintf(o, "};\n\n");
}

static void emit_bytes(struct gen *g)
{
	size_t i;

	fprintf(g->out,
		"/* %s__elf_bytes - the object the skeleton was made from. */\n"
		"static inline const void *%s__elf_bytes(size_t *size)\n{\n"
		"\tstatic _Alignas(8) const unsigned char data[] = {",
		g->name, g->name);
	for (i = 0; i < g->elf_size; i++)
		fprintf(g->out, "%s0x%02x,", i % 16 ? " " : "\n\t\t", g->elf[i]);
	fprintf(g->out, "\n\t};\n\n\t*size = sizeof(data);\n\treturn data;\n}\n\n");
}

/* N__open_opts and the data pointers (before and after load). */
static void emit_open(struct gen *g)
{
	struct rawbpf_program *p;
	struct rawbpf_map *m;
	const char *n = g->name;
	char id[128];
	uint32_t tid;
	uint32_t i;
	FILE *o = g->out;

	fprintf(o,
		"/* %s__destroy - detach, close the object, free the skeleton. */\n"
		"static inline void %s__destroy(struct %s *skel)\n{\n"
		"\tif (!skel)\n\t\treturn;\n"
		"\trawbpf_object_close(skel->obj);\n\tfree(skel);\n}\n\n",
		n, n, n);
	fprintf(o,
		"/* %s__point_data - the typed global data: the object's copy before\n"
		" * load, the mmaped maps after (NULL when not mmaped). */\n"
		"static inline int %s__point_data(struct %s *skel, int loaded)\n{\n",
		n, n, n);
	for (i = 0; i < g->nsecs; i++) {
		if (!g->secs[i].nvars)
			continue;
		fprintf(o, "\tskel->%s = (struct %s__%s *)rawbpf_object_global_data(skel->obj, \"%s\", NULL);\n",
			g->secs[i].ident, n, g->secs[i].ident, g->secs[i].name);
		fprintf(o, "\tif (!skel->%s && !loaded)\n\t\treturn -ENOMEM;\n",
			g->secs[i].ident);
	}
	fprintf(o, "\t(void)skel;\n\t(void)loaded;\n\treturn 0;\n}\n\n");

	fprintf(o,
		"/* %s__open_opts - open the embedded object with @opts (NULL: defaults;\n"
		" * the object name defaults to \"%s\"). NULL with errno set on failure. */\n"
		"static inline struct %s *\n%s__open_opts(const struct rawbpf_object_open_opts *opts)\n{\n"
		"\tstruct rawbpf_object_open_opts o;\n\tstruct %s *skel;\n"
		"\tconst void *elf;\n\tsize_t size;\n\tint err;\n\n"
		"\tmemset(&o, 0, sizeof(o));\n"
		"\tif (opts)\n\t\tmemcpy(&o, opts, opts->size && opts->size < sizeof(o) ? opts->size : sizeof(o));\n"
		"\to.size = sizeof(o);\n\tif (!o.name)\n\t\to.name = \"%s\";\n"
		"\tskel = (struct %s *)calloc(1, sizeof(*skel));\n"
		"\tif (!skel) {\n\t\terrno = ENOMEM;\n\t\treturn NULL;\n\t}\n"
		"\telf = %s__elf_bytes(&size);\n"
		"\terr = rawbpf_object_open_mem(elf, size, &o, &skel->obj);\n"
		"\tif (err)\n\t\tgoto fail;\n\terr = -ENOENT;\n",
		n, n, n, n, n, n, n, n);
	for (m = rawbpf_object_next_map(g->obj, NULL); m;
	     m = rawbpf_object_next_map(g->obj, m)) {
		const char *mn = rawbpf_map_name(m);

		ident(id, sizeof(id), mn[0] == '.' ? mn + 1 : mn);
		fprintf(o, "\tif (!(skel->maps.%s = rawbpf_object_find_map(skel->obj, \"%s\")))\n\t\tgoto fail;\n",
			id, mn);
	}
	for (p = rawbpf_object_next_program(g->obj, NULL); p;
	     p = rawbpf_object_next_program(g->obj, p))
		fprintf(o, "\tif (!(skel->progs.%s = rawbpf_object_find_program(skel->obj, \"%s\")))\n\t\tgoto fail;\n",
			rawbpf_program_name(p), rawbpf_program_name(p));
	for (m = next_st_ops(g, NULL, id, sizeof(id), &tid); m;
	     m = next_st_ops(g, m, id, sizeof(id), &tid))
		fprintf(o, "\tif (!(skel->struct_ops.%s = (struct %s__st_%s *)\n"
			   "\t      rawbpf_map_initial_value(skel->maps.%s, NULL)))\n\t\tgoto fail;\n",
			id, n, id, id);
	fprintf(o, "\terr = %s__point_data(skel, 0);\n\tif (err)\n\t\tgoto fail;\n"
		   "\treturn skel;\nfail:\n\t%s__destroy(skel);\n\terrno = -err;\n\treturn NULL;\n}\n\n",
		n, n);
}

static void emit_rest(struct gen *g)
{
	struct rawbpf_program *p;
	const char *n = g->name;
	FILE *o = g->out;

	fprintf(o,
		"/* %s__open - %s__open_opts(NULL). */\n"
		"static inline struct %s *%s__open(void)\n{\n\treturn %s__open_opts(NULL);\n}\n\n"
		"/* %s__load - load maps and programs; the data pointers move to the\n"
		" * mmaped maps (.rodata read-only). 0 or -errno (rawbpf_object_error). */\n"
		"static inline int %s__load(struct %s *skel)\n{\n"
		"\tint err = rawbpf_object_load(skel->obj);\n\n"
		"\tif (!err)\n\t\t(void)%s__point_data(skel, 1);\n\treturn err;\n}\n\n"
		"/* %s__open_and_load - both; NULL with errno set on failure. */\n"
		"static inline struct %s *%s__open_and_load(void)\n{\n"
		"\tstruct %s *skel = %s__open();\n\tint err;\n\n"
		"\tif (!skel)\n\t\treturn NULL;\n\terr = %s__load(skel);\n"
		"\tif (err) {\n\t\t%s__destroy(skel);\n\t\terrno = -err;\n\t\treturn NULL;\n\t}\n"
		"\treturn skel;\n}\n\n",
		n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n);
	fprintf(o,
		"/* %s__attach - attach every program whose section names its target\n"
		" * (rawbpf_object_attach); links.<prog> are the attachments, NULL for\n"
		" * skipped programs. 0 or -errno; on failure nothing stays attached. */\n"
		"static inline int %s__attach(struct %s *skel)\n{\n"
		"\tint err = rawbpf_object_attach(skel->obj);\n\n",
		n, n, n);
	for (p = rawbpf_object_next_program(g->obj, NULL); p;
	     p = rawbpf_object_next_program(g->obj, p))
		fprintf(o, "\tskel->links.%s = rawbpf_program_attachment(skel->progs.%s);\n",
			rawbpf_program_name(p), rawbpf_program_name(p));
	fprintf(o, "\treturn err;\n}\n\n"
		   "/* %s__detach - destroy the attachments %s__attach made. */\n"
		   "static inline void %s__detach(struct %s *skel)\n{\n"
		   "\trawbpf_object_detach(skel->obj);\n",
		n, n, n, n);
	for (p = rawbpf_object_next_program(g->obj, NULL); p;
	     p = rawbpf_object_next_program(g->obj, p))
		fprintf(o, "\tskel->links.%s = NULL;\n", rawbpf_program_name(p));
	fprintf(o, "}\n\n");
}

static int generate(struct gen *g)
{
	struct cbuf secs = { 0 };
	char guard[160];
	uint32_t i;
	int err = 0;

	for (i = 0; i < g->nsecs && !err; i++)
		if (g->secs[i].nvars)
			err = emit_sec_struct(g, &g->secs[i], &secs);
	if (!err) {
		g->nst_ops = emit_st_ops_structs(g, &secs);
		err = g->nst_ops < 0 ? g->nst_ops : 0;
	}
	if (!err && (g->c.defs.failed || secs.failed))
		err = -ENOMEM;
	if (err) {
		cbuf_free(&secs);
		return err;
	}
	for (i = 0; g->name[i] && i + 1 < sizeof(guard); i++)
		guard[i] = (char)toupper((unsigned char)g->name[i]);
	guard[i] = '\0';
	fprintf(g->out,
		"/* %s.skel.h - generated by `rawbpf gen skeleton` from %s; do not edit.\n"
		" * The functions returning a pointer set errno on failure, as libbpf's\n"
		" * skeletons do. */\n"
		"#ifndef %s_SKEL_H\n#define %s_SKEL_H\n\n"
		"#include <errno.h>\n#include <stddef.h>\n#include <stdlib.h>\n#include <string.h>\n\n"
		"#include <rawbpf/object.h>\n#include <rawbpf/attach.h>\n#include <rawbpf/attach_auto.h>\n\n",
		g->name, g->path, guard, guard);
	fputs(g->c.defs.p ? g->c.defs.p : "", g->out);
	fputs(secs.p ? secs.p : "", g->out);
	cbuf_free(&secs);
	emit_struct(g);
	emit_bytes(g);
	emit_open(g);
	emit_rest(g);
	fprintf(g->out, "#endif\n");
	return ferror(g->out) ? -EIO : 0;
}

static int open_btf(struct gen *g)
{
	const struct rb_elf_shdr *sh;
	int idx, err;

	err = rb_elf_open(&g->e, g->elf, g->elf_size, NULL);
	if (err)
		return err;
	idx = rb_elf_section_by_name(&g->e, ".BTF");
	if (idx < 0)
		return 0;	/* no BTF: variables become byte arrays */
	sh = rb_elf_section(&g->e, (uint32_t)idx);
	if (!sh || !sh->data)
		return 0;
	err = rb_btf_parse(sh->data, sh->size, 0, NULL, &g->btf, NULL);
	if (err)
		return err;
	return btf_c_init(&g->c, g->btf);
}

static void gen_free(struct gen *g)
{
	uint32_t i;

	for (i = 0; i < g->nsecs; i++)
		free(g->secs[i].vars);
	free(g->secs);
	btf_c_free(&g->c);
	rb_btf_free(g->btf);
	rb_elf_close(&g->e);
	rawbpf_object_close(g->obj);
	free(g->elf);
}

/* gen skeleton OBJ [--name N] [-o FILE] */
int cli_gen(int argc, char **argv)
{
	struct gen g;
	const char *out_path = NULL, *name = NULL;
	int i, err;

	memset(&g, 0, sizeof(g));
	if (argc < 3 || strcmp(argv[1], "skeleton"))
		return cli_usage();
	g.path = argv[2];
	for (i = 3; i < argc; i++) {
		if (!strcmp(argv[i], "--name") && i + 1 < argc)
			name = argv[++i];
		else if (!strcmp(argv[i], "-o") && i + 1 < argc)
			out_path = argv[++i];
		else
			return cli_usage();
	}
	if (name)
		ident(g.name, sizeof(g.name), name);
	else
		default_name(g.name, sizeof(g.name), g.path);
	err = read_file(&g);
	if (!err)
		err = rawbpf_object_open_mem(g.elf, g.elf_size, NULL, &g.obj);
	if (!err)
		err = open_btf(&g);
	if (!err)
		err = collect(&g);
	if (err) {
		fprintf(stderr, "rawbpf: gen skeleton %s: %s\n", g.path, strerror(-err));
		gen_free(&g);
		return 1;
	}
	g.out = out_path ? fopen(out_path, "w") : stdout;
	if (!g.out) {
		fprintf(stderr, "rawbpf: gen skeleton: %s: %s\n", out_path, strerror(errno));
		gen_free(&g);
		return 1;
	}
	err = generate(&g);
	if (out_path && fclose(g.out) && !err)
		err = -EIO;
	if (err) {
		fprintf(stderr, "rawbpf: gen skeleton %s: %s\n", g.path, strerror(-err));
		if (out_path)
			remove(out_path);
	}
	gen_free(&g);
	return err ? 1 : 0;
}
