// SPDX-License-Identifier: BSD-2-Clause
/* object_kconfig.c - .kconfig externs get the running kernel's values:
 * LINUX_KERNEL_VERSION from uname, LINUX_HAS_BPF_COOKIE, and CONFIG_*
 * (tristate, int, string) from the kernel config (/proc/config.gz here,
 * gunzipped by rawbpf itself); a missing __weak one is 0, a missing strong
 * one is refused by name. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>

#include "fixture.h"
#include "objtest.h"
#include "rawbpf/object.h"

struct seen {
	unsigned int version;
	int cookie, bpf, hz, missing;
	char host[16];
};

/* CONFIG_@name's value as the shell sees it ("" if absent). */
static void shell_config(const char *name, char *out, size_t size)
{
	char cmd[256];
	FILE *f;

	snprintf(cmd, sizeof(cmd),
		 "(cat /boot/config-$(uname -r) 2>/dev/null || zcat /proc/config.gz)"
		 " | sed -n 's/^%s=//p'", name);
	out[0] = '\0';
	f = popen(cmd, "r");
	if (f) {
		if (!fgets(out, (int)size, f))
			out[0] = '\0';
		pclose(f);
	}
	out[strcspn(out, "\n")] = '\0';
}

static void test_kconfig_values(void **state)
{
	struct rawbpf_object *obj;
	struct seen *s;
	struct utsname u;
	const char *deb;
	unsigned int a = 0, b = 0, c = 0;
	char hz[32], host[64], bpf[8];
	size_t size;

	(void)state;
	rb_require_kernel();
	shell_config("CONFIG_HZ", hz, sizeof(hz));
	shell_config("CONFIG_DEFAULT_HOSTNAME", host, sizeof(host));
	shell_config("CONFIG_BPF_SYSCALL", bpf, sizeof(bpf));
	if (!hz[0])
		rb_skip_feature("a readable kernel config (/boot/config-* or /proc/config.gz)");
	assert_int_equal(rawbpf_object_open_file(RB_BPF_OBJ("obj_kconfig"), NULL, &obj), 0);
	assert_non_null(rawbpf_object_find_map(obj, ".kconfig"));
	if (rawbpf_object_load(obj))
		fail_msg("load: %s", rawbpf_object_error(obj));
	assert_int_equal(rb_obj_run(obj, "kconfig_prog"), 0);
	s = rawbpf_object_global_data(obj, ".bss", &size);
	assert_non_null(s);
	assert_int_equal(uname(&u), 0);
	/* Debian's kernels carry the real upstream sublevel in uname -v
	 * ("... Debian 6.1.192-3 ..."), uname -r only "6.1.0-57-amd64" (as
	 * libbpf reads them); elsewhere the release says it */
	deb = strstr(u.version, "Debian ");
	if (!deb || sscanf(deb + 7, "%u.%u.%u", &a, &b, &c) != 3)
		sscanf(u.release, "%u.%u.%u", &a, &b, &c);
	assert_int_equal(s->version, (a << 16) | (b << 8) | (c > 255 ? 255 : c));
	assert_int_equal(s->cookie, 1);	/* 6.18 >= 5.15 */
	assert_int_equal(s->bpf, bpf[0] == 'y' ? 1 : bpf[0] == 'm' ? 2 : 0);
	assert_int_equal(s->hz, atoi(hz));
	/* "(none)" -> (none) */
	host[strlen(host) - 1] = '\0';
	assert_string_equal(s->host, host + 1);
	assert_int_equal(s->missing, 0);
	/* the map is read-only for programs and frozen */
	assert_int_equal(rawbpf_map_flags(rawbpf_object_find_map(obj, ".kconfig")) &
			 BPF_F_RDONLY_PROG, BPF_F_RDONLY_PROG);
	rawbpf_object_close(obj);
}

static void test_kconfig_strong_missing(void **state)
{
	struct rawbpf_object *obj;

	(void)state;
	rb_require_kernel();
	assert_int_equal(rawbpf_object_open_file(RB_BPF_OBJ("obj_kconfig_strong"), NULL,
						 &obj), 0);
	assert_int_equal(rawbpf_object_load(obj), -ESRCH);
	if (!strstr(rawbpf_object_error(obj),
		    "extern CONFIG_RAWBPF_NOT_A_REAL_OPTION: not in the kernel config"))
		fail_msg("message: %s", rawbpf_object_error(obj));
	rawbpf_object_close(obj);
}

/* A value that does not fit the extern: refused at load, naming the
 * extern, before any map or program is made (object_kconfig_store.c has
 * the type refused at open). */
static void refused(const char *obj_name, int err, const char *words)
{
	struct rawbpf_object *obj;
	char path[512];

	snprintf(path, sizeof(path), "%s/%s.o", RAWBPF_BPF_DIR, obj_name);
	assert_int_equal(rawbpf_object_open_file(path, NULL, &obj), 0);
	assert_int_equal(rawbpf_object_load(obj), err);
	if (!strstr(rawbpf_object_error(obj), words))
		fail_msg("message: %s", rawbpf_object_error(obj));
	assert_true(rawbpf_map_fd(rawbpf_object_find_map(obj, ".kconfig")) < 0);
	assert_true(rawbpf_program_fd(rawbpf_object_next_program(obj, NULL)) < 0);
	rawbpf_object_close(obj);
}

static void test_kconfig_range(void **state)
{
	(void)state;
	rb_require_kernel();
	refused("obj_kconfig_range", -ERANGE,
		"extern LINUX_KERNEL_VERSION: value ");
	refused("obj_kconfig_range", -ERANGE, " does not fit in 2 bytes");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_kconfig_values, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_kconfig_strong_missing, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_kconfig_range, rb_fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
