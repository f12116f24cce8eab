#include <stdint.h>
#include <stdio.h>
#include <unistd.h>
#include <linux/bpf.h>
#include <rawbpf/sys.h>

int main(void)
{
	uint32_t key = 0;
	uint64_t value = 42, got = 0;
	int fd, err;

	fd = rawbpf_sys_map_create(BPF_MAP_TYPE_ARRAY, "counts", sizeof(key),
				   sizeof(value), 1, NULL);
	if (fd < 0) {
		fprintf(stderr, "map_create: %d\n", fd);
		return 1;
	}
	err = rawbpf_sys_map_update_elem(fd, &key, &value, BPF_ANY);
	if (!err)
		err = rawbpf_sys_map_lookup_elem(fd, &key, &got);
	printf("err %d value %llu\n", err, (unsigned long long)got);
	close(fd);
	return err ? 1 : 0;
}
