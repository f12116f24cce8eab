// SPDX-License-Identifier: BSD-2-Clause
/* attach_kprobe_more.c - kprobes as attach_tracepoint.c checks tracepoints:
 * the attach cookie a kprobe and a kretprobe program reads, a perf link
 * that takes no update and no detach but keeps firing, LEGACY's detach,
 * a pinned kprobe link outliving the process that made it, and the
 * errors (no such function, a non-kprobe program, a cookie without a
 * link), and probes on a module's function. Kernels without kprobes (this machine) skip naming them; the 6.1
 * VM (tests/vm) runs them. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <net/if.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "faults.h"
#include "fixture.h"
#include "progs.h"
#include "trace_progs.h"
#include "rawbpf/attach_trace.h"
#include "rawbpf/pin.h"
#include "rawbpf/sys.h"

#define NO_KPROBES "kprobes (CONFIG_KPROBES / kprobe PMU absent)"

struct kp {
	int map, prog;
	char func[64];		/* getpid's syscall entry */
};

/* A counter map, a kprobe program counting into slot 0 (or storing its
 * cookie in slot 2), and getpid's entry; skip where there are no kprobes. */
static void kp_setup(struct kp *k, bool store_cookie)
{
	struct rb_tcount_prog p = { .prog_type = BPF_PROG_TYPE_KPROBE,
				    .tgid = (uint32_t)getpid(),
				    .slot = store_cookie ? 2 : 0,
				    .store_cookie = store_cookie };

	rb_require_kernel();
	if (access("/sys/bus/event_source/devices/kprobe/type", F_OK) &&
	    !rb_tracefs())
		rb_skip_feature(NO_KPROBES);
	k->map = rb_tcount_map();
	assert_true(k->map > 2);
	p.map_fd = k->map;
	k->prog = rb_tcount_load(&p);
	assert_true(k->prog > 2);
	assert_int_equal(rawbpf_ksyscall_name("getpid", k->func,
					      sizeof(k->func)), 0);
}

static void kp_done(struct kp *k)
{
	close(k->prog);
	close(k->map);
}

/* Attach or skip naming kprobes when the kernel has none. */
static int kp_attach(struct kp *k, const struct rawbpf_attach_kprobe_opts *o,
		     struct rawbpf_attachment **at)
{
	int err = rawbpf_attach_kprobe(k->prog, k->func, 0, o, at);

	if (err == -EOPNOTSUPP && !o->cookie) {
		kp_done(k);
		rb_skip_feature(NO_KPROBES);
	}
	return err;
}

static void getpids(int n)
{
	while (n--)
		syscall(SYS_getpid);
}

static void cookie_arrives(bool retprobe)
{
	RAWBPF_OPTS(rawbpf_attach_kprobe_opts, o, .mode = RAWBPF_ATTACH_MODE_LINK,
		    .retprobe = retprobe);
	struct rawbpf_attachment *at = NULL;
	struct kp k;

	kp_setup(&k, true);
	/* probe first without a cookie (a kernel without kprobes skips) */
	assert_int_equal(kp_attach(&k, &o, &at), 0);
	rawbpf_attachment_destroy(at);
	o.cookie = retprobe ? 0xfeedfacecafe0001ULL : 0x0123456789abcdefULL;
	assert_int_equal(kp_attach(&k, &o, &at), 0);
	getpids(1);
	assert_true(rb_tcount_get(k.map, 2) == o.cookie);
	rawbpf_attachment_destroy(at);
	/* a cookie needs the perf link: SET_BPF has no place for it */
	at = NULL;
	o.mode = RAWBPF_ATTACH_MODE_LEGACY;
	assert_int_equal(kp_attach(&k, &o, &at), -EOPNOTSUPP);
	assert_null(at);
	assert_int_equal(rb_probe_events_of_self("kprobe_events"), 0);
	kp_done(&k);
}

static void test_kprobe_cookie(void **state)
{
	(void)state;
	cookie_arrives(false);
}

static void test_kretprobe_cookie(void **state)
{
	(void)state;
	cookie_arrives(true);
}

static void test_kprobe_update_and_detach(void **state)
{
	RAWBPF_OPTS(rawbpf_attach_kprobe_opts, o, .mode = RAWBPF_ATTACH_MODE_LINK);
	struct rb_tcount_prog p100 = { .prog_type = BPF_PROG_TYPE_KPROBE,
				       .add = 100 };
	struct rawbpf_attachment *at = NULL;
	struct rawbpf_link_info info;
	int prog100;
	struct kp k;

	(void)state;
	kp_setup(&k, false);
	p100.map_fd = k.map;
	prog100 = rb_tcount_load(&p100);
	assert_true(prog100 > 2);
	if (kp_attach(&k, &o, &at)) {
		close(prog100);
		fail_msg("kprobe link on %s", k.func);
	}
	getpids(2);
	assert_int_equal(rb_tcount_get(k.map, 0), 2);
	/* a perf link takes no new program and has no LINK_DETACH: the
	 * kernel says so, and the probe keeps firing */
	assert_int_equal(rawbpf_attachment_update(at, prog100, -1), -EINVAL);
	assert_int_equal(rawbpf_attachment_detach(at), -EOPNOTSUPP);
	getpids(2);
	assert_int_equal(rb_tcount_get(k.map, 0), 4);
	memset(&info, 0, sizeof(info));
	assert_int_equal(rawbpf_attachment_info(at, &info), 0);
	assert_int_equal(info.type, BPF_LINK_TYPE_PERF_EVENT);
	assert_int_equal(info.prog_id, rb_obj_id(k.prog));
	rawbpf_attachment_destroy(at);
	getpids(1);
	assert_int_equal(rb_tcount_get(k.map, 0), 4);
	close(prog100);
	kp_done(&k);
}

/* LEGACY through kprobe_events: detach closes the event and removes the
 * probe line; a second detach finds nothing. */
static void test_kprobe_legacy_detach(void **state)
{
	RAWBPF_OPTS(rawbpf_attach_kprobe_opts, o, .mode = RAWBPF_ATTACH_MODE_LEGACY,
		    .legacy_events = true);
	struct rawbpf_attachment *at = NULL;
	struct kp k;

	(void)state;
	kp_setup(&k, false);
	assert_int_equal(kp_attach(&k, &o, &at), 0);
	getpids(3);
	assert_int_equal(rb_tcount_get(k.map, 0), 3);
	/* (this check calls getpid() too: one more hit) */
	assert_int_equal(rb_probe_events_of_self("kprobe_events"), 1);
	assert_int_equal(rb_tcount_get(k.map, 0), 4);
	assert_int_equal(rawbpf_attachment_detach(at), 0);
	assert_int_equal(rb_probe_events_of_self("kprobe_events"), 0);
	getpids(3);
	assert_int_equal(rb_tcount_get(k.map, 0), 4);
	assert_int_equal(rawbpf_attachment_pin(at, "/sys/fs/bpf/x"), -EOPNOTSUPP);
	assert_int_equal(rawbpf_attachment_fd(at), -EBADF);
	assert_int_equal(rawbpf_attachment_detach(at), -ENOENT);
	rawbpf_attachment_destroy(at);
	kp_done(&k);
}

/* A child makes and pins the kprobe link, then exits; the probe keeps
 * counting the parent's getpid() until the pin goes, then the link and
 * the program are freed. */
static void test_kprobe_pinned_outlives_creator(void **state)
{
	struct rawbpf_attachment *at = NULL;
	struct rawbpf_link_info info;
	char dir[256], pin[300];
	int status;
	pid_t child;
	struct kp k;

	(void)state;
	kp_setup(&k, false);
	/* a kernel without kprobes skips here, before the fork */
	assert_int_equal(kp_attach(&k, &(struct rawbpf_attach_kprobe_opts){
		.size = sizeof(struct rawbpf_attach_kprobe_opts) }, &at), 0);
	rawbpf_attachment_destroy(at);
	assert_int_equal(rb_bpffs_dir(dir, sizeof(dir)), 0);
	snprintf(pin, sizeof(pin), "%s/kprobe", dir);
	child = fork();
	if (child == 0) {
		RAWBPF_OPTS(rawbpf_attach_kprobe_opts, o,
			    .mode = RAWBPF_ATTACH_MODE_LINK);
		int err = rawbpf_attach_kprobe(k.prog, k.func, 0, &o, &at);

		if (!err)
			err = rawbpf_attachment_pin(at, pin);
		_exit(err ? 1 : 0);
	}
	assert_true(child > 0);
	assert_int_equal(waitpid(child, &status, 0), child);
	assert_int_equal(status, 0);
	close(k.prog);	/* only the pinned link holds the program now */
	/* the program counts our getpid() only: the child's are gone */
	rb_tcount_set(k.map, 0, 0);
	getpids(4);
	assert_int_equal(rb_tcount_get(k.map, 0), 4);
	assert_int_equal(rawbpf_link_open_pinned(pin, &at, NULL), 0);
	memset(&info, 0, sizeof(info));
	assert_int_equal(rawbpf_attachment_info(at, &info), 0);
	assert_int_equal(info.type, BPF_LINK_TYPE_PERF_EVENT);
	rawbpf_attachment_destroy(at);
	assert_int_equal(unlink(pin), 0);
	assert_int_equal(rb_wait_id_gone(rb_link_id_exists, info.id, 2000), 0);
	assert_int_equal(rb_wait_id_gone(rb_prog_id_exists, info.prog_id, 2000), 0);
	getpids(4);
	assert_int_equal(rb_tcount_get(k.map, 0), 4);
	close(k.map);
}

static void test_kprobe_errors(void **state)
{
	RAWBPF_OPTS(rawbpf_attach_kprobe_opts, o);
	struct rawbpf_attachment *at = NULL;
	struct kp k;

	(void)state;
	kp_setup(&k, false);
	assert_int_equal(kp_attach(&k, &o, &at), 0);
	rawbpf_attachment_destroy(at);
	at = NULL;
	/* no such function: the kernel's kprobe lookup says ENOENT, in
	 * every mode, and no probe event is left behind */
	for (uint32_t mode = RAWBPF_ATTACH_MODE_AUTO; mode <= RAWBPF_ATTACH_MODE_LEGACY;
	     mode++) {
		o.mode = mode;
		assert_int_equal(rawbpf_attach_kprobe(k.prog, "rb_no_such_function",
						      0, &o, &at), -ENOENT);
		assert_null(at);
	}
	o.legacy_events = true;
	assert_int_not_equal(rawbpf_attach_kprobe(k.prog, "rb_no_such_function",
						  0, &o, &at), 0);
	assert_null(at);
	assert_int_equal(rb_probe_events_of_self("kprobe_events"), 0);
	o.legacy_events = false;
	/* a map fd is no kprobe program */
	assert_int_equal(rawbpf_attach_kprobe(k.map, k.func, 0, &o, &at), -EINVAL);
	assert_null(at);
	/* bad arguments, before any kernel call */
	assert_int_equal(rawbpf_attach_kprobe(k.prog, "", 0, &o, &at), -EINVAL);
	assert_int_equal(rawbpf_attach_kprobe(k.prog, NULL, 0, &o, &at), -EINVAL);
	assert_int_equal(rawbpf_attach_kprobe(k.prog, k.func, 0, &o, NULL), -EINVAL);
	kp_done(&k);
}

/* Bring interface @name down or up from this process (SIOCSIFFLAGS). */
static void link_set(const char *name, bool up)
{
	struct ifreq ifr;
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);

	assert_true(fd >= 0);
	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", name);
	assert_int_equal(ioctl(fd, SIOCGIFFLAGS, &ifr), 0);
	if (up)
		ifr.ifr_flags |= IFF_UP;
	else
		ifr.ifr_flags &= ~IFF_UP;
	assert_int_equal(ioctl(fd, SIOCSIFFLAGS, &ifr), 0);
	close(fd);
}

/* A kprobe and a kretprobe on a module's function: veth_open (veth is a
 * module on Debian's 6.1, built in elsewhere) runs once each time this
 * process brings a veth up, and not while it goes down. */
static void test_kprobe_module_function(void **state)
{
	struct rawbpf_attachment *at = NULL, *ret = NULL;
	RAWBPF_OPTS(rawbpf_attach_kprobe_opts, o);
	RAWBPF_OPTS(rawbpf_attach_kprobe_opts, ro, .retprobe = true);
	struct rb_tcount_prog p = { .prog_type = BPF_PROG_TYPE_KPROBE,
				    .tgid = (uint32_t)getpid(), .slot = 1 };
	struct rb_netns ns;
	struct kp k;
	int rprog;

	(void)state;
	kp_setup(&k, false);
	p.map_fd = k.map;
	rprog = rb_tcount_load(&p);	/* the kretprobe counts into slot 1 */
	assert_true(rprog > 2);
	assert_int_equal(rb_netns_enter(&ns), 0);
	snprintf(k.func, sizeof(k.func), "veth_open");
	if (kp_attach(&k, &o, &at)) {
		close(rprog);
		fail_msg("kprobe on veth_open");
	}
	assert_int_equal(rawbpf_attach_kprobe(rprog, "veth_open", 0, &ro, &ret), 0);
	link_set("rbva", false);
	assert_int_equal(rb_tcount_get(k.map, 0), 0);
	link_set("rbva", true);
	assert_int_equal(rb_tcount_get(k.map, 0), 1);
	assert_int_equal(rb_tcount_get(k.map, 1), 1);
	rawbpf_attachment_destroy(at);
	rawbpf_attachment_destroy(ret);
	link_set("rbva", false);
	link_set("rbva", true);
	assert_int_equal(rb_tcount_get(k.map, 0), 1);	/* detached */
	close(rprog);
	kp_done(&k);
}

#define T(name) cmocka_unit_test_teardown(name, rb_fixture_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_kprobe_cookie), T(test_kretprobe_cookie),
		T(test_kprobe_update_and_detach), T(test_kprobe_legacy_detach),
		T(test_kprobe_pinned_outlives_creator), T(test_kprobe_errors),
		T(test_kprobe_module_function),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
