/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * rawbpf/common.h - conventions shared by every rawbpf header: the export
 * macro, the replaceable allocator, the log callback and options sizing.
 *
 * Every function returns >= 0 (an fd or 0) on success and -errno on failure.
 * Nothing in rawbpf prints; messages go to the optional log hook
 * (rawbpf_log_set) or an object's own log callback.
 */
#ifndef RAWBPF_COMMON_H
#define RAWBPF_COMMON_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#ifndef RAWBPF_API
#define RAWBPF_API __attribute__((visibility("default")))
#endif

/*
 * struct rawbpf_allocator - where all of rawbpf's memory comes from.
 * @alloc:  return @size zeroed bytes or NULL.
 * @resize: grow or shrink @ptr from @old_size to @new_size; NULL on failure
 *          (then @ptr is left untouched).
 * @free:   release @ptr of @size bytes (the size helps arena allocators).
 * A NULL allocator pointer anywhere in the API means libc malloc/free.
 */
struct rawbpf_allocator {
	void *(*alloc)(void *ctx, size_t size);
	void *(*resize)(void *ctx, void *ptr, size_t old_size, size_t new_size);
	void (*free)(void *ctx, void *ptr, size_t size);
	void *ctx;
};

/* Severity passed to a log callback. */
enum rawbpf_log_level {
	RAWBPF_LOG_WARN = 0,
	RAWBPF_LOG_INFO = 1,
	RAWBPF_LOG_DEBUG = 2,
};

/* A log callback: receives one complete message without trailing newline. */
typedef void (*rawbpf_log_fn)(void *ctx, enum rawbpf_log_level level,
			      const char *msg);

/*
 * rawbpf_log_set - install the process-wide log hook (libbpf:
 * libbpf_set_print): messages of @max_level and more severe (WARN < INFO <
 * DEBUG) from object open/load and from attach functions go to
 * @fn(@ctx, level, msg); NULL @fn silences the library (the default). An
 * object opened with its own log callback (rawbpf_object_open_opts.log)
 * sends its messages there instead, at every level. Set it before other
 * threads use rawbpf. Returns the previous hook (no kernel call).
 */
RAWBPF_API rawbpf_log_fn rawbpf_log_set(rawbpf_log_fn fn, void *ctx,
					enum rawbpf_log_level max_level);

/*
 * Options structs start with a 'size' member that the caller sets to
 * sizeof(the struct it was compiled against). A library built with a newer
 * header reads only that many bytes; one built with an older header refuses
 * (-E2BIG) a larger struct whose unknown tail is not zero.
 *
 *   RAWBPF_OPTS(rawbpf_sys_map_create_opts, o, .map_flags = BPF_F_NO_PREALLOC);
 */
#define RAWBPF_OPTS(type, name, ...) \
	struct type name = { .size = sizeof(struct type), __VA_ARGS__ }

#ifdef __cplusplus
}
#endif
#endif
