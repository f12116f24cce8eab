// SPDX-License-Identifier: BSD-2-Clause
/* object_fallback.c - the loader's answers to a kernel that refuses
 * something, played through the bpf(2) choke point's test hook on the real
 * kernel: BTF refused with a log naming one type -> only that kind is
 * rewritten and BTF loads; BPF_F_MMAPABLE refused -> global data without
 * mmap, still initialised. */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"
#include "objtest.h"
#include "rawbpf/object.h"
#include "rawbpf/sys.h"
#include "object/object.h"
#include "sys/abi.h"
#include "sys/raw.h"

struct play {
	int btf_loads;
	int refuse_btf;		/* refuse this many BTF_LOADs */
	char blame[128];	/* the log line the fake refusal writes */
	int mmapable_refused;
};

static int before(void *ctx, int cmd, void *attr, unsigned int size, long *ret)
{
	struct play *pl = ctx;

	(void)size;
	if (cmd == BPF_BTF_LOAD) {
		struct rb_attr_btf_load *a = attr;

		if (pl->btf_loads++ >= pl->refuse_btf)
			return 0;
		if (a->btf_log_buf && a->btf_log_size > strlen(pl->blame))
			strcpy(u64_to_ptr(a->btf_log_buf), pl->blame);
		*ret = -EINVAL;
		return 1;
	}
	if (cmd == BPF_MAP_CREATE && pl->mmapable_refused >= 0) {
		struct rb_attr_map_create *a = attr;

		if (a->map_flags & BPF_F_MMAPABLE) {
			pl->mmapable_refused++;
			*ret = -EINVAL;
			return 1;
		}
	}
	return 0;
}

static char logged[4096];

static void grab(void *ctx, enum rawbpf_log_level level, const char *msg)
{
	size_t n = strlen(logged);

	(void)ctx;
	(void)level;
	snprintf(logged + n, sizeof(logged) - n, "%s\n", msg);
}

static void test_btf_sanitised_on_refusal(void **state)
{
	RAWBPF_OPTS(rawbpf_object_open_opts, o, .log = grab);
	struct play pl = { .refuse_btf = 2, .mmapable_refused = -1 };
	struct rb_sys_hook hook = { .before = before, .ctx = &pl };
	struct rawbpf_object *obj;
	int id, err;

	(void)state;
	rb_require_kernel();
	logged[0] = '\0';
	assert_int_equal(rawbpf_object_open_file(RB_BPF_OBJ("obj_maps"), &o, &obj), 0);
	id = rb_btf_find(obj->btf, "global_square_plus", RB_BTF_KIND_FUNC);
	assert_true(id > 0);
	/* the FUNC is global: its linkage is what "this kernel" refuses */
	assert_int_equal(rb_btf_vlen(rb_btf_type_by_id(obj->btf, (uint32_t)id)),
			 RB_BTF_FUNC_GLOBAL);
	snprintf(pl.blame, sizeof(pl.blame),
		 "[%d] FUNC global_square_plus type_id=1\nInvalid func linkage\n", id);
	rb_sys_set_hook(&hook);
	err = rawbpf_object_load(obj);
	rb_sys_set_hook(NULL);
	assert_int_equal(err, 0);
	/* refused without log, refused with log, accepted after the rewrite */
	assert_int_equal(pl.btf_loads, 3);
	assert_true(rawbpf_object_btf_fd(obj) > 2);
	if (!strstr(logged, "refused a kind"))
		fail_msg("log: %s", logged);
	/* only the refused kind changed: the FUNC is static now, still a FUNC */
	assert_int_equal(rb_btf_kind(rb_btf_type_by_id(obj->btf, (uint32_t)id)),
			 RB_BTF_KIND_FUNC);
	assert_int_equal(rb_btf_vlen(rb_btf_type_by_id(obj->btf, (uint32_t)id)),
			 RB_BTF_FUNC_STATIC);
	assert_int_equal(rb_btf_kind(rb_btf_type_by_id(obj->btf,
		(uint32_t)rb_btf_find(obj->btf, ".maps", RB_BTF_KIND_DATASEC))),
		RB_BTF_KIND_DATASEC);
	assert_int_equal(rb_obj_run(obj, "sub_caller"), 37);
	rawbpf_object_close(obj);
}

static void test_btf_refused_for_good(void **state)
{
	RAWBPF_OPTS(rawbpf_object_open_opts, o, .log = grab);
	struct play pl = { .refuse_btf = 100, .mmapable_refused = -1 };
	struct rb_sys_hook hook = { .before = before, .ctx = &pl };
	struct rawbpf_object *obj;
	int err;

	(void)state;
	rb_require_kernel();
	logged[0] = '\0';
	strcpy(pl.blame, "magic: 0xeb9f\nsomething else is wrong\n");
	assert_int_equal(rawbpf_object_open_file(RB_BPF_OBJ("obj_legacy"), &o, &obj), 0);
	rb_sys_set_hook(&hook);
	err = rawbpf_object_load(obj);
	rb_sys_set_hook(NULL);
	/* no type named: nothing is rewritten blindly beyond what lib/btf
	 * guesses; in the end the object loads without BTF */
	assert_int_equal(err, 0);
	assert_int_equal(rawbpf_object_btf_fd(obj), -ENOENT);
	assert_non_null(strstr(logged, "loading without BTF: something else is wrong"));
	assert_int_equal(rb_obj_run(obj, "legacy_count"), 5);
	rawbpf_object_close(obj);
}

static void test_global_data_without_mmap(void **state)
{
	struct play pl = { .refuse_btf = 0, .mmapable_refused = 0 };
	struct rb_sys_hook hook = { .before = before, .ctx = &pl };
	struct rawbpf_object *obj;
	struct rawbpf_map *m;
	uint32_t *rodata, key = 0, val = 0;
	size_t size;
	int err;

	(void)state;
	rb_require_kernel();
	assert_int_equal(rawbpf_object_open_file(RB_BPF_OBJ("obj_globals"), NULL, &obj), 0);
	rodata = rawbpf_object_global_data(obj, ".rodata", &size);
	*rodata = 2;
	rb_sys_set_hook(&hook);
	err = rawbpf_object_load(obj);
	rb_sys_set_hook(NULL);
	assert_int_equal(err, 0);
	assert_int_equal(pl.mmapable_refused, 4);	/* 4 data maps retried */
	m = rawbpf_object_find_map(obj, ".rodata");
	assert_int_equal(rawbpf_map_flags(m) & BPF_F_MMAPABLE, 0);
	/* no mmap: NULL after load; the value went in through the map */
	assert_null(rawbpf_object_global_data(obj, ".rodata", &size));
	assert_int_equal(rawbpf_sys_map_lookup_elem(rawbpf_map_fd(m), &key, &val), 0);
	assert_int_equal(val, 2);
	assert_int_equal(rb_obj_run(obj, "globals_prog"), 3 * 2 + 10);
	rawbpf_object_close(obj);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_btf_sanitised_on_refusal, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_btf_refused_for_good, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_global_data_without_mmap, rb_fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
