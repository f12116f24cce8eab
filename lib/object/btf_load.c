// SPDX-License-Identifier: BSD-2-Clause
/* btf_load.c - the object's BTF: parse .BTF/.BTF.ext at open, fix DATASEC
 * sizes and VAR offsets from the ELF, BTF_LOAD it, and give each program
 * its func_info/line_info moved to where its subprograms were appended. */
#include <elf.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "object/object.h"
#include "object/kconfig.h"
#include "btf/btf_gcc.h"
#include "sys/libc.h"

int rb_obj_open_btf(struct rawbpf_object *obj)
{
	struct rb_elf *e = &obj->elf;
	struct rb_btf_error berr = { 0 };
	const struct rb_elf_shdr *s;
	int idx, err;

	idx = (int)obj->btf_sec;
	if (!idx)
		return 0;
	s = &e->sh[idx];
	err = rb_btf_parse(s->data, s->data ? s->size : 0, RB_BTF_F_COPY,
			   obj->alloc, &obj->btf, &berr);
	if (err) {
		/* .maps cannot be read without it; other objects still load */
		obj->btf = NULL;
		if (err == -ENOMEM)
			return err;
		if (obj->maps_sec)
			return rb_obj_err(obj, err, "section .BTF: %s", berr.msg);
		rb_obj_log(obj, RAWBPF_LOG_WARN, "section .BTF ignored: %s",
			   berr.msg);
		return 0;
	}
	idx = (int)obj->btf_ext_sec;
	if (!idx || !e->sh[idx].data)
		return 0;
	s = &e->sh[idx];
	err = rb_btf_ext_parse(obj->btf, s->data, s->size, obj->alloc,
			       &obj->btf_ext, &berr);
	if (err) {
		obj->btf_ext = NULL;
		if (err == -ENOMEM)
			return err;
		rb_obj_log(obj, RAWBPF_LOG_WARN, "section .BTF.ext ignored: %s",
			   berr.msg);
	}
	return 0;
}

void rb_obj_free_btf(struct rawbpf_object *obj)
{
	rb_btf_ext_free(obj->btf_ext);
	rb_btf_free(obj->btf);
	obj->btf_ext = NULL;
	obj->btf = NULL;
}

/* DATASEC sizes are the ELF section sizes; VAR offsets the symbol values.
 * One pass over the symbols, each VAR found through the BTF name index. */
static int fixup_datasecs(struct rawbpf_object *obj)
{
	struct rb_elf *e = &obj->elf;
	struct rb_elf_sym sym;
	uint32_t i;
	int id, err;

	for (i = 1; i < e->shnum; i++) {
		if (!(e->sh[i].flags & SHF_ALLOC) || e->sh[i].size > UINT32_MAX)
			continue;
		id = rb_btf_find(obj->btf, e->sh[i].name, RB_BTF_KIND_DATASEC);
		if (id == -ENOMEM)
			return id;
		if (id <= 0)
			continue;
		err = rb_btf_datasec_set_size(obj->btf, (uint32_t)id,
					      (uint32_t)e->sh[i].size);
		if (err)
			return err;
		/* data maps take their DATASEC as value type; the arena has none */
		if (obj->sec_map[i] && obj->maps[obj->sec_map[i] - 1].kind == RB_MAP_DATA)
			obj->maps[obj->sec_map[i] - 1].btf_datasec = (uint32_t)id;
	}
	err = rb_obj_fixup_kconfig_btf(obj);
	if (err)
		return err;
	for (i = 1; i < e->symtab.count; i++) {
		int var;

		if (rb_elf_sym(e, i, &sym) || sym.type != STT_OBJECT ||
		    !sym.shndx || sym.shndx >= e->shnum || sym.value > UINT32_MAX)
			continue;
		id = rb_btf_find(obj->btf, e->sh[sym.shndx].name,
				 RB_BTF_KIND_DATASEC);
		var = id > 0 ? rb_btf_find(obj->btf, sym.name, RB_BTF_KIND_VAR) : -1;
		if (id == -ENOMEM || var == -ENOMEM)
			return -ENOMEM;
		if (var <= 0)
			continue;
		err = rb_btf_datasec_set_var_offset(obj->btf, (uint32_t)id,
						    (uint32_t)var,
						    (uint32_t)sym.value, 0);
		if (err && err != -ENOENT)
			return err;
	}
	return 0;
}

#define BTF_LOG_SIZE (64 * 1024)
#define SANITIZE_TRIES 8
#define FIX_GCC (1u << 31)	/* our own flag next to RB_BTF_SAN_* */

/* The last "[id]" in a BTF verifier log: the type the kernel refused. */
static int refused_type(const char *log)
{
	const char *p = log, *last = NULL;

	while ((p = strchr(p, '[')))
		last = p++;
	if (!last || last[1] < '0' || last[1] > '9')
		return -1;
	return (int)strtoul(last + 1, NULL, 10);
}

/* Which rewrite makes the refused type acceptable: gcc's forms first,
 * else the kind rewrite lib/btf picks from the log. 0: none left. */
static uint32_t fix_for(const struct rb_btf *btf, const char *log,
			uint32_t done)
{
	int id = refused_type(log);
	const struct rb_btf_type *t = id > 0 ? rb_btf_type_by_id(btf, (uint32_t)id) : NULL;

	if (t && !(done & FIX_GCC)) {
		unsigned int k = rb_btf_kind(t);

		if (k == RB_BTF_KIND_INT || k == RB_BTF_KIND_FWD ||
		    ((k == RB_BTF_KIND_TYPEDEF || k == RB_BTF_KIND_FUNC) &&
		     !t->name_off))
			return FIX_GCC;
	}
	return rb_btf_sanitize_guess(btf, log) & ~done;
}

/* BTF_LOAD; on a refusal, rewrite only the kind the kernel named and try
 * again. The fd, or the last -errno with the log in *@logp (allocated
 * only once the kernel refuses: the success path costs one call). */
static int load_sanitizing(struct rawbpf_object *obj, char **logp,
			   uint32_t *done)
{
	RAWBPF_OPTS(rawbpf_sys_btf_load_opts, o, .log_size = BTF_LOG_SIZE,
		    .log_level = 1, .token_fd = obj->token);
	RAWBPF_OPTS(rawbpf_sys_btf_load_opts, quiet, .token_fd = obj->token);
	char *log = NULL;
	const void *raw;
	uint32_t size, fix;
	char why[200];
	int fd = -EINVAL, tries, err;

	for (tries = 0; tries < SANITIZE_TRIES; tries++) {
		raw = rb_btf_raw(obj->btf, &size);
		fd = rawbpf_sys_btf_load(raw, size, &quiet);
		if (fd >= 0)
			return fd;
		if (!log) {
			log = rb_alloc(obj->alloc, BTF_LOG_SIZE);
			*logp = log;
			if (!log)
				return fd;
			o.log_buf = log;
		}
		/* again with a log, to learn which type it refused */
		log[0] = '\0';
		err = rawbpf_sys_btf_load(raw, size, &o);
		if (err >= 0) {
			rb_sys_close(err);
			return fd;
		}
		fix = fix_for(obj->btf, log, *done);
		if (!fix)
			return fd;
		*done |= fix;
		err = fix == FIX_GCC ? rb_btf_fix_gcc(obj->btf) :
			rb_btf_sanitize(obj->btf, fix);
		if (err == -EOPNOTSUPP)	/* lib/off/sanitize_off.c */
			rb_obj_log(obj, RAWBPF_LOG_WARN,
				   "BTF: the kernel refused a kind; this rawbpf was built with RAWBPF_WITH_SANITIZE=OFF");
		if (err <= 0)
			return fd;
		rb_obj_last_line(log, why, sizeof(why));
		rb_obj_log(obj, RAWBPF_LOG_INFO,
			   "BTF: the kernel refused a %s (%s); rewritten for it (%d types)",
			   fix == FIX_GCC ? "gcc INT/FWD/TYPEDEF/FUNC form" : "kind", why,
			   err);
	}
	return fd;
}

int rb_obj_load_btf(struct rawbpf_object *obj)
{
	uint32_t i, done = 0;
	char *log = NULL;
	int fd, err;

	obj->btf_fd = -1;
	if (!obj->btf)
		return 0;
	err = fixup_datasecs(obj);
	if (!err)
		err = rb_obj_btf_conventions(obj);
	if (err)
		return rb_obj_err(obj, err, "section .BTF: fixing DATASEC sizes and offsets failed");
	fd = load_sanitizing(obj, &log, &done);
	if (fd < 0) {
		/* programs and maps can do without: tell, and go on */
		char why[200] = "";

		if (log)
			rb_obj_last_line(log, why, sizeof(why));
		rb_obj_log(obj, RAWBPF_LOG_WARN,
			   "BTF_LOAD of the object's BTF failed (%d), loading without BTF: %s",
			   fd, why);
		rb_free(obj->alloc, log);
		for (i = 0; i < obj->nmaps; i++)
			obj->maps[i].btf_datasec = 0;
		return 0;
	}
	rb_free(obj->alloc, log);
	obj->btf_fd = fd;
	rb_obj_log(obj, RAWBPF_LOG_INFO, "BTF: loaded %u types%s, fd %d",
		   rb_btf_type_cnt(obj->btf) - 1,
		   done ? " after rewriting them for this kernel" : "", fd);
	for (i = 0; i < obj->nmaps; i++) {
		struct rawbpf_map *m = &obj->maps[i];

		if (m->kind == RB_MAP_DATA && m->btf_datasec)
			m->def.btf_value_type_id = m->btf_datasec;
	}
	return 0;
}

struct placed {
	uint32_t base;
	uint32_t func;
};

static int cmp_placed(const void *a, const void *b)
{
	const struct placed *x = a, *y = b;

	return x->base < y->base ? -1 : x->base > y->base;
}

int rb_obj_prog_btf_ext(struct rawbpf_object *obj, struct rawbpf_program *prog,
			const uint32_t *func_base, struct rawbpf_sys_prog_load_opts *o,
			struct rb_btf_ext_out *fi, struct rb_btf_ext_out *li)
{
	struct placed *pl;
	uint32_t i, n = 0;
	int err = 0;

	o->prog_btf_fd = (uint32_t)obj->btf_fd;
	if (!obj->btf_ext)
		return 0;
	pl = rb_alloc_array(obj->alloc, obj->nfuncs, sizeof(*pl));
	if (!pl)
		return -ENOMEM;
	for (i = 0; i < obj->nfuncs; i++)
		if (func_base[i] != UINT32_MAX)
			pl[n++] = (struct placed){ func_base[i], i };
	qsort(pl, n, sizeof(*pl), cmp_placed);
	for (i = 0; i < n && err >= 0; i++) {
		const struct rb_func *f = &obj->funcs[pl[i].func];
		const char *sec = obj->elf.sh[f->sec].name;

		err = rb_btf_ext_append(obj->btf_ext, RB_BTF_EXT_FUNC, sec,
					f->off, f->cnt, pl[i].base, fi);
		if (err >= 0)
			err = rb_btf_ext_append(obj->btf_ext, RB_BTF_EXT_LINE, sec,
						f->off, f->cnt, pl[i].base, li);
	}
	rb_free(obj->alloc, pl);
	if (err < 0)
		return rb_obj_err(obj, err, "program %s: collecting func/line info failed",
				  prog->name);
	/* the kernel wants one func_info per function, or none at all */
	if (fi->cnt != n) {
		if (fi->cnt)
			rb_obj_log(obj, RAWBPF_LOG_INFO,
				   "program %s: %u func_info records for %u functions; loading without",
				   prog->name, fi->cnt, n);
		rb_btf_ext_out_free(fi);
		rb_btf_ext_out_free(li);
		return 0;
	}
	o->func_info = fi->data;
	o->func_info_rec_size = fi->rec_size;
	o->func_info_cnt = fi->cnt;
	if (li->cnt) {
		o->line_info = li->data;
		o->line_info_rec_size = li->rec_size;
		o->line_info_cnt = li->cnt;
	}
	return 0;
}
