// SPDX-License-Identifier: BSD-2-Clause
/* e2e.c - end-to-end wall time to open, load, attach every program, detach
 * and close a set of objects (the libbpf-tools' embedded ones), rawbpf
 * against libbpf, in one process:
 *
 *   bench_e2e RUNS OBJ...
 *
 * A first, untimed pass tries every object with both loaders. An object
 * either loader cannot load is left out; a program whose attach fails with
 * either is left out of the timed sweeps (the kernel here has no kprobes;
 * sections with no target cannot auto-attach). Every one left out is
 * listed with both errors. An object that does not load whole with both
 * is tried again without the programs that need BPF trampolines
 * (autoload off with both), which are counted. Then RUNS
 * sweeps per
 * loader, alternating, and the median of each. rawbpf's process-wide
 * kernel BTF is released after every object, so each object pays for it
 * as one tool process would. libbpf is linked here for comparison only. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L	/* strdup, clock_gettime */
#endif
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <bpf/libbpf.h>

#include "rawbpf/attach.h"
#include "rawbpf/attach_auto.h"
#include "rawbpf/object.h"

#define MAX_PROGS 64

/* needs_trampoline - whether section @sec names an fentry, fexit, fmod_ret,
 * freplace or lsm program (and .s variants), which load only on a kernel
 * with BPF trampolines (tp_btf needs none). */
static int needs_trampoline(const char *sec)
{
	static const char *const pre[] = { "fentry", "fexit", "fmod_ret",
					   "freplace", "lsm" };
	size_t i;

	for (i = 0; sec && i < sizeof(pre) / sizeof(pre[0]); i++)
		if (!strncmp(sec, pre[i], strlen(pre[i])))
			return 1;
	return 0;
}
#define MAX_RUNS 15

struct obj_plan {
	const char *path;
	int usable;			/* both loaders load it */
	int no_tramp;			/* ... without trampoline programs */
	int nprogs;
	char *name[MAX_PROGS];		/* autoloaded programs */
	int attach[MAX_PROGS];		/* attached by both: timed */
	int raw_err[MAX_PROGS], lib_err[MAX_PROGS];
};

static const char *base(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

static int find(const struct obj_plan *p, const char *name)
{
	int i;

	for (i = 0; i < p->nprogs; i++)
		if (!strcmp(p->name[i], name))
			return i;
	return -1;
}

/* One object with rawbpf: attach what the plan says; @discover: the first
 * pass, which fills the program list and rawbpf's attach errors. */
static int run_rawbpf(struct obj_plan *p, int discover)
{
	struct rawbpf_attachment *at[MAX_PROGS] = { 0 };
	struct rawbpf_program *prog = NULL;
	struct rawbpf_object *obj;
	int err, i, n = 0;

	err = rawbpf_object_open_file(p->path, NULL, &obj);
	if (err)
		return err;
	while ((prog = rawbpf_object_next_program(obj, prog)))
		if (p->no_tramp &&
		    needs_trampoline(rawbpf_program_section(prog)))
			rawbpf_program_set_autoload(prog, false);
	err = rawbpf_object_load(obj);
	prog = NULL;
	while (!err && (prog = rawbpf_object_next_program(obj, prog))) {
		if (!rawbpf_program_autoload(prog))
			continue;
		i = discover ? p->nprogs : find(p, rawbpf_program_name(prog));
		if (discover && i < MAX_PROGS) {
			p->name[p->nprogs++] = strdup(rawbpf_program_name(prog));
			p->raw_err[i] = rawbpf_program_attach(prog, NULL, &at[n]);
			if (!p->raw_err[i])
				n++;
		} else if (i >= 0 && i < MAX_PROGS && p->attach[i]) {
			err = rawbpf_program_attach(prog, NULL, &at[n]);
			n += !err;
		}
	}
	while (n--)
		rawbpf_attachment_destroy(at[n]);
	rawbpf_object_close(obj);
	rawbpf_kernel_btf_release();
	return err;
}

/* The same with libbpf; discovery fills libbpf's attach errors. */
static int run_libbpf(struct obj_plan *p, int discover)
{
	struct bpf_link *link[MAX_PROGS];
	struct bpf_program *prog;
	struct bpf_object *obj;
	int err, i, n = 0;

	obj = bpf_object__open_file(p->path, NULL);
	if (!obj)
		return -errno;
	bpf_object__for_each_program(prog, obj)
		if (p->no_tramp &&
		    needs_trampoline(bpf_program__section_name(prog)))
			bpf_program__set_autoload(prog, false);
	err = bpf_object__load(obj);
	bpf_object__for_each_program(prog, obj) {
		if (err || !bpf_program__autoload(prog))
			continue;
		i = find(p, bpf_program__name(prog));
		if (i < 0 || (!discover && !p->attach[i]))
			continue;
		link[n] = bpf_program__attach(prog);
		if (discover)
			p->lib_err[i] = link[n] ? 0 : -errno;
		else if (!link[n])
			err = -errno;
		n += link[n] != NULL;
	}
	while (n--)
		bpf_link__destroy(link[n]);
	bpf_object__close(obj);
	return err;
}

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* One timed sweep over every usable object; its wall time in ms. */
static double sweep(struct obj_plan *plan, int nobj, int libbpf, int *fails)
{
	double t0 = now_ms();
	int i;

	for (i = 0; i < nobj; i++)
		if (plan[i].usable &&
		    (libbpf ? run_libbpf(&plan[i], 0) : run_rawbpf(&plan[i], 0)))
			(*fails)++;
	return now_ms() - t0;
}

static void discover(struct obj_plan *p, int *skipped_tramp)
{
	struct bpf_program *prog;
	struct bpf_object *obj;
	int rerr, lerr, i, n = 0;

	rerr = run_rawbpf(p, 1);
	lerr = run_libbpf(p, 1);
	if (rerr || lerr) {
		/* again without the programs that need trampolines */
		for (i = 0; i < p->nprogs; i++)
			free(p->name[i]);
		p->nprogs = 0;
		p->no_tramp = 1;
		rerr = run_rawbpf(p, 1);
		lerr = run_libbpf(p, 1);
	}
	if (rerr || lerr) {
		printf("  left out %s: load fails (%d/%d)\n", base(p->path),
		       rerr, lerr);
		return;
	}
	p->usable = 1;
	for (i = 0; i < p->nprogs; i++) {
		p->attach[i] = !p->raw_err[i] && !p->lib_err[i];
		if (p->attach[i])
			continue;
		/* one line per object: each program and both errors */
		if (!n++)
			printf("  not attached in %s:", base(p->path));
		printf(" %s (%d/%d)", p->name[i], p->raw_err[i], p->lib_err[i]);
	}
	if (n)
		printf("\n");
	if (!p->no_tramp)
		return;
	/* count what the trampoline rule left out (open only) */
	obj = bpf_object__open_file(p->path, NULL);
	bpf_object__for_each_program(prog, obj)
		*skipped_tramp += needs_trampoline(bpf_program__section_name(prog));
	bpf_object__close(obj);
}

int main(int argc, char **argv)
{
	double raw[MAX_RUNS], lib[MAX_RUNS];
	int runs, nobj = argc - 2, i, j, usable = 0, progs = 0, attached = 0;
	int tramp = 0, fails = 0;
	struct obj_plan *plan;

	if (argc < 3 || (runs = atoi(argv[1])) < 1 || runs > MAX_RUNS)
		return 2;
	libbpf_set_print(NULL);
	plan = calloc((size_t)nobj, sizeof(*plan));
	if (!plan)
		return 1;
	for (i = 0; i < nobj; i++) {
		plan[i].path = argv[i + 2];
		discover(&plan[i], &tramp);
		usable += plan[i].usable;
		for (j = 0; plan[i].usable && j < plan[i].nprogs; j++) {
			progs++;
			attached += plan[i].attach[j];
		}
	}
	for (i = 0; i < runs; i++) {
		raw[i] = sweep(plan, nobj, 0, &fails);
		lib[i] = sweep(plan, nobj, 1, &fails);
	}
	qsort(raw, (size_t)runs, sizeof(double), cmp_double);
	qsort(lib, (size_t)runs, sizeof(double), cmp_double);
	printf("  %d of %d objects load with both; %d programs loaded, %d attached by both, %d not attached (listed: rawbpf/libbpf -errno), %d left out (need trampolines)%s\n",
	       usable, nobj, progs, attached, progs - attached, tramp,
	       fails ? " (a timed sweep failed: numbers are not comparable)" : "");
	printf("  e2e: rawbpf %.1f ms, libbpf %.1f ms, ratio %.3f (median of %d sweeps)\n",
	       raw[runs / 2], lib[runs / 2], raw[runs / 2] / lib[runs / 2], runs);
	for (i = 0; i < nobj; i++)
		for (j = 0; j < plan[i].nprogs; j++)
			free(plan[i].name[j]);
	free(plan);
	return 0;
}
