#include <stdio.h>
#include <rawbpf/attach.h>

int main(void)
{
	struct rawbpf_attachment *at;
	int err;

	/* Take over a link some other process pinned, and remove it. */
	err = rawbpf_link_open_pinned("/sys/fs/bpf/my_link", &at, NULL);
	if (err) {
		fprintf(stderr, "open: %d\n", err);
		return 1;
	}
	printf("kind %d fd %d\n", (int)rawbpf_attachment_kind(at),
	       rawbpf_attachment_fd(at));
	err = rawbpf_attachment_unpin(at);
	rawbpf_attachment_destroy(at);	/* detaches: nothing pins it now */
	return err ? 1 : 0;
}
