/* SPDX-License-Identifier: BSD-2-Clause */
/* logcap.h - capture what rawbpf logs (the process-wide hook or an
 * object's own callback) for tests that assert on messages. */
#ifndef RB_TEST_LOGCAP_H
#define RB_TEST_LOGCAP_H

#include <stddef.h>

#include "rawbpf/common.h"

struct rb_logcap {
	char text[32768];	/* "W: msg\n", "I: msg\n", "D: msg\n" ... */
	size_t len;
	int count[3];		/* messages per enum rawbpf_log_level */
};

/* rb_logcap_fn - a rawbpf_log_fn appending to the struct rb_logcap @ctx. */
void rb_logcap_fn(void *ctx, enum rawbpf_log_level level, const char *msg);
/* rb_logcap_start - clear @c and install it as the process's hook up to
 * @max; the hook is removed again at the test's teardown. */
void rb_logcap_start(struct rb_logcap *c, enum rawbpf_log_level max);
/* rb_logcap_has - whether a message of @level containing @needle came. */
int rb_logcap_has(const struct rb_logcap *c, enum rawbpf_log_level level,
		  const char *needle);

#endif
