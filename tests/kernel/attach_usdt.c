// SPDX-License-Identifier: BSD-2-Clause
/* attach_usdt.c - USDT on the running kernel (issue 13's acceptance): a
 * process built with systemtap's sys/sdt.h (tests/usdt: register,
 * constant and stack-memory arguments, a semaphore-guarded probe, a probe
 * in a shared library) is traced by handlers written with
 * <bpf/usdt.bpf.h>'s BPF_USDT; every probe arrives once with its
 * arguments, its count and its cookie, through the API and through
 * auto-attach from usdt/BINARY:PROVIDER:NAME sections. The semaphore is
 * seen raised by the process itself. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fixture.h"
#include "cli_run.h"
#include "env.h"
#include "../usdt/usdt_values.h"
#include "kernel_features.h"
#include "progs.h"
#include "rawbpf/sys.h"
#include "rawbpf/attach_auto.h"
#include "rawbpf/attach_usdt.h"
#include "rawbpf/object.h"

#ifdef RB_HAVE_SDT
/* usdt_handlers.h's struct hit as the BPF side lays it out: its longs
 * are 64-bit on every host */
struct hit {
	int64_t args[3];
	int64_t cookie;
	int cnt;
	int hits;
};

struct bss { struct hit regs, cnst, mem, sema, lib; };

struct target { pid_t pid; int in, out; };

/* Start the target, blocked until it reads a byte. */
static void start(struct target *t)
{
	int in[2], out[2];

	assert_int_equal(pipe(in), 0);
	assert_int_equal(pipe(out), 0);
	t->pid = fork();
	assert_true(t->pid >= 0);
	if (!t->pid) {
		dup2(in[0], 0);
		dup2(out[1], 1);
		close(in[1]);
		close(out[0]);
		execl(RB_USDT_TARGET, RB_USDT_TARGET, (char *)NULL);
		_exit(127);
	}
	close(in[0]);
	close(out[1]);
	t->in = in[1];
	t->out = out[0];
	/* the library is mapped once the loader ran: wait for it */
	for (int i = 0; i < 200; i++) {
		char buf[64];

		if (!rawbpf_uprobe_find_library(t->pid, "librb_usdt_lib", buf, sizeof(buf)))
			return;
		usleep(10000);
	}
	fail_msg("the target never mapped its library");
}

/* Let it fire; the semaphore value it saw. */
static int run(struct target *t)
{
	char buf[32] = "";
	ssize_t n;
	int status;

	assert_int_equal(write(t->in, "g", 1), 1);
	n = read(t->out, buf, sizeof(buf) - 1);
	assert_true(n > 0);
	assert_int_equal(waitpid(t->pid, &status, 0), t->pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	close(t->in);
	close(t->out);
	return atoi(buf);
}

static void check_hits(const struct bss *b, long cookie)
{
	assert_int_equal(b->regs.hits, 1);
	assert_int_equal(b->regs.cnt, 3);
	assert_int_equal(b->regs.args[0], 7);
	assert_int_equal(b->regs.args[1], -1000);
	assert_int_equal(b->regs.args[2], 1L << RB_USDT_WIDE_SHIFT);
	assert_int_equal(b->regs.cookie, cookie);
	assert_int_equal(b->cnst.hits, 1);
	assert_int_equal(b->cnst.cnt, 2);
	assert_int_equal(b->cnst.args[0], 42);
	assert_int_equal(b->cnst.args[1], -7);
	assert_int_equal(b->mem.hits, 1);
	assert_int_equal(b->mem.cnt, 3);
	assert_int_equal(b->mem.args[0], 11);
	assert_int_equal(b->mem.args[1], -22);
	assert_int_equal(b->mem.args[2], 33);
	assert_int_equal(b->sema.hits, 1);
	assert_int_equal(b->sema.args[0], 99);
	assert_int_equal(b->lib.hits, 1);
	assert_int_equal(b->lib.cnt, 2);
	assert_int_equal(b->lib.args[0], 5);
	assert_int_equal(b->lib.args[1], RB_USDT_LIB_Y);
}

static struct rawbpf_object *load(const char *name)
{
	struct rawbpf_object *obj;
	char path[512];

	snprintf(path, sizeof(path), "%s/%s.o", RAWBPF_BPF_DIR, name);
	assert_int_equal(rawbpf_object_open_file(path, NULL, &obj), 0);
	if (rawbpf_object_load(obj))
		fail_msg("load: %s", rawbpf_object_error(obj));
	return obj;
}

static struct rawbpf_program *prog(struct rawbpf_object *obj, const char *name)
{
	struct rawbpf_program *p = rawbpf_object_find_program(obj, name);

	assert_non_null(p);
	return p;
}

static void test_usdt_api(void **state)
{
	struct rawbpf_attachment *at[5] = { 0 };
	struct rawbpf_object *obj;
	struct target t;
	struct bss *b;
	size_t size;
	int i;
	RAWBPF_OPTS(rawbpf_attach_usdt_opts, o, .cookie = 0x1234);

	(void)state;
	rb_require_kernel();
	obj = load("usdt_probe");
	start(&t);
	assert_int_equal(rawbpf_attach_usdt(prog(obj, "on_regs"), t.pid, RB_USDT_TARGET,
					    "rbtest", "regs", &o, &at[0]), 0);
	assert_int_equal(rawbpf_attach_usdt(prog(obj, "on_const"), t.pid, RB_USDT_TARGET,
					    "rbtest", "consts", &o, &at[1]), 0);
	assert_int_equal(rawbpf_attach_usdt(prog(obj, "on_mem"), t.pid, RB_USDT_TARGET,
					    "rbtest", "mem", &o, &at[2]), 0);
	assert_int_equal(rawbpf_attach_usdt(prog(obj, "on_sema"), t.pid, RB_USDT_TARGET,
					    "rbtest", "sema", &o, &at[3]), 0);
	/* the library by file name, as mapped in the process */
	assert_int_equal(rawbpf_attach_usdt_spec(prog(obj, "on_lib"), t.pid,
						 "librb_usdt_lib:rbtestlib:lib", &o, &at[4]), 0);
	if (rb_have(RB_FEAT_UPROBE_MULTI)) {	/* one uprobe_multi link */
		assert_true(rawbpf_attachment_fd(at[0]) > 2);
		assert_int_equal(rawbpf_attachment_kind(at[0]), RAWBPF_ATTACH_KIND_LINK);
	} else {	/* before 6.6: a uprobe per site, no one fd to pin */
		assert_int_equal(rawbpf_attachment_fd(at[0]), -EBADF);
		assert_int_equal(rawbpf_attachment_pin(at[0], "/sys/fs/bpf/x"),
				 -EOPNOTSUPP);
	}
	/* the kernel raised the semaphore: once per mapping of the probe's
	 * file page (s390x's linker starts the data segment in the code's
	 * file page, so that page is mapped r-x and rw-, and 6.1 counts
	 * both: 2 there) */
	assert_true(run(&t) >= 1);
	b = rawbpf_object_global_data(obj, ".bss", &size);
	assert_non_null(b);
	assert_int_equal(size, sizeof(*b));
	check_hits(b, 0x1234);
	for (i = 0; i < 5; i++)
		rawbpf_attachment_destroy(at[i]);
	rawbpf_object_close(obj);
}

/* A program loaded without the uprobe_multi attach type cannot join a
 * uprobe_multi link: each site gets its own uprobe, under one handle. */
static void test_usdt_per_site(void **state)
{
	struct rawbpf_attachment *at[2] = { 0 };
	struct rawbpf_object *obj;
	struct target t;
	struct bss *b;
	size_t size;
	char path[512];

	(void)state;
	rb_require_kernel();
	snprintf(path, sizeof(path), "%s/usdt_probe.o", RAWBPF_BPF_DIR);
	assert_int_equal(rawbpf_object_open_file(path, NULL, &obj), 0);
	assert_int_equal(rawbpf_program_set_type(prog(obj, "on_regs"), BPF_PROG_TYPE_KPROBE, 0), 0);
	assert_int_equal(rawbpf_program_set_type(prog(obj, "on_sema"), BPF_PROG_TYPE_KPROBE, 0), 0);
	if (rawbpf_object_load(obj))
		fail_msg("load: %s", rawbpf_object_error(obj));
	start(&t);
	assert_int_equal(rawbpf_attach_usdt(prog(obj, "on_regs"), t.pid, RB_USDT_TARGET,
					    "rbtest", "regs", NULL, &at[0]), 0);
	assert_int_equal(rawbpf_attach_usdt(prog(obj, "on_sema"), t.pid, RB_USDT_TARGET,
					    "rbtest", "sema", NULL, &at[1]), 0);
	assert_int_equal(rawbpf_attachment_fd(at[0]), -EBADF);	/* a group */
	assert_int_equal(rawbpf_attachment_pin(at[0], "/sys/fs/bpf/x"), -EOPNOTSUPP);
	assert_true(run(&t) >= 1);	/* raised: see test_usdt_api */
	b = rawbpf_object_global_data(obj, ".bss", &size);
	assert_int_equal(b->regs.hits, 1);
	assert_int_equal(b->regs.args[2], 1L << RB_USDT_WIDE_SHIFT);
	assert_int_equal(b->sema.hits, 1);
	assert_int_equal(b->sema.args[0], 99);
	assert_int_equal(b->cnst.hits, 0);
	rawbpf_attachment_destroy(at[0]);
	rawbpf_attachment_destroy(at[1]);
	rawbpf_object_close(obj);
}

/* Without a tracer the semaphore stays 0 and the probe is skipped. */
static void test_usdt_semaphore_idle(void **state)
{
	struct target t;

	(void)state;
	rb_require_kernel();
	start(&t);
	assert_int_equal(run(&t), 0);
}

static void test_usdt_auto(void **state)
{
	static const char *const names[] = { "on_regs", "on_const", "on_mem",
					     "on_sema", "on_lib" };
	struct rawbpf_attachment *at[5] = { 0 };
	struct rawbpf_object *obj;
	struct target t;
	struct bss *b;
	char msg[256];
	size_t size;
	int i;

	(void)state;
	rb_require_kernel();
	obj = load("usdt_auto");
	start(&t);
	for (i = 0; i < 5; i++) {
		RAWBPF_OPTS(rawbpf_attach_section_opts, ao, .pid = t.pid,
			    .err_msg = msg, .err_msg_size = sizeof(msg));

		if (rawbpf_program_attach(prog(obj, names[i]), &ao, &at[i]))
			fail_msg("%s: %s", names[i], msg);
	}
	assert_true(run(&t) >= 1);	/* raised: see test_usdt_api */
	b = rawbpf_object_global_data(obj, ".bss", &size);
	check_hits(b, 0);
	for (i = 0; i < 5; i++)
		rawbpf_attachment_destroy(at[i]);
	rawbpf_object_close(obj);
}

/* The .bss of the program @prog_id as struct bss. */
static void prog_bss(uint32_t prog_id, struct bss *b)
{
	struct bpf_prog_info info;
	uint32_t ids[8] = { 0 }, len = sizeof(info), i, key = 0;
	int fd = rawbpf_sys_prog_get_fd_by_id(prog_id), found = 0;

	assert_true(fd >= 0);
	memset(&info, 0, sizeof(info));
	info.nr_map_ids = 8;
	info.map_ids = (uint64_t)(uintptr_t)ids;
	assert_int_equal(rawbpf_sys_obj_get_info_by_fd(fd, &info, &len), 0);
	close(fd);
	for (i = 0; i < info.nr_map_ids && i < 8; i++) {
		struct bpf_map_info mi;
		uint32_t ml = sizeof(mi);
		int m = rawbpf_sys_map_get_fd_by_id(ids[i], 0);

		assert_true(m >= 0);
		memset(&mi, 0, sizeof(mi));
		assert_int_equal(rawbpf_sys_obj_get_info_by_fd(m, &mi, &ml), 0);
		if (strstr(mi.name, ".bss")) {
			assert_int_equal(mi.value_size, sizeof(*b));
			assert_int_equal(rawbpf_sys_map_lookup_elem(m, &key, b), 0);
			found = 1;
		}
		close(m);
	}
	assert_true(found);
}

/* The CLI attached and pinned one uprobe_multi link: it outlives the CLI and
 * the handler sees the probe. */
static void pinned_cli(struct target *t, const char *args, const char *pin)
{
	struct rawbpf_link_info info;
	char out[2048];
	unsigned id = 0;
	struct bss b;
	int fd;

	assert_int_equal(rb_cli(args, out, sizeof(out)), 0);
	assert_int_equal(sscanf(out, "attached\ton_regs\tusdt\tlink\t%u\n", &id), 1);
	fd = rawbpf_sys_obj_get(pin, NULL);
	assert_true(fd >= 0);
	assert_int_equal(rb_link_info_by_fd(fd, &info), 0);
	assert_int_equal(info.id, id);
	assert_int_equal(run(t), 0);	/* no semaphore probe attached */
	prog_bss(info.prog_id, &b);
	assert_int_equal(b.regs.hits, 1);
	assert_int_equal(b.regs.args[0], 7);
	assert_int_equal(b.regs.args[1], -1000);
	assert_int_equal(b.regs.args[2], 1L << RB_USDT_WIDE_SHIFT);
	close(fd);
	assert_int_equal(unlink(pin), 0);
}

/* `rawbpf attach OBJ on_regs --usdt TARGET:rbtest:regs --pid N --pin P`:
 * the pinned link outlives the CLI and the handler sees the probe. */
static void test_usdt_cli(void **state)
{
	char out[2048], args[1024], pin[300];
	struct target t;

	(void)state;
	start(&t);
	rb_pin_path(pin, sizeof(pin), "usdt_link");
	snprintf(args, sizeof(args), "attach %s/usdt_probe.o on_regs --usdt %s:rbtest:regs --pid %d --pin %s",
		 RAWBPF_BPF_DIR, RB_USDT_TARGET, (int)t.pid, pin);
	if (!rb_have(RB_FEAT_UPROBE_MULTI)) {
		/* before 6.6 a uprobe per site: nothing single to pin, and
		 * nothing stays behind */
		assert_int_equal(rb_cli(args, out, sizeof(out)), 1);
		assert_non_null(strstr(out, "attached\ton_regs\tusdt\t"));
		assert_int_equal(rawbpf_sys_obj_get(pin, NULL), -ENOENT);
		assert_int_equal(run(&t), 0);
	} else {
		pinned_cli(&t, args, pin);
	}
	/* a bad --usdt is refused by name */
	snprintf(args, sizeof(args), "attach %s/usdt_probe.o on_regs --usdt %s:rbtest:nosuch",
		 RAWBPF_BPF_DIR, RB_USDT_TARGET);
	assert_int_equal(rb_cli(args, out, sizeof(out)), 1);
}

/* Refusals name what is wrong and attach nothing. */
static void test_usdt_refused(void **state)
{
	struct rawbpf_attachment *at = NULL;
	struct rawbpf_object *obj, *plain;

	(void)state;
	rb_require_kernel();
	obj = load("usdt_probe");
	assert_int_equal(rawbpf_attach_usdt(prog(obj, "on_regs"), -1, RB_USDT_TARGET,
					    "rbtest", "nosuch", NULL, &at), -ENOENT);
	assert_null(at);
	assert_non_null(strstr(rawbpf_object_error(obj), "has no probe rbtest:nosuch"));
	assert_int_equal(rawbpf_attach_usdt(prog(obj, "on_regs"), -1, "/nonexistent/x",
					    "rbtest", "regs", NULL, &at), -ENOENT);
	assert_int_equal(rawbpf_attach_usdt_spec(prog(obj, "on_regs"), -1, "nocolons",
						 NULL, &at), -EINVAL);
	assert_int_equal(rawbpf_attach_usdt_spec(prog(obj, "on_regs"), -1, "/x::regs",
						 NULL, &at), -EINVAL);
	/* an object without usdt.bpf.h's maps */
	plain = load("obj_hidden");
	assert_int_equal(rawbpf_attach_usdt(prog(plain, "prog"), -1, RB_USDT_TARGET,
					    "rbtest", "regs", NULL, &at), -EINVAL);
	assert_non_null(strstr(rawbpf_object_error(plain), "__bpf_usdt_specs"));
	assert_null(at);
	rawbpf_object_close(plain);
	rawbpf_object_close(obj);
}
#else
static void test_usdt_api(void **state)
{
	(void)state;
	skip();	/* no sys/sdt.h at build time (Debian: systemtap-sdt-dev) */
}
#define test_usdt_auto test_usdt_api
#define test_usdt_refused test_usdt_api
#define test_usdt_semaphore_idle test_usdt_api
#define test_usdt_cli test_usdt_api
#define test_usdt_per_site test_usdt_api
#endif

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_usdt_api),
		cmocka_unit_test(test_usdt_semaphore_idle),
		cmocka_unit_test(test_usdt_per_site),
		cmocka_unit_test(test_usdt_auto),
		cmocka_unit_test(test_usdt_refused),
		cmocka_unit_test_setup_teardown(test_usdt_cli, rb_setup_pins,
						rb_fixture_teardown),
	};

	signal(SIGPIPE, SIG_IGN);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
