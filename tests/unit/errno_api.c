// SPDX-License-Identifier: BSD-2-Clause
/* errno_api.c - every public function that can fail (each RAWBPF_API of
 * include/rawbpf/ returning an int; tests/lint/errno_coverage.sh checks
 * that each is named here or in errno_kept.c) is called with inputs that
 * make it fail: it returns -errno and the caller's errno stays as it was.
 * The kernel answers where it can (bad fds, missing ids, paths); a fake
 * kernel on the choke point's hook stands in where a failure needs state
 * a unit test cannot make (a loaded object, a link). */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <linux/bpf.h>
#include <linux/perf_event.h>

#include "fixture.h"
#include "rawbpf/attach.h"
#include "rawbpf/attach_auto.h"
#include "rawbpf/attach_cgroup.h"
#include "rawbpf/attach_net.h"
#include "rawbpf/attach_trace.h"
#include "rawbpf/attach_usdt.h"
#include "rawbpf/btf.h"
#include "rawbpf/object.h"
#include "rawbpf/perfbuf.h"
#include "rawbpf/pin.h"
#include "rawbpf/ringbuf.h"
#include "rawbpf/sys.h"
#include "sys/raw.h"
#include "sys_view.h"

#define NOWHERE "/nonexistent-rawbpf"
#define MARK 4321
#define NO_ID UINT32_MAX
#define NO_IF 0x7ffffff0

/* Run @call with errno = MARK: it must fail and keep MARK. */
#define FAILS(call)                                     \
	do {                                            \
		errno = MARK;                           \
		assert_true((call) < 0);                \
		assert_int_equal(errno, MARK);          \
	} while (0)

/* The same, and the error must be @want. */
#define FAILS_WITH(want, call)                          \
	do {                                            \
		errno = MARK;                           \
		assert_int_equal((call), (want));       \
		assert_int_equal(errno, MARK);          \
	} while (0)

static void test_sys(void **state)
{
	struct bpf_insn insn = { .code = BPF_JMP | BPF_EXIT };
	RAWBPF_OPTS(rawbpf_sys_prog_test_run_opts, run);
	RAWBPF_OPTS(rawbpf_sys_prog_query_opts, q);
	struct rawbpf_sys_task_fd_query_info tinfo;
	struct perf_event_attr pattr;
	uint64_t kv[4] = { 0 };
	uint32_t id, n = 1, len = 8;
	char btf[8] = { 0 };

	(void)state;
	memset(&tinfo, 0, sizeof(tinfo));
	FAILS(rawbpf_sys_map_create(BPF_MAP_TYPE_ARRAY, "x", 4, 4, 0, NULL));
	FAILS(rawbpf_sys_map_lookup_elem(-1, kv, kv + 1));
	FAILS(rawbpf_sys_map_lookup_elem_flags(-1, kv, kv + 1, 0));
	FAILS(rawbpf_sys_map_update_elem(-1, kv, kv + 1, 0));
	FAILS(rawbpf_sys_map_delete_elem(-1, kv));
	FAILS(rawbpf_sys_map_delete_elem_flags(-1, kv, 0));
	FAILS(rawbpf_sys_map_get_next_key(-1, kv, kv + 1));
	FAILS(rawbpf_sys_map_lookup_and_delete_elem(-1, kv, kv + 1, 0));
	FAILS(rawbpf_sys_map_freeze(-1));
	FAILS(rawbpf_sys_map_lookup_batch(-1, NULL, kv, kv + 1, kv + 2, &n, NULL));
	FAILS(rawbpf_sys_map_lookup_and_delete_batch(-1, NULL, kv, kv + 1, kv + 2,
						 &n, NULL));
	FAILS(rawbpf_sys_map_update_batch(-1, kv, kv + 1, &n, NULL));
	FAILS(rawbpf_sys_map_delete_batch(-1, kv, &n, NULL));
	FAILS(rawbpf_sys_prog_load(BPF_PROG_TYPE_SOCKET_FILTER, "x", "GPL", &insn,
			       0, NULL));
	FAILS(rawbpf_sys_prog_test_run(-1, &run));
	FAILS(rawbpf_sys_prog_bind_map(-1, -1, 0));
	FAILS(rawbpf_sys_prog_get_next_id(NO_ID, &id));
	FAILS(rawbpf_sys_map_get_next_id(NO_ID, &id));
	FAILS(rawbpf_sys_btf_get_next_id(NO_ID, &id));
	FAILS(rawbpf_sys_link_get_next_id(NO_ID, &id));
	FAILS(rawbpf_sys_prog_get_fd_by_id(NO_ID));
	FAILS(rawbpf_sys_map_get_fd_by_id(NO_ID, 0));
	FAILS(rawbpf_sys_btf_get_fd_by_id(NO_ID));
	FAILS(rawbpf_sys_btf_get_fd_by_id_opts(NO_ID, NULL));
	FAILS(rawbpf_sys_link_get_fd_by_id(NO_ID, 0));
	FAILS(rawbpf_sys_obj_get_info_by_fd(-1, kv, &len));
	FAILS(rawbpf_sys_obj_pin(-1, NOWHERE "/x", NULL));
	FAILS(rawbpf_sys_obj_get(NOWHERE "/x", NULL));
	FAILS(rawbpf_sys_prog_attach(-1, -1, BPF_CGROUP_INET_INGRESS, NULL));
	FAILS(rawbpf_sys_prog_detach(-1, BPF_CGROUP_INET_INGRESS, NULL));
	FAILS(rawbpf_sys_prog_query(-1, BPF_CGROUP_INET_INGRESS, &q));
	FAILS(rawbpf_sys_raw_tracepoint_open("rawbpf_none", -1, 0));
	FAILS(rawbpf_sys_btf_load(btf, sizeof(btf), NULL));
	FAILS(rawbpf_sys_task_fd_query(getpid(), -1, 0, &tinfo));
	FAILS(rawbpf_sys_link_create(-1, -1, BPF_CGROUP_INET_INGRESS, NULL));
	FAILS(rawbpf_sys_link_update(-1, -1, NULL));
	FAILS(rawbpf_sys_link_detach(-1));
	FAILS(rawbpf_sys_iter_create(-1));
	FAILS(rawbpf_sys_enable_stats(0xffff));
	FAILS(rawbpf_sys_token_create(-1, 0));
	FAILS_WITH(-EINVAL, rawbpf_sys_prog_stream_read(-1, 1, NULL, 1));
	{
		char c;

		FAILS(rawbpf_sys_prog_stream_read(-1, 1, &c, 1));
	}
	memset(&pattr, 0, sizeof(pattr));
	pattr.size = sizeof(pattr);
	pattr.type = 0xffff;	/* no such PMU */
	FAILS(rawbpf_sys_perf_event_open(&pattr, 0, -1, -1, 0));
}

/* The kernel has no such filesystem: fsopen fails. */
static int refuse_fsopen(void *ctx, const struct rb_sys_call *c, long *ret)
{
	(void)ctx;
	if (c->kind != RB_SYS_FSOPEN)
		return 0;
	*ret = -ENODEV;
	return 1;
}

static void test_pin(void **state)
{
	static const struct rb_sys_hook h = { .before = refuse_fsopen };
	bool no_fsmount;

	(void)state;
	rb_sys_set_hook(&h);
	FAILS_WITH(-ENODEV, rawbpf_bpffs_context());
	rb_sys_set_hook(NULL);
	FAILS_WITH(-EBADF, rawbpf_bpffs_delegate(-1, NULL));
	/* the kernel's answer passes through: valgrind 3.19 and qemu-user
	 * 7.2 know no fsmount and say ENOSYS */
	no_fsmount = syscall(SYS_fsmount, -1, 0, 0) < 0 && errno == ENOSYS;
	FAILS_WITH(no_fsmount ? -ENOSYS : -EBADF, rawbpf_bpffs_mount_context(-1));
	FAILS_WITH(-ENOENT, rawbpf_bpffs_detect(NOWHERE));
	FAILS_WITH(-ENOENT, rawbpf_bpffs_mount(NOWHERE));
	FAILS_WITH(-ENOTSUP, rawbpf_bpffs_mkdir(NOWHERE "/x", 0700));
	FAILS(rawbpf_bpffs_pin(-1, NOWHERE "/x"));
	FAILS(rawbpf_bpffs_pin_at(-1, AT_FDCWD, NOWHERE "/x"));
	FAILS(rawbpf_bpffs_get(NOWHERE "/x", 0));
	FAILS(rawbpf_bpffs_get_at(AT_FDCWD, NOWHERE "/x", 0));
	FAILS_WITH(-ENOENT, rawbpf_bpffs_unpin(NOWHERE "/x"));
	FAILS_WITH(-ENOENT, rawbpf_bpffs_unpin_at(AT_FDCWD, NOWHERE "/x"));
	FAILS_WITH(-ENOENT, rawbpf_fd_type(1000000));
	FAILS(rawbpf_bpffs_type(NOWHERE "/x"));
}

static void test_attach(void **state)
{
	const char *syms[] = { "rawbpf_none" };
	struct rawbpf_attachment *at = NULL;
	struct rawbpf_section_hook hook;
	struct rawbpf_tc_filter f[1];
	struct rawbpf_xdp_query xq;
	uint64_t off;
	uint32_t n = 1;
	char buf[64];

	(void)state;
	/* the program fd is dup'ed first: -1 is EBADF from fcntl */
	FAILS(rawbpf_attach_cgroup(-1, -1, BPF_CGROUP_INET_INGRESS,
						NULL, &at));
	FAILS_WITH(-EINVAL, rawbpf_cgroup_prog_type(0xffff));
	FAILS(rawbpf_attach_xdp(-1, NO_IF, NULL, &at));
	FAILS(rawbpf_xdp_query(NO_IF, &xq));
	FAILS(rawbpf_xdp_set(NO_IF, -1, 0, -1, NULL, 0));
	FAILS(rawbpf_attach_tc(-1, NO_IF, RAWBPF_TCX_INGRESS, NULL, &at));
	FAILS(rawbpf_attach_tcx_prog(-1, NO_IF, RAWBPF_TCX_INGRESS, NULL, &at));
	FAILS(rawbpf_attach_netkit(-1, NO_IF, RAWBPF_NETKIT_PRIMARY, NULL, &at));
	FAILS(rawbpf_tc_qdisc_create(NO_IF));
	FAILS(rawbpf_tc_qdisc_destroy(NO_IF));
	FAILS(rawbpf_tc_filter_list(NO_IF, 0xffff, f, &n));
	FAILS_WITH(-EBADF, rawbpf_attach_socket(-1, -1, NULL, &at));
	FAILS_WITH(-EBADF, rawbpf_attach_reuseport(-1, -1, NULL, &at));
	FAILS(rawbpf_attach_netns(-1, -1, BPF_FLOW_DISSECTOR, NULL, &at));
	FAILS(rawbpf_attach_sockmap(-1, -1, BPF_SK_SKB_STREAM_VERDICT, NULL,
				    &at));
	FAILS(rawbpf_attach_netfilter(-1, NULL, &at));
	FAILS(rawbpf_attach_perf_event(-1, -1, NULL, &at));
	FAILS(rawbpf_attach_tracepoint(-1, "rawbpf", "none", NULL, &at));
	FAILS(rawbpf_attach_perf_sampling(-1, NULL, &at));
	FAILS(rawbpf_attach_raw_tracepoint(-1, "rawbpf_none", NULL, &at));
	FAILS(rawbpf_attach_kprobe(-1, "rawbpf_none", 0, NULL, &at));
	FAILS(rawbpf_attach_ksyscall(-1, "rawbpf_none", NULL, &at));
	FAILS(rawbpf_ksyscall_name("", buf, sizeof(buf)));
	FAILS(rawbpf_attach_kprobe_multi(-1, syms, 1, NULL, &at));
	{
		RAWBPF_OPTS(rawbpf_attach_kprobe_multi_opts, ko, .tracefs = NOWHERE);

		FAILS_WITH(-ENOENT, rawbpf_attach_kprobe_multi_glob(-1, "vfs_*", &ko, &at));
	}
	FAILS(rawbpf_attach_uprobe(-1, NOWHERE, "main", 0, NULL, &at));
	FAILS(rawbpf_attach_uprobe_spec(-1, NOWHERE ":main", NULL, &at));
	FAILS_WITH(-ENOENT, rawbpf_uprobe_resolve(NOWHERE, "main", &off, NULL));
	FAILS_WITH(-ENOENT, rawbpf_uprobe_find_library(0, "librawbpf-none",
						       buf, sizeof(buf)));
	FAILS_WITH(-ENOENT, rawbpf_uprobe_find_library_file("librawbpf-none", buf,
							    sizeof(buf), NULL));
	FAILS_WITH(-EINVAL, rawbpf_uprobe_find_library_file("", buf, sizeof(buf),
							    NULL));
	FAILS(rawbpf_attach_uprobe_multi(-1, NOWHERE, syms, 1, NULL, &at));
	FAILS(rawbpf_attach_uprobe_multi_glob(-1, NOWHERE, "m*", NULL, &at));
	FAILS(rawbpf_attach_tracing(-1, BPF_TRACE_FENTRY, NULL, &at));
	FAILS(rawbpf_attach_freplace(-1, -1, 0, NULL, &at));
	FAILS(rawbpf_attach_iter(-1, NULL, &at));
	FAILS(rawbpf_section_hook("rawbpf_none", &hook));
	FAILS(rawbpf_attach_section(-1, "rawbpf_none", 0, NULL, &at));
	FAILS(rawbpf_link_open_id(NO_ID, &at, NULL));
	FAILS(rawbpf_link_open_pinned(NOWHERE "/x", &at, NULL));
	assert_null(at);
}

/* A fake kernel for what needs state: each object-making command gets a
 * /dev/null fd (a real fd the library can close), other commands 0. */
static int fake_bpf(void *ctx, const struct rb_sys_call *c, long *ret)
{
	(void)ctx;
	if (c->kind != RB_SYS_BPF)
		return 0;
	switch (rb_call_op(c)) {
	case BPF_PROG_LOAD:
	case BPF_MAP_CREATE:
	case BPF_BTF_LOAD:
	case BPF_LINK_GET_FD_BY_ID:
		*ret = open("/dev/null", O_RDONLY | O_CLOEXEC);
		return 1;
	case BPF_OBJ_GET_INFO_BY_FD:
		return 0;	/* the real kernel refuses /dev/null */
	default:
		*ret = 0;
		return 1;
	}
}

static const struct rb_sys_hook fake = { .before = fake_bpf };

/* A link handle around /dev/null: every operation the kernel would do on
 * it fails for real (not a bpf object). */
static void test_attachment(void **state)
{
	struct rawbpf_attachment *at = NULL;
	struct rawbpf_link_info info;
	char *text;
	size_t len;

	(void)state;
	rb_sys_set_hook(&fake);
	assert_int_equal(rawbpf_link_open_id(1, &at, NULL), 0);
	rb_sys_set_hook(NULL);
	assert_non_null(at);
	FAILS(rawbpf_attachment_pin(at, NOWHERE "/x"));
	FAILS_WITH(-ENOENT, rawbpf_attachment_unpin(at));
	FAILS(rawbpf_attachment_update(at, -1, -1));
	FAILS(rawbpf_attachment_info(at, &info));
	FAILS(rawbpf_iter_open(at));
	FAILS(rawbpf_iter_read(at, &text, &len));
	FAILS(rawbpf_attachment_detach(at));
	rawbpf_attachment_destroy(at);
}

static int fake_setsockopt(void *ctx, const struct rb_sys_call *c, long *ret)
{
	(void)ctx;
	*ret = 0;
	return c->kind == RB_SYS_SETSOCKOPT;
}

/* A socket filter handle has no fd of its own to hand out. */
static void test_attachment_without_fd(void **state)
{
	static const struct rb_sys_hook h = { .before = fake_setsockopt };
	struct rawbpf_attachment *at = NULL;
	int prog = open("/dev/null", O_RDONLY | O_CLOEXEC);

	(void)state;
	rb_sys_set_hook(&h);
	assert_int_equal(rawbpf_attach_socket(prog, 1, NULL, &at), 0);
	FAILS_WITH(-EBADF, rawbpf_attachment_fd(at));
	rawbpf_attachment_destroy(at);
	rb_sys_set_hook(NULL);
	close(prog);
}

static void test_object(void **state)
{
	static const char junk[64] = "not an ELF file";
	struct rawbpf_object *obj, *glob;
	struct rawbpf_program *p;
	struct rawbpf_map *m;
	struct rawbpf_attachment *at = NULL;
	uint32_t t, e, fl;

	(void)state;
	/* the measured bug: a missing file changed errno from 4321 to 2 */
	FAILS_WITH(-ENOENT, rawbpf_object_open_file(NOWHERE ".o", NULL, &obj));
	FAILS(rawbpf_object_open_mem(junk, sizeof(junk), NULL, &obj));
	FAILS(rawbpf_section_lookup("rawbpf_none", &t, &e, &fl));
	assert_int_equal(rawbpf_object_open_file(RB_BPF_OBJ("obj_legacy"), NULL,
						 &obj), 0);
	p = rawbpf_object_next_program(obj, NULL);
	m = rawbpf_object_find_map(obj, "legacy_counts");
	assert_non_null(p);
	assert_non_null(m);
	/* before the load: nothing to hand out, bad values refused */
	FAILS_WITH(-ENOENT, rawbpf_object_btf_fd(obj));
	FAILS_WITH(-ENOENT, rawbpf_program_fd(p));
	FAILS_WITH(-ENOENT, rawbpf_map_fd(m));
	FAILS_WITH(-EINVAL, rawbpf_program_set_attach_target(p, -1, 0, 0));
	FAILS_WITH(-EINVAL, rawbpf_program_set_attach_func(p, -1, "f"));
	FAILS_WITH(-EINVAL, rawbpf_map_set_value_size(m, 0));
	FAILS_WITH(-EINVAL, rawbpf_map_set_reuse_fd(m, -1));
	FAILS_WITH(-EINVAL, rawbpf_map_set_reuse_fd(NULL, 0));
	FAILS_WITH(-EINVAL, rawbpf_map_set_pin_path(m, ""));
	FAILS_WITH(-EINVAL, rawbpf_map_set_pin_path(NULL, "/x"));
	FAILS_WITH(-EINVAL, rawbpf_map_set_inner_map_fd(m, -1));
	FAILS_WITH(-EINVAL, rawbpf_map_set_inner_map_fd(NULL, 0));
	FAILS(rawbpf_program_attach(p, NULL, &at));
	FAILS_WITH(-EINVAL, rawbpf_attach_struct_ops(m, &at));	/* not struct_ops */
	/* USDT: not loaded, a pid below -1, a spec that is not PATH:P:N */
	FAILS(rawbpf_attach_usdt(p, -1, "/bin/true", "prov", "name", NULL, &at));
	FAILS_WITH(-EINVAL, rawbpf_attach_usdt(p, -2, "/bin/true", "p", "n", NULL, &at));
	FAILS_WITH(-EINVAL, rawbpf_attach_usdt_spec(p, -1, "no-colons", NULL, &at));
	/* size-checked map access: sizes first, then "not created yet" */
	{
		uint8_t key[64] = { 0 }, val[4096] = { 0 };
		uint32_t ks = rawbpf_map_key_size(m), vs = rawbpf_map_value_stride(m);

		assert_true(ks < sizeof(key) && vs < sizeof(val));
		FAILS_WITH(-EINVAL, rawbpf_map_lookup_elem(m, key, ks + 1, val, vs, 0));
		FAILS_WITH(-EINVAL, rawbpf_map_update_elem(m, key, ks, val, vs + 1, 0));
		FAILS_WITH(-EBADF, rawbpf_map_lookup_elem(m, key, ks, val, vs, 0));
		FAILS_WITH(-EBADF, rawbpf_map_update_elem(m, key, ks, val, vs, 0));
		FAILS_WITH(-EBADF, rawbpf_map_delete_elem(m, key, ks, 0));
		FAILS_WITH(-EBADF, rawbpf_map_get_next_key(m, NULL, key, ks));
	}
	assert_int_equal(rawbpf_object_open_file(RB_BPF_OBJ("obj_globals"),
						 NULL, &glob), 0);
	FAILS_WITH(-EINVAL,
		   rawbpf_map_set_max_entries(rawbpf_object_next_map(glob, NULL),
					      2));
	/* globals by name: unknown names, wrong sizes, the end of the list */
	{
		struct rawbpf_global_info gi;
		uint32_t it = UINT32_MAX, v = 0;

		FAILS_WITH(-ENOENT, rawbpf_object_find_global(glob, "rb_none", &gi));
		FAILS_WITH(-EINVAL, rawbpf_object_find_global(NULL, "x", &gi));
		FAILS_WITH(-ENOENT, rawbpf_object_next_global(glob, &it, &gi));
		FAILS_WITH(-ENOENT, rawbpf_object_set_global(glob, "rb_none", &v, 4));
		FAILS_WITH(-ENOENT, rawbpf_object_get_global(glob, "rb_none", &v, 4));
		assert_int_equal(rawbpf_object_next_global(glob, &(uint32_t){ 0 }, &gi), 0);
		FAILS_WITH(-EINVAL, rawbpf_object_set_global(glob, gi.name, &v,
							     gi.size + 1));
		FAILS_WITH(-EINVAL, rawbpf_object_get_global(glob, gi.name, &v, 0));
	}
	/* attach everything: nothing is loaded yet */
	FAILS_WITH(-ENOENT, rawbpf_object_attach(glob));
	FAILS_WITH(-EINVAL, rawbpf_object_attach(NULL));
	rawbpf_object_close(glob);
	/* after a (fake) load: every setter refuses */
	rb_sys_set_hook(&fake);
	assert_int_equal(rawbpf_object_load(obj), 0);
	rb_sys_set_hook(NULL);
	FAILS_WITH(-EBUSY, rawbpf_program_set_type(p, 1, 0));
	FAILS_WITH(-EBUSY, rawbpf_program_set_flags(p, 0));
	FAILS_WITH(-EBUSY, rawbpf_program_set_autoload(p, false));
	FAILS_WITH(-EBUSY, rawbpf_map_set_max_entries(m, 8));
	FAILS_WITH(-EBUSY, rawbpf_map_set_pin_path(m, "/x"));
	FAILS(rawbpf_object_load(obj));
	rawbpf_object_close(obj);
	assert_null(at);
}

/* A load the kernel refuses: through the hook, every bpf(2) fails. */
static int refuse_bpf(void *ctx, const struct rb_sys_call *c, long *ret)
{
	(void)ctx;
	if (c->kind != RB_SYS_BPF)
		return 0;
	*ret = -EPERM;
	return 1;
}

static void test_object_load(void **state)
{
	static const struct rb_sys_hook refuse = { .before = refuse_bpf };
	struct rawbpf_object *obj;

	(void)state;
	assert_int_equal(rawbpf_object_open_file(RB_BPF_OBJ("obj_legacy"), NULL,
						 &obj), 0);
	rb_sys_set_hook(&refuse);
	FAILS_WITH(-EPERM, rawbpf_object_load(obj));
	rb_sys_set_hook(NULL);
	rawbpf_object_close(obj);
}

static int on_rec(void *ctx, const void *data, size_t size)
{
	(void)ctx; (void)data; (void)size;
	return 0;
}

static int on_sample(void *ctx, int cpu, const void *data, uint32_t size)
{
	(void)ctx; (void)cpu; (void)data; (void)size;
	return 0;
}

static int sink(void *ctx, const char *buf, size_t len)
{
	(void)ctx;
	(void)buf;
	(void)len;
	return 0;
}

/* The possible-CPU count when its file cannot be opened. */
static int fail_open(void *ctx, const struct rb_sys_call *c, long *ret)
{
	(void)ctx;
	if (c->kind != RB_SYS_OPEN)
		return 0;
	*ret = -EACCES;
	return 1;
}

static void test_possible_cpus(void **state)
{
	static const struct rb_sys_hook h = { .before = fail_open };
	int n;

	(void)state;
	rb_sys_set_hook(&h);
	errno = MARK;
	n = rawbpf_kernel_possible_cpus();
	rb_sys_set_hook(NULL);
	assert_int_equal(errno, MARK);
	/* read once per process: either the failure, or the cached count */
	assert_true(n == -EACCES || n > 0);
	if (n > 0)
		assert_int_equal(n, rawbpf_kernel_possible_cpus());
}

/* BTF dump: not BTF, and a NULL writer. */
static void test_btf_dump(void **state)
{
	static const uint8_t junk[64] = { 1, 2, 3 };

	(void)state;
	FAILS(rawbpf_btf_dump(junk, sizeof(junk), sink, NULL, NULL));
	FAILS(rawbpf_btf_dump(junk, sizeof(junk), NULL, NULL, NULL));
	/* btf min: not BTF, a NULL writer, NULL objects */
	FAILS_WITH(-EINVAL, rawbpf_btf_min(junk, sizeof(junk), NULL, 0, sink, NULL, NULL));
	FAILS_WITH(-EINVAL, rawbpf_btf_min(junk, sizeof(junk), NULL, 0, NULL, NULL, NULL));
	FAILS_WITH(-EINVAL, rawbpf_btf_min(junk, sizeof(junk), NULL, 1, sink, NULL, NULL));
}

static void test_buffers(void **state)
{
	struct rawbpf_ring_buffer *rb = NULL;
	struct rawbpf_perf_buffer *pb = NULL;
	struct rawbpf_user_ring_buffer *urb = NULL;
	void *sample = NULL;

	(void)state;
	FAILS(rawbpf_ring_buffer_new(-1, on_rec, NULL, NULL, &rb));
	FAILS_WITH(-EINVAL, rawbpf_ring_buffer_add(NULL, -1, on_rec, NULL));
	FAILS_WITH(-EINVAL, rawbpf_ring_buffer_poll(NULL, 0));
	FAILS_WITH(-EINVAL, rawbpf_ring_buffer_consume(NULL));
	FAILS_WITH(-EINVAL, rawbpf_ring_buffer_epoll_fd(NULL));
	FAILS(rawbpf_user_ring_buffer_new(-1, NULL, &urb));
	FAILS_WITH(-EINVAL, rawbpf_user_ring_buffer_reserve(NULL, 8, &sample));
	FAILS_WITH(-EINVAL, rawbpf_user_ring_buffer_reserve_blocking(NULL, 8, 0,
								    &sample));
	FAILS_WITH(-EINVAL, rawbpf_user_ring_buffer_submit(NULL, &sample));
	FAILS_WITH(-EINVAL, rawbpf_user_ring_buffer_discard(NULL, &sample));
	assert_null(urb);
	FAILS(rawbpf_perf_buffer_new(-1, 1, on_sample, NULL, NULL, &pb));
	FAILS_WITH(-EINVAL, rawbpf_perf_buffer_poll(NULL, 0));
	FAILS_WITH(-EINVAL, rawbpf_perf_buffer_consume(NULL));
	FAILS_WITH(-EINVAL, rawbpf_perf_buffer_epoll_fd(NULL));
	FAILS_WITH(-EINVAL, rawbpf_perf_buffer_cpu_count(NULL));
	assert_null(rb);
	assert_null(pb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sys),
		cmocka_unit_test(test_pin),
		cmocka_unit_test(test_attach),
		cmocka_unit_test(test_attachment),
		cmocka_unit_test(test_attachment_without_fd),
		cmocka_unit_test(test_object),
		cmocka_unit_test(test_object_load),
		cmocka_unit_test(test_buffers),
		cmocka_unit_test(test_btf_dump),
		cmocka_unit_test(test_possible_cpus),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
