/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * sys_record.h - a bpf(2) recorder for unit tests: installs the choke
 * point's test hook (lib/sys/raw.h), swallows every call, keeps the
 * command, the size and the attr bytes the wrapper sent, and answers from
 * a script of return values (or a callback that plays the kernel).
 */
#ifndef RB_TEST_SYS_RECORD_H
#define RB_TEST_SYS_RECORD_H

#include <stdint.h>

#define RB_REC_MAX_CALLS 32
#define RB_REC_ATTR_MAX 256

struct rb_rec_call {
	int cmd;
	unsigned int size;
	union {
		unsigned char bytes[RB_REC_ATTR_MAX];
		uint64_t align;
	} attr;
};

struct rb_rec {
	struct rb_rec_call calls[RB_REC_MAX_CALLS];
	int ncalls;
	long rets[RB_REC_MAX_CALLS];	/* answer to call i (0 past nrets) */
	int nrets;
	long ret_default;		/* answer once the script ran out */
	/* Optional: play the kernel on call @i (may write into @attr);
	 * returns the answer, overriding the script. */
	long (*kernel)(struct rb_rec *r, int i, int cmd, void *attr,
		       unsigned int size);
	void *ctx;
};

/* rb_rec_start - reset @r and route every bpf(2) into it. */
void rb_rec_start(struct rb_rec *r);
/* rb_rec_stop - remove the hook (also a cmocka teardown: rb_rec_teardown). */
void rb_rec_stop(void);
int rb_rec_teardown(void **state);
/* rb_rec_script - answers for the next calls, in order. */
void rb_rec_script(struct rb_rec *r, int n, const long *rets);

/* RB_REC_ATTR - call @i's attr bytes seen as struct @T. */
#define RB_REC_ATTR(r, i, T) ((const struct T *)(r)->calls[i].attr.bytes)

/*
 * rb_rec_expect - assert call @i was @cmd with @size bytes equal to
 * @expect (a struct built by the test, zero except what must be set).
 */
#define rb_rec_expect(r, i, cmd, expect, size) \
	rb_rec_expect_(r, i, cmd, expect, sizeof(*(expect)), size, __FILE__, __LINE__)
void rb_rec_expect_(const struct rb_rec *r, int i, int cmd, const void *expect,
		    size_t expect_size, unsigned int size, const char *file,
		    int line);

#endif
