// SPDX-License-Identifier: BSD-2-Clause
/*
 * consumer.c - a program outside the project that uses rawbpf the ways a
 * user would: installed (pkg-config, find_package), vendored
 * (add_subdirectory) or amalgamated (-DRAWBPF_CONSUMER_AMALGAMATION with
 * rawbpf.h). Given obj_globals.o (tests/bpf/obj_globals.bpf.c), it sets the
 * .rodata multiplier before load, loads, runs globals_prog once and checks
 * what the program computed: its return value and the .bss it wrote.
 * Exits 0 only if both match. Compiles with -std=c11 (no _GNU_SOURCE).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#ifdef RAWBPF_CONSUMER_AMALGAMATION
#include "rawbpf.h"
#else
#include <rawbpf/object.h>
#include <rawbpf/sys.h>
#endif

/* obj_globals.bpf.c: r = 3 * cfg_mult + data_add(10); bss_seen = r + 100 */
#define MULT 4u
#define EXPECT_RET (3u * MULT + 10u)
#define EXPECT_BSS (EXPECT_RET + 100u)

static int run(struct rawbpf_object *obj)
{
	unsigned char pkt[64] = { 0 };
	RAWBPF_OPTS(rawbpf_sys_prog_test_run_opts, run, .data_in = pkt,
		    .data_size_in = sizeof(pkt), .repeat = 1);
	struct rawbpf_program *prog;
	uint32_t *rodata, *bss;
	size_t size = 0;
	int err, fd;

	rodata = rawbpf_object_global_data(obj, ".rodata", &size);
	if (!rodata || size < sizeof(*rodata)) {
		printf("consumer: no .rodata\n");
		return 1;
	}
	*rodata = MULT;		/* cfg_mult, the only .rodata variable */
	err = rawbpf_object_load(obj);
	if (err) {
		printf("consumer: load: %d: %s\n", err, rawbpf_object_error(obj));
		return 1;
	}
	prog = rawbpf_object_find_program(obj, "globals_prog");
	fd = prog ? rawbpf_program_fd(prog) : -1;
	if (fd < 0) {
		printf("consumer: no fd for globals_prog\n");
		return 1;
	}
	err = rawbpf_sys_prog_test_run(fd, &run);
	bss = rawbpf_object_global_data(obj, ".bss", &size);
	if (err || !bss || run.retval != EXPECT_RET || *bss != EXPECT_BSS) {
		printf("consumer: test run %d: retval %u (want %u), bss %u (want %u)\n",
		       err, run.retval, EXPECT_RET, bss ? *bss : 0, EXPECT_BSS);
		return 1;
	}
	printf("consumer: globals_prog fd %d returned %u, .bss %u: ok\n", fd,
	       run.retval, *bss);
	return 0;
}

int main(int argc, char **argv)
{
	struct rawbpf_object *obj = NULL;
	int err, ret;

	if (argc != 2) {
		printf("usage: %s obj_globals.o\n", argv[0]);
		return 2;
	}
	err = rawbpf_object_open_file(argv[1], NULL, &obj);
	if (err) {
		printf("consumer: open %s: %d (%s)\n", argv[1], err, strerror(-err));
		return 1;
	}
	ret = run(obj);
	rawbpf_object_close(obj);
	return ret;
}
