// SPDX-License-Identifier: BSD-2-Clause
/*
 * attach_kprobe_multi.c - kprobe.multi patterns and kprobe sessions fire:
 * one link on every kernel function a pattern matches (the syscall entries
 * of getpgid and setpgid, "__x64_sys_[gs]etpgid" on x86-64), through the
 * API and through section names; each function is seen with its own
 * address (bpf_get_func_ip == its /proc/kallsyms address) and the right
 * number of calls; a session's return runs only where its entry returned
 * 0. Needs CONFIG_FPROBE (not in Debian's 6.1: the backports VM runs it).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "env.h"
#include "fixture.h"
#include "kernel_features.h"
#include "logcap.h"
#include "rawbpf/attach_auto.h"
#include "rawbpf/attach_trace.h"
#include "rawbpf/object.h"
#include "rawbpf/sys.h"

#define NO_KPROBES "kprobes (CONFIG_KPROBES / kprobe PMU absent)"

enum { ENTRY, RETURN, S_ENTRY, S_RETURN };

struct key {
	uint64_t ip;
	uint32_t kind;
	uint32_t pad;
};

struct mfx {
	struct rawbpf_object *obj;
	int hits, cfg;
	char pattern[64];
	uint64_t gid_ip, sid_ip;	/* getpgid's, setpgid's: /proc/kallsyms */
};

static struct rb_logcap log;	/* the library's messages */
static pid_t pgid;	/* this process's group, read before any attach */

static void need_multi(void)
{
	rb_require_kernel();
	if (!rb_have(RB_FEAT_KPROBE_MULTI)) {
		if (access("/sys/bus/event_source/devices/kprobe/type", F_OK))
			rb_skip_feature(NO_KPROBES);
		rb_need(RB_FEAT_KPROBE_MULTI);
	}
}

static void fx_open(struct mfx *f, bool session)
{
	uint32_t k = 0;
	uint64_t tgid = (uint64_t)getpid();
	char name[64];

	rb_logcap_start(&log, RAWBPF_LOG_WARN);
	pgid = getpgid(0);
	assert_non_null(rb_tracefs());
	assert_int_equal(rawbpf_ksyscall_name("[gs]etpgid", f->pattern,
					      sizeof(f->pattern)), 0);
	assert_int_equal(rawbpf_ksyscall_name("getpgid", name, sizeof(name)), 0);
	f->gid_ip = rb_kallsyms_addr(name);
	assert_int_equal(rawbpf_ksyscall_name("setpgid", name, sizeof(name)), 0);
	f->sid_ip = rb_kallsyms_addr(name);
	assert_true(f->gid_ip && f->sid_ip);
	assert_int_equal(rawbpf_object_open_file(RB_BPF_OBJ("multi_probe"), NULL,
						 &f->obj), 0);
	if (session)
		assert_int_equal(rawbpf_program_set_autoload(
			rawbpf_object_find_program(f->obj, "on_session"), true), 0);
	assert_int_equal(rawbpf_object_load(f->obj), 0);
	f->hits = rawbpf_map_fd(rawbpf_object_find_map(f->obj, "hits"));
	f->cfg = rawbpf_map_fd(rawbpf_object_find_map(f->obj, "cfg"));
	assert_true(f->hits > 2 && f->cfg > 2);
	assert_int_equal(rawbpf_sys_map_update_elem(f->cfg, &k, &tgid, BPF_ANY), 0);
	k = 1;
	assert_int_equal(rawbpf_sys_map_update_elem(f->cfg, &k, &f->gid_ip, BPF_ANY), 0);
}

static int prog_fd(struct mfx *f, const char *name)
{
	return rawbpf_program_fd(rawbpf_object_find_program(f->obj, name));
}

/* program @name attached through section "@prefix/<the pattern>" */
static struct rawbpf_attachment *attach_sec(struct mfx *f, const char *name,
					    const char *prefix, uint32_t type)
{
	RAWBPF_OPTS(rawbpf_attach_section_opts, so);
	struct rawbpf_attachment *at = NULL;
	char sec[96];

	snprintf(sec, sizeof(sec), "%s/%s", prefix, f->pattern);
	assert_int_equal(rawbpf_attach_section(prog_fd(f, name), sec, type, &so, &at), 0);
	return at;
}

static uint64_t hits(struct mfx *f, uint64_t ip, uint32_t kind)
{
	struct key k = { .ip = ip, .kind = kind };
	uint64_t v = 0;

	if (rawbpf_sys_map_lookup_elem(f->hits, &k, &v))
		return 0;
	return v;
}

/* keys of @kind in the map: functions seen */
static int seen(struct mfx *f, uint32_t kind)
{
	struct key k, next;
	int n = 0;
	void *prev = NULL;

	while (!rawbpf_sys_map_get_next_key(f->hits, prev, &next)) {
		if (next.kind == kind)
			n++;
		k = next;
		prev = &k;
	}
	return n;
}

/* what the library said and what the programs saw, for a failure */
static void dump(struct mfx *f)
{
	struct key k, next;
	void *prev = NULL;
	uint64_t v;

	print_message("library: %s", log.text);
	print_message("getpgid at %#llx, setpgid at %#llx\n",
		      (unsigned long long)f->gid_ip, (unsigned long long)f->sid_ip);
	for (int i = 0; i < 2; i++) {
		char path[256], line[256];
		FILE *fp;

		snprintf(path, sizeof(path), "%s/available_filter_functions%s",
			 rb_tracefs(), i ? "_addrs" : "");
		fp = fopen(path, "r");
		while (fp && fgets(line, sizeof(line), fp))
			if (strstr(line, "etpgid"))
				print_message("  %s: %s", path, line);
		if (fp)
			fclose(fp);
	}
	while (!rawbpf_sys_map_get_next_key(f->hits, prev, &next)) {
		v = 0;
		rawbpf_sys_map_lookup_elem(f->hits, &next, &v);
		print_message("  ip %#llx kind %u: %llu\n", (unsigned long long)next.ip,
			      next.kind, (unsigned long long)v);
		k = next;
		prev = &k;
	}
}

#define CHECK(f, expr) do { if (!(expr)) { dump(f); fail_msg("%s", #expr); } } while (0)

/* @get getpgid calls and @set setpgid calls (to the group it is in: no
 * change), and getppid, which the pattern does not match */
static void calls(int get, int set)
{
	for (int i = 0; i < get; i++)
		syscall(SYS_getpgid, 0);
	for (int i = 0; i < set; i++)
		assert_int_equal(syscall(SYS_setpgid, 0, pgid), 0);
	syscall(SYS_getppid);
}

/* rawbpf_attach_kprobe_multi_glob: both functions, each with its calls */
static void test_glob_api(void **state)
{
	struct rawbpf_attachment *at = NULL;
	struct mfx f;

	(void)state;
	need_multi();
	fx_open(&f, false);
	CHECK(&f, rawbpf_attach_kprobe_multi_glob(prog_fd(&f, "on_multi"),
						  f.pattern, NULL, &at) == 0);
	calls(2, 3);
	print_message("%s: getpgid %lu, setpgid %lu, functions %d\n", f.pattern,
		      (unsigned long)hits(&f, f.gid_ip, ENTRY),
		      (unsigned long)hits(&f, f.sid_ip, ENTRY), seen(&f, ENTRY));
	CHECK(&f, hits(&f, f.gid_ip, ENTRY) == 2);
	CHECK(&f, hits(&f, f.sid_ip, ENTRY) == 3);
	CHECK(&f, seen(&f, ENTRY) == 2);
	/* the link is the attachment: gone with it */
	rawbpf_attachment_destroy(at);
	calls(1, 1);
	CHECK(&f, hits(&f, f.gid_ip, ENTRY) == 2);
	CHECK(&f, hits(&f, f.sid_ip, ENTRY) == 3);
	/* a pattern nothing matches: -ENOENT, no link */
	at = NULL;
	assert_int_equal(rawbpf_attach_kprobe_multi_glob(prog_fd(&f, "on_multi"),
							 "rawbpf_no_such_fn*", NULL, &at),
			 -ENOENT);
	assert_null(at);
	rawbpf_object_close(f.obj);
}

/* kretprobe.multi/PATTERN through the section name */
static void test_glob_section_ret(void **state)
{
	struct rawbpf_attachment *at;
	struct mfx f;

	(void)state;
	need_multi();
	fx_open(&f, false);
	at = attach_sec(&f, "on_multi_ret", "kretprobe.multi", BPF_TRACE_KPROBE_MULTI);
	calls(3, 1);
	CHECK(&f, hits(&f, f.gid_ip, RETURN) == 3);
	CHECK(&f, hits(&f, f.sid_ip, RETURN) == 1);
	CHECK(&f, seen(&f, ENTRY) == 0);
	rawbpf_attachment_destroy(at);
	rawbpf_object_close(f.obj);
}

/* kprobe.session/PATTERN: entries of both, the return of getpgid only
 * (its entry returns 0; setpgid's returns 1) */
static void test_session(void **state)
{
	struct rawbpf_attachment *at;
	struct mfx f;

	(void)state;
	need_multi();
	rb_need(RB_FEAT_KPROBE_SESSION);
	fx_open(&f, true);
	at = attach_sec(&f, "on_session", "kprobe.session", RAWBPF_TRACE_KPROBE_SESSION);
	calls(2, 3);
	CHECK(&f, hits(&f, f.gid_ip, S_ENTRY) == 2);
	CHECK(&f, hits(&f, f.sid_ip, S_ENTRY) == 3);
	CHECK(&f, hits(&f, f.gid_ip, S_RETURN) == 2);
	CHECK(&f, hits(&f, f.sid_ip, S_RETURN) == 0);
	rawbpf_attachment_destroy(at);
	rawbpf_object_close(f.obj);
}

#define T(name) cmocka_unit_test_teardown(name, rb_fixture_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_glob_api), T(test_glob_section_ret), T(test_session),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
