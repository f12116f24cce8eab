// SPDX-License-Identifier: BSD-2-Clause
/* objtest.c - run a loaded object's program and read a map id for tests
 * (objtest.h). */
#include <string.h>
#include <linux/bpf.h>

#include "fixture.h"
#include "objtest.h"
#include "rawbpf/object.h"
#include "rawbpf/sys.h"

int rb_obj_run(struct rawbpf_object *obj, const char *name)
{
	unsigned char pkt[64] = { 0 };
	RAWBPF_OPTS(rawbpf_sys_prog_test_run_opts, o, .data_in = pkt,
		    .data_size_in = sizeof(pkt), .repeat = 1);
	struct rawbpf_program *p = rawbpf_object_find_program(obj, name);

	assert_non_null(p);
	assert_true(rawbpf_program_fd(p) > 2);
	assert_int_equal(rawbpf_sys_prog_test_run(rawbpf_program_fd(p), &o), 0);
	return (int)o.retval;
}

uint32_t rb_obj_map_id(int fd)
{
	struct bpf_map_info info;
	uint32_t len = sizeof(info);

	memset(&info, 0, sizeof(info));
	assert_int_equal(rawbpf_sys_obj_get_info_by_fd(fd, &info, &len), 0);
	return info.id;
}
