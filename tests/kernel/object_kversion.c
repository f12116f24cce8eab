// SPDX-License-Identifier: BSD-2-Clause
/* object_kversion.c - kern_version at load: kprobe-type programs of an
 * object without a `version` section get the running kernel's
 * LINUX_VERSION_CODE, other programs 0, and a `version` section wins. The
 * PROG_LOAD attrs are seen through the syscall choke point's test hook
 * while the calls go to the kernel, which loads them. */
#include <linux/bpf.h>
#include <string.h>

#include "fixture.h"
#include "kernel/version.h"
#include "rawbpf/object.h"
#include "sys/abi.h"
#include "sys/raw.h"
#include "sys_view.h"

struct seen {
	int loads;
	uint32_t type[8], kver[8];
	char name[8][16];
};

static void after(void *ctx, const struct rb_sys_call *c, long ret)
{
	const struct rb_attr_prog_load *a = rb_call_buf(c);
	struct seen *s = ctx;

	if (c->kind != RB_SYS_BPF || rb_call_op(c) != BPF_PROG_LOAD || ret < 0 ||
	    s->loads == 8)
		return;
	s->type[s->loads] = a->prog_type;
	s->kver[s->loads] = a->kern_version;
	memcpy(s->name[s->loads], a->prog_name, sizeof(s->name[0]));
	s->name[s->loads][15] = 0;
	s->loads++;
}

/* load_seen - load @obj_path with the hook on; what PROG_LOAD carried. */
static void load_seen(const char *obj_path, struct seen *s)
{
	struct rb_sys_hook h = { .after = after, .ctx = s };
	struct rawbpf_object *obj;
	int err;

	memset(s, 0, sizeof(*s));
	assert_int_equal(rawbpf_object_open_file(obj_path, NULL, &obj), 0);
	rb_sys_set_hook(&h);
	err = rawbpf_object_load(obj);
	rb_sys_set_hook(NULL);
	if (err)
		fail_msg("load %s: %s", obj_path, rawbpf_object_error(obj));
	rawbpf_object_close(obj);
}

static void test_no_version_section(void **state)
{
	int64_t kv = rb_kernel_version(NULL);
	struct seen s;
	int i, probes = 0, socks = 0;

	(void)state;
	rb_require_kernel();
	assert_true(kv > 0);
	load_seen(RB_BPF_OBJ("obj_kversion"), &s);
	for (i = 0; i < s.loads; i++) {
		if (!strcmp(s.name[i], "rb_kv_probe")) {
			assert_int_equal(s.type[i], BPF_PROG_TYPE_KPROBE);
			assert_int_equal(s.kver[i], kv);
			probes++;
		} else if (!strcmp(s.name[i], "rb_kv_sock")) {
			assert_int_equal(s.kver[i], 0);
			socks++;
		}
	}
	assert_int_equal(probes, 1);
	assert_int_equal(socks, 1);
}

static void test_version_section_wins(void **state)
{
	struct seen s;

	(void)state;
	rb_require_kernel();
	load_seen(RB_BPF_OBJ("obj_kversion_set"), &s);
	assert_int_equal(s.loads, 1);
	assert_string_equal(s.name[0], "rb_kv_probe");
	assert_int_equal(s.kver[0], 0x041300);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_no_version_section),
		cmocka_unit_test(test_version_section_wins),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
