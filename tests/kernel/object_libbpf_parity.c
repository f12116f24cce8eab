// SPDX-License-Identifier: BSD-2-Clause
/* object_libbpf_parity.c - every program libbpf loads, rawbpf loads: each
 * program of every libbpf-tools binary's embedded BPF object is loaded
 * alone (the others' autoload off, nothing else changed: the tools' own
 * runtime settings, such as max_entries 0 maps or dummy attach targets,
 * apply to neither side) by libbpf, in the separate oracle program
 * build/libbpf_oracle (tests/parity), and by rawbpf here. It prints
 *   libbpf-tools parity KVER: libbpf N ok, rawbpf M ok, rawbpf misses K
 * and fails when K > 0, naming each program and rawbpf's error. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "bpf_elf_cut.h"
#include "fixture.h"
#include "rawbpf/object.h"

#define ORACLE RAWBPF_BUILD_DIR "/libbpf_oracle"
#define TOOLS_LIST "/var/lib/dpkg/info/libbpf-tools.list"

/* The libbpf-tools binaries (as dpkg installed them) on one command line
 * for the oracle; the number found in *@n. */
static char *tool_paths(int *n)
{
	FILE *f = fopen(TOOLS_LIST, "r");
	size_t cap = 64, used = 0;
	char *cmd = malloc(cap), line[512];

	assert_non_null(cmd);
	used = (size_t)snprintf(cmd, cap, "%s", ORACLE);
	*n = 0;
	while (f && fgets(line, sizeof(line), f)) {
		size_t l;

		line[strcspn(line, "\n")] = 0;
		if (strncmp(line, "/usr/sbin/", 10) || access(line, R_OK))
			continue;
		l = strlen(line);
		if (used + l + 2 > cap) {
			cap = (used + l + 2) * 2;
			cmd = realloc(cmd, cap);
			assert_non_null(cmd);
		}
		cmd[used++] = ' ';
		memcpy(cmd + used, line, l + 1);
		used += l;
		(*n)++;
	}
	if (f)
		fclose(f);
	return cmd;
}

/* rawbpf loads program @prog of @elf alone: 0 or its error (message in
 * @msg). */
static int rawbpf_alone(const uint8_t *elf, size_t len, const char *tool,
			const char *prog, char *msg, size_t msgsz)
{
	RAWBPF_OPTS(rawbpf_object_open_opts, o, .name = tool);
	struct rawbpf_object *obj;
	struct rawbpf_program *p = NULL;
	int err, found = 0;

	err = rawbpf_object_open_mem(elf, len, &o, &obj);
	if (err) {
		snprintf(msg, msgsz, "open %d", err);
		return err;
	}
	while ((p = rawbpf_object_next_program(obj, p))) {
		bool keep = !strcmp(rawbpf_program_name(p), prog);

		found += keep;
		assert_int_equal(rawbpf_program_set_autoload(p, keep), 0);
	}
	if (found != 1) {
		snprintf(msg, msgsz, "%d programs named %s", found, prog);
		err = -ENOENT;
	} else {
		err = rawbpf_object_load(obj);
		if (err)
			snprintf(msg, msgsz, "%s", rawbpf_object_error(obj));
		else
			assert_true(rawbpf_program_fd(
				rawbpf_object_find_program(obj, prog)) > 2);
	}
	rawbpf_object_close(obj);
	return err;
}

static void test_parity(void **state)
{
	int ntools, lib_ok = 0, raw_ok = 0, misses = 0, progs = 0;
	char line[512], cur[128] = "", msg[1024];
	uint8_t *elf = NULL;
	struct utsname u;
	size_t len = 0;
	char *cmd;
	FILE *out;

	(void)state;
	rb_require_kernel();
	if (access(ORACLE, X_OK))
		rb_skip_feature("libbpf-dev (the oracle " ORACLE " is built with it)");
	cmd = tool_paths(&ntools);
	if (!ntools) {
		free(cmd);
		rb_skip_feature("libbpf-tools (Debian package) binaries in /usr/sbin");
	}
	out = popen(cmd, "r");
	assert_non_null(out);
	while (fgets(line, sizeof(line), out)) {
		char tool[128], prog[128];
		int lib_err, raw_err;

		assert_int_equal(sscanf(line, "%127[^\t]\t%127[^\t]\t%d", tool,
					prog, &lib_err), 3);
		/* libbpf could not open the object: nothing to compare */
		if (!strcmp(prog, "*"))
			continue;
		if (strcmp(tool, cur)) {
			char path[160];

			free(elf);
			snprintf(path, sizeof(path), "/usr/sbin/%s", tool);
			elf = rb_cut_bpf_elf(path, &len);
			assert_non_null(elf);
			snprintf(cur, sizeof(cur), "%s", tool);
		}
		progs++;
		raw_err = rawbpf_alone(elf, len, tool, prog, msg, sizeof(msg));
		lib_ok += !lib_err;
		raw_ok += !raw_err;
		if (!strcmp(tool, "bindsnoop"))	/* issue 8's known case */
			print_message("[          ] %s/%s: libbpf %d, rawbpf %d\n",
				      tool, prog, lib_err, raw_err);
		if (!lib_err && raw_err) {
			misses++;
			print_message("[  MISS    ] %s/%s: libbpf loads it, rawbpf %d: %s\n",
				      tool, prog, raw_err, msg);
		} else if (lib_err && !raw_err) {
			print_message("[          ] %s/%s: rawbpf loads it, libbpf %d\n",
				      tool, prog, lib_err);
		}
	}
	free(elf);
	assert_int_equal(pclose(out), 0);
	free(cmd);
	assert_int_equal(uname(&u), 0);
	print_message("[          ] libbpf-tools parity %s: %d tools, %d programs\n",
		      u.release, ntools, progs);
	print_message("libbpf-tools parity %s: libbpf %d ok, rawbpf %d ok, rawbpf misses %d\n",
		      u.release, lib_ok, raw_ok, misses);
	assert_true(lib_ok > 0);
	assert_int_equal(misses, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_parity, rb_fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
