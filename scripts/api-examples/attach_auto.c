#include <stdio.h>
#include <rawbpf/attach_auto.h>
#include <rawbpf/object.h>

int main(void)
{
	struct rawbpf_object *obj;
	struct rawbpf_program *prog;
	struct rawbpf_attachment *at;
	int err;

	if (rawbpf_object_open_file("minimal.bpf.o", NULL, &obj))
		return 1;
	err = rawbpf_object_load(obj);
	/* One program, attached as its SEC() name says. */
	prog = rawbpf_object_find_program(obj, "handle_tp");
	if (!err)
		err = rawbpf_program_attach(prog, NULL, &at);
	if (err)
		fprintf(stderr, "%d: %s\n", err, rawbpf_object_error(obj));
	else
		printf("attached, fd %d\n", rawbpf_attachment_fd(
			       rawbpf_program_attachment(prog)));
	rawbpf_object_close(obj);	/* destroys the program's attachment */
	return err ? 1 : 0;
}
