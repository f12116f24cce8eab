#include <stdio.h>
#include <rawbpf/object.h>
#include <rawbpf/perfbuf.h>

static int on_sample(void *ctx, int cpu, const void *data, uint32_t size)
{
	(void)ctx;
	(void)data;
	printf("cpu %d: %u bytes\n", cpu, size);
	return 0;
}

int main(void)
{
	struct rawbpf_object *obj;
	struct rawbpf_perf_buffer *pb = NULL;
	int err;

	if (rawbpf_object_open_file("events.bpf.o", NULL, &obj))
		return 1;
	err = rawbpf_object_load(obj);
	if (!err)
		err = rawbpf_object_attach(obj);
	/* 8 pages per CPU. */
	if (!err)
		err = rawbpf_perf_buffer_new(rawbpf_map_fd(
			rawbpf_object_find_map(obj, "events")), 8, on_sample,
			NULL, NULL, &pb);
	if (!err)
		err = rawbpf_perf_buffer_poll(pb, 1000 /* ms */);
	rawbpf_perf_buffer_free(pb);
	rawbpf_object_close(obj);
	return err < 0 ? 1 : 0;
}
