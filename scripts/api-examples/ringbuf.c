#include <stdio.h>
#include <rawbpf/object.h>
#include <rawbpf/ringbuf.h>

static int on_event(void *ctx, const void *data, size_t size)
{
	(void)data;
	++*(int *)ctx;
	printf("event of %zu bytes\n", size);
	return 0;
}

int main(void)
{
	struct rawbpf_object *obj;
	struct rawbpf_ring_buffer *rb = NULL;
	int seen = 0, err;

	if (rawbpf_object_open_file("bootstrap.bpf.o", NULL, &obj))
		return 1;
	err = rawbpf_object_load(obj);
	if (!err)
		err = rawbpf_object_attach(obj);
	if (!err)
		err = rawbpf_ring_buffer_new(rawbpf_map_fd(
			rawbpf_object_find_map(obj, "rb")), on_event, &seen,
			NULL, &rb);
	while (!err && seen < 10) {
		int n = rawbpf_ring_buffer_poll(rb, 100 /* ms */);

		if (n < 0)
			err = n;
	}
	rawbpf_ring_buffer_free(rb);
	rawbpf_object_close(obj);
	return err ? 1 : 0;
}
