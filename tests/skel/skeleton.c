// SPDX-License-Identifier: BSD-2-Clause
/* skeleton.c - the generated skeleton of tests/bpf/skel_test.bpf.c
 * (skel_test.skel.h, made at build time by `rawbpf gen skeleton` through
 * rawbpf_add_bpf_object(... SKELETON)): globals set through skel->rodata,
 * ->data and custom sections before load are what the programs see; what
 * the programs write reads back through skel->bss and ->data after load;
 * the map-in-map and prog_array initialised in the object work; __attach
 * and __detach drive a tracepoint program, checked by its counter. */
#include <errno.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "fixture.h"
#include "kernel_features.h"
#include "rawbpf/sys.h"
#include "skel_test.skel.h"

static int run(struct rawbpf_program *prog)
{
	unsigned char pkt[64] = { 0 };
	RAWBPF_OPTS(rawbpf_sys_prog_test_run_opts, o, .data_in = pkt,
		    .data_size_in = sizeof(pkt), .repeat = 1);

	assert_int_equal(rawbpf_sys_prog_test_run(rawbpf_program_fd(prog), &o), 0);
	return (int)o.retval;
}

static void test_globals(void **state)
{
	struct skel_test_bpf *skel;
	struct skel_test_bpf__rodata *before;
	uint64_t want, inner = 0;
	uint32_t zero = 0;

	(void)state;
	rb_require_kernel();
	skel = skel_test_bpf__open();
	assert_non_null(skel);
	/* the initial values of the object, typed */
	assert_int_equal(skel->rodata->cfg.mult, 2);
	assert_int_equal(skel->rodata->cfg.add, 3);
	assert_string_equal(skel->rodata->cfg.tag, "abc");
	assert_int_equal(skel->rodata->mode, SKEL_MODE_OFF);
	assert_int_equal(skel->data->data_counter, 5);
	assert_int_equal(skel->data->data_arr[2], 3);
	assert_int_equal(skel->data_custom->custom_val, 42);
	assert_int_equal(skel->rodata_custom->custom_ro, 77);
	assert_int_equal(skel->bss->bss_result, 0);
	/* set before load */
	skel->rodata->cfg.mult = 4;
	skel->rodata->cfg.add = 1000;
	skel->rodata->cfg.range.hi = 20;
	memcpy(skel->rodata->cfg.tag, "xyzzy", 6);
	skel->rodata->mode = SKEL_MODE_ON;
	skel->rodata->small_ro = 2;
	skel->data->data_arr[2] = 30;
	skel->data_custom->custom_val = 40;
	skel->rodata_custom->custom_ro = 7;
	before = skel->rodata;
	if (skel_test_bpf__load(skel))
		fail_msg("load: %s", rawbpf_object_error(skel->obj));
	/* after load the pointers are the mmaped maps */
	assert_ptr_not_equal(skel->rodata, before);
	assert_non_null(skel->bss);
	assert_int_equal(skel->rodata->cfg.mult, 4);
	/* skel_run tail-calls skel_tail (9) through jmp's initial slot */
	assert_int_equal(run(skel->progs.skel_run), 9);
	want = 4 * 5 + 1000 + 20 + 30 + 40 + 7 + 2;
	assert_int_equal(skel->bss->bss_result, want);
	assert_string_equal(skel->bss->bss_tag, "xyzzy");
	assert_int_equal(skel->bss->bss_mode_seen, 100 + SKEL_MODE_ON);
	assert_int_equal(skel->data->data_counter, 6);
	/* outer's initial slot 1 is inner_b: the program wrote through it
	 * (a 32-bit 6.1 kernel looks slot 1 up wrongly: kernel_features.c) */
	assert_int_equal(rawbpf_sys_map_lookup_elem(rawbpf_map_fd(skel->maps.inner_b),
						    &zero, &inner), 0);
	if (rb_have(RB_FEAT_FD_ARRAY_LOOKUP))
		assert_int_equal(inner, want);
	/* .data written through the skeleton after load reaches the program */
	skel->data->data_counter = 100;
	assert_int_equal(run(skel->progs.skel_run), 9);
	assert_int_equal(skel->bss->bss_result, want - 4 * 5 + 4 * 100);
	assert_int_equal(skel->data->data_counter, 101);
	skel_test_bpf__destroy(skel);
}

static void test_attach_detach(void **state)
{
	struct skel_test_bpf *skel;

	(void)state;
	rb_require_kernel();
	skel = skel_test_bpf__open();
	assert_non_null(skel);
	skel->rodata->filter_pid = getpid();
	assert_int_equal(skel_test_bpf__load(skel), 0);
	assert_null(skel->links.skel_tp);
	if (skel_test_bpf__attach(skel))
		fail_msg("attach: %s", rawbpf_object_error(skel->obj));
	assert_non_null(skel->links.skel_tp);
	/* socket, bare uprobe, xdp: nothing to attach to by themselves */
	assert_null(skel->links.skel_run);
	assert_null(skel->links.skel_bare_uprobe);
	assert_null(skel->links.skel_xdp);
	syscall(SYS_getppid);
	syscall(SYS_getppid);
	assert_int_equal(skel->bss->tp_hits, 2);
	skel_test_bpf__detach(skel);
	assert_null(skel->links.skel_tp);
	syscall(SYS_getppid);
	assert_int_equal(skel->bss->tp_hits, 2);
	/* attach again; destroy takes the attachment down with the object */
	assert_int_equal(skel_test_bpf__attach(skel), 0);
	syscall(SYS_getppid);
	assert_int_equal(skel->bss->tp_hits, 3);
	skel_test_bpf__destroy(skel);
}

static void test_open_variants(void **state)
{
	RAWBPF_OPTS(rawbpf_object_open_opts, opts, .name = "skel_custom");
	struct skel_test_bpf *skel;
	size_t size = 0;

	(void)state;
	rb_require_kernel();
	skel = skel_test_bpf__open_opts(&opts);
	assert_non_null(skel);
	assert_string_equal(rawbpf_object_name(skel->obj), "skel_custom");
	skel_test_bpf__destroy(skel);
	skel = skel_test_bpf__open();
	assert_string_equal(rawbpf_object_name(skel->obj), "skel_test_bpf");
	skel_test_bpf__destroy(skel);
	skel_test_bpf__destroy(NULL);
	skel = skel_test_bpf__open_and_load();
	assert_non_null(skel);
	assert_true(rawbpf_program_fd(skel->progs.skel_run) > 2);
	assert_non_null(skel_test_bpf__elf_bytes(&size));
	assert_true(size > 64);
	skel_test_bpf__destroy(skel);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_globals, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_attach_detach, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_open_variants, rb_fixture_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
