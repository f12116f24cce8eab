// SPDX-License-Identifier: BSD-2-Clause
/* attach_iter.c - an iter/task program (raw instructions, its BTF ids from
 * the running kernel's BTF via lib/btf) prints every task's tgid; the text
 * read through ITER_CREATE contains the test's pid, and with the task
 * target parameter (6.1) only the test's own tasks appear. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kernel_features.h"
#include "fixture.h"
#include "vmlinux_btf.h"
#include "rawbpf/attach_trace.h"
#include "rawbpf/sys.h"
#include "btf/btf.h"

/* Offset of task_struct.tgid in this kernel. */
static int tgid_offset(void)
{
	size_t size;
	void *blob = rb_read_file("/sys/kernel/btf/vmlinux", &size);
	struct rb_btf *btf = NULL;
	int id, m, off = -ENOENT;

	if (!blob || rb_btf_parse(blob, size, 0, NULL, &btf, NULL)) {
		free(blob);
		return -EINVAL;
	}
	id = rb_btf_find(btf, "task_struct", RB_BTF_KIND_STRUCT);
	m = id > 0 ? rb_btf_member_by_name(btf, (uint32_t)id, "tgid") : -ENOENT;
	if (m >= 0)
		off = (int)(rb_btf_member_bit_offset(rb_btf_type_by_id(btf, (uint32_t)id),
						     (unsigned)m) / 8);
	rb_btf_free(btf);
	free(blob);
	return off;
}

/* A read-only map holding the bpf_seq_printf format. */
static int fmt_map(void)
{
	RAWBPF_OPTS(rawbpf_sys_map_create_opts, o, .map_flags = BPF_F_RDONLY_PROG);
	char fmt[8] = "%d\n";
	uint32_t key = 0;
	int fd = rawbpf_sys_map_create(BPF_MAP_TYPE_ARRAY, "rb_fmt", 4, sizeof(fmt),
				   1, &o);

	assert_true(fd > 2);
	assert_int_equal(rawbpf_sys_map_update_elem(fd, &key, fmt, BPF_ANY), 0);
	assert_int_equal(rawbpf_sys_map_freeze(fd), 0);
	return fd;
}

static int task_iter_prog(int fmt_fd)
{
	int btf_id = rb_vmlinux_btf_id("bpf_iter_task", 12);
	int tgid = tgid_offset();
	struct bpf_insn insns[] = {
		RB_INSN(BPF_LDX | BPF_MEM | BPF_DW, 6, 1, 0, 0),	/* meta */
		RB_INSN(BPF_LDX | BPF_MEM | BPF_DW, 7, 1, 8, 0),	/* task */
		RB_INSN(BPF_JMP | BPF_JEQ | BPF_K, 7, 0, 10, 0),
		RB_INSN(BPF_LDX | BPF_MEM | BPF_W, 1, 7, (int16_t)tgid, 0),
		RB_INSN(BPF_STX | BPF_MEM | BPF_DW, 10, 1, -8, 0),
		RB_INSN(BPF_LDX | BPF_MEM | BPF_DW, 1, 6, 0, 0),	/* seq */
		RB_INSN(BPF_LD | BPF_DW | BPF_IMM, 2, BPF_PSEUDO_MAP_VALUE, 0, fmt_fd),
		RB_INSN(0, 0, 0, 0, 0),
		RB_INSN(BPF_ALU64 | BPF_MOV | BPF_K, 3, 0, 0, 4),
		RB_INSN(BPF_ALU64 | BPF_MOV | BPF_X, 4, 10, 0, 0),
		RB_INSN(BPF_ALU64 | BPF_ADD | BPF_K, 4, 0, 0, -8),
		RB_INSN(BPF_ALU64 | BPF_MOV | BPF_K, 5, 0, 0, 8),
		RB_INSN(BPF_JMP | BPF_CALL, 0, 0, 0, BPF_FUNC_seq_printf),
		RB_INSN(BPF_ALU64 | BPF_MOV | BPF_K, 0, 0, 0, 0),
		RB_INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0),
	};
	RAWBPF_OPTS(rawbpf_sys_prog_load_opts, o,
		    .expected_attach_type = BPF_TRACE_ITER);
	int fd;

	assert_true(btf_id > 0);
	assert_true(tgid > 0);
	o.attach_btf_id = (uint32_t)btf_id;
	fd = rawbpf_sys_prog_load(BPF_PROG_TYPE_TRACING, "rb_iter_task", "GPL",
			      insns, sizeof(insns) / sizeof(insns[0]), &o);
	assert_true(fd > 2);
	return fd;
}

/* Count lines of @text equal to @pid; *@others gets the rest. */
static int count_pid_lines(const char *text, int pid, int *others)
{
	int mine = 0;

	*others = 0;
	for (const char *p = text; *p;) {
		const char *nl = strchr(p, '\n');

		if (atoi(p) == pid)
			mine++;
		else
			(*others)++;
		if (!nl)
			break;
		p = nl + 1;
	}
	return mine;
}

static void test_iter_task_all(void **state)
{
	struct rawbpf_attachment *at = NULL;
	struct rawbpf_link_info info;
	char *text = NULL;
	size_t len = 0;
	int fmt, prog, others;

	(void)state;
	rb_need(RB_FEAT_KERNEL_BTF);
	rb_require_kernel();
	fmt = fmt_map();
	prog = task_iter_prog(fmt);
	assert_int_equal(rawbpf_attach_iter(prog, NULL, &at), 0);
	memset(&info, 0, sizeof(info));
	assert_int_equal(rawbpf_attachment_info(at, &info), 0);
	assert_int_equal(info.type, BPF_LINK_TYPE_ITER);
	assert_int_equal(rawbpf_iter_read(at, &text, &len), 0);
	assert_int_equal(strlen(text), len);
	assert_true(count_pid_lines(text, getpid(), &others) >= 1);
	assert_true(others > 1);	/* init and kernel threads at least */
	rawbpf_iter_text_free(at, text);
	/* each ITER_CREATE runs it afresh */
	assert_int_equal(rawbpf_iter_read(at, &text, &len), 0);
	assert_true(count_pid_lines(text, getpid(), &others) >= 1);
	rawbpf_iter_text_free(at, text);
	rawbpf_attachment_destroy(at);
	close(prog);
	close(fmt);
}

static void test_iter_task_one_pid(void **state)
{
	RAWBPF_OPTS(rawbpf_attach_iter_opts, o, .pid = (uint32_t)getpid());
	struct rawbpf_attachment *at = NULL;
	char *text = NULL;
	size_t len = 0;
	int fmt, prog, others;

	(void)state;
	rb_need(RB_FEAT_KERNEL_BTF);
	rb_require_kernel();
	fmt = fmt_map();
	prog = task_iter_prog(fmt);
	assert_int_equal(rawbpf_attach_iter(prog, &o, &at), 0);
	assert_int_equal(rawbpf_iter_read(at, &text, &len), 0);
	assert_int_equal(count_pid_lines(text, getpid(), &others), 1);
	assert_int_equal(others, 0);
	rawbpf_iter_text_free(at, text);
	rawbpf_attachment_destroy(at);
	close(prog);
	close(fmt);
}

static void test_iter_errors(void **state)
{
	struct rawbpf_attachment *at = NULL;
	int fmt, prog, sock;

	(void)state;
	rb_need(RB_FEAT_KERNEL_BTF);
	rb_require_kernel();
	fmt = fmt_map();
	prog = task_iter_prog(fmt);
	/* two task parameters at once: the kernel refuses */
	{
		RAWBPF_OPTS(rawbpf_attach_iter_opts, o, .tid = 1, .pid = 1);
		assert_int_equal(rawbpf_attach_iter(prog, &o, &at), -EINVAL);
	}
	/* not an iterator program */
	sock = rawbpf_sys_map_create(BPF_MAP_TYPE_ARRAY, NULL, 4, 4, 1, NULL);
	assert_true(sock > 2);
	assert_int_equal(rawbpf_attach_iter(sock, NULL, &at), -EINVAL);
	assert_null(at);
	close(sock);
	close(prog);
	close(fmt);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_iter_task_all, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_iter_task_one_pid, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_iter_errors, rb_fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
