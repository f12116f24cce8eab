// SPDX-License-Identifier: BSD-2-Clause
/* object_module_btf.c - kernel names that are in module (split) BTF, not
 * in vmlinux (tests/bpf/core_module.bpf.c):
 * - a split BTF file the test builds on top of the running kernel's
 *   vmlinux BTF (btf_module_path): a CO-RE offset comes from it (and the
 *   relocation has no match without it); an fentry target in it is refused
 *   because a file has no kernel BTF object to give as attach_btf_obj_fd;
 * - the kernel's own /sys/kernel/btf/veth (a kernel with module BTF, like
 *   Debian's 6.1): CO-RE on struct veth_priv gets the module's values, and
 *   fentry/veth_open loads with the veth module's BTF object. Skipped,
 *   naming it, where the kernel has no module BTF. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"
#include "btf_blob.h"
#include "rawbpf/object.h"
#include "rawbpf/sys.h"
#include "btf/btf.h"

struct rb_mod_out {
	int mod_pid_off, mod_exists;
	int veth_exists, veth_peer_off, veth_size;
};

static char mod_path[] = "/tmp/rb_mod_btf_XXXXXX";

/* core_module with only program @keep loaded (and the module file @mod). */
static struct rawbpf_object *open_only(const char *keep, const char *mod)
{
	RAWBPF_OPTS(rawbpf_object_open_opts, o, .btf_module_path = mod);
	struct rawbpf_object *obj;
	struct rawbpf_program *p = NULL;

	assert_int_equal(rawbpf_object_open_file(RB_BPF_OBJ("core_module"), &o, &obj), 0);
	while ((p = rawbpf_object_next_program(obj, p)))
		rawbpf_program_set_autoload(p, !strcmp(rawbpf_program_name(p), keep));
	return obj;
}

/* Run syscall program @name of loaded @obj; its .bss into @out. */
static void run(struct rawbpf_object *obj, const char *name, struct rb_mod_out *out)
{
	RAWBPF_OPTS(rawbpf_sys_prog_test_run_opts, t);
	uint32_t key = 0;

	assert_int_equal(rawbpf_sys_prog_test_run(
		rawbpf_program_fd(rawbpf_object_find_program(obj, name)), &t), 0);
	assert_int_equal(t.retval, 0);
	assert_int_equal(rawbpf_sys_map_lookup_elem(
		rawbpf_map_fd(rawbpf_object_find_map(obj, ".bss")), &key, out), 0);
}

/* Write split BTF on the running vmlinux: struct rb_mod_s { int a, b, c,
 * pid; } (pid at byte 12) and int rb_mod_fn(void). */
static void write_module_file(void)
{
	struct rb_tb *b = calloc(1, sizeof(*b));
	struct rb_btf *base = NULL;
	uint32_t blob[256], hdr[6], p;
	void *vm;
	size_t size, n;
	int fd, i_int;
	const char *m[] = { "a", "b", "c", "pid" };
	unsigned i;

	vm = rb_read_file("/sys/kernel/btf/vmlinux", &size);
	assert_non_null(vm);
	assert_int_equal(rb_btf_parse(vm, size, RB_BTF_F_TRUSTED, NULL, &base, NULL), 0);
	i_int = rb_btf_find(base, "int", RB_BTF_KIND_INT);
	assert_true(i_int > 0);
	assert_int_equal(rb_btf_find(base, "rb_mod_s", -1), -ENOENT);
	memcpy(hdr, vm, sizeof(hdr));
	rb_tb_init(b);
	b->ntypes = rb_btf_type_cnt(base) - 1;
	b->str_bias = hdr[5];	/* vmlinux str_len */
	rb_tb_type(b, "rb_mod_s", RB_BTF_KIND_STRUCT, 0, 4, 16);
	for (i = 0; i < 4; i++) {
		rb_tb_word(b, rb_tb_str(b, m[i]));
		rb_tb_word(b, (uint32_t)i_int);
		rb_tb_word(b, i * 32);
	}
	p = rb_tb_type(b, NULL, RB_BTF_KIND_FUNC_PROTO, 0, 0, (uint32_t)i_int);
	rb_tb_type(b, "rb_mod_fn", RB_BTF_KIND_FUNC, 0, RB_BTF_FUNC_GLOBAL, p);
	n = rb_tb_blob(b, blob, sizeof(blob));
	fd = mkstemp(mod_path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, blob, n), (ssize_t)n);
	close(fd);
	rb_btf_free(base);
	free(vm);
	free(b);
}

static void test_module_file(void **state)
{
	struct rawbpf_object *obj;
	struct rb_mod_out out;

	(void)state;
	rb_require_kernel();
	if (access("/sys/kernel/btf/vmlinux", R_OK))
		rb_skip_feature("kernel BTF (/sys/kernel/btf/vmlinux) under a module BTF");
	write_module_file();
	/* the struct is only in the file: its values come from there */
	obj = open_only("rb_mod_core", mod_path);
	if (rawbpf_object_load(obj))
		fail_msg("load: %s", rawbpf_object_error(obj));
	memset(&out, 0xff, sizeof(out));
	run(obj, "rb_mod_core", &out);
	assert_int_equal(out.mod_exists, 1);
	assert_int_equal(out.mod_pid_off, 12);
	rawbpf_object_close(obj);
	/* without the file: no match, and the poisoned offset is reached */
	obj = open_only("rb_mod_core", NULL);
	assert_int_equal(rawbpf_object_load(obj), -EINVAL);
	if (!strstr(rawbpf_object_error(obj), "of rb_mod_s) has no match in the kernel"))
		fail_msg("message: %s", rawbpf_object_error(obj));
	rawbpf_object_close(obj);
	/* an attach target in a file: the kernel would need its BTF object */
	obj = open_only("rb_mod_fentry", mod_path);
	assert_int_equal(rawbpf_object_load(obj), -EOPNOTSUPP);
	if (!strstr(rawbpf_object_error(obj), "program rb_mod_fentry (section fentry/rb_mod_fn): rb_mod_fn is in module BTF from the file") ||
	    !strstr(rawbpf_object_error(obj), "which a file cannot supply"))
		fail_msg("message: %s", rawbpf_object_error(obj));
	assert_int_equal(rawbpf_program_error(rawbpf_object_find_program(obj, "rb_mod_fentry")),
			 -EOPNOTSUPP);
	rawbpf_object_close(obj);
	unlink(mod_path);
}

/* Why a module's BTF is missing, for the skip message. */
static const char *module_btf_state(void)
{
	DIR *d = opendir("/sys/kernel/btf");
	struct dirent *de;
	int mods = 0;

	if (!d)
		return "no /sys/kernel/btf";
	while ((de = readdir(d)))
		mods += de->d_name[0] != '.' && strcmp(de->d_name, "vmlinux");
	closedir(d);
	return mods ? "the module is not loaded (and modprobe could not load it)" :
		      "no module BTF on this kernel";
}

/* The kernel's module BTF for veth, parsed the way a user would. */
static void veth_expect(int *peer_off, int *size)
{
	struct rb_btf *base = NULL, *veth = NULL;
	size_t vn, mn;
	void *vm = rb_read_file("/sys/kernel/btf/vmlinux", &vn);
	void *mod = rb_read_file("/sys/kernel/btf/veth", &mn);
	int id, m;

	assert_non_null(vm);
	assert_non_null(mod);
	assert_int_equal(rb_btf_parse(vm, vn, 0, NULL, &base, NULL), 0);
	assert_int_equal(rb_btf_parse_split(mod, mn, base, 0, NULL, &veth, NULL), 0);
	assert_int_equal(rb_btf_find(base, "veth_priv", -1), -ENOENT);
	id = rb_btf_find(veth, "veth_priv", RB_BTF_KIND_STRUCT);
	assert_true(id > 0);
	m = rb_btf_member_by_name(veth, (uint32_t)id, "peer");
	assert_true(m >= 0);
	*peer_off = (int)rb_btf_member_bit_offset(rb_btf_type_by_id(veth, (uint32_t)id),
						  (unsigned)m) / 8;
	*size = (int)rb_btf_size(veth, (uint32_t)id);
	rb_btf_free(veth);
	rb_btf_free(base);
	free(mod);
	free(vm);
}

static void test_kernel_module(void **state)
{
	struct rawbpf_object *obj;
	struct rb_mod_out out;
	int peer_off, size, err;

	(void)state;
	rb_require_kernel();
	if (access("/sys/kernel/btf/veth", R_OK) &&
	    system("modprobe veth >/dev/null 2>&1") == -1)
		fail_msg("modprobe: %s", strerror(errno));
	if (access("/sys/kernel/btf/veth", R_OK))
		rb_skip_feature("module BTF of veth (/sys/kernel/btf/veth): %s",
				module_btf_state());
	veth_expect(&peer_off, &size);
	obj = open_only("rb_veth_core", NULL);
	if (rawbpf_object_load(obj))
		fail_msg("load: %s", rawbpf_object_error(obj));
	memset(&out, 0xff, sizeof(out));
	run(obj, "rb_veth_core", &out);
	assert_int_equal(out.veth_exists, 1);
	assert_int_equal(out.veth_peer_off, peer_off);
	assert_int_equal(out.veth_size, size);
	rawbpf_object_close(obj);
	/* an attach target in the module: loads with its BTF object */
	obj = open_only("rb_veth_fentry", NULL);
	err = rawbpf_object_load(obj);
	if (err == -EPERM || err == -524 /* ENOTSUPP */ || err == -EOPNOTSUPP) {
		if (!strstr(rawbpf_object_error(obj), "BPF_PROG_LOAD"))
			fail_msg("fentry/veth_open: %s", rawbpf_object_error(obj));
		rawbpf_object_close(obj);
		rb_skip_feature("fentry (BPF trampolines): load of fentry/veth_open gives %d", err);
	}
	if (err)
		fail_msg("fentry/veth_open: %s", rawbpf_object_error(obj));
	assert_true(rawbpf_program_attach_btf_id(
		rawbpf_object_find_program(obj, "rb_veth_fentry")) > 0);
	rawbpf_object_close(obj);
}

/* A module's kfunc: the call's insn off is its fd_array slot. */
static void test_module_kfunc(void **state)
{
	RAWBPF_OPTS(rawbpf_sys_prog_test_run_opts, t);
	struct rawbpf_object *obj;
	uint8_t pkt[64] = { 0 };
	size_t size;
	int *err_out, err;

	(void)state;
	rb_require_kernel();
	if (access("/sys/kernel/btf/nf_conntrack", R_OK) &&
	    system("modprobe nf_conntrack >/dev/null 2>&1") == -1)
		fail_msg("modprobe: %s", strerror(errno));
	if (access("/sys/kernel/btf/nf_conntrack", R_OK))
		rb_skip_feature("module BTF of nf_conntrack (/sys/kernel/btf/nf_conntrack), its kfuncs: %s",
				module_btf_state());
	assert_int_equal(rawbpf_object_open_file(RB_BPF_OBJ("module_kfunc"), NULL, &obj), 0);
	err = rawbpf_object_load(obj);
	if (err)
		fail_msg("load: %s", rawbpf_object_error(obj));
	pkt[12] = 0x08;	/* ethertype IPv4 */
	t.data_in = pkt;
	t.data_size_in = sizeof(pkt);
	assert_int_equal(rawbpf_sys_prog_test_run(rawbpf_program_fd(
		rawbpf_object_find_program(obj, "rb_ct_lookup")), &t), 0);
	assert_int_equal(t.retval, XDP_PASS);
	err_out = rawbpf_object_global_data(obj, ".data", &size);
	assert_non_null(err_out);
	assert_int_equal(*err_out, -ENOENT);	/* the kfunc ran and said so */
	rawbpf_object_close(obj);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_module_file, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_kernel_module, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_module_kfunc, rb_fixture_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
