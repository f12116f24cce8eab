/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * ksym_glob.h - the kernel functions a kprobe.multi pattern names, picked
 * from tracefs' lists of traceable functions (only those: a kprobe_multi
 * link refuses a function ftrace cannot hook). Pure: it parses text the
 * caller read (kprobe_multi.c does the I/O).
 */
#ifndef RB_ATTACH_KSYM_GLOB_H
#define RB_ATTACH_KSYM_GLOB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rawbpf/common.h"

struct rb_ksym_matches {
	const char **names;	/* into the list's buffer; NULL with addrs */
	unsigned long *addrs;	/* from an _addrs list; NULL with names */
	uint32_t cnt;
};

/*
 * rb_ksym_glob - every function in the list @buf (@len bytes; its names
 * are NUL-terminated in place) whose name matches shell pattern @pattern.
 * @with_addrs: @buf is available_filter_functions_addrs ("<hex> name
 * [module]" lines, 6.5): addresses out, sorted, each once; else it is
 * available_filter_functions ("name [module]"): names out, sorted, each
 * once (the kernel resolves a name to one function). ftrace's placeholder
 * entries (__ftrace_invalid_address___*) are left out. 0 (cnt may be 0),
 * -EINVAL naming no line (a line that does not parse), -ENOMEM.
 */
int rb_ksym_glob(char *buf, size_t len, bool with_addrs, const char *pattern,
		 const struct rawbpf_allocator *a, struct rb_ksym_matches *m);
/* rb_ksym_matches_free - release @m's array and zero it. */
void rb_ksym_matches_free(const struct rawbpf_allocator *a,
			  struct rb_ksym_matches *m);

#endif
