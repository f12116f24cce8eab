// SPDX-License-Identifier: BSD-2-Clause
/* api_null_handles.c - every public function that takes an object,
 * program, map, attachment or buffer handle answers a NULL handle with an
 * error (-EINVAL), NULL, 0 or "" and never crashes: a misspelt
 * find_program/find_map name must not be a segfault. A second test reads
 * the public headers and fails when a handle function is not called here,
 * so a new accessor cannot skip the rule. */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "rawbpf/attach_auto.h"
#include "rawbpf/attach_usdt.h"
#include "rawbpf/attach_trace.h"
#include "rawbpf/object.h"
#include "rawbpf/perfbuf.h"
#include "rawbpf/ringbuf.h"

static void test_object_null(void **state)
{
	size_t size = 7;

	(void)state;
	assert_int_equal(rawbpf_object_load(NULL), -EINVAL);
	rawbpf_object_close(NULL);
	assert_string_equal(rawbpf_object_error(NULL), "");
	assert_null(rawbpf_object_name(NULL));
	assert_int_equal(rawbpf_object_btf_fd(NULL), -EINVAL);
	assert_null(rawbpf_object_next_program(NULL, NULL));
	assert_null(rawbpf_object_find_program(NULL, "x"));
	assert_null(rawbpf_object_next_map(NULL, NULL));
	assert_null(rawbpf_object_find_map(NULL, "x"));
	assert_null(rawbpf_object_global_data(NULL, ".rodata", &size));
	assert_int_equal(size, 7);
}

static void test_program_null(void **state)
{
	struct rawbpf_attachment *at = NULL;

	(void)state;
	assert_null(rawbpf_program_name(NULL));
	assert_null(rawbpf_program_section(NULL));
	assert_int_equal(rawbpf_program_fd(NULL), -EINVAL);
	assert_int_equal(rawbpf_program_insn_count(NULL), 0);
	assert_int_equal(rawbpf_program_type(NULL), 0);
	assert_int_equal(rawbpf_program_expected_attach_type(NULL), 0);
	assert_int_equal(rawbpf_program_flags(NULL), 0);
	assert_int_equal(rawbpf_program_set_type(NULL, 1, 0), -EINVAL);
	assert_int_equal(rawbpf_program_set_attach_target(NULL, 0, 1, 0),
			 -EINVAL);
	assert_int_equal(rawbpf_program_attach_btf_id(NULL), 0);
	assert_int_equal(rawbpf_program_set_flags(NULL, 0), -EINVAL);
	assert_int_equal(rawbpf_program_set_autoload(NULL, true), -EINVAL);
	assert_false(rawbpf_program_autoload(NULL));
	assert_int_equal(rawbpf_program_error(NULL), -EINVAL);
	assert_string_equal(rawbpf_program_log(NULL), "");
	assert_int_equal(rawbpf_program_set_attach_func(NULL, 0, "f"), -EINVAL);
	assert_int_equal(rawbpf_program_attach(NULL, NULL, &at), -EINVAL);
	assert_null(at);
}

static void test_map_null(void **state)
{
	struct rawbpf_attachment *at = NULL;

	(void)state;
	assert_int_equal(rawbpf_attach_struct_ops(NULL, &at), -EINVAL);
	assert_null(at);
	assert_null(rawbpf_map_name(NULL));
	assert_int_equal(rawbpf_map_fd(NULL), -EINVAL);
	assert_int_equal(rawbpf_map_type(NULL), 0);
	assert_int_equal(rawbpf_map_key_size(NULL), 0);
	assert_int_equal(rawbpf_map_value_size(NULL), 0);
	assert_int_equal(rawbpf_map_max_entries(NULL), 0);
	assert_int_equal(rawbpf_map_flags(NULL), 0);
	assert_null(rawbpf_map_initial_value(NULL, NULL));
	assert_int_equal(rawbpf_map_set_max_entries(NULL, 1), -EINVAL);
	assert_int_equal(rawbpf_map_set_value_size(NULL, 8), -EINVAL);
	assert_false(rawbpf_map_reused(NULL));
	assert_null(rawbpf_map_pin_path(NULL));
	assert_int_equal(rawbpf_map_value_stride(NULL), 0);
	assert_int_equal(rawbpf_map_set_reuse_fd(NULL, 0), -EINVAL);
	assert_int_equal(rawbpf_map_set_pin_path(NULL, "/sys/fs/bpf/x"), -EINVAL);
	assert_int_equal(rawbpf_map_set_inner_map_fd(NULL, 0), -EINVAL);
}

static void test_globals_attach_null(void **state)
{
	struct rawbpf_global_info gi;
	struct rawbpf_attachment *at = NULL;
	uint32_t it = 0, v = 0;

	(void)state;
	assert_null(rawbpf_program_attachment(NULL));
	assert_int_equal(rawbpf_object_find_global(NULL, "x", &gi), -EINVAL);
	assert_int_equal(rawbpf_object_next_global(NULL, &it, &gi), -EINVAL);
	assert_int_equal(rawbpf_object_set_global(NULL, "x", &v, 4), -EINVAL);
	assert_int_equal(rawbpf_object_get_global(NULL, "x", &v, 4), -EINVAL);
	assert_int_equal(rawbpf_object_attach(NULL), -EINVAL);
	assert_int_equal(rawbpf_attach_usdt(NULL, -1, "/bin/true", "p", "n", NULL,
					    &at), -EINVAL);
	assert_int_equal(rawbpf_attach_usdt_spec(NULL, -1, "/bin/true:p:n", NULL,
						 &at), -EINVAL);
	assert_null(at);
	rawbpf_object_detach(NULL);
}

static void test_map_access_null(void **state)
{
	uint32_t k = 0, next;
	uint64_t v = 0;

	(void)state;
	assert_int_equal(rawbpf_map_lookup_elem(NULL, &k, 4, &v, 8, 0), -EINVAL);
	assert_int_equal(rawbpf_map_update_elem(NULL, &k, 4, &v, 8, 0), -EINVAL);
	assert_int_equal(rawbpf_map_delete_elem(NULL, &k, 4, 0), -EINVAL);
	assert_int_equal(rawbpf_map_get_next_key(NULL, NULL, &next, 4), -EINVAL);
}

static void test_attachment_null(void **state)
{
	struct rawbpf_link_info info;
	char *text = NULL;
	size_t len = 3;

	(void)state;
	assert_int_equal(rawbpf_attachment_kind(NULL), 0);
	assert_int_equal(rawbpf_attachment_fd(NULL), -EINVAL);
	assert_int_equal(rawbpf_attachment_pin(NULL, "/sys/fs/bpf/x"), -EINVAL);
	assert_int_equal(rawbpf_attachment_unpin(NULL), -EINVAL);
	assert_int_equal(rawbpf_attachment_update(NULL, 3, -1), -EINVAL);
	assert_int_equal(rawbpf_attachment_detach(NULL), -EINVAL);
	assert_int_equal(rawbpf_attachment_info(NULL, &info), -EINVAL);
	rawbpf_attachment_destroy(NULL);
	rawbpf_attachment_disown(NULL);
	assert_int_equal(rawbpf_attachment_cpu_count(NULL), 0);
	assert_int_equal(rawbpf_iter_open(NULL), -EINVAL);
	assert_int_equal(rawbpf_iter_read(NULL, &text, &len), -EINVAL);
	assert_null(text);
	assert_int_equal(len, 3);
	rawbpf_iter_text_free(NULL, NULL);
}

static int no_sample(void *ctx, const void *data, size_t size)
{
	(void)ctx, (void)data, (void)size;
	return 0;
}

static void test_buffers_null(void **state)
{
	(void)state;
	assert_int_equal(rawbpf_ring_buffer_add(NULL, 3, no_sample, NULL),
			 -EINVAL);
	assert_int_equal(rawbpf_ring_buffer_poll(NULL, 0), -EINVAL);
	assert_int_equal(rawbpf_ring_buffer_consume(NULL), -EINVAL);
	assert_int_equal(rawbpf_ring_buffer_epoll_fd(NULL), -EINVAL);
	rawbpf_ring_buffer_free(NULL);
	assert_int_equal(rawbpf_perf_buffer_poll(NULL, 0), -EINVAL);
	assert_int_equal(rawbpf_perf_buffer_consume(NULL), -EINVAL);
	assert_int_equal(rawbpf_perf_buffer_epoll_fd(NULL), -EINVAL);
	assert_int_equal(rawbpf_perf_buffer_cpu_count(NULL), -EINVAL);
	rawbpf_perf_buffer_free(NULL);
}

/* The handle types whose functions must accept NULL. */
static const char *const handles[] = {
	"rawbpf_object ", "rawbpf_program ", "rawbpf_map ",
	"rawbpf_attachment ", "rawbpf_ring_buffer ", "rawbpf_perf_buffer ",
};

/* Whether the parameter list at @p starts with a pointer to a handle. */
static int takes_handle(const char *p)
{
	size_t i;

	while (*p == ' ' || *p == '\t' || *p == '\n')
		p++;
	if (!strncmp(p, "const ", 6))
		p += 6;
	if (strncmp(p, "struct ", 7))
		return 0;
	p += 7;
	for (i = 0; i < sizeof(handles) / sizeof(handles[0]); i++)
		if (!strncmp(p, handles[i], strlen(handles[i])) &&
		    p[strlen(handles[i])] == '*')
			return 1;
	return 0;
}

/* Fail for each function of @hdr taking a handle first that @self lacks. */
static int check_header(const char *hdr, const char *self)
{
	const char *p = hdr, *name;
	char fn[128];
	int missing = 0;

	while ((p = strstr(p, "rawbpf_"))) {
		size_t n;

		name = p;
		n = strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789_");
		p = name + n;
		if (*p != '(' || !takes_handle(p + 1) || n >= sizeof(fn))
			continue;
		memcpy(fn, name, n);
		fn[n] = '(';
		fn[n + 1] = '\0';
		if (!strstr(self, fn)) {
			print_error("%s takes a handle but is not tested with NULL\n",
				    fn);
			missing++;
		}
	}
	return missing;
}

static void test_every_handle_function_is_covered(void **state)
{
	char path[512];
	char *self, *hdr;
	struct dirent *de;
	DIR *d;
	int missing = 0, headers = 0;
	size_t size;

	(void)state;
	self = rb_read_file(RAWBPF_SOURCE_DIR "/tests/unit/api_null_handles.c",
			    &size);
	assert_non_null(self);
	d = opendir(RAWBPF_SOURCE_DIR "/include/rawbpf");
	assert_non_null(d);
	while ((de = readdir(d))) {
		size_t n = strlen(de->d_name);

		if (n < 3 || strcmp(de->d_name + n - 2, ".h"))
			continue;
		snprintf(path, sizeof(path), "%s/include/rawbpf/%s",
			 RAWBPF_SOURCE_DIR, de->d_name);
		hdr = rb_read_file(path, &size);
		assert_non_null(hdr);
		missing += check_header(hdr, self);
		headers++;
		free(hdr);
	}
	closedir(d);
	free(self);
	assert_true(headers >= 10);
	assert_int_equal(missing, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_object_null),
		cmocka_unit_test(test_program_null),
		cmocka_unit_test(test_map_null),
		cmocka_unit_test(test_map_access_null),
		cmocka_unit_test(test_globals_attach_null),
		cmocka_unit_test(test_attachment_null),
		cmocka_unit_test(test_buffers_null),
		cmocka_unit_test(test_every_handle_function_is_covered),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
