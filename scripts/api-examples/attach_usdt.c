#include <stdio.h>
#include <rawbpf/attach_usdt.h>
#include <rawbpf/object.h>

int main(void)
{
	struct rawbpf_object *obj;
	struct rawbpf_attachment *at = NULL;
	int err;

	if (rawbpf_object_open_file("usdt.bpf.o", NULL, &obj))
		return 1;
	err = rawbpf_object_load(obj);
	/* Every libc:setjmp site, in this process (pid 0, as libbpf). */
	if (!err)
		err = rawbpf_attach_usdt(rawbpf_object_find_program(obj,
							  "on_setjmp"),
					 0, "libc", "libc", "setjmp", NULL,
					 &at);
	if (err)
		fprintf(stderr, "%d: %s\n", err, rawbpf_object_error(obj));
	rawbpf_attachment_destroy(at);
	rawbpf_object_close(obj);
	return err ? 1 : 0;
}
