// SPDX-License-Identifier: BSD-2-Clause
/* min_libbpf.c - the comparison loader: open an object with libbpf, load
 * it, close it. Built only for the benchmarks; rawbpf never links libbpf. */
#include <stdio.h>
#include <bpf/libbpf.h>

int main(int argc, char **argv)
{
	struct bpf_object *obj;
	int err;

	if (argc != 2)
		return 2;
	libbpf_set_print(NULL);
	obj = bpf_object__open_file(argv[1], NULL);
	if (!obj)
		return 1;
	err = bpf_object__load(obj);
	bpf_object__close(obj);
	return err ? 1 : 0;
}
