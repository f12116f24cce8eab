// SPDX-License-Identifier: BSD-2-Clause
/* hello.c - a static musl program using rawbpf: round-trips a value
 * through a map and, given an object file, opens, loads and closes it. */
#include <stdio.h>
#include <unistd.h>

#include "rawbpf/sys.h"
#include "rawbpf/object.h"

int main(int argc, char **argv)
{
	uint32_t k = 0, v = 1234, out = 0;
	struct rawbpf_object *obj;
	int err, fd = rawbpf_sys_map_create(BPF_MAP_TYPE_ARRAY, "musl", 4, 4, 1, NULL);

	if (fd < 0) {
		printf("musl static: map create failed: %d\n", fd);
		return 1;
	}
	if (rawbpf_sys_map_update_elem(fd, &k, &v, 0) ||
	    rawbpf_sys_map_lookup_elem(fd, &k, &out) || out != v) {
		printf("musl static: map round trip failed\n");
		return 1;
	}
	close(fd);
	printf("musl static: map round trip ok (%u)\n", out);
	if (argc < 2)
		return 0;
	err = rawbpf_object_open_file(argv[1], NULL, &obj);
	if (!err)
		err = rawbpf_object_load(obj);
	printf("musl static: open+load %s: %s\n", argv[1], err ? "failed" : "ok");
	rawbpf_object_close(obj);
	return err ? 1 : 0;
}
