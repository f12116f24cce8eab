// SPDX-License-Identifier: BSD-2-Clause
/* btf_min.c - `rawbpf btf min OBJ... [--btf FILE] [--renumber] -o OUT`: the
 * smallest raw BTF that answers the objects' CO-RE relocations, typed ksyms
 * and attach targets as FILE (default /sys/kernel/btf/vmlinux) does. Reads the files,
 * calls rawbpf_btf_min, writes OUT. Exit 0, 1 on failure, 2 for usage. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "rawbpf/btf.h"
#include "rawbpf/object.h"

static int write_file(void *ctx, const char *buf, size_t len)
{
	return fwrite(buf, 1, len, ctx) == len ? 0 : -EIO;
}

int cli_btf_min(int argc, char **argv)
{
	RAWBPF_OPTS(rawbpf_btf_min_opts, o, .log = cli_log);
	const char *btf = "/sys/kernel/btf/vmlinux", *outp = NULL;
	struct rawbpf_object **objs = calloc((size_t)argc, sizeof(*objs));
	size_t n = 0, i, len = 0;
	void *buf = NULL;
	FILE *f = NULL;
	int a, err, ret = 1;

	if (!objs)
		return 1;
	for (a = 1; a < argc; a++) {
		if (!strcmp(argv[a], "--btf") && a + 1 < argc) {
			btf = argv[++a];
		} else if (!strcmp(argv[a], "--renumber")) {
			o.flags |= RAWBPF_BTF_MIN_RENUMBER;
		} else if (!strcmp(argv[a], "-o") && a + 1 < argc) {
			outp = argv[++a];
		} else if (argv[a][0] == '-') {
			ret = cli_usage();
			goto out;
		} else {
			err = rawbpf_object_open_file(argv[a], NULL, &objs[n]);
			if (err) {
				fprintf(stderr, "rawbpf: %s: %s\n", argv[a], strerror(-err));
				goto out;
			}
			n++;
		}
	}
	if (!n || !outp) {
		ret = cli_usage();
		goto out;
	}
	err = cli_read_file(btf, &buf, &len);
	if (err) {
		fprintf(stderr, "rawbpf: %s: %s\n", btf, strerror(-err));
		goto out;
	}
	f = fopen(outp, "wb");
	if (!f) {
		fprintf(stderr, "rawbpf: %s: %s\n", outp, strerror(errno));
		goto out;
	}
	err = rawbpf_btf_min(buf, len, objs, n, write_file, f, &o);
	if (fclose(f) && !err)
		err = -EIO;
	if (err) {
		fprintf(stderr, "rawbpf: btf min: %s\n", strerror(-err));
		remove(outp);
		goto out;
	}
	ret = 0;
out:
	for (i = 0; i < n; i++)
		rawbpf_object_close(objs[i]);
	free(objs);
	free(buf);
	return ret;
}
