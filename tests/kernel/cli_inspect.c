// SPDX-License-Identifier: BSD-2-Clause
/*
 * cli_inspect.c - `rawbpf prog list --json` agrees with bpftool on the
 * ids, names, types and tags of programs (bpftool is installed by
 * .ci/run), and `rawbpf map dump` formats values through the map's BTF.
 * Other tests create programs concurrently on this machine, so the
 * comparison brackets bpftool's snapshot between two of rawbpf's: a
 * program in both of rawbpf's lived through bpftool's and must be there
 * with the same fields; one only bpftool saw must be gone by the end.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "btf_blob.h"
#include "cli_run.h"
#include "env.h"
#include "fixture.h"
#include "kernel_features.h"
#include "progs.h"
#include "rawbpf/sys.h"

#define OUT (1 << 22)

/* obj_span - the JSON object in @json[] whose first field is "id":@id;
 * *@len its length. NULL if absent. Strings may hold brackets. */
static const char *obj_span(const char *json, uint32_t id, size_t *len)
{
	char key[32];
	const char *p, *q;
	int depth = 0, str = 0;

	snprintf(key, sizeof(key), "{\"id\":%u,", id);
	p = strstr(json, key);
	if (!p)
		return NULL;
	for (q = p; *q; q++) {
		if (str) {
			if (*q == '\\')
				q++;
			else if (*q == '"')
				str = 0;
			continue;
		}
		if (*q == '"')
			str = 1;
		else if (*q == '{' || *q == '[')
			depth++;
		else if ((*q == '}' || *q == ']') && !--depth) {
			*len = (size_t)(q - p + 1);
			return p;
		}
	}
	return NULL;
}

/* field - the string value of top-level "@name" in object @o[@len]; "" if
 * absent (bpftool and rawbpf both leave out an empty name). */
static void field(const char *o, size_t len, const char *name, char *out,
		  size_t room)
{
	char key[64], obj[8192];
	const char *p, *e;

	snprintf(obj, sizeof(obj), "%.*s", (int)len, o);
	snprintf(key, sizeof(key), "\"%s\":\"", name);
	out[0] = '\0';
	if (!(p = strstr(obj, key)))
		return;
	p += strlen(key);
	e = strchr(p, '"');
	snprintf(out, room, "%.*s", e ? (int)(e - p) : 0, p);
}

/* ids - every "{"id":N," at the top level of a list, into @v. */
static size_t ids(const char *json, uint32_t *v, size_t cap)
{
	const char *p = json;
	size_t n = 0;

	while (n < cap && (p = strstr(p, "{\"id\":"))) {
		p += 6;
		v[n++] = (uint32_t)strtoul(p, NULL, 10);
	}
	return n;
}

static int has(const uint32_t *v, size_t n, uint32_t id)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (v[i] == id)
			return 1;
	return 0;
}

static int run(const char *cmd, char *out)
{
	FILE *f = popen(cmd, "r");
	size_t n = 0, r;

	assert_non_null(f);
	while ((r = fread(out + n, 1, OUT - 1 - n, f)) > 0)
		n += r;
	out[n] = '\0';
	return pclose(f);
}

static void test_prog_list_agrees_with_bpftool(void **state)
{
	static uint32_t a[65536], b[65536], c[65536];
	char *r1 = malloc(OUT), *bt = malloc(OUT), *r2 = malloc(OUT);
	size_t na, nb, nc, i, checked = 0;
	int mine[3], k;
	uint32_t my_id[3];

	(void)state;
	assert_non_null(r1);
	assert_non_null(bt);
	assert_non_null(r2);
	if (access("/usr/sbin/bpftool", X_OK) && access("/usr/bin/bpftool", X_OK))
		fail_msg("bpftool is not installed (.ci/run installs it)");
	mine[0] = rb_load_ret(BPF_PROG_TYPE_SCHED_CLS, 0, 0);
	mine[1] = rb_load_ret(BPF_PROG_TYPE_XDP, 0, 2);
	mine[2] = rb_load_ret(BPF_PROG_TYPE_SOCKET_FILTER, 0, 0);
	for (k = 0; k < 3; k++) {
		assert_true(mine[k] >= 0);
		my_id[k] = rb_obj_id(mine[k]);
	}
	assert_int_equal(rb_cli("prog list --json", r1, OUT), 0);
	assert_int_equal(run("bpftool -j prog list", bt), 0);
	assert_int_equal(rb_cli("prog list --json", r2, OUT), 0);
	na = ids(r1, a, 65536);
	nb = ids(bt, b, 65536);
	nc = ids(r2, c, 65536);
	for (k = 0; k < 3; k++) {
		assert_true(has(a, na, my_id[k]));
		assert_true(has(b, nb, my_id[k]));
	}
	for (i = 0; i < na; i++) {
		const char *x, *y;
		size_t lx, ly;
		char f1[128], f2[128];
		static const char *const names[] = { "type", "name", "tag" };
		size_t f;

		if (!has(c, nc, a[i]))
			continue;	/* may have gone during bpftool's run */
		x = obj_span(r1, a[i], &lx);
		y = obj_span(bt, a[i], &ly);
		if (!y)
			fail_msg("prog %u lived through bpftool's run but it did not list it", a[i]);
		assert_non_null(x);
		for (f = 0; f < 3; f++) {
			field(x, lx, names[f], f1, sizeof(f1));
			field(y, ly, names[f], f2, sizeof(f2));
			if (strcmp(f1, f2))
				fail_msg("prog %u %s: rawbpf '%s', bpftool '%s'",
					 a[i], names[f], f1, f2);
		}
		checked++;
	}
	for (i = 0; i < nb; i++)
		if (!has(a, na, b[i]) && !has(c, nc, b[i]))
			assert_int_equal(rb_prog_id_exists(b[i]), 0);
	print_message("compared %zu programs (rawbpf %zu/%zu, bpftool %zu)\n",
		      checked, na, nc, nb);
	assert_true(checked >= 3);
	/* the types are bpftool's words */
	{
		const char *x;
		size_t lx;
		char t[64];

		x = obj_span(r1, my_id[1], &lx);
		field(x, lx, "type", t, sizeof(t));
		assert_string_equal(t, "xdp");
	}
	for (k = 0; k < 3; k++)
		close(mine[k]);
	free(r1);
	free(bt);
	free(r2);
}

/* A map whose value is struct { unsigned int a; int b[2]; } in BTF. */
static int btf_map(int *btf_fd)
{
	static char blob[4096];
	struct rb_tb b;
	uint32_t u32, s32, arr, st;
	size_t len;
	RAWBPF_OPTS(rawbpf_sys_map_create_opts, o);

	rb_tb_init(&b);
	u32 = rb_tb_type(&b, "unsigned int", 1, 0, 0, 4);
	rb_tb_word(&b, 32);
	s32 = rb_tb_type(&b, "int", 1, 0, 0, 4);
	rb_tb_word(&b, 1u << 24 | 32);
	arr = rb_tb_type(&b, NULL, 3, 0, 0, 0);
	rb_tb_word(&b, s32);
	rb_tb_word(&b, u32);
	rb_tb_word(&b, 2);
	st = rb_tb_type(&b, "val", 4, 0, 2, 12);
	rb_tb_word(&b, rb_tb_str(&b, "a"));
	rb_tb_word(&b, u32);
	rb_tb_word(&b, 0);
	rb_tb_word(&b, rb_tb_str(&b, "b"));
	rb_tb_word(&b, arr);
	rb_tb_word(&b, 32);
	len = rb_tb_blob(&b, blob, sizeof(blob));
	*btf_fd = rawbpf_sys_btf_load(blob, (uint32_t)len, NULL);
	if (*btf_fd < 0)
		return *btf_fd;
	o.btf_fd = (uint32_t)*btf_fd;
	o.btf_key_type_id = u32;
	o.btf_value_type_id = st;
	return rawbpf_sys_map_create(BPF_MAP_TYPE_ARRAY, "rb_dump", 4, 12, 2, &o);
}

static void test_map_dump(void **state)
{
	struct { uint32_t a; int32_t b[2]; } v = { 7, { -1, 3 } };
	uint32_t key = 1, hv = 0x01020304;
	char out[4096], args[128];
	int btf, m, h;

	(void)state;
	m = btf_map(&btf);
	assert_true(btf >= 0);
	assert_true(m >= 0);
	assert_int_equal(rawbpf_sys_map_update_elem(m, &key, &v, 0), 0);
	snprintf(args, sizeof(args), "map dump %u --json", rb_obj_id(m));
	assert_int_equal(rb_cli(args, out, sizeof(out)), 0);
	assert_string_equal(out,
		"[{\"key\":0,\"value\":{\"a\":0,\"b\":[0,0]}},"
		"{\"key\":1,\"value\":{\"a\":7,\"b\":[-1,3]}}]\n");

	/* without BTF: hex bytes */
	h = rawbpf_sys_map_create(BPF_MAP_TYPE_HASH, "rb_hex", 4, 4, 4, NULL);
	assert_true(h >= 0);
	assert_int_equal(rawbpf_sys_map_update_elem(h, &key, &hv, 0), 0);
	snprintf(args, sizeof(args), "map dump %u", rb_obj_id(h));
	assert_int_equal(rb_cli(args, out, sizeof(out)), 0);
	/* bytes in memory order, as bpftool prints them (big-endian too) */
	{
		const unsigned char *k = (const void *)&key, *v8 = (const void *)&hv;
		char want[128];

		snprintf(want, sizeof(want), "key: \"%02x %02x %02x %02x\"  value: "
			 "\"%02x %02x %02x %02x\"\nFound 1 element\n", k[0], k[1], k[2],
			 k[3], v8[0], v8[1], v8[2], v8[3]);
		assert_string_equal(out, want);
	}
	/* per-CPU: one value per possible CPU */
	{
		int pc = rawbpf_sys_map_create(BPF_MAP_TYPE_PERCPU_ARRAY, "rb_pc", 4, 4, 1,
					       NULL);

		assert_true(pc >= 0);
		snprintf(args, sizeof(args), "map dump %u --json", rb_obj_id(pc));
		assert_int_equal(rb_cli(args, out, sizeof(out)), 0);
		assert_int_equal(strncmp(out, "[{\"key\":\"00 00 00 00\",\"values\":"
				 "[{\"cpu\":0,\"value\":\"00 00 00 00\"}", 60), 0);
		close(pc);
	}
	/* errors: no such map, a path that is no pin */
	assert_int_equal(rb_cli("map dump 4294967295 2>/dev/null", out, sizeof(out)), 1);
	assert_int_equal(rb_cli("map dump /proc/self/status 2>/dev/null", out,
				sizeof(out)), 1);
	close(h);
	close(m);
	close(btf);
}

/* show by id agrees with list, in both shapes; a bad id is an error. */
static void test_show(void **state)
{
	char out[4096], args[64], want[128];
	int p = rb_load_ret(BPF_PROG_TYPE_SOCKET_FILTER, 0, 0);
	uint32_t id;

	(void)state;
	assert_true(p >= 0);
	id = rb_obj_id(p);
	snprintf(args, sizeof(args), "prog show %u", id);
	assert_int_equal(rb_cli(args, out, sizeof(out)), 0);
	snprintf(want, sizeof(want), "%u: socket_filter  ", id);
	assert_int_equal(strncmp(out, want, strlen(want)), 0);
	snprintf(args, sizeof(args), "prog show %u --json", id);
	assert_int_equal(rb_cli(args, out, sizeof(out)), 0);
	snprintf(want, sizeof(want), "{\"id\":%u,\"type\":\"socket_filter\",", id);
	assert_int_equal(strncmp(out, want, strlen(want)), 0);
	assert_int_equal(rb_cli("prog show 4294967295 2>/dev/null", out, sizeof(out)), 1);
	assert_int_equal(rb_cli("prog show x 2>/dev/null", out, sizeof(out)), 1);
	assert_int_equal(rb_cli("prog frob 2>/dev/null", out, sizeof(out)), 2);
	/* the kernel's own BTF is listed first, by name */
	assert_int_equal(rb_cli("btf list --json", out, sizeof(out)), 0);
	if (rb_have(RB_FEAT_KERNEL_BTF))
		assert_non_null(strstr(out, "\"kernel\":true,\"name\":\"vmlinux\"}"));
	else	/* a kernel built without BTF lists none of its own */
		assert_null(strstr(out, "\"kernel\":true"));
	close(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_prog_list_agrees_with_bpftool,
						rb_setup_pins, rb_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_map_dump, rb_setup_pins,
						rb_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_show, rb_setup_pins,
						rb_fixture_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
