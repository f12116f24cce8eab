// SPDX-License-Identifier: BSD-2-Clause
/*
 * holders_bpf.c - the holders that are bpf objects themselves, found by
 * walking ids: links (LINK_GET_NEXT_ID + info: the program a link runs),
 * programs (the maps in their info: map users), and map contents
 * (PROG_ARRAY slots and map-in-map values read back as ids from user
 * space; programs attached to a sockmap/sockhash through PROG_QUERY).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "holders.h"
#include "rawbpf/abi.h"
#include "rawbpf/sys.h"

static void link_ref(struct hworld *w, uint32_t id)
{
	struct rawbpf_link_info i;
	char name[96] = "", tb[16];
	uint32_t len = sizeof(i);
	struct href *r;
	int fd = rawbpf_sys_link_get_fd_by_id(id, 0);

	if (fd < 0)
		return;
	memset(&i, 0, sizeof(i));
	if (rawbpf_sys_obj_get_info_by_fd(fd, &i, &len))
		goto out;
	if (i.type == BPF_LINK_TYPE_ITER || i.type == BPF_LINK_TYPE_RAW_TRACEPOINT) {
		/* a second call fills the name */
		uint32_t type = i.type;

		memset(&i, 0, sizeof(i));
		if (type == BPF_LINK_TYPE_ITER) {
			i.iter.target_name = (uint64_t)(uintptr_t)name;
			i.iter.target_name_len = sizeof(name);
		} else {
			i.raw_tracepoint.tp_name = (uint64_t)(uintptr_t)name;
			i.raw_tracepoint.tp_name_len = sizeof(name);
		}
		len = sizeof(i);
		if (rawbpf_sys_obj_get_info_by_fd(fd, &i, &len))
			goto out;
	}
	if (i.type == BPF_LINK_TYPE_STRUCT_OPS) {
		r = hworld_add(w, HK_STRUCT_OPS, HOBJ_MAP, i.struct_ops.map_id);
		if (r) {
			r->holder_id = id;
			snprintf(r->col[0], HCOL_LEN, "%u", id);
		}
		goto out;
	}
	if (!i.prog_id)		/* defunct (LINK_DETACH) links run nothing */
		goto out;
	r = hworld_add(w, i.type == BPF_LINK_TYPE_ITER ? HK_ITER : HK_LINK,
		       HOBJ_PROG, i.prog_id);
	if (!r)
		goto out;
	r->holder_id = id;
	r->link_type = i.type;
	snprintf(r->col[0], HCOL_LEN, "%u", id);
	if (i.type == BPF_LINK_TYPE_ITER) {
		snprintf(r->col[1], HCOL_LEN, "%s", name);
		goto out;
	}
	snprintf(r->col[1], HCOL_LEN, "%s", link_type_name(i.type, tb, sizeof(tb)));
	switch (i.type) {
	case BPF_LINK_TYPE_RAW_TRACEPOINT:
		snprintf(r->col[2], HCOL_LEN, "%s", name);
		break;
	case BPF_LINK_TYPE_CGROUP:
		r->link_target = i.cgroup.cgroup_id;
		snprintf(r->col[2], HCOL_LEN, "cgroup_id=%llu %s",
			 (unsigned long long)i.cgroup.cgroup_id,
			 attach_type_name(i.cgroup.attach_type, tb, sizeof(tb)));
		break;
	case BPF_LINK_TYPE_NETNS:
		r->link_target = i.netns.netns_ino;
		snprintf(r->col[2], HCOL_LEN, "net:[%u] %s", i.netns.netns_ino,
			 attach_type_name(i.netns.attach_type, tb, sizeof(tb)));
		break;
	case BPF_LINK_TYPE_XDP:
		r->link_target = i.xdp.ifindex;
		snprintf(r->col[2], HCOL_LEN, "ifindex=%u", i.xdp.ifindex);
		break;
	case RAWBPF_LINK_TYPE_TCX:
	case RAWBPF_LINK_TYPE_NETKIT:
		r->link_target = i.tcx.ifindex;
		snprintf(r->col[2], HCOL_LEN, "ifindex=%u %s", i.tcx.ifindex,
			 attach_type_name(i.tcx.attach_type, tb, sizeof(tb)));
		break;
	case RAWBPF_LINK_TYPE_SOCKMAP:
		snprintf(r->col[2], HCOL_LEN, "map_id=%u %s", i.sockmap.map_id,
			 attach_type_name(i.sockmap.attach_type, tb, sizeof(tb)));
		break;
	case BPF_LINK_TYPE_PERF_EVENT:
		snprintf(r->col[2], HCOL_LEN, "perf_event");
		break;
	default:
		break;
	}
out:
	close(fd);
}

static void prog_ref(struct hworld *w, uint32_t id)
{
	struct bpf_prog_info i;
	uint32_t len = sizeof(i), maps[64], k, n;
	int fd = rawbpf_sys_prog_get_fd_by_id(id);

	if (fd < 0)
		return;
	memset(&i, 0, sizeof(i));
	i.nr_map_ids = 64;
	i.map_ids = (uint64_t)(uintptr_t)maps;
	if (!rawbpf_sys_obj_get_info_by_fd(fd, &i, &len)) {
		n = i.nr_map_ids < 64 ? i.nr_map_ids : 64;
		for (k = 0; k < n; k++) {
			struct href *r = hworld_add(w, HK_PROG, HOBJ_MAP, maps[k]);

			if (!r)
				break;
			r->holder_id = id;
			snprintf(r->col[0], HCOL_LEN, "%u", id);
			snprintf(r->col[1], HCOL_LEN, "%s", i.name);
		}
	}
	close(fd);
}

static void slot_ref(struct hworld *w, enum hkind kind, enum hobj obj,
		     uint32_t map_id, uint32_t held, const char *key)
{
	struct href *r = hworld_add(w, kind, obj, held);

	if (!r)
		return;
	r->holder_id = map_id;
	snprintf(r->col[0], HCOL_LEN, "%u", map_id);
	snprintf(r->col[1], HCOL_LEN, "%s", key);
}

/* The key as text: a number when it is a u32, else hex bytes. */
static void key_text(const unsigned char *key, uint32_t size, char *out,
		     size_t room)
{
	uint32_t i, v;

	if (size == 4) {
		memcpy(&v, key, 4);
		snprintf(out, room, "%u", v);
		return;
	}
	out[0] = '\0';
	for (i = 0; i < size && 2 * i + 3 < room; i++)
		snprintf(out + 2 * i, room - 2 * i, "%02x", key[i]);
}

/* PROG_ARRAY and map-in-map values are ids when read from user space. */
static void map_slots(struct hworld *w, int fd, const struct bpf_map_info *i,
		      enum hkind kind, enum hobj obj)
{
	unsigned char *key = calloc(2, i->key_size + 1), *next;
	char text[HCOL_LEN];
	uint32_t val, n = 0;
	void *prev = NULL;

	if (!key)
		return;
	next = key + i->key_size + 1;
	while (n++ < 1u << 20 &&
	       !rawbpf_sys_map_get_next_key(fd, prev, next)) {
		memcpy(key, next, i->key_size);
		prev = key;
		if (rawbpf_sys_map_lookup_elem(fd, key, &val) || !val)
			continue;
		key_text(key, i->key_size, text, sizeof(text));
		slot_ref(w, kind, obj, i->id, val, text);
	}
	free(key);
}

static void sockmap_progs(struct hworld *w, int fd, uint32_t map_id)
{
	static const uint32_t types[] = { BPF_SK_SKB_STREAM_PARSER,
		BPF_SK_SKB_STREAM_VERDICT, BPF_SK_MSG_VERDICT, 38 };
	size_t t;

	for (t = 0; t < sizeof(types) / sizeof(types[0]); t++) {
		uint32_t ids[8], k;
		struct rawbpf_sys_prog_query_opts q = {
			.size = sizeof(q), .prog_ids = ids, .count = 8,
		};
		char tb[16];

		if (rawbpf_sys_prog_query(fd, types[t], &q))
			continue;
		for (k = 0; k < q.count && k < 8; k++)
			slot_ref(w, HK_SOCKMAP, HOBJ_PROG, map_id, ids[k],
				 attach_type_name(types[t], tb, sizeof(tb)));
	}
}

/* user_held - some process fd or pin refers to map @id (found already). */
static int user_held(const struct hworld *w, uint32_t id)
{
	size_t i;

	for (i = 0; i < w->n; i++)
		if (w->v[i].obj == HOBJ_MAP && w->v[i].id == id &&
		    (w->v[i].kind == HK_FD || w->v[i].kind == HK_PIN))
			return 1;
	return 0;
}

/*
 * Only maps that user space holds are opened. Opening a PROG_ARRAY whose
 * last fd or pin just went, and closing it again, can leak a map
 * reference on 6.18 (docs/semantics.md, "Kernel note"), and such an array
 * is empty anyway: the kernel clears a PROG_ARRAY when its user references
 * go. The cost: a map-in-map that only programs hold is not read.
 */
static void map_ref(struct hworld *w, uint32_t id)
{
	struct bpf_map_info i;
	uint32_t len = sizeof(i);
	int fd;

	if (!user_held(w, id) || (fd = rawbpf_sys_map_get_fd_by_id(id, 0)) < 0)
		return;
	memset(&i, 0, sizeof(i));
	if (!rawbpf_sys_obj_get_info_by_fd(fd, &i, &len)) {
		if (i.type == BPF_MAP_TYPE_PROG_ARRAY)
			map_slots(w, fd, &i, HK_PROG_ARRAY, HOBJ_PROG);
		else if (i.type == BPF_MAP_TYPE_ARRAY_OF_MAPS ||
			 i.type == BPF_MAP_TYPE_HASH_OF_MAPS)
			map_slots(w, fd, &i, HK_MAP_IN_MAP, HOBJ_MAP);
		else if (i.type == BPF_MAP_TYPE_SOCKMAP ||
			 i.type == BPF_MAP_TYPE_SOCKHASH)
			sockmap_progs(w, fd, id);
	}
	close(fd);
}

void scan_bpf_objects(struct hworld *w)
{
	uint32_t id = 0;

	while (!rawbpf_sys_link_get_next_id(id, &id))
		link_ref(w, id);
	id = 0;
	while (!rawbpf_sys_prog_get_next_id(id, &id))
		prog_ref(w, id);
	id = 0;
	while (!rawbpf_sys_map_get_next_id(id, &id))
		map_ref(w, id);
}
