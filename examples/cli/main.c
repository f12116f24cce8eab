// SPDX-License-Identifier: BSD-2-Clause
/* main.c - rawbpf: dispatch to the subcommand named by argv[1]. To add a
 * subcommand, write its file and add a line to `commands`. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const struct {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *usage;
} commands[] = {
	{ "list", cli_list, "list OBJ" },
	{ "load", cli_load, "load OBJ [--only NAME]... [--pin-dir DIR] [--btf FILE]\n"
	  "         [--module-btf FILE] [-v]" },
	{ "attach", cli_attach,
	  "attach OBJ PROG [--dev IF|--ifindex N] [--cgroup DIR] [--netns FILE]\n"
	  "         [--map PIN] [--pid N] [--xdp-mode skb|drv|hw] [--link|--legacy] [--pin PATH]\n"
	  "         [--usdt PATH:PROVIDER:NAME]\n"
	  "         [--btf FILE] [--module-btf FILE]" },
	{ "link", cli_link, "link list | show [ID] [--json] | detach PATH | update PATH OBJ PROG" },
	{ "prog", cli_prog, "prog list | show [ID] [--json]" },
	{ "map", cli_map, "map list | show [ID] [--json] | dump ID|PIN [--json]" },
	{ "btf", cli_btf, "btf list [--json] | dump FILE|OBJ [--format c|raw]\n"
	  "         | min OBJ... [--btf FILE] [--renumber] -o OUT" },
	{ "holders", cli_holders, "holders prog|map|link ID | PATH [--json]" },
	{ "run", cli_run, "run OBJ PROG [--btf FILE] [--data FILE] [--ctx FILE] [--repeat N]" },
	{ "gen", cli_gen, "gen skeleton OBJ [--name NAME] [-o FILE]" },
};

void cli_log(void *ctx, enum rawbpf_log_level level, const char *msg)
{
	(void)ctx;
	if (level == RAWBPF_LOG_WARN)
		fprintf(stderr, "rawbpf: %s\n", msg);
}

int cli_usage(void)
{
	size_t i;

	fprintf(stderr, "usage:\n");
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(stderr, "  rawbpf %s\n", commands[i].usage);
	return 2;
}

int main(int argc, char **argv)
{
	size_t i;

	if (argc < 2)
		return cli_usage();
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(argv[1], commands[i].name))
			return commands[i].fn(argc - 1, argv + 1);
	fprintf(stderr, "rawbpf: unknown command '%s'\n", argv[1]);
	return cli_usage();
}
