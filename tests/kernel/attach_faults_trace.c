// SPDX-License-Identifier: BSD-2-Clause
/* attach_faults_trace.c - every failure point of the trace attach
 * constructors (tracepoint, a caller's perf event, raw tracepoint, uprobe
 * through the PMU and through uprobe_events, uprobe_multi, iterator, perf
 * sampling on every CPU, kprobe through the PMU and kprobe_events, fentry
 * and lsm trampoline links; the last two run where the kernel has them,
 * as in the 6.1 VM), of opening links by id and pin, of pinning a
 * handle and of reading an iterator: the k-th bpf(2), perf_event_open or
 * perf ioctl call or allocation fails, for each k, the
 * injected error comes back, and nothing is left: no memory, fd, link,
 * perf event, pin or tracefs probe event; the program is freed at the end
 * (nothing holds it). A sampling handle whose update fails part-way puts
 * the CPUs already swapped back on its program. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <linux/perf_event.h>

#include "faults.h"
#include "fixture.h"
#include "kernel_features.h"
#include "progs.h"
#include "trace_progs.h"
#include "vmlinux_btf.h"
#include "rawbpf/attach_trace.h"
#include "rawbpf/pin.h"
#include "rawbpf/sys.h"
#include "sys/raw.h"
#include "sys_view.h"

__attribute__((noinline)) int rb_fault_target(int x);
__attribute__((noinline)) int rb_fault_target(int x)
{
	__asm__ volatile("" : : "r"(x) : "memory");
	return x + 1;
}

struct trace_case {
	int prog;
	uint32_t prog_id;
	int map;		/* counter map of rb_tcount programs */
	uint32_t mode;
	uint32_t attach_type;	/* fentry, lsm */
	int events;		/* uprobe, kprobe: through *probe_events */
	char exe[512];
	char pin[300];		/* pin op: the path */
	int link;		/* open ops: a link of ours, its id */
	uint32_t link_id;
	int pfd;		/* a perf event of the caller's */
};

static void trace_init(struct trace_case *c, uint32_t prog_type,
		       uint32_t attach_type)
{
	struct rb_tcount_prog p = { .prog_type = prog_type,
				    .attach_type = attach_type };
	ssize_t n;

	memset(c, 0, sizeof(*c));
	c->map = rb_tcount_map();
	assert_true(c->map > 2);
	p.map_fd = c->map;
	c->prog = rb_tcount_load(&p);
	assert_true(c->prog > 2);
	c->prog_id = rb_obj_id(c->prog);
	c->link = -1;
	n = readlink("/proc/self/exe", c->exe, sizeof(c->exe) - 1);
	assert_true(n > 0);
	c->exe[n] = '\0';
}

/* The end: nothing holds the program once our fd goes. */
static void trace_done(struct trace_case *c)
{
	close(c->prog);
	close(c->map);
	assert_int_equal(rb_wait_id_gone(rb_prog_id_exists, c->prog_id, 2000),
			 0);
}

static int make_uprobe(void *p, const struct rawbpf_allocator *a,
		       struct rawbpf_attachment **out);
static int make_tracepoint(void *p, const struct rawbpf_allocator *a,
			   struct rawbpf_attachment **out);
static int make_kprobe(void *p, const struct rawbpf_allocator *a,
		       struct rawbpf_attachment **out);
static int make_tracing(void *p, const struct rawbpf_allocator *a,
			struct rawbpf_attachment **out);
static void kprobe_fires(void *p, struct rawbpf_attachment *at);
static void tracing_fires(void *p, struct rawbpf_attachment *at);

/* A made uprobe counts calls of its function. */
static void fires(void *p, struct rawbpf_attachment *at)
{
	struct trace_case *c = p;
	uint64_t n = rb_tcount_get(c->map, 0);

	(void)at;
	rb_fault_target(1);
	assert_int_equal(rb_tcount_get(c->map, 0), n + 1);
}

static void walk(struct trace_case *c,
		 int (*make)(void *, const struct rawbpf_allocator *,
			     struct rawbpf_attachment **),
		 void (*clean)(void *, int))
{
	struct rb_fault_case fc = { .make = make, .clean = clean,
				    .check = make == make_uprobe ? fires :
					     make == make_kprobe ? kprobe_fires :
					     make == make_tracing ? tracing_fires : NULL,
				    .ctx = c };
	struct rb_fault_stats st;

	rb_fault_walk(&fc, &st);
	assert_true(st.alloc >= 1);
	/* every handle holds or dups an fd */
	assert_true(st.fd >= 1 || !rb_fd_faults_work());
	assert_true(st.bpf >= 1);
	if (make == make_tracepoint) {	/* the event id from tracefs */
		assert_true(st.kinds[RB_SYS_STAT] >= 1);
		assert_true(st.kinds[RB_SYS_OPEN] >= 1);
		assert_true(st.kinds[RB_SYS_READ] >= 1);
	}
}

/* No link runs the program and no probe event of ours is left. */
static void clean_trace(void *p, int made)
{
	struct trace_case *c = p;

	(void)made;
	assert_int_equal(rb_links_of_prog(c->prog_id), 0);
	assert_int_equal(rb_probe_events_of_self("uprobe_events"), 0);
	assert_int_equal(rb_probe_events_of_self("kprobe_events"), 0);
}

static int make_tracepoint(void *p, const struct rawbpf_allocator *a,
			   struct rawbpf_attachment **out)
{
	struct trace_case *c = p;
	RAWBPF_OPTS(rawbpf_attach_tracepoint_opts, o, .mode = c->mode, .alloc = a);

	return rawbpf_attach_tracepoint(c->prog, "syscalls", "sys_enter_getpid",
					&o, out);
}

static int make_raw_tp(void *p, const struct rawbpf_allocator *a,
		       struct rawbpf_attachment **out)
{
	struct trace_case *c = p;
	RAWBPF_OPTS(rawbpf_attach_raw_tracepoint_opts, o, .mode = c->mode, .alloc = a);

	return rawbpf_attach_raw_tracepoint(c->prog, "sys_enter", &o, out);
}

/* A tracepoint perf event, as a caller would open it. */
static int open_event(void)
{
	struct perf_event_attr attr;
	int id = rb_tracepoint_id("syscalls", "sys_enter_getpid"), fd;

	assert_true(id > 0);
	memset(&attr, 0, sizeof(attr));
	attr.size = sizeof(attr);
	attr.type = PERF_TYPE_TRACEPOINT;
	attr.config = (uint64_t)id;
	attr.sample_period = 1;
	attr.disabled = 1;
	fd = rawbpf_sys_perf_event_open(&attr, -1, 0, -1, 0);
	assert_true(fd > 2);
	return fd;
}

static int make_perf_event(void *p, const struct rawbpf_allocator *a,
			   struct rawbpf_attachment **out)
{
	struct trace_case *c = p;
	RAWBPF_OPTS(rawbpf_attach_perf_event_opts, o, .mode = c->mode, .alloc = a);

	return rawbpf_attach_perf_event(c->prog, c->pfd, &o, out);
}

/* SET_BPF binds the program to the event for as long as the caller's fd
 * lives: a new event for the next run. */
static void clean_perf_event(void *p, int made)
{
	struct trace_case *c = p;

	clean_trace(p, made);
	if (made) {
		close(c->pfd);
		c->pfd = open_event();
	}
}

static void test_tracepoints(void **state)
{
	struct trace_case c;

	(void)state;
	rb_require_kernel();
	assert_non_null(rb_tracefs());
	for (uint32_t mode = RAWBPF_ATTACH_MODE_AUTO; mode <= RAWBPF_ATTACH_MODE_LEGACY;
	     mode++) {
		trace_init(&c, BPF_PROG_TYPE_TRACEPOINT, 0);
		c.mode = mode;
		walk(&c, make_tracepoint, clean_trace);
		c.pfd = open_event();
		walk(&c, make_perf_event, clean_perf_event);
		close(c.pfd);
		trace_done(&c);
	}
	trace_init(&c, BPF_PROG_TYPE_RAW_TRACEPOINT, 0);
	walk(&c, make_raw_tp, clean_trace);
	trace_done(&c);
}

static int make_uprobe(void *p, const struct rawbpf_allocator *a,
		       struct rawbpf_attachment **out)
{
	struct trace_case *c = p;
	RAWBPF_OPTS(rawbpf_attach_uprobe_opts, o, .mode = c->mode,
		    .legacy_events = c->events, .alloc = a);

	return rawbpf_attach_uprobe(c->prog, c->exe, "rb_fault_target", 0, &o,
				    out);
}

static int make_uprobe_multi(void *p, const struct rawbpf_allocator *a,
			     struct rawbpf_attachment **out)
{
	struct trace_case *c = p;
	RAWBPF_OPTS(rawbpf_attach_uprobe_multi_opts, o, .alloc = a);

	return rawbpf_attach_uprobe_multi_glob(c->prog, c->exe,
					       "rb_fault_targe?", &o, out);
}

static void test_uprobes(void **state)
{
	struct trace_case c;

	(void)state;
	rb_skip_uprobe_under_valgrind();
	rb_require_kernel();
	assert_non_null(rb_tracefs());
	for (int events = 0; events <= 1; events++) {
		for (uint32_t mode = RAWBPF_ATTACH_MODE_AUTO;
		     mode <= RAWBPF_ATTACH_MODE_LEGACY; mode++) {
			trace_init(&c, BPF_PROG_TYPE_KPROBE, 0);
			c.mode = mode;
			c.events = events;
			walk(&c, make_uprobe, clean_trace);
			trace_done(&c);
		}
	}
	rb_need(RB_FEAT_UPROBE_MULTI);
	trace_init(&c, BPF_PROG_TYPE_KPROBE, RAWBPF_TRACE_UPROBE_MULTI);
	walk(&c, make_uprobe_multi, clean_trace);
	trace_done(&c);
}

static int make_sampling(void *p, const struct rawbpf_allocator *a,
			 struct rawbpf_attachment **out)
{
	struct trace_case *c = p;
	RAWBPF_OPTS(rawbpf_attach_perf_sampling_opts, o, .mode = c->mode, .alloc = a);

	return rawbpf_attach_perf_sampling(c->prog, &o, out);
}

/* A script for LINK_UPDATE: call 1 "works", call 2 fails, the rest go to
 * the kernel and are recorded (link fd, program fd). */
static struct {
	int calls;
	uint32_t link_fd[8], prog_fd[8];
} upd;

static int upd_before(void *ctx, const struct rb_sys_call *call, long *ret)
{
	const uint32_t *a = rb_call_buf(call);	/* link_fd, new_prog_fd, ... */
	int i;

	(void)ctx;
	if (call->kind != RB_SYS_BPF)
		return 0;
	i = upd.calls++;
	if (rb_call_op(call) != BPF_LINK_UPDATE)
		return 0;
	if (i < 8) {
		upd.link_fd[i] = a[0];
		upd.prog_fd[i] = a[1];
	}
	*ret = i == 0 ? 0 : i == 1 ? RB_FAULT_ERR : 0;
	return i < 2;
}

/*
 * Perf links take no LINK_UPDATE (the kernel says -EINVAL, and at the
 * first CPU nothing has changed). Should one CPU's update work and the
 * next fail, the first is put back on the handle's program.
 */
static void sampling_update(struct trace_case *c)
{
	static const struct rb_sys_hook hook = { .before = upd_before };
	RAWBPF_OPTS(rawbpf_attach_perf_sampling_opts, o, .mode = RAWBPF_ATTACH_MODE_LINK);
	struct rb_tcount_prog p2 = { .prog_type = BPF_PROG_TYPE_PERF_EVENT,
				     .map_fd = c->map };
	struct rawbpf_attachment *at = NULL;
	int prog2 = rb_tcount_load(&p2), fds;

	assert_true(prog2 > 2);
	assert_int_equal(rawbpf_attach_perf_sampling(c->prog, &o, &at), 0);
	fds = rb_count_fds();
	assert_int_equal(rawbpf_attachment_update(at, prog2, -1), -EINVAL);
	assert_int_equal(rb_links_of_prog(c->prog_id),
			 rawbpf_attachment_cpu_count(at));
	assert_int_equal(rb_count_fds(), fds);
	if (rawbpf_attachment_cpu_count(at) >= 2) {
		memset(&upd, 0, sizeof(upd));
		rb_sys_set_hook(&hook);
		assert_int_equal(rawbpf_attachment_update(at, prog2, -1),
				 RB_FAULT_ERR);
		rb_sys_set_hook(NULL);
		/* call 3 put CPU 0's link back on the handle's program */
		assert_int_equal(upd.calls, 3);
		assert_int_equal(upd.link_fd[2], upd.link_fd[0]);
		assert_int_not_equal(upd.prog_fd[2], (uint32_t)prog2);
		assert_int_equal(rb_obj_id((int)upd.prog_fd[2]), c->prog_id);
		assert_int_equal(rb_count_fds(), fds);
	}
	rawbpf_attachment_destroy(at);
	close(prog2);
}

static void test_perf_sampling(void **state)
{
	struct trace_case c;

	(void)state;
	rb_require_kernel();
	for (uint32_t mode = RAWBPF_ATTACH_MODE_AUTO; mode <= RAWBPF_ATTACH_MODE_LEGACY;
	     mode++) {
		trace_init(&c, BPF_PROG_TYPE_PERF_EVENT, 0);
		c.mode = mode;
		walk(&c, make_sampling, clean_trace);
		if (mode == RAWBPF_ATTACH_MODE_LINK)
			sampling_update(&c);
		trace_done(&c);
	}
}

/* ---- iterators: attach, then read ---------------------------------------- */

static int make_iter(void *p, const struct rawbpf_allocator *a,
		     struct rawbpf_attachment **out)
{
	struct trace_case *c = p;
	RAWBPF_OPTS(rawbpf_attach_iter_opts, o, .alloc = a);

	return rawbpf_attach_iter(c->prog, &o, out);
}

static int op_iter_read(void *p, struct rawbpf_attachment *at)
{
	char *text;
	size_t len;
	int err;

	(void)p;
	err = rawbpf_iter_read(at, &text, &len);
	if (!err) {
		assert_int_equal(len, 0);	/* the program prints nothing */
		rawbpf_iter_text_free(at, text);
	}
	return err;
}

static void test_iter(void **state)
{
	struct bpf_insn insns[] = {
		RB_INSN(BPF_ALU64 | BPF_MOV | BPF_K, 0, 0, 0, 0),
		RB_INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0),
	};
	RAWBPF_OPTS(rawbpf_sys_prog_load_opts, lo,
		    .expected_attach_type = BPF_TRACE_ITER);
	struct rb_fault_case fc = { .make = make_iter, .clean = clean_trace };
	struct trace_case c;
	int btf_id;

	(void)state;
	rb_need(RB_FEAT_KERNEL_BTF);
	rb_require_kernel();
	btf_id = rb_vmlinux_btf_id("bpf_iter_task", 12);
	assert_true(btf_id > 0);
	memset(&c, 0, sizeof(c));
	lo.attach_btf_id = (uint32_t)btf_id;
	c.prog = rawbpf_sys_prog_load(BPF_PROG_TYPE_TRACING, "rb_fault_iter", "GPL",
				  insns, RB_ARRAY_LEN(insns), &lo);
	assert_true(c.prog > 2);
	c.prog_id = rb_obj_id(c.prog);
	c.map = rb_tcount_map();
	walk(&c, make_iter, clean_trace);
	fc.ctx = &c;
	/* ITER_CREATE, the buffer, its growth and the final shrink */
	assert_true(rb_fault_walk_op(&fc, op_iter_read, NULL) >= 3);
	trace_done(&c);
}

/* ---- links by id and by pin; pinning a handle ------------------------------ */

static int make_open_id(void *p, const struct rawbpf_allocator *a,
			struct rawbpf_attachment **out)
{
	struct trace_case *c = p;

	return rawbpf_link_open_id(c->link_id, out, a);
}

static int make_open_pinned(void *p, const struct rawbpf_allocator *a,
			    struct rawbpf_attachment **out)
{
	struct trace_case *c = p;

	return rawbpf_link_open_pinned(c->pin, out, a);
}

/* The link of the context is the only one, and its pin stays. */
static void clean_open(void *p, int made)
{
	struct trace_case *c = p;
	struct stat st;

	(void)made;
	assert_int_equal(rb_links_of_prog(c->prog_id), 1);
	assert_int_equal(stat(c->pin, &st), 0);
}

static int op_pin(void *p, struct rawbpf_attachment *at)
{
	struct trace_case *c = p;

	return rawbpf_attachment_pin(at, c->pin);
}

static void unpinned(void *p, struct rawbpf_attachment *at)
{
	struct trace_case *c = p;
	struct stat st;

	assert_int_equal(stat(c->pin, &st), -1);
	assert_int_equal(rawbpf_attachment_unpin(at), -ENOENT);
}

/* Raw tracepoint handles for the pin op; a made pin is removed again. */
static void clean_pin(void *p, int made)
{
	struct trace_case *c = p;

	int err = rawbpf_bpffs_unpin(c->pin);

	/* made: the handle; the pin itself only if the op worked */
	assert_true(err == 0 || (made && err == -ENOENT));
	clean_trace(p, made);
}

static void test_links_and_pins(void **state)
{
	struct rb_fault_case fc = { .make = make_raw_tp, .clean = clean_pin };
	struct rb_fault_stats st;
	struct trace_case c;
	char dir[256];

	(void)state;
	rb_require_kernel();
	assert_int_equal(rb_bpffs_dir(dir, sizeof(dir)), 0);
	trace_init(&c, BPF_PROG_TYPE_RAW_TRACEPOINT, 0);
	snprintf(c.pin, sizeof(c.pin), "%s/link", dir);
	fc.ctx = &c;
	/* OBJ_PIN, and the copy of the path */
	assert_int_equal(rb_fault_walk_op(&fc, op_pin, unpinned), 2);

	c.link = rawbpf_sys_raw_tracepoint_open("sys_enter", c.prog, 0);
	assert_true(c.link > 2);
	c.link_id = rb_obj_id(c.link);
	assert_int_equal(rawbpf_bpffs_pin(c.link, c.pin), 0);
	fc.make = make_open_id;
	fc.clean = clean_open;
	rb_fault_walk(&fc, &st);
	assert_int_equal(st.bpf, 1);
	assert_int_equal(st.alloc, 1);
	assert_true(st.fd == 1 || (st.fd == 0 && !rb_fd_faults_work()));
	fc.make = make_open_pinned;
	rb_fault_walk(&fc, &st);
	assert_int_equal(st.bpf, 1);
	assert_int_equal(st.alloc, 1);
	assert_true(st.fd == 1 || (st.fd == 0 && !rb_fd_faults_work()));
	assert_int_equal(rawbpf_bpffs_unpin(c.pin), 0);
	close(c.link);
	trace_done(&c);
}

/* ---- kprobes and trampolines -------------------------------------------- */

static int make_kprobe(void *p, const struct rawbpf_allocator *a,
		       struct rawbpf_attachment **out)
{
	struct trace_case *c = p;
	RAWBPF_OPTS(rawbpf_attach_kprobe_opts, o, .mode = c->mode,
		    .legacy_events = c->events, .alloc = a);

	return rawbpf_attach_ksyscall(c->prog, "getpid", &o, out);
}

/* A made kprobe counts getpid() (anyone's: at least ours). */
static void kprobe_fires(void *p, struct rawbpf_attachment *at)
{
	struct trace_case *c = p;
	uint64_t n = rb_tcount_get(c->map, 0);

	(void)at;
	syscall(SYS_getpid);
	assert_true(rb_tcount_get(c->map, 0) >= n + 1);
}

static void test_kprobes(void **state)
{
	struct rawbpf_attachment *at = NULL;
	struct trace_case c;
	int err;

	(void)state;
	rb_require_kernel();
	assert_non_null(rb_tracefs());
	trace_init(&c, BPF_PROG_TYPE_KPROBE, 0);
	err = rawbpf_attach_ksyscall(c.prog, "getpid", NULL, &at);
	if (err == -EOPNOTSUPP) {
		trace_done(&c);
		rb_skip_feature("kprobes (CONFIG_KPROBES / kprobe PMU absent)");
	}
	assert_int_equal(err, 0);
	rawbpf_attachment_destroy(at);
	for (c.events = 0; c.events <= 1; c.events++) {
		for (c.mode = RAWBPF_ATTACH_MODE_AUTO;
		     c.mode <= RAWBPF_ATTACH_MODE_LEGACY; c.mode++)
			walk(&c, make_kprobe, clean_trace);
	}
	trace_done(&c);
}

static int make_tracing(void *p, const struct rawbpf_allocator *a,
			struct rawbpf_attachment **out)
{
	struct trace_case *c = p;
	RAWBPF_OPTS(rawbpf_attach_tracing_opts, o, .mode = c->mode, .alloc = a);

	return rawbpf_attach_tracing(c->prog, c->attach_type, &o, out);
}

/* fentry on bpf_fentry_test1 (test_run calls it), lsm on file_open. */
static void tracing_fires(void *p, struct rawbpf_attachment *at)
{
	RAWBPF_OPTS(rawbpf_sys_prog_test_run_opts, run);
	struct trace_case *c = p;
	uint64_t n = rb_tcount_get(c->map, 0);
	int fd;

	(void)at;
	if (c->attach_type == BPF_TRACE_FENTRY) {
		assert_int_equal(rawbpf_sys_prog_test_run(c->prog, &run), 0);
	} else {
		fd = open("/proc/self/stat", O_RDONLY | O_CLOEXEC);
		assert_true(fd >= 0);
		close(fd);
	}
	assert_int_equal(rb_tcount_get(c->map, 0), n + 1);
}

static void tracing_walk(uint32_t prog_type, uint32_t attach_type,
			 const char *fn, const char *feature)
{
	struct trace_case c;
	int btf_id = rb_vmlinux_btf_id(fn, 12 /* BTF_KIND_FUNC */);

	if (btf_id < 0)
		rb_skip_feature("%s: no BTF for %s", feature, fn);
	memset(&c, 0, sizeof(c));
	c.map = rb_tcount_map();
	assert_true(c.map > 2);
	c.attach_type = attach_type;
	c.prog = rb_tcount_load_btf(&(struct rb_tcount_prog){
		.prog_type = prog_type, .attach_type = attach_type,
		.map_fd = c.map, .tgid = (uint32_t)getpid() }, (uint32_t)btf_id);
	rb_need_trampoline(c.prog, c.map, feature);
	assert_true(c.prog > 2);
	c.prog_id = rb_obj_id(c.prog);
	for (c.mode = RAWBPF_ATTACH_MODE_AUTO; c.mode <= RAWBPF_ATTACH_MODE_LEGACY;
	     c.mode++)
		walk(&c, make_tracing, clean_trace);
	trace_done(&c);
}

static void test_fentry(void **state)
{
	(void)state;
	rb_require_kernel();
	tracing_walk(BPF_PROG_TYPE_TRACING, BPF_TRACE_FENTRY, "bpf_fentry_test1",
		     "fentry (BPF trampoline: tracing program load fails)");
}

static void test_lsm(void **state)
{
	(void)state;
	rb_require_kernel();
	tracing_walk(BPF_PROG_TYPE_LSM, BPF_LSM_MAC, "bpf_lsm_file_open",
		     "lsm (BPF LSM program load fails / bpf not in lsm=)");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_tracepoints, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_uprobes, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_perf_sampling, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_iter, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_links_and_pins,
					  rb_fixture_teardown),
		cmocka_unit_test_teardown(test_kprobes, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_fentry, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_lsm, rb_fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
