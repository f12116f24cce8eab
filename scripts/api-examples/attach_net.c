#include <net/if.h>
#include <stdio.h>
#include <rawbpf/abi.h>
#include <rawbpf/attach_net.h>
#include <rawbpf/sys.h>

int main(void)
{
	/* A cls_bpf filter on clsact (kernels before tcx, 6.6). */
	RAWBPF_OPTS(rawbpf_attach_tc_opts, opts,
		    .mode = RAWBPF_ATTACH_MODE_LEGACY);
	struct rawbpf_attachment *at;
	int ifindex = (int)if_nametoindex("eth0");
	int prog_fd = rawbpf_sys_prog_get_fd_by_id(1);	/* or rawbpf_program_fd() */
	int made, err;

	if (!ifindex || prog_fd < 0)
		return 1;
	/* 1: this call made the clsact qdisc, so it is ours to remove. */
	made = rawbpf_tc_qdisc_create(ifindex);
	if (made < 0)
		return 1;
	err = rawbpf_attach_tc(prog_fd, ifindex, RAWBPF_TCX_INGRESS, &opts,
			       &at);
	if (!err)
		rawbpf_attachment_destroy(at);	/* removes the filter */
	else
		fprintf(stderr, "attach_tc: %d\n", err);
	if (made == 1)
		rawbpf_tc_qdisc_destroy(ifindex);
	return err ? 1 : 0;
}
