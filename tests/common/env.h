/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * env.h - ready-made cmocka setups for kernel tests that need a pin
 * directory, a cgroup and/or a network namespace. The fixtures land in
 * the global rb_env; rb_fixture_teardown removes them.
 */
#ifndef RB_TEST_ENV_H
#define RB_TEST_ENV_H

#include <stddef.h>

#include "fixture.h"

struct rb_env {
	char dir[200];		/* this test's bpffs directory */
	char cg[256];		/* this test's cgroup (rb_setup_cgroup) */
	int cg_fd;
	struct rb_netns ns;	/* rb_setup_net */
};

extern struct rb_env rb_env;

/* rb_setup_pins - root gate + a fresh bpffs directory. */
int rb_setup_pins(void **state);
/* rb_setup_cgroup - rb_setup_pins + a fresh cgroup. */
int rb_setup_cgroup(void **state);
/* rb_setup_net - rb_setup_cgroup + a fresh netns with veth rbva/rbvb. */
int rb_setup_net(void **state);
/* rb_pin_path - "<rb_env.dir>/<name>" into @out. */
void rb_pin_path(char *out, size_t n, const char *name);
/* rb_cgroup_prog_count - programs attached (not effective) at the test
 * cgroup for @attach_type, or -errno. */
int rb_cgroup_prog_count(uint32_t attach_type);
/* rb_cgroup_id - cgroup @cg_fd's id as link info reports it (its kernfs
 * file handle; the inode number only on 64-bit kernels). Fails the test
 * when there is no handle. */
uint64_t rb_cgroup_id(int cg_fd);
/* rb_kallsyms_addr - the address /proc/kallsyms gives symbol @name (its
 * first line), 0 if none or hidden (kptr_restrict). */
uint64_t rb_kallsyms_addr(const char *name);

#endif
