#include <stdio.h>
#include <linux/bpf.h>
#include <rawbpf/abi.h>
#include <rawbpf/attach.h>

int main(void)
{
	struct rawbpf_attachment *at;
	struct rawbpf_link_info info;

	/* RAWBPF_TCX_INGRESS exists even when <linux/bpf.h> predates 6.6. */
	printf("tcx ingress is attach type %d\n", RAWBPF_TCX_INGRESS);
	if (rawbpf_link_open_id(1, &at, NULL))
		return 1;
	if (!rawbpf_attachment_info(at, &info))
		printf("link 1: type %u prog %u\n", info.type, info.prog_id);
	rawbpf_attachment_disown(at);	/* leave the link as it was */
	return 0;
}
