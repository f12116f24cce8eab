// SPDX-License-Identifier: BSD-2-Clause
/* prog.c - BPF_PROG_LOAD with its verifier-log policy, PROG_TEST_RUN and
 * PROG_BIND_MAP. */
#include <errno.h>
#include <string.h>

#include "rawbpf/sys.h"
#include "core/mem.h"
#include "sys/abi.h"
#include "sys/raw.h"

/* EAGAIN means the verifier was interrupted; the load is safe to repeat. */
#define PROG_LOAD_EAGAIN_TRIES 5
/* The kernel refuses logs of UINT_MAX >> 2 bytes or more (since 5.2). */
#define LOG_MAX (UINT32_MAX >> 2)
#define LOG_GROW_START (64 * 1024)

static int prog_load_once(struct rb_attr_prog_load *a, unsigned int size,
			  uint32_t *attempts)
{
	int fd, i;

	for (i = 0; i < PROG_LOAD_EAGAIN_TRIES; i++) {
		(*attempts)++;
		fd = rb_sys_bpf_fd(RB_PROG_LOAD, a, size);
		if (fd != -EAGAIN)
			break;
	}
	return fd;
}

static void set_log(struct rb_attr_prog_load *a, char *buf, uint32_t size,
		    uint32_t level)
{
	a->log_buf = ptr_to_u64(buf);
	a->log_size = size;
	a->log_level = level;
	a->log_true_size = 0;
	if (buf && size)
		buf[0] = '\0';
}

/* Did the load fail because the log did not fit? -ENOSPC says so on every
 * kernel; 6.4+ also report the size the whole log needs. */
static bool log_truncated(int fd, const struct rb_attr_prog_load *a)
{
	return fd == -ENOSPC || a->log_true_size > a->log_size;
}

/* Reload into a buffer that grows until the whole log fits (or LOG_MAX). */
static int prog_load_grow_log(struct rb_attr_prog_load *a, unsigned int size,
			      struct rawbpf_sys_prog_load_opts *o)
{
	uint32_t cap = LOG_GROW_START, have = 0;
	uint32_t level = o->log_level ? o->log_level : 1;
	char *buf = NULL, *nbuf;
	int fd;

	for (;;) {
		nbuf = rb_resize(o->alloc, buf, cap);
		if (!nbuf) {
			fd = -ENOMEM;
			break;
		}
		buf = nbuf;
		have = cap;
		set_log(a, buf, cap, level);
		fd = prog_load_once(a, size, &o->attempts);
		if (fd >= 0 || !log_truncated(fd, a) || cap >= LOG_MAX)
			break;
		cap = a->log_true_size > cap ? a->log_true_size : cap * 2;
		if (cap > LOG_MAX)
			cap = LOG_MAX;
	}
	o->log_buf = buf;
	o->log_size = have;
	return fd;
}

#define PL(member) offsetofend(struct rb_attr_prog_load, member)

int rawbpf_sys_prog_load(uint32_t prog_type, const char *name,
			 const char *license, const struct bpf_insn *insns,
			 uint32_t insn_cnt,
			 struct rawbpf_sys_prog_load_opts *uopts)
{
	struct rawbpf_sys_prog_load_opts o;
	struct rb_attr_prog_load a;
	unsigned int size = PL(core_relo_rec_size);
	int fd, err;

	err = rb_opts_copy(&o, sizeof(o), uopts);
	if (err)
		return err;
	if (!insns || !insn_cnt)
		return -EINVAL;
	if (o.log_buf && (!o.log_size || o.log_size > LOG_MAX))
		return -EINVAL;
	memset(&a, 0, sizeof(a));
	a.prog_type = prog_type;
	a.insn_cnt = insn_cnt;
	a.insns = ptr_to_u64(insns);
	a.license = ptr_to_u64(license ? license : "");
	a.kern_version = o.kern_version;
	a.prog_flags = o.prog_flags;
	rb_copy_obj_name(a.prog_name, name);
	a.prog_ifindex = o.prog_ifindex;
	a.expected_attach_type = o.expected_attach_type;
	a.prog_btf_fd = o.prog_btf_fd;
	a.func_info_rec_size = o.func_info_rec_size;
	a.func_info = ptr_to_u64(o.func_info);
	a.func_info_cnt = o.func_info_cnt;
	a.line_info_rec_size = o.line_info_rec_size;
	a.line_info = ptr_to_u64(o.line_info);
	a.line_info_cnt = o.line_info_cnt;
	a.attach_btf_id = o.attach_btf_id;
	a.attach_prog_fd = o.attach_prog_fd ? o.attach_prog_fd :
					      o.attach_btf_obj_fd;
	a.fd_array = ptr_to_u64(o.fd_array);
	a.core_relos = ptr_to_u64(o.core_relos);
	a.core_relo_rec_size = o.core_relo_rec_size;
	a.core_relo_cnt = o.core_relo_cnt;
	/* With a log, ask for log_true_size (6.4; older kernels take the
	 * zero past their end). Newer parts only when the caller asked. */
	if (o.log_buf || o.log_grow)
		size = PL(log_true_size);
	if (o.token_fd) {
		a.prog_flags |= RAWBPF_F_TOKEN_FD;
		a.prog_token_fd = o.token_fd;
		size = PL(prog_token_fd);
	}
	if (o.fd_array_cnt) {
		a.fd_array_cnt = o.fd_array_cnt;
		size = PL(fd_array_cnt);
	}

	if (o.log_buf && o.log_level)
		set_log(&a, o.log_buf, o.log_size, o.log_level);
	/* A grown log asked for at level 1 or 2 is wanted also on success:
	 * load with it from the start. At level 0 only a failure grows one. */
	if (o.log_grow && !o.log_buf && o.log_level)
		fd = -EAGAIN;
	else
		fd = prog_load_once(&a, size, &o.attempts);
	if (fd < 0 && o.log_buf && !o.log_level) {
		set_log(&a, o.log_buf, o.log_size, 1);
		fd = prog_load_once(&a, size, &o.attempts);
	} else if (fd < 0 && o.log_grow && !o.log_buf) {
		fd = prog_load_grow_log(&a, size, &o);
		/* Hand the grown log to the caller, also on -ENOSPC/-EFAULT. */
		if (uopts) {
			uopts->log_buf = o.log_buf;
			uopts->log_size = o.log_size;
		}
	}
	if (uopts) {
		RB_SET_OUT(uopts, rawbpf_sys_prog_load_opts, log_true_size,
			   a.log_true_size);
		RB_SET_OUT(uopts, rawbpf_sys_prog_load_opts, attempts, o.attempts);
	}
	return fd;
}

void rawbpf_sys_prog_load_log_free(struct rawbpf_sys_prog_load_opts *opts)
{
	if (!opts || !opts->log_grow || !opts->log_buf)
		return;
	rb_free(opts->alloc, opts->log_buf);
	opts->log_buf = NULL;
	opts->log_size = 0;
}

int rawbpf_sys_prog_test_run(int prog_fd,
			     struct rawbpf_sys_prog_test_run_opts *uopts)
{
	struct rawbpf_sys_prog_test_run_opts o;
	struct rb_attr_test_run a;
	unsigned int size = offsetofend(struct rb_attr_test_run, ctx_out);
	long ret;
	int err = rb_opts_copy(&o, sizeof(o), uopts);

	if (err)
		return err;
	if (!uopts)
		return -EINVAL;
	memset(&a, 0, sizeof(a));
	a.prog_fd = (uint32_t)prog_fd;
	a.data_in = ptr_to_u64(o.data_in);
	a.data_size_in = o.data_size_in;
	a.data_out = ptr_to_u64(o.data_out);
	a.data_size_out = o.data_size_out;
	a.ctx_in = ptr_to_u64(o.ctx_in);
	a.ctx_size_in = o.ctx_size_in;
	a.ctx_out = ptr_to_u64(o.ctx_out);
	a.ctx_size_out = o.ctx_size_out;
	a.repeat = o.repeat;
	if (o.flags || o.cpu) {
		a.flags = o.flags;
		a.cpu = o.cpu;
		size = offsetofend(struct rb_attr_test_run, cpu);
	}
	if (o.batch_size) {
		a.flags = o.flags;
		a.cpu = o.cpu;
		a.batch_size = o.batch_size;
		size = offsetofend(struct rb_attr_test_run, batch_size);
	}
	ret = rb_sys_bpf(RB_PROG_TEST_RUN, &a, size);
	RB_SET_OUT(uopts, rawbpf_sys_prog_test_run_opts, data_size_out, a.data_size_out);
	RB_SET_OUT(uopts, rawbpf_sys_prog_test_run_opts, ctx_size_out, a.ctx_size_out);
	RB_SET_OUT(uopts, rawbpf_sys_prog_test_run_opts, retval, a.retval);
	RB_SET_OUT(uopts, rawbpf_sys_prog_test_run_opts, duration, a.duration);
	return (int)ret;
}

int rawbpf_sys_prog_bind_map(int prog_fd, int map_fd, uint32_t flags)
{
	struct rb_attr_prog_bind_map a;

	memset(&a, 0, sizeof(a));
	a.prog_fd = (uint32_t)prog_fd;
	a.map_fd = (uint32_t)map_fd;
	a.flags = flags;
	return (int)rb_sys_bpf(RB_PROG_BIND_MAP, &a,
			       offsetofend(struct rb_attr_prog_bind_map, flags));
}
