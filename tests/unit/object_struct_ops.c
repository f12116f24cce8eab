// SPDX-License-Identifier: BSD-2-Clause
/*
 * object_struct_ops.c - struct_ops maps without a kernel: what open parses
 * from .struct_ops/.struct_ops.link (maps, member -> program), what load's
 * kernel pass makes of them against a hand-built kernel BTF (value layout,
 * data members copied, programs' attach ids) and what it refuses before
 * any bpf() call (a member the kernel lacks, a size that differs, no
 * bpf_struct_ops_<name> wrapper, a non-struct_ops program), and the bpf(2)
 * attrs of registration (map update, struct_ops link, link update).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"
#include "btf_blob.h"
#include "budget.h"
#include "logcap.h"
#include "sys_record.h"
#include "rawbpf/attach_auto.h"
#include "rawbpf/btf.h"
#include "rawbpf/object.h"
#include "attach/attachment.h"
#include "object/object.h"
#include "object/kernel_prep.h"
#include "btf/btf.h"
#include "sys/abi.h"

#define END(T, f) offsetofend(struct T, f)

/* The kernel BTF's shape: what to leave out or change. */
enum { K_FULL = 0, K_NO_UNDO = 1, K_NAME8 = 2, K_NO_WRAPPER = 4, K_INT_UNDO = 8,
       K_SPLIT = 16, K_NO_STRUCT = 32, K_NO_DATA = 64, K_PINT_UNDO = 128 };

/* Ids of the hand-built kernel BTF. */
enum { KT_INT = 1, KT_SOCK, KT_PSOCK, KT_PROTO, KT_PFN, KT_CHAR, KT_NAME,
       KT_OPS, KT_WRAP };
#define OPS_SIZE 56	/* see build_kbtf */
#define WRAP_DATA_OFF 64

static struct rb_tb tb, base_tb;
static struct rb_logcap cap;
static unsigned char kblob[4096], modblob[4096];
static size_t modblob_len;

static void member(const char *name, uint32_t type, uint32_t bit_off)
{
	rb_tb_word(&tb, rb_tb_str(&tb, name));
	rb_tb_word(&tb, type);
	rb_tb_word(&tb, bit_off);
}

/* struct tcp_congestion_ops { ssthresh, cong_avoid, set_state, undo_cwnd
 * (function pointers at 0, 8, 16, 24); char name[16] at 32; init at 48 }
 * inside struct bpf_struct_ops_tcp_congestion_ops { int refcnt, state;
 * ...; data at 64 }. */
static size_t build_kbtf(unsigned shape)
{
	uint32_t n = 6 - !!(shape & K_NO_UNDO);
	size_t len = 0;

	/* K_SPLIT: vmlinux is just the int; the rest is a module's split
	 * BTF (modblob), with the same ids */
	rb_tb_init(&base_tb);
	rb_tb_type(&base_tb, "int", RB_BTF_KIND_INT, 0, 0, 4);
	rb_tb_word(&base_tb, RB_BTF_INT_ENC(RB_BTF_INT_SIGNED, 0, 32));
	if (shape & K_SPLIT) {
		len = rb_tb_blob(&base_tb, kblob, sizeof(kblob));
		rb_tb_init_split(&tb, &base_tb);
	} else {
		tb = base_tb;
	}
	rb_tb_type(&tb, "sock", RB_BTF_KIND_STRUCT, 0, 0, 8);
	rb_tb_type(&tb, "", RB_BTF_KIND_PTR, 0, 0, KT_SOCK);
	rb_tb_type(&tb, "", RB_BTF_KIND_FUNC_PROTO, 0, 1, KT_INT);
	rb_tb_word(&tb, 0);
	rb_tb_word(&tb, KT_PSOCK);
	rb_tb_type(&tb, "", RB_BTF_KIND_PTR, 0, 0, KT_PROTO);
	rb_tb_type(&tb, "char", RB_BTF_KIND_INT, 0, 0, 1);
	rb_tb_word(&tb, RB_BTF_INT_ENC(RB_BTF_INT_CHAR, 0, 8));
	rb_tb_type(&tb, "", RB_BTF_KIND_ARRAY, 0, 0, 0);
	rb_tb_word(&tb, KT_CHAR);
	rb_tb_word(&tb, KT_INT);
	rb_tb_word(&tb, shape & K_NAME8 ? 8 : 16);
	rb_tb_type(&tb, shape & K_NO_STRUCT ? "tcp_other_ops" : "tcp_congestion_ops",
		   RB_BTF_KIND_STRUCT, 0, n, OPS_SIZE);
	member("ssthresh", KT_PFN, 0);
	member("cong_avoid", KT_PFN, 64);
	member("set_state", KT_PFN, 128);
	if (!(shape & K_NO_UNDO))	/* K_PINT_UNDO: a pointer, to int */
		member("undo_cwnd", shape & K_INT_UNDO ? KT_INT :
			shape & K_PINT_UNDO ? KT_PSOCK : KT_PFN, 192);
	member("name", KT_NAME, 256);
	member("init", KT_PFN, 384);
	rb_tb_type(&tb, shape & K_NO_WRAPPER ? "bpf_struct_ops_other" :
		   "bpf_struct_ops_tcp_congestion_ops", RB_BTF_KIND_STRUCT, 0, 3,
		   WRAP_DATA_OFF + OPS_SIZE);
	member("refcnt", KT_INT, 0);
	member("state", KT_INT, 32);
	member(shape & K_NO_DATA ? "kdata" : "data", KT_OPS, WRAP_DATA_OFF * 8);
	if (shape & K_SPLIT) {
		modblob_len = rb_tb_blob(&tb, modblob, sizeof(modblob));
		return len;
	}
	return rb_tb_blob(&tb, kblob, sizeof(kblob));
}

static char modpath[64];

static struct rawbpf_object *open_with(const char *name, unsigned shape)
{
	RAWBPF_OPTS(rawbpf_object_open_opts, o);
	struct rawbpf_object *obj = NULL;
	char path[512];
	int fd;

	o.btf_data = kblob;
	o.btf_size = build_kbtf(shape);
	if (shape & K_SPLIT) {	/* the module's BTF as a file */
		snprintf(modpath, sizeof(modpath), "/tmp/rb_st_ops_mod.XXXXXX");
		fd = mkstemp(modpath);
		assert_true(fd >= 0);
		assert_int_equal(write(fd, modblob, modblob_len), (ssize_t)modblob_len);
		close(fd);
		o.btf_module_path = modpath;
	}
	snprintf(path, sizeof(path), "%s/%s.o", RAWBPF_BPF_DIR, name);
	assert_int_equal(rawbpf_object_open_file(path, &o, &obj), 0);
	return obj;
}

static const char *member_prog(struct rawbpf_map *m, const char *member)
{
	int i = rb_btf_member_by_name(m->obj->btf, m->st_ops->type_id, member);

	assert_true(i >= 0);
	return m->st_ops->progs[i] < 0 ? NULL : m->obj->progs[m->st_ops->progs[i]].name;
}

static void test_open_maps(void **state)
{
	struct rawbpf_object *obj = open_with("struct_ops_cc_link", K_FULL);
	struct rawbpf_map *a = rawbpf_object_find_map(obj, "rb_ccl_ops");
	struct rawbpf_map *b = rawbpf_object_find_map(obj, "rb_ccl_ops2");

	(void)state;
	assert_non_null(a);
	assert_non_null(b);
	assert_int_equal(rawbpf_map_type(a), BPF_MAP_TYPE_STRUCT_OPS);
	assert_int_equal(rawbpf_map_key_size(a), 4);
	assert_int_equal(a->def.max_entries, 1);
	assert_int_equal(a->def.map_flags, RAWBPF_F_LINK);
	assert_true(a->st_ops->link);
	assert_string_equal(member_prog(a, "init"), "rb_cc_init");
	assert_string_equal(member_prog(a, "ssthresh"), "rb_cc_ssthresh");
	assert_string_equal(member_prog(a, "cong_avoid"), "rb_cc_cong_avoid");
	assert_string_equal(member_prog(a, "undo_cwnd"), "rb_cc_undo_cwnd");
	assert_null(member_prog(b, "init"));
	assert_string_equal((const char *)a->data + 32, "rb_ccl");
	/* the limits of a map whose size is the kernel's */
	assert_int_equal(rawbpf_map_set_max_entries(a, 2), -EINVAL);
	assert_int_equal(rawbpf_map_set_value_size(a, 8), -EINVAL);
	rawbpf_object_close(obj);
}

/* A program no struct_ops map uses is not loaded (libbpf's rule). */
static void test_unused_program_not_loaded(void **state)
{
	struct rawbpf_object *obj;

	(void)state;
	obj = open_with("struct_ops_cc_link", K_FULL);
	assert_true(rawbpf_program_autoload(rawbpf_object_find_program(obj, "rb_cc_init")));
	assert_false(rawbpf_program_autoload(rawbpf_object_find_program(obj, "rb_cc_unused")));
	rawbpf_object_close(obj);
}

static void test_bad_program_refused(void **state)
{
	RAWBPF_OPTS(rawbpf_object_open_opts, o, .log = rb_logcap_fn, .log_ctx = &cap);
	struct rawbpf_object *obj = NULL;

	(void)state;
	memset(&cap, 0, sizeof(cap));
	assert_int_equal(rawbpf_object_open_file(RB_BPF_OBJ("struct_ops_bad_prog"), &o, &obj),
			 -EINVAL);
	assert_null(obj);
	assert_true(rb_logcap_has(&cap, RAWBPF_LOG_WARN,
		"struct_ops rb_bad_ops: member cong_avoid is set to program rb_not_struct_ops of section tp/syscalls/sys_enter_getpid, not a struct_ops program"));
}

static void test_kernel_pass(void **state)
{
	struct rawbpf_object *obj = open_with("struct_ops_cc", K_FULL);
	struct rawbpf_map *m = rawbpf_object_find_map(obj, "rb_cc_ops");
	struct rawbpf_program *p;
	struct rb_kprep k;
	const uint8_t *v;

	(void)state;
	assert_int_equal(rb_obj_prepare_kernel(obj, &k), 0);
	assert_int_equal(m->st_ops->kern_type_id, KT_OPS);
	assert_int_equal(m->st_ops->kern_vtype_id, KT_WRAP);
	assert_int_equal(m->def.value_size, WRAP_DATA_OFF + OPS_SIZE);
	v = m->st_ops->kvalue;
	assert_string_equal((const char *)v + WRAP_DATA_OFF + 32, "rb_cc");
	/* program slots: the kernel's member offsets inside `data` */
	assert_int_equal(m->st_ops->fd_off[rb_btf_member_by_name(obj->btf, m->st_ops->type_id,
								"undo_cwnd")], WRAP_DATA_OFF + 24);
	assert_int_equal(m->st_ops->fd_off[rb_btf_member_by_name(obj->btf, m->st_ops->type_id,
								"init")], WRAP_DATA_OFF + 48);
	/* attach_btf_id: the kernel struct; expected_attach_type: member index */
	p = rawbpf_object_find_program(obj, "rb_cc_undo_cwnd");
	assert_int_equal(rawbpf_program_attach_btf_id(p), KT_OPS);
	assert_int_equal(rawbpf_program_expected_attach_type(p), 3);
	p = rawbpf_object_find_program(obj, "rb_cc_init");
	assert_int_equal(rawbpf_program_expected_attach_type(p), 5);
	rb_kprep_free(&k);
	rawbpf_object_close(obj);
}

/* The map's data holds each function member's program in its 8-byte slot
 * (libbpf's shadow struct): cleared or pointed elsewhere before load, load
 * follows it; a pointer that is no program of the object is refused. */
static void test_shadow_slots(void **state)
{
	struct rawbpf_object *obj = open_with("struct_ops_cc", K_FULL);
	struct rawbpf_map *m = rawbpf_object_find_map(obj, "rb_cc_ops");
	struct rawbpf_program *init = rawbpf_object_find_program(obj, "rb_cc_init");
	struct rawbpf_program *undo = rawbpf_object_find_program(obj, "rb_cc_undo_cwnd");
	struct rawbpf_program *slot;
	struct rb_kprep k;
	struct rb_rec rec;
	uint8_t *d;
	size_t size;
	int mi;

	(void)state;
	d = rawbpf_map_initial_value(m, &size);
	assert_non_null(d);
	assert_int_equal(size, 48);	/* struct_ops_cc.h's layout */
	memcpy(&slot, d + 24, sizeof(slot));
	assert_ptr_equal(slot, init);
	memcpy(&slot, d + 16, sizeof(slot));
	assert_ptr_equal(slot, undo);
	assert_string_equal((char *)d + 32, "rb_cc");
	/* init cleared, the name changed: the kernel value follows */
	memset(d + 24, 0, 8);
	strcpy((char *)d + 32, "rb_cx");
	assert_int_equal(rb_obj_prepare_kernel(obj, &k), 0);
	assert_string_equal((const char *)m->st_ops->kvalue + WRAP_DATA_OFF + 32, "rb_cx");
	mi = rb_btf_member_by_name(obj->btf, m->st_ops->type_id, "init");
	assert_true(mi >= 0);
	assert_int_equal(m->st_ops->fd_off[mi], RB_ST_OPS_NO_SLOT);
	assert_false(init->autoload);	/* it serves nothing now */
	assert_true(undo->autoload);
	rb_kprep_free(&k);
	rawbpf_object_close(obj);

	obj = open_with("struct_ops_cc", K_FULL);
	d = rawbpf_map_initial_value(rawbpf_object_find_map(obj, "rb_cc_ops"), NULL);
	slot = (struct rawbpf_program *)(void *)&k;
	memcpy(d + 24, &slot, sizeof(slot));
	rb_rec_start(&rec);
	rec.ret_default = -EPERM;
	assert_int_equal(rawbpf_object_load(obj), -EINVAL);
	assert_int_equal(rec.ncalls, 0);
	rb_rec_stop();
	assert_non_null(strstr(rawbpf_object_error(obj), "member init holds"));
	assert_non_null(strstr(rawbpf_object_error(obj), "no program of this object"));
	rawbpf_object_close(obj);
}

/* Load of @name refuses before any bpf() call, naming the member. */
static void expect_refused_obj(const char *name, unsigned shape, const char *off,
			       int err, const char *what)
{
	struct rawbpf_object *obj = open_with(name, shape);
	struct rb_rec rec;

	if (off)
		assert_int_equal(rawbpf_program_set_autoload(
			rawbpf_object_find_program(obj, off), false), 0);
	rb_rec_start(&rec);
	rec.ret_default = -EPERM;
	assert_int_equal(rawbpf_object_load(obj), err);
	assert_int_equal(rec.ncalls, 0);
	rb_rec_stop();
	if (!strstr(rawbpf_object_error(obj), what))
		fail_msg("'%s' does not name %s", rawbpf_object_error(obj), what);
	rawbpf_object_close(obj);
}

static void expect_refused(unsigned shape, int err, const char *what)
{
	expect_refused_obj("struct_ops_cc", shape, NULL, err, what);
}

static void test_mismatch_refused(void **state)
{
	(void)state;
	/* found in module BTF: the kernel needs that module's BTF object */
	expect_refused(K_SPLIT, -EOPNOTSUPP,
		       "struct_ops rb_cc_ops: tcp_congestion_ops is in module BTF from the file");
	unlink(modpath);
	expect_refused(K_NO_UNDO, -EINVAL, "has no member undo_cwnd");
	expect_refused(K_NAME8, -EINVAL, "member name is 16 bytes here, 8 in the kernel");
	expect_refused(K_NO_WRAPPER, -ESRCH, "no struct bpf_struct_ops_tcp_congestion_ops");
	expect_refused(K_INT_UNDO, -EINVAL, "member undo_cwnd is a ptr here, a int in the kernel");
	expect_refused(K_PINT_UNDO, -EINVAL,
		       "member undo_cwnd is a function pointer here, not in the kernel");
	expect_refused(K_NO_STRUCT, -ESRCH,
		       "struct_ops rb_cc_ops: the target BTF (caller's buffer) has no struct tcp_congestion_ops");
	expect_refused(K_NO_DATA, -EINVAL,
		       "bpf_struct_ops_tcp_congestion_ops has no member `data` of type struct tcp_congestion_ops");
	/* a member's program must load, and serve that member only */
	expect_refused_obj("struct_ops_cc", K_FULL, "rb_cc_init", -EINVAL,
			   "member init needs program rb_cc_init, whose autoload is off");
	expect_refused_obj("struct_ops_two_members", K_FULL, NULL, -EINVAL,
			   "program rb_cc_ssthresh is member undo_cwnd here and another struct_ops member elsewhere");
}

static long fake_kernel(struct rb_rec *r, int i, int cmd, void *attr, unsigned int size)
{
	(void)r; (void)i; (void)cmd; (void)attr; (void)size;
	return cmd == BPF_LINK_CREATE ? 77 : 0;
}

/* Registration's attrs: a plain map by MAP_UPDATE_ELEM of the value (and
 * DELETE_ELEM on destroy), a link map by LINK_CREATE with the map fd and
 * BPF_STRUCT_OPS, updated with LINK_UPDATE naming maps. */
static void test_register_attrs(void **state)
{
	struct rawbpf_object *obj = open_with("struct_ops_cc_link", K_FULL);
	struct rawbpf_map *m = rawbpf_object_find_map(obj, "rb_ccl_ops");
	struct rawbpf_attachment *at = NULL;
	struct rb_attr_link_create lc = { .map_fd = 0 };
	struct rb_attr_link_update lu = { .link_fd = 77 };
	struct rb_kprep k;
	struct rb_rec rec;
	int fd = open("/dev/null", O_RDONLY | O_CLOEXEC);

	(void)state;
	assert_true(fd > 2);
	assert_int_equal(rawbpf_attach_struct_ops(m, &at), -ENOENT);	/* not loaded */
	assert_int_equal(rb_obj_prepare_kernel(obj, &k), 0);
	rb_kprep_free(&k);
	m->fd = fd;	/* as if loaded (closed with the object) */
	rb_rec_start(&rec);
	rec.kernel = fake_kernel;
	assert_int_equal(rawbpf_attach_struct_ops(m, &at), 0);
	lc.map_fd = (uint32_t)fd;
	lc.attach_type = RAWBPF_STRUCT_OPS;
	rb_rec_expect(&rec, 0, BPF_LINK_CREATE, &lc, END(rb_attr_link_create, flags));
	assert_int_equal(rawbpf_attachment_fd(at), 77);
	assert_int_equal(rawbpf_attachment_update(at, 12, 11), 0);
	lu.new_map_fd = 12;
	lu.flags = BPF_F_REPLACE;
	lu.old_map_fd = 11;
	rb_rec_expect(&rec, 1, BPF_LINK_UPDATE, &lu, END(rb_attr_link_update, old_map_fd));
	at->fd = -1;	/* 77 is no real fd */
	rawbpf_attachment_destroy(at);
	assert_int_equal(rec.ncalls, 2);

	/* the same map as a plain .struct_ops one */
	m->st_ops->link = false;
	rec.ncalls = 0;
	assert_int_equal(rawbpf_attach_struct_ops(m, &at), 0);
	assert_int_equal(rawbpf_attachment_kind(at), RAWBPF_ATTACH_KIND_STRUCT_OPS_MAP);
	assert_int_equal(rec.calls[0].cmd, BPF_MAP_UPDATE_ELEM);
	assert_int_equal(RB_REC_ATTR(&rec, 0, rb_attr_map_elem)->map_fd, (uint32_t)fd);
	assert_true(RB_REC_ATTR(&rec, 0, rb_attr_map_elem)->value ==
		    (uint64_t)(uintptr_t)m->st_ops->kvalue);
	assert_int_equal(rawbpf_attachment_update(at, 12, -1), -EOPNOTSUPP);
	rawbpf_attachment_destroy(at);
	assert_int_equal(rec.ncalls, 2);
	assert_int_equal(rec.calls[1].cmd, BPF_MAP_DELETE_ELEM);
	assert_true(RB_REC_ATTR(&rec, 1, rb_attr_map_elem)->map_fd != (uint32_t)fd);	/* a dup */
	/* a failed registration leaves nothing: no delete, dup closed */
	rec.ncalls = 0;
	rec.kernel = NULL;
	rec.ret_default = -EEXIST;
	at = NULL;
	assert_int_equal(rawbpf_attach_struct_ops(m, &at), -EEXIST);
	assert_null(at);
	assert_int_equal(rec.ncalls, 1);
	rb_rec_stop();
	rawbpf_object_close(obj);
}

static unsigned char minblob[4096];
static size_t minlen;

static int to_minblob(void *ctx, const char *buf, size_t len)
{
	(void)ctx;
	assert_true(len <= sizeof(minblob));
	memcpy(minblob, buf, len);
	minlen = len;
	return 0;
}

/* rawbpf_btf_min keeps a struct_ops map's kernel types at their ids: the
 * kernel pass finds the same ids in the minimized BTF. A second struct in
 * the kernel BTF that nothing needs is left out. */
static void test_btf_min_keeps_struct_ops(void **state)
{
	struct rawbpf_object *obj = open_with("struct_ops_cc", K_FULL);
	RAWBPF_OPTS(rawbpf_object_open_opts, o, .btf_data = minblob);
	struct rawbpf_map *m;
	struct rb_btf *min = NULL;
	struct rb_kprep k;
	size_t klen;

	(void)state;
	/* an unrelated struct after the wrapper */
	rb_tb_type(&tb, "unrelated_ops", RB_BTF_KIND_STRUCT, 0, 0, 8);
	klen = rb_tb_blob(&tb, kblob, sizeof(kblob));
	assert_int_equal(rawbpf_btf_min(kblob, klen, &obj, 1, to_minblob, NULL, NULL), 0);
	rawbpf_object_close(obj);
	assert_int_equal(rb_btf_parse(minblob, minlen, 0, NULL, &min, NULL), 0);
	assert_int_equal(rb_btf_find(min, "tcp_congestion_ops", RB_BTF_KIND_STRUCT), KT_OPS);
	assert_int_equal(rb_btf_find(min, "bpf_struct_ops_tcp_congestion_ops",
				     RB_BTF_KIND_STRUCT), KT_WRAP);
	assert_int_equal(rb_btf_find(min, "unrelated_ops", -1), -ENOENT);
	rb_btf_free(min);
	o.btf_size = minlen;
	assert_int_equal(rawbpf_object_open_file(RB_BPF_OBJ("struct_ops_cc"), &o, &obj), 0);
	assert_int_equal(rb_obj_prepare_kernel(obj, &k), 0);
	m = rawbpf_object_find_map(obj, "rb_cc_ops");
	assert_int_equal(m->st_ops->kern_vtype_id, KT_WRAP);
	assert_int_equal(m->def.value_size, WRAP_DATA_OFF + OPS_SIZE);
	rb_kprep_free(&k);
	rawbpf_object_close(obj);
}

/* Every allocation of open and of the kernel pass fails in turn: -ENOMEM
 * and every byte given back. */
static void test_nomem(void **state)
{
	struct budget b;
	struct rawbpf_allocator a = rb_budget_allocator(&b);
	RAWBPF_OPTS(rawbpf_object_open_opts, o, .alloc = &a, .btf_data = kblob);
	struct rawbpf_object *obj = NULL;
	struct rb_kprep k;
	long n;
	int err, failures = 0;

	(void)state;
	o.btf_size = build_kbtf(K_FULL);
	for (n = 0;; n++) {
		memset(&b, 0, sizeof(b));
		b.left = n;
		err = rawbpf_object_open_file(RB_BPF_OBJ("struct_ops_cc_link"), &o, &obj);
		if (!err)
			break;
		assert_int_equal(err, -ENOMEM);
		assert_int_equal(b.live, 0);
		assert_int_equal(b.bytes, 0);
	}
	rawbpf_object_close(obj);
	for (n = 0;; n++) {
		memset(&b, 0, sizeof(b));
		b.left = -1;
		assert_int_equal(rawbpf_object_open_file(RB_BPF_OBJ("struct_ops_cc_link"), &o,
							 &obj), 0);
		b.left = n;
		err = rb_obj_prepare_kernel(obj, &k);
		if (!err)
			break;
		failures++;
		assert_int_equal(err, -ENOMEM);
		rawbpf_object_close(obj);
		assert_int_equal(b.live, 0);
		assert_int_equal(b.bytes, 0);
	}
	assert_true(failures > 3);
	rb_kprep_free(&k);
	rawbpf_object_close(obj);
	assert_int_equal(b.live, 0);
	assert_int_equal(b.bytes, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_open_maps),
		cmocka_unit_test(test_unused_program_not_loaded),
		cmocka_unit_test(test_bad_program_refused),
		cmocka_unit_test(test_kernel_pass),
		cmocka_unit_test(test_shadow_slots),
		cmocka_unit_test(test_mismatch_refused),
		cmocka_unit_test(test_nomem),
		cmocka_unit_test(test_btf_min_keeps_struct_ops),
		cmocka_unit_test_teardown(test_register_attrs, rb_rec_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
