// SPDX-License-Identifier: BSD-2-Clause
/* env.c - shared cmocka setups; see env.h. */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "env.h"
#include "rawbpf/sys.h"

struct rb_env rb_env;

int rb_setup_pins(void **state)
{
	(void)state;
	rb_require_kernel();
	memset(&rb_env, 0, sizeof(rb_env));
	rb_env.cg_fd = -1;
	return rb_bpffs_dir(rb_env.dir, sizeof(rb_env.dir));
}

int rb_setup_cgroup(void **state)
{
	int err = rb_setup_pins(state);

	if (err)
		return err;
	rb_env.cg_fd = rb_cgroup_dir(rb_env.cg, sizeof(rb_env.cg));
	return rb_env.cg_fd < 0 ? rb_env.cg_fd : 0;
}

int rb_setup_net(void **state)
{
	int err = rb_setup_cgroup(state);

	return err ? err : rb_netns_enter(&rb_env.ns);
}

void rb_pin_path(char *out, size_t n, const char *name)
{
	snprintf(out, n, "%s/%s", rb_env.dir, name);
}

uint64_t rb_cgroup_id(int cg_fd)
{
	union {
		struct file_handle fh;
		char buf[sizeof(struct file_handle) + sizeof(uint64_t)];
	} h;
	uint64_t id;
	int mount_id;

	h.fh.handle_bytes = sizeof(id);
	assert_int_equal(name_to_handle_at(cg_fd, "", &h.fh, &mount_id,
					   AT_EMPTY_PATH), 0);
	assert_int_equal(h.fh.handle_bytes, sizeof(id));
	memcpy(&id, h.fh.f_handle, sizeof(id));
	return id;
}

int rb_cgroup_prog_count(uint32_t attach_type)
{
	uint32_t ids[16];
	RAWBPF_OPTS(rawbpf_sys_prog_query_opts, q, .prog_ids = ids, .count = 16);
	int err = rawbpf_sys_prog_query(rb_env.cg_fd, attach_type, &q);

	return err ? err : (int)q.count;
}

uint64_t rb_kallsyms_addr(const char *name)
{
	char line[512], sym[256], type;
	unsigned long long addr;
	uint64_t found = 0;
	FILE *f = fopen("/proc/kallsyms", "r");

	assert_non_null(f);
	while (!found && fgets(line, sizeof(line), f))
		if (sscanf(line, "%llx %c %255s", &addr, &type, sym) == 3 &&
		    !strcmp(sym, name))
			found = addr;
	fclose(f);
	return found;
}
