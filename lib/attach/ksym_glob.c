// SPDX-License-Identifier: BSD-2-Clause
/* ksym_glob.c - match a kprobe.multi pattern against tracefs' traceable
 * function lists (see ksym_glob.h). Pure: no syscalls. */
#include <errno.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include "attach/ksym_glob.h"
#include "core/log.h"
#include "core/mem.h"
#include "core/parse_int.h"

/* ftrace lists a function whose address it could not resolve under this
 * name (with a number after it): no kernel attaches to it */
#define FTRACE_INVALID "__ftrace_invalid_address__"

static int cmp_name(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

static int cmp_addr(const void *x, const void *y)
{
	unsigned long a = *(const unsigned long *)x, b = *(const unsigned long *)y;

	return a < b ? -1 : a > b;
}

/* grow the output arrays by one entry's room */
static int reserve(const struct rawbpf_allocator *a, struct rb_ksym_matches *m,
		   uint32_t *cap, bool with_addrs)
{
	void **arr = with_addrs ? (void **)&m->addrs : (void **)&m->names;
	size_t elem = with_addrs ? sizeof(*m->addrs) : sizeof(*m->names);
	uint32_t ncap;
	void *n;

	if (m->cnt < *cap)
		return 0;
	ncap = *cap ? *cap * 2 : 64;
	n = rb_resize(a, *arr, (size_t)ncap * elem);
	if (!n)
		return -ENOMEM;
	*arr = n;
	*cap = ncap;
	return 0;
}

/* one line [s, e): "<hex> name [module]" or "name [module]" */
static int one_line(char *s, char *e, bool with_addrs, const char *pattern,
		    const struct rawbpf_allocator *a, struct rb_ksym_matches *m,
		    uint32_t *cap, uint32_t line)
{
	uint64_t addr = 0;
	char *name = s, *end;
	int err;

	if (with_addrs) {
		char *sp = memchr(s, ' ', (size_t)(e - s));
		char hex[2 + 16];

		if (!sp || sp == s || (size_t)(sp - s) > 16)
			goto bad;
		memcpy(hex, "0x", 2);
		memcpy(hex + 2, s, (size_t)(sp - s));
		if (rb_parse_u64(hex, (size_t)(sp - s) + 2, &addr) ||
		    addr != (unsigned long)addr)
			goto bad;
		name = sp + 1;
	}
	for (end = name; end < e && *end != ' ' && *end != '\t'; end++)
		;
	if (end == name)
		goto bad;
	*end = '\0';
	if (!strncmp(name, FTRACE_INVALID, sizeof(FTRACE_INVALID) - 1) ||
	    fnmatch(pattern, name, 0))
		return 0;
	err = reserve(a, m, cap, with_addrs);
	if (err)
		return err;
	if (with_addrs)
		m->addrs[m->cnt++] = (unsigned long)addr;
	else
		m->names[m->cnt++] = name;
	return 0;
bad:
	return rb_attach_fail(-EINVAL, "kprobe.multi: line %u of the traceable function list does not parse",
			      line);
}

int rb_ksym_glob(char *buf, size_t len, bool with_addrs, const char *pattern,
		 const struct rawbpf_allocator *a, struct rb_ksym_matches *m)
{
	char *s = buf, *end = buf + len;
	uint32_t cap = 0, line = 0, i, n;
	int err = 0;

	memset(m, 0, sizeof(*m));
	if (!pattern || !*pattern)
		return -EINVAL;
	while (!err && s < end) {
		char *nl = memchr(s, '\n', (size_t)(end - s));

		if (!nl)
			nl = end;
		line++;
		if (nl > s)
			err = one_line(s, nl, with_addrs, pattern, a, m, &cap, line);
		s = nl + 1;
	}
	if (err) {
		rb_ksym_matches_free(a, m);
		return err;
	}
	if (m->cnt < 2)
		return 0;
	if (with_addrs) {
		qsort(m->addrs, m->cnt, sizeof(*m->addrs), cmp_addr);
		for (i = 1, n = 1; i < m->cnt; i++)
			if (m->addrs[i] != m->addrs[n - 1])
				m->addrs[n++] = m->addrs[i];
	} else {
		qsort(m->names, m->cnt, sizeof(*m->names), cmp_name);
		for (i = 1, n = 1; i < m->cnt; i++)
			if (strcmp(m->names[i], m->names[n - 1]))
				m->names[n++] = m->names[i];
	}
	m->cnt = n;
	return 0;
}

void rb_ksym_matches_free(const struct rawbpf_allocator *a,
			  struct rb_ksym_matches *m)
{
	rb_free(a, m->names);
	rb_free(a, m->addrs);
	memset(m, 0, sizeof(*m));
}
