// SPDX-License-Identifier: BSD-2-Clause
/* btf_min_obj.c - rawbpf_btf_min: what each opened object asks of the
 * target BTF (its .BTF.ext CO-RE records, typed ksyms and kfuncs, its
 * programs' attach targets, struct_ops maps' kernel structs, named as
 * kernel_prep.c names them), handed to
 * the minimizer (lib/btf/btf_min.c). Pure: the caller read every file. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "rawbpf/btf.h"
#include "object/object.h"
#include "object/attach_btf.h"
#include "object/ksyms.h"
#include "btf/btf_min.h"
#include "btf/core.h"
#include "kernel/kernel.h"
#include "core/log.h"
#include "core/mem.h"

/* say - @o's log callback hears why; returns @err */
#define say(o, err, ...) rb_log_refusal((o)->log, (o)->log_ctx, (err), __VA_ARGS__)

static int add_core(struct rb_btf_min *m, const struct rawbpf_object *obj,
		    const struct rawbpf_btf_min_opts *o)
{
	uint32_t s, i, n;
	char msg[200];
	int err;

	if (!obj->btf_ext || !obj->btf)
		return 0;
	n = rb_btf_ext_sec_cnt(obj->btf_ext, RB_BTF_EXT_CORE);
	for (s = 0; s < n; s++) {
		const struct rb_btf_ext_sec *sec =
			rb_btf_ext_sec_at(obj->btf_ext, RB_BTF_EXT_CORE, s);

		for (i = 0; i < sec->nr; i++) {
			struct rb_bpf_core_relo r;

			memcpy(&r, sec->recs + (size_t)i * sec->rec_size, sizeof(r));
			msg[0] = '\0';
			err = rb_btf_min_core(m, obj->btf, &r, msg, sizeof(msg));
			if (err)
				return err == -ENOMEM ? err :
					say(o, err, "%s: CO-RE relocation %u of section %s: %s",
					    obj->name, i, rb_btf_ext_sec_name(obj->btf_ext, sec), msg);
		}
	}
	return 0;
}

/* Typed ksyms, kfuncs, attach targets and struct_ops types: kept at
 * their ids. */
static int add_names(struct rb_btf_min *m, const struct rawbpf_object *obj)
{
	char name[160];
	uint32_t i;
	int err, kind;

	for (i = 0; i < obj->nksyms; i++) {
		const struct rb_ksym *x = &obj->ksyms[i];

		if (!x->is_func && !x->type_id)
			continue;	/* typeless: kallsyms, not BTF */
		err = rb_btf_min_name(m, x->name, x->is_func ? RB_BTF_KIND_FUNC :
				      RB_BTF_KIND_VAR);
		if (err && err != -ENOENT)
			return err;
	}
	for (i = 0; i < obj->nprogs; i++) {
		const struct rawbpf_program *p = &obj->progs[i];

		if (!p->type || p->attach_prog_fd ||
		    (p->type == BPF_PROG_TYPE_EXT && !p->attach_func))
			continue;
		if (rb_obj_attach_name(p, name, sizeof(name), &kind) <= 0)
			continue;	/* none, or the load will say why */
		kind = p->type == BPF_PROG_TYPE_TRACING &&
		       p->expected_attach_type == BPF_TRACE_RAW_TP ?
			RB_BTF_KIND_TYPEDEF : RB_BTF_KIND_FUNC;
		err = rb_btf_min_name(m, name, kind);
		if (err && err != -ENOENT)
			return err;
	}
	for (i = 0; i < obj->nmaps; i++) {	/* struct_ops: struct and wrapper */
		const char *tname;

		if (obj->maps[i].kind != RB_MAP_STRUCT_OPS)
			continue;
		tname = rb_btf_name(obj->btf, obj->maps[i].st_ops->type_id);
		if ((size_t)snprintf(name, sizeof(name), "bpf_struct_ops_%s", tname) >=
		    sizeof(name))
			continue;	/* the load says it is too long */
		err = rb_btf_min_whole(m, tname, RB_BTF_KIND_STRUCT);
		if (!err || err == -ENOENT)
			err = rb_btf_min_whole(m, name, RB_BTF_KIND_STRUCT);
		if (err && err != -ENOENT)
			return err;
	}
	return 0;
}

int rawbpf_btf_min(const void *btf, size_t btf_size,
		   struct rawbpf_object *const *objs, size_t n,
		   rawbpf_write_fn sink, void *ctx,
		   const struct rawbpf_btf_min_opts *uopts)
{
	struct rawbpf_btf_min_opts o;
	struct rb_btf_min *m = NULL;
	struct rb_btf *targ = NULL;
	char msg[300] = "";
	void *out = NULL;
	size_t i, size = 0;
	int err;

	err = rb_opts_copy(&o, sizeof(o), uopts);
	if (err)
		return err;
	if (!sink || !btf || (n && !objs))
		return -EINVAL;
	err = rb_btf_parse_target(btf, btf_size, NULL, o.alloc, &targ, msg, sizeof(msg));
	if (err)
		return err == -ENOMEM ? err : say(&o, err, "target BTF: %s", msg);
	err = rb_btf_min_new(targ, o.alloc, &m);
	for (i = 0; !err && i < n; i++) {
		if (!objs[i]) {
			err = -EINVAL;
			break;
		}
		err = add_core(m, objs[i], &o);
		if (!err)
			err = add_names(m, objs[i]);
	}
	if (!err)
		err = rb_btf_min_emit(m, o.flags & RAWBPF_BTF_MIN_RENUMBER, &out, &size);
	if (!err)
		err = sink(ctx, out, size);
	rb_free(o.alloc, out);
	rb_btf_min_free(m);
	rb_btf_free(targ);
	return err;
}
