#include <stdio.h>
#include <rawbpf/attach_trace.h>
#include <rawbpf/object.h>

int main(void)
{
	struct rawbpf_object *obj;
	struct rawbpf_attachment *tp = NULL, *up = NULL;
	int prog_fd, err;

	if (rawbpf_object_open_file("trace.bpf.o", NULL, &obj))
		return 1;
	err = rawbpf_object_load(obj);
	if (err)
		goto out;
	prog_fd = rawbpf_program_fd(rawbpf_object_find_program(obj, "on_exec"));
	err = rawbpf_attach_tracepoint(prog_fd, "sched", "sched_process_exec",
				       NULL, &tp);
	if (err)
		goto out;
	/* pid 0 (the default) probes this process only, as in libbpf. */
	prog_fd = rawbpf_program_fd(rawbpf_object_find_program(obj, "on_malloc"));
	err = rawbpf_attach_uprobe_spec(prog_fd, "libc:malloc", NULL, &up);
out:
	if (err)
		fprintf(stderr, "%d: %s\n", err, rawbpf_object_error(obj));
	rawbpf_attachment_destroy(up);
	rawbpf_attachment_destroy(tp);
	rawbpf_object_close(obj);
	return err ? 1 : 0;
}
