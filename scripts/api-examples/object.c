#include <stdint.h>
#include <stdio.h>
#include <rawbpf/object.h>

int main(void)
{
	struct rawbpf_object *obj;
	struct rawbpf_map *counts;
	uint32_t key = 0, min_pid = 100;
	uint64_t value = 0;
	int err;

	err = rawbpf_object_open_file("minimal.bpf.o", NULL, &obj);
	if (err) {
		fprintf(stderr, "open: %d\n", err);
		return 1;
	}
	/* .rodata is set by name between open and load. */
	err = rawbpf_object_set_global(obj, "min_pid", &min_pid,
				       sizeof(min_pid));
	if (!err)
		err = rawbpf_object_load(obj);
	if (!err)
		err = rawbpf_object_attach(obj);	/* every auto-attachable program */
	if (err) {
		fprintf(stderr, "%s\n", rawbpf_object_error(obj));
		rawbpf_object_close(obj);
		return 1;
	}
	counts = rawbpf_object_find_map(obj, "counts");
	/* Size-checked: a wrong key or value size is -EINVAL, not an overrun. */
	err = rawbpf_map_lookup_elem(counts, &key, sizeof(key), &value,
				     sizeof(value), 0);
	printf("lookup %d: %llu\n", err, (unsigned long long)value);
	rawbpf_object_close(obj);	/* detaches and closes everything */
	return 0;
}
