// SPDX-License-Identifier: BSD-2-Clause
/*
 * attach_trace_bpf.c - BPF trampolines on BPF programs and the kernel's own
 * test functions (tests/bpf/trace_bpf_prog.bpf.c):
 * - fentry and fexit on rb_target_func, a global function of a loaded XDP
 *   program (tests/bpf/attach_freplace.bpf.c), named with
 *   rawbpf_program_set_attach_func(): each test run of the XDP program
 *   enters and leaves it once, fexit sees its verdict, the link says whose
 *   function it traces, and after detach nothing fires;
 * - fentry on bpf_fentry_test1, which a test run of the fentry program
 *   itself calls: the argument arrives and bpf_get_func_ip (5.15) is the
 *   function's address in /proc/kallsyms; kprobe, kretprobe and fexit
 *   there see its argument and return value.
 * Runs where the kernel has BPF trampolines (Debian's 6.1 VM); elsewhere
 * it skips naming them.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"
#include "env.h"
#include "kernel_features.h"
#include "rawbpf/attach_auto.h"
#include "rawbpf/attach_trace.h"
#include "rawbpf/object.h"
#include "rawbpf/sys.h"

struct seen {
	uint64_t entries, exits, func_ip, kernel_arg;
	int64_t ret;
	int64_t kprobe_arg, kretprobe_ret, fexit_ret;
};

struct tb {
	struct rawbpf_object *target;	/* the XDP program traced */
	struct rawbpf_object *obj;	/* the tracing programs */
	int target_fd;
	struct seen *seen;
};

/* Both objects loaded, or the test skipped when the kernel has no BPF
 * trampolines (tracing PROG_LOAD refused). */
static void tb_load(struct tb *t)
{
	static const char *const on_target[] = { "rb_on_entry", "rb_on_exit" };
	struct rawbpf_program *p;
	size_t size, i;
	int err;

	rb_require_kernel();
	/* the target's global function takes the context (typed through
	 * the kernel's BTF, as in attach_freplace.c) */
	rb_need(RB_FEAT_KERNEL_BTF);
	memset(t, 0, sizeof(*t));
	assert_int_equal(rawbpf_object_open_file(RB_BPF_OBJ("attach_freplace"),
						 NULL, &t->target), 0);
	assert_int_equal(rawbpf_object_load(t->target), 0);
	p = rawbpf_object_find_program(t->target, "rb_freplace_main");
	assert_non_null(p);
	t->target_fd = rawbpf_program_fd(p);
	assert_int_equal(rawbpf_object_open_file(RB_BPF_OBJ("trace_bpf_prog"),
						 NULL, &t->obj), 0);
	for (i = 0; i < 2; i++) {
		p = rawbpf_object_find_program(t->obj, on_target[i]);
		assert_non_null(p);
		/* the function named by the section, in the target's BTF */
		assert_int_equal(rawbpf_program_set_attach_func(p, t->target_fd, NULL), 0);
	}
	err = rawbpf_object_load(t->obj);
	if (err == -EPERM || err == -EOPNOTSUPP || err == -524 /* ENOTSUPP */) {
		rawbpf_object_close(t->obj);
		rawbpf_object_close(t->target);
		rb_skip_feature("fentry (BPF trampoline: tracing program load fails) (PROG_LOAD: %d)",
				err);
	}
	if (err)
		fail_msg("load: %s", rawbpf_object_error(t->obj));
	t->seen = rawbpf_object_global_data(t->obj, ".bss", &size);
	assert_non_null(t->seen);
	assert_int_equal(size, sizeof(struct seen));
}

static void tb_close(struct tb *t)
{
	rawbpf_object_close(t->obj);
	rawbpf_object_close(t->target);
}

static int prog_fd(struct tb *t, const char *name)
{
	struct rawbpf_program *p = rawbpf_object_find_program(t->obj, name);

	assert_non_null(p);
	return rawbpf_program_fd(p);
}

/* @n test runs of the XDP program on a 64-byte packet: rb_target_func
 * returns XDP_PASS on each. */
static void run_target(struct tb *t, uint32_t n)
{
	unsigned char pkt[64] = { 0 };
	RAWBPF_OPTS(rawbpf_sys_prog_test_run_opts, run, .data_in = pkt,
		    .data_size_in = sizeof(pkt), .repeat = n);

	assert_int_equal(rawbpf_sys_prog_test_run(t->target_fd, &run), 0);
	assert_int_equal(run.retval, XDP_PASS);
}

static void test_fentry_fexit_on_bpf_function(void **state)
{
	struct rawbpf_attachment *in = NULL, *out = NULL;
	struct rawbpf_link_info info;
	struct bpf_prog_info pi;
	uint32_t len = sizeof(pi);
	struct tb t;

	(void)state;
	tb_load(&t);
	run_target(&t, 3);
	assert_int_equal(t.seen->entries, 0);	/* nothing attached yet */
	assert_int_equal(rawbpf_attach_tracing(prog_fd(&t, "rb_on_entry"),
					       BPF_TRACE_FENTRY, NULL, &in), 0);
	assert_int_equal(rawbpf_attach_tracing(prog_fd(&t, "rb_on_exit"),
					       BPF_TRACE_FEXIT, NULL, &out), 0);
	run_target(&t, 5);
	assert_int_equal(t.seen->entries, 5);
	assert_int_equal(t.seen->exits, 5);
	assert_int_equal(t.seen->ret, XDP_PASS);
	/* the link names the traced program as its target */
	memset(&info, 0, sizeof(info));
	memset(&pi, 0, sizeof(pi));
	assert_int_equal(rawbpf_attachment_info(in, &info), 0);
	assert_int_equal(info.type, BPF_LINK_TYPE_TRACING);
	assert_int_equal(rawbpf_sys_obj_get_info_by_fd(t.target_fd, &pi, &len), 0);
	assert_int_equal(info.tracing.target_obj_id, pi.id);
	assert_int_equal(info.tracing.attach_type, BPF_TRACE_FENTRY);
	/* detached: the target runs untraced */
	rawbpf_attachment_destroy(in);
	rawbpf_attachment_destroy(out);
	run_target(&t, 2);
	assert_int_equal(t.seen->entries, 5);
	assert_int_equal(t.seen->exits, 5);
	tb_close(&t);
}

/* Who holds a traced program: a tracing program loaded against it holds
 * it until its first attach, when the link takes that reference over. So
 * with the target's object closed (no fd of ours left) it stays while the
 * fexit link or the never-attached fentry program does, and goes with the
 * last of them. */
static void test_traced_program_holders(void **state)
{
	struct rawbpf_attachment *out = NULL;
	struct bpf_prog_info pi;
	uint32_t len = sizeof(pi);
	struct tb t;

	(void)state;
	tb_load(&t);
	memset(&pi, 0, sizeof(pi));
	assert_int_equal(rawbpf_sys_obj_get_info_by_fd(t.target_fd, &pi, &len), 0);
	assert_int_equal(rawbpf_attach_tracing(prog_fd(&t, "rb_on_exit"),
					       BPF_TRACE_FEXIT, NULL, &out), 0);
	rawbpf_object_close(t.target);
	t.target = NULL;
	usleep(100000);	/* past an RCU grace period, were it freed */
	assert_true(rb_prog_id_exists(pi.id));
	rawbpf_attachment_destroy(out);	/* rb_on_entry, loaded, still holds it */
	usleep(100000);
	assert_true(rb_prog_id_exists(pi.id));
	rawbpf_object_close(t.obj);	/* the last holder */
	t.obj = NULL;
	assert_int_equal(rb_wait_id_gone(rb_prog_id_exists, pi.id, 5000), 0);
}

static void test_fentry_kernel_func_ip(void **state)
{
	struct rawbpf_attachment *at = NULL;
	RAWBPF_OPTS(rawbpf_sys_prog_test_run_opts, run);
	uint64_t addr;
	struct tb t;
	int fd;

	(void)state;
	rb_need(RB_FEAT_KERNEL_BTF);
	rb_need(RB_FEAT_KERNEL_TRAMPOLINE);	/* on a kernel function */
	tb_load(&t);
	addr = rb_kallsyms_addr("bpf_fentry_test1");
	assert_true(addr != 0);	/* root reads real addresses */
	fd = prog_fd(&t, "rb_on_kernel");
	assert_int_equal(rawbpf_attach_tracing(fd, BPF_TRACE_FENTRY, NULL, &at), 0);
	/* a test run of a fentry program calls bpf_fentry_test1(1), ... */
	assert_int_equal(rawbpf_sys_prog_test_run(fd, &run), 0);
	assert_int_equal(t.seen->kernel_arg, 1);
	assert_int_equal(t.seen->func_ip, addr);
	rawbpf_attachment_destroy(at);
	tb_close(&t);
}

/* kprobe, kretprobe and fexit on bpf_fentry_test1, attached as their
 * sections say: the argument (1) and the return value (2) arrive. */
static void test_kernel_func_arg_and_return(void **state)
{
	static const char *const names[] = { "rb_kprobe", "rb_kretprobe",
					     "rb_on_kernel_exit" };
	struct rawbpf_attachment *at[3] = { 0 };
	RAWBPF_OPTS(rawbpf_sys_prog_test_run_opts, run);
	struct tb t;
	int i;

	(void)state;
	rb_need(RB_FEAT_KERNEL_BTF);
	rb_need(RB_FEAT_KERNEL_TRAMPOLINE);	/* fexit on a kernel function */
	tb_load(&t);
	for (i = 0; i < 3; i++) {
		struct rawbpf_program *p = rawbpf_object_find_program(t.obj, names[i]);

		assert_non_null(p);
		assert_int_equal(rawbpf_program_attach(p, NULL, &at[i]), 0);
		assert_int_equal(rawbpf_attachment_kind(at[i]), RAWBPF_ATTACH_KIND_LINK);
	}
	assert_int_equal(rawbpf_sys_prog_test_run(prog_fd(&t, "rb_on_kernel"), &run), 0);
	assert_int_equal(t.seen->kprobe_arg, 1);
	assert_int_equal(t.seen->kretprobe_ret, 2);
	assert_int_equal(t.seen->fexit_ret, 2);
	for (i = 0; i < 3; i++)
		rawbpf_attachment_destroy(at[i]);
	tb_close(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fentry_fexit_on_bpf_function),
		cmocka_unit_test(test_traced_program_holders),
		cmocka_unit_test(test_fentry_kernel_func_ip),
		cmocka_unit_test(test_kernel_func_arg_and_return),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
