// SPDX-License-Identifier: BSD-2-Clause
/* load_one.c - open an object and load just one of its programs (and the
 * maps it needs): what `attach` and `link update` start with. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "rawbpf/object.h"

int cli_btf_arg(int argc, char **argv, int *i, struct cli_btf *b)
{
	if (*i + 1 >= argc)
		return 0;
	if (!strcmp(argv[*i], "--btf"))
		b->btf = argv[++*i];
	else if (!strcmp(argv[*i], "--module-btf"))
		b->module_btf = argv[++*i];
	else
		return 0;
	return 1;
}

int cli_load_one(const char *path, const char *name, const struct cli_btf *b,
		 struct rawbpf_object **obj, struct rawbpf_program **prog)
{
	RAWBPF_OPTS(rawbpf_object_open_opts, oo, .log = cli_log);
	struct rawbpf_program *p;
	int err;

	*obj = NULL;
	if (b) {
		oo.btf_path = b->btf;
		oo.btf_module_path = b->module_btf;
	}
	err = rawbpf_object_open_file(path, &oo, obj);
	if (err) {
		fprintf(stderr, "rawbpf: %s: %s\n", path, strerror(-err));
		return err;
	}
	*prog = rawbpf_object_find_program(*obj, name);
	if (!*prog) {
		fprintf(stderr, "rawbpf: no program %s in %s\n", name, path);
		return -1;
	}
	for (p = rawbpf_object_next_program(*obj, NULL); p;
	     p = rawbpf_object_next_program(*obj, p))
		rawbpf_program_set_autoload(p, p == *prog);
	err = rawbpf_object_load(*obj);
	if (err)
		fprintf(stderr, "rawbpf: load %s: %s\n%s", name,
			rawbpf_object_error(*obj), rawbpf_program_log(*prog));
	return err;
}
