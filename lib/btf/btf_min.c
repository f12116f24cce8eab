// SPDX-License-Identifier: BSD-2-Clause
/* btf_min.c - minimized target BTF (pure). Selection: the CO-RE matcher
 * (core.c) reports every target type, member and enumerator a matching
 * candidate relied on; those are kept, plus, closed over references, the
 * types they point to (composites reached only by reference keep their size
 * but no members, enums no enumerators). Dropping members and enumerators
 * can only turn a match into a non-match, and every match of the full BTF
 * keeps its witnesses, so answers stay identical. Emission: kept types in
 * id order; ids the kernel sees (pinned) stay in place, other kept types
 * fill the gaps below them and anonymous PTR-to-void records the rest. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "btf/btf_min.h"
#include "btf/core.h"
#include "core/mem.h"

#define MAX_CANDS 16	/* as the loader (core_obj.c) */
#define KEEP 1
#define PIN 2

struct keys {
	uint64_t *v;
	uint32_t n, cap;
};

struct rb_btf_min {
	const struct rb_btf *targ;
	const struct rawbpf_allocator *a;
	uint32_t cnt;		/* target type ids, void included */
	uint8_t *flags;		/* KEEP / PIN per target id */
	struct keys sel;	/* id << 32 | idx: kept members and enumerators */
	struct keys pend;	/* marks of the candidate being matched */
	int err;
};

static int keys_add(const struct rawbpf_allocator *a, struct keys *k, uint64_t v)
{
	if (k->n == k->cap) {
		uint32_t cap = k->cap ? k->cap * 2 : 64;
		uint64_t *n = rb_resize(a, k->v, sizeof(*n) * cap);

		if (!n)
			return -ENOMEM;
		k->v = n;
		k->cap = cap;
	}
	k->v[k->n++] = v;
	return 0;
}

static int cmp_u64(const void *x, const void *y)
{
	uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;

	return a < b ? -1 : a > b;
}

int rb_btf_min_new(const struct rb_btf *targ, const struct rawbpf_allocator *a,
		   struct rb_btf_min **out)
{
	struct rb_btf_min *m = rb_alloc(a, sizeof(*m));

	if (!m)
		return -ENOMEM;
	m->targ = targ;
	m->a = a;
	m->cnt = rb_btf_type_cnt(targ);
	m->flags = rb_alloc(a, m->cnt);
	if (!m->flags) {
		rb_free(a, m);
		return -ENOMEM;
	}
	*out = m;
	return 0;
}

void rb_btf_min_free(struct rb_btf_min *m)
{
	if (!m)
		return;
	rb_free(m->a, m->flags);
	rb_free(m->a, m->sel.v);
	rb_free(m->a, m->pend.v);
	rb_free(m->a, m);
}

/* core.c's marker: buffer until the candidate is known to match. */
static void on_mark(void *ctx, uint32_t id, int32_t idx)
{
	struct rb_btf_min *m = ctx;

	if (!m->err)
		m->err = keys_add(m->a, &m->pend, (uint64_t)id << 32 | (uint32_t)(idx + 1));
}

static int commit(struct rb_btf_min *m, bool pin, uint32_t tid)
{
	uint32_t i;

	for (i = 0; i < m->pend.n; i++) {
		uint64_t v = m->pend.v[i];
		uint32_t id = (uint32_t)(v >> 32);

		if (id >= m->cnt)
			continue;
		m->flags[id] |= KEEP;
		if ((uint32_t)v && keys_add(m->a, &m->sel, v))
			return -ENOMEM;
	}
	if (pin)
		m->flags[tid] |= PIN;
	return 0;
}

int rb_btf_min_core(struct rb_btf_min *m, const struct rb_btf *local,
		    const struct rb_bpf_core_relo *r, char *msg, size_t msg_size)
{
	const struct rb_btf_type *lt = rb_btf_type_by_id(local, r->type_id);
	struct rb_core_marker mk = { on_mark, m };
	const char *n = rb_btf_name(local, r->type_id);
	size_t len = rb_core_essential_len(n);
	char name[512];
	unsigned lk, tk;
	uint32_t ncand = 0;
	int id, res;

	if (r->kind == RB_CORE_TYPE_ID_LOCAL || !lt || !*n)
		return 0;	/* no candidates: the loader looks nothing up */
	if (len >= sizeof(name)) {
		snprintf(msg, msg_size, "type name %.40s... too long", n);
		return -EINVAL;
	}
	memcpy(name, n, len);
	name[len] = '\0';
	/* a record the loader refuses by itself: refuse it here too */
	{
		struct rb_core_res cr;

		msg[0] = '\0';
		res = rb_core_calc(local, r, NULL, NULL, 0, &cr, msg, msg_size);
		if (res)
			return res;
	}
	lk = rb_btf_kind(lt);
	for (id = rb_btf_find(m->targ, name, -1); id > 0 && ncand < MAX_CANDS;
	     id = rb_btf_find_next(m->targ, name, -1, (uint32_t)id)) {
		tk = rb_btf_kind(rb_btf_type_by_id(m->targ, (uint32_t)id));
		if (tk != lk && !((tk == RB_BTF_KIND_ENUM || tk == RB_BTF_KIND_ENUM64) &&
				  (lk == RB_BTF_KIND_ENUM || lk == RB_BTF_KIND_ENUM64)))
			continue;
		ncand++;
		m->pend.n = 0;
		res = rb_core_cand_mark(local, r, m->targ, (uint32_t)id, &mk, msg, msg_size);
		if (m->err)
			return m->err;
		/* matched, or failed on this candidate (the loader fails the
		 * same way when it sees the same types) */
		if (res && commit(m, res > 0 && r->kind == RB_CORE_TYPE_ID_TARGET,
				  (uint32_t)id))
			return -ENOMEM;
	}
	if (id < 0 && id != -ENOENT)
		return id;
	return 0;
}

int rb_btf_min_name(struct rb_btf_min *m, const char *name, int kind)
{
	int id = rb_btf_find(m->targ, name, kind);

	if (id <= 0)
		return id < 0 ? id : -ENOENT;
	m->flags[id] |= KEEP | PIN;
	return 0;
}

int rb_btf_min_whole(struct rb_btf_min *m, const char *name, int kind)
{
	const struct rb_btf_type *t;
	uint32_t i;
	int id, err = rb_btf_min_name(m, name, kind);

	if (err)
		return err;
	id = rb_btf_find(m->targ, name, kind);
	t = rb_btf_type_by_id(m->targ, (uint32_t)id);
	if (!rb_btf_is_composite(t))
		return 0;
	for (i = 0; i < rb_btf_vlen(t); i++)
		if (keys_add(m->a, &m->sel, (uint64_t)id << 32 | (i + 1)))
			return -ENOMEM;
	return 0;
}

/* First index in the sorted selection of members/enumerators of @id. */
static uint32_t sel_first(const struct keys *k, uint32_t id)
{
	uint32_t lo = 0, hi = k->n;
	uint64_t key = (uint64_t)id << 32;

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (k->v[mid] < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Keep @id and push it on @stack if it is new. */
static void reach(struct rb_btf_min *m, uint32_t id, uint32_t *stack, uint32_t *sp)
{
	if (id && id < m->cnt && !(m->flags[id] & 4)) {
		m->flags[id] |= KEEP | 4;
		stack[(*sp)++] = id;
	}
}

/* Close the kept set over references (4 = visited). */
static int closure(struct rb_btf_min *m)
{
	uint32_t *stack = rb_alloc_array(m->a, m->cnt, sizeof(*stack));
	uint32_t sp = 0, id, i, j;

	if (!stack)
		return -ENOMEM;
	for (id = 1; id < m->cnt; id++)
		if (m->flags[id] & KEEP) {
			m->flags[id] &= (uint8_t)~KEEP;
			reach(m, id, stack, &sp);
		}
	while (sp) {
		const struct rb_btf_type *t;

		id = stack[--sp];
		t = rb_btf_type_by_id(m->targ, id);
		switch (rb_btf_kind(t)) {
		case RB_BTF_KIND_PTR: case RB_BTF_KIND_TYPEDEF: case RB_BTF_KIND_VOLATILE:
		case RB_BTF_KIND_CONST: case RB_BTF_KIND_RESTRICT: case RB_BTF_KIND_FUNC:
		case RB_BTF_KIND_VAR: case RB_BTF_KIND_TYPE_TAG:
			reach(m, t->type, stack, &sp);
			break;
		case RB_BTF_KIND_ARRAY:
			reach(m, rb_btf_array_info(t)->type, stack, &sp);
			reach(m, rb_btf_array_info(t)->index_type, stack, &sp);
			break;
		case RB_BTF_KIND_FUNC_PROTO:
			reach(m, t->type, stack, &sp);
			for (i = 0; i < rb_btf_vlen(t); i++)
				reach(m, rb_btf_params(t)[i].type, stack, &sp);
			break;
		case RB_BTF_KIND_STRUCT: case RB_BTF_KIND_UNION:
			for (j = sel_first(&m->sel, id);
			     j < m->sel.n && m->sel.v[j] >> 32 == id; j++) {
				i = (uint32_t)m->sel.v[j] - 1;
				if (i < rb_btf_vlen(t))
					reach(m, rb_btf_members(t)[i].type, stack, &sp);
			}
			break;
		default:
			break;
		}
	}
	rb_free(m->a, stack);
	return 0;
}

/* The output under construction. */
struct out {
	const struct rawbpf_allocator *a;
	uint32_t *w;		/* type words */
	size_t nw, capw;
	char *s;		/* strings */
	size_t ns, caps;
	uint32_t *str_old, *str_new, str_mask;	/* offset map, open addressing */
	int err;
};

static void put(struct out *o, uint32_t v)
{
	if (o->err)
		return;
	if (o->nw == o->capw) {
		size_t cap = o->capw ? o->capw * 2 : 1024;
		uint32_t *n = rb_resize(o->a, o->w, cap * 4);

		if (!n) {
			o->err = -ENOMEM;
			return;
		}
		o->w = n;
		o->capw = cap;
	}
	o->w[o->nw++] = v;
}

/* The output offset of target string @off (added on first use). */
static uint32_t str(struct out *o, const struct rb_btf *t, uint32_t off)
{
	uint32_t h = (off * 2654435761u) & o->str_mask;
	const char *s;
	size_t len;

	if (!off || o->err)
		return 0;
	while (o->str_old[h] && o->str_old[h] != off)
		h = (h + 1) & o->str_mask;
	if (o->str_old[h])
		return o->str_new[h];
	s = rb_btf_str(t, off);
	len = s ? strlen(s) + 1 : 1;
	if (o->ns + len > o->caps) {
		size_t cap = (o->caps + len) * 2;
		char *n = rb_resize(o->a, o->s, cap);

		if (!n) {
			o->err = -ENOMEM;
			return 0;
		}
		o->s = n;
		o->caps = cap;
	}
	memcpy(o->s + o->ns, s ? s : "", len);
	o->str_old[h] = off;
	o->str_new[h] = (uint32_t)o->ns;
	o->ns += len;
	return o->str_new[h];
}

/* Emit target type @id with ids through @map and only its kept members
 * and enumerators. */
static void emit_type(struct rb_btf_min *m, struct out *o, uint32_t id,
		      const uint32_t *map)
{
	const struct rb_btf_type *t = rb_btf_type_by_id(m->targ, id);
	unsigned kind = rb_btf_kind(t), vlen = rb_btf_vlen(t), i;
	uint32_t j, hdr, first, n = 0;

	put(o, str(o, m->targ, t->name_off));
	hdr = (uint32_t)o->nw;
	put(o, t->info);
	switch (kind) {
	case RB_BTF_KIND_PTR: case RB_BTF_KIND_TYPEDEF: case RB_BTF_KIND_VOLATILE:
	case RB_BTF_KIND_CONST: case RB_BTF_KIND_RESTRICT: case RB_BTF_KIND_FUNC:
	case RB_BTF_KIND_VAR: case RB_BTF_KIND_TYPE_TAG: case RB_BTF_KIND_FUNC_PROTO:
		put(o, map[t->type]);
		break;
	default:
		put(o, t->size);
	}
	switch (kind) {
	case RB_BTF_KIND_INT:
		put(o, rb_btf_int_info(t));
		break;
	case RB_BTF_KIND_VAR:
		put(o, rb_btf_var_info(t)->linkage);
		break;
	case RB_BTF_KIND_ARRAY:
		put(o, map[rb_btf_array_info(t)->type]);
		put(o, map[rb_btf_array_info(t)->index_type]);
		put(o, rb_btf_array_info(t)->nelems);
		break;
	case RB_BTF_KIND_FUNC_PROTO:
		for (i = 0; i < vlen; i++) {
			put(o, str(o, m->targ, rb_btf_params(t)[i].name_off));
			put(o, map[rb_btf_params(t)[i].type]);
		}
		break;
	case RB_BTF_KIND_STRUCT: case RB_BTF_KIND_UNION:
	case RB_BTF_KIND_ENUM: case RB_BTF_KIND_ENUM64:
		first = sel_first(&m->sel, id);
		for (j = first; j < m->sel.n && m->sel.v[j] >> 32 == id; j++) {
			i = (uint32_t)m->sel.v[j] - 1;
			if (i >= vlen)
				continue;
			n++;
			if (kind == RB_BTF_KIND_ENUM) {
				put(o, str(o, m->targ, rb_btf_enums(t)[i].name_off));
				put(o, (uint32_t)rb_btf_enums(t)[i].val);
			} else if (kind == RB_BTF_KIND_ENUM64) {
				put(o, str(o, m->targ, rb_btf_enums64(t)[i].name_off));
				put(o, rb_btf_enums64(t)[i].val_lo32);
				put(o, rb_btf_enums64(t)[i].val_hi32);
			} else {
				put(o, str(o, m->targ, rb_btf_members(t)[i].name_off));
				put(o, map[rb_btf_members(t)[i].type]);
				put(o, rb_btf_members(t)[i].offset);
			}
		}
		if (!o->err)
			o->w[hdr] = (t->info & ~0xffffu) | n;
		break;
	default:	/* FWD FLOAT: nothing follows */
		break;
	}
}

/* New ids: pinned types keep theirs, the others fill the free slots in
 * id order. at[new] = old (0: filler); *@total = ids used, void included. */
static int assign(struct rb_btf_min *m, uint32_t *map, uint32_t *at, uint32_t *total)
{
	uint32_t id, next = 1, top = 0;

	for (id = 1; id < m->cnt; id++)
		if ((m->flags[id] & (KEEP | PIN)) == (KEEP | PIN)) {
			map[id] = id;
			at[id] = id;
			top = id;
		}
	for (id = 1; id < m->cnt; id++) {
		if ((m->flags[id] & (KEEP | PIN)) != KEEP)
			continue;
		while (at[next])
			next++;
		map[id] = next;
		at[next] = id;
		if (next > top)
			top = next;
	}
	*total = top + 1;
	return 0;
}

int rb_btf_min_emit(struct rb_btf_min *m, bool renumber, void **outp, size_t *size)
{
	struct out o = { .a = m->a };
	struct rb_btf_header h = { .magic = RB_BTF_MAGIC, .version = RB_BTF_VERSION,
				   .hdr_len = sizeof(h) };
	uint32_t *map = NULL, *at = NULL, total = 0, id, n, nstr = 16;
	size_t cap = 16;
	char *buf;
	int err;

	if (m->sel.n)
		qsort(m->sel.v, m->sel.n, sizeof(*m->sel.v), cmp_u64);
	for (id = 0, n = 0; id < m->sel.n; id++)	/* drop repeats */
		if (!n || m->sel.v[id] != m->sel.v[n - 1])
			m->sel.v[n++] = m->sel.v[id];
	m->sel.n = n;
	err = closure(m);
	if (err)
		return err;
	map = rb_alloc_array(m->a, m->cnt, sizeof(*map));
	at = rb_alloc_array(m->a, m->cnt + 1, sizeof(*at));
	if (!map || !at) {
		err = -ENOMEM;
		goto out;
	}
	if (renumber)
		for (id = 1; id < m->cnt; id++)
			m->flags[id] &= (uint8_t)~PIN;
	assign(m, map, at, &total);
	for (id = 1; id < m->cnt; id++)
		if (m->flags[id] & KEEP)
			nstr += 1 + rb_btf_vlen(rb_btf_type_by_id(m->targ, id));
	while (cap < (size_t)nstr * 2)
		cap *= 2;
	o.str_mask = (uint32_t)cap - 1;
	o.str_old = rb_alloc_array(m->a, cap, sizeof(uint32_t));
	o.str_new = rb_alloc_array(m->a, cap, sizeof(uint32_t));
	o.s = rb_alloc(m->a, 1);	/* "" at offset 0 */
	o.ns = o.caps = 1;
	if (!o.str_old || !o.str_new || !o.s) {
		err = -ENOMEM;
		goto out;
	}
	for (id = 1; id < total && !o.err; id++) {
		if (at[id]) {
			emit_type(m, &o, at[id], map);
		} else {	/* filler: anonymous pointer to void */
			put(&o, 0);
			put(&o, RB_BTF_INFO(RB_BTF_KIND_PTR, 0, 0));
			put(&o, 0);
		}
	}
	err = o.err;
	if (err)
		goto out;
	h.type_len = (uint32_t)(o.nw * 4);
	h.str_off = h.type_len;
	h.str_len = (uint32_t)o.ns;
	buf = rb_alloc(m->a, sizeof(h) + h.type_len + h.str_len);
	if (!buf) {
		err = -ENOMEM;
		goto out;
	}
	memcpy(buf, &h, sizeof(h));
	if (h.type_len)	/* nothing needed: an empty BTF */
		memcpy(buf + sizeof(h), o.w, h.type_len);
	memcpy(buf + sizeof(h) + h.type_len, o.s, o.ns);
	*outp = buf;
	*size = sizeof(h) + h.type_len + h.str_len;
out:
	rb_free(m->a, map);
	rb_free(m->a, at);
	rb_free(m->a, o.w);
	rb_free(m->a, o.s);
	rb_free(m->a, o.str_old);
	rb_free(m->a, o.str_new);
	return err;
}
