// SPDX-License-Identifier: BSD-2-Clause
/* cli_run.c - run the built rawbpf CLI from a test; see cli_run.h. */
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fixture.h"
#include "cli_run.h"

int rb_cli(const char *args, char *out, size_t size)
{
	return rb_run_built(RB_CLI, args, out, size);
}

int rb_run_built(const char *exe, const char *args, char *out, size_t size)
{
	char cmd[1024];
	size_t n = 0;
	FILE *f;
	int st;

	if (access(exe, X_OK))
		skip();
	snprintf(cmd, sizeof(cmd), "%s %s", exe, args);
	f = popen(cmd, "r");
	assert_non_null(f);
	while (n + 1 < size && !feof(f)) {
		size_t r = fread(out + n, 1, size - 1 - n, f);

		if (!r)
			break;
		n += r;
	}
	out[n] = '\0';
	st = pclose(f);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}
