// SPDX-License-Identifier: BSD-2-Clause
/* attach_tracing.c - fentry, fexit, fmod_ret, tp_btf and lsm programs fire
 * through LINK_CREATE and through RAW_TRACEPOINT_OPEN(NULL). On kernels
 * where these programs cannot load (this machine: EPERM from PROG_LOAD)
 * each test skips naming the missing feature; tests/unit/attach_trace.c
 * checks the attrs they send. */
#include <errno.h>
#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "fixture.h"
#include "kernel_features.h"
#include "trace_progs.h"
#include "vmlinux_btf.h"
#include "rawbpf/attach_trace.h"
#include "rawbpf/sys.h"

#define BTF_KIND_FUNC 12
#define BTF_KIND_TYPEDEF 8

struct hook {
	uint32_t prog_type;
	uint32_t attach_type;
	const char *btf_name;
	unsigned btf_kind;
	const char *feature;	/* named in the skip */
};

static const struct hook fentry = {
	BPF_PROG_TYPE_TRACING, BPF_TRACE_FENTRY, "bpf_fentry_test1",
	BTF_KIND_FUNC, "fentry (BPF trampoline: tracing program load fails)" };
static const struct hook fexit = {
	BPF_PROG_TYPE_TRACING, BPF_TRACE_FEXIT, "bpf_fentry_test1",
	BTF_KIND_FUNC, "fexit (BPF trampoline: tracing program load fails)" };
/* A security_* function takes fmod_ret on every kernel; the test_run
 * target bpf_modify_return_test only with CONFIG_FUNCTION_ERROR_INJECTION
 * or in the kernel's fmodret set (Debian's 6.1 has neither: -EINVAL). */
static const struct hook fmod_ret = {
	BPF_PROG_TYPE_TRACING, BPF_MODIFY_RETURN, "security_file_open",
	BTF_KIND_FUNC, "fmod_ret (BPF trampoline: tracing program load fails)" };
static const struct hook tp_btf = {
	BPF_PROG_TYPE_TRACING, BPF_TRACE_RAW_TP, "btf_trace_sys_enter",
	BTF_KIND_TYPEDEF, "tp_btf (BTF tracing program load fails)" };
static const struct hook lsm = {
	BPF_PROG_TYPE_LSM, BPF_LSM_MAC, "bpf_lsm_file_open", BTF_KIND_FUNC,
	"lsm (BPF LSM program load fails / bpf not in lsm=)" };

/* Load the counting program for @h or skip naming the feature. */
static int load_or_skip(const struct hook *h, int map)
{
	int btf_id = rb_vmlinux_btf_id(h->btf_name, h->btf_kind);
	int fd;

	if (btf_id < 0) {
		close(map);
		rb_skip_feature("%s: no BTF for %s", h->feature, h->btf_name);
	}
	fd = rb_tcount_load_btf(&(struct rb_tcount_prog){
		.prog_type = h->prog_type, .attach_type = h->attach_type,
		.map_fd = map, .tgid = (uint32_t)getpid(),
	}, (uint32_t)btf_id);
	if (h->attach_type == BPF_TRACE_RAW_TP) {	/* tp_btf: no trampoline */
		if (fd == -EPERM || fd == -EOPNOTSUPP || fd == -524 /* ENOTSUPP */) {
			close(map);
			rb_skip_feature("%s (PROG_LOAD: %d)", h->feature, fd);
		}
	} else {
		rb_need_trampoline(fd, map, h->feature);
	}
	assert_true(fd > 2);
	return fd;
}

/* Make @h's hook run once in this process. */
static void trigger(const struct hook *h, int prog)
{
	RAWBPF_OPTS(rawbpf_sys_prog_test_run_opts, run);
	int fd;

	switch (h->attach_type) {
	case BPF_TRACE_FENTRY:
	case BPF_TRACE_FEXIT:
		/* test_run of a tracing program calls bpf_fentry_test1 */
		assert_int_equal(rawbpf_sys_prog_test_run(prog, &run), 0);
		break;
	case BPF_TRACE_RAW_TP:
		syscall(SYS_getpid);
		break;
	case BPF_MODIFY_RETURN:	/* security_file_open; returns 0: open works */
	case BPF_LSM_MAC:
		fd = open("/proc/self/stat", O_RDONLY | O_CLOEXEC);
		assert_true(fd >= 0);
		close(fd);
		break;
	}
}

static void hook_fires(const struct hook *h, uint32_t mode)
{
	RAWBPF_OPTS(rawbpf_attach_tracing_opts, o, .mode = mode);
	struct rawbpf_attachment *at = NULL;
	uint64_t before;
	int map, prog;

	rb_require_kernel();
	map = rb_tcount_map();
	assert_true(map > 2);
	prog = load_or_skip(h, map);
	assert_int_equal(rawbpf_attach_tracing(prog, h->attach_type, &o, &at), 0);
	assert_int_equal(rawbpf_attachment_kind(at), RAWBPF_ATTACH_KIND_LINK);
	trigger(h, prog);
	assert_true(rb_tcount_get(map, 0) >= 1);
	rawbpf_attachment_destroy(at);
	before = rb_tcount_get(map, 0);
	trigger(h, prog);
	assert_int_equal(rb_tcount_get(map, 0), before);
	close(prog);
	close(map);
}

#define HOOK_TESTS(h)                                                   \
	static void test_##h##_link(void **state)                       \
	{                                                               \
		(void)state;                                            \
		hook_fires(&h, RAWBPF_ATTACH_MODE_LINK);                       \
	}                                                               \
	static void test_##h##_legacy(void **state)                     \
	{                                                               \
		(void)state;                                            \
		hook_fires(&h, RAWBPF_ATTACH_MODE_LEGACY);                     \
	}

HOOK_TESTS(fentry)
HOOK_TESTS(fexit)
HOOK_TESTS(fmod_ret)
HOOK_TESTS(tp_btf)
HOOK_TESTS(lsm)

#define T(name) cmocka_unit_test_teardown(name, rb_fixture_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_fentry_link), T(test_fentry_legacy),
		T(test_fexit_link), T(test_fexit_legacy),
		T(test_fmod_ret_link), T(test_fmod_ret_legacy),
		T(test_tp_btf_link), T(test_tp_btf_legacy),
		T(test_lsm_link), T(test_lsm_legacy),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
