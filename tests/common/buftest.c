// SPDX-License-Identifier: BSD-2-Clause
/* buftest.c - helpers of the ring buffer and perf buffer kernel tests. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "buftest.h"
#include "faults.h"
#include "fixture.h"
#include "rawbpf/object.h"
#include "rawbpf/sys.h"
#include "map/buf.h"
#include "sys/raw.h"

struct rawbpf_object *rb_buf_load(void)
{
	struct rawbpf_object *obj = NULL;

	assert_int_equal(rawbpf_object_open_file(RB_BPF_OBJ("buf_events"),
						 NULL, &obj), 0);
	if (rawbpf_object_load(obj))
		fail_msg("load: %s", rawbpf_object_error(obj));
	return obj;
}

int rb_buf_map_fd(struct rawbpf_object *obj, const char *name)
{
	return rawbpf_map_fd(rawbpf_object_find_map(obj, name));
}

struct rb_buf_globals *rb_buf_globals(struct rawbpf_object *obj)
{
	size_t size;
	struct rb_buf_globals *g = rawbpf_object_global_data(obj, ".bss", &size);

	assert_non_null(g);
	assert_true(size >= sizeof(*g));
	return g;
}

int rb_buf_run(struct rawbpf_object *obj, const char *name, uint32_t n)
{
	unsigned char pkt[64] = { 0 };
	RAWBPF_OPTS(rawbpf_sys_prog_test_run_opts, o, .data_in = pkt,
		    .data_size_in = sizeof(pkt), .repeat = n);
	struct rawbpf_program *p = rawbpf_object_find_program(obj, name);

	assert_non_null(p);
	assert_int_equal(rawbpf_sys_prog_test_run(rawbpf_program_fd(p), &o), 0);
	return rb_buf_globals(obj)->last_err;
}

uint32_t rb_buf_check_event(const void *data, size_t size)
{
	struct rb_buf_event e;

	assert_true(size >= sizeof(e));
	memcpy(&e, data, sizeof(e));
	assert_int_equal(e.magic, RB_BUF_MAGIC);
	assert_int_equal(e.pad[0], (uint8_t)e.seq);
	return e.seq;
}

int rb_buf_mappings(const char *what)
{
	char line[512];
	int n = 0;
	FILE *f = fopen("/proc/self/maps", "r");

	assert_non_null(f);
	while (fgets(line, sizeof(line), f))
		n += strstr(line, what) != NULL;
	fclose(f);
	return n;
}

static int fail_k, fail_calls;

static int fail_bpf(void *ctx, int cmd, void *attr, unsigned int size,
		    long *ret)
{
	(void)ctx; (void)cmd; (void)attr; (void)size;
	if (++fail_calls != fail_k)
		return 0;
	*ret = RB_FAULT_BPF_ERR;
	return 1;
}

static int fail_perf(void *ctx, unsigned long request, long *ret)
{
	(void)ctx; (void)request;
	if (++fail_calls != fail_k)
		return 0;
	*ret = -EXDEV;
	return 1;
}

void rb_buf_fail_at(int k, int perf)
{
	static struct rb_sys_hook h;

	fail_k = k;
	fail_calls = 0;
	h = (struct rb_sys_hook){ .before = perf ? NULL : fail_bpf,
				  .perf = perf ? fail_perf : NULL };
	rb_sys_set_hook(k ? &h : NULL);
}

static int op_kind;

static int fail_op(void *ctx, enum rb_buf_op op)
{
	(void)ctx;
	if ((int)op != op_kind || ++fail_calls != fail_k)
		return 0;
	return -ENOTRECOVERABLE;
}

void rb_buf_fail_op(int op, int k)
{
	fail_k = k;
	fail_calls = 0;
	op_kind = op;
	rb_buf_set_hook(k ? fail_op : NULL, NULL);
}
