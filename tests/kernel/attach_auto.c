// SPDX-License-Identifier: BSD-2-Clause
/* attach_auto.c - rawbpf_program_attach() attaches each program of
 * tests/bpf/attach_auto.bpf.c from its section name (tp/, raw_tp/, uprobe/,
 * uretprobe/, uprobe.multi/ on libc through /proc/self/maps, cgroup_skb/
 * with a cgroup fd, ksyscall/ where kprobes exist) and each one fires. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fixture.h"
#include "kernel_features.h"
#include "trace_progs.h"
#include "rawbpf/attach_auto.h"
#include "rawbpf/object.h"
#include "rawbpf/sys.h"

static pid_t (*volatile libc_getppid)(void) = getppid;

struct auto_fx {
	struct rawbpf_object *obj;
	int counts;
};

static void fx_open(struct auto_fx *f)
{
	uint32_t zero = 0, one = 1, tgid = (uint32_t)getpid(), nr = SYS_getpid;
	int cfg;

	rb_require_kernel();
	assert_non_null(rb_tracefs());
	assert_int_equal(rawbpf_object_open_file(RB_BPF_OBJ("attach_auto"), NULL,
						 &f->obj), 0);
	assert_int_equal(rawbpf_object_load(f->obj), 0);
	f->counts = rawbpf_map_fd(rawbpf_object_find_map(f->obj, "counts"));
	cfg = rawbpf_map_fd(rawbpf_object_find_map(f->obj, "cfg"));
	assert_true(f->counts > 2 && cfg > 2);
	assert_int_equal(rawbpf_sys_map_update_elem(cfg, &zero, &tgid, BPF_ANY), 0);
	assert_int_equal(rawbpf_sys_map_update_elem(cfg, &one, &nr, BPF_ANY), 0);
}

static uint64_t slot(struct auto_fx *f, uint32_t k)
{
	uint64_t v = 0;

	assert_int_equal(rawbpf_sys_map_lookup_elem(f->counts, &k, &v), 0);
	return v;
}

static struct rawbpf_attachment *attach(struct auto_fx *f, const char *name,
					const struct rawbpf_attach_section_opts *o)
{
	struct rawbpf_attachment *at = NULL;
	struct rawbpf_program *p = rawbpf_object_find_program(f->obj, name);

	assert_non_null(p);
	if (rawbpf_program_attach(p, o, &at))
		fail_msg("attach %s (%s)", name, rawbpf_program_section(p));
	return at;
}

static void test_auto_trace(void **state)
{
	struct rawbpf_attachment *at[4] = { NULL };
	struct auto_fx f;
	/* 32-bit ARM: libc is Thumb code, where the kernel puts no uprobe;
	 * the attach says so, and the tracepoints still count */
	bool thumb = rb_uprobe_thumb("libc", "getppid");

	(void)state;
	rb_skip_uprobe_under_valgrind();
	fx_open(&f);
	at[0] = attach(&f, "on_tp", NULL);
	at[1] = attach(&f, "on_raw_tp", NULL);
	if (thumb) {
		assert_int_equal(rawbpf_program_attach(rawbpf_object_find_program(
			f.obj, "on_uprobe"), NULL, &at[2]), -EOPNOTSUPP);
		assert_null(at[2]);
	} else {
		at[2] = attach(&f, "on_uprobe", NULL);
		at[3] = attach(&f, "on_uretprobe", NULL);
	}
	for (int i = 0; i < 3; i++) {
		syscall(SYS_getpid);
		libc_getppid();
	}
	print_message("tp %lu raw_tp %lu uprobe %lu uretprobe %lu\n",
		      (unsigned long)slot(&f, 0), (unsigned long)slot(&f, 1),
		      (unsigned long)slot(&f, 2), (unsigned long)slot(&f, 3));
	assert_int_equal(slot(&f, 0), 3);
	assert_int_equal(slot(&f, 1), 3);
	assert_int_equal(slot(&f, 2), thumb ? 0 : 3);
	assert_int_equal(slot(&f, 3), thumb ? 0 : 3);
	for (int i = 0; i < 4; i++)
		rawbpf_attachment_destroy(at[i]);
	syscall(SYS_getpid);
	libc_getppid();
	assert_int_equal(slot(&f, 0), 3);
	assert_int_equal(slot(&f, 2), thumb ? 0 : 3);
	rawbpf_object_close(f.obj);
}

/* uprobe.multi/libc.so.6:getppid (a uprobe_multi link, 6.6). */
static void test_auto_uprobe_multi(void **state)
{
	struct rawbpf_attachment *at;
	struct auto_fx f;

	(void)state;
	rb_skip_uprobe_under_valgrind();
	fx_open(&f);
	if (!rb_have(RB_FEAT_UPROBE_MULTI)) {
		rawbpf_object_close(f.obj);
		rb_need(RB_FEAT_UPROBE_MULTI);
	}
	at = attach(&f, "on_uprobe_multi", NULL);
	for (int i = 0; i < 3; i++)
		libc_getppid();
	assert_int_equal(slot(&f, 4), 3);
	rawbpf_attachment_destroy(at);
	libc_getppid();
	assert_int_equal(slot(&f, 4), 3);
	rawbpf_object_close(f.obj);
}

static void test_auto_cgroup(void **state)
{
	RAWBPF_OPTS(rawbpf_attach_section_opts, o);
	struct rawbpf_attachment *at;
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(9) };
	struct rawbpf_program *p;
	char path[256];
	int status;
	pid_t pid;
	struct auto_fx f;

	(void)state;
	fx_open(&f);
	/* the section names no cgroup: the options must */
	p = rawbpf_object_find_program(f.obj, "on_egress");
	assert_int_equal(rawbpf_program_attach(p, &o, &at), -EINVAL);
	o.cgroup_fd = rb_cgroup_dir(path, sizeof(path));
	assert_true(o.cgroup_fd > 0);
	at = attach(&f, "on_egress", &o);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	pid = fork();
	if (pid == 0) {
		int s;

		if (rb_cgroup_enter(path))
			_exit(1);
		s = socket(AF_INET, SOCK_DGRAM, 0);
		for (int i = 0; i < 2; i++)
			sendto(s, "x", 1, 0, (struct sockaddr *)&a, sizeof(a));
		_exit(0);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_int_equal(status, 0);
	assert_int_equal(slot(&f, 5), 2);
	rawbpf_attachment_destroy(at);
	rawbpf_object_close(f.obj);
}

static void test_auto_ksyscall(void **state)
{
	struct rawbpf_program *p;
	struct rawbpf_attachment *at = NULL;
	struct auto_fx f;
	int err;

	(void)state;
	fx_open(&f);
	p = rawbpf_object_find_program(f.obj, "on_ksyscall");
	err = rawbpf_program_attach(p, NULL, &at);
	if (err == -EOPNOTSUPP) {
		rawbpf_object_close(f.obj);
		rb_skip_feature("kprobes (CONFIG_KPROBES / kprobe PMU absent)");
	}
	assert_int_equal(err, 0);
	syscall(SYS_getpid);
	assert_int_equal(slot(&f, 6), 1);
	rawbpf_attachment_destroy(at);
	rawbpf_object_close(f.obj);
}

static void test_auto_sections(void **state)
{
	struct rawbpf_attachment *at = NULL;
	char why[160];
	RAWBPF_OPTS(rawbpf_attach_section_opts, o, .err_msg = why,
		    .err_msg_size = sizeof(why));
	int fd = 100000;	/* never reaches the kernel below */

	(void)state;
	/* Hooks that need a target from the options say which. */
	assert_int_equal(rawbpf_attach_section(fd, "xdp", 0, &o, &at), -EINVAL);
	assert_non_null(strstr(why, "ifindex"));
	assert_int_equal(rawbpf_attach_section(fd, "sk_msg", 0, &o, &at), -EINVAL);
	assert_non_null(strstr(why, "sockmap"));
	assert_int_equal(rawbpf_attach_section(fd, "sk_lookup", 0, &o, &at), -EINVAL);
	assert_non_null(strstr(why, "namespace"));
	assert_int_equal(rawbpf_attach_section(fd, "cgroup/skb", 0, &o, &at),
			 -EINVAL);
	assert_non_null(strstr(why, "attach_type"));
	/* Unknown names, and names that are not attached by themselves. */
	assert_int_equal(rawbpf_attach_section(fd, "tpx/a/b", 0, &o, &at), -ENOENT);
	assert_non_null(strstr(why, "tpx/a/b"));
	assert_int_equal(rawbpf_attach_section(fd, "xdp/devmap", 0, &o, &at),
			 -EOPNOTSUPP);
	assert_int_equal(rawbpf_attach_section(fd, "struct_ops/x", 0, &o, &at),
			 -EOPNOTSUPP);
	/* Names with a malformed or missing target. */
	assert_int_equal(rawbpf_attach_section(fd, "tp/nocat", 0, &o, &at), -EINVAL);
	assert_int_equal(rawbpf_attach_section(fd, "raw_tp", 0, &o, &at), -EINVAL);
	assert_int_equal(rawbpf_attach_section(fd, "uprobe", 0, &o, &at), -EINVAL);
	assert_int_equal(rawbpf_attach_section(fd, "kprobe/+8", 0, &o, &at), -EINVAL);
	assert_int_equal(rawbpf_attach_section(fd, "uprobe.multi/nolib_rawbpf:f*",
					       0, &o, &at), -ENOENT);
	assert_non_null(strstr(why, "not mapped"));
	/* a kprobe.multi pattern with a cookie (one cookie, many functions):
	 * refused before tracefs is read (patterns attach in
	 * kernel/attach_kprobe_multi) */
	o.cookie = 1;
	assert_int_equal(rawbpf_attach_section(fd, "kprobe.multi/vfs_*", 0,
					       &o, &at), -EINVAL);
	assert_non_null(strstr(why, "pattern"));
	o.cookie = 0;
	assert_null(at);
}

#define T(name) cmocka_unit_test_teardown(name, rb_fixture_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_auto_trace), T(test_auto_uprobe_multi), T(test_auto_cgroup),
		T(test_auto_ksyscall),
		T(test_auto_sections),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
