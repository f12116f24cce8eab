// SPDX-License-Identifier: BSD-2-Clause
/* object_attach_all.c - rawbpf_object_attach: the programs whose section
 * names a target fire, the others are skipped (bare uprobe/kprobe, xdp,
 * tc), the attachments stay in the object until detach or close, a second
 * call keeps them, and a failure part-way undoes what the call attached
 * and names the program. */
#include <errno.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "fixture.h"
#include "rawbpf/attach.h"
#include "rawbpf/attach_auto.h"
#include "rawbpf/object.h"

static struct rawbpf_object *open_aa(bool with_missing)
{
	struct rawbpf_object *obj = NULL;
	int pid = getpid();

	assert_int_equal(rawbpf_object_open_file(RB_BPF_OBJ("attach_all"), NULL,
						 &obj), 0);
	assert_int_equal(rawbpf_object_set_global(obj, "filter_pid", &pid,
						  sizeof(pid)), 0);
	assert_int_equal(rawbpf_program_set_autoload(
		rawbpf_object_find_program(obj, "aa_missing"), with_missing), 0);
	if (rawbpf_object_load(obj))
		fail_msg("load: %s", rawbpf_object_error(obj));
	return obj;
}

static uint32_t counter(struct rawbpf_object *obj, const char *name)
{
	uint32_t v = 0;

	assert_int_equal(rawbpf_object_get_global(obj, name, &v, sizeof(v)), 0);
	return v;
}

static struct rawbpf_attachment *att(struct rawbpf_object *obj,
				     const char *prog)
{
	return rawbpf_program_attachment(rawbpf_object_find_program(obj, prog));
}

static uint32_t link_id(struct rawbpf_attachment *at)
{
	struct rawbpf_link_info info;

	memset(&info, 0, sizeof(info));
	assert_int_equal(rawbpf_attachment_info(at, &info), 0);
	assert_true(info.id > 0);
	return info.id;
}

static void test_attach_detach(void **state)
{
	struct rawbpf_object *obj;
	struct rawbpf_attachment *tp;
	uint32_t tp_id, raw_id;

	(void)state;
	rb_require_kernel();
	obj = open_aa(false);
	/* before: nothing attached, nothing counted */
	assert_null(att(obj, "aa_tp"));
	syscall(SYS_getppid);
	assert_int_equal(counter(obj, "tp_hits"), 0);
	if (rawbpf_object_attach(obj))
		fail_msg("attach: %s", rawbpf_object_error(obj));
	tp = att(obj, "aa_tp");
	assert_non_null(tp);
	assert_non_null(att(obj, "aa_raw"));
	/* no target in the section: skipped, as libbpf skips them */
	assert_null(att(obj, "aa_bare_uprobe"));
	assert_null(att(obj, "aa_bare_kprobe"));
	assert_null(att(obj, "aa_xdp"));
	assert_null(att(obj, "aa_tc"));
	assert_null(att(obj, "aa_missing"));	/* not loaded */
	syscall(SYS_getppid);
	syscall(SYS_getppid);
	assert_int_equal(counter(obj, "tp_hits"), 2);
	assert_true(counter(obj, "raw_hits") >= 2);
	/* again: the attachments stay the same */
	assert_int_equal(rawbpf_object_attach(obj), 0);
	assert_ptr_equal(att(obj, "aa_tp"), tp);
	tp_id = link_id(tp);
	raw_id = link_id(att(obj, "aa_raw"));
	rawbpf_object_detach(obj);
	assert_null(att(obj, "aa_tp"));
	assert_int_equal(rb_wait_id_gone(rb_link_id_exists, tp_id, 2000), 0);
	assert_int_equal(rb_wait_id_gone(rb_link_id_exists, raw_id, 2000), 0);
	syscall(SYS_getppid);
	assert_int_equal(counter(obj, "tp_hits"), 2);
	/* attach again, and close destroys the attachments */
	assert_int_equal(rawbpf_object_attach(obj), 0);
	syscall(SYS_getppid);
	assert_int_equal(counter(obj, "tp_hits"), 3);
	tp_id = link_id(att(obj, "aa_tp"));
	rawbpf_object_close(obj);
	assert_int_equal(rb_wait_id_gone(rb_link_id_exists, tp_id, 2000), 0);
}

static void test_failure_undoes(void **state)
{
	struct rawbpf_object *obj;
	struct rawbpf_program *p;
	bool tp_first = false;
	uint32_t raw;
	int err;

	(void)state;
	rb_require_kernel();
	obj = open_aa(true);
	/* aa_tp comes before aa_missing, so it was attached when that failed */
	for (p = rawbpf_object_next_program(obj, NULL); p;
	     p = rawbpf_object_next_program(obj, p)) {
		if (!strcmp(rawbpf_program_name(p), "aa_tp"))
			tp_first = true;
		if (!strcmp(rawbpf_program_name(p), "aa_missing"))
			break;
	}
	assert_true(tp_first);
	err = rawbpf_object_attach(obj);
	assert_int_equal(err, -ENOENT);
	assert_non_null(strstr(rawbpf_object_error(obj),
			       "attach program aa_missing (section tp/rawbpf_no_such_category/no_such_event)"));
	assert_null(att(obj, "aa_tp"));
	assert_null(att(obj, "aa_raw"));
	/* aa_raw counted the syscalls made while it was attached, during the
	 * call; after the undo it counts no more */
	raw = counter(obj, "raw_hits");
	assert_true(raw > 0);
	syscall(SYS_getppid);
	syscall(SYS_getppid);
	assert_int_equal(counter(obj, "tp_hits"), 0);
	assert_int_equal(counter(obj, "raw_hits"), raw);
	rawbpf_object_close(obj);
}

static void test_bad_calls(void **state)
{
	struct rawbpf_object *obj = NULL;

	(void)state;
	assert_int_equal(rawbpf_object_attach(NULL), -EINVAL);
	rawbpf_object_detach(NULL);
	assert_null(rawbpf_program_attachment(NULL));
	assert_int_equal(rawbpf_object_open_file(RB_BPF_OBJ("attach_all"), NULL,
						 &obj), 0);
	assert_int_equal(rawbpf_object_attach(obj), -ENOENT);
	assert_non_null(strstr(rawbpf_object_error(obj), "not loaded"));
	rawbpf_object_detach(obj);	/* nothing to do */
	rawbpf_object_close(obj);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_attach_detach, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_failure_undoes, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_bad_calls, rb_fixture_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
