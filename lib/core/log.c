// SPDX-License-Identifier: BSD-2-Clause
/* log.c - the process-wide log hook: one function pointer, its context
 * and the most verbose level it takes. Nothing is formatted unless the
 * hook wants the level; without a hook the library stays silent. Also
 * the last attach failure message of each thread (auto-attach reads it). */
#include <stdio.h>

#include "core/errname.h"
#include "core/log.h"

/* Per thread: attach functions have no object to keep a message in. The
 * no-libc build has no thread-local storage (that is libc's: the TLS
 * block, __tls_get_addr), so there the message is per process: a
 * firmware that attaches from several threads at once may read another
 * thread's words in auto-attach's err_msg (the return code stays its
 * own). */
#ifdef RAWBPF_NOLIBC
#define RB_THREAD_LOCAL
#else
#define RB_THREAD_LOCAL _Thread_local
#endif
static RB_THREAD_LOCAL char attach_msg[384];

static rawbpf_log_fn hook_fn;
static void *hook_ctx;
static enum rawbpf_log_level hook_max = RAWBPF_LOG_INFO;

rawbpf_log_fn rawbpf_log_set(rawbpf_log_fn fn, void *ctx,
			     enum rawbpf_log_level max_level)
{
	rawbpf_log_fn old = hook_fn;

	hook_fn = fn;
	hook_ctx = ctx;
	hook_max = max_level;
	return old;
}

bool rb_log_wanted(enum rawbpf_log_level level)
{
	return hook_fn && level <= hook_max;
}

void rb_vlog(enum rawbpf_log_level level, const char *fmt, va_list ap)
{
	char msg[512];

	if (!rb_log_wanted(level))
		return;
	vsnprintf(msg, sizeof(msg), fmt, ap);
	hook_fn(hook_ctx, level, msg);
}

int (rb_log_refusal)(rawbpf_log_fn fn, void *ctx, int err, const char *fmt, ...)
{
	char msg[400];
	va_list ap;

	if (fn) {
		va_start(ap, fmt);
		vsnprintf(msg, sizeof(msg), fmt, ap);
		va_end(ap);
		fn(ctx, RAWBPF_LOG_WARN, msg);
	}
	return err;
}

void (rb_log)(enum rawbpf_log_level level, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	rb_vlog(level, fmt, ap);
	va_end(ap);
}

int (rb_attach_fail)(int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(attach_msg, sizeof(attach_msg), fmt, ap);
	va_end(ap);
	rb_log_str(RAWBPF_LOG_WARN, attach_msg);
	return err;
}

void rb_log_str(enum rawbpf_log_level level, const char *msg)
{
	if (rb_log_wanted(level))
		hook_fn(hook_ctx, level, msg);
}

int rb_msg_at(char *buf, unsigned int size, int err, const char *file, int line)
{
	snprintf(buf, size, "%s at %s:%d", RB_ERRSTR(err), file, line);
	return err;
}

int rb_attach_fail_at(int err, const char *file, int line)
{
	rb_msg_at(attach_msg, sizeof(attach_msg), err, file, line);
	rb_log_str(RAWBPF_LOG_WARN, attach_msg);
	return err;
}

int rb_log_refusal_at(rawbpf_log_fn fn, void *ctx, int err, const char *file,
		      int line)
{
	char msg[96];

	if (fn) {
		rb_msg_at(msg, sizeof(msg), err, file, line);
		fn(ctx, RAWBPF_LOG_WARN, msg);
	}
	return err;
}

const char *rb_attach_msg(void)
{
	return attach_msg;
}

void rb_attach_msg_clear(void)
{
	attach_msg[0] = '\0';
}
