// SPDX-License-Identifier: BSD-2-Clause
/*
 * tests/nolibc/hook.c - the test hook of lib/sys in the no-libc build: a
 * static program without libc (examples/firmware/start.c is its _start)
 * on rawbpf_nolibc sets rb_sys_set_hook, fails every bpf(2) with -EPERM
 * and loads the firmware example's object. The load must return -EPERM,
 * the hook must have seen the bpf calls (and let none through), and the
 * object's message must name what failed. One line to stdout; exit 0 when
 * all held.
 */
#include <errno.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <rawbpf/object.h>

#include "sys/arch/syscall.h"
#include "sys/raw.h"

extern const unsigned char hook_bpf[];
extern const unsigned long hook_bpf_size;

struct seen {
	int bpf, after_bpf;
};

static int before(void *ctx, const struct rb_sys_call *c, long *ret)
{
	struct seen *s = ctx;

	if (c->kind != RB_SYS_BPF)
		return 0;
	s->bpf++;
	*ret = -EPERM;
	return 1;
}

static void after(void *ctx, const struct rb_sys_call *c, long ret)
{
	struct seen *s = ctx;

	(void)ret;
	if (c->kind == RB_SYS_BPF)
		s->after_bpf++;
}

static void say(const char *s)
{
	long n = 0;

	while (s[n])
		n++;
	rb_arch_syscall6(__NR_write, 1, (long)s, n, 0, 0, 0);
}

static int contains(const char *s, const char *w)
{
	const char *a, *b;

	for (; *s; s++) {
		for (a = s, b = w; *b && *a == *b; a++, b++)
			;
		if (!*b)
			return 1;
	}
	return 0;
}

int fw_main(long *sp)
{
	struct seen seen = { 0, 0 };
	const struct rb_sys_hook hook = { before, after, &seen };
	struct rawbpf_object *obj;
	int err;

	(void)sp;
	if (rawbpf_object_open_mem(hook_bpf, hook_bpf_size, NULL, &obj)) {
		say("nolibc hook: FAILED: open\n");
		return 1;
	}
	rb_sys_set_hook(&hook);
	err = rawbpf_object_load(obj);
	rb_sys_set_hook(NULL);
	if (err != -EPERM || seen.bpf < 1 || seen.after_bpf != 0 ||
	    !contains(rawbpf_object_error(obj), "fw_counts")) {
		say("nolibc hook: FAILED: load did not fail with the hook's -EPERM: ");
		say(rawbpf_object_error(obj));
		say("\n");
		rawbpf_object_close(obj);
		return 1;
	}
	say("nolibc hook: ok: load failed with the hook's -EPERM (");
	say(rawbpf_object_error(obj));
	say(")\n");
	rawbpf_object_close(obj);
	return 0;
}
