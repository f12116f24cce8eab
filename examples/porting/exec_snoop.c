// SPDX-License-Identifier: BSD-2-Clause
/*
 * exec_snoop.c - a libbpf-bootstrap style tool ported to rawbpf, the user
 * half (docs/porting-from-libbpf.md shows the libbpf original beside it):
 * open the embedded object, set .rodata config, load, attach the
 * tracepoint, poll the ring buffer.
 *
 *   rawbpf-exec-snoop           print every exec until Ctrl-C
 *   rawbpf-exec-snoop --self    run /bin/true as a child, print its exec
 *                               (only children of this process), exit 0
 *                               once seen, 1 after 5 s without
 */
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <rawbpf/attach_auto.h>
#include <rawbpf/object.h>
#include <rawbpf/ringbuf.h>

#include "exec_snoop.h"

extern const unsigned char exec_snoop_bpf[];
extern const unsigned long exec_snoop_bpf_size;

static volatile sig_atomic_t exiting;
static int child = -1;
static bool seen;

static void on_signal(int sig)
{
	(void)sig;
	exiting = 1;
}

static void print_log(void *ctx, enum rawbpf_log_level level, const char *msg)
{
	(void)ctx;
	if (level == RAWBPF_LOG_WARN)
		fprintf(stderr, "rawbpf: %s\n", msg);
}

static int handle_event(void *ctx, const void *data, size_t size)
{
	const struct exec_event *e = data;

	(void)ctx;
	if (size < sizeof(*e))
		return 0;
	printf("exec pid=%d ppid=%d comm=%.*s\n", e->pid, e->ppid,
	       EXEC_SNOOP_COMM_LEN, e->comm);
	fflush(stdout);
	if (e->pid == child)
		seen = true;
	return 0;
}

static int spawn_true(void)
{
	int pid = fork();

	if (pid == 0) {
		execl("/bin/true", "true", (char *)NULL);
		_exit(127);
	}
	return pid;
}

int main(int argc, char **argv)
{
	bool self = argc > 1 && !strcmp(argv[1], "--self");
	struct rawbpf_attachment *link = NULL;
	struct rawbpf_ring_buffer *rb = NULL;
	struct rawbpf_object *obj = NULL;
	char why[256] = "";
	RAWBPF_OPTS(rawbpf_attach_section_opts, ao, .err_msg = why,
		    .err_msg_size = sizeof(why));
	int *parent_tgid, err, polls = 0;
	size_t size;

	rawbpf_log_set(print_log, NULL, RAWBPF_LOG_WARN);
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);

	err = rawbpf_object_open_mem(exec_snoop_bpf, exec_snoop_bpf_size, NULL,
				     &obj);
	if (err) {
		fprintf(stderr, "open: %s\n", strerror(-err));
		return 1;
	}
	/* .rodata holds one int: parent_tgid */
	parent_tgid = rawbpf_object_global_data(obj, ".rodata", &size);
	if (!parent_tgid || size != sizeof(*parent_tgid)) {
		fprintf(stderr, ".rodata is not the one int expected\n");
		goto out;
	}
	*parent_tgid = self ? (int)getpid() : 0;
	err = rawbpf_object_load(obj);
	if (err) {
		fprintf(stderr, "load: %s\n", rawbpf_object_error(obj));
		goto out;
	}
	err = rawbpf_program_attach(rawbpf_object_find_program(obj, "handle_exec"),
				    &ao, &link);
	if (err) {
		fprintf(stderr, "attach: %s\n", why);
		goto out;
	}
	err = rawbpf_ring_buffer_new(rawbpf_map_fd(rawbpf_object_find_map(obj, "events")),
				     handle_event, NULL, NULL, &rb);
	if (err) {
		fprintf(stderr, "ring buffer: %s\n", strerror(-err));
		goto out;
	}
	if (self) {
		child = spawn_true();
		printf("self pid=%d child pid=%d\n", (int)getpid(), child);
	}
	while (!exiting && !seen && (!self || polls++ < 50)) {
		err = rawbpf_ring_buffer_poll(rb, 100);
		if (err < 0 && err != -EINTR)
			break;
	}
	err = self && !seen;
	if (self)
		waitpid(child, NULL, 0);
out:
	rawbpf_ring_buffer_free(rb);
	rawbpf_attachment_destroy(link);
	rawbpf_object_close(obj);
	return err ? 1 : 0;
}
