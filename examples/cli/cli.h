/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * cli.h - the rawbpf command line tool: each subcommand is one file with
 * one entry point, listed in the table in main.c.
 */
#ifndef RAWBPF_CLI_H
#define RAWBPF_CLI_H

#include "rawbpf/common.h"

/* A subcommand gets argv from its own name on (argv[0] = "list", ...) and
 * returns the process exit code. */
int cli_list(int argc, char **argv);
int cli_load(int argc, char **argv);
int cli_attach(int argc, char **argv);
int cli_link(int argc, char **argv);
int cli_btf(int argc, char **argv);
int cli_run(int argc, char **argv);
int cli_gen(int argc, char **argv);

/* cli_read_file - the whole of @path in a malloc'ed buffer; 0 or -errno. */
int cli_read_file(const char *path, void **buf, size_t *len);
int cli_holders(int argc, char **argv);
int cli_prog(int argc, char **argv);
int cli_map(int argc, char **argv);
int cli_map_dump(int argc, char **argv);
/* cli_btf_list - `btf list|show` (inspect.c); `btf dump` is btf.c's */
int cli_btf_list(int argc, char **argv);
/* cli_btf_min - `btf min OBJ... [--btf FILE] -o OUT` (btf_min.c) */
int cli_btf_min(int argc, char **argv);

struct rawbpf_object;
struct rawbpf_program;
/* Target BTF files (--btf, --module-btf); NULL: the running kernel's. */
struct cli_btf {
	const char *btf, *module_btf;
};

/* cli_btf_arg - take --btf FILE / --module-btf FILE at argv[*i] into @b;
 * true if it was one (then *i moved past the value). */
int cli_btf_arg(int argc, char **argv, int *i, struct cli_btf *b);

/* cli_load_one - open @path (with target BTF @b, may be NULL) and load
 * only program @name; the object goes to *@obj even on failure (close
 * it); 0 or an error already printed. */
int cli_load_one(const char *path, const char *name, const struct cli_btf *b,
		 struct rawbpf_object **obj, struct rawbpf_program **prog);

/* cli_usage - print the usage of every subcommand to stderr; returns 2. */
int cli_usage(void);

/* cli_log - a rawbpf log callback printing warnings to stderr. */
void cli_log(void *ctx, enum rawbpf_log_level level, const char *msg);

/* cli_map_type_name - "hash", "array", ... or the number as text. */
const char *cli_map_type_name(unsigned int type, char *buf, unsigned int size);

#endif
