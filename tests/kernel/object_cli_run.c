// SPDX-License-Identifier: BSD-2-Clause
/* object_cli_run.c - `rawbpf run`: the program's return value, the packet
 * it changed, a context it read, --repeat, and bad arguments refused with
 * a message and the documented exit code. */
#include <linux/bpf.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"
#include "cli_run.h"

#define OBJ RB_BPF_OBJ("run_prog")

static char dir[64], pkt[128], ctxf[128];

static void write_file(const char *path, const void *buf, size_t len)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(buf, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

static int setup(void **state)
{
	unsigned char data[64];
	struct __sk_buff skb;
	size_t i;

	(void)state;
	strcpy(dir, "/tmp/rawbpf_run.XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	for (i = 0; i < sizeof(data); i++)
		data[i] = (unsigned char)i;
	snprintf(pkt, sizeof(pkt), "%s/pkt", dir);
	write_file(pkt, data, sizeof(data));
	memset(&skb, 0, sizeof(skb));
	skb.mark = 41;
	snprintf(ctxf, sizeof(ctxf), "%s/ctx", dir);
	write_file(ctxf, &skb, sizeof(skb));
	return 0;
}

static int teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	return system(cmd) ? -1 : 0;
}

static void test_xdp_data_out(void **state)
{
	char args[512], out[4096], expect[512], *p;
	unsigned retval, dur;
	int i;

	(void)state;
	rb_require_kernel();
	snprintf(args, sizeof(args), "run " OBJ " rb_run_xdp --data %s", pkt);
	assert_int_equal(rb_cli(args, out, sizeof(out)), 0);
	assert_int_equal(sscanf(out, "retval\t%u\tduration_ns\t%u\n", &retval, &dur), 2);
	assert_int_equal(retval, 64);	/* the packet's length, from the program */
	/* bytes 0..63, with byte 14 set to ab and byte 15 inverted */
	p = expect + sprintf(expect, "data_out\t64\t");
	for (i = 0; i < 64; i++)
		p += sprintf(p, "%02x", i == 14 ? 0xab : i == 15 ? 15 ^ 0xff : i);
	strcpy(p, "\n");
	p = strchr(out, '\n');
	assert_non_null(p);
	assert_string_equal(p + 1, expect);

	/* three runs on one buffer: byte 15 inverted three times */
	snprintf(args, sizeof(args), "run " OBJ " rb_run_xdp --data %s --repeat 3", pkt);
	assert_int_equal(rb_cli(args, out, sizeof(out)), 0);
	assert_non_null(strstr(out, "\t000102030405060708090a0b0c0dabf0101112"));
}

static void test_tc_ctx(void **state)
{
	char args[512], out[4096];
	unsigned retval, dur;

	(void)state;
	rb_require_kernel();
	snprintf(args, sizeof(args), "run " OBJ " rb_run_tc --data %s --ctx %s", pkt, ctxf);
	assert_int_equal(rb_cli(args, out, sizeof(out)), 0);
	assert_int_equal(sscanf(out, "retval\t%u\tduration_ns\t%u\n", &retval, &dur), 2);
	assert_int_equal(retval, 42);	/* skb->mark from --ctx, plus one */
	assert_non_null(strstr(out, "\ndata_out\t64\t000102030405"));
}

static void test_bad_args(void **state)
{
	char args[512], out[4096];

	(void)state;
	rb_require_kernel();
	/* usage errors: 2, with a message on stderr, nothing on stdout */
	assert_int_equal(rb_cli("run " OBJ " 2>/dev/null", out, sizeof(out)), 2);
	assert_int_equal(rb_cli("run " OBJ " rb_run_xdp --repeat x 2>&1", out, sizeof(out)), 2);
	assert_string_equal(out, "rawbpf: --repeat wants a count, not 'x'\n");
	assert_int_equal(rb_cli("run " OBJ " rb_run_xdp --repeat -1 2>&1", out, sizeof(out)), 2);
	assert_int_equal(rb_cli("run " OBJ " rb_run_xdp --bogus 1 2>&1", out, sizeof(out)), 2);
	assert_string_equal(out, "rawbpf: unknown option '--bogus'\n");
	assert_int_equal(rb_cli("run " OBJ " rb_run_xdp --data 2>&1", out, sizeof(out)), 2);
	assert_string_equal(out, "rawbpf: --data needs a value or is unknown\n");
	/* failures: 1 with the reason */
	assert_int_equal(rb_cli("run " OBJ " rb_run_xdp --data /nonexistent 2>&1", out,
				sizeof(out)), 1);
	assert_string_equal(out, "rawbpf: data /nonexistent: No such file or directory\n");
	assert_int_equal(rb_cli("run " OBJ " no_such_prog 2>&1", out, sizeof(out)), 1);
	assert_non_null(strstr(out, "no program no_such_prog"));
	/* XDP needs at least an Ethernet header of data: the kernel refuses */
	snprintf(args, sizeof(args), "run " OBJ " rb_run_xdp 2>&1");
	assert_int_equal(rb_cli(args, out, sizeof(out)), 1);
	assert_non_null(strstr(out, "rawbpf: test run of rb_run_xdp: Invalid argument"));
	/* a tracepoint program cannot be test-run (no CO-RE in it: kernels
	 * without BTF load it too) */
	assert_int_equal(rb_cli("run " RB_BPF_OBJ("attach_auto") " on_tp 2>&1", out,
				sizeof(out)), 1);
	assert_non_null(strstr(out, "rawbpf: test run of on_tp: "));
	assert_null(strstr(out, "retval"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_xdp_data_out),
		cmocka_unit_test(test_tc_ctx),
		cmocka_unit_test(test_bad_args),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
