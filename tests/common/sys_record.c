// SPDX-License-Identifier: BSD-2-Clause
/* sys_record.c - the bpf(2) recorder for unit tests; see sys_record.h. */
#include <string.h>

#include "fixture.h"
#include "sys/raw.h"
#include "sys_view.h"
#include "sys_record.h"


static int rec_before(void *ctx, const struct rb_sys_call *call, long *ret)
{
	int cmd = (int)rb_call_op(call);
	void *attr = rb_call_buf(call);
	unsigned int size = (unsigned int)rb_call_size(call);
	struct rb_rec *r = ctx;
	struct rb_rec_call *c;
	int i = r->ncalls;

	if (call->kind != RB_SYS_BPF)
		return 0;

	if (i >= RB_REC_MAX_CALLS)
		fail_msg("more than %d bpf() calls", RB_REC_MAX_CALLS);
	c = &r->calls[i];
	c->cmd = cmd;
	c->size = size;
	memset(c->attr.bytes, 0, sizeof(c->attr.bytes));
	memcpy(c->attr.bytes, attr, size < RB_REC_ATTR_MAX ? size : RB_REC_ATTR_MAX);
	r->ncalls++;
	*ret = i < r->nrets ? r->rets[i] : r->ret_default;
	if (r->kernel)
		*ret = r->kernel(r, i, cmd, attr, size);
	return 1;
}

static struct rb_sys_hook rec_hook = { .before = rec_before };

void rb_rec_start(struct rb_rec *r)
{
	memset(r, 0, sizeof(*r));
	rec_hook.ctx = r;
	rb_sys_set_hook(&rec_hook);
}

void rb_rec_stop(void)
{
	rb_sys_set_hook(NULL);
}

int rb_rec_teardown(void **state)
{
	(void)state;
	rb_rec_stop();
	return 0;
}

void rb_rec_script(struct rb_rec *r, int n, const long *rets)
{
	memcpy(r->rets + r->nrets, rets, (size_t)n * sizeof(*rets));
	r->nrets += n;
}

void rb_rec_expect_(const struct rb_rec *r, int i, int cmd, const void *expect,
		    size_t expect_size, unsigned int size, const char *file,
		    int line)
{
	const struct rb_rec_call *c;
	unsigned int k;

	if (i >= r->ncalls)
		fail_msg("%s:%d: call %d not made (%d calls)", file, line, i,
			 r->ncalls);
	c = &r->calls[i];
	if (c->cmd != cmd || c->size != size)
		fail_msg("%s:%d: call %d: cmd %d size %u, expected cmd %d size %u",
			 file, line, i, c->cmd, c->size, cmd, size);
	if (size > expect_size)
		fail_msg("%s:%d: size %u beyond the expected struct", file,
			 line, size);
	for (k = 0; k < size; k++)
		if (c->attr.bytes[k] != ((const unsigned char *)expect)[k])
			fail_msg("%s:%d: call %d: attr byte %u is 0x%02x, expected 0x%02x",
				 file, line, i, k, c->attr.bytes[k],
				 ((const unsigned char *)expect)[k]);
}
