#include <stdio.h>
#include <stdlib.h>
#include <rawbpf/btf.h>

static int to_file(void *ctx, const char *buf, size_t len)
{
	return fwrite(buf, 1, len, ctx) == len ? 0 : -5 /* EIO */;
}

int main(void)
{
	static char btf[16 << 20];
	FILE *in = fopen("/sys/kernel/btf/vmlinux", "rb");
	size_t n;
	int err;

	if (!in)
		return 1;
	n = fread(btf, 1, sizeof(btf), in);
	fclose(in);
	/* vmlinux.h on stdout, as `rawbpf btf dump` writes it. */
	err = rawbpf_btf_dump(btf, n, to_file, stdout, NULL);
	return err ? EXIT_FAILURE : EXIT_SUCCESS;
}
