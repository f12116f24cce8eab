// SPDX-License-Identifier: BSD-2-Clause
/* object_fail.c - a load that fails leaves nothing behind (every map,
 * program and BTF it created is gone, checked by id), its message names
 * the program and section, and the kept verifier log shows source lines
 * (func_info/line_info reached the kernel). */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"
#include "rawbpf/object.h"
#include "rawbpf/sys.h"
#include "sys/raw.h"

#define MAX_IDS 32

struct created {
	uint32_t ids[MAX_IDS];
	int (*exists[MAX_IDS])(uint32_t);
	int n;
};

static int btf_id_exists(uint32_t id)
{
	int fd = rawbpf_sys_btf_get_fd_by_id(id);

	if (fd < 0)
		return 0;
	close(fd);
	return 1;
}

/* The id of bpf object @fd, from /proc/self/fdinfo ("map_id:", ...). */
static uint32_t fd_id(int fd, const char *key)
{
	char path[64], buf[1024], *p;
	int f, n;

	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", fd);
	f = open(path, O_RDONLY | O_CLOEXEC);
	if (f < 0)
		return 0;
	n = (int)read(f, buf, sizeof(buf) - 1);
	close(f);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	p = strstr(buf, key);
	return p ? (uint32_t)strtoul(p + strlen(key), NULL, 10) : 0;
}

static void after(void *ctx, int cmd, void *attr, unsigned int size, long ret)
{
	struct created *c = ctx;
	uint32_t id = 0;
	int (*exists)(uint32_t) = NULL;

	(void)attr;
	(void)size;
	if (ret < 0 || c->n >= MAX_IDS)
		return;
	if (cmd == BPF_MAP_CREATE) {
		id = fd_id((int)ret, "map_id:");
		exists = rb_map_id_exists;
	} else if (cmd == BPF_PROG_LOAD) {
		id = fd_id((int)ret, "prog_id:");
		exists = rb_prog_id_exists;
	} else if (cmd == BPF_BTF_LOAD) {
		id = fd_id((int)ret, "btf_id:");
		exists = btf_id_exists;
	}
	if (id) {
		c->ids[c->n] = id;
		c->exists[c->n++] = exists;
	}
}

static void test_failed_load_leaves_nothing(void **state)
{
	struct created c = { .n = 0 };
	struct rb_sys_hook hook = { .after = after, .ctx = &c };
	struct rawbpf_object *obj;
	struct rawbpf_program *bad, *good;
	int i, err, kinds = 0;

	(void)state;
	rb_require_kernel();
	assert_int_equal(rawbpf_object_open_file(RB_BPF_OBJ("obj_bad"), NULL, &obj), 0);
	rb_sys_set_hook(&hook);
	err = rawbpf_object_load(obj);
	rb_sys_set_hook(NULL);
	assert_int_equal(err, -EACCES);
	bad = rawbpf_object_find_program(obj, "bad_prog");
	good = rawbpf_object_find_program(obj, "good_prog");
	if (!strstr(rawbpf_object_error(obj), "program bad_prog (section socket"))
		fail_msg("message: %s", rawbpf_object_error(obj));
	assert_int_equal(rawbpf_program_error(bad), -EACCES);
	/* line_info reached the verifier: the log quotes the source */
	if (!strstr(rawbpf_program_log(bad), "return *v + 1;"))
		fail_msg("log without source lines:\n%s", rawbpf_program_log(bad));
	/* nothing is left: no fds ... */
	assert_int_equal(rawbpf_program_fd(good), -ENOENT);
	assert_int_equal(rawbpf_map_fd(rawbpf_object_find_map(obj, "bad_map")), -ENOENT);
	assert_int_equal(rawbpf_map_fd(rawbpf_object_find_map(obj, ".bss")), -ENOENT);
	assert_int_equal(rawbpf_object_btf_fd(obj), -ENOENT);
	/* ... and no kernel objects: BTF, 2 maps and good_prog were made */
	assert_true(c.n >= 4);
	for (i = 0; i < c.n; i++) {
		assert_int_equal(rb_wait_id_gone(c.exists[i], c.ids[i], 2000), 0);
		kinds |= c.exists[i] == rb_prog_id_exists ? 1 :
			 c.exists[i] == rb_map_id_exists ? 2 : 4;
	}
	assert_int_equal(kinds, 7);
	/* the same object loads once the bad program is left out */
	assert_int_equal(rawbpf_program_set_autoload(bad, false), 0);
	assert_int_equal(rawbpf_object_load(obj), 0);
	assert_true(rawbpf_program_fd(good) > 2);
	assert_int_equal(rawbpf_program_error(bad), 0);
	rawbpf_object_close(obj);
}

static void test_close_releases_all(void **state)
{
	struct created c = { .n = 0 };
	struct rb_sys_hook hook = { .after = after, .ctx = &c };
	struct rawbpf_object *obj;
	int i, err;

	(void)state;
	rb_require_kernel();
	assert_int_equal(rawbpf_object_open_file(RB_BPF_OBJ("obj_maps"), NULL, &obj), 0);
	rb_sys_set_hook(&hook);
	err = rawbpf_object_load(obj);
	rb_sys_set_hook(NULL);
	assert_int_equal(err, 0);
	/* BTF, 9 maps (+ the inner template), 5 programs */
	assert_true(c.n >= 15);
	rawbpf_object_close(obj);
	for (i = 0; i < c.n; i++)
		assert_int_equal(rb_wait_id_gone(c.exists[i], c.ids[i], 2000), 0);
}

static void test_open_errors(void **state)
{
	struct rawbpf_object *obj = (void *)1;
	static const char junk[] = "not an object at all, just bytes.....";

	(void)state;
	rb_require_kernel();
	assert_int_equal(rawbpf_object_open_file("/nonexistent/x.o", NULL, &obj),
			 -ENOENT);
	assert_null(obj);
	assert_int_equal(rawbpf_object_open_file("/proc/self/exe", NULL, &obj),
			 -ENOEXEC);	/* an x86 ELF, not BPF */
	assert_int_equal(rawbpf_object_open_mem(junk, sizeof(junk), NULL, &obj),
			 -ENOEXEC);
	assert_null(obj);
	assert_int_equal(rawbpf_object_open_file("/", NULL, &obj), -EISDIR);
	assert_int_equal(rawbpf_object_open_file("/dev/null", NULL, &obj), -ENOEXEC);
	assert_int_equal(rawbpf_object_open_file(NULL, NULL, &obj), -EINVAL);
	assert_int_equal(rawbpf_object_open_mem(junk, sizeof(junk), NULL, NULL),
			 -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_failed_load_leaves_nothing, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_close_releases_all, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_open_errors, rb_fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
