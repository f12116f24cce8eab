// SPDX-License-Identifier: BSD-2-Clause
/*
 * link.c - `rawbpf link list | show [ID] [--json] | detach PATH | update PATH
 * OBJ PROG`:
 * the kernel's bpf_links, by id or by pin.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "holders.h"
#include "rawbpf/attach.h"
#include "rawbpf/object.h"
#include "rawbpf/sys.h"

static int info_of(int fd, struct rawbpf_link_info *info, char *name,
		   uint32_t name_len)
{
	uint32_t len = sizeof(*info);
	int err;

	memset(info, 0, sizeof(*info));
	err = rawbpf_sys_obj_get_info_by_fd(fd, info, &len);
	if (err || !name)
		return err;
	/* A second call fills the names the first one sized. */
	name[0] = '\0';
	if (info->type == BPF_LINK_TYPE_RAW_TRACEPOINT) {
		info->raw_tracepoint.tp_name = (uint64_t)(uintptr_t)name;
		info->raw_tracepoint.tp_name_len = name_len;
	} else if (info->type == BPF_LINK_TYPE_ITER) {
		info->iter.target_name = (uint64_t)(uintptr_t)name;
		info->iter.target_name_len = name_len;
	} else {
		return 0;
	}
	len = sizeof(*info);
	return rawbpf_sys_obj_get_info_by_fd(fd, info, &len);
}

/* The per-type detail of a link, as one "key=value ..." string. */
static void detail(const struct rawbpf_link_info *i, const char *name,
		   char *buf, size_t size)
{
	char ab[16];

	switch (i->type) {
	case BPF_LINK_TYPE_RAW_TRACEPOINT:
		snprintf(buf, size, "tp=%s", name);
		break;
	case BPF_LINK_TYPE_TRACING:
		snprintf(buf, size, "attach_type=%s target_obj=%u target_btf_id=%u",
			 attach_type_name(i->tracing.attach_type, ab, sizeof(ab)), i->tracing.target_obj_id,
			 i->tracing.target_btf_id);
		break;
	case BPF_LINK_TYPE_CGROUP:
		snprintf(buf, size, "cgroup_id=%llu attach_type=%s",
			 (unsigned long long)i->cgroup.cgroup_id,
			 attach_type_name(i->cgroup.attach_type, ab, sizeof(ab)));
		break;
	case BPF_LINK_TYPE_ITER:
		snprintf(buf, size, "target=%s", name);
		break;
	case BPF_LINK_TYPE_NETNS:
		snprintf(buf, size, "netns_ino=%u attach_type=%s",
			 i->netns.netns_ino, attach_type_name(i->netns.attach_type, ab, sizeof(ab)));
		break;
	case BPF_LINK_TYPE_XDP:
		snprintf(buf, size, "ifindex=%u", i->xdp.ifindex);
		break;
	case RAWBPF_LINK_TYPE_TCX:
	case RAWBPF_LINK_TYPE_NETKIT:
		snprintf(buf, size, "ifindex=%u attach_type=%s", i->tcx.ifindex,
			 attach_type_name(i->tcx.attach_type, ab, sizeof(ab)));
		break;
	case RAWBPF_LINK_TYPE_NETFILTER:
		snprintf(buf, size, "pf=%u hooknum=%u priority=%d",
			 i->netfilter.pf, i->netfilter.hooknum,
			 i->netfilter.priority);
		break;
	case RAWBPF_LINK_TYPE_SOCKMAP:
		snprintf(buf, size, "map_id=%u attach_type=%s",
			 i->sockmap.map_id, attach_type_name(i->sockmap.attach_type, ab, sizeof(ab)));
		break;
	case BPF_LINK_TYPE_PERF_EVENT:
		snprintf(buf, size, "perf_event_type=%u", i->perf_event.type);
		break;
	default:
		buf[0] = '\0';
	}
}

/* print_link - bpftool's shape: "ID: TYPE  prog PROG_ID" and the detail
 * indented below; or one JSON object (docs/inspect.md). */
static int print_link(uint32_t id, int json, int first)
{
	struct rawbpf_link_info info;
	char name[256], tbuf[16], d[320], *p, *save = NULL;
	int fd = rawbpf_sys_link_get_fd_by_id(id, 0), err;

	if (fd < 0)
		return fd;
	err = info_of(fd, &info, name, sizeof(name));
	close(fd);
	if (err)
		return err;
	detail(&info, name, d, sizeof(d));
	if (!json) {
		printf("%u: %s  prog %u%s\n", info.id,
		       link_type_name(info.type, tbuf, sizeof(tbuf)), info.prog_id,
		       info.prog_id ? "" : "  (detached)");
		if (d[0])
			printf("\t%s\n", d);
		return 0;
	}
	printf("%s{\"id\":%u,\"type\":", first ? "" : ",", info.id);
	json_str(link_type_name(info.type, tbuf, sizeof(tbuf)));
	printf(",\"prog_id\":%u", info.prog_id);
	/* the detail's key=value pairs become fields */
	for (p = strtok_r(d, " ", &save); p; p = strtok_r(NULL, " ", &save)) {
		char *eq = strchr(p, '=');

		if (!eq)
			continue;
		*eq = '\0';
		printf(",\"%s\":", p);
		if (eq[1] >= '0' && eq[1] <= '9' && strspn(eq + 1, "0123456789") ==
		    strlen(eq + 1))
			printf("%s", eq + 1);
		else
			json_str(eq + 1);
	}
	printf("}");
	return 0;
}

static int link_list(int json)
{
	uint32_t id = 0;
	int first = 1;

	if (json)
		printf("[");
	while (!rawbpf_sys_link_get_next_id(id, &id))
		if (!print_link(id, json, first))	/* a link may vanish */
			first = 0;
	if (json)
		printf("]\n");
	return 0;
}

static int link_detach_pinned(const char *path)
{
	struct rawbpf_attachment *at;
	struct rawbpf_link_info info;
	int err = rawbpf_link_open_pinned(path, &at, NULL);

	if (err) {
		fprintf(stderr, "rawbpf: %s: %s\n", path, strerror(-err));
		return 1;
	}
	err = rawbpf_attachment_detach(at);
	if (!err)
		err = info_of(rawbpf_attachment_fd(at), &info, NULL, 0);
	if (err)
		fprintf(stderr, "rawbpf: detach %s: %s\n", path, strerror(-err));
	else
		printf("detached\t%u\n", info.id);
	rawbpf_attachment_destroy(at);
	return err ? 1 : 0;
}

static int link_update_pinned(const char *path, const char *objpath,
			      const char *progname)
{
	struct rawbpf_attachment *at = NULL;
	struct rawbpf_object *obj = NULL;
	struct rawbpf_program *prog;
	struct rawbpf_link_info before, after;
	int err, rc = 1;

	err = rawbpf_link_open_pinned(path, &at, NULL);
	if (err) {
		fprintf(stderr, "rawbpf: %s: %s\n", path, strerror(-err));
		return 1;
	}
	if (cli_load_one(objpath, progname, NULL, &obj, &prog))
		goto out;
	info_of(rawbpf_attachment_fd(at), &before, NULL, 0);
	err = rawbpf_attachment_update(at, rawbpf_program_fd(prog), -1);
	if (err) {
		fprintf(stderr, "rawbpf: update %s: %s\n", path, strerror(-err));
		goto out;
	}
	info_of(rawbpf_attachment_fd(at), &after, NULL, 0);
	printf("updated\t%u\t%u\t%u\n", after.id, before.prog_id, after.prog_id);
	rc = 0;
out:
	rawbpf_object_close(obj);	/* the link holds the new program */
	rawbpf_attachment_destroy(at);
	return rc;
}

int cli_link(int argc, char **argv)
{
	int json = argc > 1 && !strcmp(argv[argc - 1], "--json");

	argc -= json;
	if (argc == 2 && (!strcmp(argv[1], "list") || !strcmp(argv[1], "show")))
		return link_list(json);
	if (argc == 3 && !strcmp(argv[1], "show")) {
		int err = print_link((uint32_t)strtoul(argv[2], NULL, 0), json, 1);

		if (err)
			fprintf(stderr, "rawbpf: link %s: %s\n", argv[2], strerror(-err));
		else if (json)
			printf("\n");
		return err ? 1 : 0;
	}
	if (argc == 3 && !strcmp(argv[1], "detach"))
		return link_detach_pinned(argv[2]);
	if (argc == 5 && !strcmp(argv[1], "update"))
		return link_update_pinned(argv[2], argv[3], argv[4]);
	return cli_usage();
}
