// SPDX-License-Identifier: BSD-2-Clause
/*
 * leakcheck.c - brackets the kernel tests. `before STATE` records the
 * program and link ids that exist; `after STATE` waits briefly for deferred
 * frees and fails if any program or link appeared that was not there
 * before, or if a test left a pin directory, cgroup or netns behind.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rawbpf/sys.h"
#include "fixture.h"

#define MAX_IDS 65536

static int collect(int (*next)(uint32_t, uint32_t *), uint32_t *ids)
{
	uint32_t id = 0;
	int n = 0;

	while (n < MAX_IDS && next(id, &id) == 0)
		ids[n++] = id;
	return n;
}

static int contains(const uint32_t *ids, int n, uint32_t id)
{
	for (int i = 0; i < n; i++)
		if (ids[i] == id)
			return 1;
	return 0;
}

static int leftovers(const char *dir, const char *prefix)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int found = 0;

	if (!d)
		return 0;
	while ((e = readdir(d)))
		if (!strncmp(e->d_name, prefix, strlen(prefix))) {
			printf("left behind: %s/%s\n", dir, e->d_name);
			found++;
		}
	closedir(d);
	return found;
}

static uint32_t before_prog[MAX_IDS], before_link[MAX_IDS];
static uint32_t now_prog[MAX_IDS], now_link[MAX_IDS];

int main(int argc, char **argv)
{
	int np, nl, bp = 0, bl = 0, bad = 0;
	FILE *f;
	char kind;
	uint32_t id;

	if (argc != 3)
		return 2;
	if (!strcmp(argv[1], "before")) {
		np = collect(rawbpf_sys_prog_get_next_id, now_prog);
		nl = collect(rawbpf_sys_link_get_next_id, now_link);
		f = fopen(argv[2], "w");
		if (!f)
			return 1;
		for (int i = 0; i < np; i++)
			fprintf(f, "p %u\n", now_prog[i]);
		for (int i = 0; i < nl; i++)
			fprintf(f, "l %u\n", now_link[i]);
		fclose(f);
		printf("kernel state before tests: %d programs, %d links\n", np, nl);
		return 0;
	}
	f = fopen(argv[2], "r");
	if (!f)
		return 1;
	while (fscanf(f, " %c %u", &kind, &id) == 2) {
		if (kind == 'p' && bp < MAX_IDS)
			before_prog[bp++] = id;
		else if (kind == 'l' && bl < MAX_IDS)
			before_link[bl++] = id;
	}
	fclose(f);
	/* Programs and links are freed after an RCU grace period. */
	for (int tries = 0; tries < 300; tries++) {
		bad = 0;
		np = collect(rawbpf_sys_prog_get_next_id, now_prog);
		nl = collect(rawbpf_sys_link_get_next_id, now_link);
		for (int i = 0; i < np; i++)
			bad += !contains(before_prog, bp, now_prog[i]);
		for (int i = 0; i < nl; i++)
			bad += !contains(before_link, bl, now_link[i]);
		if (!bad)
			break;
		usleep(10000);
	}
	for (int i = 0; i < np; i++)
		if (!contains(before_prog, bp, now_prog[i]))
			printf("program id %u left behind\n", now_prog[i]);
	for (int i = 0; i < nl; i++)
		if (!contains(before_link, bl, now_link[i]))
			printf("link id %u left behind\n", now_link[i]);
	bad += leftovers("/sys/fs/bpf", "rawbpf-test");
	bad += leftovers(rb_cgroup2_root(), "rawbpf-test");
	bad += leftovers("/run/netns", "rawbpf");
	printf("kernel state after tests: %d programs, %d links; %s\n", np, nl,
	       bad ? "LEFTOVERS" : "nothing left behind");
	return bad ? 1 : 0;
}
