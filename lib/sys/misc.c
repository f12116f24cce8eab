// SPDX-License-Identifier: BSD-2-Clause
/* misc.c - BTF_LOAD, ENABLE_STATS, TOKEN_CREATE, PROG_STREAM_READ_BY_FD
 * and perf_event_open. */
#include <errno.h>
#include <string.h>

#include "rawbpf/sys.h"
#include "core/mem.h"
#include "sys/abi.h"
#include "sys/raw.h"

int rawbpf_sys_btf_load(const void *btf, uint32_t btf_size,
			struct rawbpf_sys_btf_load_opts *uopts)
{
	struct rawbpf_sys_btf_load_opts o;
	struct rb_attr_btf_load a;
	unsigned int size = offsetofend(struct rb_attr_btf_load, btf_log_level);
	int fd, err = rb_opts_copy(&o, sizeof(o), uopts);

	if (err)
		return err;
	if (!btf || !btf_size)
		return -EINVAL;
	memset(&a, 0, sizeof(a));
	a.btf = ptr_to_u64(btf);
	a.btf_size = btf_size;
	if (o.log_buf) {
		if (!o.log_size)
			return -EINVAL;
		a.btf_log_buf = ptr_to_u64(o.log_buf);
		a.btf_log_size = o.log_size;
		a.btf_log_level = o.log_level ? o.log_level : 1;
		o.log_buf[0] = '\0';
		/* log_true_size (6.4): older kernels take the zero. */
		size = offsetofend(struct rb_attr_btf_load, btf_log_true_size);
	}
	if (o.btf_flags || o.token_fd) {
		a.btf_flags = o.btf_flags;
		if (o.token_fd) {
			a.btf_flags |= RAWBPF_F_TOKEN_FD;
			a.btf_token_fd = o.token_fd;
		}
		size = offsetofend(struct rb_attr_btf_load, btf_token_fd);
	}
	fd = rb_sys_bpf_fd(RB_BTF_LOAD, &a, size);
	if (uopts)
		RB_SET_OUT(uopts, rawbpf_sys_btf_load_opts, log_true_size,
			   a.btf_log_true_size);
	return fd;
}

int rawbpf_sys_enable_stats(uint32_t type)
{
	struct rb_attr_enable_stats a;

	memset(&a, 0, sizeof(a));
	a.type = type;
	return rb_sys_bpf_fd(RB_ENABLE_STATS, &a, sizeof(a));
}

int rawbpf_sys_prog_stream_read(int prog_fd, uint32_t stream_id, void *buf,
				uint32_t size)
{
	struct rb_attr_prog_stream_read a;

	if (!buf && size)
		return -EINVAL;
	memset(&a, 0, sizeof(a));
	a.stream_buf = ptr_to_u64(buf);
	a.stream_buf_len = size;
	a.stream_id = stream_id;
	a.prog_fd = (uint32_t)prog_fd;
	return (int)rb_sys_bpf(RB_PROG_STREAM_READ_BY_FD, &a,
			       offsetofend(struct rb_attr_prog_stream_read, prog_fd));
}

int rawbpf_sys_token_create(int bpffs_fd, uint32_t flags)
{
	struct rb_attr_token_create a;

	memset(&a, 0, sizeof(a));
	a.flags = flags;
	a.bpffs_fd = (uint32_t)bpffs_fd;
	return rb_sys_bpf_fd(RB_TOKEN_CREATE, &a,
			     offsetofend(struct rb_attr_token_create, bpffs_fd));
}

int rawbpf_sys_perf_event_open(struct perf_event_attr *attr, int pid, int cpu,
			       int group_fd, unsigned long flags)
{
	if (!attr)
		return -EINVAL;
	return rb_sys_perf_event_open(attr, pid, cpu, group_fd, flags);
}
