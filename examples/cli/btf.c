// SPDX-License-Identifier: BSD-2-Clause
/* btf.c - `rawbpf btf dump FILE [--format c|raw]`: FILE is raw BTF (such
 * as /sys/kernel/btf/vmlinux) or a BPF ELF object (its .BTF); the C format
 * is a header that compiles (vmlinux.h), raw is bpftool's "[id] KIND" list.
 * Exit 0, 1 when FILE cannot be read or holds no valid BTF, 2 for usage. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "rawbpf/btf.h"

/* cli_read_file - the whole of @path in a malloc'ed buffer; 0 or -errno. */
int cli_read_file(const char *path, void **buf, size_t *len)
{
	size_t cap = 1 << 20, n = 0, got;
	FILE *f = fopen(path, "rb");
	char *p = NULL, *q;

	if (!f)
		return -errno;
	for (;;) {
		q = realloc(p, cap);
		if (!q) {
			free(p);
			fclose(f);
			return -ENOMEM;
		}
		p = q;
		got = fread(p + n, 1, cap - n, f);
		n += got;
		if (n < cap)
			break;
		cap *= 2;
	}
	if (ferror(f)) {
		free(p);
		fclose(f);
		return -EIO;
	}
	fclose(f);
	*buf = p;
	*len = n;
	return 0;
}

static int write_stdout(void *ctx, const char *buf, size_t len)
{
	(void)ctx;
	return fwrite(buf, 1, len, stdout) == len ? 0 : -EIO;
}

static int btf_dump(int argc, char **argv)
{
	RAWBPF_OPTS(rawbpf_btf_dump_opts, o, .log = cli_log);
	const char *path = NULL;
	size_t len;
	void *buf;
	int i, err;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--format") && i + 1 < argc) {
			i++;
			if (!strcmp(argv[i], "c"))
				o.format = RAWBPF_BTF_FORMAT_C;
			else if (!strcmp(argv[i], "raw"))
				o.format = RAWBPF_BTF_FORMAT_RAW;
			else {
				fprintf(stderr, "rawbpf: unknown format '%s' (c or raw)\n", argv[i]);
				return 2;
			}
		} else if (argv[i][0] == '-' || path) {
			return cli_usage();
		} else {
			path = argv[i];
		}
	}
	if (!path)
		return cli_usage();
	err = cli_read_file(path, &buf, &len);
	if (err) {
		fprintf(stderr, "rawbpf: %s: %s\n", path, strerror(-err));
		return 1;
	}
	err = rawbpf_btf_dump(buf, len, write_stdout, NULL, &o);
	free(buf);
	if (!err && fflush(stdout))
		err = -EIO;
	if (err) {
		fprintf(stderr, "rawbpf: %s: %s\n", path, strerror(-err));
		return 1;
	}
	return 0;
}

int cli_btf(int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[1], "dump"))
		return btf_dump(argc - 1, argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "min"))
		return cli_btf_min(argc - 1, argv + 1);
	return cli_btf_list(argc, argv);
}
