// SPDX-License-Identifier: BSD-2-Clause
/* struct_ops_load.c - struct_ops maps at load. Before any syscall, the
 * kernel's `struct <name>` and its `struct bpf_struct_ops_<name>` wrapper
 * (the map's value) are found in vmlinux or module BTF, the object's
 * members are matched to the kernel's by name (libbpf's rules: a member
 * the object sets must exist there, data members must have the same size,
 * members not set stay zero), and each program gets attach_btf_id = the
 * kernel struct and expected_attach_type = its member's index. After the
 * programs load, map_create.c puts their fds into the pointer slots. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "object/object.h"
#include "object/struct_ops_load.h"
#include "btf/btf.h"
#include "core/errname.h"

static const struct rb_btf_type *member_type(const struct rb_btf *btf,
					     const struct rb_btf_type *t,
					     uint32_t i, uint32_t *id);

/* Whether member @i of @t is a function pointer. */
static bool func_member(const struct rb_btf *btf, const struct rb_btf_type *t,
			uint32_t i)
{
	uint32_t id;
	const struct rb_btf_type *mt = member_type(btf, t, i, &id);
	int r;

	if (!mt || rb_btf_kind(mt) != RB_BTF_KIND_PTR)
		return false;
	r = rb_btf_resolve(btf, mt->type);
	return r > 0 && rb_btf_kind(rb_btf_type_by_id(btf, (uint32_t)r)) ==
		RB_BTF_KIND_FUNC_PROTO;
}

/* Each function pointer member's program, from its slot in the map's data,
 * where open put it and the caller may have changed it (a skeleton's
 * struct_ops.<map>-><member> = progs.<prog>, or NULL to leave it unset). */
static int read_slots(struct rawbpf_object *obj, struct rawbpf_map *m)
{
	struct rb_st_ops *so = m->st_ops;
	const struct rb_btf_type *t = rb_btf_type_by_id(obj->btf, so->type_id);
	uint32_t i;

	for (i = 0; i < so->nmembers; i++) {
		uint32_t off = rb_btf_member_bit_offset(t, i) / 8;
		struct rawbpf_program *p;
		uintptr_t d;

		if (!func_member(obj->btf, t, i) || off + 8 > so->size)
			continue;
		memcpy(&p, (const uint8_t *)m->data + off, sizeof(p));
		so->progs[i] = -1;
		if (!p)
			continue;
		d = (uintptr_t)p - (uintptr_t)obj->progs;
		if ((uintptr_t)p < (uintptr_t)obj->progs ||
		    d >= (uintptr_t)obj->nprogs * sizeof(*p) || d % sizeof(*p))
			return rb_obj_err(obj, -EINVAL,
					  "struct_ops %s: member %s holds %p, which is no program of this object",
					  m->name, rb_btf_str(obj->btf, rb_btf_members(t)[i].name_off),
					  (void *)p);
		so->progs[i] = (int32_t)(d / sizeof(*p));
	}
	return 0;
}

/* Programs a struct_ops member names load; the others do not (a member
 * pointed elsewhere leaves its old program with nothing to serve), unless
 * the caller set their autoload. */
static int struct_ops_autoload(struct rawbpf_object *obj)
{
	uint32_t i, j, k;
	int err;

	for (i = 0; i < obj->nmaps; i++)
		if (obj->maps[i].kind == RB_MAP_STRUCT_OPS &&
		    (err = read_slots(obj, &obj->maps[i])))
			return err;
	for (i = 0; i < obj->nprogs; i++) {
		bool used = false;

		if (obj->progs[i].type != BPF_PROG_TYPE_STRUCT_OPS ||
		    obj->progs[i].autoload_user)	/* the caller's choice stands */
			continue;
		for (j = 0; j < obj->nmaps && !used; j++) {
			const struct rawbpf_map *m = &obj->maps[j];

			for (k = 0; m->kind == RB_MAP_STRUCT_OPS && k < m->st_ops->nmembers; k++)
				used = used || m->st_ops->progs[k] == (int32_t)i;
		}
		obj->progs[i].autoload = used;
	}
	return 0;
}

int rb_obj_struct_ops_want(struct rawbpf_object *obj, struct rb_kprep *k)
{
	char wrapper[160];
	uint32_t i;
	int err = struct_ops_autoload(obj);

	if (err)
		return err;

	for (i = 0; i < obj->nmaps; i++) {
		struct rawbpf_map *m = &obj->maps[i];
		const char *tname;

		if (m->kind != RB_MAP_STRUCT_OPS)
			continue;
		tname = rb_btf_name(obj->btf, m->st_ops->type_id);
		if ((size_t)snprintf(wrapper, sizeof(wrapper), "bpf_struct_ops_%s",
				     tname) >= sizeof(wrapper))
			return rb_obj_err(obj, -ENAMETOOLONG, "struct_ops %s: type name %s is too long",
					  m->name, tname);
		m->st_ops->kname = rb_kprep_add(k, tname, strlen(tname),
						RB_BTF_KINDS(RB_BTF_KIND_STRUCT));
		if (m->st_ops->kname < 0)
			return m->st_ops->kname;
		m->st_ops->kvname = rb_kprep_add(k, wrapper, strlen(wrapper),
						 RB_BTF_KINDS(RB_BTF_KIND_STRUCT));
		if (m->st_ops->kvname < 0)
			return m->st_ops->kvname;
	}
	return 0;
}

/* The type of member @i of composite @t in @btf, modifiers and typedefs
 * skipped; NULL (and *@id 0) if it has none. */
static const struct rb_btf_type *member_type(const struct rb_btf *btf,
					     const struct rb_btf_type *t,
					     uint32_t i, uint32_t *id)
{
	int r = rb_btf_resolve(btf, rb_btf_members(t)[i].type);

	*id = r > 0 ? (uint32_t)r : 0;
	return r > 0 ? rb_btf_type_by_id(btf, (uint32_t)r) : NULL;
}

static bool all_zero(const uint8_t *p, size_t n)
{
	while (n--)
		if (*p++)
			return false;
	return true;
}

/* Program @pi serves kernel member @kidx of @m: its attach ids. */
static int claim_prog(struct rawbpf_object *obj, struct rawbpf_map *m,
		      int32_t pi, uint32_t kidx, const char *mname)
{
	struct rawbpf_program *p = &obj->progs[pi];
	struct rb_st_ops *so = m->st_ops;

	if (!p->autoload)
		return rb_obj_err(obj, -EINVAL,
				  "struct_ops %s: member %s needs program %s, whose autoload is off",
				  m->name, mname, p->name);
	if (p->attach_btf_id && (p->attach_btf_id != so->kern_type_id ||
				 p->expected_attach_type != kidx))
		return rb_obj_err(obj, -EINVAL,
				  "struct_ops %s: program %s is member %s here and another struct_ops member elsewhere; a program serves one member",
				  m->name, p->name, mname);
	p->attach_btf_id = so->kern_type_id;
	p->expected_attach_type = kidx;
	p->attach_btf_obj_fd = (uint32_t)so->mod_fd;
	p->attach_resolved = true;
	return 0;
}

/* One local member @i of @m against the kernel struct @kt of @kbtf, whose
 * bytes start at @data_off of the value: copy data, note program slots. */
static int match_member(struct rawbpf_object *obj, struct rawbpf_map *m,
			const struct rb_btf *kbtf, const struct rb_btf_type *kt,
			uint32_t data_off, uint32_t vsize, uint32_t i)
{
	struct rb_st_ops *so = m->st_ops;
	const struct rb_btf_type *lt = rb_btf_type_by_id(obj->btf, so->type_id);
	const struct rb_btf_type *lmt, *kmt, *fp;
	const char *mname = rb_btf_str(obj->btf, rb_btf_members(lt)[i].name_off);
	uint32_t lo = rb_btf_member_bit_offset(lt, i) / 8, ko, lid, kid;
	int64_t lsize, ksize;
	int kidx, fid;

	lmt = member_type(obj->btf, lt, i, &lid);
	lsize = lmt ? rb_btf_size(obj->btf, lid) : -EINVAL;
	if (!mname || !mname[0] || rb_btf_member_bitfield_size(lt, i) || lsize < 0 ||
	    lo > so->size || (uint64_t)lsize > so->size - lo)
		return rb_obj_err(obj, -EINVAL,
				  "struct_ops %s: member %u (%s) is unnamed, a bitfield or outside the struct",
				  m->name, i, mname ? mname : "");
	kidx = rb_btf_member_by_name(kbtf, m->st_ops->kern_type_id, mname);
	if (kidx < 0) {
		if (so->progs[i] < 0 && all_zero((const uint8_t *)m->data + lo, (size_t)lsize))
			return 0;	/* not set: nothing to tell the kernel */
		return rb_obj_err(obj, -EINVAL,
				  "struct_ops %s: member %s is set, but the kernel's struct %s has no member %s",
				  m->name, mname, rb_btf_name(obj->btf, so->type_id), mname);
	}
	kmt = member_type(kbtf, kt, (uint32_t)kidx, &kid);
	ko = data_off + rb_btf_member_bit_offset(kt, (uint32_t)kidx) / 8;
	ksize = kmt ? rb_btf_size(kbtf, kid) : -EINVAL;
	if (!kmt || rb_btf_member_bitfield_size(kt, (uint32_t)kidx) || ksize < 0 ||
	    ko > vsize || (uint64_t)ksize > vsize - ko)
		return rb_obj_err(obj, -EINVAL,
				  "struct_ops %s: the kernel's member %s is a bitfield or has no size",
				  m->name, mname);
	if (rb_btf_kind(lmt) != rb_btf_kind(kmt))
		return rb_obj_err(obj, -EINVAL,
				  "struct_ops %s: member %s is a %s here, a %s in the kernel",
				  m->name, mname, rb_btf_kind_str(rb_btf_kind(lmt)),
				  rb_btf_kind_str(rb_btf_kind(kmt)));
	if (rb_btf_kind(lmt) == RB_BTF_KIND_PTR) {
		if (so->progs[i] < 0)
			return 0;	/* a pointer the kernel fills itself, or NULL */
		fid = rb_btf_resolve(kbtf, kmt->type);
		fp = fid > 0 ? rb_btf_type_by_id(kbtf, (uint32_t)fid) : NULL;
		if (!fp || rb_btf_kind(fp) != RB_BTF_KIND_FUNC_PROTO)
			return rb_obj_err(obj, -EINVAL,
					  "struct_ops %s: member %s is a function pointer here, not in the kernel",
					  m->name, mname);
		so->fd_off[i] = ko;
		return claim_prog(obj, m, so->progs[i], (uint32_t)kidx, mname);
	}
	if (lsize != ksize)
		return rb_obj_err(obj, -EINVAL,
				  "struct_ops %s: member %s is %lld bytes here, %lld in the kernel",
				  m->name, mname, (long long)lsize, (long long)ksize);
	memcpy((uint8_t *)so->kvalue + ko, (const uint8_t *)m->data + lo, (size_t)lsize);
	return 0;
}

/* The value of @m: the wrapper's layout from the kernel's BTF @kbtf. */
static int build_value(struct rawbpf_object *obj, struct rawbpf_map *m,
		       const struct rb_btf *kbtf)
{
	struct rb_st_ops *so = m->st_ops;
	const struct rb_btf_type *kt = rb_btf_type_by_id(kbtf, so->kern_type_id);
	const struct rb_btf_type *vt = rb_btf_type_by_id(kbtf, so->kern_vtype_id);
	const char *tname = rb_btf_name(obj->btf, so->type_id);
	uint32_t i, data_off, did;
	int d, err;

	d = rb_btf_member_by_name(kbtf, so->kern_vtype_id, "data");
	if (d < 0 || !member_type(kbtf, vt, (uint32_t)d, &did) ||
	    did != so->kern_type_id)
		return rb_obj_err(obj, -EINVAL,
				  "struct_ops %s: the kernel's bpf_struct_ops_%s has no member `data` of type struct %s",
				  m->name, tname, tname);
	data_off = rb_btf_member_bit_offset(vt, (uint32_t)d) / 8;
	if (!vt->size || data_off > vt->size || kt->size > vt->size - data_off)
		return rb_obj_err(obj, -EINVAL, "struct_ops %s: the kernel's bpf_struct_ops_%s is too small",
				  m->name, tname);
	rb_free(obj->alloc, so->kvalue);
	rb_free(obj->alloc, so->fd_off);
	so->kvalue = rb_alloc(obj->alloc, vt->size);
	so->fd_off = rb_alloc_array(obj->alloc, so->nmembers ? so->nmembers : 1,
				    sizeof(*so->fd_off));
	if (!so->kvalue || !so->fd_off)
		return -ENOMEM;
	m->def.value_size = vt->size;
	for (i = 0; i < so->nmembers; i++) {
		so->fd_off[i] = RB_ST_OPS_NO_SLOT;
		err = match_member(obj, m, kbtf, kt, data_off, vt->size, i);
		if (err)
			return err;
	}
	return 0;
}

/* Look up the kernel types of map @m (names asked for by _want). */
static int resolve_map(struct rawbpf_object *obj, struct rb_kprep *k,
		       struct rawbpf_map *m)
{
	struct rb_st_ops *so = m->st_ops;
	const char *tname = rb_btf_name(obj->btf, so->type_id);
	const struct rb_btf *kbtf = rb_kprep_btf(k, so->kname);
	char user[160];
	int id, vid, slot, err;

	id = rb_kprep_get(k, so->kname, RB_BTF_KIND_STRUCT, 0);
	if (id < 0)
		return rb_obj_err(obj, -ESRCH, "struct_ops %s: the %s has no struct %s",
				  m->name, k->tgt.what, tname);
	vid = rb_kprep_get(k, so->kvname, RB_BTF_KIND_STRUCT, 0);
	if (vid < 0 || rb_kprep_btf(k, so->kvname) != kbtf)
		return rb_obj_err(obj, -ESRCH,
				  "struct_ops %s: the %s has struct %s but no struct bpf_struct_ops_%s beside it: the kernel takes no struct_ops of that type",
				  m->name, k->tgt.what, tname, tname);
	snprintf(user, sizeof(user), "struct_ops %s", m->name);
	err = rb_kprep_obj_fd(obj, k, so->kname, user, &so->mod_fd, &slot);
	if (err)
		return err;
	so->kern_type_id = (uint32_t)id;
	so->kern_vtype_id = (uint32_t)vid;
	return build_value(obj, m, kbtf);
}

int rb_obj_struct_ops_resolve(struct rawbpf_object *obj, struct rb_kprep *k)
{
	uint32_t i;
	int err;

	/* the maps say what each struct_ops program attaches to */
	for (i = 0; i < obj->nprogs; i++) {
		struct rawbpf_program *p = &obj->progs[i];

		if (p->type != BPF_PROG_TYPE_STRUCT_OPS || !p->known_sec)
			continue;
		p->attach_btf_id = 0;
		p->attach_btf_obj_fd = 0;
		p->expected_attach_type = 0;
	}
	for (i = 0; i < obj->nmaps; i++) {
		if (obj->maps[i].kind != RB_MAP_STRUCT_OPS)
			continue;
		err = resolve_map(obj, k, &obj->maps[i]);
		if (err)
			return err;
	}
	return 0;
}

/* Program fds into each struct_ops value; a .struct_ops.link map gets its
 * value now (its link registers it), a plain one at attach. */
int rb_obj_fill_struct_ops(struct rawbpf_object *obj)
{
	uint32_t i, j, key = 0;
	int err;

	for (i = 0; i < obj->nmaps; i++) {
		struct rawbpf_map *m = &obj->maps[i];
		struct rb_st_ops *so = m->st_ops;

		if (m->kind != RB_MAP_STRUCT_OPS || m->fd < 0 || m->pin_reused ||
		    !so->fd_off)
			continue;
		for (j = 0; j < so->nmembers; j++) {
			uint64_t fd;

			if (so->fd_off[j] == RB_ST_OPS_NO_SLOT)
				continue;
			fd = (uint64_t)obj->progs[so->progs[j]].fd;
			memcpy((uint8_t *)so->kvalue + so->fd_off[j], &fd, sizeof(fd));
		}
		if (!so->link)
			continue;	/* its update registers: the attach does it */
		err = rawbpf_sys_map_update_elem(m->fd, &key, so->kvalue, BPF_ANY);
		if (err)
			return rb_obj_err(obj, err,
					  "struct_ops %s: BPF_MAP_UPDATE_ELEM of its value failed: %s",
					  m->name, RB_ERRSTR(err));
	}
	return 0;
}
