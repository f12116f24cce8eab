// SPDX-License-Identifier: BSD-2-Clause
/* min_rawbpf.c - the smallest useful loader: open an object with rawbpf,
 * load it, close it. Its static size and instruction count are what the
 * benchmarks compare with min_libbpf.c. */
#include "rawbpf/object.h"

int main(int argc, char **argv)
{
	struct rawbpf_object *obj;
	int err;

	if (argc != 2)
		return 2;
	err = rawbpf_object_open_file(argv[1], NULL, &obj);
	if (err)
		return 1;
	err = rawbpf_object_load(obj);
	rawbpf_object_close(obj);
	return err ? 1 : 0;
}
