// SPDX-License-Identifier: BSD-2-Clause
/*
 * run.c - `rawbpf run OBJ PROG [--btf FILE] [--data FILE] [--ctx FILE] [--repeat N]`:
 * load PROG (and the maps it uses) and run it once, or N times, with
 * BPF_PROG_TEST_RUN on the bytes of FILE as packet data and/or context.
 * Prints
 *   retval\t<N>\tduration_ns\t<D>
 * and, when the kernel returned packet data,
 *   data_out\t<length>\t<the bytes in lower-case hex, no separators>
 * Exit 0 when the run happened (whatever the program returned), 1 when
 * loading or running failed, 2 for bad arguments.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "rawbpf/object.h"
#include "rawbpf/sys.h"

/* Room the kernel may use beyond the input (XDP may grow the packet). */
#define DATA_OUT_SLACK 4096
#define ENOTSUPP_KERNEL 524

static int read_arg_file(const char *what, const char *path, void **buf, size_t *len)
{
	int err = cli_read_file(path, buf, len);

	if (err)
		fprintf(stderr, "rawbpf: %s %s: %s\n", what, path, strerror(-err));
	return err;
}

/* parse_repeat - a decimal count that fits in 32 bits; -1 if not one. */
static long long parse_repeat(const char *s)
{
	char *end;
	long long v;

	/* long long: a 32-bit long cannot hold the counts above 2^31 */
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || end == s || *end || v < 0 || v > 0xffffffffLL)
		return -1;
	return v;
}

static void print_result(const struct rawbpf_sys_prog_test_run_opts *o)
{
	const unsigned char *p = o->data_out;
	uint32_t i;

	printf("retval\t%u\tduration_ns\t%u\n", o->retval, o->duration);
	if (!o->data_out || !o->data_size_out)
		return;
	printf("data_out\t%u\t", o->data_size_out);
	for (i = 0; i < o->data_size_out; i++)
		printf("%02x", p[i]);
	printf("\n");
}

int cli_run(int argc, char **argv)
{
	RAWBPF_OPTS(rawbpf_sys_prog_test_run_opts, o);
	const char *data_path = NULL, *ctx_path = NULL;
	struct rawbpf_object *obj = NULL;
	struct rawbpf_program *prog;
	void *data = NULL, *ctx = NULL, *out = NULL;
	size_t data_len = 0, ctx_len = 0;
	struct cli_btf btf = { 0 };
	int i, err, rc = 1;
	long long repeat = 0;

	if (argc < 3)
		return cli_usage();
	for (i = 3; i < argc; i++) {
		if (i + 1 >= argc) {
			fprintf(stderr, "rawbpf: %s needs a value or is unknown\n", argv[i]);
			return 2;
		}
		if (cli_btf_arg(argc, argv, &i, &btf))
			continue;
		if (!strcmp(argv[i], "--data")) {
			data_path = argv[++i];
		} else if (!strcmp(argv[i], "--ctx")) {
			ctx_path = argv[++i];
		} else if (!strcmp(argv[i], "--repeat")) {
			repeat = parse_repeat(argv[++i]);
			if (repeat < 0) {
				fprintf(stderr, "rawbpf: --repeat wants a count, not '%s'\n", argv[i]);
				return 2;
			}
		} else {
			fprintf(stderr, "rawbpf: unknown option '%s'\n", argv[i]);
			return 2;
		}
	}
	if ((data_path && read_arg_file("data", data_path, &data, &data_len)) ||
	    (ctx_path && read_arg_file("ctx", ctx_path, &ctx, &ctx_len)))
		goto out;
	if (data_len > UINT32_MAX - DATA_OUT_SLACK || ctx_len > UINT32_MAX) {
		fprintf(stderr, "rawbpf: input too large\n");
		goto out;
	}
	if (data_len) {
		out = malloc(data_len + DATA_OUT_SLACK);
		if (!out) {
			fprintf(stderr, "rawbpf: %s\n", strerror(ENOMEM));
			goto out;
		}
		o.data_in = data;
		o.data_size_in = (uint32_t)data_len;
		o.data_out = out;
		o.data_size_out = (uint32_t)(data_len + DATA_OUT_SLACK);
	}
	if (ctx_len) {
		o.ctx_in = ctx;
		o.ctx_size_in = (uint32_t)ctx_len;
	}
	o.repeat = (uint32_t)repeat;
	if (cli_load_one(argv[1], argv[2], &btf, &obj, &prog))
		goto out;
	err = rawbpf_sys_prog_test_run(rawbpf_program_fd(prog), &o);
	if (err) {
		fprintf(stderr, "rawbpf: test run of %s: %s%s\n", argv[2],
			err == -ENOTSUPP_KERNEL ? "not supported" : strerror(-err),
			err == -ENOTSUPP_KERNEL || err == -EINVAL ?
			" (the kernel cannot test-run this program type, or not with this input)" : "");
		goto out;
	}
	print_result(&o);
	rc = 0;
out:
	rawbpf_object_close(obj);
	free(data);
	free(ctx);
	free(out);
	return rc;
}
