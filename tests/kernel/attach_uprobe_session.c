// SPDX-License-Identifier: BSD-2-Clause
/*
 * attach_uprobe_session.c - uprobe sessions (6.13): one uprobe_multi link
 * of attach type BPF_TRACE_UPROBE_SESSION on this program's two target
 * functions, from the section name uprobe.session/PATH:PATTERN; both
 * entries run, and the return only of the function whose entry run
 * returned 0.
 */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include "fixture.h"
#include "kernel_features.h"
#include "trace_progs.h"
#include "rawbpf/attach_auto.h"
#include "rawbpf/object.h"
#include "rawbpf/sys.h"

enum { ENTRY, RETURN, S_ENTRY, S_RETURN };	/* multi_probe.bpf.c */

struct key {
	uint64_t ip;
	uint32_t kind;
	uint32_t pad;
};

/* Probe targets: exported, never inlined, with a body. */
__attribute__((noinline)) int rb_usession_a(int x)
{
	__asm__ volatile("" : "+r"(x));
	return x + 1;
}

__attribute__((noinline)) int rb_usession_b(int x)
{
	__asm__ volatile("" : "+r"(x));
	return x + 2;
}

static int (*volatile call_a)(int) = rb_usession_a;
static int (*volatile call_b)(int) = rb_usession_b;

static uint64_t hits(int map, uint64_t ip, uint32_t kind)
{
	struct key k = { .ip = ip, .kind = kind };
	uint64_t v = 0;

	if (rawbpf_sys_map_lookup_elem(map, &k, &v))
		return 0;
	return v;
}

static void test_uprobe_session(void **state)
{
	RAWBPF_OPTS(rawbpf_attach_section_opts, so, .pid = getpid());
	uint64_t tgid = (uint64_t)getpid(), a = (uintptr_t)rb_usession_a;
	uint64_t b = (uintptr_t)rb_usession_b;
	struct rawbpf_attachment *at = NULL;
	struct rawbpf_object *obj;
	int hitmap, cfg, prog;
	uint32_t k = 0;
	char sec[600];

	(void)state;
	rb_skip_uprobe_under_valgrind();
	rb_require_kernel();
	rb_need(RB_FEAT_UPROBE_SESSION);
	assert_int_equal(rawbpf_object_open_file(RB_BPF_OBJ("multi_probe"), NULL, &obj), 0);
	assert_int_equal(rawbpf_program_set_autoload(
		rawbpf_object_find_program(obj, "on_usession"), true), 0);
	assert_int_equal(rawbpf_object_load(obj), 0);
	hitmap = rawbpf_map_fd(rawbpf_object_find_map(obj, "hits"));
	cfg = rawbpf_map_fd(rawbpf_object_find_map(obj, "cfg"));
	prog = rawbpf_program_fd(rawbpf_object_find_program(obj, "on_usession"));
	assert_int_equal(rawbpf_sys_map_update_elem(cfg, &k, &tgid, BPF_ANY), 0);
	k = 1;
	assert_int_equal(rawbpf_sys_map_update_elem(cfg, &k, &a, BPF_ANY), 0);
	snprintf(sec, sizeof(sec), "uprobe.session/%s:rb_usession_[ab]", rb_self_exe);
	assert_int_equal(rawbpf_attach_section(prog, sec, RAWBPF_TRACE_UPROBE_SESSION,
					       &so, &at), 0);
	for (int i = 0; i < 2; i++)
		call_a(i);
	for (int i = 0; i < 3; i++)
		call_b(i);
	assert_int_equal(hits(hitmap, a, S_ENTRY), 2);
	assert_int_equal(hits(hitmap, b, S_ENTRY), 3);
	assert_int_equal(hits(hitmap, a, S_RETURN), 2);
	assert_int_equal(hits(hitmap, b, S_RETURN), 0);
	/* gone with the attachment */
	rawbpf_attachment_destroy(at);
	call_a(0);
	assert_int_equal(hits(hitmap, a, S_ENTRY), 2);
	/* a session that would also be a return probe: refused */
	{
		RAWBPF_OPTS(rawbpf_attach_uprobe_multi_opts, mo, .session = true,
			    .retprobe = true);
		const char *f = "rb_usession_a";

		at = NULL;
		assert_int_equal(rawbpf_attach_uprobe_multi(prog, rb_self_exe, &f, 1, &mo, &at),
				 -EINVAL);
		assert_null(at);
	}
	rawbpf_object_close(obj);
}

#define T(name) cmocka_unit_test_teardown(name, rb_fixture_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_uprobe_session),
	};

	return cmocka_run_group_tests(tests, rb_self_exe_setup, NULL);
}
