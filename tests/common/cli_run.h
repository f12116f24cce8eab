/* SPDX-License-Identifier: BSD-2-Clause */
/* cli_run.h - run the built rawbpf CLI from a test. */
#ifndef RB_TEST_CLI_RUN_H
#define RB_TEST_CLI_RUN_H

#include <stddef.h>

#define RB_CLI RAWBPF_BUILD_DIR "/rawbpf"

/* rb_cli - run `rawbpf @args` (a shell word list), its stdout into @out
 * (NUL-terminated); returns the exit code, -1 if it did not exit. Skips
 * when the CLI was not built (-DRAWBPF_EXAMPLES=OFF). */
int rb_cli(const char *args, char *out, size_t size);
/* rb_run_built - the same for the built program @exe (an absolute path);
 * skips when it was not built. */
int rb_run_built(const char *exe, const char *args, char *out, size_t size);

#endif
