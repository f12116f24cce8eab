// SPDX-License-Identifier: BSD-2-Clause
/* load.c - `rawbpf load OBJ [--only NAME]... [--pin-dir DIR] [-v]`: create
 * the maps and load the selected programs (all without --only), one line
 * per selected program:
 *   <name>\t<section>\tok
 *   <name>\t<section>\terror\t<errno>\t<reason>
 * -v writes the verifier log of a failed program to stderr. Exit 0 iff
 * every selected program loaded. With --pin-dir the programs and maps are
 * pinned there (dots in names become '_': bpffs reserves them).
 *
 * rawbpf_object_load() is all-or-nothing, so a failing program is taken
 * out of the selection and the load repeated, until the rest loads.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "rawbpf/object.h"
#include "rawbpf/sys.h"

struct result {
	int err;		/* 0 ok, -errno */
	char reason[512];
	char *log;
};

static void one_line(char *s)
{
	for (; *s; s++)
		if (*s == '\t' || *s == '\n' || *s == '\r')
			*s = ' ';
}

static void pin_name(char *out, size_t size, const char *dir, const char *name)
{
	size_t n = (size_t)snprintf(out, size, "%s/", dir);
	char *p;

	snprintf(out + n, size - n, "%s", name);
	for (p = out + n; *p; p++)
		if (*p == '.' || *p == '/')
			*p = '_';
}

static int pin_all(struct rawbpf_object *obj, const char *dir)
{
	struct rawbpf_program *p = NULL;
	struct rawbpf_map *m = NULL;
	char path[4096];
	int err, ret = 0;

	while ((p = rawbpf_object_next_program(obj, p))) {
		if (rawbpf_program_fd(p) < 0)
			continue;
		pin_name(path, sizeof(path), dir, rawbpf_program_name(p));
		err = rawbpf_sys_obj_pin(rawbpf_program_fd(p), path, NULL);
		if (err) {
			fprintf(stderr, "rawbpf: pin %s: %s\n", path, strerror(-err));
			ret = 1;
		}
	}
	while ((m = rawbpf_object_next_map(obj, m))) {
		if (rawbpf_map_pin_path(m))
			continue;	/* pinned by name already (pinning attr) */
		pin_name(path, sizeof(path), dir, rawbpf_map_name(m));
		err = rawbpf_sys_obj_pin(rawbpf_map_fd(m), path, NULL);
		if (err) {
			fprintf(stderr, "rawbpf: pin %s: %s\n", path, strerror(-err));
			ret = 1;
		}
	}
	return ret;
}

static bool selected(char **only, int n_only, const char *name)
{
	int i;

	if (!n_only)
		return true;
	for (i = 0; i < n_only; i++)
		if (!strcmp(only[i], name))
			return true;
	return false;
}

int cli_load(int argc, char **argv)
{
	RAWBPF_OPTS(rawbpf_object_open_opts, o, .log = cli_log);
	struct rawbpf_object *obj;
	struct rawbpf_program *p;
	const char *path = NULL, *pin_dir = NULL;
	char **only = calloc((size_t)argc, sizeof(char *));
	struct result *res;
	int i, n_only = 0, nprogs = 0, err, ret = 0;
	bool verbose = false;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--only") && i + 1 < argc)
			only[n_only++] = argv[++i];
		else if (!strcmp(argv[i], "--pin-dir") && i + 1 < argc)
			pin_dir = argv[++i];
		else if (!strcmp(argv[i], "-v"))
			verbose = true;
		else if (!path && argv[i][0] != '-')
			path = argv[i];
		else {
			free(only);
			return cli_usage();
		}
	}
	if (!path) {
		free(only);
		return cli_usage();
	}
	o.pin_root = pin_dir;
	err = rawbpf_object_open_file(path, &o, &obj);
	if (err) {
		fprintf(stderr, "rawbpf: %s: %s\n", path, strerror(-err));
		free(only);
		return 1;
	}
	for (i = 0; i < n_only; i++)
		if (!rawbpf_object_find_program(obj, only[i])) {
			fprintf(stderr, "rawbpf: %s: no program '%s'\n", path, only[i]);
			rawbpf_object_close(obj);
			free(only);
			return 1;
		}
	for (p = NULL; (p = rawbpf_object_next_program(obj, p)); nprogs++)
		rawbpf_program_set_autoload(p, selected(only, n_only,
							 rawbpf_program_name(p)));
	res = calloc((size_t)nprogs + 1, sizeof(*res));
	for (;;) {
		bool blamed = false;

		err = rawbpf_object_load(obj);
		if (!err)
			break;
		for (i = 0, p = NULL; (p = rawbpf_object_next_program(obj, p)); i++) {
			if (!rawbpf_program_autoload(p) || !rawbpf_program_error(p))
				continue;
			res[i].err = rawbpf_program_error(p);
			snprintf(res[i].reason, sizeof(res[i].reason), "%s",
				 rawbpf_object_error(obj));
			res[i].log = strdup(rawbpf_program_log(p));
			rawbpf_program_set_autoload(p, false);
			blamed = true;
			break;
		}
		if (blamed)
			continue;
		/* not a program's fault (a map, BTF): every remaining one fails */
		for (i = 0, p = NULL; (p = rawbpf_object_next_program(obj, p)); i++) {
			if (!rawbpf_program_autoload(p))
				continue;
			res[i].err = err;
			snprintf(res[i].reason, sizeof(res[i].reason), "%s",
				 rawbpf_object_error(obj));
		}
		break;
	}
	for (i = 0, p = NULL; (p = rawbpf_object_next_program(obj, p)); i++) {
		if (!selected(only, n_only, rawbpf_program_name(p)))
			continue;
		if (!res[i].err) {
			printf("%s\t%s\tok\n", rawbpf_program_name(p),
			       rawbpf_program_section(p));
			continue;
		}
		ret = 1;
		one_line(res[i].reason);
		printf("%s\t%s\terror\t%d\t%s\n", rawbpf_program_name(p),
		       rawbpf_program_section(p), -res[i].err, res[i].reason);
		if (verbose && res[i].log && res[i].log[0])
			fprintf(stderr, "--- verifier log of %s ---\n%s\n",
				rawbpf_program_name(p), res[i].log);
	}
	fflush(stdout);
	if (!err && pin_dir && pin_all(obj, pin_dir))
		ret = 1;
	for (i = 0; i < nprogs; i++)
		free(res[i].log);
	free(res);
	free(only);
	rawbpf_object_close(obj);
	return ret;
}
