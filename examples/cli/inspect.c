// SPDX-License-Identifier: BSD-2-Clause
/*
 * inspect.c - `rawbpf prog|map list|show [ID] [--json]`, `rawbpf map dump
 * ID|PIN [--json]` and `rawbpf btf list [--json]`: the kernel's objects
 * by id, in bpftool's shapes (plain: "ID: TYPE  name NAME ..." and an
 * indented detail line; JSON: bpftool's field names). docs/inspect.md
 * lists the fields.
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

/* ---- programs ---------------------------------------------------------- */

static int prog_print(uint32_t id, int json, int first)
{
	struct bpf_prog_info i;
	uint32_t len = sizeof(i), maps[64], k, nmaps;
	char tb[16], tag[2 * BPF_TAG_SIZE + 1];
	const char *type;
	int fd = rawbpf_sys_prog_get_fd_by_id(id), err;

	if (fd < 0)
		return fd;
	memset(&i, 0, sizeof(i));
	i.nr_map_ids = 64;
	i.map_ids = (uint64_t)(uintptr_t)maps;
	err = rawbpf_sys_obj_get_info_by_fd(fd, &i, &len);
	close(fd);
	if (err)
		return err;
	nmaps = i.nr_map_ids < 64 ? i.nr_map_ids : 64;
	for (k = 0; k < BPF_TAG_SIZE; k++)
		snprintf(tag + 2 * k, 3, "%02x", i.tag[k]);
	type = prog_type_name(i.type, tb, sizeof(tb));
	if (!json) {
		printf("%u: %s  ", i.id, type);
		if (i.name[0])
			printf("name %s  ", i.name);
		printf("tag %s%s\n", tag, i.gpl_compatible ? "  gpl" : "");
		printf("\txlated %uB  jited %uB", i.xlated_prog_len, i.jited_prog_len);
		for (k = 0; k < nmaps; k++)
			printf("%s%u", k ? "," : "  map_ids ", maps[k]);
		if (i.btf_id)
			printf("  btf_id %u", i.btf_id);
		printf("\n");
		return 0;
	}
	printf("%s{\"id\":%u,\"type\":", first ? "" : ",", i.id);
	json_str(type);
	if (i.name[0]) {
		printf(",\"name\":");
		json_str(i.name);
	}
	printf(",\"tag\":\"%s\",\"gpl_compatible\":%s,\"uid\":%u,"
	       "\"bytes_xlated\":%u,\"jited\":%s,\"bytes_jited\":%u,\"map_ids\":[",
	       tag, i.gpl_compatible ? "true" : "false", i.created_by_uid,
	       i.xlated_prog_len, i.jited_prog_len ? "true" : "false",
	       i.jited_prog_len);
	for (k = 0; k < nmaps; k++)
		printf("%s%u", k ? "," : "", maps[k]);
	printf("]");
	if (i.btf_id)
		printf(",\"btf_id\":%u", i.btf_id);
	printf("}");
	return 0;
}

/* ---- maps -------------------------------------------------------------- */

static int map_info(int fd, struct bpf_map_info *i)
{
	uint32_t len = sizeof(*i);

	memset(i, 0, sizeof(*i));
	return rawbpf_sys_obj_get_info_by_fd(fd, i, &len);
}

static int map_print(uint32_t id, int json, int first)
{
	struct bpf_map_info i;
	char tb[16];
	const char *type;
	int fd = rawbpf_sys_map_get_fd_by_id(id, 0), err;

	if (fd < 0)
		return fd;
	err = map_info(fd, &i);
	close(fd);
	if (err)
		return err;
	type = cli_map_type_name(i.type, tb, sizeof(tb));
	if (!json) {
		printf("%u: %s  ", i.id, type);
		if (i.name[0])
			printf("name %s  ", i.name);
		printf("flags 0x%x\n\tkey %uB  value %uB  max_entries %u",
		       i.map_flags, i.key_size, i.value_size, i.max_entries);
		if (i.btf_id)
			printf("  btf_id %u", i.btf_id);
		printf("\n");
		return 0;
	}
	printf("%s{\"id\":%u,\"type\":", first ? "" : ",", i.id);
	json_str(type);
	if (i.name[0]) {
		printf(",\"name\":");
		json_str(i.name);
	}
	printf(",\"flags\":%u,\"bytes_key\":%u,\"bytes_value\":%u,"
	       "\"max_entries\":%u", i.map_flags, i.key_size, i.value_size,
	       i.max_entries);
	if (i.btf_id)
		printf(",\"btf_id\":%u", i.btf_id);
	printf("}");
	return 0;
}

/* ---- BTF objects ------------------------------------------------------- */

static int btf_print(uint32_t id, int json, int first)
{
	struct bpf_btf_info i;
	char name[128] = "";
	uint32_t len = sizeof(i);
	int fd = rawbpf_sys_btf_get_fd_by_id(id), err;

	if (fd < 0)
		return fd;
	memset(&i, 0, sizeof(i));
	i.name = (uint64_t)(uintptr_t)name;
	i.name_len = sizeof(name);
	err = rawbpf_sys_obj_get_info_by_fd(fd, &i, &len);
	close(fd);
	if (err)
		return err;
	if (!json) {
		printf("%u: ", i.id);
		if (name[0])
			printf("name %s  ", name);
		printf("size %uB%s\n", i.btf_size, i.kernel_btf ? "  kernel" : "");
		return 0;
	}
	printf("%s{\"id\":%u,\"size\":%u,\"kernel\":%s", first ? "" : ",", i.id,
	       i.btf_size, i.kernel_btf ? "true" : "false");
	if (name[0]) {
		printf(",\"name\":");
		json_str(name);
	}
	printf("}");
	return 0;
}

typedef int (*next_id_fn)(uint32_t, uint32_t *);
typedef int (*print_fn)(uint32_t, int, int);

/* list_all - print every object of one kind; one may vanish meanwhile. */
static int list_all(next_id_fn next, print_fn print, int json)
{
	uint32_t id = 0;
	int first = 1;

	if (json)
		printf("[");
	while (!next(id, &id))
		if (!print(id, json, first))
			first = 0;
	if (json)
		printf("]\n");
	return 0;
}

static int show_one(const char *what, const char *arg, print_fn print, int json)
{
	char *end;
	unsigned long id = strtoul(arg, &end, 0);
	int err = *end || !*arg ? -EINVAL : print((uint32_t)id, json, 1);

	if (err) {
		fprintf(stderr, "rawbpf: %s %s: %s\n", what, arg, strerror(-err));
		return 1;
	}
	if (json)
		printf("\n");
	return 0;
}

/* inspect - `WHAT list|show [ID] [--json]` for one kind of object. */
static int inspect(int argc, char **argv, next_id_fn next, print_fn print)
{
	int json = argc > 1 && !strcmp(argv[argc - 1], "--json");

	argc -= json;
	if ((argc == 2 && !strcmp(argv[1], "list")) ||
	    (argc == 2 && !strcmp(argv[1], "show")))
		return list_all(next, print, json);
	if (argc == 3 && !strcmp(argv[1], "show"))
		return show_one(argv[0], argv[2], print, json);
	return cli_usage();
}

int cli_prog(int argc, char **argv)
{
	return inspect(argc, argv, rawbpf_sys_prog_get_next_id, prog_print);
}

int cli_btf_list(int argc, char **argv)
{
	return inspect(argc, argv, rawbpf_sys_btf_get_next_id, btf_print);
}

int cli_map(int argc, char **argv)
{
	if (argc >= 3 && !strcmp(argv[1], "dump"))
		return cli_map_dump(argc, argv);
	return inspect(argc, argv, rawbpf_sys_map_get_next_id, map_print);
}
