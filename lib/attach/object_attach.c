// SPDX-License-Identifier: BSD-2-Clause
/* object_attach.c - attach every program of a loaded object whose section
 * names its target (the skeleton's __attach), keep the attachments in the
 * programs, and destroy them in one call or at object close. Skips what
 * libbpf's skeleton attach skips: programs that need a target from the
 * caller (interfaces, cgroups, sockets, perf events) and bare sections
 * (SEC("uprobe"), SEC("kprobe"), SEC("tp")). Struct_ops maps are
 * registered, as libbpf's skeleton attach (1.5) does. */
#include <errno.h>
#include <string.h>

#include "rawbpf/attach_auto.h"
#include "core/errname.h"
#include "object/object.h"

/* Whether section @sec gives everything its hook needs by itself. */
static bool auto_attachable(const char *sec)
{
	struct rawbpf_section_hook h;

	if (!sec || rawbpf_section_hook(sec, &h))
		return false;
	switch (h.hook) {
	case RAWBPF_HOOK_TRACEPOINT:
	case RAWBPF_HOOK_RAW_TRACEPOINT:
	case RAWBPF_HOOK_KPROBE:
	case RAWBPF_HOOK_KSYSCALL:
	case RAWBPF_HOOK_KPROBE_MULTI:
	case RAWBPF_HOOK_UPROBE:
	case RAWBPF_HOOK_UPROBE_MULTI:
		return h.target[0] != '\0';
	case RAWBPF_HOOK_TRACING:	/* target fixed at load */
	case RAWBPF_HOOK_FREPLACE:
	case RAWBPF_HOOK_ITER:
		return true;
	default:			/* NONE, PERF_EVENT, net families */
		return false;
	}
}

static void detach_all(struct rawbpf_object *obj)
{
	uint32_t i;

	for (i = 0; i < obj->nprogs; i++) {
		rawbpf_attachment_destroy(obj->progs[i].attachment);
		obj->progs[i].attachment = NULL;
	}
	for (i = 0; i < obj->nmaps; i++) {
		rawbpf_attachment_destroy(obj->maps[i].attachment);
		obj->maps[i].attachment = NULL;
	}
}

void rawbpf_object_detach(struct rawbpf_object *obj)
{
	if (obj)
		detach_all(obj);
}

/* The attachment slot of program or map @i (programs first). */
static struct rawbpf_attachment **slot(struct rawbpf_object *obj, uint32_t i)
{
	return i < obj->nprogs ? &obj->progs[i].attachment :
				 &obj->maps[i - obj->nprogs].attachment;
}

/* Attach program @p as its section says, if it names its target. */
static int attach_prog(struct rawbpf_object *obj, struct rawbpf_program *p,
		       struct rawbpf_attachment **out)
{
	RAWBPF_OPTS(rawbpf_attach_section_opts, o, .alloc = obj->alloc);
	char why[256] = "";
	int err;

	if (p->attachment || p->fd < 0 || !auto_attachable(p->sec_name))
		return 0;
	o.err_msg = why;
	o.err_msg_size = sizeof(why);
	err = rawbpf_program_attach(p, &o, out);
	if (err)
		rb_obj_err(obj, err, "attach program %s (section %s): %s",
			   p->name, p->sec_name, why[0] ? why : RB_ERRSTR(err));
	return err;
}

/* Register struct_ops map @m (libbpf's skeleton attach does too). */
static int attach_map(struct rawbpf_object *obj, struct rawbpf_map *m,
		      struct rawbpf_attachment **out)
{
	int err;

	if (m->attachment || m->fd < 0 || !m->st_ops)
		return 0;
	err = rawbpf_attach_struct_ops(m, out);
	if (err)
		rb_obj_err(obj, err, "attach struct_ops map %s: %s", m->name,
			   RB_ERRSTR(err));
	return err;
}

int rawbpf_object_attach(struct rawbpf_object *obj)
{
	struct rawbpf_attachment **made;
	uint32_t i, n;
	int err = 0;

	if (!obj)
		return -EINVAL;
	if (!obj->loaded)
		return rb_obj_err(obj, -ENOENT, "attach: the object is not loaded");
	n = obj->nprogs + obj->nmaps;
	made = rb_alloc_array(obj->alloc, n ? n : 1, sizeof(*made));
	if (!made)
		return -ENOMEM;
	obj->detach_all = detach_all;
	for (i = 0; i < n && !err; i++)
		err = i < obj->nprogs ?
		      attach_prog(obj, &obj->progs[i], &made[i]) :
		      attach_map(obj, &obj->maps[i - obj->nprogs], &made[i]);
	for (i = 0; i < n; i++) {
		if (!made[i])
			continue;
		if (err)	/* undo this call's attachments only */
			rawbpf_attachment_destroy(made[i]);
		else
			*slot(obj, i) = made[i];
	}
	rb_free(obj->alloc, made);
	return err;
}

struct rawbpf_attachment *
rawbpf_program_attachment(const struct rawbpf_program *prog)
{
	return prog ? prog->attachment : NULL;
}
