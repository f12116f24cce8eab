// SPDX-License-Identifier: BSD-2-Clause
/* hello.c - a static musl program using rawbpf: creates a map and
 * round-trips a value, or reports why bpf() is unavailable. */
#include <stdio.h>
#include <unistd.h>

#include "rawbpf/sys.h"

int main(void)
{
	uint32_t k = 0, v = 1234, out = 0;
	int fd = rawbpf_map_create(BPF_MAP_TYPE_ARRAY, "musl", 4, 4, 1, NULL);

	if (fd < 0) {
		printf("musl static: map create failed: %d\n", fd);
		return 1;
	}
	if (rawbpf_map_update_elem(fd, &k, &v, 0) ||
	    rawbpf_map_lookup_elem(fd, &k, &out) || out != v) {
		printf("musl static: map round trip failed\n");
		return 1;
	}
	close(fd);
	printf("musl static: map round trip ok (%u)\n", out);
	return 0;
}
