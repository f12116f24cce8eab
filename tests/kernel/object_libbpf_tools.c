// SPDX-License-Identifier: BSD-2-Clause
/* object_libbpf_tools.c - real objects written for libbpf load unchanged:
 * the BPF ELF objects embedded in Debian's libbpf-tools binaries (CO-RE,
 * .kconfig externs, BTF maps, global data) are cut out of the binaries and
 * loaded with rawbpf; every program of the tools whose hooks this kernel
 * has (tracepoints, kprobes, uprobes) must load. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bpf_elf_cut.h"
#include "fixture.h"
#include "rawbpf/object.h"

static void test_tools_load(void **state)
{
	static const char *const tools[] = {
		"opensnoop", "execsnoop", "syscount", "sigsnoop", "killsnoop",
		"mountsnoop", "statsnoop", "exitsnoop", "tcpstates",
		"bashreadline", "gethostlatency", "filelife",
	};
	int found = 0;
	size_t t;

	(void)state;
	rb_require_kernel();
	for (t = 0; t < sizeof(tools) / sizeof(tools[0]); t++) {
		char path[128];
		struct rawbpf_object *obj;
		struct rawbpf_program *p = NULL;
		size_t len;
		uint8_t *copy;
		int err, progs = 0;

		snprintf(path, sizeof(path), "/usr/sbin/%s", tools[t]);
		copy = rb_cut_bpf_elf(path, &len);
		if (!copy)
			continue;
		found++;
		err = rawbpf_object_open_mem(copy, len, NULL, &obj);
		if (err)
			fail_msg("%s: open %d", tools[t], err);
		err = rawbpf_object_load(obj);
		if (err)
			fail_msg("%s: load %d: %s", tools[t], err, rawbpf_object_error(obj));
		while ((p = rawbpf_object_next_program(obj, p))) {
			assert_true(rawbpf_program_fd(p) > 2);
			progs++;
		}
		assert_true(progs > 0);
		print_message("[          ] %s: %d programs loaded\n", tools[t], progs);
		rawbpf_object_close(obj);
		free(copy);
	}
	if (!found)
		rb_skip_feature("libbpf-tools (Debian package) binaries in /usr/sbin");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_tools_load, rb_fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
