#define _POSIX_C_SOURCE 200809L /* O_DIRECTORY */
#include <fcntl.h>
#include <unistd.h>
#include <linux/bpf.h>
#include <rawbpf/attach_cgroup.h>
#include <rawbpf/sys.h>

int main(void)
{
	RAWBPF_OPTS(rawbpf_attach_cgroup_opts, opts,
		    .mode = RAWBPF_ATTACH_MODE_LINK);
	struct rawbpf_attachment *at;
	int cg, prog_fd, err;

	cg = open("/sys/fs/cgroup/my.slice", O_RDONLY | O_DIRECTORY);
	prog_fd = rawbpf_sys_prog_get_fd_by_id(1);	/* or rawbpf_program_fd() */
	if (cg < 0 || prog_fd < 0)
		return 1;
	err = rawbpf_attach_cgroup(prog_fd, cg, BPF_CGROUP_INET_INGRESS,
				   &opts, &at);
	if (!err)
		rawbpf_attachment_destroy(at);
	close(prog_fd);
	close(cg);
	return err ? 1 : 0;
}
