// SPDX-License-Identifier: BSD-2-Clause
/*
 * sys_stats.c - BPF_ENABLE_STATS: while the returned fd is open, program
 * runs are counted (run_cnt, run_time_ns in prog info); unknown types are
 * refused.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"
#include "progs.h"
#include "rawbpf/sys.h"

static uint64_t run_cnt(int prog, uint64_t *ns)
{
	struct bpf_prog_info info;
	uint32_t len = sizeof(info);

	memset(&info, 0, sizeof(info));
	if (rawbpf_sys_obj_get_info_by_fd(prog, &info, &len))
		return UINT64_MAX;
	if (ns)
		*ns = info.run_time_ns;
	return info.run_cnt;
}

static void test_enable_stats(void **state)
{
	unsigned char pkt[64] = { 0 };
	RAWBPF_OPTS(rawbpf_sys_prog_test_run_opts, o, .data_in = pkt,
		    .data_size_in = sizeof(pkt), .repeat = 25);
	uint64_t ns = 0;
	int prog, stats;

	(void)state;
	rb_require_kernel();
	prog = rb_load_ret(BPF_PROG_TYPE_SOCKET_FILTER, 0, 0);
	assert_true(prog > 2);
	stats = rawbpf_sys_enable_stats(BPF_STATS_RUN_TIME);
	assert_true(stats > 2);
	assert_int_equal(run_cnt(prog, NULL), 0);
	assert_int_equal(rawbpf_sys_prog_test_run(prog, &o), 0);
	assert_int_equal(run_cnt(prog, &ns), 25);
	assert_true(ns > 0);
	close(stats);
	assert_int_equal(rawbpf_sys_enable_stats(99), -EINVAL);
	close(prog);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_enable_stats, rb_fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
