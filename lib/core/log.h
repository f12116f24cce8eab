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

/*
 * RAWBPF_NO_MESSAGES (cmake -DRAWBPF_WITH_MESSAGES=OFF): a firmware build
 * without message texts. Every message call becomes its _at form, which
 * says only the error's name and where it was found ("invalid argument
 * (EINVAL) at maps_btf.c:212"); warnings, info and debug lines go. The dead
 * "0 ?" branch keeps the arguments type-checked and used; the compiler
 * never emits it, its strings or its formatting. Return values are the
 * same in both builds.
 */
/* rb_log_str - pass @msg as is to the hook, if it takes @level. */
void rb_log_str(enum rawbpf_log_level level, const char *msg);
/* rb_msg_at - "<error text> at <file>:<line>" into @buf; returns @err. */
int rb_msg_at(char *buf, unsigned int size, int err, const char *file, int line);
int rb_attach_fail_at(int err, const char *file, int line);
int rb_log_refusal_at(rawbpf_log_fn fn, void *ctx, int err, const char *file,
		      int line);
#ifdef RAWBPF_NO_MESSAGES
#ifndef __FILE_NAME__
#define __FILE_NAME__ "rawbpf"
#endif
#define RB_AT __FILE_NAME__, __LINE__
#define rb_log(level, ...) ((void)(0 ? rb_log(level, __VA_ARGS__) : (void)0))
#define rb_attach_fail(err, ...) \
	(0 ? rb_attach_fail(err, __VA_ARGS__) : rb_attach_fail_at(err, RB_AT))
#define rb_log_refusal(fn, ctx, err, ...) \
	(0 ? rb_log_refusal(fn, ctx, err, __VA_ARGS__) : \
	 rb_log_refusal_at(fn, ctx, err, RB_AT))
#endif

#endif
