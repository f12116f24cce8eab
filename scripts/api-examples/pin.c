#include <stdio.h>
#include <unistd.h>
#include <rawbpf/pin.h>
#include <rawbpf/sys.h>

int main(void)
{
	int fd, again, err;

	fd = rawbpf_sys_prog_get_fd_by_id(1);
	if (fd < 0)
		return 1;
	if (rawbpf_bpffs_detect("/sys/fs/bpf") < 0)
		return 1;
	err = rawbpf_bpffs_pin(fd, "/sys/fs/bpf/my_prog");
	close(fd);
	if (err)
		return 1;
	again = rawbpf_bpffs_get("/sys/fs/bpf/my_prog", 0);
	if (again >= 0) {
		printf("pinned fd is a %d\n", rawbpf_fd_type(again));
		close(again);
	}
	return rawbpf_bpffs_unpin("/sys/fs/bpf/my_prog") ? 1 : 0;
}
