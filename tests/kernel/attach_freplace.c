// SPDX-License-Identifier: BSD-2-Clause
/* attach_freplace.c - an EXT program replaces the global function
 * rb_target_func of a loaded XDP program (tests/bpf/attach_freplace.bpf.c):
 * through LINK_CREATE with the load-time target, LINK_CREATE naming the
 * target, and RAW_TRACEPOINT_OPEN(NULL); the XDP program's verdict on a
 * test run shows which function ran. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"
#include "kernel_features.h"
#include "rawbpf/attach_trace.h"
#include "rawbpf/object.h"
#include "rawbpf/sys.h"
#include "btf/btf.h"

struct fr {
	struct rawbpf_object *obj;
	int main_fd;
	int btf_fd;
	uint32_t target_id;	/* FUNC rb_target_func */
	uint32_t new_id;	/* FUNC rb_new_func */
};

/* The object's BTF as the kernel holds it, and two FUNC ids in it. */
static void func_ids(struct fr *f)
{
	struct bpf_btf_info info;
	uint32_t len = sizeof(info), size = 1 << 20;
	void *raw = calloc(1, size);
	struct rb_btf *btf = NULL;
	int id;

	assert_non_null(raw);
	memset(&info, 0, sizeof(info));
	info.btf = (uint64_t)(uintptr_t)raw;
	info.btf_size = size;
	assert_int_equal(rawbpf_sys_obj_get_info_by_fd(f->btf_fd, &info, &len), 0);
	assert_int_equal(rb_btf_parse(raw, info.btf_size, 0, NULL, &btf, NULL), 0);
	id = rb_btf_find(btf, "rb_target_func", RB_BTF_KIND_FUNC);
	assert_true(id > 0);
	f->target_id = (uint32_t)id;
	id = rb_btf_find(btf, "rb_new_func", RB_BTF_KIND_FUNC);
	assert_true(id > 0);
	f->new_id = (uint32_t)id;
	rb_btf_free(btf);
	free(raw);
}

static void fr_setup(struct fr *f)
{
	struct rawbpf_program *p;

	rb_require_kernel();
	/* rb_target_func takes the context: the verifier types that argument
	 * through the kernel's BTF, and without it refuses the call */
	rb_need(RB_FEAT_KERNEL_BTF);
	memset(f, 0, sizeof(*f));
	assert_int_equal(rawbpf_object_open_file(RB_BPF_OBJ("attach_freplace"),
						 NULL, &f->obj), 0);
	assert_int_equal(rawbpf_object_load(f->obj), 0);
	p = rawbpf_object_find_program(f->obj, "rb_freplace_main");
	assert_non_null(p);
	f->main_fd = rawbpf_program_fd(p);
	f->btf_fd = rawbpf_object_btf_fd(f->obj);
	assert_true(f->main_fd > 2 && f->btf_fd > 2);
	func_ids(f);
}

/* "return XDP_DROP" as an EXT program for rb_target_func. */
static int ext_load(struct fr *f)
{
	struct bpf_insn insns[] = {
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = 0,
		  .imm = XDP_DROP },
		{ .code = BPF_JMP | BPF_EXIT },
	};
	struct bpf_func_info fi = { .insn_off = 0, .type_id = f->new_id };
	RAWBPF_OPTS(rawbpf_sys_prog_load_opts, o, .attach_prog_fd = (uint32_t)f->main_fd,
		    .attach_btf_id = f->target_id,
		    .prog_btf_fd = (uint32_t)f->btf_fd, .func_info = &fi,
		    .func_info_rec_size = sizeof(fi), .func_info_cnt = 1);
	char log[4096];
	int fd;

	o.log_buf = log;
	o.log_size = sizeof(log);
	fd = rawbpf_sys_prog_load(BPF_PROG_TYPE_EXT, "rb_ext", "GPL", insns, 2, &o);
	if (fd == -EPERM || fd == -EOPNOTSUPP || fd == -524) {
		rawbpf_object_close(f->obj);
		rb_skip_feature("freplace (EXT program load fails: %d; BPF trampoline)", fd);
	}
	if (fd < 0)
		fail_msg("EXT load %d: %s", fd, log);
	return fd;
}

static uint32_t verdict(struct fr *f)
{
	unsigned char pkt[64] = { 0 };
	RAWBPF_OPTS(rawbpf_sys_prog_test_run_opts, run, .data_in = pkt,
		    .data_size_in = sizeof(pkt), .repeat = 1);

	assert_int_equal(rawbpf_sys_prog_test_run(f->main_fd, &run), 0);
	return run.retval;
}

static void replaces(uint32_t mode, bool name_target)
{
	RAWBPF_OPTS(rawbpf_attach_tracing_opts, o, .mode = mode);
	struct rawbpf_attachment *at = NULL;
	struct rawbpf_link_info info;
	struct fr f;
	int ext;

	fr_setup(&f);
	ext = ext_load(&f);
	assert_int_equal(verdict(&f), XDP_PASS);
	if (name_target)
		assert_int_equal(rawbpf_attach_freplace(ext, f.main_fd,
				 f.target_id, &o, &at), 0);
	else
		assert_int_equal(rawbpf_attach_freplace(ext, -1, 0, &o, &at), 0);
	assert_int_equal(verdict(&f), XDP_DROP);
	memset(&info, 0, sizeof(info));
	assert_int_equal(rawbpf_attachment_info(at, &info), 0);
	assert_int_equal(info.type, BPF_LINK_TYPE_TRACING);
	rawbpf_attachment_destroy(at);
	assert_int_equal(verdict(&f), XDP_PASS);
	close(ext);
	rawbpf_object_close(f.obj);
}

static void test_freplace_link(void **state)
{
	(void)state;
	replaces(RAWBPF_ATTACH_MODE_LINK, false);
}

static void test_freplace_link_named_target(void **state)
{
	(void)state;
	replaces(RAWBPF_ATTACH_MODE_AUTO, true);
}

static void test_freplace_legacy(void **state)
{
	(void)state;
	replaces(RAWBPF_ATTACH_MODE_LEGACY, false);
}

#define T(name) cmocka_unit_test_teardown(name, rb_fixture_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_freplace_link), T(test_freplace_link_named_target),
		T(test_freplace_legacy),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
