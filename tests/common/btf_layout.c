// SPDX-License-Identifier: BSD-2-Clause
/* btf_layout.c - layout checks for dumped C headers; see btf_layout.h. */
#include <errno.h>
#include <stdbool.h>
#include <string.h>
#include <sys/wait.h>

#include "btf_layout.h"
#include "btf/btf.h"
#include "rawbpf/btf.h"

void rb_layout_prologue(FILE *f, const char *header)
{
	fprintf(f, "#include \"%s\"\n"
		"#define RB_OFF(T, m) __builtin_offsetof(T, m)\n"
		"#ifndef RB_NO_RUN\n"
		"static int rb_bf(const void *p, unsigned n, unsigned off, unsigned bits)\n"
		"{\n"
		"\tconst unsigned char *b = p; unsigned i, first = ~0u, cnt = 0;\n"
		"\tfor (i = 0; i < n * 8; i++)\n"
		"\t\tif (b[i / 8] >> (i %% 8) & 1) { if (first == ~0u) first = i; cnt++; }\n"
		"\treturn first == off && cnt == bits ? 0 : 1;\n"
		"}\n"
		"#define RB_BF(T, m, off, bits) do { union { T s; unsigned char b[sizeof(T)]; } u; \\\n"
		"\t__builtin_memset(&u, 0, sizeof(u)); u.s.m = rb_ones; \\\n"
		"\tif (rb_bf(u.b, sizeof(T), off, bits)) { bad++; \\\n"
		"\t\t__builtin_printf(\"%%s.%%s not at bit %%u width %%u\\n\", #T, #m, off, bits); } \\\n"
		"} while (0)\n"
		"static volatile long long rb_ones = -1;\n"
		"#define RB_BEGIN int rb_layout_bitfields(void) { int bad = 0;\n"
		"#define RB_END return bad; }\n"
		"#else\n"
		"#define RB_BF(T, m, off, bits)\n"
		"#define RB_BEGIN\n"
		"#define RB_END\n"
		"#endif\n"
		"RB_BEGIN\n", header);
}

void rb_layout_epilogue(FILE *f)
{
	fprintf(f, "RB_END\n");
}

/* has_const - a CONST in the modifier/typedef chain from @id. */
static bool has_const(const struct rb_btf *btf, unsigned id)
{
	const struct rb_btf_type *t;
	int n;

	for (n = 0; n < 64 && (t = rb_btf_type_by_id(btf, id)) && id; n++, id = t->type) {
		if (rb_btf_kind(t) == RB_BTF_KIND_CONST)
			return true;
		if (!rb_btf_is_modifier(t) && rb_btf_kind(t) != RB_BTF_KIND_TYPEDEF)
			return false;
	}
	return false;
}

/* walk - checks for the members of composite @id at bit @base, reached as @path. */
static int walk(FILE *f, const struct rb_btf *btf, unsigned id, const char *cname,
		const char *path, unsigned base, int depth)
{
	const struct rb_btf_type *t = rb_btf_type_by_id(btf, id);
	unsigned i;
	int n = 0;

	if (depth > 8)
		return 0;
	for (i = 0; i < rb_btf_vlen(t); i++) {
		const struct rb_btf_member *m = &rb_btf_members(t)[i];
		const char *name = rb_btf_str(btf, m->name_off);
		unsigned off = base + rb_btf_member_bit_offset(t, i);
		unsigned bf = rb_btf_member_bitfield_size(t, i);
		int r = rb_btf_resolve(btf, m->type);
		const struct rb_btf_type *mt = r > 0 ? rb_btf_type_by_id(btf, (unsigned)r) : NULL;
		char p[512];

		if (!*name) {
			if (mt && rb_btf_is_composite(mt))
				n += walk(f, btf, (unsigned)r, cname, path, off, depth + 1);
			continue;
		}
		snprintf(p, sizeof(p), "%s%s%s", path, *path ? "." : "", name);
		if (bf) {
			if (has_const(btf, m->type))
				continue;	/* cannot be assigned to find its bits */
			fprintf(f, "RB_BF(%s, %s, %u, %u);\n", cname, p, off, bf);
			n++;
			continue;
		}
		fprintf(f, "_Static_assert(RB_OFF(%s, %s) == %u, \"offset of %s.%s\");\n",
			cname, p, off / 8, cname, p);
		fprintf(f, "_Static_assert(sizeof(((%s *)0)->%s) == %lld, \"size of %s.%s\");\n",
			cname, p, (long long)rb_btf_size(btf, m->type), cname, p);
		n += 2;
		if (mt && rb_btf_is_composite(mt) && !mt->name_off)
			n += walk(f, btf, (unsigned)r, cname, p, off, depth + 1);
	}
	return n;
}

int rb_layout_checks(FILE *f, const struct rb_btf *btf, unsigned id, const char *cname)
{
	const struct rb_btf_type *t = rb_btf_type_by_id(btf, id);
	int r = rb_btf_resolve(btf, id);

	fprintf(f, "_Static_assert(sizeof(%s) == %lld, \"size of %s\");\n", cname,
		(long long)rb_btf_size(btf, id), cname);
	if (r > 0 && rb_btf_is_composite(rb_btf_type_by_id(btf, (unsigned)r)) &&
	    (rb_btf_is_composite(t) || !rb_btf_type_by_id(btf, (unsigned)r)->name_off))
		return 1 + walk(f, btf, (unsigned)r, cname, "", 0, 0);
	return 1;
}

/* name_unique - @name is @id's alone in its C namespace (struct, union and
 * enum tags share one; typedefs are in another). */
static bool name_unique(const struct rb_btf *btf, const char *name, unsigned id)
{
	static const int tags[] = { RB_BTF_KIND_STRUCT, RB_BTF_KIND_UNION,
				    RB_BTF_KIND_ENUM, RB_BTF_KIND_ENUM64 };
	unsigned k = rb_btf_kind(rb_btf_type_by_id(btf, id)), i, n = 0;
	int x;

	if (k == RB_BTF_KIND_TYPEDEF)
		return rb_btf_find(btf, name, (int)k) == (int)id &&
		       rb_btf_find_next(btf, name, (int)k, id) == -ENOENT;
	for (i = 0; i < 4; i++)
		for (x = rb_btf_find(btf, name, tags[i]); x > 0;
		     x = rb_btf_find_next(btf, name, tags[i], (uint32_t)x))
			n++;
	return n == 1;
}

int rb_layout_all(FILE *f, const struct rb_btf *btf)
{
	unsigned id, n = rb_btf_type_cnt(btf);
	int cnt = 0;
	char cname[256];

	for (id = 1; id < n; id++) {
		const struct rb_btf_type *t = rb_btf_type_by_id(btf, id);
		const char *name = rb_btf_name(btf, id);
		const char *tag;

		if (!*name)
			continue;
		switch (rb_btf_kind(t)) {
		case RB_BTF_KIND_STRUCT: tag = "struct "; break;
		case RB_BTF_KIND_UNION: tag = "union "; break;
		case RB_BTF_KIND_ENUM: case RB_BTF_KIND_ENUM64: tag = "enum "; break;
		case RB_BTF_KIND_TYPEDEF:
			if (rb_btf_size(btf, id) <= 0)
				continue;	/* function types */
			tag = "";
			break;
		default: continue;
		}
		/* a name used twice is dumped with ___N: checked elsewhere */
		if (!name_unique(btf, name, id))
			continue;
		snprintf(cname, sizeof(cname), "%s%s", tag, name);
		cnt += rb_layout_checks(f, btf, id, cname);
	}
	return cnt;
}

static int write_file(void *ctx, const char *buf, size_t len)
{
	return fwrite(buf, 1, len, ctx) == len ? 0 : -EIO;
}

int rb_dump_file(const void *blob, size_t len, const char *path, unsigned format)
{
	RAWBPF_OPTS(rawbpf_btf_dump_opts, o, .format = format);
	FILE *f = fopen(path, "w");
	int err;

	if (!f)
		return -errno;
	err = rawbpf_btf_dump(blob, len, write_file, f, &o);
	if (fclose(f) && !err)
		err = -EIO;
	return err;
}

int rb_run(const char *cmd, char *out, size_t size)
{
	size_t n = 0, r;
	FILE *f = popen(cmd, "r");
	char sink[4096];
	int st;

	if (!f)
		return -1;
	/* keep reading past a full @out so the command never blocks */
	do {
		if (out && n + 1 < size) {
			r = fread(out + n, 1, size - 1 - n, f);
			n += r;
		} else {
			r = fread(sink, 1, sizeof(sink), f);
		}
	} while (r);
	if (out && size)
		out[n] = 0;
	st = pclose(f);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}
