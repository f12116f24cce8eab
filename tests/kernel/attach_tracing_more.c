// SPDX-License-Identifier: BSD-2-Clause
/* attach_tracing_more.c - trampoline links as attach_tracepoint.c checks
 * tracepoints: the cookie an fentry and an lsm program reads (LINK_CREATE;
 * RAW_TRACEPOINT_OPEN carries one only since 6.10), link info (attach
 * type, target BTF object and id), no update and no detach, a pinned
 * fentry link outliving its creator and an unpinned one going with it,
 * an lsm and an fmod_ret program's verdict denying open().
 * Kernels without BPF trampolines (this machine: PROG_LOAD gets EPERM)
 * skip naming them; the 6.1 VM (tests/vm) runs them. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "faults.h"
#include "fixture.h"
#include "kernel_features.h"
#include "progs.h"
#include "trace_progs.h"
#include "vmlinux_btf.h"
#include "rawbpf/attach_trace.h"
#include "rawbpf/pin.h"
#include "rawbpf/sys.h"

#define BTF_KIND_FUNC 12
#define FENTRY_FN "bpf_fentry_test1"	/* test_run of a tracing program calls it */
#define LSM_FN "bpf_lsm_file_open"

struct tr {
	int map;
	int prog;		/* counts (slot 0) or stores its cookie (slot 2) */
	int trigger;		/* fentry: an unattached program to test_run */
	uint32_t type;		/* BPF_TRACE_FENTRY or BPF_LSM_MAC */
	int btf_id;
};

static int tr_load(struct tr *t, bool store_cookie)
{
	return rb_tcount_load_btf(&(struct rb_tcount_prog){
		.prog_type = t->type == BPF_LSM_MAC ? BPF_PROG_TYPE_LSM :
						      BPF_PROG_TYPE_TRACING,
		.attach_type = t->type, .map_fd = t->map,
		.tgid = (uint32_t)getpid(), .slot = store_cookie ? 2 : 0,
		.store_cookie = store_cookie }, (uint32_t)t->btf_id);
}

/* The programs for @type, or a skip naming what the kernel lacks. */
static void tr_setup(struct tr *t, uint32_t type, bool store_cookie)
{
	const char *fn = type == BPF_LSM_MAC ? LSM_FN : FENTRY_FN;
	const char *feat = type == BPF_LSM_MAC ?
		"lsm (BPF LSM program load fails / bpf not in lsm=)" :
		"fentry (BPF trampoline: tracing program load fails)";
	int fd;

	rb_require_kernel();
	memset(t, 0, sizeof(*t));
	t->type = type;
	t->trigger = -1;
	t->btf_id = rb_vmlinux_btf_id(fn, BTF_KIND_FUNC);
	if (t->btf_id < 0)
		rb_skip_feature("%s: no BTF for %s", feat, fn);
	t->map = rb_tcount_map();
	assert_true(t->map > 2);
	fd = tr_load(t, false);
	rb_need_trampoline(fd, t->map, feat);
	assert_true(fd > 2);
	if (type == BPF_TRACE_FENTRY)
		t->trigger = fd;	/* the attached program is another one */
	if (!store_cookie) {
		t->prog = type == BPF_TRACE_FENTRY ? tr_load(t, false) : fd;
		assert_true(t->prog > 2);
		return;
	}
	if (type != BPF_TRACE_FENTRY)
		close(fd);
	/* bpf_get_attach_cookie in trampoline programs: 6.0 */
	t->prog = tr_load(t, true);
	if (t->prog == -EINVAL) {
		if (t->trigger >= 0)
			close(t->trigger);
		close(t->map);
		rb_skip_feature("bpf_get_attach_cookie in fentry/lsm programs (6.0)");
	}
	assert_true(t->prog > 2);
}

static void tr_done(struct tr *t)
{
	close(t->prog);
	if (t->trigger >= 0)
		close(t->trigger);
	close(t->map);
}

/* Run the hook once in this process. */
static void tr_fire(struct tr *t)
{
	RAWBPF_OPTS(rawbpf_sys_prog_test_run_opts, run);
	int fd;

	if (t->type == BPF_TRACE_FENTRY) {
		assert_int_equal(rawbpf_sys_prog_test_run(t->trigger, &run), 0);
		return;
	}
	fd = open("/proc/self/stat", O_RDONLY | O_CLOEXEC);
	assert_true(fd >= 0);
	close(fd);
}

static void cookie_arrives(uint32_t type)
{
	RAWBPF_OPTS(rawbpf_attach_tracing_opts, o, .mode = RAWBPF_ATTACH_MODE_LINK,
		    .cookie = 0x5eed0000cafe0000ULL | type);
	struct rawbpf_attachment *at = NULL;
	struct rawbpf_link_info info;
	struct tr t;
	int err;

	tr_setup(&t, type, true);
	assert_int_equal(rawbpf_attach_tracing(t.prog, type, &o, &at), 0);
	tr_fire(&t);
	assert_true(rb_tcount_get(t.map, 2) == o.cookie);
	memset(&info, 0, sizeof(info));
	assert_int_equal(rawbpf_attachment_info(at, &info), 0);
	assert_int_equal(info.type, BPF_LINK_TYPE_TRACING);
	assert_int_equal(info.tracing.attach_type, type);
	assert_int_equal(info.tracing.target_btf_id, t.btf_id);
	assert_true(info.tracing.target_obj_id > 0);	/* vmlinux's BTF */
	rawbpf_attachment_destroy(at);
	/* LEGACY is RAW_TRACEPOINT_OPEN: a cookie field only since 6.10,
	 * and for tp_btf only */
	rb_tcount_set(t.map, 2, 0);
	o.mode = RAWBPF_ATTACH_MODE_LEGACY;
	o.cookie = 99;
	at = NULL;
	err = rawbpf_attach_tracing(t.prog, type, &o, &at);
	/* fentry/fexit/fmod_ret/lsm: the kernel drops a RAW_TRACEPOINT_OPEN
	 * cookie (only tp_btf's arrives, 6.10): refused before the call */
	if (type != BPF_TRACE_RAW_TP || !rb_have(RB_FEAT_RAW_TP_COOKIE)) {
		assert_int_equal(err, -EINVAL);
		assert_null(at);
		tr_fire(&t);
		assert_int_equal(rb_tcount_get(t.map, 2), 0);
	} else {
		assert_int_equal(err, 0);
		tr_fire(&t);
		assert_int_equal(rb_tcount_get(t.map, 2), 99);
		rawbpf_attachment_destroy(at);
	}
	tr_done(&t);
}

static void test_fentry_cookie_and_info(void **state)
{
	(void)state;
	cookie_arrives(BPF_TRACE_FENTRY);
}

static void test_lsm_cookie_and_info(void **state)
{
	(void)state;
	cookie_arrives(BPF_LSM_MAC);
}

/* A trampoline link takes no new program and has no LINK_DETACH: the
 * kernel says so and the hook keeps running until the link goes. */
static void update_and_detach(uint32_t type)
{
	RAWBPF_OPTS(rawbpf_attach_tracing_opts, o);
	struct rawbpf_attachment *at = NULL;
	struct tr t;
	int other;

	tr_setup(&t, type, false);
	other = tr_load(&t, false);
	assert_true(other > 2);
	assert_int_equal(rawbpf_attach_tracing(t.prog, type, &o, &at), 0);
	tr_fire(&t);
	assert_int_equal(rb_tcount_get(t.map, 0), 1);
	assert_int_equal(rawbpf_attachment_update(at, other, -1), -EINVAL);
	assert_int_equal(rawbpf_attachment_detach(at), -EOPNOTSUPP);
	tr_fire(&t);
	assert_int_equal(rb_tcount_get(t.map, 0), 2);
	rawbpf_attachment_destroy(at);
	tr_fire(&t);
	assert_int_equal(rb_tcount_get(t.map, 0), 2);
	close(other);
	tr_done(&t);
}

static void test_fentry_update_and_detach(void **state)
{
	(void)state;
	update_and_detach(BPF_TRACE_FENTRY);
}

static void test_lsm_update_and_detach(void **state)
{
	(void)state;
	update_and_detach(BPF_LSM_MAC);
}

/* A child attaches (and pins, with @pin) an fentry link and exits. */
static void child_attaches(struct tr *t, const char *pin)
{
	pid_t child = fork();
	int status;

	if (child == 0) {
		struct rawbpf_attachment *at;
		int err = rawbpf_attach_tracing(t->prog, t->type, NULL, &at);

		if (!err && pin)
			err = rawbpf_attachment_pin(at, pin);
		_exit(err ? 1 : 0);
	}
	assert_true(child > 0);
	assert_int_equal(waitpid(child, &status, 0), child);
	assert_int_equal(status, 0);
}

static void test_fentry_pinned_outlives_creator(void **state)
{
	struct rawbpf_attachment *at = NULL;
	struct rawbpf_link_info info;
	char dir[256], pin[300];
	struct tr t;

	(void)state;
	tr_setup(&t, BPF_TRACE_FENTRY, false);
	assert_int_equal(rb_bpffs_dir(dir, sizeof(dir)), 0);
	snprintf(pin, sizeof(pin), "%s/fentry", dir);
	child_attaches(&t, pin);
	close(t.prog);	/* only the pinned link holds the program now */
	tr_fire(&t);
	tr_fire(&t);
	assert_int_equal(rb_tcount_get(t.map, 0), 2);
	assert_int_equal(rawbpf_link_open_pinned(pin, &at, NULL), 0);
	memset(&info, 0, sizeof(info));
	assert_int_equal(rawbpf_attachment_info(at, &info), 0);
	assert_int_equal(info.type, BPF_LINK_TYPE_TRACING);
	assert_int_equal(info.tracing.attach_type, BPF_TRACE_FENTRY);
	rawbpf_attachment_destroy(at);
	assert_int_equal(unlink(pin), 0);
	assert_int_equal(rb_wait_id_gone(rb_link_id_exists, info.id, 2000), 0);
	assert_int_equal(rb_wait_id_gone(rb_prog_id_exists, info.prog_id, 2000), 0);
	tr_fire(&t);
	assert_int_equal(rb_tcount_get(t.map, 0), 2);
	close(t.trigger);
	close(t.map);
}

static void test_fentry_link_gone_with_creator(void **state)
{
	uint32_t prog_id;
	struct tr t;

	(void)state;
	tr_setup(&t, BPF_TRACE_FENTRY, false);
	prog_id = rb_obj_id(t.prog);
	child_attaches(&t, NULL);
	/* the child's link fd closed with it: the trampoline lets go */
	for (int ms = 0; rb_links_of_prog(prog_id) && ms < 2000; ms += 10)
		usleep(10000);
	assert_int_equal(rb_links_of_prog(prog_id), 0);
	tr_fire(&t);
	assert_int_equal(rb_tcount_get(t.map, 0), 0);
	tr_done(&t);
}

/* The hook's verdict applies: an lsm program on file_open, or an fmod_ret
 * program on security_file_open, returning -EPERM for this process makes
 * its open() fail with EPERM, until the link goes. */
static void verdict(uint32_t prog_type, uint32_t type, const char *fn,
		    const char *feature)
{
	struct rawbpf_attachment *at = NULL;
	int map, prog, btf_id, fd;

	rb_require_kernel();
	btf_id = rb_vmlinux_btf_id(fn, BTF_KIND_FUNC);
	if (btf_id < 0)
		rb_skip_feature("%s: no BTF for %s", feature, fn);
	map = rb_tcount_map();
	assert_true(map > 2);
	prog = rb_tcount_load_btf(&(struct rb_tcount_prog){
		.prog_type = prog_type, .attach_type = type, .map_fd = map,
		.tgid = (uint32_t)getpid(), .retval = -EPERM }, (uint32_t)btf_id);
	rb_need_trampoline(prog, map, feature);
	assert_true(prog > 2);
	assert_int_equal(rawbpf_attach_tracing(prog, type, NULL, &at), 0);
	errno = 0;
	fd = open("/proc/self/stat", O_RDONLY | O_CLOEXEC);
	assert_int_equal(fd, -1);
	assert_int_equal(errno, EPERM);
	assert_int_equal(rb_tcount_get(map, 0), 1);
	rawbpf_attachment_destroy(at);
	fd = open("/proc/self/stat", O_RDONLY | O_CLOEXEC);
	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(rb_tcount_get(map, 0), 1);
	close(prog);
	close(map);
}

static void test_lsm_denies(void **state)
{
	(void)state;
	verdict(BPF_PROG_TYPE_LSM, BPF_LSM_MAC, LSM_FN,
		"lsm (BPF LSM program load fails / bpf not in lsm=)");
}

/* security_* functions take fmod_ret on every kernel (attach_tracing.c) */
static void test_fmod_ret_overrides(void **state)
{
	(void)state;
	verdict(BPF_PROG_TYPE_TRACING, BPF_MODIFY_RETURN, "security_file_open",
		"fmod_ret (BPF trampoline: tracing program load fails)");
}

#define T(name) cmocka_unit_test_teardown(name, rb_fixture_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_fentry_cookie_and_info), T(test_lsm_cookie_and_info),
		T(test_fentry_update_and_detach), T(test_lsm_update_and_detach),
		T(test_fentry_pinned_outlives_creator),
		T(test_fentry_link_gone_with_creator),
		T(test_lsm_denies), T(test_fmod_ret_overrides),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
