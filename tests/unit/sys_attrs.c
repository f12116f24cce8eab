// SPDX-License-Identifier: BSD-2-Clause
/*
 * sys_attrs.c - the exact attr bytes and size each bpf(2) wrapper sends,
 * recorded at the choke point (no kernel involved): maps, programs, ids,
 * pins, pre-link attach, BTF. LINK_CREATE's per-type parts (the only test
 * of those this machine's kernel cannot run: kprobe_multi, tracing
 * cookies, netfilter, tcx, netkit, uprobe_multi) and tokens are in
 * sys_attrs_link.c.
 */
#include <errno.h>
#include <string.h>

#include "fixture.h"
#include "sys_record.h"
#include "rawbpf/sys.h"
#include "core/mem.h"
#include "sys/abi.h"

#define P(x) ((uint64_t)(uintptr_t)(x))
#define END(T, f) offsetofend(struct T, f)

static struct rb_rec rec;

static int setup(void **state)
{
	(void)state;
	rb_rec_start(&rec);
	return 0;
}

/* ---- maps -------------------------------------------------------------- */

static void test_map_create(void **state)
{
	struct rb_attr_map_create e;
	uint8_t hash[32] = { 1 };
	RAWBPF_OPTS(rawbpf_sys_map_create_opts, o, .map_flags = BPF_F_NO_PREALLOC,
		    .inner_map_fd = 9, .numa_node = 1, .map_ifindex = 3,
		    .btf_fd = 10, .btf_key_type_id = 2, .btf_value_type_id = 4,
		    .btf_vmlinux_value_type_id = 5);

	(void)state;
	rec.ret_default = 100;
	assert_int_equal(rawbpf_sys_map_create(BPF_MAP_TYPE_HASH,
					   "a_name_longer_than_15", 4, 8, 16, &o),
			 100);
	memset(&e, 0, sizeof(e));
	e.map_type = BPF_MAP_TYPE_HASH;
	e.key_size = 4;
	e.value_size = 8;
	e.max_entries = 16;
	e.map_flags = BPF_F_NO_PREALLOC;
	e.inner_map_fd = 9;
	e.numa_node = 1;
	memcpy(e.map_name, "a_name_longer_t", 15);
	e.map_ifindex = 3;
	e.btf_fd = 10;
	e.btf_key_type_id = 2;
	e.btf_value_type_id = 4;
	e.btf_vmlinux_value_type_id = 5;
	rb_rec_expect(&rec, 0, BPF_MAP_CREATE, &e,
		      END(rb_attr_map_create, btf_vmlinux_value_type_id));

	/* map_extra (5.16) widens to map_extra. */
	o.map_extra = 3;
	rawbpf_sys_map_create(BPF_MAP_TYPE_HASH, "a_name_longer_than_15", 4, 8, 16, &o);
	e.map_extra = 3;
	rb_rec_expect(&rec, 1, BPF_MAP_CREATE, &e, END(rb_attr_map_create, map_extra));

	/* A token (6.9) sets BPF_F_TOKEN_FD and reaches map_token_fd. */
	o.token_fd = 11;
	rawbpf_sys_map_create(BPF_MAP_TYPE_HASH, "a_name_longer_than_15", 4, 8, 16, &o);
	e.map_flags |= RAWBPF_F_TOKEN_FD;
	e.map_token_fd = 11;
	rb_rec_expect(&rec, 2, BPF_MAP_CREATE, &e,
		      END(rb_attr_map_create, map_token_fd));

	/* value_type_btf_obj_fd (6.9) sets BPF_F_VTYPE_BTF_OBJ_FD. */
	o.token_fd = 0;
	o.value_type_btf_obj_fd = 12;
	rawbpf_sys_map_create(BPF_MAP_TYPE_HASH, "a_name_longer_than_15", 4, 8, 16, &o);
	e.map_flags = BPF_F_NO_PREALLOC | RAWBPF_F_VTYPE_BTF_OBJ_FD;
	e.map_token_fd = 0;
	e.value_type_btf_obj_fd = 12;
	rb_rec_expect(&rec, 3, BPF_MAP_CREATE, &e,
		      END(rb_attr_map_create, map_token_fd));

	/* Exclusive map (6.18). */
	o.value_type_btf_obj_fd = 0;
	o.excl_prog_hash = hash;
	o.excl_prog_hash_size = sizeof(hash);
	rawbpf_sys_map_create(BPF_MAP_TYPE_HASH, "a_name_longer_than_15", 4, 8, 16, &o);
	e.map_flags = BPF_F_NO_PREALLOC;
	e.value_type_btf_obj_fd = 0;
	e.excl_prog_hash = P(hash);
	e.excl_prog_hash_size = 32;
	rb_rec_expect(&rec, 4, BPF_MAP_CREATE, &e,
		      END(rb_attr_map_create, excl_prog_hash_size));

	/* No name, no opts: just the sizes. */
	rawbpf_sys_map_create(BPF_MAP_TYPE_ARRAY, NULL, 4, 4, 1, NULL);
	memset(&e, 0, sizeof(e));
	e.map_type = BPF_MAP_TYPE_ARRAY;
	e.key_size = e.value_size = e.max_entries = 4;
	e.max_entries = 1;
	rb_rec_expect(&rec, 5, BPF_MAP_CREATE, &e,
		      END(rb_attr_map_create, btf_vmlinux_value_type_id));
}

static void test_map_elem(void **state)
{
	struct rb_attr_map_elem e;
	uint32_t k = 1, v = 2;

	(void)state;
	memset(&e, 0, sizeof(e));
	e.map_fd = 7;
	e.key = P(&k);
	e.value = P(&v);
	assert_int_equal(rawbpf_sys_map_lookup_elem(7, &k, &v), 0);
	rb_rec_expect(&rec, 0, BPF_MAP_LOOKUP_ELEM, &e, END(rb_attr_map_elem, flags));
	e.flags = BPF_F_LOCK;
	rawbpf_sys_map_lookup_elem_flags(7, &k, &v, BPF_F_LOCK);
	rb_rec_expect(&rec, 1, BPF_MAP_LOOKUP_ELEM, &e, END(rb_attr_map_elem, flags));
	e.flags = BPF_NOEXIST;
	rawbpf_sys_map_update_elem(7, &k, &v, BPF_NOEXIST);
	rb_rec_expect(&rec, 2, BPF_MAP_UPDATE_ELEM, &e, END(rb_attr_map_elem, flags));
	e.flags = 0;
	rawbpf_sys_map_lookup_and_delete_elem(7, &k, &v, 0);
	rb_rec_expect(&rec, 3, BPF_MAP_LOOKUP_AND_DELETE_ELEM, &e,
		      END(rb_attr_map_elem, flags));
	/* Delete ends at key; flags only when given. */
	e.value = 0;
	rawbpf_sys_map_delete_elem(7, &k);
	rb_rec_expect(&rec, 4, BPF_MAP_DELETE_ELEM, &e, END(rb_attr_map_elem, key));
	e.flags = 4;
	rawbpf_sys_map_delete_elem_flags(7, &k, 4);
	rb_rec_expect(&rec, 5, BPF_MAP_DELETE_ELEM, &e, END(rb_attr_map_elem, flags));
	/* get_next_key: key NULL for the first. */
	memset(&e, 0, sizeof(e));
	e.map_fd = 7;
	e.next_key = P(&v);
	rawbpf_sys_map_get_next_key(7, NULL, &v);
	rb_rec_expect(&rec, 6, BPF_MAP_GET_NEXT_KEY, &e,
		      END(rb_attr_map_elem, next_key));
	e.next_key = 0;
	rawbpf_sys_map_freeze(7);
	rb_rec_expect(&rec, 7, BPF_MAP_FREEZE, &e, END(rb_attr_map_elem, map_fd));
}

/* The kernel writes the processed count back into the attr. */
static long batch_kernel(struct rb_rec *r, int i, int cmd, void *attr,
			 unsigned int size)
{
	struct rb_attr_map_batch *a = attr;

	(void)r; (void)i; (void)cmd; (void)size;
	a->count = 3;
	return -ENOENT;
}

static void test_map_batch(void **state)
{
	struct rb_attr_map_batch e;
	uint64_t in = 1, out = 0, keys[5], vals[5];
	uint32_t count = 5;
	RAWBPF_OPTS(rawbpf_sys_map_batch_opts, o, .elem_flags = BPF_F_LOCK,
		    .flags = 0);
	int cmds[] = { BPF_MAP_LOOKUP_BATCH, BPF_MAP_LOOKUP_AND_DELETE_BATCH,
		       BPF_MAP_UPDATE_BATCH, BPF_MAP_DELETE_BATCH };
	int i;

	(void)state;
	rec.kernel = batch_kernel;
	assert_int_equal(rawbpf_sys_map_lookup_batch(7, &in, &out, keys, vals,
						 &count, &o), -ENOENT);
	assert_int_equal(count, 3);
	count = 5;
	rawbpf_sys_map_lookup_and_delete_batch(7, &in, &out, keys, vals, &count, &o);
	count = 5;
	rawbpf_sys_map_update_batch(7, keys, vals, &count, &o);
	count = 5;
	rawbpf_sys_map_delete_batch(7, keys, &count, &o);
	assert_int_equal(count, 3);
	for (i = 0; i < 4; i++) {
		memset(&e, 0, sizeof(e));
		if (i < 2) {
			e.in_batch = P(&in);
			e.out_batch = P(&out);
		}
		e.keys = P(keys);
		e.values = i < 3 ? P(vals) : 0;
		e.count = 5;
		e.map_fd = 7;
		e.elem_flags = BPF_F_LOCK;
		rb_rec_expect(&rec, i, cmds[i], &e, END(rb_attr_map_batch, flags));
	}
	/* count is required; no call without it. */
	assert_int_equal(rawbpf_sys_map_update_batch(7, keys, vals, NULL, NULL),
			 -EINVAL);
	assert_int_equal(rec.ncalls, 4);
}

/* ---- programs ---------------------------------------------------------- */

static const struct bpf_insn insns[2] = {
	{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = 0, .imm = 0 },
	{ .code = BPF_JMP | BPF_EXIT },
};

static void test_prog_load(void **state)
{
	struct rb_attr_prog_load e;
	char log[128];
	int fds[2] = { 20, 21 };
	char fi[16], li[16], cr[16];
	RAWBPF_OPTS(rawbpf_sys_prog_load_opts, o,
		    .expected_attach_type = BPF_CGROUP_INET_INGRESS,
		    .prog_flags = BPF_F_SLEEPABLE, .kern_version = 0x60100,
		    .prog_ifindex = 2, .prog_btf_fd = 13, .func_info = fi,
		    .func_info_rec_size = 8, .func_info_cnt = 2, .line_info = li,
		    .line_info_rec_size = 16, .line_info_cnt = 1,
		    .attach_btf_id = 77, .attach_btf_obj_fd = 14,
		    .fd_array = fds, .core_relos = cr, .core_relo_rec_size = 16,
		    .core_relo_cnt = 1);

	(void)state;
	rec.ret_default = 50;
	assert_int_equal(rawbpf_sys_prog_load(BPF_PROG_TYPE_CGROUP_SKB,
					  "prog_name_is_too_long", "GPL", insns,
					  2, &o), 50);
	memset(&e, 0, sizeof(e));
	e.prog_type = BPF_PROG_TYPE_CGROUP_SKB;
	e.insn_cnt = 2;
	e.insns = P(insns);
	e.license = P("GPL");
	e.license = RB_REC_ATTR(&rec, 0, rb_attr_prog_load)->license;
	assert_string_equal((const char *)(uintptr_t)e.license, "GPL");
	e.kern_version = 0x60100;
	e.prog_flags = BPF_F_SLEEPABLE;
	memcpy(e.prog_name, "prog_name_is_to", 15);
	e.prog_ifindex = 2;
	e.expected_attach_type = BPF_CGROUP_INET_INGRESS;
	e.prog_btf_fd = 13;
	e.func_info_rec_size = 8;
	e.func_info = P(fi);
	e.func_info_cnt = 2;
	e.line_info_rec_size = 16;
	e.line_info = P(li);
	e.line_info_cnt = 1;
	e.attach_btf_id = 77;
	e.attach_btf_obj_fd = 14;
	e.fd_array = P(fds);
	e.core_relos = P(cr);
	e.core_relo_rec_size = 16;
	e.core_relo_cnt = 1;
	/* No log, no token: up to core_relo_rec_size (5.17). */
	rb_rec_expect(&rec, 0, BPF_PROG_LOAD, &e,
		      END(rb_attr_prog_load, core_relo_rec_size));
	assert_int_equal(o.attempts, 1);

	/* A caller log with a level: from the start, asks log_true_size. */
	o.log_buf = log;
	o.log_size = sizeof(log);
	o.log_level = 2;
	rawbpf_sys_prog_load(BPF_PROG_TYPE_CGROUP_SKB, "prog_name_is_too_long",
			 "GPL", insns, 2, &o);
	e.log_buf = P(log);
	e.log_size = sizeof(log);
	e.log_level = 2;
	rb_rec_expect(&rec, 1, BPF_PROG_LOAD, &e,
		      END(rb_attr_prog_load, log_true_size));

	/* A token (6.9): BPF_F_TOKEN_FD in prog_flags, up to prog_token_fd;
	 * fd_array_cnt (6.13) up to fd_array_cnt. attach_prog_fd wins over
	 * attach_btf_obj_fd (they share the slot). */
	o.log_buf = NULL;
	o.log_size = o.log_level = 0;
	o.token_fd = 15;
	o.attach_prog_fd = 16;
	rawbpf_sys_prog_load(BPF_PROG_TYPE_CGROUP_SKB, "prog_name_is_too_long",
			 "GPL", insns, 2, &o);
	e.log_buf = 0;
	e.log_size = e.log_level = 0;
	e.prog_flags |= RAWBPF_F_TOKEN_FD;
	e.prog_token_fd = 15;
	e.attach_prog_fd = 16;
	rb_rec_expect(&rec, 2, BPF_PROG_LOAD, &e,
		      END(rb_attr_prog_load, prog_token_fd));
	o.fd_array_cnt = 2;
	rawbpf_sys_prog_load(BPF_PROG_TYPE_CGROUP_SKB, "prog_name_is_too_long",
			 "GPL", insns, 2, &o);
	e.fd_array_cnt = 2;
	rb_rec_expect(&rec, 3, BPF_PROG_LOAD, &e,
		      END(rb_attr_prog_load, fd_array_cnt));

	/* License NULL is sent as "". */
	rawbpf_sys_prog_load(BPF_PROG_TYPE_SOCKET_FILTER, NULL, NULL, insns, 2, NULL);
	assert_string_equal((const char *)(uintptr_t)
			    RB_REC_ATTR(&rec, 4, rb_attr_prog_load)->license, "");

	/* Refused before any call: no insns, a log buffer of size 0. */
	assert_int_equal(rawbpf_sys_prog_load(1, NULL, "GPL", NULL, 2, NULL), -EINVAL);
	assert_int_equal(rawbpf_sys_prog_load(1, NULL, "GPL", insns, 0, NULL), -EINVAL);
	o.log_buf = log;
	o.log_size = 0;
	assert_int_equal(rawbpf_sys_prog_load(1, NULL, "GPL", insns, 2, &o), -EINVAL);
	assert_int_equal(rec.ncalls, 5);
}

static void test_test_run(void **state)
{
	struct rb_attr_test_run e;
	char din[14], dout[32], cin[8], cout[8];
	RAWBPF_OPTS(rawbpf_sys_prog_test_run_opts, o, .data_in = din,
		    .data_size_in = sizeof(din), .data_out = dout,
		    .data_size_out = sizeof(dout), .ctx_in = cin,
		    .ctx_size_in = sizeof(cin), .ctx_out = cout,
		    .ctx_size_out = sizeof(cout), .repeat = 3);

	(void)state;
	memset(&e, 0, sizeof(e));
	e.prog_fd = 9;
	e.data_in = P(din);
	e.data_size_in = sizeof(din);
	e.data_out = P(dout);
	e.data_size_out = sizeof(dout);
	e.ctx_in = P(cin);
	e.ctx_size_in = sizeof(cin);
	e.ctx_out = P(cout);
	e.ctx_size_out = sizeof(cout);
	e.repeat = 3;
	rawbpf_sys_prog_test_run(9, &o);
	rb_rec_expect(&rec, 0, BPF_PROG_TEST_RUN, &e, END(rb_attr_test_run, ctx_out));
	o.flags = BPF_F_TEST_RUN_ON_CPU;
	o.cpu = 1;
	rawbpf_sys_prog_test_run(9, &o);
	e.flags = BPF_F_TEST_RUN_ON_CPU;
	e.cpu = 1;
	rb_rec_expect(&rec, 1, BPF_PROG_TEST_RUN, &e, END(rb_attr_test_run, cpu));
	o.batch_size = 64;
	rawbpf_sys_prog_test_run(9, &o);
	e.batch_size = 64;
	rb_rec_expect(&rec, 2, BPF_PROG_TEST_RUN, &e,
		      END(rb_attr_test_run, batch_size));
	/* opts are required (they carry the outputs). */
	assert_int_equal(rawbpf_sys_prog_test_run(9, NULL), -EINVAL);
	assert_int_equal(rec.ncalls, 3);
}

static void test_prog_bind_map(void **state)
{
	struct rb_attr_prog_bind_map e = { .prog_fd = 5, .map_fd = 6, .flags = 0 };

	(void)state;
	rawbpf_sys_prog_bind_map(5, 6, 0);
	rb_rec_expect(&rec, 0, BPF_PROG_BIND_MAP, &e,
		      END(rb_attr_prog_bind_map, flags));
}

/* ---- ids, info, bpffs -------------------------------------------------- */

static long next_id_kernel(struct rb_rec *r, int i, int cmd, void *attr,
			   unsigned int size)
{
	struct rb_attr_get_id *a = attr;

	(void)r; (void)cmd; (void)size;
	a->next_id = 40 + (uint32_t)i;
	return 0;
}

static void test_ids(void **state)
{
	struct rb_attr_get_id e;
	int next_cmds[] = { BPF_PROG_GET_NEXT_ID, BPF_MAP_GET_NEXT_ID,
			    BPF_BTF_GET_NEXT_ID, BPF_LINK_GET_NEXT_ID };
	int fd_cmds[] = { BPF_PROG_GET_FD_BY_ID, BPF_MAP_GET_FD_BY_ID,
			  BPF_BTF_GET_FD_BY_ID, BPF_LINK_GET_FD_BY_ID };
	uint32_t next = 0;
	int i;

	(void)state;
	rec.kernel = next_id_kernel;
	assert_int_equal(rawbpf_sys_prog_get_next_id(3, &next), 0);
	assert_int_equal(next, 40);
	rawbpf_sys_map_get_next_id(3, &next);
	rawbpf_sys_btf_get_next_id(3, &next);
	rawbpf_sys_link_get_next_id(3, &next);
	assert_int_equal(next, 43);
	for (i = 0; i < 4; i++) {
		memset(&e, 0, sizeof(e));
		e.start_id = 3;
		rb_rec_expect(&rec, i, next_cmds[i], &e,
			      END(rb_attr_get_id, next_id));
	}
	assert_int_equal(rawbpf_sys_prog_get_next_id(3, NULL), -EINVAL);
	rec.kernel = NULL;
	rec.ret_default = 60;
	assert_int_equal(rawbpf_sys_prog_get_fd_by_id(8), 60);
	rawbpf_sys_map_get_fd_by_id(8, BPF_F_RDONLY);
	rawbpf_sys_btf_get_fd_by_id(8);
	rawbpf_sys_link_get_fd_by_id(8, BPF_F_WRONLY);
	for (i = 0; i < 4; i++) {
		memset(&e, 0, sizeof(e));
		e.start_id = 8;
		e.open_flags = i == 1 ? BPF_F_RDONLY : i == 3 ? BPF_F_WRONLY : 0;
		rb_rec_expect(&rec, 4 + i, fd_cmds[i], &e,
			      END(rb_attr_get_id, open_flags));
	}
}

static long info_kernel(struct rb_rec *r, int i, int cmd, void *attr,
			unsigned int size)
{
	(void)r; (void)i; (void)cmd; (void)size;
	((struct rb_attr_info *)attr)->info_len = 24;
	return 0;
}

static void test_info(void **state)
{
	struct rb_attr_info e;
	char buf[80];
	uint32_t len = sizeof(buf);

	(void)state;
	rec.kernel = info_kernel;
	assert_int_equal(rawbpf_sys_obj_get_info_by_fd(4, buf, &len), 0);
	assert_int_equal(len, 24);
	memset(&e, 0, sizeof(e));
	e.bpf_fd = 4;
	e.info_len = sizeof(buf);
	e.info = P(buf);
	rb_rec_expect(&rec, 0, BPF_OBJ_GET_INFO_BY_FD, &e, END(rb_attr_info, info));
	assert_int_equal(rawbpf_sys_obj_get_info_by_fd(4, NULL, &len), -EINVAL);
	assert_int_equal(rec.ncalls, 1);
}

static void test_obj(void **state)
{
	struct rb_attr_obj e;
	const char *path = "/sys/fs/bpf/x";
	RAWBPF_OPTS(rawbpf_sys_obj_opts, o, .file_flags = BPF_F_RDONLY);

	(void)state;
	rec.ret_default = 30;
	rawbpf_sys_obj_pin(5, path, NULL);
	memset(&e, 0, sizeof(e));
	e.pathname = P(path);
	e.bpf_fd = 5;
	rb_rec_expect(&rec, 0, BPF_OBJ_PIN, &e, END(rb_attr_obj, file_flags));
	assert_int_equal(rawbpf_sys_obj_get(path, &o), 30);
	e.bpf_fd = 0;
	e.file_flags = BPF_F_RDONLY;
	rb_rec_expect(&rec, 1, BPF_OBJ_GET, &e, END(rb_attr_obj, file_flags));
	/* path_fd (6.5) with BPF_F_PATH_FD, for both commands. */
	o.use_path_fd = true;
	o.path_fd = 17;
	rawbpf_sys_obj_get("x", &o);
	e.pathname = P("x");
	e.pathname = RB_REC_ATTR(&rec, 2, rb_attr_obj)->pathname;
	e.file_flags = BPF_F_RDONLY | RAWBPF_F_PATH_FD;
	e.path_fd = 17;
	rb_rec_expect(&rec, 2, BPF_OBJ_GET, &e, END(rb_attr_obj, path_fd));
	o.file_flags = 0;
	rawbpf_sys_obj_pin(5, "x", &o);
	e.bpf_fd = 5;
	e.file_flags = RAWBPF_F_PATH_FD;
	rb_rec_expect(&rec, 3, BPF_OBJ_PIN, &e, END(rb_attr_obj, path_fd));
	assert_int_equal(rawbpf_sys_obj_get(NULL, NULL), -EINVAL);
	assert_int_equal(rec.ncalls, 4);
}

/* ---- pre-link attach ----------------------------------------------------- */

static void test_prog_attach(void **state)
{
	struct rb_attr_prog_attach e;
	RAWBPF_OPTS(rawbpf_sys_prog_attach_opts, o,
		    .flags = BPF_F_ALLOW_MULTI | BPF_F_REPLACE,
		    .replace_prog_fd = 8);

	(void)state;
	rawbpf_sys_prog_attach(5, 6, BPF_CGROUP_INET_EGRESS, &o);
	memset(&e, 0, sizeof(e));
	e.target_fd = 6;
	e.attach_bpf_fd = 5;
	e.attach_type = BPF_CGROUP_INET_EGRESS;
	e.attach_flags = BPF_F_ALLOW_MULTI | BPF_F_REPLACE;
	e.replace_bpf_fd = 8;
	rb_rec_expect(&rec, 0, BPF_PROG_ATTACH, &e,
		      END(rb_attr_prog_attach, replace_bpf_fd));
	/* Ordering (6.6): relative_fd/id and expected_revision. */
	o.flags = RAWBPF_F_BEFORE | RAWBPF_F_ID;
	o.replace_prog_fd = 0;
	o.relative_fd = 99;
	o.expected_revision = 4;
	rawbpf_sys_prog_attach(5, 2, RAWBPF_TCX_INGRESS, &o);
	memset(&e, 0, sizeof(e));
	e.target_ifindex = 2;
	e.attach_bpf_fd = 5;
	e.attach_type = RAWBPF_TCX_INGRESS;
	e.attach_flags = RAWBPF_F_BEFORE | RAWBPF_F_ID;
	e.relative_id = 99;
	e.expected_revision = 4;
	rb_rec_expect(&rec, 1, BPF_PROG_ATTACH, &e,
		      END(rb_attr_prog_attach, expected_revision));
	/* Detach names the program through opts->prog_fd. */
	memset(&o, 0, sizeof(o));
	o.size = sizeof(o);
	o.prog_fd = 5;
	o.replace_prog_fd = 8;	/* not a detach field: not sent */
	rawbpf_sys_prog_detach(6, BPF_CGROUP_INET_EGRESS, &o);
	memset(&e, 0, sizeof(e));
	e.target_fd = 6;
	e.attach_bpf_fd = 5;
	e.attach_type = BPF_CGROUP_INET_EGRESS;
	rb_rec_expect(&rec, 2, BPF_PROG_DETACH, &e,
		      END(rb_attr_prog_attach, replace_bpf_fd));
	rawbpf_sys_prog_detach(6, BPF_CGROUP_INET_EGRESS, NULL);
	e.attach_bpf_fd = 0;
	rb_rec_expect(&rec, 3, BPF_PROG_DETACH, &e,
		      END(rb_attr_prog_attach, replace_bpf_fd));
}

static long query_kernel(struct rb_rec *r, int i, int cmd, void *attr,
			 unsigned int size)
{
	struct rb_attr_prog_query *a = attr;

	(void)r; (void)i; (void)cmd; (void)size;
	a->attach_flags = BPF_F_ALLOW_MULTI;
	a->prog_cnt = 2;
	a->revision = 9;
	return 0;
}

static void test_prog_query(void **state)
{
	struct rb_attr_prog_query e;
	uint32_t ids[4], flags[4], lids[4], lflags[4];
	RAWBPF_OPTS(rawbpf_sys_prog_query_opts, o,
		    .query_flags = BPF_F_QUERY_EFFECTIVE, .prog_ids = ids,
		    .count = 4);

	(void)state;
	rec.kernel = query_kernel;
	assert_int_equal(rawbpf_sys_prog_query(6, BPF_CGROUP_INET_INGRESS, &o), 0);
	assert_int_equal(o.count, 2);
	assert_int_equal(o.attach_flags, BPF_F_ALLOW_MULTI);
	memset(&e, 0, sizeof(e));
	e.target_fd = 6;
	e.attach_type = BPF_CGROUP_INET_INGRESS;
	e.query_flags = BPF_F_QUERY_EFFECTIVE;
	e.prog_ids = P(ids);
	e.prog_cnt = 4;
	rb_rec_expect(&rec, 0, BPF_PROG_QUERY, &e,
		      END(rb_attr_prog_query, revision));
	/* Per-program flags (5.19). */
	o.count = 4;
	o.query_flags = 0;
	o.prog_attach_flags = flags;
	rawbpf_sys_prog_query(6, BPF_CGROUP_INET_INGRESS, &o);
	e.query_flags = 0;
	e.prog_attach_flags = P(flags);
	rb_rec_expect(&rec, 1, BPF_PROG_QUERY, &e,
		      END(rb_attr_prog_query, revision));
	/* tcx/netkit (6.6): links and the revision; the size is always the
	 * whole query part (revision is an output). */
	o.count = 4;
	o.prog_attach_flags = NULL;
	rawbpf_sys_prog_query(2, RAWBPF_TCX_EGRESS, &o);
	memset(&e, 0, sizeof(e));
	e.target_ifindex = 2;
	e.attach_type = RAWBPF_TCX_EGRESS;
	e.prog_ids = P(ids);
	e.count = 4;
	rb_rec_expect(&rec, 2, BPF_PROG_QUERY, &e,
		      END(rb_attr_prog_query, revision));
	assert_int_equal(o.revision, 9);
	o.count = 4;
	o.link_ids = lids;
	o.link_attach_flags = lflags;
	rawbpf_sys_prog_query(2, RAWBPF_NETKIT_PEER, &o);
	e.attach_type = RAWBPF_NETKIT_PEER;
	e.link_ids = P(lids);
	e.link_attach_flags = P(lflags);
	rb_rec_expect(&rec, 3, BPF_PROG_QUERY, &e,
		      END(rb_attr_prog_query, revision));
	assert_int_equal(rawbpf_sys_prog_query(2, RAWBPF_NETKIT_PEER, NULL), -EINVAL);
	assert_int_equal(rec.ncalls, 4);
}

static void test_raw_tp(void **state)
{
	struct rb_attr_raw_tp e;
	const char *tp = "sys_enter";

	(void)state;
	rec.ret_default = 33;
	assert_int_equal(rawbpf_sys_raw_tracepoint_open(tp, 5, 0), 33);
	memset(&e, 0, sizeof(e));
	e.name = P(tp);
	e.prog_fd = 5;
	rb_rec_expect(&rec, 0, BPF_RAW_TRACEPOINT_OPEN, &e,
		      END(rb_attr_raw_tp, prog_fd));
	rawbpf_sys_raw_tracepoint_open(tp, 5, 0xabc);	/* cookie: 6.10 */
	e.cookie = 0xabc;
	rb_rec_expect(&rec, 1, BPF_RAW_TRACEPOINT_OPEN, &e,
		      END(rb_attr_raw_tp, cookie));
}

static long tfq_kernel(struct rb_rec *r, int i, int cmd, void *attr,
		       unsigned int size)
{
	struct rb_attr_task_fd_query *a = attr;

	(void)r; (void)i; (void)cmd; (void)size;
	a->prog_id = 12;
	a->fd_type = BPF_FD_TYPE_RAW_TRACEPOINT;
	a->buf_len = 9;
	a->probe_offset = 1;
	a->probe_addr = 2;
	return 0;
}

static void test_task_fd_query(void **state)
{
	struct rb_attr_task_fd_query e;
	char buf[32];
	struct rawbpf_sys_task_fd_query_info info = { .buf = buf, .buf_len = sizeof(buf) };

	(void)state;
	rec.kernel = tfq_kernel;
	assert_int_equal(rawbpf_sys_task_fd_query(100, 5, 0, &info), 0);
	memset(&e, 0, sizeof(e));
	e.pid = 100;
	e.fd = 5;
	e.buf = P(buf);
	e.buf_len = sizeof(buf);
	rb_rec_expect(&rec, 0, BPF_TASK_FD_QUERY, &e,
		      END(rb_attr_task_fd_query, probe_addr));
	assert_int_equal(info.prog_id, 12);
	assert_int_equal(info.fd_type, BPF_FD_TYPE_RAW_TRACEPOINT);
	assert_int_equal(info.buf_len, 9);
	assert_int_equal(info.probe_offset, 1);
	assert_int_equal(info.probe_addr, 2);
	assert_int_equal(rawbpf_sys_task_fd_query(100, 5, 0, NULL), -EINVAL);
}

/* ---- BTF ------------------------------------------------------------------ */

static void test_btf_load(void **state)
{
	struct rb_attr_btf_load e;
	char blob[24] = { 0 }, log[64];
	RAWBPF_OPTS(rawbpf_sys_btf_load_opts, o);

	(void)state;
	rec.ret_default = 40;
	assert_int_equal(rawbpf_sys_btf_load(blob, sizeof(blob), NULL), 40);
	memset(&e, 0, sizeof(e));
	e.btf = P(blob);
	e.btf_size = sizeof(blob);
	rb_rec_expect(&rec, 0, BPF_BTF_LOAD, &e, END(rb_attr_btf_load, btf_log_level));
	/* A log (level 1 by default) asks for log_true_size (6.4). */
	o.log_buf = log;
	o.log_size = sizeof(log);
	rawbpf_sys_btf_load(blob, sizeof(blob), &o);
	e.btf_log_buf = P(log);
	e.btf_log_size = sizeof(log);
	e.btf_log_level = 1;
	rb_rec_expect(&rec, 1, BPF_BTF_LOAD, &e,
		      END(rb_attr_btf_load, btf_log_true_size));
	/* A token (6.9) with BPF_F_TOKEN_FD in btf_flags. */
	o.log_buf = NULL;
	o.token_fd = 18;
	rawbpf_sys_btf_load(blob, sizeof(blob), &o);
	memset(&e, 0, sizeof(e));
	e.btf = P(blob);
	e.btf_size = sizeof(blob);
	e.btf_flags = RAWBPF_F_TOKEN_FD;
	e.btf_token_fd = 18;
	rb_rec_expect(&rec, 2, BPF_BTF_LOAD, &e, END(rb_attr_btf_load, btf_token_fd));
	assert_int_equal(rawbpf_sys_btf_load(NULL, 4, NULL), -EINVAL);
	o.log_buf = log;
	o.log_size = 0;
	assert_int_equal(rawbpf_sys_btf_load(blob, sizeof(blob), &o), -EINVAL);
	assert_int_equal(rec.ncalls, 3);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, rb_rec_teardown)
	const struct CMUnitTest tests[] = {
		T(test_map_create), T(test_map_elem), T(test_map_batch),
		T(test_prog_load), T(test_test_run), T(test_prog_bind_map),
		T(test_ids), T(test_info), T(test_obj), T(test_prog_attach),
		T(test_prog_query), T(test_raw_tp), T(test_task_fd_query),
		T(test_btf_load),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
