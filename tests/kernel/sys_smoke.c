// SPDX-License-Identifier: BSD-2-Clause
/* sys_smoke.c - the harness itself works: a map round-trips a value and a
 * program loads, runs and is found by id. */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"
#include "rawbpf/sys.h"

static void test_map_roundtrip(void **state)
{
	uint32_t key = 1, val = 42, out = 0;
	int fd;

	(void)state;
	rb_require_kernel();
	fd = rawbpf_sys_map_create(BPF_MAP_TYPE_HASH, "smoke", 4, 4, 8, NULL);
	assert_true(fd > 2);
	assert_int_equal(rawbpf_sys_map_update_elem(fd, &key, &val, BPF_ANY), 0);
	assert_int_equal(rawbpf_sys_map_lookup_elem(fd, &key, &out), 0);
	assert_int_equal(out, 42);
	key = 2;
	assert_int_equal(rawbpf_sys_map_lookup_elem(fd, &key, &out), -ENOENT);
	close(fd);
}

static void test_prog_runs(void **state)
{
	/* r0 = 7; exit */
	struct bpf_insn insns[] = {
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = 0, .imm = 7 },
		{ .code = BPF_JMP | BPF_EXIT },
	};
	unsigned char pkt[64] = { 0 };
	RAWBPF_OPTS(rawbpf_sys_prog_test_run_opts, run, .data_in = pkt,
		    .data_size_in = sizeof(pkt), .repeat = 1);
	int fd;

	(void)state;
	rb_require_kernel();
	fd = rawbpf_sys_prog_load(BPF_PROG_TYPE_SOCKET_FILTER, "smoke", "GPL",
			      insns, 2, NULL);
	assert_true(fd > 2);
	assert_int_equal(rawbpf_sys_prog_test_run(fd, &run), 0);
	assert_int_equal(run.retval, 7);
	close(fd);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_map_roundtrip, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_prog_runs, rb_fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
