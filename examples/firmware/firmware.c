// SPDX-License-Identifier: BSD-2-Clause
/*
 * firmware.c - a firmware-style rawbpf program: static, no libc at all
 * (start.c is its entry point; the library is the no-libc build, see
 * lib/nolibc.cmake). It loads the BPF object built into it, attaches
 * count_getpid to the syscalls:sys_enter_getpid tracepoint as a bpf_link,
 * calls getpid() FW_CALLS times, checks the count in the map, pins the
 * link in bpffs (mounting bpffs, and tracefs, where they are not), checks
 * the pin, and writes one line of result to stdout with a raw write().
 *
 *   rawbpf-firmware [--keep] [BPFFS_DIR]
 *
 * The pin is <BPFFS_DIR>/rawbpf_firmware_<pid> (BPFFS_DIR: /sys/fs/bpf).
 * Without --keep it is removed before exit, and the link ends with the
 * program; with --keep it stays, and the link keeps counting after exit,
 * as firmware would leave it. Exit status 0 when every step worked.
 */
#include <stdint.h>
#include <rawbpf/attach.h>
#include <rawbpf/attach_trace.h>
#include <rawbpf/object.h>
#include <rawbpf/pin.h>
#include <rawbpf/sys.h>

/* exit, write, getpid, mount: the only system calls made here, through
 * the same inline-asm header as the library's. */
#include <sys/syscall.h>
#include "sys/arch/syscall.h"

#define FW_CALLS 5

extern const unsigned char firmware_bpf[];
extern const unsigned long firmware_bpf_size;

/* The result line, built without snprintf. */
struct line {
	char buf[512];
	unsigned int len;
};

static void add(struct line *l, const char *s)
{
	while (*s && l->len < sizeof(l->buf) - 1)
		l->buf[l->len++] = *s++;
}

static void add_num(struct line *l, long v)
{
	char tmp[24];
	unsigned long u = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;
	int n = 0;

	if (v < 0)
		add(l, "-");
	do
		tmp[n++] = (char)('0' + u % 10);
	while (u /= 10);
	while (n && l->len < sizeof(l->buf) - 1)
		l->buf[l->len++] = tmp[--n];
}

static void print(struct line *l)
{
	l->buf[l->len++] = '\n';
	rb_arch_syscall6(__NR_write, 1, (long)l->buf, l->len, 0, 0, 0);
}

/* Report failure at @step with @err (-errno) and @why, and return 1. */
static int fail(const char *step, long err, const char *why)
{
	struct line l = { .len = 0 };

	add(&l, "rawbpf-firmware: FAILED at ");
	add(&l, step);
	add(&l, ": error ");
	add_num(&l, err);
	if (why && *why) {
		add(&l, " (");
		add(&l, why);
		add(&l, ")");
	}
	print(&l);
	return 1;
}

static int streq(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

/* Attach @fd to syscalls:sys_enter_getpid as a link; tracefs mounted at
 * /sys/kernel/tracing when it is nowhere (the library never mounts). */
static int attach(int fd, struct rawbpf_attachment **at)
{
	struct rawbpf_attach_tracepoint_opts o = {
		.size = sizeof(o), .mode = RAWBPF_ATTACH_MODE_LINK,
	};
	int err = rawbpf_attach_tracepoint(fd, "syscalls", "sys_enter_getpid",
					   &o, at);

	if (err != -2 /* ENOENT: maybe no tracefs */)
		return err;
	if (rb_arch_syscall6(__NR_mount, (long)"tracefs",
			     (long)"/sys/kernel/tracing", (long)"tracefs", 0, 0,
			     0) < 0)
		return err;
	return rawbpf_attach_tracepoint(fd, "syscalls", "sys_enter_getpid", &o,
					at);
}

/* The loaded object's steps after load; 0 or 1 (reported). */
static int run(struct rawbpf_object *obj, const char *dir, int keep)
{
	struct rawbpf_program *prog = rawbpf_object_find_program(obj, "count_getpid");
	struct rawbpf_map *map = rawbpf_object_find_map(obj, "fw_counts");
	struct rawbpf_attachment *at = NULL;
	long pid = rb_arch_syscall6(__NR_getpid, 0, 0, 0, 0, 0, 0);
	uint32_t key = 0;
	uint64_t val = (uint64_t)pid;
	struct line path = { .len = 0 }, l = { .len = 0 };
	int err, i, ret = 1;

	if (!prog || !map)
		return fail("find", -2, "count_getpid or fw_counts missing");
	err = rawbpf_sys_map_update_elem(rawbpf_map_fd(map), &key, &val, 0);
	if (err)
		return fail("map update", err, NULL);
	err = attach(rawbpf_program_fd(prog), &at);
	if (err)
		return fail("attach tracepoint syscalls:sys_enter_getpid", err,
			    NULL);
	for (i = 0; i < FW_CALLS; i++)
		rb_arch_syscall6(__NR_getpid, 0, 0, 0, 0, 0, 0);
	key = 1;
	err = rawbpf_sys_map_lookup_elem(rawbpf_map_fd(map), &key, &val);
	if (err || val != FW_CALLS) {
		fail("count", err ? err : (long)val, "hits, expected 5");
		goto out;
	}
	/* bpffs: mounted here if the directory holds none */
	if (rawbpf_bpffs_detect(dir) != 1) {
		err = rawbpf_bpffs_mount(dir);
		if (err) {
			fail("mount bpffs", err, dir);
			goto out;
		}
	}
	add(&path, dir);
	add(&path, "/rawbpf_firmware_");
	add_num(&path, pid);
	path.buf[path.len] = '\0';
	err = rawbpf_attachment_pin(at, path.buf);
	if (err) {
		fail("pin link", err, path.buf);
		goto out;
	}
	err = rawbpf_bpffs_type(path.buf);
	if (err != RAWBPF_FD_LINK) {
		fail("pinned object is a link", err, path.buf);
		rawbpf_attachment_unpin(at);
		goto out;
	}
	if (keep) {
		rawbpf_attachment_disown(at);
	} else if ((err = rawbpf_attachment_unpin(at))) {
		fail("unpin", err, path.buf);
		goto out;
	}
	add(&l, "rawbpf-firmware: ok: getpid hits ");
	add_num(&l, (long)val);
	add(&l, "/" );
	add_num(&l, FW_CALLS);
	add(&l, ", link pinned at ");
	add(&l, path.buf);
	add(&l, keep ? " (kept)" : " (removed)");
	print(&l);
	ret = 0;
out:
	rawbpf_attachment_destroy(at);
	return ret;
}

/* Called by _start with the initial stack: argc, then argv. */
int fw_main(long *sp)
{
	int argc = (int)sp[0];
	char **argv = (char **)(sp + 1);
	const char *dir = "/sys/fs/bpf";
	struct rawbpf_object *obj;
	int err, keep = 0, i, ret;

	for (i = 1; i < argc; i++) {
		if (streq(argv[i], "--keep"))
			keep = 1;
		else
			dir = argv[i];
	}
	err = rawbpf_object_open_mem(firmware_bpf, firmware_bpf_size, NULL,
				     &obj);
	if (err)
		return fail("open", err, NULL);
	err = rawbpf_object_load(obj);
	if (err) {
		ret = fail("load", err, rawbpf_object_error(obj));
		rawbpf_object_close(obj);
		return ret;
	}
	ret = run(obj, dir, keep);
	rawbpf_object_close(obj);
	return ret;
}
