/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * log.h - the process-wide log hook (rawbpf_log_set): the only way the
 * library says anything besides return values. Internal to rawbpf.
 */
#ifndef RB_CORE_LOG_H
#define RB_CORE_LOG_H

#include <stdarg.h>
#include <stdbool.h>

#include "rawbpf/common.h"

/* rb_log_wanted - whether the hook takes messages of @level. */
bool rb_log_wanted(enum rawbpf_log_level level);
/* rb_log - format and pass one message to the hook, if it takes @level. */
void rb_log(enum rawbpf_log_level level, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* rb_vlog - rb_log with a va_list. */
void rb_vlog(enum rawbpf_log_level level, const char *fmt, va_list ap);
/* rb_log_refusal - format a message for a caller's own log callback @fn
 * (options' log/log_ctx; none: nothing) at warn, and return @err. */
int rb_log_refusal(rawbpf_log_fn fn, void *ctx, int err, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/*
 * rb_attach_fail - an attach function's failure: keep the message as this
 * thread's last attach message (auto-attach copies it into err_msg), pass
 * it to the hook at warn, and return @err. In the no-libc build (no TLS)
 * the message is per process.
 */
int rb_attach_fail(int err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* rb_attach_msg - this thread's last attach message, "" after clear. */
const char *rb_attach_msg(void);
/* rb_attach_msg_clear - forget it (at the start of an attach). */
void rb_attach_msg_clear(void);

#endif
