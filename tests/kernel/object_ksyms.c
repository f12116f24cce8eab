// SPDX-License-Identifier: BSD-2-Clause
/* object_ksyms.c - .ksyms externs through the object loader, next to
 * .kconfig ones in the same object (tests/bpf/obj_extern.bpf.c, seen by a
 * test run): kfunc calls (BPF_PSEUDO_KFUNC_CALL), weak absent variable and
 * kfunc read as 0; a typed ksym variable (bpf_prog_active, its BTF id in
 * ld_imm64); a strong unknown kfunc refused by name. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "fixture.h"
#include "kernel_features.h"
#include "rawbpf/object.h"
#include "rawbpf/sys.h"
#include "btf/btf.h"

struct rb_ext_out {
	unsigned int version;
	int bpf_syscall, jit, hz, nope, kprobes;
	char hostname[16];
	int weak_ksym_null, weak_kfunc_null, hits;
};

/* The value of @name in the running kernel's config, read with zcat (not
 * with rawbpf's own gunzip) or cat; "" if absent. */
static void config_value(const char *name, char *out, size_t size)
{
	char cmd[256], line[256];
	FILE *f;
	size_t n = strlen(name);

	out[0] = '\0';
	/* where the library looks: /boot/config-<release>, else the gzip */
	snprintf(cmd, sizeof(cmd), "cat /boot/config-$(uname -r) 2>/dev/null || "
		 "zcat /proc/config.gz 2>/dev/null");
	f = popen(cmd, "r");
	assert_non_null(f);
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, name, n) && line[n] == '=') {
			snprintf(out, size, "%s", line + n + 1);
			out[strcspn(out, "\n")] = '\0';
		}
	pclose(f);
}

static int run_xdp(int fd)
{
	RAWBPF_OPTS(rawbpf_sys_prog_test_run_opts, o);
	char pkt[64];

	memset(pkt, 0, sizeof(pkt));
	o.data_in = pkt;
	o.data_size_in = sizeof(pkt);
	return rawbpf_sys_prog_test_run(fd, &o);
}

static void test_kconfig_and_kfuncs(void **state)
{
	struct rawbpf_object *obj = NULL;
	struct rb_ext_out out;
	struct utsname u;
	unsigned a = 0, b = 0, c = 0;
	char hz[32], jit[8], host[64];
	uint32_t key = 0;

	(void)state;
	rb_require_kernel();
	if (access("/proc/config.gz", R_OK) && uname(&u) == 0) {
		char boot[128];

		snprintf(boot, sizeof(boot), "/boot/config-%s", u.release);
		if (access(boot, R_OK))
			rb_skip_feature("a kernel config (/boot/config-* or /proc/config.gz)");
	}
	rb_need(RB_FEAT_KFUNC_RCU);	/* obj_extern calls it */
	assert_int_equal(rawbpf_object_open_file(RB_BPF_OBJ("obj_extern"), NULL, &obj), 0);
	assert_non_null(rawbpf_object_find_map(obj, ".kconfig"));
	if (rawbpf_object_load(obj))
		fail_msg("load: %s", rawbpf_object_error(obj));
	assert_int_equal(run_xdp(rawbpf_program_fd(rawbpf_object_find_program(obj, "rb_extern_xdp"))), 0);
	assert_int_equal(rawbpf_sys_map_lookup_elem(rawbpf_map_fd(rawbpf_object_find_map(obj, ".bss")),
						&key, &out), 0);
	assert_int_equal(out.hits, 1);
	assert_int_equal(uname(&u), 0);
	sscanf(u.release, "%u.%u.%u", &a, &b, &c);
	assert_int_equal(out.version, a << 16 | b << 8 | (c > 255 ? 255 : c));
	assert_int_equal(out.bpf_syscall, 1);
	config_value("CONFIG_BPF_JIT", jit, sizeof(jit));
	assert_int_equal(out.jit, !strcmp(jit, "y") ? 1 : !strcmp(jit, "m") ? 2 : 0);
	config_value("CONFIG_HZ", hz, sizeof(hz));
	assert_int_equal(out.hz, atoi(hz));
	config_value("CONFIG_KPROBES", jit, sizeof(jit));
	assert_int_equal(out.kprobes, !strcmp(jit, "y"));
	assert_int_equal(out.nope, 0);
	config_value("CONFIG_DEFAULT_HOSTNAME", host, sizeof(host));
	host[strlen(host) - 1] = '\0';	/* drop the quotes */
	assert_string_equal(out.hostname, host + 1);
	assert_int_equal(out.weak_ksym_null, 1);
	assert_int_equal(out.weak_kfunc_null, 1);
	/* the values are read-only to programs and frozen */
	assert_int_equal(rawbpf_sys_map_update_elem(rawbpf_map_fd(rawbpf_object_find_map(obj, ".kconfig")),
						&key, &out, BPF_ANY), -EPERM);
	rawbpf_object_close(obj);
}

static void test_typed_ksym(void **state)
{
	struct rawbpf_object *obj = NULL;
	uint32_t key = 0;
	int active = 0, err;

	(void)state;
	rb_need(RB_FEAT_KERNEL_BTF);
	rb_require_kernel();
	assert_int_equal(rawbpf_object_open_file(RB_BPF_OBJ("obj_ksym"), NULL, &obj), 0);
	err = rawbpf_object_load(obj);
	if (err == -ENOENT && strstr(rawbpf_object_error(obj),
				     "failed to find the address for kernel symbol 'bpf_prog_active'")) {
		/* the verifier found the BTF id we passed (it names the
		 * variable), but this kernel's kallsyms has no data symbols */
		rawbpf_object_close(obj);
		rb_skip_feature("CONFIG_KALLSYMS_ALL (typed __ksym variables)");
	}
	if (err)
		fail_msg("load: %s", rawbpf_object_error(obj));
	assert_int_equal(run_xdp(rawbpf_program_fd(rawbpf_object_find_program(obj, "rb_ksym_xdp"))), 0);
	assert_int_equal(rawbpf_sys_map_lookup_elem(rawbpf_map_fd(rawbpf_object_find_map(obj, ".bss")),
						&key, &active), 0);
	assert_true(active >= 1);
	rawbpf_object_close(obj);
}

static void expect_refused(const char *path, int err, const char *words)
{
	struct rawbpf_object *obj = NULL;

	assert_int_equal(rawbpf_object_open_file(path, NULL, &obj), 0);
	assert_int_equal(rawbpf_object_load(obj), err);
	if (!strstr(rawbpf_object_error(obj), words))
		fail_msg("message: %s", rawbpf_object_error(obj));
	/* nothing was created */
	assert_int_equal(rawbpf_program_fd(rawbpf_object_next_program(obj, NULL)), -ENOENT);
	rawbpf_object_close(obj);
}

static void test_strong_unknown(void **state)
{
	(void)state;
	rb_require_kernel();
	if (rb_have(RB_FEAT_KERNEL_BTF))
		expect_refused(RB_BPF_OBJ("obj_ksym_bad"), -ESRCH,
			       "extern function rb_no_such_kfunc_strong (.ksyms) not found in the kernel's BTF");
	else	/* a kernel without BTF: no kfunc can be looked up */
		expect_refused(RB_BPF_OBJ("obj_ksym_bad"), -ENOENT,
			       "kernel BTF (/sys/kernel/btf/vmlinux) needed for rb_no_such_kfunc_strong");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_kconfig_and_kfuncs, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_typed_ksym, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_strong_unknown, rb_fixture_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
