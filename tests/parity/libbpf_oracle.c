// SPDX-License-Identifier: BSD-2-Clause
/* libbpf_oracle.c - the comparison oracle of kernel/object_libbpf_parity:
 * for each libbpf-tools binary named on the command line, libbpf loads
 * each program of its embedded BPF object alone (every other program's
 * autoload off, nothing else changed) and one line per program says how:
 *
 *   TOOL<TAB>PROGRAM<TAB>0            libbpf loaded it
 *   TOOL<TAB>PROGRAM<TAB>-ERRNO       libbpf failed
 *
 * Only this program links libbpf; the library never does. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/libbpf.h>

#include "bpf_elf_cut.h"

static int quiet(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	(void)level;
	(void)fmt;
	(void)ap;
	return 0;
}

/* Load program number @keep of the object alone: 0 or -errno. */
static int load_alone(const char *name, const void *elf, size_t len, int keep)
{
	LIBBPF_OPTS(bpf_object_open_opts, o, .object_name = name);
	struct bpf_object *obj = bpf_object__open_mem(elf, len, &o);
	struct bpf_program *p;
	int i = 0, err;

	if (!obj)
		return -errno;
	bpf_object__for_each_program(p, obj)
		bpf_program__set_autoload(p, i++ == keep);
	err = bpf_object__load(obj);
	bpf_object__close(obj);
	return err < 0 ? err : 0;
}

static int one_tool(const char *path)
{
	const char *tool = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	struct bpf_object *obj;
	struct bpf_program *p;
	uint8_t *elf;
	size_t len;
	int i = 0;

	elf = rb_cut_bpf_elf(path, &len);
	if (!elf)
		return 0;	/* no embedded object: not a BPF tool */
	obj = bpf_object__open_mem(elf, len, NULL);
	if (!obj) {
		printf("%s\t*\t%d\n", tool, -errno);
		free(elf);
		return 0;
	}
	bpf_object__for_each_program(p, obj) {
		printf("%s\t%s\t%d\n", tool, bpf_program__name(p),
		       load_alone(tool, elf, len, i++));
		fflush(stdout);
	}
	bpf_object__close(obj);
	free(elf);
	return 0;
}

int main(int argc, char **argv)
{
	int i;

	if (argc < 2) {
		fprintf(stderr, "usage: libbpf_oracle BINARY...\n");
		return 2;
	}
	libbpf_set_print(quiet);
	for (i = 1; i < argc; i++)
		one_tool(argv[i]);
	return 0;
}
