// SPDX-License-Identifier: BSD-2-Clause
/*
 * attach_kprobe_multi.c - kprobe.multi patterns without a kernel: which
 * functions tracefs' lists give for a pattern (rb_ksym_glob), and what
 * rawbpf_attach_kprobe_multi_glob sends to bpf() for a tracefs directory
 * made here, with addresses (6.5 list) or names; sessions; every refusal
 * before bpf(), with nothing left allocated or open.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"
#include "budget.h"
#include "logcap.h"
#include "sys_record.h"
#include "rawbpf/attach_auto.h"
#include "rawbpf/attach_trace.h"
#include "rawbpf/sys.h"
#include "attach/ksym_glob.h"
#include "core/mem.h"
#include "sys/abi.h"

#define FAKE_FD 900

/* 32-bit addresses (as a 32-bit kernel prints them): the same test on
 * every host */
static const char ADDRS[] =
	"c1001000 vfs_read\n"
	"c1000500 vfs_readv\n"
	"c1002000 vfs_write\n"
	"f8001000 vfs_read_mod [somemod]\n"
	"c1000500 vfs_readv\n"		/* listed twice */
	"c1003000 __ftrace_invalid_address___123\n"
	"c1004000 do_sys_open\n";

static const char NAMES[] =
	"vfs_read\n"
	"vfs_write\n"
	"vfs_readv\n"
	"vfs_read\n"				/* two static functions */
	"ext4_read [ext4]\n"
	"__ftrace_invalid_address___99\n";

static char *copy(const char *s)
{
	char *b = malloc(strlen(s) + 1);

	assert_non_null(b);
	strcpy(b, s);
	return b;
}

static void test_glob_addrs(void **state)
{
	struct budget b = { .left = -1 };
	struct rawbpf_allocator a = rb_budget_allocator(&b);
	struct rb_ksym_matches m;
	char *buf = copy(ADDRS);

	(void)state;
	assert_int_equal(rb_ksym_glob(buf, strlen(buf), true, "vfs_read*", &a, &m), 0);
	/* sorted by address, the repeat once, the module's function too */
	assert_int_equal(m.cnt, 3);
	assert_null(m.names);
	assert_true(m.addrs[0] == 0xc1000500ul);
	assert_true(m.addrs[1] == 0xc1001000ul);
	assert_true(m.addrs[2] == 0xf8001000ul);
	rb_ksym_matches_free(&a, &m);
	assert_int_equal(b.live, 0);
	free(buf);

	/* ftrace's placeholder never matches, even by '*' */
	buf = copy(ADDRS);
	assert_int_equal(rb_ksym_glob(buf, strlen(buf), true, "*", &a, &m), 0);
	assert_int_equal(m.cnt, 5);
	rb_ksym_matches_free(&a, &m);
	free(buf);
	/* no match: 0 functions, nothing allocated */
	buf = copy(ADDRS);
	assert_int_equal(rb_ksym_glob(buf, strlen(buf), true, "tcp_*", &a, &m), 0);
	assert_int_equal(m.cnt, 0);
	assert_int_equal(b.live, 0);
	free(buf);
}

static void test_glob_names(void **state)
{
	struct rb_ksym_matches m;
	char *buf = copy(NAMES);

	(void)state;
	assert_int_equal(rb_ksym_glob(buf, strlen(buf), false, "vfs_[rw]*", NULL, &m), 0);
	/* sorted, each name once: the kernel resolves a name to one function */
	assert_int_equal(m.cnt, 3);
	assert_null(m.addrs);
	assert_string_equal(m.names[0], "vfs_read");
	assert_string_equal(m.names[1], "vfs_readv");
	assert_string_equal(m.names[2], "vfs_write");
	rb_ksym_matches_free(NULL, &m);
	free(buf);
	buf = copy(NAMES);
	assert_int_equal(rb_ksym_glob(buf, strlen(buf), false, "ext4_read", NULL, &m), 0);
	assert_int_equal(m.cnt, 1);
	assert_string_equal(m.names[0], "ext4_read");
	rb_ksym_matches_free(NULL, &m);
	free(buf);
}

static void test_glob_malformed(void **state)
{
	struct budget b = { .left = -1 };
	struct rawbpf_allocator a = rb_budget_allocator(&b);
	static const char *const bad[] = {
		"c1001000 vfs_read\nvfs_write\n",	/* no address */
		"zz vfs_read\n",				/* not hex */
		"c1001000c1001000ffff vfs_read\n",	/* 20 digits */
		"c1001000 \n",				/* no name */
	};
	struct rb_ksym_matches m;

	(void)state;
	for (size_t i = 0; i < RB_ARRAY_SIZE(bad); i++) {
		char *buf = copy(bad[i]);

		assert_int_equal(rb_ksym_glob(buf, strlen(buf), true, "*", &a, &m), -EINVAL);
		assert_int_equal(m.cnt, 0);
		free(buf);
	}
	assert_int_equal(b.live, 0);
	/* an empty pattern matches nothing useful: refused */
	assert_int_equal(rb_ksym_glob((char *)"", 0, false, "", NULL, &m), -EINVAL);
	/* out of memory: -ENOMEM, nothing kept */
	{
		char *buf = copy(ADDRS);

		b.left = 0;
		assert_int_equal(rb_ksym_glob(buf, strlen(buf), true, "*", &a, &m), -ENOMEM);
		assert_int_equal(b.live, 0);
		free(buf);
	}
}

/* ---- rawbpf_attach_kprobe_multi_glob on a tracefs made here -------------- */

static struct rb_rec rec;
static char tfs[64];
/* what the link's arrays held while bpf() ran (freed after) */
static unsigned long seen_addrs[8];
static char seen_syms[8][32];
static uint32_t seen_cnt;

static long play_kernel(struct rb_rec *r, int i, int cmd, void *attr,
			unsigned int size)
{
	const struct rb_attr_link_create *a = attr;

	(void)r; (void)i; (void)size;
	if (cmd != BPF_LINK_CREATE)
		return -EINVAL;
	seen_cnt = a->kprobe_multi.cnt;
	for (uint32_t k = 0; k < seen_cnt && k < 8; k++) {
		if (a->kprobe_multi.addrs)
			seen_addrs[k] = ((const unsigned long *)u64_to_ptr(a->kprobe_multi.addrs))[k];
		if (a->kprobe_multi.syms)
			snprintf(seen_syms[k], sizeof(seen_syms[k]), "%s",
				 ((const char *const *)u64_to_ptr(a->kprobe_multi.syms))[k]);
	}
	return FAKE_FD;
}

static void write_file(const char *name, const char *text)
{
	char path[128];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", tfs, name);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void rm_tfs(void *arg)
{
	char path[128];

	(void)arg;
	snprintf(path, sizeof(path), "%s/available_filter_functions_addrs", tfs);
	unlink(path);
	snprintf(path, sizeof(path), "%s/available_filter_functions", tfs);
	unlink(path);
	rmdir(tfs);
}

static int tfs_setup(void **state)
{
	(void)state;
	snprintf(tfs, sizeof(tfs), "/tmp/rawbpf-tfs-XXXXXX");
	assert_non_null(mkdtemp(tfs));
	rb_fixture_add_cleanup(rm_tfs, NULL);
	rb_rec_start(&rec);
	rec.kernel = play_kernel;
	seen_cnt = 0;
	memset(seen_syms, 0, sizeof(seen_syms));
	return 0;
}

static int tfs_teardown(void **state)
{
	rb_rec_stop();
	return rb_fixture_teardown(state);
}

static void test_attach_by_addrs(void **state)
{
	struct budget b = { .left = -1 };
	RAWBPF_OPTS(rawbpf_attach_kprobe_multi_opts, o, .tracefs = tfs,
		    .retprobe = true);
	const struct rb_attr_link_create *a;
	struct rawbpf_attachment *at = NULL;
	int fds = rb_count_fds();

	(void)state;
	o.alloc = &(struct rawbpf_allocator){ 0 };
	*(struct rawbpf_allocator *)o.alloc = rb_budget_allocator(&b);
	write_file("available_filter_functions_addrs", ADDRS);
	write_file("available_filter_functions", NAMES);	/* not read */
	assert_int_equal(rawbpf_attach_kprobe_multi_glob(4, "vfs_*", &o, &at), 0);
	assert_int_equal(rec.ncalls, 1);
	a = RB_REC_ATTR(&rec, 0, rb_attr_link_create);
	assert_int_equal(a->attach_type, BPF_TRACE_KPROBE_MULTI);
	assert_int_equal(a->kprobe_multi.flags, BPF_F_KPROBE_MULTI_RETURN);
	assert_true(a->kprobe_multi.syms == 0);
	assert_true(a->kprobe_multi.cookies == 0);
	assert_int_equal(seen_cnt, 4);
	assert_true(seen_addrs[0] == 0xc1000500ul);
	assert_true(seen_addrs[3] == 0xf8001000ul);
	rawbpf_attachment_disown(at);
	rawbpf_attachment_destroy(at);
	/* the list and the address array are gone */
	assert_int_equal(b.live, 0);
	assert_int_equal(rb_count_fds(), fds);
}

static void test_attach_by_names_session(void **state)
{
	RAWBPF_OPTS(rawbpf_attach_kprobe_multi_opts, o, .tracefs = tfs,
		    .session = true);
	const struct rb_attr_link_create *a;
	struct rawbpf_attachment *at = NULL;

	(void)state;
	/* a kernel before 6.5: names only */
	write_file("available_filter_functions", NAMES);
	assert_int_equal(rawbpf_attach_kprobe_multi_glob(4, "vfs_read*", &o, &at), 0);
	a = RB_REC_ATTR(&rec, 0, rb_attr_link_create);
	assert_int_equal(a->attach_type, RAWBPF_TRACE_KPROBE_SESSION);
	assert_int_equal(a->kprobe_multi.flags, 0);
	assert_true(a->kprobe_multi.addrs == 0);
	assert_int_equal(seen_cnt, 2);
	assert_string_equal(seen_syms[0], "vfs_read");
	assert_string_equal(seen_syms[1], "vfs_readv");
	rawbpf_attachment_disown(at);
	rawbpf_attachment_destroy(at);
}

static void test_attach_refused(void **state)
{
	struct budget b = { .left = -1 };
	struct rawbpf_allocator al = rb_budget_allocator(&b);
	static const uint64_t cookie = 1;
	static const unsigned long addr = 0xc1001000ul;
	RAWBPF_OPTS(rawbpf_attach_kprobe_multi_opts, o, .tracefs = tfs, .alloc = &al);
	struct rawbpf_attachment *at = NULL;
	static struct rb_logcap log;
	int fds = rb_count_fds();

	(void)state;
	rb_logcap_start(&log, RAWBPF_LOG_WARN);
	/* no list in this "tracefs": the read's error, named */
	assert_int_equal(rawbpf_attach_kprobe_multi_glob(4, "vfs_*", &o, &at), -ENOENT);
	assert_true(rb_logcap_has(&log, RAWBPF_LOG_WARN, "available_filter_functions"));
	write_file("available_filter_functions_addrs", ADDRS);
	/* nothing matches: -ENOENT naming the pattern */
	assert_int_equal(rawbpf_attach_kprobe_multi_glob(4, "tcp_*", &o, &at), -ENOENT);
	assert_true(rb_logcap_has(&log, RAWBPF_LOG_WARN, "no traceable kernel function matches 'tcp_*'"));
	/* per-function arrays, an empty pattern, a session that returns */
	o.cookies = &cookie;
	assert_int_equal(rawbpf_attach_kprobe_multi_glob(4, "vfs_*", &o, &at), -EINVAL);
	o.cookies = NULL;
	o.addrs = &addr;
	assert_int_equal(rawbpf_attach_kprobe_multi_glob(4, "vfs_*", &o, &at), -EINVAL);
	o.addrs = NULL;
	assert_int_equal(rawbpf_attach_kprobe_multi_glob(4, "", &o, &at), -EINVAL);
	o.session = o.retprobe = true;
	assert_int_equal(rawbpf_attach_kprobe_multi_glob(4, "vfs_*", &o, &at), -EINVAL);
	/* a malformed list is refused, not half read */
	o.session = o.retprobe = false;
	write_file("available_filter_functions_addrs", "vfs_read\n");
	assert_int_equal(rawbpf_attach_kprobe_multi_glob(4, "vfs_*", &o, &at), -EINVAL);
	/* the kernel's refusal comes back */
	write_file("available_filter_functions_addrs", ADDRS);
	rec.kernel = NULL;
	rec.ret_default = -EINVAL;
	assert_int_equal(rawbpf_attach_kprobe_multi_glob(4, "vfs_*", &o, &at), -EINVAL);
	assert_int_equal(rec.ncalls, 1);	/* only that last one reached bpf() */
	/* and out of memory at each allocation in turn */
	rec.ret_default = FAKE_FD;
	for (long n = 0; n < 3; n++) {
		b.left = n;
		assert_int_equal(rawbpf_attach_kprobe_multi_glob(4, "vfs_*", &o, &at), -ENOMEM);
		assert_int_equal(b.live, 0);
	}
	assert_int_equal(b.live, 0);
	assert_int_equal(rb_count_fds(), fds);
}

/* Section names: kprobe.multi/PATTERN and kprobe.session/PATTERN attach
 * through the pattern; a cookie with a pattern is refused. */
static void test_auto_sections(void **state)
{
	RAWBPF_OPTS(rawbpf_attach_section_opts, so);
	struct rawbpf_attachment *at = NULL;
	const struct rb_attr_link_create *a;
	char sec[128];

	(void)state;
	write_file("available_filter_functions_addrs", ADDRS);
	/* auto-attach finds tracefs itself (the kernel tests run patterns
	 * through it): here, the section's parse, the refusal of a cookie
	 * with a pattern before any read, and a session by name */
	so.cookie = 7;
	snprintf(sec, sizeof(sec), "kprobe.multi/vfs_*");
	assert_int_equal(rawbpf_attach_section(4, sec, BPF_TRACE_KPROBE_MULTI, &so, &at),
			 -EINVAL);
	assert_int_equal(rec.ncalls, 0);
	snprintf(sec, sizeof(sec), "kprobe.session/vfs_read");
	so.cookie = 0;
	assert_int_equal(rawbpf_attach_section(4, sec, RAWBPF_TRACE_KPROBE_SESSION, &so, &at),
			 0);
	a = RB_REC_ATTR(&rec, 0, rb_attr_link_create);
	assert_int_equal(a->attach_type, RAWBPF_TRACE_KPROBE_SESSION);
	assert_int_equal(seen_cnt, 1);
	assert_string_equal(seen_syms[0], "vfs_read");
	rawbpf_attachment_disown(at);
	rawbpf_attachment_destroy(at);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_glob_addrs),
		cmocka_unit_test(test_glob_names),
		cmocka_unit_test(test_glob_malformed),
		cmocka_unit_test_setup_teardown(test_attach_by_addrs, tfs_setup, tfs_teardown),
		cmocka_unit_test_setup_teardown(test_attach_by_names_session, tfs_setup,
						tfs_teardown),
		cmocka_unit_test_setup_teardown(test_attach_refused, tfs_setup, tfs_teardown),
		cmocka_unit_test_setup_teardown(test_auto_sections, tfs_setup, tfs_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
