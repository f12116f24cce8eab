// SPDX-License-Identifier: BSD-2-Clause
/* bpf_headers.c - programs written with rawbpf's BPF-side headers
 * (tests/bpf/hdr_runtime.bpf.c) see the right values on this kernel:
 * BPF_UPROBE's typed arguments and BPF_URETPROBE's return value for a
 * function of this binary, a BPF_CORE_READ pointer chain and a string read
 * against the kernel's task_struct, a (type, field) existence question,
 * and BPF_PROG's raw tracepoint arguments. */
#include <limits.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "fixture.h"
#include "kernel_features.h"
#include "rawbpf/attach_auto.h"
#include "rawbpf/attach_trace.h"
#include "rawbpf/object.h"
#include "rawbpf/sys.h"
#include "../bpf/hdr_runtime.h"

/* The uprobe target: exported (-rdynamic), never inlined. */
__attribute__((noinline)) long rb_hdr_target(int a, long b, const char *s)
{
	__asm__ volatile("" : "+r"(a), "+r"(b));
	return a * b + (long)strlen(s);
}

static long (*volatile target)(int, long, const char *) = rb_hdr_target;

/* The long argument: wider than 32 bits where long is. */
#if LONG_MAX > 0x7fffffffL
#define RB_HDR_B 0x123456789aL
#else
#define RB_HDR_B 0x12345678L
#endif

/* Open hdr_runtime.o with only @prog loaded, this process as the target. */
static struct rawbpf_object *open_one(const char *prog, long want_nr)
{
	static const char *const all[] = {
		"rb_hdr_up", "rb_hdr_uret", "rb_hdr_tp", "rb_hdr_rawtp",
	};
	struct rawbpf_object *obj = NULL;
	struct rb_hdr_cfg *cfg;
	size_t size;

	rb_need(RB_FEAT_KERNEL_BTF);	/* each program reads task_struct (CO-RE) */

	assert_int_equal(rawbpf_object_open_file(RB_BPF_OBJ("hdr_runtime"), NULL, &obj), 0);
	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		assert_int_equal(rawbpf_program_set_autoload(
			rawbpf_object_find_program(obj, all[i]),
			!strcmp(all[i], prog)), 0);
	cfg = rawbpf_object_global_data(obj, ".rodata", &size);
	assert_non_null(cfg);
	assert_int_equal(size, sizeof(*cfg));
	cfg->tgid = getpid();
	cfg->want_nr = want_nr;
	if (rawbpf_object_load(obj))
		fail_msg("load %s: %s", prog, rawbpf_object_error(obj));
	return obj;
}

static void read_out(struct rawbpf_object *obj, struct rb_hdr_out *out)
{
	uint32_t key = 0;
	int bss = rawbpf_map_fd(rawbpf_object_find_map(obj, ".bss"));

	assert_true(bss > 2);
	assert_int_equal(rawbpf_sys_map_lookup_elem(bss, &key, out), 0);
}

static void uprobe_case(bool retprobe)
{
	RAWBPF_OPTS(rawbpf_attach_uprobe_opts, o, .retprobe = retprobe);
	const char *prog = retprobe ? "rb_hdr_uret" : "rb_hdr_up";
	struct rawbpf_attachment *at = NULL;
	struct rawbpf_object *obj;
	struct rb_hdr_out out;
	char exe[512];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);

	rb_require_kernel();
	assert_true(n > 0);
	exe[n] = '\0';
	obj = open_one(prog, -1);
	assert_int_equal(rawbpf_attach_uprobe(rawbpf_program_fd(
		rawbpf_object_find_program(obj, prog)), exe, "rb_hdr_target", 0,
		&o, &at), 0);
	assert_int_equal(target(-7, RB_HDR_B, "headers"), -7 * RB_HDR_B + 7);
	read_out(obj, &out);
	if (retprobe) {
		assert_int_equal(out.ret_hits, 1);
		assert_int_equal(out.up_rc, -7 * RB_HDR_B + 7);
	} else {
		assert_int_equal(out.up_hits, 1);
		assert_int_equal(out.up_a, -7);		/* int, sign-extended */
		assert_int_equal(out.up_b, RB_HDR_B);
		assert_string_equal(out.up_s, "headers");
	}
	rawbpf_attachment_destroy(at);
	rawbpf_object_close(obj);
}

static void test_uprobe_args(void **state)
{
	(void)state;
	rb_skip_uprobe_under_valgrind();
	uprobe_case(false);
}

static void test_uretprobe_rc(void **state)
{
	(void)state;
	rb_skip_uprobe_under_valgrind();
	uprobe_case(true);
}

static void test_core_chain(void **state)
{
	struct rawbpf_attachment *at = NULL;
	struct rawbpf_object *obj;
	struct rb_hdr_out out;
	char comm[16] = "";

	(void)state;
	rb_require_kernel();
	assert_non_null(rb_tracefs());
	obj = open_one("rb_hdr_tp", -1);
	assert_int_equal(rawbpf_program_attach(
		rawbpf_object_find_program(obj, "rb_hdr_tp"), NULL, &at), 0);
	syscall(SYS_getppid);
	read_out(obj, &out);
	assert_int_equal(out.tp_hits, 1);
	assert_int_equal(out.ppid, getppid());
	assert_int_equal(prctl(PR_GET_NAME, comm), 0);
	assert_string_equal(out.comm, comm);
	assert_int_equal(out.parent_exists, 1);
	assert_int_equal(out.nothing_exists, 0);
	rawbpf_attachment_destroy(at);
	rawbpf_object_close(obj);
}

static void test_prog_args(void **state)
{
	struct rawbpf_attachment *at = NULL;
	struct rawbpf_object *obj;
	struct rb_hdr_out out;

	(void)state;
	rb_require_kernel();
	obj = open_one("rb_hdr_rawtp", SYS_getppid);
	assert_int_equal(rawbpf_program_attach(
		rawbpf_object_find_program(obj, "rb_hdr_rawtp"), NULL, &at), 0);
	syscall(SYS_getppid);
	syscall(SYS_getpid);	/* another id: not counted */
	read_out(obj, &out);
	assert_int_equal(out.rt_hits, 1);
	assert_int_equal(out.rt_nr, SYS_getppid);
	rawbpf_attachment_destroy(at);
	rawbpf_object_close(obj);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_uprobe_args),
		cmocka_unit_test(test_uretprobe_rc),
		cmocka_unit_test(test_core_chain),
		cmocka_unit_test(test_prog_args),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
