// SPDX-License-Identifier: BSD-2-Clause
/* messages_off.c - the message calls as a RAWBPF_WITH_MESSAGES=OFF build
 * compiles them (this file defines RAWBPF_NO_MESSAGES itself; the
 * library's _at functions are the same in both builds): each failure
 * still returns its error and says its name and place; warnings and
 * debug messages say nothing; the texts' arguments are not evaluated. */
#define RAWBPF_NO_MESSAGES 1

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "fixture.h"
#include "btf/btf.h"
#include "core/log.h"
#include "object/object.h"

struct heard {
	int calls;
	enum rawbpf_log_level level;
	char msg[256];
};

static void hear(void *ctx, enum rawbpf_log_level level, const char *msg)
{
	struct heard *h = ctx;

	h->calls++;
	h->level = level;
	snprintf(h->msg, sizeof(h->msg), "%s", msg);
}

/* "<text> (<NAME>) at messages_off.c:<line>" */
static void assert_at(const char *got, const char *err, int line)
{
	char want[128];

	snprintf(want, sizeof(want), "%s at messages_off.c:%d", err, line);
	assert_string_equal(got, want);
}

static void test_object(void **state)
{
	static struct rawbpf_object obj;
	struct heard h = { 0 };
	int n = 0, line;

	(void)state;
	memset(&obj, 0, sizeof(obj));
	line = __LINE__ + 1;
	assert_int_equal(rb_obj_err(&obj, -EINVAL, "never %d", n++), -EINVAL);
	assert_at(obj.err, "invalid argument (EINVAL)", line);
	assert_int_equal(n, 0);	/* the text's arguments are not evaluated */
	/* the object's own log callback hears the short form */
	obj.log = hear;
	obj.log_ctx = &h;
	line = __LINE__ + 1;
	assert_int_equal(rb_obj_err(&obj, -E2BIG, "never"), -E2BIG);
	assert_int_equal(h.calls, 1);
	assert_int_equal(h.level, RAWBPF_LOG_WARN);
	assert_at(h.msg, "too big (E2BIG)", line);
	/* warnings and debug lines are gone */
	rb_obj_log(&obj, RAWBPF_LOG_WARN, "never %d", n++);
	assert_int_equal(h.calls, 1);
	assert_int_equal(n, 0);
}

static void test_btf_error(void **state)
{
	struct rb_btf_error e = { 0 };
	int line;

	(void)state;
	line = __LINE__ + 1;
	assert_int_equal(rb_btf_set_error(&e, -EINVAL, RB_BTF_ERR_MAGIC, 7, "never"),
			 -EINVAL);
	assert_int_equal(e.reason, RB_BTF_ERR_MAGIC);
	assert_int_equal(e.type_id, 7);
	assert_at(e.msg, "invalid argument (EINVAL)", line);
	/* no error struct: only the return value */
	assert_int_equal(rb_btf_set_error(NULL, -ENOENT, RB_BTF_ERR_MAGIC, 0, "x"),
			 -ENOENT);
}

static void test_hook(void **state)
{
	struct heard h = { 0 }, r = { 0 };
	rawbpf_log_fn old;
	int line;

	(void)state;
	old = rawbpf_log_set(hear, &h, RAWBPF_LOG_DEBUG);
	rb_log(RAWBPF_LOG_WARN, "never");
	assert_int_equal(h.calls, 0);
	line = __LINE__ + 1;
	assert_int_equal(rb_attach_fail(-ENOENT, "never %s", "this"), -ENOENT);
	assert_at(rb_attach_msg(), "no such entry (ENOENT)", line);
	assert_int_equal(h.calls, 1);
	assert_string_equal(h.msg, rb_attach_msg());
	line = __LINE__ + 1;
	assert_int_equal(rb_log_refusal(hear, &r, -EPERM, "never"), -EPERM);
	assert_int_equal(r.calls, 1);
	assert_at(r.msg, "not permitted (EPERM)", line);
	assert_int_equal(rb_log_refusal(NULL, NULL, -EPERM, "never"), -EPERM);
	rb_attach_msg_clear();
	rawbpf_log_set(old, NULL, RAWBPF_LOG_INFO);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_object),
		cmocka_unit_test(test_btf_error),
		cmocka_unit_test(test_hook),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
