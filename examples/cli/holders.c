// SPDX-License-Identifier: BSD-2-Clause
/*
 * holders.c - `rawbpf holders prog|map|link ID | PATH [--json]`: every
 * reference to one bpf object, one tab-separated line each (first column
 * the kind), and a last line saying whether the object would survive
 * every process exiting (the lifetime rule of docs/semantics.md applied
 * to what was found). docs/holders.md describes the output.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "holders.h"
#include "rawbpf/pin.h"
#include "rawbpf/sys.h"

/* JSON field names of each kind's columns; numeric ones start with '#'. */
static const char *const fields[HK_COUNT][HCOLS] = {
	[HK_FD] = { "#pid", "comm", "#fd" },
	[HK_PIN] = { "path" },
	[HK_LINK] = { "#link_id", "type", "target" },
	[HK_ITER] = { "#link_id", "target" },
	[HK_STRUCT_OPS] = { "#link_id" },
	[HK_CGROUP] = { "path", "attach_type", "flags" },
	[HK_XDP] = { "netns", "ifname", "mode" },
	[HK_TC] = { "netns", "ifname", "direction", "#prio" },
	[HK_TCX] = { "netns", "ifname", "direction" },
	[HK_FLOW_DISSECTOR] = { "netns" },
	[HK_SK_LOOKUP] = { "netns" },
	[HK_PERF_EVENT] = { "#pid", "#fd", "kind", "target" },
	[HK_PROG_ARRAY] = { "#map_id", "key" },
	[HK_MAP_IN_MAP] = { "#map_id", "key" },
	[HK_SOCKMAP] = { "#map_id", "attach_type" },
	[HK_PROG] = { "#id", "name" },
};

static const char *const obj_names[] = { "", "prog", "map", "link" };

/*
 * survives - would @obj/@id outlive every process? The rule: fds and perf
 * event fds die with their processes; pins and the kernel's own hooks
 * (cgroup, netdev, qdisc, netns) keep what they hold; a link keeps its
 * program while the link survives (i.e. is pinned); a PROG_ARRAY or
 * sockmap keeps its programs only while it has a user reference that
 * survives (a pin), since the kernel empties it when the last fd and pin
 * go; an outer map or a program keeps a map while it survives itself.
 * @why gets the holder that decides. 1 or 0.
 */
static int survives(const struct hworld *w, enum hobj obj, uint32_t id,
		    int depth, char *why, size_t room)
{
	char sub[256];
	size_t i;
	int k;

	if (depth > 8)
		return 0;
	/* in output order, so the reason names the first line that keeps it */
	for (k = 0; k < HK_COUNT; k++)
	for (i = 0; i < w->n; i++) {
		const struct href *r = &w->v[i];
		int keep = 0;

		if (r->kind != (enum hkind)k || r->obj != obj || r->id != id)
			continue;
		sub[0] = '\0';
		switch (r->kind) {
		case HK_PIN: case HK_CGROUP: case HK_XDP: case HK_TC:
		case HK_TCX: case HK_FLOW_DISSECTOR: case HK_SK_LOOKUP:
			keep = 1;
			break;
		case HK_LINK: case HK_ITER: case HK_STRUCT_OPS:
			keep = survives(w, HOBJ_LINK, r->holder_id, depth + 1,
					sub, sizeof(sub));
			break;
		case HK_PROG_ARRAY: case HK_SOCKMAP: {
			size_t k;

			for (k = 0; k < w->n && !keep; k++)
				if (w->v[k].kind == HK_PIN &&
				    w->v[k].obj == HOBJ_MAP &&
				    w->v[k].id == r->holder_id) {
					keep = 1;
					snprintf(sub, sizeof(sub), "pin %s",
						 w->v[k].col[0]);
				}
			break;
		}
		case HK_MAP_IN_MAP:
			keep = survives(w, HOBJ_MAP, r->holder_id, depth + 1,
					sub, sizeof(sub));
			break;
		case HK_PROG:
			keep = survives(w, HOBJ_PROG, r->holder_id, depth + 1,
					sub, sizeof(sub));
			break;
		default:
			break;
		}
		if (!keep)
			continue;
		if (sub[0])
			snprintf(why, room, "%s %s (held by %s)",
				 hkind_name(r->kind), r->col[0], sub);
		else
			snprintf(why, room, "%s %s", hkind_name(r->kind),
				 r->col[0]);
		return 1;
	}
	snprintf(why, room, "only holders that die with their processes");
	return 0;
}

static void print_tsv(const struct href *r)
{
	int c;

	fputs(hkind_name(r->kind), stdout);
	for (c = 0; c < HCOLS && fields[r->kind][c]; c++)
		printf("\t%s", r->col[c]);
	putchar('\n');
}

static void print_json(const struct href *r, int first)
{
	int c;

	printf("%s{\"kind\":", first ? "" : ",");
	json_str(hkind_name(r->kind));
	for (c = 0; c < HCOLS && fields[r->kind][c]; c++) {
		const char *f = fields[r->kind][c];

		if (f[0] == '#') {
			printf(",\"%s\":%s", f + 1, r->col[c][0] ? r->col[c] : "0");
		} else {
			printf(",\"%s\":", f);
			json_str(r->col[c]);
		}
	}
	putchar('}');
}

/* target_of_path - the type and id of what is pinned at @path. */
static int target_of_path(const char *path, enum hobj *obj, uint32_t *id)
{
	uint32_t info[64] = { 0 }, len = sizeof(info);
	int fd = rawbpf_sys_obj_get(path, NULL), t, err;

	if (fd < 0)
		return fd;
	t = rawbpf_fd_type(fd);
	err = t < 0 ? t : rawbpf_sys_obj_get_info_by_fd(fd, info, &len);
	close(fd);
	if (err)
		return err;
	if (t < RAWBPF_FD_PROG || t > RAWBPF_FD_LINK)
		return -EINVAL;
	*obj = (enum hobj)t;	/* RAWBPF_FD_PROG/MAP/LINK are 1, 2, 3 */
	*id = info[1];		/* the id follows the type in all three */
	return 0;
}

/* exists - @id is in the id walk of its kind (no fd is opened: see
 * map_ref in holders_bpf.c for why maps are not opened blindly). */
static int exists(enum hobj obj, uint32_t id)
{
	int (*next)(uint32_t, uint32_t *) =
		obj == HOBJ_PROG ? rawbpf_sys_prog_get_next_id :
		obj == HOBJ_MAP ? rawbpf_sys_map_get_next_id :
		rawbpf_sys_link_get_next_id;
	uint32_t got;

	if (!id)
		return -ENOENT;
	return next(id - 1, &got) ? -ENOENT : got == id ? 0 : -ENOENT;
}

int cli_holders(int argc, char **argv)
{
	struct hworld w = { 0 };
	enum hobj obj = 0;
	uint32_t id = 0;
	int json = 0, i, k, first = 1, err, n = 0, keeps;
	char why[512];
	const char *args[2] = { 0 };

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--json"))
			json = 1;
		else if (n < 2)
			args[n++] = argv[i];
		else
			return cli_usage();
	}
	if (n == 2) {
		for (k = 1; k <= 3 && strcmp(args[0], obj_names[k]); k++)
			;
		if (k > 3)
			return cli_usage();
		obj = (enum hobj)k;
		id = (uint32_t)strtoul(args[1], NULL, 0);
		err = exists(obj, id);
	} else if (n == 1) {
		err = target_of_path(args[0], &obj, &id);
	} else {
		return cli_usage();
	}
	if (err) {
		fprintf(stderr, "rawbpf: holders %s%s%s: %s\n", args[0],
			n == 2 ? " " : "", n == 2 ? args[1] : "", strerror(-err));
		return 1;
	}
	w.self_pid = getpid();
	scan_proc(&w);
	scan_pins(&w);
	scan_bpf_objects(&w);	/* after fds and pins, before the netns */
	scan_cgroups(&w);
	scan_netns(&w);
	keeps = survives(&w, obj, id, 0, why, sizeof(why));
	if (json)
		printf("{\"type\":\"%s\",\"id\":%u,\"holders\":[", obj_names[obj], id);
	for (k = 0; k < HK_COUNT; k++)
		for (i = 0; i < (int)w.n; i++) {
			const struct href *r = &w.v[i];

			if (r->kind != (enum hkind)k || r->obj != obj || r->id != id)
				continue;
			if (json)
				print_json(r, first);
			else
				print_tsv(r);
			first = 0;
		}
	if (json) {
		printf("],\"survives\":%s,\"reason\":", keeps ? "true" : "false");
		json_str(why);
		printf("}\n");
	} else {
		printf("survives\t%s\t%s\n", keeps ? "yes" : "no", why);
	}
	hworld_free(&w);
	return 0;
}
